using Workflows.Pdf.Fonts;

namespace Workflows.Documents.Fonts;

/// <summary>
/// The faces behind each font role, with fallbacks for characters a face lacks (an uploaded
/// 仿宋_GB2312 covers GB 2312 only; a rare character in a name falls through to Noto). Fonts are
/// parsed once and shared; a registry is immutable, so changing a mapping makes a new one.
/// </summary>
public sealed class FontRegistry
{
    private static readonly Lazy<FontRegistry> Shipped = new(() => FromDirectory(Path.Combine(AppContext.BaseDirectory, "fonts")));
    private readonly IReadOnlyDictionary<FontRole, FontChain> _chains;

    private FontRegistry(IReadOnlyDictionary<FontRole, FontChain> chains, TrueTypeFont serif, TrueTypeFont sans)
    {
        _chains = chains;
        Serif = serif;
        Sans = sans;
    }

    /// <summary>The fonts shipped with the product, from the fonts/ folder beside the application.</summary>
    public static FontRegistry Default => Shipped.Value;

    /// <summary>The always-present fallbacks.</summary>
    public TrueTypeFont Serif { get; }
    public TrueTypeFont Sans { get; }

    public FontChain this[FontRole role] => _chains[role];

    /// <summary>Loads the shipped fonts from <paramref name="directory"/>; the 楷体 face is optional.</summary>
    public static FontRegistry FromDirectory(string directory)
    {
        TrueTypeFont Required(string file)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"Document font {file} is missing from {directory}. The build fetches it with 'npm ci' in src/Workflows.Documents/fonts; rebuild with network access to the npm registry.", path);
            }
            return TrueTypeFont.Load(path);
        }

        var serif = Required("NotoSerifSC-Regular.ttf");
        var serifBold = Required("NotoSerifSC-Bold.ttf");
        var sans = Required("NotoSansSC-Regular.ttf");
        var kaiPath = Path.Combine(directory, "LXGWWenKai-Regular.ttf");
        var kai = File.Exists(kaiPath) ? TrueTypeFont.Load(kaiPath) : serif;
        return new FontRegistry(
            new Dictionary<FontRole, FontChain>
            {
                [FontRole.Title] = new FontChain(serifBold, serif, sans),
                [FontRole.Body] = new FontChain(serif, sans),
                [FontRole.Heiti] = new FontChain(sans, serif),
                [FontRole.Kaiti] = new FontChain(kai, serif, sans),
            },
            serif,
            sans);
    }

    /// <summary>A registry in which <paramref name="role"/> is set in <paramref name="font"/> (an uploaded face), keeping the fallbacks.</summary>
    public FontRegistry With(FontRole role, TrueTypeFont font)
    {
        var chains = new Dictionary<FontRole, FontChain>(_chains)
        {
            [role] = new FontChain(font, role == FontRole.Heiti ? Sans : Serif).Then(Serif, Sans),
        };
        return new FontRegistry(chains, Serif, Sans);
    }

    /// <summary>The registry with administrator-uploaded fonts mapped to roles (file contents already validated).</summary>
    public FontRegistry With(IEnumerable<(FontRole Role, byte[] File)> uploads)
    {
        var registry = this;
        foreach (var (role, file) in uploads)
        {
            registry = registry.With(role, TrueTypeFont.Parse(file));
        }
        return registry;
    }
}
