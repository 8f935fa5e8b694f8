using Workflows.Forms.Attachments;
using Workflows.Forms.Schema;
using Workflows.Forms.Tests.Support;

namespace Workflows.Forms.Tests.Attachments;

public class AttachmentTests
{
    private static FormComponent Picker(string accept, bool multiple = false, string? properties = null)
    {
        var form = Repository.Schema($$"""
            { "id": "t", "components": [ { "id": "p", "type": "filepicker", "key": "evidence", "label": "证明材料", "accept": "{{accept}}"
              {{(multiple ? ", \"multiple\": true" : "")}} {{(properties is null ? "" : ", \"properties\": " + properties)}} } ] }
            """);
        return form.AllComponents.Single();
    }

    private static IncomingFile File(string name, byte[] bytes, string? contentType = null) => new(name, contentType, bytes.Length, bytes);

    private static FileVerdict One(FormComponent picker, IncomingFile file) => Assert.Single(AttachmentChecker.CheckField(picker, "evidence", [file]));

    public static TheoryData<string, FileKind> Kinds => new()
    {
        { nameof(SampleFiles.Pdf), FileKind.Pdf },
        { nameof(SampleFiles.Png), FileKind.Png },
        { nameof(SampleFiles.Jpeg), FileKind.Jpeg },
        { nameof(SampleFiles.Gif), FileKind.Gif },
        { nameof(SampleFiles.WebP), FileKind.WebP },
        { nameof(SampleFiles.Docx), FileKind.Docx },
        { nameof(SampleFiles.Xlsx), FileKind.Xlsx },
        { nameof(SampleFiles.PlainZip), FileKind.Zip },
        { nameof(SampleFiles.Doc), FileKind.Doc },
        { nameof(SampleFiles.Xls), FileKind.Xls },
        { nameof(SampleFiles.Csv), FileKind.Text },
        { nameof(SampleFiles.Gb18030Csv), FileKind.Text },
        { nameof(SampleFiles.Html), FileKind.Markup },
        { nameof(SampleFiles.Elf), FileKind.Elf },
        { nameof(SampleFiles.WindowsExe), FileKind.PortableExecutable },
        { nameof(SampleFiles.MachO), FileKind.MachO },
        { nameof(SampleFiles.ShellScript), FileKind.Script },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_real_type_is_told_from_the_first_bytes(string sample, FileKind expected)
    {
        var bytes = (byte[])typeof(SampleFiles).GetProperty(sample)!.GetValue(null)!;

        Assert.Equal(expected, FileTypeDetector.Detect(bytes));
    }

    [Fact]
    public void Binary_noise_is_of_unknown_type()
    {
        Assert.Equal(FileKind.Unknown, FileTypeDetector.Detect([0x00, 0x01, 0x02, 0xFE, 0x10]));
        Assert.Equal(FileKind.Unknown, FileTypeDetector.Detect([]));
    }

    [Fact]
    public void An_ELF_executable_renamed_to_pdf_is_refused()
    {
        var verdict = One(Picker(".pdf"), File("申请书.pdf", SampleFiles.Elf, "application/pdf"));

        Assert.False(verdict.Accepted);
        var error = Assert.Single(verdict.Errors, e => e.Code == "FILE_EXECUTABLE");
        Assert.Equal("evidence", error.Path);
        Assert.Contains("证明材料", error.MessageZh);
        Assert.Contains("executable", error.MessageEn);
    }

    [Theory]
    [InlineData("setup.docx", nameof(SampleFiles.WindowsExe))]
    [InlineData("photo.png", nameof(SampleFiles.MachO))]
    [InlineData("names.csv", nameof(SampleFiles.ShellScript))]
    public void Executables_and_scripts_are_refused_whatever_their_name(string name, string sample)
    {
        var bytes = (byte[])typeof(SampleFiles).GetProperty(sample)!.GetValue(null)!;

        var verdict = One(Picker(""), File(name, bytes));

        Assert.Contains(verdict.Errors, e => e.Code == "FILE_EXECUTABLE");
    }

    [Fact]
    public void A_file_of_an_accepted_type_with_a_matching_name_is_accepted()
    {
        var picker = Picker(".pdf,.jpg,.jpeg,.png,.docx");

        foreach (var (name, bytes) in new[] { ("a.pdf", SampleFiles.Pdf), ("b.JPG", SampleFiles.Jpeg), ("c.png", SampleFiles.Png), ("d.docx", SampleFiles.Docx) })
        {
            var verdict = One(picker, File(name, bytes));
            Assert.True(verdict.Accepted, name + ": " + string.Join("; ", verdict.Errors));
        }
    }

    [Fact]
    public void A_real_type_outside_the_accept_list_is_refused()
    {
        var verdict = One(Picker("image/*"), File("报告.docx", SampleFiles.Docx));

        Assert.Equal("FILE_TYPE_NOT_ACCEPTED", Assert.Single(verdict.Errors).Code);
    }

    [Fact]
    public void A_name_that_does_not_match_the_real_type_is_refused()
    {
        var verdict = One(Picker(".pdf,.png"), File("scan.pdf", SampleFiles.Png));

        Assert.Equal("FILE_NAME_MISMATCH", Assert.Single(verdict.Errors).Code);
    }

    [Fact]
    public void A_declared_media_type_that_contradicts_the_content_is_refused_but_octet_stream_is_no_claim()
    {
        Assert.Contains(One(Picker(".pdf"), File("a.pdf", SampleFiles.Pdf, "image/png")).Errors, e => e.Code == "FILE_CONTENT_TYPE_MISMATCH");
        Assert.True(One(Picker(".pdf"), File("a.pdf", SampleFiles.Pdf, "application/octet-stream")).Accepted);
    }

    [Fact]
    public void Pages_zips_and_unknown_data_are_refused_even_without_an_accept_list()
    {
        Assert.False(One(Picker(""), File("index.txt", SampleFiles.Html)).Accepted);
        Assert.False(One(Picker(""), File("a.zip", SampleFiles.PlainZip)).Accepted);
        Assert.False(One(Picker(""), File("a.bin", [0, 1, 2, 3])).Accepted);
        Assert.True(One(Picker(""), File("名单.csv", SampleFiles.Gb18030Csv)).Accepted);
    }

    [Fact]
    public void Legacy_office_files_are_accepted_under_their_own_extensions()
    {
        var picker = Picker(".doc,.xls");

        Assert.True(One(picker, File("a.doc", SampleFiles.Doc)).Accepted);
        Assert.True(One(picker, File("b.xls", SampleFiles.Xls)).Accepted);
        Assert.False(One(picker, File("c.xls", SampleFiles.Doc)).Accepted);
    }

    [Fact]
    public void Size_and_count_limits_apply_per_field()
    {
        var policy = new AttachmentPolicy { MaxFileBytes = 1024 };
        var single = Picker(".pdf");
        var big = new IncomingFile("big.pdf", null, 5000, SampleFiles.Pdf);

        Assert.Contains(AttachmentChecker.CheckField(single, "evidence", [big], policy)[0].Errors, e => e.Code == "FILE_TOO_LARGE");

        var two = AttachmentChecker.CheckField(single, "evidence", [File("a.pdf", SampleFiles.Pdf), File("b.pdf", SampleFiles.Pdf)]);
        Assert.True(two[0].Accepted);
        Assert.Contains(two[1].Errors, e => e.Code == "FILE_TOO_MANY");

        var multiple = Picker(".pdf", multiple: true, properties: """{ "maxFiles": "2", "maxFileSizeMb": "1" }""");
        var three = AttachmentChecker.CheckField(multiple, "evidence", Enumerable.Repeat(File("a.pdf", SampleFiles.Pdf), 3).ToArray());
        Assert.Equal(new[] { true, true, false }, three.Select(v => v.Accepted).ToArray());
        Assert.Contains(AttachmentChecker.CheckField(multiple, "evidence", [new IncomingFile("x.pdf", null, 2 * 1024 * 1024, SampleFiles.Pdf)])[0].Errors, e => e.Code == "FILE_TOO_LARGE");
    }

    [Fact]
    public void Totals_over_a_form_are_limited()
    {
        var policy = new AttachmentPolicy { MaxFilesPerForm = 2, MaxBytesPerForm = 100 };

        var issues = AttachmentChecker.CheckForm(Enumerable.Repeat(new IncomingFile("a.pdf", null, 60, SampleFiles.Pdf), 3), policy);

        Assert.Equal(new[] { "FILES_TOO_LARGE_IN_FORM", "FILES_TOO_MANY_IN_FORM" }, issues.Select(i => i.Code).Order().ToArray());
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        Assert.Contains(One(Picker(".pdf"), new IncomingFile("a.pdf", null, 0, Array.Empty<byte>())).Errors, e => e.Code == "FILE_EMPTY");
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\王\\申请书.pdf", "申请书.pdf")]
    [InlineData("report\u0000\u0007.pdf", "report.pdf")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]
    [InlineData("  a   b  .pdf  ", "a b.pdf")]
    [InlineData("con.txt", "_con.txt")]
    [InlineData("what?<is>*this|.pdf", "what__is__this_.pdf")]
    [InlineData("", "file")]
    [InlineData("...", "file")]
    [InlineData("/", "file")]
    public void File_names_are_made_safe(string name, string safe)
    {
        Assert.Equal(safe, FileNames.Sanitize(name));
    }

    [Fact]
    public void A_long_name_is_cut_keeping_its_extension_and_whole_characters()
    {
        var name = string.Concat(Enumerable.Repeat("社区👨‍👩‍👧", 100)) + ".pdf";

        var safe = FileNames.Sanitize(name, maxLength: 50);

        Assert.EndsWith(".pdf", safe);
        Assert.True(safe.Length <= 50, safe);
        Assert.True(System.Text.Unicode.Utf8.IsValid(System.Text.Encoding.UTF8.GetBytes(safe)));
        Assert.DoesNotContain('\uFFFD', safe);
        Assert.False(char.IsHighSurrogate(safe[^5]));
    }

    [Fact]
    public void An_accept_list_with_unknown_tokens_is_reported_at_deploy()
    {
        var problems = SchemaChecker.Check("""{ "id": "f", "schemaVersion": 19, "components": [ { "id": "p", "type": "filepicker", "key": "f", "accept": ".pdf,.exe,video/*" } ] }""");

        Assert.Equal(2, problems.Count(p => p.Code == "SCHEMA_ACCEPT_UNKNOWN"));
    }
}
