using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Core.Tests.Workflow;
using GrantsCommissioning.Core.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.Monitoring;

/// <summary>A named officer per award, their portfolio (paged and sorted in the database, exported as CSV) and RAG ratings kept over time.</summary>
public sealed class PortfolioTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    private AwardOversightService Oversight => fixture.Host.Services.GetRequiredService<AwardOversightService>();

    private PortfolioQueries Portfolio => fixture.Host.Services.GetRequiredService<PortfolioQueries>();

    [Fact]
    public async Task AssignOfficer_OnlyAGrantsOfficerNamesOnlyAGrantsOfficer()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var finance = await fixture.Data.UserAsync("Fred", Roles.Finance);
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);

        var byFinance = await Oversight.AssignOfficerAsync(s.Award.Id, officer.UserId, finance);
        var financeNamed = await Oversight.AssignOfficerAsync(s.Award.Id, finance.UserId, officer);
        var named = await Oversight.AssignOfficerAsync(s.Award.Id, officer.UserId, officer);

        Assert.IsType<RoleNeeded>(byFinance.Failure);
        Assert.Equal("Choose a grants officer to look after this award.", financeNamed.Errors["OfficerUserId"]);
        Assert.True(named.Succeeded);
        Assert.Equal("Gina", (await Oversight.OversightAsync(s.Award.Id))!.OfficerName);
    }

    [Fact]
    public async Task Portfolio_CountsReturnsDueOverdueQueriedAndChangesWaiting_SortsAndPagesInTheDatabase()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var quiet = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);
        var busy = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);
        await busy.ReturnAsync(fixture.Host, ReturnStates.Overdue, new DateOnly(2026, 6, 30));
        await busy.ReturnAsync(fixture.Host, ReturnStates.Queried, new DateOnly(2026, 9, 30), 1_000, 1_000);
        await quiet.ReturnAsync(fixture.Host, ReturnStates.Due, new DateOnly(2026, 9, 30));
        await fixture.Host.Services.GetRequiredService<ChangeRequestService>().RequestAsync(quiet.Award.Id,
            new ChangeRequestInput(ChangeRequestKind.EndDateExtension, "Delayed start.", new DateOnly(2027, 6, 30)), quiet.Grantee, Guid.NewGuid().ToString());
        foreach (var s in new[] { quiet, busy })
        {
            Assert.True((await Oversight.AssignOfficerAsync(s.Award.Id, officer.UserId, officer)).Succeeded);
        }
        await Oversight.RateAsync(quiet.Award.Id, new RatingInput(Rag.Amber, "Start delayed by the venue."), officer);

        var first = await Portfolio.PageAsync(new PortfolioQuery(officer.UserId, Take: 1));
        var second = await Portfolio.PageAsync(new PortfolioQuery(officer.UserId, Skip: 1, Take: 1));

        var top = Assert.Single(first.Rows);
        Assert.Equal((busy.Award.Id, 0, 1, 1, 0, true), (top.AwardId, top.ReturnsDue, top.ReturnsOverdue, top.ReturnsQueried, top.ChangesWaiting, top.AtRisk));
        var next = Assert.Single(second.Rows);
        Assert.Equal((quiet.Award.Id, 1, 1, Rag.Amber, true), (next.AwardId, next.ReturnsDue, next.ChangesWaiting, next.Rag, next.AtRisk));
        Assert.Equal(new PortfolioTotals(2, new Money(2_000_000), 1, 1, 1, 0, 1, 2), first.Totals);
    }

    /// <summary>
    /// Each column the officer sorts by, both ways, one row a page: an award not rated yet sorts as the lowest rating on
    /// every database (PostgreSQL puts a NULL last when ascending, SQLite first), so "RAG, worst first" starts with red.
    /// </summary>
    [Fact]
    public async Task Portfolio_SortsByEndDateAndRagBothWays_PageByPage_WithUnratedAwardsLowest()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var awards = new List<(int Id, DateOnly End, Rag Rag)>();
        foreach (var (end, rag) in new[] { (new DateOnly(2027, 6, 30), Rag.Amber), (new DateOnly(2026, 12, 31), Rag.NotRated), (new DateOnly(2027, 3, 31), Rag.Red), (new DateOnly(2028, 3, 31), Rag.Green) })
        {
            var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data, endDate: end);
            Assert.True((await Oversight.AssignOfficerAsync(s.Award.Id, officer.UserId, officer)).Succeeded);
            if (rag != Rag.NotRated)
            {
                Assert.True((await Oversight.RateAsync(s.Award.Id, new RatingInput(rag, "As seen at the last visit."), officer)).Succeeded);
            }
            awards.Add((s.Award.Id, end, rag));
        }

        async Task<List<int>> PagesAsync(PortfolioSort sort, bool descending)
        {
            var ids = new List<int>();
            for (var skip = 0; skip < awards.Count; skip++)
            {
                var page = await Portfolio.PageAsync(new PortfolioQuery(officer.UserId, Sort: sort, Descending: descending, Skip: skip, Take: 1));
                Assert.Equal(awards.Count, page.Totals.Awards);
                ids.Add(Assert.Single(page.Rows).AwardId);
            }
            return ids;
        }

        Assert.Equal(awards.OrderBy(a => a.End).Select(a => a.Id), await PagesAsync(PortfolioSort.EndDate, false));
        Assert.Equal(awards.OrderByDescending(a => a.End).Select(a => a.Id), await PagesAsync(PortfolioSort.EndDate, true));
        Assert.Equal(awards.OrderBy(a => a.Rag).Select(a => a.Id), await PagesAsync(PortfolioSort.Rag, false));
        Assert.Equal(awards.OrderByDescending(a => a.Rag).Select(a => a.Id), await PagesAsync(PortfolioSort.Rag, true));
    }

    [Fact]
    public async Task Rate_KeepsEveryRatingNewestFirst_AndRefusesOneWithoutAReason()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);

        var noReason = await Oversight.RateAsync(s.Award.Id, new RatingInput(Rag.Red, " "), officer);
        await Oversight.RateAsync(s.Award.Id, new RatingInput(Rag.Green, "First quarter delivered as planned."), officer);
        await Oversight.RateAsync(s.Award.Id, new RatingInput(Rag.Red, "Two returns overdue and the coordinator has left."), officer);

        Assert.Equal("Give the reason for the rating.", noReason.Errors["Reason"]);
        var history = (await Oversight.OversightAsync(s.Award.Id))!.Ratings;
        Assert.Equal([Rag.Red, Rag.Green], history.Select(r => r.Rag).ToList());
        Assert.Equal("Two returns overdue and the coordinator has left.", history[0].Reason);
    }
}
