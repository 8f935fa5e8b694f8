using System.Globalization;
using Workflows.Forms.Schema;
using Workflows.Forms.Validation;

namespace Workflows.Forms.Attachments;

/// <summary>
/// Pure checks for uploaded files: real type against the filepicker's accept list and the file's
/// own name, executables refused whatever their name, sizes and counts per field and per form.
/// </summary>
public static class AttachmentChecker
{
    /// <summary>Checks the files uploaded to one filepicker. <paramref name="path"/> names the field in messages (e.g. <c>attachments.site_plan</c>).</summary>
    public static IReadOnlyList<FileVerdict> CheckField(FormComponent filepicker, string path, IReadOnlyList<IncomingFile> files, AttachmentPolicy? policy = null)
    {
        policy ??= AttachmentPolicy.Default;
        var accept = AcceptList.Parse(filepicker.Accept);
        var multiple = filepicker.Multiple;
        var maxFiles = Math.Min(policy.MaxFilesPerField, multiple ? filepicker.IntProperty("maxFiles") ?? policy.MaxFilesPerField : 1);
        var maxBytes = filepicker.IntProperty("maxFileSizeMb") is > 0 and var mb ? Math.Min(policy.MaxFileBytes, mb * 1024L * 1024) : policy.MaxFileBytes;
        var label = filepicker.DisplayName;

        var verdicts = new List<FileVerdict>();
        for (var i = 0; i < files.Count; i++)
        {
            var errors = new List<FormIssue>();
            if (i >= maxFiles)
            {
                errors.Add(Issue(filepicker, path, "FILE_TOO_MANY", $"「{label}」最多上传 {maxFiles} 个文件", $"\"{label}\" takes at most {maxFiles} file(s)"));
            }

            verdicts.Add(CheckFile(filepicker, path, files[i], accept, maxBytes, policy, errors));
        }

        return verdicts;
    }

    /// <summary>Checks the totals over a whole submission: number of files and bytes.</summary>
    public static IReadOnlyList<FormIssue> CheckForm(IEnumerable<IncomingFile> allFiles, AttachmentPolicy? policy = null)
    {
        policy ??= AttachmentPolicy.Default;
        var files = allFiles.ToArray();
        var issues = new List<FormIssue>();
        if (files.Length > policy.MaxFilesPerForm)
        {
            issues.Add(new FormIssue("", "FILES_TOO_MANY_IN_FORM",
                $"一份表单最多上传 {policy.MaxFilesPerForm} 个文件（本次 {files.Length} 个）",
                $"a form takes at most {policy.MaxFilesPerForm} files ({files.Length} given)"));
        }

        var total = files.Sum(f => f.Length);
        if (total > policy.MaxBytesPerForm)
        {
            issues.Add(new FormIssue("", "FILES_TOO_LARGE_IN_FORM",
                $"一份表单的附件总大小最多 {Megabytes(policy.MaxBytesPerForm)} MB（本次 {Megabytes(total)} MB）",
                $"the files of a form may total at most {Megabytes(policy.MaxBytesPerForm)} MB ({Megabytes(total)} MB given)"));
        }

        return issues;
    }

    private static FileVerdict CheckFile(FormComponent field, string path, IncomingFile file, AcceptList accept, long maxBytes, AttachmentPolicy policy, List<FormIssue> errors)
    {
        var label = field.DisplayName;
        var safeName = FileNames.Sanitize(file.FileName, policy.MaxFileNameLength);
        var extension = FileNames.Extension(safeName);
        var kind = FileTypeDetector.Detect(file.Head.Span);

        if (file.Length <= 0 || file.Head.Length == 0)
        {
            errors.Add(Issue(field, path, "FILE_EMPTY", $"「{label}」的文件「{safeName}」是空文件", $"the file \"{safeName}\" for \"{label}\" is empty"));
        }
        else if (file.Length > maxBytes)
        {
            errors.Add(Issue(field, path, "FILE_TOO_LARGE",
                $"「{label}」的文件「{safeName}」过大（{Megabytes(file.Length)} MB，最多 {Megabytes(maxBytes)} MB）",
                $"the file \"{safeName}\" for \"{label}\" is too large ({Megabytes(file.Length)} MB, at most {Megabytes(maxBytes)} MB)"));
        }

        if (FileKinds.IsExecutable(kind))
        {
            errors.Add(Issue(field, path, "FILE_EXECUTABLE",
                $"「{label}」的文件「{safeName}」是可执行程序或脚本，不能上传",
                $"the file \"{safeName}\" for \"{label}\" is an executable program or script and cannot be uploaded"));
        }
        else if (kind is FileKind.Unknown or FileKind.Markup or FileKind.Zip or FileKind.OleOther || !accept.Allows(kind))
        {
            var allowed = string.Join("、", accept.Extensions.Count > 0 ? accept.Extensions : AcceptList.SafeKinds.SelectMany(FileKinds.Extensions));
            errors.Add(Issue(field, path, "FILE_TYPE_NOT_ACCEPTED",
                $"「{label}」的文件「{safeName}」的实际类型（{Describe(kind)}）不在允许的类型之内（{allowed}）",
                $"the file \"{safeName}\" for \"{label}\" is really {Describe(kind)}, which is not among the accepted types ({allowed.Replace("、", ", ", StringComparison.Ordinal)})"));
        }
        else if (!FileKinds.Extensions(kind).Contains(extension) || !accept.AllowsExtension(extension))
        {
            errors.Add(Issue(field, path, "FILE_NAME_MISMATCH",
                $"「{label}」的文件「{safeName}」的扩展名与实际类型（{Describe(kind)}）不符",
                $"the name of \"{safeName}\" for \"{label}\" does not match its real type ({Describe(kind)})"));
        }

        if (file.DeclaredContentType is { Length: > 0 } declared && FileKinds.Extensions(kind).Count > 0
            && !FileKinds.FromMediaType(declared.Split(';')[0].Trim()).Contains(kind) && !IsGeneric(declared))
        {
            errors.Add(Issue(field, path, "FILE_CONTENT_TYPE_MISMATCH",
                $"「{label}」的文件「{safeName}」声明的类型（{declared}）与实际类型（{Describe(kind)}）不符",
                $"the file \"{safeName}\" for \"{label}\" is declared as {declared} but is really {Describe(kind)}"));
        }

        return new FileVerdict(file, safeName, kind, FileKinds.MediaType(kind), errors);
    }

    /// <summary>Browsers send application/octet-stream when they do not know a type; that is no claim to check.</summary>
    private static bool IsGeneric(string declared) => declared.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase)
        || declared.StartsWith("binary/octet-stream", StringComparison.OrdinalIgnoreCase);

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Unknown => "unknown",
        _ => kind.ToString(),
    };

    private static string Megabytes(long bytes) => (bytes / 1024m / 1024m).ToString("0.#", CultureInfo.InvariantCulture);

    private static FormIssue Issue(FormComponent field, string path, string code, string zh, string en) =>
        new(path, code, zh, en, field.Id, field.Label);
}
