using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace GrantsCommissioning.Bench;

/// <summary>Counts the methods the JIT compiles while <see cref="Counting"/> is on, by name (to find code generated per request).</summary>
internal sealed class JitNames : EventListener
{
    private readonly ConcurrentDictionary<string, int> _names = new();

    public bool Counting { get; set; }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!Counting || e.EventName != "MethodJittingStarted_V1" || e.Payload is null)
        {
            return;
        }
        var ns = e.Payload[e.PayloadNames!.IndexOf("MethodNamespace")] as string;
        var name = e.Payload[e.PayloadNames.IndexOf("MethodName")] as string;
        _names.AddOrUpdate($"{ns}::{name}", 1, (_, n) => n + 1);
    }

    public IEnumerable<KeyValuePair<string, int>> Top(int n) => _names
        .GroupBy(p => string.Join('.', p.Key.Split("::")[0].Split('`', '[', '+')[0].Split('.').Take(4)))
        .Select(g => KeyValuePair.Create(g.Key, g.Sum(p => p.Value)))
        .OrderByDescending(p => p.Value).Take(n);
}
