using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.TestCommon;

/// <summary>Builders for the records tests need, written through the real context and the real workflow runtime.</summary>
public static class TestData
{
    public static async Task<TestDatabase> WithReferenceDataAsync(DateTimeOffset? now = null)
    {
        var db = await TestDatabase.CreateAsync(now);
        await db.Get<SeedLoader>().LoadReferenceDataAsync();
        return db;
    }

    public static async Task<Actor> CreateUserAsync(TestDatabase test, string email, string name, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(test);
        await using var db = test.NewContext();
        var user = new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true, DisplayName = name, SecurityStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return Actor.For(user.Id, name, roles);
    }

    public static async Task<int> CreateOrganisationAsync(TestDatabase test, string name, Actor? owner = null)
    {
        ArgumentNullException.ThrowIfNull(test);
        await using var db = test.NewContext();
        var org = new Organisation
        {
            Name = name, Type = OrganisationType.RegisteredCharity, CharityNumber = "1234567", AddressLine1 = "1 High Street", Town = "Ludlow",
            Postcode = "SY8 1AA", AreaServed = "Shropshire", CreatedAt = test.Clock.GetUtcNow(),
            BankAccountName = name, BankSortCode = "11-22-33", BankAccountNumber = "12345678",
        };
        if (owner is not null)
        {
            org.Members.Add(new OrganisationMember { UserId = owner.UserId, Email = owner.DisplayName.Replace(' ', '.') + "@example.org", Role = OrganisationRole.Owner });
        }
        db.Organisations.Add(org);
        await db.SaveChangesAsync();
        return org.Id;
    }

    /// <summary>
    /// Completed assessments (no conflict, every criterion scored 4) by <paramref name="count"/> assessors, as an
    /// application needs before an officer can recommend it.
    /// </summary>
    public static async Task AddCompletedAssessmentsAsync(GrantsDbContext db, int applicationId, DateTimeOffset at, int count = 2)
    {
        ArgumentNullException.ThrowIfNull(db);
        var criteria = await db.Applications.Where(a => a.Id == applicationId).SelectMany(a => a.Round!.Criteria).Select(c => c.Id).ToListAsync();
        for (var i = 1; i <= count; i++)
        {
            var assessment = new Assessment
            {
                ApplicationId = applicationId, AssessorUserId = "test-assessor-" + Guid.NewGuid().ToString("N"), AssessorName = $"Test Assessor {i}", HasConflict = false,
                ConflictDeclaredAt = at, Recommendation = Recommendation.Fund, Comments = "Meets the criteria.", CompletedAt = at,
            };
            assessment.Scores.AddRange(criteria.Select(c => new AssessmentScore { CriterionId = c, Score = 4, Comment = "Good evidence." }));
            db.Assessments.Add(assessment);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>The whole due-diligence checklist of the application's value band, the bank details verified by a second officer.</summary>
    public static async Task RecordDueDiligenceAsync(GrantsDbContext db, int applicationId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(db);
        var a = await db.Applications.Where(x => x.Id == applicationId).Select(x => new { x.AmountRequestedPence, x.Round!.Fund!.IsSmallFund }).SingleAsync();
        foreach (var item in DueDiligence.ItemsFor(DueDiligence.BandFor(a.IsSmallFund, a.AmountRequestedPence)))
        {
            db.Add(new DueDiligenceCheck
            {
                ApplicationId = applicationId, Item = item.Key, RecordedAt = at, Note = item.NeedsNote ? "No concerns." : null, Rag = item.NeedsRag ? Rag.Green : null,
                RecordedByUserId = item.SecondPersonFor is null ? "test-officer-1" : "test-officer-2", RecordedByName = item.SecondPersonFor is null ? "Test Officer 1" : "Test Officer 2",
            });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The approvals the Scheme of Delegation asks for before a large decision (the Chief Executive's, the Chief Finance
    /// Officer's), given for the amount requested by two test approvers who are not the decider.
    /// </summary>
    public static async Task RecordApprovalsAsync(GrantsDbContext db, int applicationId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(db);
        var requested = await db.Applications.Where(x => x.Id == applicationId).Select(x => x.AmountRequestedPence).SingleAsync();
        foreach (var (post, n) in new[] { ("Chief Executive", 1), ("Chief Finance Officer", 2) })
        {
            db.Add(new CaseApproval { ApplicationId = applicationId, Post = post, AmountPence = requested, ApprovedByUserId = $"test-approver-{n}", ApprovedByName = $"Test Approver {n}", ApprovedAt = at });
        }
        await db.SaveChangesAsync();
    }

    public static async Task RecordDueDiligenceAsync(TestDatabase test, int applicationId)
    {
        ArgumentNullException.ThrowIfNull(test);
        await using var db = test.NewContext();
        await RecordDueDiligenceAsync(db, applicationId, test.Clock.GetUtcNow());
    }

    public static async Task AddCompletedAssessmentsAsync(TestDatabase test, int applicationId, int count = 2)
    {
        ArgumentNullException.ThrowIfNull(test);
        await using var db = test.NewContext();
        await AddCompletedAssessmentsAsync(db, applicationId, test.Clock.GetUtcNow(), count);
    }

    /// <summary>A complete draft application to a round, linked to objectives by number with the given shares.</summary>
    public static async Task<int> CreateDraftApplicationAsync(TestDatabase test, int organisationId, string roundReference, Money amount,
        IReadOnlyDictionary<int, int> objectiveShares, string reference = "TEST-0001")
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(objectiveShares);
        await using var db = test.NewContext();
        var round = await db.Rounds.SingleAsync(r => r.Reference == roundReference);
        var objectives = await db.Objectives.Where(o => objectiveShares.Keys.Contains(o.Number)).ToDictionaryAsync(o => o.Number, o => o.Id);
        var now = test.Clock.GetUtcNow();
        var lines = amount.Allocate([70, 30]);
        var application = new GrantApplication
        {
            ApplicationReference = reference, RoundId = round.Id, OrganisationId = organisationId, ProjectTitle = "Night-time economy safety project",
            Summary = "Volunteers support people at risk in the town centre at weekends.", AmountRequestedPence = amount.Pence,
            ProjectStart = UkTime.ToUkDate(now), ProjectEnd = UkTime.ToUkDate(now).AddMonths(12), Beneficiaries = "Young adults on nights out",
            BeneficiaryCount = 500, AreaServed = "Shropshire", DeclarationsAccepted = true, CreatedAt = now, UpdatedAt = now,
        };
        application.BudgetLines.Add(new ApplicationBudgetLine { Order = 1, Description = "Volunteer co-ordinator", Category = "Staff", AmountPence = lines[0].Pence });
        application.BudgetLines.Add(new ApplicationBudgetLine { Order = 2, Description = "Radios and first-aid kits", Category = "Equipment", AmountPence = lines[1].Pence });
        application.Objectives.AddRange(objectiveShares.Select(kv => new ApplicationObjective { ObjectiveId = objectives[kv.Key], SharePercent = kv.Value }));
        application.Indicators.Add(new ApplicationIndicator { Name = "People helped on nights out", Unit = "people", Target = 400, ObjectiveId = objectives[objectiveShares.Keys.First()] });
        test.Get<ICaseWorkflow>().Start(application, Actor.System);
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        return application.Id;
    }

    public static string Key() => Guid.NewGuid().ToString("N");
}
