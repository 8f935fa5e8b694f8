using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Workflows.Data.Storage;

/// <summary>
/// One mapped column of a table as the model describes it: its name, its provider type mapping
/// (so a Guid or a date is bound exactly as EF Core binds it on this provider) and compiled
/// accessors for the entity's property.
/// </summary>
public sealed class RowColumn
{
    private readonly Func<object, object?> _get;
    private readonly Action<object, object?> _set;
    private readonly Func<DbDataReader, int, object?> _read;
    private readonly ValueConverter? _converter;

    internal RowColumn(IProperty property)
    {
        Property = property;
        Name = property.GetColumnName();
        Mapping = (RelationalTypeMapping)property.GetTypeMapping();
        _converter = Mapping.Converter;
        Nullable = property.IsNullable;
        var info = property.PropertyInfo ?? throw new InvalidOperationException($"{property.Name} has no CLR property");
        _get = Getter(info);
        _set = Setter(info);
        var providerType = _converter?.ProviderClrType ?? property.ClrType;
        _read = Reader(System.Nullable.GetUnderlyingType(providerType) ?? providerType);
    }

    public IProperty Property { get; }

    public string Name { get; }

    public RelationalTypeMapping Mapping { get; }

    public bool Nullable { get; }

    /// <summary>A parameter for a model value; the type mapping converts it (an enum to its text) and binds it.</summary>
    public DbParameter Parameter(DbCommand command, string name, object? value) =>
        Mapping.CreateParameter(command, name, value, Nullable);

    /// <summary>The model value of this column's property in <paramref name="entity"/>.</summary>
    public object? ValueOf(object entity) => _get(entity);

    /// <summary>What the type mapping sends for a model value (an enum's text, for example).</summary>
    public object ToProvider(object? value) => value is null ? DBNull.Value : _converter is null ? value : _converter.ConvertToProvider(value) ?? DBNull.Value;

    /// <summary>Reads the column at <paramref name="ordinal"/> into the entity's property.</summary>
    public void ReadInto(object entity, DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            _set(entity, null);
            return;
        }
        var value = _read(reader, ordinal);
        _set(entity, _converter is null ? value : _converter.ConvertFromProvider(value));
    }

    private static Func<object, object?> Getter(PropertyInfo info)
    {
        var entity = Expression.Parameter(typeof(object));
        var body = Expression.Convert(Expression.Property(Expression.Convert(entity, info.DeclaringType!), info), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, entity).Compile();
    }

    private static Action<object, object?> Setter(PropertyInfo info)
    {
        var entity = Expression.Parameter(typeof(object));
        var value = Expression.Parameter(typeof(object));
        var body = Expression.Assign(Expression.Property(Expression.Convert(entity, info.DeclaringType!), info),
            Expression.Convert(value, info.PropertyType));
        return Expression.Lambda<Action<object, object?>>(body, entity, value).Compile();
    }

    private static Func<DbDataReader, int, object?> Reader(Type type)
    {
        var reader = Expression.Parameter(typeof(DbDataReader));
        var ordinal = Expression.Parameter(typeof(int));
        var method = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!.MakeGenericMethod(type);
        var body = Expression.Convert(Expression.Call(reader, method, ordinal), typeof(object));
        return Expression.Lambda<Func<DbDataReader, int, object?>>(body, reader, ordinal).Compile();
    }
}

/// <summary>
/// A table of the model, for writing and reading rows without the change tracker: the runtime's
/// hot path (a start, an approval) writes the handful of rows of one step with statements built
/// once from the model, instead of going through EF Core's save pipeline.
/// </summary>
public sealed class RowTable
{
    private static readonly ConcurrentDictionary<IEntityType, RowTable> Tables = new();

    private readonly Dictionary<string, RowColumn> _byProperty;

    private RowTable(IEntityType entityType)
    {
        Name = entityType.GetTableName() ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no table");
        Columns = entityType.GetProperties().Where(p => p.PropertyInfo is not null).Select(p => new RowColumn(p)).ToArray();
        _byProperty = Columns.ToDictionary(c => c.Property.Name, StringComparer.Ordinal);
        Keys = entityType.FindPrimaryKey()!.Properties.Select(p => _byProperty[p.Name]).ToArray();
        Revision = Columns.FirstOrDefault(c => c.Property.IsConcurrencyToken);
        // A key the database generates (an identity or autoincrement number) is left out of inserts.
        Inserted = Columns.Where(c => !(c.Property.IsPrimaryKey() && c.Property.ValueGenerated == ValueGenerated.OnAdd
                                         && c.Property.ClrType is var t && (t == typeof(long) || t == typeof(int)))).ToArray();
        InsertSql = $"INSERT INTO {Quote(Name)} ({string.Join(", ", Inserted.Select(c => Quote(c.Name)))}) VALUES ({string.Join(", ", Inserted.Select((_, i) => "@p" + i))})";
        SelectList = string.Join(", ", Columns.Select(c => Quote(c.Name)));
    }

