using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

/// <summary>The runtime's allocation samples (one about every 100 KB) by type, to see what a step allocates.</summary>
internal sealed class AllocationSampler : EventListener
{
    public ConcurrentDictionary<string, long> ByType { get; } = new();

    public bool Recording { get; set; }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs data)
    {
        if (Recording && data.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && data.PayloadNames is { } names)
        {
            var type = data.Payload![names.IndexOf("TypeName")] as string ?? "?";
            ByType.AddOrUpdate(type, 1, (_, n) => n + 1);
        }
    }
}
