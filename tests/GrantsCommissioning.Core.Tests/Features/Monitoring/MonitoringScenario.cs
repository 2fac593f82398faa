using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Monitoring;

/// <summary>An active award of £10,000 with two cost lines (£4,200 equipment, £5,800 staff), a grantee member and returns as the test asks.</summary>
internal sealed class MonitoringScenario
{
    public required Award Award { get; init; }
    public required Actor Grantee { get; init; }
    public required AwardCostLine Equipment { get; init; }
    public required AwardCostLine Staff { get; init; }

    public static async Task<MonitoringScenario> CreateAsync(WorkflowTestHost host, WorkflowTestData data, DateOnly? endDate = null)
    {
        var grantee = await data.UserAsync("Gwen", Roles.Applicant);
        var award = await data.AwardAsync(member: grantee);
        using var db = host.Db();
        db.Attach(award);
        var equipment = new AwardCostLine { AwardId = award.Id, Order = 1, Description = "Equipment", AmountPence = 420_000 };
        var staff = new AwardCostLine { AwardId = award.Id, Order = 2, Description = "Staff", AmountPence = 580_000 };
        db.AwardCostLines.AddRange(equipment, staff);
        award.EndDate = endDate ?? new DateOnly(2027, 3, 31);
        await db.SaveChangesAsync();
        host.Workflow.Import(db, award, AwardStates.Active, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return new MonitoringScenario { Award = award, Grantee = grantee, Equipment = equipment, Staff = staff };
    }

    /// <summary>A return of the award for the quarter ending <paramref name="periodEnd"/>, imported into <paramref name="state"/>.</summary>
    public async Task<MonitoringReturn> ReturnAsync(WorkflowTestHost host, string state, DateOnly periodEnd, long equipmentPence = 0, long staffPence = 0)
    {
        using var db = host.Db();
        var r = new MonitoringReturn
        {
            ReturnReference = $"{Award.AwardReference}-R{WorkflowTestData.Next()}", AwardId = Award.Id, PeriodStart = periodEnd.AddMonths(-3).AddDays(1),
            PeriodEnd = periodEnd, DueDate = periodEnd.AddMonths(1),
        };
        if (state is ReturnStates.Submitted or ReturnStates.Accepted or ReturnStates.Queried)
        {
            r.SubmittedAt = DateTimeOffset.UtcNow;
            r.SpendLines.Add(new ReturnSpendLine { CostLineId = Equipment.Id, AmountPence = equipmentPence });
            r.SpendLines.Add(new ReturnSpendLine { CostLineId = Staff.Id, AmountPence = staffPence });
        }
        host.Workflow.Start(r, Actor.System);
        db.Returns.Add(r);
        await db.SaveChangesAsync();
        host.Workflow.Import(db, r, state, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return r;
    }

    public async Task<Award> ReloadAsync(WorkflowTestHost host)
    {
        using var db = host.Db();
        return await db.Awards.AsNoTracking().Include(a => a.CostLines).Include(a => a.Returns).SingleAsync(a => a.Id == Award.Id);
    }
}