    public static RowTable Of<T>(DbContext db) => Of(db, typeof(T));

    public static RowTable Of(DbContext db, Type type) =>
        Tables.GetOrAdd(db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model"), e => new RowTable(e));

    public string Name { get; }

    public RowColumn[] Columns { get; }

    public RowColumn[] Keys { get; }

    public RowColumn? Revision { get; }

    public RowColumn[] Inserted { get; }

    public string InsertSql { get; }

    /// <summary>Every column, quoted, in the order <see cref="Read{T}"/> expects.</summary>
    public string SelectList { get; }

    public RowColumn Column(string property) => _byProperty[property];

    /// <summary>Every column qualified by a table alias, in <see cref="Read{T}"/> order.</summary>
    public string SelectListAs(string alias) => string.Join(", ", Columns.Select(c => alias + "." + Quote(c.Name)));

    public static string Quote(string name) => "\"" + name + "\"";

    /// <summary>An insert of <paramref name="entity"/>'s row.</summary>
    public RowStatement Insert(object entity)
    {
        var values = new object?[Inserted.Length];
        for (var i = 0; i < Inserted.Length; i++)
        {
            values[i] = Inserted[i].ValueOf(entity);
        }
        return new RowStatement(InsertSql, Inserted, values);
    }

    /// <summary>
    /// An update of the given properties, keyed on the primary key and, when the table has a
    /// revision and <paramref name="originalRevision"/> is given, guarded by the revision the row had
    /// when it was read.
    /// </summary>
    public RowStatement Update(object entity, IReadOnlyList<string> properties, int? originalRevision)
    {
        var guarded = originalRevision is not null && Revision is not null;
        var columns = new RowColumn[properties.Count + Keys.Length + (guarded ? 1 : 0)];
        var values = new object?[columns.Length];
        var sql = new System.Text.StringBuilder("UPDATE ").Append(Quote(Name)).Append(" SET ");
        var n = 0;
        foreach (var property in properties)
        {
            var column = _byProperty[property];
            sql.Append(n == 0 ? "" : ", ").Append(Quote(column.Name)).Append(" = @p").Append(n);
            columns[n] = column;
            values[n++] = column.ValueOf(entity);
        }
        sql.Append(" WHERE ");
        for (var k = 0; k < Keys.Length; k++)
        {
            sql.Append(k == 0 ? "" : " AND ").Append(Quote(Keys[k].Name)).Append(" = @p").Append(n);
            columns[n] = Keys[k];
            values[n++] = Keys[k].ValueOf(entity);
        }
        if (guarded)
        {
            sql.Append(" AND ").Append(Quote(Revision!.Name)).Append(" = @p").Append(n);
            columns[n] = Revision;
            values[n] = originalRevision;
        }
        return new RowStatement(sql.ToString(), columns, values);
    }

    /// <summary>Materialises a row whose columns start at <paramref name="offset"/> in <see cref="SelectList"/> order.</summary>
    public T Read<T>(DbDataReader reader, int offset = 0) where T : new()
    {
        var entity = new T();
        for (var i = 0; i < Columns.Length; i++)
        {
            Columns[i].ReadInto(entity, reader, offset + i);
        }
        return entity;
    }
}

/// <summary>
/// One statement with its parameters <c>@p0</c>, <c>@p1</c>… (or the names given by
/// <paramref name="Prefix"/>), each bound as its column binds.
/// </summary>
public sealed record RowStatement(string Sql, RowColumn[] Columns, object?[] Values, string Prefix = "@p")
{
    /// <summary>A new command for the statement.</summary>
    public DbCommand Create(DbConnection connection, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Sql;
        for (var i = 0; i < Columns.Length; i++)
        {
            command.Parameters.Add(Columns[i].Parameter(command, Prefix + i, Values[i]));
        }
        return command;
    }

    /// <summary>Binds this statement's values to a command made earlier by <see cref="Create"/> for the same text.</summary>
    public void Rebind(DbCommand command, DbTransaction? transaction)
    {
        command.Transaction = transaction;
        for (var i = 0; i < Columns.Length; i++)
        {
            command.Parameters[i].Value = Columns[i].ToProvider(Values[i]);
        }
    }
}
