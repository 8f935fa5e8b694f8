namespace Workflows.Forms.Validation;

/// <summary>
/// One error or warning about submitted data, naming the field by its data path
/// (<c>facilities[2].area</c>, rows counted from 0) and saying what is wrong in zh-CN and English.
/// </summary>
public sealed record FormIssue(string Path, string Code, string MessageZh, string MessageEn, string? FieldId = null, string? Label = null)
{
    public override string ToString() => $"{Path}: {Code} {MessageEn}";
}
