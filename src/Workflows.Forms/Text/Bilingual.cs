namespace Workflows.Forms.Text;

/// <summary>A message in Simplified Chinese and English; every problem the library reports carries both.</summary>
public sealed record Bilingual(string Zh, string En)
{
    public override string ToString() => $"{Zh} / {En}";
}
