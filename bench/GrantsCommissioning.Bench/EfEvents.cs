using System.Diagnostics;

namespace GrantsCommissioning.Bench;

/// <summary>
/// EF Core's DiagnosticListener events in this process, from construction until disposal, handed to
/// <see cref="OnEvent"/> (the app's configuration is not touched). Events may arrive before a derived constructor has
/// run, so <see cref="OnEvent"/> must cope with its own fields not being set yet.
/// </summary>
internal abstract class EfEvents : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> listeners = [];
    private readonly IDisposable subscription;

    protected EfEvents() => subscription = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>One EF Core event: its name and its payload.</summary>
    protected abstract void OnEvent(string name, object? payload);

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore")
        {
            lock (listeners)
            {
                listeners.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value) => OnEvent(value.Key, value.Value);

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        subscription.Dispose();
        lock (listeners)
        {
            listeners.ForEach(l => l.Dispose());
        }
    }
}
