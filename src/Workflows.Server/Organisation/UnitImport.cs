using System.Globalization;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Audit;
using Workflows.Data.Organisation;
using Workflows.Server.Hosting;
using Workflows.Server.Security;

namespace Workflows.Server.Organisation;

/// <summary>One row of an organisation-tree import. <see cref="Row"/> is the spreadsheet row number (the header is row 1).</summary>
public sealed record UnitRow(int Row, string? Code, string? Name, string? Kind, string? ParentCode, string? NameEn, string? Abbreviation);

public sealed record ImportOutcome(int Created, int Updated, int Unchanged, bool DryRun);

/// <summary>
/// Imports a tree from CSV or Excel, all or nothing: every row is checked (codes, kinds, parents,
/// cycles, level order, permissions) before anything is written, and every problem names its row.
/// </summary>
public sealed class UnitImport(WorkflowsDbContext db, SecurityAudit audit, TimeProvider clock)
{
    public const int MaxRows = 20_000;

    private static readonly Dictionary<string, string> HeaderAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["code"] = "code", ["编码"] = "code", ["单位编码"] = "code",
        ["name"] = "name", ["名称"] = "name", ["单位名称"] = "name",
        ["kind"] = "kind", ["类型"] = "kind", ["单位类型"] = "kind",
        ["parentCode"] = "parentCode", ["上级编码"] = "parentCode", ["上级单位编码"] = "parentCode",
        ["nameEn"] = "nameEn", ["英文名称"] = "nameEn",
        ["abbreviation"] = "abbreviation", ["简称"] = "abbreviation",
    };

    /// <summary>Reads rows from a .csv (UTF-8) or .xlsx file; problems with the file itself go to <paramref name="errors"/>.</summary>
    public static List<UnitRow> Parse(Stream content, string fileName, FieldErrors errors)
    {
        List<Dictionary<string, string?>> records;
        try
        {
            records = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
                ? ReadExcel(content)
                : ReadCsv(content, errors);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            errors.Add("file", new("无法读取文件，请上传 UTF-8 编码的 CSV 或 .xlsx 文件", "cannot be read; upload a UTF-8 CSV or an .xlsx file"));
            return [];
        }
        if (errors.Any)
        {
            return [];
        }
        if (records.Count > MaxRows)
        {
            errors.Add("file", new($"行数过多（最多 {MaxRows} 行）", $"has too many rows (at most {MaxRows})"));
            return [];
        }
        return records.Select((r, i) => new UnitRow(i + 2,
            Get(r, "code"), Get(r, "name"), Get(r, "kind"), Get(r, "parentCode"), Get(r, "nameEn"), Get(r, "abbreviation"))).ToList();
    }

    private static string? Get(Dictionary<string, string?> record, string key) =>
        record.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static List<Dictionary<string, string?>> ReadCsv(Stream content, FieldErrors errors)
    {
        using var reader = new StreamReader(content, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
        var rows = CsvReader.Read(reader.ReadToEnd());
        if (rows.Count == 0)
        {
            errors.Add("file", new("文件是空的", "is empty"));
            return [];
        }
        var header = MapHeader(rows[0], errors);
        return rows.Skip(1)
            .Where(r => r.Any(f => !string.IsNullOrWhiteSpace(f)))
            .Select(r => header.Select((h, i) => (h, v: i < r.Length ? r[i] : null)).Where(x => x.h is not null)
                .ToDictionary(x => x.h!, x => x.v))
            .ToList();
    }

    private static List<Dictionary<string, string?>> ReadExcel(Stream content)
    {
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        buffer.Position = 0;
        var result = new List<Dictionary<string, string?>>();
        foreach (IDictionary<string, object?> row in buffer.Query(useHeaderRow: true))
        {
            var record = new Dictionary<string, string?>();
            foreach (var (column, value) in row)
            {
                if (HeaderAliases.TryGetValue(column.Trim(), out var key))
                {
                    record[key] = value switch
                    {
                        null => null,
                        double d => d.ToString(CultureInfo.InvariantCulture),
                        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
                    };
                }
            }
            if (record.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
            {
                result.Add(record);
            }
        }
        return result;
    }

    private static string?[] MapHeader(string[] header, FieldErrors errors)
    {
        var mapped = header.Select(h => HeaderAliases.TryGetValue(h.Trim(), out var key) ? key : null).ToArray();
        foreach (var required in new[] { "code", "name", "kind" })
        {
            if (!mapped.Contains(required))
            {
                errors.Add("file", new($"缺少列 {required}（表头应为 code,name,kind,parentCode,nameEn,abbreviation）",
                    $"has no column {required} (the header must be code,name,kind,parentCode,nameEn,abbreviation)"));
            }
        }
        return mapped;
    }

    /// <summary>
    /// Checks every row, then (unless <paramref name="dryRun"/>) writes them in one transaction.
    /// <paramref name="caller"/> null means the system itself (the demo seed).
    /// </summary>
    public async Task<(ImportOutcome? Outcome, FieldErrors Errors)> ImportAsync(
        IReadOnlyList<UnitRow> rows, Caller? caller, bool dryRun, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var parsed = new Dictionary<string, (UnitRow Row, UnitKind Kind)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var field = $"rows[{row.Row}].";
            var ok = true;
            if (!UnitRules.IsValidCode(row.Code))
            {
                errors.Add(field + "code", row.Code is null ? Messages.Required : UnitRules.CodeFormat);
                ok = false;
            }
            errors.Name(field + "name", row.Name, Unit.NameMaxLength);
            errors.MaxLength(field + "nameEn", row.NameEn, Unit.NameEnMaxLength);
            errors.MaxLength(field + "abbreviation", row.Abbreviation, Unit.AbbreviationMaxLength);
            if (!UnitKinds.TryParse(row.Kind, out var kind))
            {
                errors.Add(field + "kind", row.Kind is null ? Messages.Required : UnitRules.UnknownKind);
                ok = false;
            }
            if (row.ParentCode is not null && row.ParentCode == row.Code)
            {
                errors.Add(field + "parentCode", new("单位不能是自己的上级", "a unit cannot be its own parent"));
                ok = false;
            }
            if (!ok)
            {
                continue;
            }
            if (parsed.TryGetValue(row.Code!, out var first))
            {
                errors.Add(field + "code", new($"编码 {row.Code} 与第 {first.Row.Row} 行重复", $"{row.Code} repeats the code of row {first.Row.Row}"));
                continue;
            }
            parsed[row.Code!] = (row, kind);
        }

        var codes = parsed.Keys.Concat(parsed.Values.Select(p => p.Row.ParentCode).OfType<string>()).Distinct().ToList();
        var existing = await db.Units.Where(u => codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, cancellationToken);

        FindCycles(parsed, errors);
        foreach (var (code, (row, kind)) in parsed)
        {
            var field = $"rows[{row.Row}].";
            UnitKind? parentKind = null;
            if (row.ParentCode is not null)
            {
                if (parsed.TryGetValue(row.ParentCode, out var parentRow))
                {
                    parentKind = parentRow.Kind;
                }
                else if (existing.TryGetValue(row.ParentCode, out var parentUnit))
                {
                    parentKind = parentUnit.Kind;
                }
                else
                {
                    errors.Add(field + "parentCode", new($"上级单位编码 {row.ParentCode} 既不在文件中也不在系统中", $"parent code {row.ParentCode} is neither in the file nor in the system"));
                    continue;
                }
            }
            if (UnitRules.LevelOrderProblem(kind, parentKind) is { } problem)
            {
                errors.Add(field + (row.ParentCode is null ? "parentCode" : "kind"), problem);
            }
            if (existing.TryGetValue(code, out var current))
            {
                var currentParentCode = current.ParentId is null ? null : await db.Units.Where(u => u.Id == current.ParentId).Select(u => u.Code).SingleAsync(cancellationToken);
                if (current.Kind != kind || currentParentCode != row.ParentCode)
                {
                    errors.Add(field + "code", new($"编码 {code} 已存在，且类型或上级与文件不同；请在系统中修改该单位",
                        $"{code} already exists with another kind or parent; change that unit in the system instead"));
                }
                else if (caller is not null && !AccessPolicy.CanManageUnit(caller, current.Path))
                {
                    errors.Add(field + "code", new($"没有修改单位 {code} 的权限", $"you may not change unit {code}"));
                }
            }
            else if (caller is not null && row.ParentCode is not null && existing.TryGetValue(row.ParentCode, out var parent)
                     && !AccessPolicy.CanManageUnit(caller, parent.Path))
            {
                errors.Add(field + "parentCode", new($"没有在单位 {row.ParentCode} 下新建单位的权限", $"you may not add units under {row.ParentCode}"));
            }
            else if (caller is not null && row.ParentCode is null && !AccessPolicy.CanManageRoots(caller))
            {
                errors.Add(field + "parentCode", new("只有系统管理员可以新建省级单位", "only system administrators may add top-level units"));
            }
        }
        if (errors.Any || rows.Count == 0)
        {
            if (rows.Count == 0)
            {
                errors.Add("file", new("没有数据行", "has no data rows"));
            }
            return (null, errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        int created = 0, updated = 0, unchanged = 0;
        foreach (var (code, (row, kind)) in TopologicalOrder(parsed))
        {
            if (existing.TryGetValue(code, out var current))
            {
                // An empty optional cell keeps what the unit has; the API clears a value.
                var nameEn = row.NameEn ?? current.NameEn;
                var abbreviation = row.Abbreviation ?? current.Abbreviation;
                if (current.Name == row.Name && current.NameEn == nameEn && current.Abbreviation == abbreviation)
                {
                    unchanged++;
                    continue;
                }
                current.Name = row.Name!;
                current.NameEn = nameEn;
                current.Abbreviation = abbreviation;
                current.UpdatedAt = now;
                current.Version++;
                updated++;
                continue;
            }
            var parent = row.ParentCode is null ? null : existing[row.ParentCode];
            var id = Guid.NewGuid();
            var unit = new Unit
            {
                Id = id, Code = code, Name = row.Name!, NameEn = row.NameEn, Abbreviation = row.Abbreviation,
                Kind = kind, Level = UnitKinds.LevelOf(kind), ParentId = parent?.Id,
                Path = (parent?.Path ?? "/") + Unit.PathSegment(id),
                CreatedAt = now, UpdatedAt = now, Version = 1,
            };
            db.Units.Add(unit);
            existing[code] = unit;
            created++;
        }
        var outcome = new ImportOutcome(created, updated, unchanged, dryRun);
        if (!dryRun)
        {
            audit.Add(SecurityAuditKind.UnitsImported, caller?.UserId, caller?.UserName ?? "system", $"{rows.Count} rows",
                $"created {created}, updated {updated}, unchanged {unchanged}");
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            db.ChangeTracker.Clear();
        }
        return (outcome, errors);
    }

    private static void FindCycles(Dictionary<string, (UnitRow Row, UnitKind Kind)> parsed, FieldErrors errors)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in parsed.Keys)
        {
            var seen = new List<string>();
            var code = start;
            while (code is not null && parsed.TryGetValue(code, out var entry) && !reported.Contains(code))
            {
                var at = seen.IndexOf(code);
                if (at >= 0)
                {
                    var cycle = seen.Skip(at).ToList();
                    var rowsInCycle = string.Join("、", cycle.Select(c => parsed[c].Row.Row));
                    foreach (var member in cycle)
                    {
                        reported.Add(member);
                        errors.Add($"rows[{parsed[member].Row.Row}].parentCode",
                            new($"上级关系形成循环（第 {rowsInCycle} 行）", $"the parent links form a cycle (rows {rowsInCycle.Replace("、", ", ")})"));
                    }
                    break;
                }
                seen.Add(code);
                code = entry.Row.ParentCode;
            }
        }
    }

    private static IEnumerable<KeyValuePair<string, (UnitRow Row, UnitKind Kind)>> TopologicalOrder(Dictionary<string, (UnitRow Row, UnitKind Kind)> parsed)
    {
        // Levels only go down the tree, so ordering by level puts every parent before its children.
        return parsed.OrderBy(p => (int)UnitKinds.LevelOf(p.Value.Kind)).ThenBy(p => p.Value.Row.Row);
    }
}
