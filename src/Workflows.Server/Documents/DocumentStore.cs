using System.Security.Cryptography;

namespace Workflows.Server.Documents;

/// <summary>
/// Where document bytes live (PDFs, uploaded fonts, seal images). Content-addressed: the key is the
/// SHA-256 of the bytes, so storing the same file twice keeps one copy and nothing is overwritten.
/// </summary>
public interface IDocumentStore
{
    /// <summary>Stores the bytes and answers their key (lower-case hex SHA-256).</summary>
    Task<string> SaveAsync(byte[] content, CancellationToken cancellationToken = default);

    /// <summary>The bytes under a key, or null when there are none.</summary>
    Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>Files under <c>&lt;DataDirectory&gt;/documents/ab/abcdef…</c>, outside the web root, named by their digest.</summary>
public sealed class FileDocumentStore(string directory) : IDocumentStore
{
    public async Task<string> SaveAsync(byte[] content, CancellationToken cancellationToken = default)
    {
        var key = Sha256Hex(content);
        var path = PathOf(key);
        if (File.Exists(path))
        {
            return key;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written aside and moved into place, so a reader never sees half a file.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another node stored the same bytes first.
            File.Delete(temporary);
        }
        return key;
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        if (key.Length != 64 || !key.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }
        var path = PathOf(key);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    public static string Sha256Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private string PathOf(string key) => Path.Combine(directory, key[..2], key);
}
