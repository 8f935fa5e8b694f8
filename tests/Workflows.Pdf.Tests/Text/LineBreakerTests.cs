using Workflows.Pdf.Text;

namespace Workflows.Pdf.Tests.Text;

public class LineBreakerTests
{
    private static readonly TextStyle Style = new(TestFonts.Chain, 10);

    private static List<string> Lines(string text, double widthInCharacters)
    {
        var shaped = new ShapedText(text, Style);
        var width = widthInCharacters * 10;
        return [.. LineBreaker.Break(shaped, width, width).Select(l => text[l.Start..l.End].TrimEnd())];
    }

    [Fact]
    public void Han_text_breaks_between_any_two_characters()
    {
        Assert.Equal(["社区服务", "中心建设"], Lines("社区服务中心建设", 4));
    }

    [Fact]
    public void No_line_starts_with_a_closing_mark()
    {
        foreach (var mark in "，。、；：！？）》」』")
        {
            var lines = Lines($"社区服务{mark}中心建设", 4);
            Assert.All(lines, line => Assert.DoesNotContain(line[0], BreakClasses.LineStartProhibited));
            Assert.Equal($"社区服务{mark}中心建设", string.Concat(lines));
        }
    }

    [Fact]
    public void No_line_ends_with_an_opening_mark()
    {
        foreach (var mark in "（《「『")
        {
            var lines = Lines($"社区服{mark}中心建设", 4);
            Assert.All(lines, line => Assert.DoesNotContain(line[^1], BreakClasses.LineEndProhibited));
        }
    }

    [Fact]
    public void Latin_words_and_numbers_stay_whole()
    {
        var lines = Lines("面积320平方米Community服务", 6);
        Assert.Contains(lines, l => l.Contains("320", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Community", StringComparison.Ordinal));
        var decimals = Lines("投资估算186.5万元整", 4);
        Assert.Contains(decimals, l => l.Contains("186.5", StringComparison.Ordinal));
    }

    [Fact]
    public void Latin_text_breaks_at_spaces()
    {
        var lines = Lines("the quick brown fox jumps over", 6);
        Assert.Equal("the quick brown fox jumps over", string.Join(" ", lines));
        Assert.All(lines, l => Assert.False(l.StartsWith(' ')));
    }

    [Fact]
    public void A_word_longer_than_the_line_is_cut_rather_than_overflowing()
    {
        var lines = Lines(new string('a', 200), 5);
        Assert.True(lines.Count > 5);
        Assert.Equal(new string('a', 200), string.Concat(lines));
    }

    [Fact]
    public void Paired_dashes_and_ellipses_are_not_split()
    {
        var lines = Lines("社区建设——服务居民……好", 5);
        Assert.DoesNotContain(lines, l => l.EndsWith('—') && !l.EndsWith("——", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith('…'));
    }

    [Fact]
    public void Line_feeds_end_lines()
    {
        Assert.Equal(["社区", "服务"], Lines("社区\n服务", 20));
    }

    [Theory]
    [InlineData('社', '区', true)]
    [InlineData('a', 'b', false)]
    [InlineData('1', '2', false)]
    [InlineData('区', '，', false)]
    [InlineData('（', '区', false)]
    [InlineData('，', '区', true)]
    [InlineData(' ', 'a', true)]
    [InlineData('a', '社', true)]
    public void Break_opportunities_follow_the_rules(char before, char after, bool allowed)
    {
        Assert.Equal(allowed, LineBreaker.CanBreakBetween(before, after));
    }
}
