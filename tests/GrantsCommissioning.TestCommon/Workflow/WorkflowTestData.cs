using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.Core.Features.PaymentRuns;
using GrantsCommissioning.Core.Workflow;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.TestCommon.Workflow;

/// <summary>Builds the minimum real rows a workflow case needs: users with roles, a fund and round, an organisation.</summary>
public sealed class WorkflowTestData(WorkflowTestHost host)
{
    private static int counter;

    public static int Next() => Interlocked.Increment(ref counter);

    public async Task<Actor> UserAsync(string name, params string[] roles)
    {
        using var db = host.Db();
        var id = $"{name.ToLowerInvariant()}-{Next()}";
        db.Users.Add(new ApplicationUser { Id = id, UserName = id, Email = $"{id}@example.org", DisplayName = name });
        foreach (var role in roles)
        {
            var existing = db.Roles.FirstOrDefault(r => r.Name == role);
            if (existing is null)
            {
                existing = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
                db.Roles.Add(existing);
            }
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = existing.Id });
        }
        await db.SaveChangesAsync();
        return Actor.For(id, name, roles);
    }

    public async Task<(int FundId, int RoundId)> FundAsync(bool smallFund)
    {
        using var db = host.Db();
        var n = Next();
        var fund = new Fund
        {
            Code = $"F{n}", Name = smallFund ? "Small grants fund" : "Commissioner's grant scheme", Purpose = "Test",
            SeniorResponsibleOfficer = "Chief Executive", SeniorResponsibleOfficerRole = "Chief Executive", IsSmallFund = smallFund,
        };
        var round = new FundingRound
        {
            Fund = fund, Reference = $"R{n}", Title = "Round", Purpose = "Test", WhoCanApply = "Anyone",
            MinAwardPence = 100, MaxAwardPence = 10_000_000_000, UsesShortForm = true,
            OpensAt = DateTimeOffset.UtcNow.AddYears(-1), ClosesAt = DateTimeOffset.UtcNow.AddYears(50),
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        return (fund.Id, round.Id);
    }

    public async Task<int> OrganisationAsync(Actor? member = null)
    {
        using var db = host.Db();
        var org = new Organisation { Name = $"Community Group {Next()}", AddressLine1 = "1 High St", Town = "Worcester", Postcode = "WR1 1AA", AreaServed = "Worcester" };
        if (member is not null)
        {
            org.Members.Add(new OrganisationMember { UserId = member.UserId, Email = $"{member.UserId}@example.org", Role = OrganisationRole.Owner });
        }
        db.Organisations.Add(org);
        await db.SaveChangesAsync();
        return org.Id;
    }

    /// <summary>An application, complete on the round's short form so it can be submitted, imported straight into <paramref name="state"/>.</summary>
    public async Task<GrantApplication> ApplicationAsync(string state, bool smallFund = false, long requestedPence = 100_000, Actor? applicant = null, bool withApprovals = true)
    {
        var (_, roundId) = await FundAsync(smallFund);
        var orgId = await OrganisationAsync(applicant);
        var objectiveId = await ObjectiveAsync();
        using var db = host.Db();
        var app = new GrantApplication
        {
            ApplicationReference = $"APP-{Next()}", RoundId = roundId, OrganisationId = orgId, ProjectTitle = "Safer streets",
            Summary = "Volunteers keep the town centre safe at night.", AmountRequestedPence = requestedPence,
            Beneficiaries = "People on nights out", BeneficiaryCount = 100, AreaServed = "Worcester", DeclarationsAccepted = true,
        };
        app.BudgetLines.Add(new ApplicationBudgetLine { Order = 1, Description = "Volunteer costs", Category = "Staff", AmountPence = requestedPence });
        app.Objectives.Add(new ApplicationObjective { ObjectiveId = objectiveId, SharePercent = 100 });
        host.Workflow.Start(app, Actor.System);
        db.Applications.Add(app);
        await db.SaveChangesAsync();
        if (state != app.State)
        {
            host.Workflow.Import(db, app, state, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        if (state == ApplicationStates.Recommendation)
        {
            // A case put for decision has had its due diligence (the dueDiligenceComplete guard on funding decisions).
            await TestData.RecordDueDiligenceAsync(db, app.Id, DateTimeOffset.UtcNow);
            if (withApprovals)
            {
                // ... and the approvals the Scheme of Delegation asks for before a large decision (approvalsComplete).
                await TestData.RecordApprovalsAsync(db, app.Id, DateTimeOffset.UtcNow);
            }
        }
        return app;
    }

    /// <summary>A plan objective for applications to link to (the workflow host has no reference data).</summary>
    public async Task<int> ObjectiveAsync()
    {
        using var db = host.Db();
        if (await db.Objectives.Select(o => (int?)o.Id).FirstOrDefaultAsync() is { } id)
        {
            return id;
        }
        var plan = new PoliceAndCrimePlan { Code = $"TEST{Next()}", Title = "Test plan", PoliceArea = "Test", PeriodStart = new DateOnly(2013, 4, 1), PeriodEnd = new DateOnly(2017, 3, 31) };
        var aim = new PlanAim { Plan = plan, Number = 1, Title = "Reduce crime" };
        var objective = new PlanObjective { Plan = plan, Aim = aim, Number = 1, Title = "Reduce violent crime" };
        db.Objectives.Add(objective);
        await db.SaveChangesAsync();
        return objective.Id;
    }

    public async Task AssessmentAsync(int applicationId, Actor assessor, bool? hasConflict)
    {
        using var db = host.Db();
        db.Assessments.Add(new Assessment { ApplicationId = applicationId, AssessorUserId = assessor.UserId, AssessorName = assessor.DisplayName, HasConflict = hasConflict });
        await db.SaveChangesAsync();
    }

    public async Task<Award> AwardAsync(bool smallFund = false, Actor? member = null)
    {
        var (fundId, _) = await FundAsync(smallFund);
        var orgId = await OrganisationAsync(member);
        using var db = host.Db();
        var award = new Award
        {
            AwardReference = $"AW-{Next()}", OrganisationId = orgId, FundId = fundId, Title = "Safer streets", Purpose = "Reduce harm",
            AmountPence = 1_000_000, AwardedOn = new DateOnly(2026, 4, 1), StartDate = new DateOnly(2026, 4, 1), EndDate = new DateOnly(2027, 3, 31),
        };
        host.Workflow.Start(award, Actor.System);
        db.Awards.Add(award);
        await db.SaveChangesAsync();
        return award;
    }

    public async Task<Payment> PaymentAsync(string state, string? recordedBy)
    {
        var award = await AwardAsync();
        using var db = host.Db();
        var payment = new Payment
        {
            PaymentReference = $"PAY-{Next()}", AwardId = award.Id, InstalmentNumber = 1, DueDate = new DateOnly(2030, 1, 1),
            AmountPence = 250_000, RecordedByUserId = recordedBy,
        };
        host.Workflow.Start(payment, Actor.System);
        db.Payments.Add(payment);
        await db.SaveChangesAsync();
        host.Workflow.Import(db, payment, state, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return payment;
    }

    /// <summary>A monitoring return imported into <paramref name="state"/>, entered at <paramref name="enteredAt"/>, of a new award or of <paramref name="awardId"/>.</summary>
    public async Task<MonitoringReturn> ReturnAsync(
        string state, DateOnly periodEnd, DateOnly dueDate, DateTimeOffset enteredAt, Actor? member = null, Action<MonitoringReturn>? shape = null, int? awardId = null)
    {
        awardId ??= (await AwardAsync(member: member)).Id;
        using var db = host.Db();
        var r = new MonitoringReturn
        {
            ReturnReference = $"RET-{Next()}", AwardId = awardId.Value, PeriodStart = periodEnd.AddMonths(-3), PeriodEnd = periodEnd, DueDate = dueDate,
        };
        host.Services.GetRequiredService<Core.Features.Monitoring.ReturnTimetable>().Apply(r);
        shape?.Invoke(r);
        host.Workflow.Start(r, Actor.System);
        db.Returns.Add(r);
        await db.SaveChangesAsync();
        host.Workflow.Import(db, r, state, enteredAt);
        await db.SaveChangesAsync();
        return r;
    }

    /// <summary>A PCC decision notice imported into <paramref name="state"/>.</summary>
    public async Task<DecisionNotice> NoticeAsync(string state)
    {
        using var db = host.Db();
        var reference = $"TEST/{Next()}";
        var at = DateTimeOffset.UtcNow;
        var notice = new DecisionNotice { NoticeReference = reference, Slug = DecisionNotice.SlugOf(reference), Title = "Safer streets grant", CreatedAt = at, UpdatedAt = at };
        host.Workflow.Start(notice, Actor.System);
        db.Add(notice);
        await db.SaveChangesAsync();
        if (state != notice.State)
        {
            host.Workflow.Import(db, notice, state, at);
            await db.SaveChangesAsync();
        }
        return notice;
    }

    /// <summary>A payment run (with no payments) imported into <paramref name="state"/>.</summary>
    public async Task<PaymentRun> PaymentRunAsync(string state)
    {
        using var db = host.Db();
        var run = new PaymentRun { RunReference = $"RUN-{Next()}", PreparedByUserId = "preparer", PreparedByName = "Pat Preparer", PreparedAt = DateTimeOffset.UtcNow };
        host.Workflow.Start(run, Actor.System);
        db.Add(run);
        await db.SaveChangesAsync();
        if (state != run.State)
        {
            host.Workflow.Import(db, run, state, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        return run;
    }

    /// <summary>A case of any kind in <paramref name="state"/>, for tests that run over every kind's transitions.</summary>
    public async Task<WorkflowCaseBase> CaseAsync(CaseKind kind, string state)
    {
        switch (kind)
        {
            case CaseKind.Application:
                return await ApplicationAsync(state);
            case CaseKind.Payment:
                return await PaymentAsync(state, null);
            case CaseKind.MonitoringReturn:
                return await ReturnAsync(state, new DateOnly(2030, 3, 31), new DateOnly(2030, 4, 30), DateTimeOffset.UtcNow);
            case CaseKind.DecisionNotice:
                return await NoticeAsync(state);
            case CaseKind.PaymentRun:
                return await PaymentRunAsync(state);
            case CaseKind.Award:
                var award = await AwardAsync();
                if (state != award.State)
                {
                    using var db = host.Db();
                    db.Attach(award);
                    host.Workflow.Import(db, award, state, DateTimeOffset.UtcNow);
                    await db.SaveChangesAsync();
                }
                return award;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Add a way to make a case of this kind.");
        }
    }
}
