using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;

namespace GrantsCommissioning.Core.Tests.Workflow;

/// <summary>The Scheme of Delegation in grant-application/v1.json: role × fund × amount × decision, at and either side of each limit.</summary>
public sealed class DelegationMatrixTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    private static readonly DecisionReasons Reasons = new("Meets objectives two and four.", null, "Send the latest accounts.");

    public static TheoryData<string, bool, long, string, bool, TransitionError> Matrix => new()
    {
        // Grants officer: up to £500 on the small fund only.
        { Roles.GrantsOfficer, true, 49_999, ApplicationTriggers.Approve, false, TransitionError.None },
        { Roles.GrantsOfficer, true, 50_000, ApplicationTriggers.Approve, false, TransitionError.None },
        { Roles.GrantsOfficer, true, 50_001, ApplicationTriggers.Approve, false, TransitionError.OverDelegatedLimit },
        { Roles.GrantsOfficer, false, 100, ApplicationTriggers.Approve, false, TransitionError.OverDelegatedLimit },
        { Roles.GrantsOfficer, true, 50_000, ApplicationTriggers.PartFund, false, TransitionError.None },
        { Roles.GrantsOfficer, true, 50_001, ApplicationTriggers.PartFund, false, TransitionError.OverDelegatedLimit },
        { Roles.GrantsOfficer, true, 10_000_000, ApplicationTriggers.Reject, false, TransitionError.None },
        { Roles.GrantsOfficer, false, 100, ApplicationTriggers.Reject, false, TransitionError.OverDelegatedLimit },
        { Roles.GrantsOfficer, false, 100, ApplicationTriggers.Defer, false, TransitionError.OverDelegatedLimit },
        // Decision maker: up to £25,000 on any fund.
        { Roles.DecisionMaker, false, 2_499_999, ApplicationTriggers.Approve, false, TransitionError.None },
        { Roles.DecisionMaker, false, 2_500_000, ApplicationTriggers.Approve, false, TransitionError.None },
        { Roles.DecisionMaker, false, 2_500_001, ApplicationTriggers.Approve, false, TransitionError.OverDelegatedLimit },
        { Roles.DecisionMaker, true, 50_001, ApplicationTriggers.Approve, false, TransitionError.None },
        { Roles.DecisionMaker, false, 2_500_001, ApplicationTriggers.PartFund, false, TransitionError.OverDelegatedLimit },
        { Roles.DecisionMaker, false, 90_000_000, ApplicationTriggers.Reject, false, TransitionError.None },
        { Roles.DecisionMaker, false, 90_000_000, ApplicationTriggers.Defer, false, TransitionError.None },
        // Commissioner: no limit, but above £25,000 a decision notice is required.
        { Roles.Commissioner, false, 2_500_000, ApplicationTriggers.Approve, false, TransitionError.None },
        { Roles.Commissioner, false, 2_500_001, ApplicationTriggers.Approve, false, TransitionError.Validation },
        { Roles.Commissioner, false, 2_500_001, ApplicationTriggers.Approve, true, TransitionError.None },
        { Roles.Commissioner, false, 500_000_000, ApplicationTriggers.PartFund, true, TransitionError.None },
        // Roles outside the scheme.
        { Roles.Assessor, false, 100, ApplicationTriggers.Approve, false, TransitionError.RoleNotAllowed },
        { Roles.Finance, false, 100, ApplicationTriggers.Approve, false, TransitionError.RoleNotAllowed },
        { Roles.Applicant, true, 100, ApplicationTriggers.Reject, false, TransitionError.RoleNotAllowed },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task FireAsync_WhenDecisionByRoleFundAndAmount_FollowsSchemeOfDelegation(
        string role, bool smallFund, long pence, string trigger, bool withNotice, TransitionError expected)
    {
        var actor = await fixture.Data.UserAsync("Decider", role);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Recommendation, smallFund, trigger == ApplicationTriggers.PartFund ? pence + 1 : pence);
        var request = new TransitionRequest(CaseRef.Of(app), trigger, actor, Guid.NewGuid().ToString())
        {
            Amount = new Money(pence),
            Comment = "Reasons recorded",
            Payload = Reasons,
            NoticeReference = withNotice ? $"WMPCC/2026/{Guid.NewGuid():N}" : null,
        };

        var result = await fixture.Host.Workflow.FireAsync(request);

        Assert.Equal(expected, result.Error);
        Assert.Equal(expected == TransitionError.None, result.Succeeded);
        if (!result.Succeeded)
        {
            Assert.False(string.IsNullOrWhiteSpace(result.Message));
            Assert.Equal(ApplicationStates.Recommendation, result.State);
        }
    }

    [Fact]
    public async Task FireAsync_WhenOverLimit_MessageNamesLimitAndAmount()
    {
        var actor = await fixture.Data.UserAsync("Dee", Roles.DecisionMaker);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Recommendation, smallFund: false, 3_000_000);

        var result = await fixture.Host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(app), ApplicationTriggers.Approve, actor, Guid.NewGuid().ToString())
        {
            Amount = new Money(3_000_000),
            Payload = Reasons,
        });

        Assert.Equal(TransitionError.OverDelegatedLimit, result.Error);
        Assert.Contains("£30,000.00", result.Message, StringComparison.Ordinal);
        Assert.Contains("£25,000.00", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FireAsync_WhenAmountLimitedWithoutAmount_IsValidationError()
    {
        var actor = await fixture.Data.UserAsync("Dee", Roles.DecisionMaker);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Recommendation);

        var result = await fixture.Host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(app), ApplicationTriggers.Approve, actor, Guid.NewGuid().ToString()) { Payload = Reasons });

        Assert.Equal(TransitionError.Validation, result.Error);
        Assert.Equal("Enter an amount more than £0.", result.Message);
    }

    [Fact]
    public async Task FireAsync_WhenApprovedWithinLimit_JournalsRoleAmountAndVersion()
    {
        var actor = await fixture.Data.UserAsync("Dee", Roles.DecisionMaker, Roles.GrantsOfficer);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Recommendation, smallFund: false, 1_000_000);
        var key = Guid.NewGuid().ToString();

        var result = await fixture.Host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(app), ApplicationTriggers.Approve, actor, key) { Amount = new Money(1_000_000), Payload = Reasons });

        Assert.True(result.Succeeded, result.Message);
        using var db = fixture.Host.Db();
        var entry = Assert.Single(db.WorkflowJournal.Where(j => j.IdempotencyKey == key));
        Assert.Equal((ApplicationStates.Recommendation, ApplicationStates.OfferMade), (entry.FromState, entry.ToState));
        Assert.Equal(Roles.DecisionMaker, entry.ActorRole);
        Assert.Equal(1_000_000, entry.AmountPence);
        Assert.Equal(("grant-application", 6), (entry.DefinitionId, entry.DefinitionVersion));
        Assert.Equal(app.Version + 1, result.Version);
    }
}
