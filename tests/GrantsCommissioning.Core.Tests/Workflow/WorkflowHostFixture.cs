using GrantsCommissioning.TestCommon.Workflow;

namespace GrantsCommissioning.Core.Tests.Workflow;

/// <summary>One migrated database and registry per test class; each test makes its own cases, users and funds.</summary>
public sealed class WorkflowHostFixture : IAsyncLifetime
{
    public WorkflowTestHost Host { get; private set; } = null!;
    public WorkflowTestData Data { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await WorkflowTestHost.CreateAsync();
        Data = new WorkflowTestData(Host);
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
