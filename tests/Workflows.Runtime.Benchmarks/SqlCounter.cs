using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

/// <summary>Counts the SQL commands EF Core sends and the time they take, so a run can say how many round trips an action costs.</summary>
internal sealed class SqlCounter : DbCommandInterceptor
{
    private long _commands;
    private long _ticks;

    public ConcurrentQueue<string>? Captured { get; set; }

    public long Commands => Interlocked.Read(ref _commands);

    public TimeSpan Time => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public void Reset()
    {
        Interlocked.Exchange(ref _commands, 0);
        Interlocked.Exchange(ref _ticks, 0);
    }

    private void Count(DbCommand command, CommandExecutedEventData data)
    {
        Interlocked.Increment(ref _commands);
        Interlocked.Add(ref _ticks, data.Duration.Ticks);
        Captured?.Enqueue($"{data.Duration.TotalMilliseconds:F2} ms  {command.CommandText.ReplaceLineEndings(" ")}");
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Count(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Count(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Count(command, eventData);
        return ValueTask.FromResult(result);
    }
}
