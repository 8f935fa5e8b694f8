namespace Workflows.Documents.Fonts;

/// <summary>
/// What a font is for. Templates name roles, never files, so an office that owns 仿宋_GB2312
/// and 方正小标宋简体 can map them in and every template picks them up.
/// </summary>
public enum FontRole
{
    /// <summary>标题: titles and the issuing-authority mark (方正小标宋简体 in offices; Noto Serif SC Bold here).</summary>
    Title,
    /// <summary>正文: body text (仿宋_GB2312 in offices; Noto Serif SC here).</summary>
    Body,
    /// <summary>黑体: first-level headings and table heads (Noto Sans SC).</summary>
    Heiti,
    /// <summary>楷体: second-level headings, certificate signatures (LXGW WenKai, else Noto Serif SC).</summary>
    Kaiti,
}

public static class FontRoles
{
    public static string ChineseName(this FontRole role) => role switch
    {
        FontRole.Title => "标题",
        FontRole.Body => "正文",
        FontRole.Heiti => "黑体",
        FontRole.Kaiti => "楷体",
        _ => role.ToString(),
    };

    /// <summary>Reads a role from a template or an administrator's form, in Chinese or English.</summary>
    public static FontRole Parse(string name) => name.Trim() switch
    {
        "标题" or "标宋" or "小标宋" or "Title" or "title" => FontRole.Title,
        "正文" or "宋体" or "仿宋" or "Body" or "body" => FontRole.Body,
        "黑体" or "Heiti" or "heiti" => FontRole.Heiti,
        "楷体" or "Kaiti" or "kaiti" => FontRole.Kaiti,
        _ => throw new ArgumentException($"Unknown font role '{name}'. Roles: 标题, 正文, 黑体, 楷体.", nameof(name)),
    };
}
