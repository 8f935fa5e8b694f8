namespace Workflows.Documents.Templates;

/// <summary>A template that cannot be filled: it names the template and the field path at fault.</summary>
public sealed class TemplateException : Exception
{
    public TemplateException(string template, string? path, string message)
        : base(path is null ? $"Template '{template}': {message}" : $"Template '{template}': field '{path}' {message}")
    {
        Template = template;
        Path = path;
    }

    public string Template { get; }
    public string? Path { get; }
}
