using Workflows.Forms.Options;
using Workflows.Forms.Schema;
using Workflows.Forms.Tests.Support;

namespace Workflows.Forms.Tests.Schema;

public class ShippedFormsTests
{
    public static TheoryData<string> Files => new(Repository.FormFiles.Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_shipped_form_passes_the_schema_check_without_problems(string file)
    {
        var problems = SchemaChecker.Check(File.ReadAllText(Path.Combine(Repository.FormsFolder, file)), OptionLists.Shared());

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_four_forms_of_the_domain_are_shipped()
    {
        var ids = Repository.FormFiles.Select(f => FormDefinition.Parse(File.ReadAllText(f)).Definition!.Id).ToArray();

        Assert.Equal(new[] { "facility-application", "pilot-application", "statistical-report", "training-record" }, ids.Order().ToArray());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_shipped_form_has_a_computed_field_and_a_dynamic_list(string file)
    {
        var form = FormDefinition.Parse(File.ReadAllText(Path.Combine(Repository.FormsFolder, file))).Definition!;

        Assert.Contains(form.AllComponents, c => c.Type == "expression");
        Assert.Contains(form.AllComponents, c => c.IsRepeatingList);
        Assert.Contains(form.AllComponents, c => c.Hide is not null);
    }
}
