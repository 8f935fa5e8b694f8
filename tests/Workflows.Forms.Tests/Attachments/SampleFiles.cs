using System.IO.Compression;
using System.Text;

namespace Workflows.Forms.Tests.Attachments;

/// <summary>Small files built in memory with the real leading bytes of each format.</summary>
public static class SampleFiles
{
    public static byte[] Pdf => Bytes("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog >> endobj\n");

    public static byte[] Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

    public static byte[] Jpeg => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];

    public static byte[] Gif => [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0];

    public static byte[] WebP => [.. "RIFF"u8, 26, 0, 0, 0, .. "WEBPVP8 "u8, 10, 0, 0, 0];

    public static byte[] Elf => [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0];

    public static byte[] WindowsExe => [.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0];

    public static byte[] MachO => [0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1, 3, 0, 0, 0];

    public static byte[] ShellScript => Bytes("#!/bin/sh\nrm -rf /\n");

    public static byte[] Html => Bytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");

    public static byte[] Csv => Bytes("姓名,岗位,受训时间\n张三,居委会主任,20\n");

    /// <summary>"社区工作者" in GB18030, as Excel on Chinese Windows saves a CSV.</summary>
    public static byte[] Gb18030Csv => [0xC9, 0xE7, 0xC7, 0xF8, 0xB9, 0xA4, 0xD7, 0xF7, 0xD5, 0xDF, (byte)',', (byte)'2', (byte)'0', (byte)'\n'];

    public static byte[] Docx => Zip(("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"), ("word/document.xml", "<w:document/>"));

    public static byte[] Xlsx => Zip(("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"), ("xl/workbook.xml", "<workbook/>"));

    public static byte[] PlainZip => Zip(("readme.txt", "hello"));

    public static byte[] Doc => Ole("WordDocument");

    public static byte[] Xls => Ole("Workbook");

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                writer.Write(content);
            }
        }

        return stream.ToArray();
    }

    /// <summary>An OLE compound file header followed by a directory entry naming the main stream (UTF-16).</summary>
    private static byte[] Ole(string stream)
    {
        var file = new byte[1536];
        byte[] magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        magic.CopyTo(file, 0);
        Encoding.Unicode.GetBytes("Root Entry").CopyTo(file, 1024);
        Encoding.Unicode.GetBytes(stream).CopyTo(file, 1024 + 128);
        return file;
    }
}
