using Workflows.Documents.Official;
using Workflows.Documents.Templates;

namespace Workflows.Documents.Tests.Templates;

public class TemplateTests
{
    [Fact]
    public void Every_shipped_template_is_embedded_and_parses()
    {
        var ids = TemplateLibrary.All.Select(t => t.Id).ToList();
        Assert.Equal(
            ["application-printout", "official-letter", "official-notice", "official-reply", "pilot-designation", "statistical-report",
             "training-attendance-register", "training-certificate", "training-hours-register"],
            ids);
    }

    [Fact]
    public void A_template_survives_a_round_trip_through_json()
    {
        var reply = TemplateLibrary.Get("official-reply");
        var again = DocumentTemplate.FromJson(reply.ToJson());
        var official = Assert.IsType<OfficialDocumentTemplate>(again);
        Assert.Equal(reply.Id, official.Id);
        Assert.Equal(((OfficialDocumentTemplate)reply).Body, official.Body);
    }

    [Fact]
    public void An_edited_template_is_a_new_version_with_new_wording()
    {
        var json = TemplateLibrary.Json("official-reply").Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal)
            .Replace("此复。", "特此批复。", StringComparison.Ordinal);
        var edited = DocumentTemplate.FromJson(json);

        var text = Workflows.Pdf.Tests.PdfChecks.Text(DocumentRenderer.Render(edited, Samples.Reply()));
        Assert.Equal(2, edited.Version);
        Assert.Contains("特此批复。", text);
    }

    [Fact]
    public void A_template_names_font_roles_for_its_parts()
    {
        var reply = (OfficialDocumentTemplate)TemplateLibrary.Get("official-reply");
        Assert.Equal("正文", reply.Fonts["body"]);
        var heiti = reply with { Fonts = new Dictionary<string, string>(reply.Fonts) { ["body"] = "黑体" } };

        using var read = UglyToad.PdfPig.PdfDocument.Open(DocumentRenderer.Render(heiti, Samples.Reply()));

        Assert.Contains(read.GetPage(1).Letters, l => l.Value == "收" && l.FontName!.EndsWith("+NotoSansSC-Regular", StringComparison.Ordinal));
    }

    [Fact]
    public void A_template_naming_an_unknown_font_role_is_refused()
    {
        var reply = (OfficialDocumentTemplate)TemplateLibrary.Get("official-reply");
        var broken = reply with { Fonts = new Dictionary<string, string> { ["body"] = "仿宋_GB2312.ttf" } };
        var error = Assert.Throws<TemplateException>(() => DocumentRenderer.Render(broken, Samples.Reply()));
        Assert.Contains("fonts.body", error.Message);
        Assert.Contains("标题, 正文, 黑体, 楷体", error.Message);
    }

    [Fact]
    public void Placeholders_read_nested_paths_lists_and_format_dates()
    {
        var model = new DocumentModel(Samples.Application(), "test");
        Assert.Equal("兴安路18号", model.Fill("{{form.address}}"));
        Assert.Equal("同意。", model.Fill("{{reviews[2].opinion}}"));
        Assert.Equal("2026年9月8日", model.Fill("{{application.submittedAt|date}}"));
        Assert.Equal("面积320", model.Fill("面积{{ form.requestedArea }}"));
        Assert.Equal("", model.Fill("{{form.nothing?}}"));
        Assert.Equal("186.5", model.Fill("{{form.budget}}"));
    }

    [Fact]
    public void A_missing_path_is_an_error_naming_template_and_path()
    {
        var model = new DocumentModel(Samples.Application(), "official-reply v3");
        var error = Assert.Throws<TemplateException>(() => model.Fill("选址：{{form.site.address}}"));
        Assert.Equal("Template 'official-reply v3': field 'form.site.address' is missing from the document data", error.Message);
    }

    [Fact]
    public void An_unknown_filter_or_unclosed_placeholder_is_reported()
    {
        var model = new DocumentModel(Samples.Application(), "t");
        Assert.Contains("unknown filter", Assert.Throws<TemplateException>(() => model.Fill("{{form.address|upper}}")).Message);
        Assert.Contains("not closed", Assert.Throws<TemplateException>(() => model.Fill("{{form.address")).Message);
    }

    [Fact]
    public void An_unknown_template_id_lists_the_shipped_ones()
    {
        var error = Assert.Throws<TemplateException>(() => TemplateLibrary.Get("no-such"));
        Assert.Contains("official-reply", error.Message);
    }
}
