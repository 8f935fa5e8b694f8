using System.Security.Cryptography;

namespace Workflows.Server.Documents;

/// <summary>
/// The short code printed under a document's QR code: eight characters from an alphabet without
/// look-alikes (no 0/O, 1/I/L, U), shown as <c>7KQ2-M8XD</c>; typed in any case, with or without the dash.
/// </summary>
public static class ShortCodes
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 8;

    public static string New()
    {
        Span<char> code = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return new string(code);
    }

    public static string Display(string code) => code.Length == Length ? code[..4] + "-" + code[4..] : code;

    /// <summary>The stored form of what someone typed, or null when it cannot be a code.</summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null)
        {
            return null;
        }
        var code = typed.Replace("-", "").Replace(" ", "").Trim().ToUpperInvariant();
        return code.Length == Length && code.All(c => Alphabet.Contains(c)) ? code : null;
    }
}
