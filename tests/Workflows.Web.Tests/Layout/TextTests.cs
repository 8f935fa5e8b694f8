using System.Text.RegularExpressions;
using Workflows.Server.Web;

namespace Workflows.Web.Tests.Layout;

public sealed partial class TextTests
{
    [Fact]
    public void Every_label_the_pages_use_has_a_Chinese_text()
    {
        var components = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Workflows.Server", "Components"));
        var missing = Directory.EnumerateFiles(components, "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => Key().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Distinct()
            .Where(key => !UiText.Chinese.ContainsKey(key))
            .ToList();
        Assert.Empty(missing);
    }

    [GeneratedRegex("""L\["((?:[^"\\]|\\.)+)"\]""")]
    private static partial Regex Key();
}
