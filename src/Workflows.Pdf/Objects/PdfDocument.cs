using Workflows.Pdf.Fonts;
using Workflows.Pdf.Graphics;
using Workflows.Pdf.Images;

namespace Workflows.Pdf.Objects;

/// <summary>Document information shown by PDF readers; no dates unless given, so output is reproducible.</summary>
public sealed record PdfInfo(string? Title = null, string? Author = null, string? Subject = null, DateTimeOffset? Created = null);

/// <summary>
/// A PDF being written. Pages are written to the output as soon as the next one starts, so a
/// report of thousands of pages is never held in memory; fonts are subset and written when the
/// document is closed, once every glyph it uses is known.
/// </summary>
public sealed class PdfDocument : IDisposable
{
    private readonly PdfObjectWriter _writer;
    private readonly PdfInfo _info;
    private readonly int _catalog;
    private readonly int _pages;
    private readonly int _resources;
    private readonly List<int> _pageObjects = [];
    private readonly Dictionary<TrueTypeFont, DocumentFont> _fonts = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PdfImage, (string Name, int Number)> _images = new(ReferenceEqualityComparer.Instance);
    private PdfPage? _current;
    private bool _closed;

    public PdfDocument(Stream output, PdfInfo? info = null)
    {
        _writer = new PdfObjectWriter(output);
        _info = info ?? new PdfInfo();
        _catalog = _writer.Reserve();
        _pages = _writer.Reserve();
        _resources = _writer.Reserve();
    }

    public int PageCount => _pageObjects.Count;

    /// <summary>Starts a new page (A4 portrait unless told otherwise), finishing the previous one.</summary>
    public PdfPage AddPage(double width = Units.A4Width, double height = Units.A4Height)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        FinishPage();
        _current = new PdfPage(this, width, height, _pageObjects.Count + 1);
        _pageObjects.Add(_writer.Reserve());
        return _current;
    }

    internal DocumentFont Font(TrueTypeFont font)
    {
        if (!_fonts.TryGetValue(font, out var used))
        {
            used = new DocumentFont(font, "F" + (_fonts.Count + 1), _writer.Reserve());
            _fonts[font] = used;
        }
        return used;
    }

    internal string Image(PdfImage image)
    {
        if (!_images.TryGetValue(image, out var entry))
        {
            entry = ("Im" + (_images.Count + 1), _writer.Reserve());
            _images[image] = entry;
        }
        return entry.Name;
    }

    private void FinishPage()
    {
        if (_current is null)
        {
            return;
        }
        var page = _current;
        _current = null;
        var content = _writer.Reserve();
        _writer.WriteStream(content, [], page.Canvas.Content.Span, compress: true);
        var body = new ByteBuffer(160);
        body.AppendAscii("<</Type/Page/Parent ").Append(_pages).AppendAscii(" 0 R/MediaBox[0 0 ")
            .Append(page.Width).Space().Append(page.Height).AppendAscii("]/Resources ").Append(_resources)
            .AppendAscii(" 0 R/Contents ").Append(content).AppendAscii(" 0 R>>");
        _writer.WriteObject(_pageObjects[^1], body.Span);
    }

    /// <summary>Finishes the file: fonts, images, page tree, catalog and cross-reference table.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }
        if (_pageObjects.Count == 0)
        {
            AddPage();
        }
        FinishPage();
        _closed = true;

        foreach (var font in _fonts.Values)
        {
            font.Write(_writer);
        }
        foreach (var (image, (_, number)) in _images)
        {
            image.Write(_writer, number);
        }

        var body = new ByteBuffer(256 + _pageObjects.Count * 8);
        body.AppendAscii("<</ProcSet[/PDF/Text/ImageB/ImageC]");
        if (_fonts.Count > 0)
        {
            body.AppendAscii("/Font<<");
            foreach (var font in _fonts.Values)
            {
                body.Append((byte)'/').AppendAscii(font.ResourceName).Space().Append(font.ObjectNumber).AppendAscii(" 0 R");
            }
            body.AppendAscii(">>");
        }
        if (_images.Count > 0)
        {
            body.AppendAscii("/XObject<<");
            foreach (var (name, number) in _images.Values)
            {
                body.Append((byte)'/').AppendAscii(name).Space().Append(number).AppendAscii(" 0 R");
            }
            body.AppendAscii(">>");
        }
        body.AppendAscii(">>");
        _writer.WriteObject(_resources, body.Span);

        body.Clear();
        body.AppendAscii("<</Type/Pages/Count ").Append(_pageObjects.Count).AppendAscii("/Kids[");
        foreach (var page in _pageObjects)
        {
            body.Append(page).AppendAscii(" 0 R ");
        }
        body.AppendAscii("]>>");
        _writer.WriteObject(_pages, body.Span);

        body.Clear();
        body.AppendAscii("<</Type/Catalog/Pages ").Append(_pages).AppendAscii(" 0 R>>");
        _writer.WriteObject(_catalog, body.Span);

        var info = _writer.Reserve();
        body.Clear();
        body.AppendAscii("<</Producer(Workflows)");
        AppendText(body, "Title", _info.Title);
        AppendText(body, "Author", _info.Author);
        AppendText(body, "Subject", _info.Subject);
        if (_info.Created is { } created)
        {
            var utc = created.ToUniversalTime();
            body.AppendAscii("/CreationDate(D:").AppendAscii(utc.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture)).AppendAscii("Z)");
        }
        body.AppendAscii(">>");
        _writer.WriteObject(info, body.Span);
        _writer.Finish(_catalog, info);
    }

    private static void AppendText(ByteBuffer body, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            body.Append((byte)'/').AppendAscii(key).AppendTextString(value);
        }
    }

    public void Dispose() => Close();
}
