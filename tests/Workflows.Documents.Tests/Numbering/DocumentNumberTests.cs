using Workflows.Documents.Numbering;

namespace Workflows.Documents.Tests.Numbering;

public class DocumentNumberTests
{
    [Fact]
    public void A_number_has_the_full_year_in_brackets_and_no_leading_zeros()
    {
        Assert.Equal("黑民发〔2026〕12号", DocumentNumber.Format("{unitAbbr}民发〔{year}〕{seq}号", "黑", 2026, 12));
        Assert.Equal("爱民函〔2026〕3号", DocumentNumber.Format("{unitAbbr}民函〔{year}〕{seq}号", "爱", 2026, 3));
    }

    [Fact]
    public void A_pattern_with_di_before_the_sequence_is_refused()
    {
        Assert.Throws<FormatException>(() => new DocumentNumber("{unitAbbr}民发〔{year}〕第{seq}号"));
    }

    [Fact]
    public void A_pattern_without_a_sequence_or_with_an_unknown_placeholder_is_refused()
    {
        Assert.Throws<FormatException>(() => new DocumentNumber("{unitAbbr}民发〔{year}〕号"));
        Assert.Contains("{month}", Assert.Throws<FormatException>(() => new DocumentNumber("{unitAbbr}〔{year}〕{month}{seq}号")).Message);
    }

    [Fact]
    public void Sequences_start_at_one_and_years_are_four_digits()
    {
        var number = new DocumentNumber("{unitAbbr}民发〔{year}〕{seq}号");
        Assert.Throws<ArgumentOutOfRangeException>(() => number.Format("黑", 2026, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => number.Format("黑", 26, 1));
    }
}
