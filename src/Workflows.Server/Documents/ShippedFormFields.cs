using System.Text.Json.Nodes;
using Workflows.Forms.Options;

namespace Workflows.Server.Documents;

/// <summary>
/// The shipped templates name their fields in their own words (<c>form.facilityKind</c>,
/// <c>person.name</c>); the shipped forms store theirs in the forms' keys (<c>facility_kind</c>,
/// <c>worker_name</c>). This fills the templates' names from the forms' keys, with option labels
/// instead of stored values, wherever the data does not already have them. A field neither
/// provides stays missing, and the template says which.
/// </summary>
public static class ShippedFormFields
{
    /// <summary>Labels of the facility form's funding sources (its own options, not a shared list).</summary>
    private static readonly Dictionary<string, string> FundingSources = new(StringComparer.Ordinal)
    {
        ["central"] = "中央资金", ["provincial_reward"] = "省级以奖代补", ["welfare_lottery"] = "福彩公益金", ["city"] = "市级财政",
        ["county"] = "县级财政", ["street_township"] = "街道（乡镇）", ["resident_units"] = "驻区单位", ["self_raised"] = "居委会自筹",
        ["donations"] = "社会捐助", ["developer_prepayment"] = "开发商预付",
    };

    /// <summary>Labels of the pilot form's programmes (its own options).</summary>
    private static readonly Dictionary<string, string> Programmes = new(StringComparer.Ordinal)
    {
        ["experimental_village"] = "农村社区建设实验村", ["demo_township"] = "全覆盖示范乡镇", ["demo_county"] = "全覆盖示范县",
        ["harmonious_community"] = "和谐社区建设示范单位",
    };

    /// <summary>Adds the templates' names to <paramref name="data"/>; answers the paths that should carry the document number.</summary>
    public static IReadOnlyList<string> Complete(JsonObject data, string applicantName)
    {
        var form = data["form"] as JsonObject ?? [];
        var numbered = new List<string>();
        if (form.ContainsKey("facility_kind"))
        {
            Set(form, "facilityKind", Label("facility_kinds", form["facility_kind"]));
            Set(form, "requestedArea", form["planned_premises_m2"]?.DeepClone());
            if (form["funding_sources"] is JsonArray sources)
            {
                var names = sources.OfType<JsonObject>().Select(s => s["source"]?.ToString()).OfType<string>()
                    .Select(s => FundingSources.GetValueOrDefault(s, s)).Distinct().ToList();
                Set(form, "fundingSource", names.Count == 0 ? null : string.Join("、", names));
            }
            // The form asks for no site address: the applicant's community is where it is built.
            Set(form, "address", (form["site_address"] ?? form["applicant_unit"])?.DeepClone() ?? applicantName);
        }
        if (form.ContainsKey("worker_name"))
        {
            var person = Child(data, "person");
            Set(person, "name", form["worker_name"]?.DeepClone());
            Set(person, "unit", form["unit"]?.DeepClone() ?? applicantName);
            Set(person, "role", Label("worker_roles", form["role"]));
            var session = Child(data, "session");
            Set(session, "title", form["title"]?.DeepClone());
            Set(session, "kind", Label("training_kinds", form["kind"]));
            Set(session, "organiser", form["organiser"]?.DeepClone());
            Set(session, "venue", form["venue"]?.DeepClone());
            Set(session, "startDate", form["date"]?.DeepClone());
            Set(session, "endDate", form["date"]?.DeepClone());
            var attendance = Child(data, "attendance");
            Set(attendance, "hours", form["hours"]?.DeepClone());
            if (form["certificate_no"] is JsonValue given && given.ToString().Length > 0)
            {
                Set(attendance, "certificateNo", given.DeepClone());
            }
            else if (!attendance.ContainsKey("certificateNo"))
            {
                numbered.Add("attendance.certificateNo");
            }
        }
        if (form.ContainsKey("programme"))
        {
            // Pilot and demonstration applications: the designation reply and the province's notice.
            var programme = Programmes.GetValueOrDefault(form["programme"]?.ToString() ?? "", form["programme"]?.ToString() ?? "");
            Set(form, "programmeName", programme);
            var notice = Child(data, "notice");
            Set(notice, "subject", $"推荐{applicantName}为{programme}");
            Set(notice, "addressee", "各市（地）民政局，各县（市、区）民政局");
            Set(notice, "paragraphs", new JsonArray(
                $"经逐级审核，{applicantName}申报{programme}的材料齐全，领导协调机制、社区建设规划、社区综合服务设施、社区各项服务和社区各项管理五个方面符合要求，现予以推荐。",
                $"请{applicantName}按照“成熟一批、推荐一批”的要求，继续巩固和提高，及时总结推广经验。",
                "特此通知。"));
        }
        if (form.ContainsKey("communities_total"))
        {
            // The yearly statistical report: one row for the reporting unit; what the form does not collect shows as a dash.
            var report = Child(data, "report");
            var year = form["period_year"]?.ToString() ?? "";
            Set(report, "title", $"{year}年度城乡社区建设统计报表");
            Set(report, "unit", form["reporting_unit"]?.DeepClone() ?? applicantName);
            Set(report, "period", $"{year}年");
            Set(report, "asOf", form["as_of_date"]?.DeepClone());
            if (!report.ContainsKey("units"))
            {
                var rate = form["premises_compliance_rate"]?.ToString();
                report["units"] = new JsonArray(new JsonObject
                {
                    ["name"] = form["reporting_unit"]?.DeepClone() ?? applicantName,
                    ["communities"] = form["communities_total"]?.DeepClone(),
                    ["compliant"] = form["communities_meeting_standard"]?.DeepClone() ?? "—",
                    ["complianceRate"] = string.IsNullOrEmpty(rate) ? "—" : rate + "%",
                    ["stations"] = "—",
                    ["workers"] = "—",
                    ["trainings"] = "—",
                    ["averageHours"] = "—",
                });
            }
        }
        return numbered;
    }

    private static JsonNode? Label(string list, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }
        var text = value.ToString();
        var entry = OptionLists.ShippedLists.FirstOrDefault(l => l.Name == list)?.Entries.FirstOrDefault(e => e.Value == text);
        return entry?.LabelZh ?? text;
    }

    private static JsonObject Child(JsonObject data, string name)
    {
        if (data[name] is JsonObject existing)
        {
            return existing;
        }
        var created = new JsonObject();
        data[name] = created;
        return created;
    }

    private static void Set(JsonObject target, string name, JsonNode? value)
    {
        if (value is not null && !target.ContainsKey(name))
        {
            target[name] = value;
        }
    }
}
