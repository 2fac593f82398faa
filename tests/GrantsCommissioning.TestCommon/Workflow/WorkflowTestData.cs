using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.AspNetCore.Identity;

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
            MinAwardPence = 100, MaxAwardPence = smallFund ? 50_000 : 100_000_000,
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
            org.Members.Add(new OrganisationMember { UserId = member.UserId, Email = $"{member.UserId}@example.org", Role = default });
        }
        db.Organisations.Add(org);
        await db.SaveChangesAsync();
        return org.Id;
    }

    /// <summary>An application imported straight into <paramref name="state"/>.</summary>
    public async Task<GrantApplication> ApplicationAsync(string state, bool smallFund = false, long requestedPence = 100_000, Actor? applicant = null)
    {
        var (_, roundId) = await FundAsync(smallFund);
        var orgId = await OrganisationAsync(applicant);
        using var db = host.Db();
        var app = new GrantApplication
        {
            ApplicationReference = $"APP-{Next()}", RoundId = roundId, OrganisationId = orgId, ProjectTitle = "Safer streets",
            AmountRequestedPence = requestedPence,
        };
        host.Workflow.Start(app);
        db.Applications.Add(app);
        await db.SaveChangesAsync();
        if (state != app.State)
        {
            host.Workflow.Import(db, app, state, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        return app;
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
        host.Workflow.Start(award);
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
        host.Workflow.Start(payment);
        db.Payments.Add(payment);
        await db.SaveChangesAsync();
        host.Workflow.Import(db, payment, state, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return payment;
    }

    /// <summary>A monitoring return imported into <paramref name="state"/>, entered at <paramref name="enteredAt"/>.</summary>
    public async Task<MonitoringReturn> ReturnAsync(string state, DateOnly periodEnd, DateOnly dueDate, DateTimeOffset enteredAt, Actor? member = null)
    {
        var award = await AwardAsync(member: member);
        using var db = host.Db();
        var r = new MonitoringReturn
        {
            ReturnReference = $"RET-{Next()}", AwardId = award.Id, PeriodStart = periodEnd.AddMonths(-3), PeriodEnd = periodEnd, DueDate = dueDate,
        };
        host.Workflow.Start(r);
        db.Returns.Add(r);
        await db.SaveChangesAsync();
        host.Workflow.Import(db, r, state, enteredAt);
        await db.SaveChangesAsync();
        return r;
    }
}
