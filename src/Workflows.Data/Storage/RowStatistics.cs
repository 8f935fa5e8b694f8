using System.Data.Common;
using System.Diagnostics;

namespace Workflows.Data.Storage;

/// <summary>
/// Counts the statements the runtime sends without EF Core (and the time they take) while
/// <see cref="Enabled"/>, so the benchmark can report round trips per action as it does for EF Core's.
/// </summary>
public static class RowStatistics
{
    private static long _commands;
    private static long _ticks;

    public static bool Enabled { get; set; }

    public static long Commands => Interlocked.Read(ref _commands);

    public static TimeSpan Time => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

    public static void Reset()
    {
        Interlocked.Exchange(ref _commands, 0);
        Interlocked.Exchange(ref _ticks, 0);
    }

    public static Task<int> ExecuteNonQueryAsync(DbCommand command, CancellationToken cancellationToken) =>
        Enabled ? TimedAsync(() => command.ExecuteNonQueryAsync(cancellationToken)) : command.ExecuteNonQueryAsync(cancellationToken);

    public static Task<int> ExecuteBatchAsync(DbBatch batch, CancellationToken cancellationToken) =>
        Enabled ? TimedAsync(() => batch.ExecuteNonQueryAsync(cancellationToken)) : batch.ExecuteNonQueryAsync(cancellationToken);

    /// <summary>Only the execution is timed; reading the rows is the caller's.</summary>
    public static Task<DbDataReader> ExecuteReaderAsync(DbCommand command, CancellationToken cancellationToken) =>
        Enabled ? TimedAsync(() => command.ExecuteReaderAsync(cancellationToken)) : command.ExecuteReaderAsync(cancellationToken);

    public static int ExecuteNonQuery(DbCommand command)
    {
        if (!Enabled)
        {
            return command.ExecuteNonQuery();
        }
        var start = Stopwatch.GetTimestamp();
        var result = command.ExecuteNonQuery();
        Record(start);
        return result;
    }

    private static async Task<T> TimedAsync<T>(Func<Task<T>> run)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await run();
        Record(start);
        return result;
    }

    private static void Record(long start)
    {
        Interlocked.Increment(ref _commands);
        Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
    }
}
