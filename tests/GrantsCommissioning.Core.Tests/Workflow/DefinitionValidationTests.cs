using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Core.Features.Awards;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Features.Returns;
using GrantsCommissioning.Core.Workflow.Kinds;
using GrantsCommissioning.Core.Email;
using GrantsCommissioning.Core.Workflow.Definitions;
using GrantsCommissioning.TestCommon.Workflow;

namespace GrantsCommissioning.Core.Tests.Workflow;

public sealed class DefinitionValidationTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "gc-wfdefs-" + Guid.NewGuid().ToString("N"));

    public DefinitionValidationTests() => CopyDirectory(WorkflowTestHost.RepositoryWorkflows, folder);

    public void Dispose() => WorkflowTestHost.TryDelete(folder);

    [Fact]
    public async Task LoadAsync_WhenRepositoryDefinitions_LoadsAllSixWorkflows()
    {
        var loaded = await LoadAsync();

        Assert.Equal(["award", "decision-notice", "grant-application", "monitoring-return", "payment", "payment-run"], loaded.Select(l => l.Definition.Id).Distinct().Order(StringComparer.Ordinal));
        Assert.All(loaded, l => Assert.Equal(64, l.Sha256.Length));
    }

    [Theory]
    [InlineData("grant-application", "\"to\": \"Recommendation\", \"label\": \"Put", "\"to\": \"Recomendation\", \"label\": \"Put", "transition 'Recommend' goes to unknown state 'Recomendation'")]
    [InlineData("grant-application", "\"initialState\": \"Draft\"", "\"initialState\": \"Started\"", "initial state 'Started' is not one of the states")]
    [InlineData("grant-application", "{ \"from\": [\"Deferred\"], \"trigger\": \"Reconsider\"", "{ \"from\": [\"Rejected\"], \"trigger\": \"Reconsider\"", "terminal state 'Rejected' has exits (Reconsider)")]
    [InlineData("award", "\"from\": [\"Active\"], \"trigger\": \"Suspend\"", "\"from\": [\"Suspended\"], \"trigger\": \"Suspend\"", "state 'Suspended' cannot be reached from the initial state 'Active'")]
    [InlineData("monitoring-return", "{ \"state\": \"Overdue\", \"trigger\": \"Escalate\"", "{ \"state\": \"Submitted\", \"trigger\": \"Escalate\"", "timer 'Escalate' in state 'Submitted' fires 'Escalate', which is not allowed from state 'Submitted'")]
    [InlineData("monitoring-return", "\"trigger\": \"MarkOverdue\", \"to\": \"Overdue\", \"label\": \"Mark overdue\", \"roles\": [\"System\"]", "\"trigger\": \"MarkOverdue\", \"to\": \"Overdue\", \"label\": \"Mark overdue\", \"roles\": [\"GrantsOfficer\"]", "whose roles do not include System")]
    [InlineData("monitoring-return", "\"after\": \"P14D\"", "\"after\": \"P14X\"", "has after 'P14X', which is not an ISO-8601 duration")]
    [InlineData("monitoring-return", "\"field\": \"PeriodEnd\"", "\"field\": \"PeriodFinish\"", "uses field 'PeriodFinish', which is not a date on MonitoringReturn")]
    [InlineData("payment", "\"roles\": [\"Finance\"], \"guards\": [\"notRecorder\"]", "\"roles\": [\"Treasurer\"], \"guards\": [\"notRecorder\"]", "transition 'Authorise' names unknown role 'Treasurer'")]
    [InlineData("payment", "\"template\": \"payment-held\"", "\"template\": \"payment-on-hold\"", "sends email template 'payment-on-hold', which does not exist")]
    [InlineData("payment", "\"to\": [\"role:Finance\"]", "\"to\": [\"role:Bursar\"]", "sends 'payment-ready' to unknown role 'Bursar'")]
    [InlineData("grant-application", "\"id\": \"grant-application\"", "\"id\": \"grant-app\"", "id 'grant-app' does not match its folder 'grant-application'")]
    [InlineData("grant-application", "\"version\": 1,", "\"version\": 2,", "version 2 does not match the file name")]
    [InlineData("grant-application", "{ \"role\": \"DecisionMaker\", \"maxPence\": 2500000, \"authority\": \"DecisionMaker\" },", "", "role 'DecisionMaker' has no delegation limit")]
    [InlineData("award", "{ \"name\": \"Closed\", \"label\": \"Closed\", \"terminal\": true }", "{ \"name\": \"Closed\", \"label\": \"Closed\" }", "state 'Closed' has no exits")]
    public async Task LoadAsync_WhenRuleBroken_StopsWithFileAndProblem(string workflow, string find, string replace, string expected)
    {
        Edit($"{workflow}/v1.json", find, replace);

        var ex = await Assert.ThrowsAsync<StartupException>(LoadAsync);

        Assert.Contains($"workflows/{workflow}/v1.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"startStates\": [\"InterestDraft\"]", "\"startStates\": [\"Interest\"]", "start state 'Interest' is not one of the states")]
    [InlineData("\"startStates\": [\"InterestDraft\"],", "", "state 'InterestDraft' cannot be reached from the initial state 'Draft'")]
    public async Task LoadAsync_WhenAStartStateIsWrong_StopsStartup(string find, string replace, string expected)
    {
        Edit("grant-application/v6.json", find, replace);

        var ex = await Assert.ThrowsAsync<StartupException>(LoadAsync);

        Assert.Contains($"workflows/grant-application/v6.json: {expected}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_WhenApprovalsAreListedButNoDecisionWaitsForThem_StopsStartup()
    {
        Edit("grant-application/v3.json", ", \"approvalsComplete\"]", "]");

        var ex = await Assert.ThrowsAsync<StartupException>(LoadAsync);

        Assert.Contains("workflows/grant-application/v3.json: the definition lists approvals but no transition uses the guard 'approvalsComplete'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_WhenSchemaViolated_NamesFileAndSchemaError()
    {
        Edit("payment/v1.json", "\"caseKind\": \"Payment\"", "\"caseKind\": \"Invoice\"");

        var ex = await Assert.ThrowsAsync<StartupException>(LoadAsync);

        Assert.Contains("workflows/payment/v1.json: does not match the schema", ex.Message, StringComparison.Ordinal);
        Assert.Contains("caseKind", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_WhenNotJson_NamesFile()
    {
        Edit("award/v1.json", "\"title\": \"Grant award (agreement)\",", "\"title\": \"Grant award\" oops");

        var ex = await Assert.ThrowsAsync<StartupException>(LoadAsync);

        Assert.Contains("workflows/award/v1.json:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_WhenTemplateUsesUnknownField_Stops()
    {
        File.AppendAllText(Path.Combine(folder, "templates", "payment-paid.txt"), "\nBank: {{BankAccount}}\n");

        var ex = await Assert.ThrowsAsync<StartupException>(LoadAsync);

        Assert.Contains("email template 'payment-paid'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("{{BankAccount}}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_WhenOnlyLineEndingsDiffer_IsTheSame()
    {
        Assert.Equal(DefinitionLoader.Hash("{\n \"a\": 1\n}\n"), DefinitionLoader.Hash("{\r\n \"a\": 1\r\n}\r\n"));
        Assert.NotEqual(DefinitionLoader.Hash("{ \"a\": 1 }"), DefinitionLoader.Hash("{ \"a\": 2 }"));
    }

    private static Type? CaseTypes(CaseKind kind) =>
        new CaseKinds([new ApplicationCaseKind(), new AwardCaseKind(), new PaymentCaseKind(), new ReturnCaseKind(), new Core.Features.DecisionNotices.DecisionNoticeCaseKind(), new Core.Features.PaymentRuns.PaymentRunCaseKind()]).Find(kind)?.EntityType;

    private Task<IReadOnlyList<LoadedDefinition>> LoadAsync() =>
        DefinitionLoader.LoadAsync(folder, new EmailTemplates(Path.Combine(folder, "templates")), CaseTypes);

    private void Edit(string relative, string find, string replace)
    {
        var path = Path.Combine(folder, relative);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
    }

    internal static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal), overwrite: true);
        }
    }
}
