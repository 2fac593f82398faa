using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Finance;

/// <summary>An award with payments in chosen states (paid ones with their date), linked to one plan objective, on a fund with a budget.</summary>
internal sealed class FinanceTestData(WorkflowTestHost host)
{
    public WorkflowTestData Data { get; } = new(host);

    public async Task<Award> AwardAsync(Actor? owner = null)
    {
        var award = await Data.AwardAsync(member: owner);
        var objectiveId = await Data.ObjectiveAsync();
        using var db = host.Db();
        db.AwardObjectives.Add(new AwardObjective { AwardId = award.Id, ObjectiveId = objectiveId, SharePercent = 100 });
        db.FundBudgets.Add(new FundBudget { FundId = award.FundId, FinancialYearStart = 2026, AmountPence = 10_000_000 });
        db.AwardYearSplits.Add(new AwardYearSplit { AwardId = award.Id, FinancialYearStart = 2026, AmountPence = award.AmountPence });
        if (owner is not null)
        {
            var member = await db.OrganisationMembers.SingleAsync(m => m.OrganisationId == award.OrganisationId && m.UserId == owner.UserId);
            member.Role = OrganisationRole.Owner;
        }
        await db.SaveChangesAsync();
        return award;
    }

    /// <summary>A payment on the award imported into <paramref name="state"/>; a paid one was paid on <paramref name="paidOn"/>.</summary>
    public async Task<Payment> PaymentAsync(Award award, string state, long pence, DateOnly? paidOn = null, string? recordedBy = null, string? authorisedBy = null)
    {
        using var db = host.Db();
        var payment = new Payment
        {
            PaymentReference = $"PAY-{WorkflowTestData.Next()}", AwardId = award.Id, InstalmentNumber = 1, DueDate = new DateOnly(2026, 10, 1),
            AmountPence = pence, RecordedByUserId = recordedBy, AuthorisedByUserId = authorisedBy, PaidOn = paidOn,
            FinanceReference = paidOn is null ? null : "FIN-" + WorkflowTestData.Next(),
        };
        host.Workflow.Start(payment, Actor.System);
        db.Payments.Add(payment);
        await db.SaveChangesAsync();
        if (state != payment.State)
        {
            host.Workflow.Import(db, payment, state, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        return payment;
    }
}
