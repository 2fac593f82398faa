using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Workflow;

/// <summary>Released versions are pinned by hash; new cases take the latest version and open cases keep theirs.</summary>
public sealed class RegistryTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "gc-wf-reg-" + Guid.NewGuid().ToString("N"));
    private readonly string workflows = Path.Combine(Path.GetTempPath(), "gc-wf-regdefs-" + Guid.NewGuid().ToString("N"));

    public RegistryTests() => DefinitionValidationTests.CopyDirectory(WorkflowTestHost.RepositoryWorkflows, workflows);

    public void Dispose()
    {
        WorkflowTestHost.DeleteDataFolder(data);
        WorkflowTestHost.TryDelete(workflows);
    }

    [Fact]
    public async Task LoadAsync_WhenReleasedFileChanged_StopsStartupNamingFile()
    {
        await (await WorkflowTestHost.CreateAsync(data, workflows)).DisposeAsync();
        Edit("award/v1.json", "\"label\": \"Close award\"", "\"label\": \"Close the award\"");

        var ex = await Assert.ThrowsAsync<StartupException>(() => WorkflowTestHost.CreateAsync(data, workflows));

        Assert.Contains("workflows/award/v1.json: version 1 of 'award' was released on", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Put the change in a new version (v2.json)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_WhenNewVersionAdded_NewCasesTakeItAndOpenCasesKeepTheirs()
    {
        int oldAwardId;
        await using (var first = await WorkflowTestHost.CreateAsync(data, workflows))
        {
            // Closing is possible once the grant period has ended (the award's final report).
            oldAwardId = (await new WorkflowTestData(first).CaseAsync(CaseKind.Award, AwardStates.FinalReport)).Id;
        }
        AddNextVersionOfAward();

        await using var second = await WorkflowTestHost.CreateAsync(data, workflows);
        var officer = await new WorkflowTestData(second).UserAsync("Gina", Roles.GrantsOfficer);
        var newAward = await new WorkflowTestData(second).CaseAsync(CaseKind.Award, AwardStates.FinalReport);
        var closeOld = await second.Workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.Award, oldAwardId), AwardTriggers.Close, officer, Guid.NewGuid().ToString()));
        var closeNew = await second.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(newAward), AwardTriggers.Close, officer, Guid.NewGuid().ToString()));

        Assert.Equal(LatestAward + 1, newAward.WorkflowVersion);
        Assert.True(closeOld.Succeeded, closeOld.Message);
        Assert.Equal(TransitionError.CommentRequired, closeNew.Error);
        using var db = second.Db();
        Assert.Equal(LatestAward, (await db.Awards.SingleAsync(a => a.Id == oldAwardId)).WorkflowVersion);
        Assert.Equal(LatestAward + 1, await db.WorkflowDefinitions.CountAsync(d => d.DefinitionId == "award"));
    }

    [Fact]
    public async Task LoadAsync_WhenVersionUsedByCasesIsMissing_StopsStartup()
    {
        await using (var first = await WorkflowTestHost.CreateAsync(data, workflows))
        {
            await new WorkflowTestData(first).AwardAsync();
        }
        AddNextVersionOfAward();
        await using (var second = await WorkflowTestHost.CreateAsync(data, workflows))
        {
            await new WorkflowTestData(second).AwardAsync();
        }
        File.Delete(Path.Combine(workflows, "award", $"v{LatestAward + 1}.json"));

        var ex = await Assert.ThrowsAsync<StartupException>(() => WorkflowTestHost.CreateAsync(data, workflows));

        Assert.Contains($"Award cases use version {LatestAward + 1} of their workflow", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_AfterTheSchemaIsTightened_ReleasedVersionsStillLoad_AndANewVersionMustMatchIt()
    {
        await (await WorkflowTestHost.CreateAsync(data, workflows)).DisposeAsync();
        // Every title in the repository is shorter than this: released files would fail it if they were matched again.
        Edit("schema/workflow.schema.json", "\"title\": { \"type\": \"string\", \"minLength\": 3 }", "\"title\": { \"type\": \"string\", \"minLength\": 300 }");

        await using (var restarted = await WorkflowTestHost.CreateAsync(data, workflows))
        {
            Assert.Equal(LatestAward, restarted.Registry.Latest(CaseKind.Award).Version);
        }
        AddNextVersionOfAward();
        var ex = await Assert.ThrowsAsync<StartupException>(() => WorkflowTestHost.CreateAsync(data, workflows));

        Assert.Contains($"workflows/award/v{LatestAward + 1}.json: does not match the schema: StringTooShort at #/title", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain($"workflows/award/v{LatestAward}.json", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The latest version of the award workflow in the repository.</summary>
    private static int LatestAward => Directory.GetFiles(Path.Combine(WorkflowTestHost.RepositoryWorkflows, "award"), "v*.json").Length;

    private void AddNextVersionOfAward()
    {
        var latest = File.ReadAllText(Path.Combine(workflows, "award", $"v{LatestAward}.json"));
        var next = latest.Replace($"\"version\": {LatestAward},", $"\"version\": {LatestAward + 1},", StringComparison.Ordinal)
            .Replace("\"label\": \"Close award\", \"roles\": [\"GrantsOfficer\"]", "\"label\": \"Close award\", \"roles\": [\"GrantsOfficer\"], \"commentRequired\": true", StringComparison.Ordinal);
        Assert.NotEqual(latest, next);
        File.WriteAllText(Path.Combine(workflows, "award", $"v{LatestAward + 1}.json"), next);
    }

    private void Edit(string relative, string find, string replace)
    {
        var path = Path.Combine(workflows, relative);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
    }
}
