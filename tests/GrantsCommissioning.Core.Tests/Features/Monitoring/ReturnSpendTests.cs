using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Core.Features.Returns;
using GrantsCommissioning.Core.Tests.Workflow;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.Monitoring;

/// <summary>A return's spend is checked against the award's budget lines, and the officer's review shows the budget beside the spend.</summary>
public sealed class ReturnSpendTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    private ReturnService Returns => fixture.Host.Services.GetRequiredService<ReturnService>();

    private AwardOversightService Oversight => fixture.Host.Services.GetRequiredService<AwardOversightService>();

    [Fact]
    public async Task Submit_SpendFarAboveABudgetLine_IsRefusedWithTheLineNamedAndNothingWritten()
    {
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);
        var ret = await s.ReturnAsync(fixture.Host, ReturnStates.Due, new DateOnly(2026, 6, 30));

        var result = await Returns.SubmitAsync(Submission(ret.Id, s, 9_999_900, 0), s.Grantee, Guid.NewGuid().ToString());

        Assert.False(result.Succeeded);
        Assert.Equal("Spend to date on Equipment would be £99,999.00, more than 10% above its budget of £4,200.00. Check the figure, or ask for a budget virement first.",
            result.Errors["Spend[0].Amount"]);
        using var db = fixture.Host.Db();
        var saved = await db.Returns.Include(r => r.SpendLines).SingleAsync(r => r.Id == ret.Id);
        Assert.Equal((ReturnStates.Due, 0), (saved.State, saved.SpendLines.Count));
    }

    [Theory]
    [InlineData(161_999, true)]
    [InlineData(162_000, true)]
    [InlineData(162_001, false)]
    public async Task Submit_SpendToDateAgainstBudgetPlusTolerance_AcceptedUpToItAndRefusedBeyond(long thisPeriodPence, bool accepted)
    {
        // £3,000 reported earlier on the £4,200 line; the 10% tolerance allows £4,620 to date, so £1,620 more this period.
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);
        await s.ReturnAsync(fixture.Host, ReturnStates.Accepted, new DateOnly(2026, 6, 30), equipmentPence: 300_000);
        var ret = await s.ReturnAsync(fixture.Host, ReturnStates.Due, new DateOnly(2026, 9, 30));

        var result = await Returns.SubmitAsync(Submission(ret.Id, s, thisPeriodPence, 0), s.Grantee, Guid.NewGuid().ToString());

        Assert.Equal(accepted, result.Succeeded);
    }

    [Fact]
    public async Task Review_ShowsBudgetEarlierSpendAndThisPeriodByLine_AndFlagsSpendAboveTheLine()
    {
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);
        await s.ReturnAsync(fixture.Host, ReturnStates.Accepted, new DateOnly(2026, 6, 30), equipmentPence: 300_000, staffPence: 100_000);
        var ret = await s.ReturnAsync(fixture.Host, ReturnStates.Due, new DateOnly(2026, 9, 30));
        var sent = await Returns.SubmitAsync(Submission(ret.Id, s, 150_000, 50_000), s.Grantee, Guid.NewGuid().ToString());
        Assert.True(sent.Succeeded, string.Join("; ", sent.Errors.Values));

        var review = await Oversight.ReviewAsync(ret.Id);

        Assert.NotNull(review);
        Assert.Equal(
            [("Equipment", 420_000L, 300_000L, 150_000L, 450_000L), ("Staff", 580_000L, 100_000L, 50_000L, 150_000L)],
            review.Figures.Spend.Select(l => (l.Description, l.Budget.Pence, l.Before.Pence, l.ThisPeriod.Pence, l.ToDate.Pence)).ToList());
        var over = Assert.Single(review.Flags, f => f.Kind == ReturnFlagKind.SpendAboveBudgetLine);
        Assert.Equal("Spend to date on Equipment is £4,500.00, £300.00 above its budget of £4,200.00.", over.Reason);
        Assert.Contains(review.Flags, f => f.Kind == ReturnFlagKind.SpendAheadOfPayments);
    }

    private static ReturnSubmission Submission(int returnId, MonitoringScenario s, long equipmentPence, long staffPence) =>
        new(returnId, new Dictionary<int, Money> { [s.Equipment.Id] = new(equipmentPence), [s.Staff.Id] = new(staffPence) }, new Dictionary<int, double>(),
            "Volunteers out every weekend.");
}
