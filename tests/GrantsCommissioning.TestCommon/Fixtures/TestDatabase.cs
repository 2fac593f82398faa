using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GrantsCommissioning.TestCommon.Fixtures;

/// <summary>
/// The real Core container on a migrated SQLite database (a <see cref="WorkflowTestHost"/>) with the repository's
/// seed-data (or a copy) and a <see cref="FakeTimeProvider"/> standing at <see cref="DefaultNow"/> unless told otherwise.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly WorkflowTestHost _host;

    private TestDatabase(WorkflowTestHost host, FakeTimeProvider clock)
    {
        _host = host;
        Clock = clock;
    }

    /// <summary>The default "now" of tests: 30 June 2013, the end of Q1 2013/14, 16:00 UK time.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2013, 6, 30, 15, 0, 0, TimeSpan.Zero);

    public IServiceProvider Services => _host.Services;
    public FakeTimeProvider Clock { get; }

    public static async Task<TestDatabase> CreateAsync(DateTimeOffset? now = null, string? seedDataPath = null)
    {
        var clock = new FakeTimeProvider(now ?? DefaultNow);
        var host = await WorkflowTestHost.CreateAsync(clock: clock, settings: new Dictionary<string, string?>
        {
            ["Grants:SeedDataPath"] = seedDataPath ?? RepositoryPaths.Resolve(null, "seed-data", AppContext.BaseDirectory),
        });
        return new TestDatabase(host, clock);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public GrantsDbContext NewContext() => _host.Db();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
