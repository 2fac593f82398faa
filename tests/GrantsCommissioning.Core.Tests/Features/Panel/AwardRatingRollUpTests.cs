using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Reports;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GrantsCommissioning.Core.Tests.Features.Panel;

/// <summary>
/// The Panel's roll-up counts the grants live at a quarter's end by the officer's latest RAG rating then (UK time), per
/// objective and in total; a later rating, a later award or an earlier termination does not count; the drill-down behind
/// each count lists the same grants.
/// </summary>
public sealed class AwardRatingRollUpTests
{
    private static readonly FinancialQuarter Q1 = new FinancialYear(2026).Quarter(1);
    private static readonly FinancialQuarter Q2 = new FinancialYear(2026).Quarter(2);

    [Fact]
    public async Task RollUp_CountsLiveGrantsByTheirRatingAtTheQuarterEnd_NotALaterOne()
    {
        await using var host = await WorkflowTestHost.CreateAsync(clock: new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero)));
        var data = new WorkflowTestData(host);
        // Rated on track at 23:30 on 30 June (UK, 22:30 UTC), then off track at 00:30 on 1 July (UK; still 30 June in UTC).
        var turned = await AwardAsync(host, data, [(Rag.Green, Uk(2026, 6, 30, 23, 30)), (Rag.Red, Uk(2026, 7, 1, 0, 30))]);
        var concerns = await AwardAsync(host, data, [(Rag.Amber, Uk(2026, 5, 10, 9, 0))]);
        var unrated = await AwardAsync(host, data, []);
        // Off track in Q1 and terminated in August: counted at the end of June, gone by the end of September.
        var terminated = await AwardAsync(host, data, [(Rag.Red, Uk(2026, 6, 1, 12, 0))]);
        // Not live at the end of June: awarded in July, or its grant period over in May.
        var later = await AwardAsync(host, data, [(Rag.Green, Uk(2026, 7, 20, 10, 0))], awardedOn: new DateOnly(2026, 7, 10));
        await AwardAsync(host, data, [(Rag.Green, Uk(2026, 5, 1, 10, 0))], endDate: new DateOnly(2026, 5, 31));
        using (var db = host.Db())
        {
            db.Attach(terminated);
            host.Workflow.Import(db, terminated, AwardStates.Terminated, Uk(2026, 8, 15, 10, 0), "Project stopped.");
            await db.SaveChangesAsync();
        }
        var rollUp = host.Services.GetRequiredService<ObjectiveRollUp>();

        var q1 = await rollUp.YearToDateAsync(Q1);
        var q2 = await rollUp.YearToDateAsync(Q2);

        Assert.Equal(new AwardRagCounts(OnTrack: 1, SomeConcerns: 1, OffTrack: 1, NotRated: 1), Assert.Single(q1.Rows).Ratings);
        Assert.Equal(new AwardRagCounts(OnTrack: 1, SomeConcerns: 1, OffTrack: 1, NotRated: 1), q1.Totals.Ratings);
        Assert.Equal(new AwardRagCounts(OnTrack: 1, SomeConcerns: 1, OffTrack: 1, NotRated: 1), Assert.Single(q2.Rows).Ratings);
        Assert.Equal(
            [(Q1, Rag.Green, turned.AwardReference), (Q1, Rag.Amber, concerns.AwardReference), (Q1, Rag.Red, terminated.AwardReference), (Q1, Rag.NotRated, unrated.AwardReference),
             (Q2, Rag.Green, later.AwardReference), (Q2, Rag.Amber, concerns.AwardReference), (Q2, Rag.Red, turned.AwardReference), (Q2, Rag.NotRated, unrated.AwardReference)],
            await ListedAsync(host, (Q1, q1.Rows[0].Number), (Q2, q2.Rows[0].Number)));
    }

    [Fact]
    public async Task RollUp_AGrantRatedTwiceTheSameMinute_CountsTheLastRatingGiven()
    {
        await using var host = await WorkflowTestHost.CreateAsync(clock: new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero)));
        var data = new WorkflowTestData(host);
        await AwardAsync(host, data, [(Rag.Red, Uk(2026, 6, 2, 9, 0)), (Rag.Amber, Uk(2026, 6, 2, 9, 0))]);

        var q1 = await host.Services.GetRequiredService<ObjectiveRollUp>().YearToDateAsync(Q1);

        Assert.Equal(new AwardRagCounts(OnTrack: 0, SomeConcerns: 1, OffTrack: 0, NotRated: 0), q1.Totals.Ratings);
    }

    /// <summary>The award references each rating's drill-down lists, per quarter and rating, for the objective.</summary>
    private static async Task<List<(FinancialQuarter, Rag, string)>> ListedAsync(WorkflowTestHost host, params (FinancialQuarter Quarter, int Objective)[] figures)
    {
        var drill = host.Services.GetRequiredService<FigureDrillDown>();
        var listed = new List<(FinancialQuarter, Rag, string)>();
        foreach (var (quarter, objective) in figures)
        {
            foreach (var rag in new[] { Rag.Green, Rag.Amber, Rag.Red, Rag.NotRated })
            {
                var page = await drill.PageAsync(new FigureQuery(FigureList.Ratings, quarter.Year.Start, quarter.End, objective, Rag: rag), 1);
                listed.AddRange(page!.Lines.Select(l => (quarter, rag, l.AwardReference)));
            }
        }
        return listed;
    }

    /// <summary>An award (1 April 2026 to 31 March 2027 unless given) serving the test plan's objective in full, with its ratings.</summary>
    private static async Task<Award> AwardAsync(WorkflowTestHost host, WorkflowTestData data, (Rag Rag, DateTimeOffset At)[] ratings, DateOnly? awardedOn = null, DateOnly? endDate = null)
    {
        var award = await data.AwardAsync();
        var objectiveId = await data.ObjectiveAsync();
        using var db = host.Db();
        var row = await db.Awards.SingleAsync(a => a.Id == award.Id);
        row.AwardedOn = awardedOn ?? row.AwardedOn;
        row.EndDate = endDate ?? row.EndDate;
        db.AwardObjectives.Add(new AwardObjective { AwardId = award.Id, ObjectiveId = objectiveId, SharePercent = 100 });
        db.AwardRatings.AddRange(ratings.Select(r => new AwardRating
        {
            AwardId = award.Id, Rag = r.Rag, Reason = "Seen at the monitoring visit.", RatedByUserId = "officer-1", RatedByName = "Priya Shah", RatedAt = r.At,
        }));
        await db.SaveChangesAsync();
        return row;
    }

    private static DateTimeOffset Uk(int year, int month, int day, int hour, int minute) =>
        UkTime.FromUkLocal(new DateOnly(year, month, day), new TimeOnly(hour, minute));
}
