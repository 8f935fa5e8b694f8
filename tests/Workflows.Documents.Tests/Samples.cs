using System.IO.Compression;
using System.Text.Json;

namespace Workflows.Documents.Tests;

/// <summary>Data a workflow would hand to the document templates, from the demo organisations.</summary>
public static class Samples
{
    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static readonly string Issuer = """
        "issuer": { "name": "黑河市爱辉区民政局", "office": "黑河市爱辉区民政局办公室" }
        """;

    public static JsonElement Reply(string? requestedArea = "320") => Json($$"""
        {
          {{Issuer}},
          "document": { "number": "爱民发〔2026〕12号", "date": "2026-11-23", "copyTo": "区社区建设领导小组各成员单位，西兴街道办事处",
                        "attachments": ["社区服务中心建设标准", "项目资金安排表"] },
          "applicant": { "name": "西兴街道兴安社区居民委员会" },
          "form": { "facilityKind": "社区服务中心", {{(requestedArea is null ? "" : $"\"requestedArea\": \"{requestedArea}\",")}}
                    "address": "兴安路18号", "fundingSource": "区财政专项资金和福彩公益金" }
        }
        """);

    public static JsonElement Notice(int paragraphs = 6) => Json($$"""
        {
          {{Issuer}},
          "document": { "number": "爱民发〔2026〕15号", "date": "2026-11-23", "copyTo": "市民政局" },
          "notice": {
            "subject": "做好2026年度社区工作者培训工作",
            "addressee": "各街道办事处、乡镇人民政府，区直有关部门",
            "paragraphs": [{{string.Join(",", Enumerable.Range(1, paragraphs).Select(i => i switch
            {
                1 => "\"为加强社区工作者队伍建设，提高社区工作者管理社会事务、协调利益关系、开展群众工作、处理矛盾纠纷、维护社会稳定的能力，根据上级有关要求，现就做好2026年度社区工作者培训工作通知如下。\"",
                2 => "\"一、培训对象和要求\"",
                3 => "\"（一）培训对象。全区社区党组织书记、居委会主任、副主任、专职委员和社区专职工作人员。\"",
                4 => "\"（二）学时要求。每名社区工作者每年参加培训两次以上，每人每年受训时间一般不少于20小时；新当选或新任社区工作者应及时参加业务培训和岗位轮训。\"",
                _ => $"\"{i - 4}. 各街道办事处要结合实际，采取短期培训、以会代训等方式定期开展培训，于每次培训结束后7日内上传签到表和学时登记表（Excel格式，编号TR-{i:000}），确保培训记录真实、完整、可核查。\"",
            }))}}]
          }
        }
        """);

    public static JsonElement Letter() => Json($$"""
        {
          {{Issuer}},
          "document": { "number": "爱民函〔2026〕3号", "date": "2026-11-20" },
          "letter": {
            "subject": "商请协助开展社区服务设施用房核查",
            "addressee": "黑河市自然资源局爱辉分局",
            "paragraphs": [
              "根据《关于加强城乡社区综合服务设施建设的意见》要求，我局拟于2026年12月对全区新建住宅小区配建的社区办公和服务用房进行核查。",
              "为确保核查工作顺利开展，商请贵局提供2024年以来全区新建住宅小区规划审批资料中社区用房配建情况，并派员参加联合核查。",
              "妥否，请函复。"
            ]
          }
        }
        """);

    public static JsonElement Certificate(string name = "王秀兰") => Json($$"""
        {
          "person": { "name": "{{name}}", "unit": "西兴街道兴安社区居民委员会", "role": "居委会主任" },
          "session": { "title": "2026年度社区工作者业务能力提升培训班", "kind": "业务培训", "organiser": "黑河市爱辉区民政局",
                       "startDate": "2026-10-12", "endDate": "2026-10-16", "venue": "区委党校", "hours": 24 },
          "attendance": { "hours": 24, "certificateNo": "AH-2026-0137" }
        }
        """);

    public static JsonElement Register(int attendees) => Json($$"""
        {
          "session": { "title": "2026年度社区工作者业务能力提升培训班", "kind": "业务培训", "organiser": "黑河市爱辉区民政局",
                       "startDate": "2026-10-12", "endDate": "2026-10-16", "venue": "区委党校", "hours": 24, "expected": {{attendees}} },
          "register": { "preparedBy": "李明", "checkedBy": "赵国强", "date": "2026-10-16" },
          "attendees": [{{string.Join(",", Enumerable.Range(1, attendees).Select(i =>
              $"{{\"name\":\"{Names[i % Names.Length]}\",\"unit\":\"{Units[i % Units.Length]}\",\"role\":\"{Roles[i % Roles.Length]}\",\"hours\":{(i % 7 == 0 ? 16 : 24)}}}"))}}]
        }
        """);

    public static JsonElement HoursRegister() => Json($$"""
        {
          "register": { "year": 2026, "unit": "西兴街道办事处", "asOf": "2026-11-23", "preparedBy": "李明" },
          "people": [{{string.Join(",", Enumerable.Range(1, 18).Select(i =>
              $"{{\"name\":\"{Names[i % Names.Length]}\",\"role\":\"{Roles[i % Roles.Length]}\",\"sessions\":{i % 4},\"hours\":{i * 3 % 31},\"lastTraining\":\"2026-{1 + i % 11:00}-{1 + i % 27:00}\",\"compliant\":{(i * 3 % 31 >= 20 && i % 4 >= 2 ? "true" : "false")}}}"))}}]
        }
        """);

