using System.Xml;
using System.Xml.Linq;

namespace Workflows.Engine.Parsing;

/// <summary>Limits applied while reading a workflow file. The defaults fit any hand-drawn diagram.</summary>
public sealed record XmlLimits
{
    public int MaxCharacters { get; init; } = 5_000_000;
    public int MaxDepth { get; init; } = 64;
    public int MaxElements { get; init; } = 50_000;
    public static XmlLimits Default { get; } = new();
}

/// <summary>
/// Reads XML without DTDs or external entities and within size, depth and element-count limits,
/// so a hostile file (billion laughs, deep nesting, huge size) fails fast with a message.
/// </summary>
internal static class SafeXml
{
    public sealed record Failure(string MessageZh, string MessageEn);

    public static XDocument? Load(string xml, XmlLimits limits, out Failure? failure)
    {
        failure = null;
        if (xml.Length > limits.MaxCharacters)
        {
            failure = new Failure(
                $"文件过大：{xml.Length} 个字符，上限为 {limits.MaxCharacters}",
                $"file too large: {xml.Length} characters, the limit is {limits.MaxCharacters}");
            return null;
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = limits.MaxCharacters,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };

        try
        {
            // First pass: walk the document and enforce the structural limits before building a tree.
            using (var reader = XmlReader.Create(new StringReader(xml), settings))
            {
                var elements = 0;
                while (reader.Read())
                {
                    if (reader.NodeType != XmlNodeType.Element) continue;
                    if (++elements > limits.MaxElements)
                    {
                        failure = new Failure($"元素过多，上限为 {limits.MaxElements}", $"too many elements, the limit is {limits.MaxElements}");
                        return null;
                    }
                    if (reader.Depth >= limits.MaxDepth)
                    {
                        failure = new Failure($"嵌套过深，上限为 {limits.MaxDepth} 层", $"nesting too deep, the limit is {limits.MaxDepth} levels");
                        return null;
                    }
                }
            }

            using var second = XmlReader.Create(new StringReader(xml), settings);
            return XDocument.Load(second, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            var dtd = ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase);
            failure = dtd
                ? new Failure("不允许使用 DTD 或实体声明", "DTDs and entity declarations are not allowed: " + ex.Message)
                : new Failure($"XML 格式错误（第 {ex.LineNumber} 行，第 {ex.LinePosition} 列）", "malformed XML: " + ex.Message);
            return null;
        }
    }
}
