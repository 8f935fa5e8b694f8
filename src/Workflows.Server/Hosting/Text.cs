namespace Workflows.Server.Hosting;

/// <summary>A message in both languages the product speaks.</summary>
public readonly record struct Text(string Zh, string En)
{
    public string In(Language language) => language == Language.English ? En : Zh;

    public override string ToString() => $"{Zh} / {En}";
}

public enum Language
{
    Chinese,
    English,
}

public static class Languages
{
    /// <summary>
    /// zh-CN unless the caller's Accept-Language prefers English. Quality values are honoured.
    /// </summary>
    public static Language Of(HttpContext http)
    {
        var preferred = http.Request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? "")
            .FirstOrDefault(v => v.StartsWith("zh", StringComparison.OrdinalIgnoreCase) || v.StartsWith("en", StringComparison.OrdinalIgnoreCase));
        return preferred is not null && preferred.StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? Language.English
            : Language.Chinese;
    }
}
