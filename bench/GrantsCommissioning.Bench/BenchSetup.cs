using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Core.Features.Organisations;
using GrantsCommissioning.Core.Workflow;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Bench;

/// <summary>An applicant user, signed in once before the clock.</summary>
internal sealed record BenchUser(int Index, string Email, string UserId);

/// <summary>One application to submit: its applicant user, its organisation (of which the user is the only member) and the complete draft.</summary>
internal sealed record BenchApplicant(int Index, BenchUser User, int OrganisationId, int ApplicationId);

/// <summary>
/// Creates, before the clock starts and through the app's own services, what the run needs: an open round (closing
/// tomorrow); confirmed users in the Applicant role (through UserManager); and, for each application, an organisation
/// owned by one of those users and a draft with every section complete, written through the same service calls the
/// section pages make.
/// </summary>
internal static class BenchSetup
{
    public const string Password = "deadline-day-bench-password";

    public static async Task<(string RoundReference, IReadOnlyList<BenchUser> Users, IReadOnlyList<BenchApplicant> Applicants)> CreateAsync(
        IServiceProvider services, int count, int userCount)
    {
        var roundReference = await CreateRoundAsync(services);
        var hash = PasswordHash(services);
        var users = new BenchUser[userCount];
        var applicants = new BenchApplicant[count];
        // SQLite takes one writer at a time; a few workers keep it busy without piling up on the busy timeout.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 4 };
        await Parallel.ForEachAsync(Enumerable.Range(0, userCount), parallel, async (i, _) => users[i] = await CreateUserAsync(services, hash, i));
        await Parallel.ForEachAsync(Enumerable.Range(0, count), parallel, async (i, ct) =>
        {
            applicants[i] = await CreateApplicationAsync(services, roundReference, users[i % userCount], i, ct);
        });
        // Drafts on deadline day were started days or weeks before: their Start journal rows and timers are written
        // (the app's StartedCases job does it in the background). Do it now, so that job does not compete with the clock.
        var started = services.GetRequiredService<GrantsCommissioning.Core.Workflow.Timers.StartedCases>();
        while (await started.JournalAsync() > 0)
        {
        }
        return (roundReference, users, applicants);
    }

    /// <summary>
    /// The password is hashed once with the app's own hasher (PBKDF2-HMAC-SHA512, 600,000 iterations, unchanged) and
    /// the same hash is stored for every bench user, so set-up does not pay 600,000 iterations per user; signing in
    /// still verifies the full 600,000 iterations per user (measured separately as the sign-in phase).
    /// </summary>
    private static string PasswordHash(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<ApplicationUser>>();
        return hasher.HashPassword(new ApplicationUser(), Password);
    }

    private static async Task<string> CreateRoundAsync(IServiceProvider services)
    {
        // There is no round-management service yet; the round is written the way the reference-data loader writes one.
        var factory = services.GetRequiredService<IDbContextFactory<GrantsDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var template = await db.Rounds.Include(r => r.Objectives).Include(r => r.Criteria).AsSplitQuery()
            .SingleAsync(r => r.Reference == "CGS-2013-14");
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var reference = "BENCH-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var round = new FundingRound
        {
            FundId = template.FundId, Reference = reference, Title = "Deadline-day benchmark round", Purpose = template.Purpose,
            WhoCanApply = template.WhoCanApply, OpensAt = now.AddHours(-1), ClosesAt = now.AddDays(1),
            MinAwardPence = template.MinAwardPence, MaxAwardPence = template.MaxAwardPence, UsesShortForm = false,
        };
        round.Objectives.AddRange(template.Objectives);
        var order = 0;
        round.Criteria.AddRange(template.Criteria.OrderBy(c => c.Order)
            .Select(c => new AssessmentCriterion { Order = ++order, Title = c.Title, Guidance = c.Guidance, WeightPercent = c.WeightPercent }));
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        return reference;
    }

    private static async Task<BenchUser> CreateUserAsync(IServiceProvider services, string passwordHash, int i)
    {
        await using var scope = services.CreateAsyncScope();
        var email = string.Create(CultureInfo.InvariantCulture, $"bench-applicant-{i:D5}@bench.example");
        var user = new ApplicationUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Bench applicant {i}", PasswordHash = passwordHash,
        };
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Check(await users.CreateAsync(user), email);
        Check(await users.AddToRoleAsync(user, Roles.Applicant), email);
        return new BenchUser(i, email, user.Id);
    }

    private static async Task<BenchApplicant> CreateApplicationAsync(IServiceProvider services, string roundReference, BenchUser user, int i, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var email = user.Email;
        var actor = Actor.For(user.UserId, email, Roles.Applicant);

        var organisations = sp.GetRequiredService<OrganisationService>();
        var orgId = Ok(await organisations.CreateAsync(new OrganisationInput
        {
            Name = $"Bench Community Group {i:D5}", Type = nameof(OrganisationType.CommunityGroup), AddressLine1 = "1 High Street",
            Town = "Hereford", Postcode = "HR1 2AB", AreaServed = "Herefordshire",
        }, actor, email, ct), "organisation");

        var applications = sp.GetRequiredService<ApplicationService>();
        var id = Ok(await applications.StartAsync(roundReference, orgId.ToString(CultureInfo.InvariantCulture), actor, ct), "start");
        var view = await applications.GetAsync(id, actor, ct) ?? throw new InvalidOperationException($"Draft {id} not found.");
        var objectives = view.Objectives.Take(2).Select(o => o.Id).ToList();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Ok(await applications.SaveProjectAsync(id, new ProjectInput
        {
            ProjectTitle = $"Safer streets at night {i}",
            Summary = "Trained volunteers support people at risk in the town centre on Friday and Saturday nights.",
            ProjectStart = today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ProjectEnd = today.AddDays(395).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, actor, complete: true, ct), "project");
        Ok(await applications.SaveBudgetAsync(id, new BudgetInput
        {
            Lines =
            [
                new BudgetLineInput { Description = "Volunteer co-ordinator", Category = "Staff", Amount = "7,000.00" },
                new BudgetLineInput { Description = "Radios and first-aid kits", Category = "Equipment", Amount = "3000" },
            ],
        }, actor, complete: true, ct), "budget");
        Ok(await applications.SaveOutcomesAsync(id, new OutcomesInput
        {
            Objectives =
            [
                new ObjectiveShareInput { ObjectiveId = objectives[0], Share = "60" },
                new ObjectiveShareInput { ObjectiveId = objectives[1], Share = "40" },
            ],
            Indicators =
            [
                new IndicatorInput { Name = "People helped on nights out", Unit = "people", Target = "400", ObjectiveId = objectives[0].ToString(CultureInfo.InvariantCulture) },
            ],
        }, actor, complete: true, ct), "outcomes");
        Ok(await applications.SaveBeneficiariesAsync(id, new BeneficiariesInput
        {
            Beneficiaries = "Young adults on nights out in Hereford", BeneficiaryCount = "500", AreaServed = "Herefordshire",
        }, actor, complete: true, ct), "beneficiaries");
        Ok(await applications.SaveDeclarationsAsync(id, new DeclarationsInput { Accept = true }, actor, complete: true, ct), "declarations");
        return new BenchApplicant(i, user, orgId, id);
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"User {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    private static T Ok<T>(FeatureResult<T> result, string step) => result.Succeeded
        ? result.Value!
        : throw new InvalidOperationException($"Set-up step '{step}' failed: {string.Join("; ", result.Errors.Select(e => $"{e.Key}: {e.Value}"))}");
}