    public static JsonElement Application(string? longValue = null) => Json($$"""
        {
          "application": { "formName": "社区服务设施建设申报表", "number": "SQ-2026-000318", "submittedAt": "2026-09-08T10:12:00Z" },
          "applicant": { "name": "西兴街道兴安社区居民委员会", "parent": "西兴街道办事处", "contact": "王秀兰", "phone": "0456-8221234" },
          "form": {
            "facilityKind": "社区服务中心",
            "projectKind": "新建",
            "households": 3120,
            "requestedArea": 320,
            "address": "兴安路18号",
            "functions": ["综合服务大厅", "图书室", "会议室", "居家养老服务站"],
            "fundingSource": "区财政专项资金和福彩公益金",
            "budget": 186.5,
            "description": {{JsonSerializer.Serialize(longValue ?? "兴安社区现有办公和服务用房85平方米，低于普通社区300至500平方米的标准，难以开展一站式服务。拟新建社区服务中心，设置综合服务大厅、图书室、会议室和居家养老服务站，方便居民就近办事。")}}
          },
          "formLabels": { "facilityKind": "设施类型", "projectKind": "建设类型", "households": "服务户数", "requestedArea": "申请建筑面积（平方米）",
                          "address": "选址", "functions": "主要功能", "fundingSource": "资金来源", "budget": "投资估算（万元）", "description": "现状与建设理由" },
          "reviews": [
            { "level": "街道审核意见", "opinion": "情况属实，同意上报。", "signer": "刘建华", "date": "2026-09-10" },
            { "level": "县级审核意见", "opinion": "经实地核查，该社区用房面积不达标，建设选址合理，资金来源明确，同意建设，建筑面积核定为320平方米。", "signer": "张伟", "date": "2026-09-18" },
            { "level": "市级审核意见", "opinion": "同意。", "signer": "陈静", "date": "2026-09-25" }
          ]
        }
        """);

    public static JsonElement Report() => Json($$"""
        {
          "report": {
            "title": "2026年第三季度社区建设统计报表", "unit": "黑河市民政局", "period": "2026年7月至9月", "asOf": "2026-09-30",
            "head": "孙立新", "preparedBy": "周丽", "reportedOn": "2026-10-10",
            "units": [
              { "name": "爱辉区", "communities": 42, "stations": 40, "compliant": 35, "complianceRate": 83.3, "workers": 396, "trainings": 812, "averageHours": 22.5 },
              { "name": "北安市", "communities": 37, "stations": 33, "compliant": 26, "complianceRate": 70.3, "workers": 301, "trainings": 577, "averageHours": 18 },
              { "name": "五大连池市", "communities": 18, "stations": 18, "compliant": 15, "complianceRate": 83.3, "workers": 142, "trainings": 301, "averageHours": 21.2 },
              { "name": "嫩江市", "communities": 21, "stations": 19, "compliant": 14, "complianceRate": 66.7, "workers": 176, "trainings": 290, "averageHours": 16.4 },
              { "name": "逊克县", "communities": 9, "stations": 9, "compliant": 8, "complianceRate": 88.9, "workers": 61, "trainings": 130, "averageHours": 24 },
              { "name": "孙吴县", "communities": 8, "stations": 7, "compliant": 5, "complianceRate": 62.5, "workers": 52, "trainings": 88, "averageHours": 15.5 }
            ]
          }
        }
        """);

    private static readonly string[] Names = ["王秀兰", "李建国", "张丽华", "刘洋", "陈志强", "杨帆", "赵敏", "黄晓燕", "周杰", "吴桂芬", "徐海涛", "孙悦", "马丽娟", "朱红"];
    private static readonly string[] Units = ["兴安社区居民委员会", "海兰社区居民委员会", "西岗子村村民委员会", "花园社区居民委员会", "东兴社区居民委员会"];
    private static readonly string[] Roles = ["社区党组织书记", "居委会主任", "副主任", "专职委员", "社区专职工作人员", "大学生主任助理"];

    /// <summary>A red seal: ring and five-pointed star on a transparent background, as a PNG with alpha.</summary>
    public static byte[] SealPng(int size = 240)
    {
        var pixels = new byte[size * (size * 4 + 1)];
        double centre = (size - 1) / 2.0, outer = size / 2.0 - 2, inner = outer - size / 18.0;
        for (var y = 0; y < size; y++)
        {
            pixels[y * (size * 4 + 1)] = 0;
            for (var x = 0; x < size; x++)
            {
                var dx = x - centre;
                var dy = y - centre;
                var r = Math.Sqrt(dx * dx + dy * dy);
                var ink = (r <= outer && r >= inner) || InStar(dx, -dy, size / 5.0);
                var at = y * (size * 4 + 1) + 1 + x * 4;
                pixels[at] = 220;
                pixels[at + 1] = 20;
                pixels[at + 2] = 20;
                pixels[at + 3] = (byte)(ink ? 200 : 0);
            }
        }
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, size);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8;
        header[9] = 6;
        Chunk(png, "IHDR", header);
        using (var data = new MemoryStream())
        {
            using (var zlib = new ZLibStream(data, CompressionLevel.Fastest, leaveOpen: true))
            {
                zlib.Write(pixels);
            }
            Chunk(png, "IDAT", data.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static bool InStar(double x, double y, double radius)
    {
        // Ten vertices alternating between the outer and inner radius; even-odd test.
        var inside = false;
        for (int i = 0, j = 9; i < 10; j = i++)
        {
            var (xi, yi) = Vertex(i, radius);
            var (xj, yj) = Vertex(j, radius);
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            {
                inside = !inside;
            }
        }
        return inside;
    }

    private static (double X, double Y) Vertex(int i, double radius)
    {
        var r = i % 2 == 0 ? radius : radius * 0.382;
        var angle = Math.PI / 2 + i * Math.PI / 5;
        return (r * Math.Cos(angle), r * Math.Sin(angle));
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(typed, 0);
        data.CopyTo(typed, 4);
        output.Write(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        output.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
