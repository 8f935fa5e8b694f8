using Workflows.Forms.Schema;
using Workflows.Server.FormDesigner;

namespace Workflows.Server.Tests.FormDesigner;

/// <summary>Comparing two schemas field by field, without a server.</summary>
public sealed class FormComparisonTests
{
    [Fact]
    public void The_editors_generated_layout_rows_are_not_changes_but_columns_are()
    {
        var before = Parse("""{"type":"default","components":[{"id":"a","type":"textfield","key":"name","label":"名称"},{"id":"b","type":"number","key":"count","label":"数量"}]}""");
        var after = Parse("""{"type":"default","components":[{"id":"a","type":"textfield","key":"name","label":"名称","layout":{"row":"Row_1"}},{"id":"b","type":"number","key":"count","label":"数量","layout":{"row":"Row_2","columns":8}}]}""");
        var difference = FormComparison.Compare(before, after, "v1", "v2");
        var changed = Assert.Single(difference.Changed);
        Assert.Equal("count", changed.Name);
        Assert.Equal("""{"columns":8}""", Assert.Single(changed.Changes).To);
    }

    [Fact]
    public void Fields_are_matched_by_key_so_a_new_id_is_not_a_new_field_and_texts_by_id()
    {
        var before = Parse("""{"type":"default","components":[{"id":"t","type":"text","text":"# 标题"},{"id":"Field_1","type":"textfield","key":"name","label":"名称"}]}""");
        var after = Parse("""{"type":"default","components":[{"id":"t","type":"text","text":"# 新标题"},{"id":"Field_9","type":"textfield","key":"name","label":"名称"},{"id":"Field_2","type":"select","key":"kind","label":"类型","valuesKey":"facility_kinds"}]}""");
        var difference = FormComparison.Compare(before, after, "v1", "v2");
        Assert.Equal("kind", Assert.Single(difference.Added).Name);
        Assert.Empty(difference.Removed);
        var text = Assert.Single(difference.Changed);
        Assert.Equal(("t", "text", "# 标题", "# 新标题"), (text.Name, text.Changes[0].Property, text.Changes[0].From, text.Changes[0].To));
    }

    private static FormDefinition Parse(string json) => FormDefinition.Parse(json).Definition!;
}
