using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Seeding;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Rounds;

internal sealed record RoundsSeed(List<RoundSetupSeed> Rounds);

internal sealed record RoundSetupSeed(
    string Fund, string Reference, string Title, string Purpose, string WhoCanApply, string OpensAt, string ClosesAt, string MinAward, string MaxAward,
    string Budget, string Form, List<CriterionSetupSeed> Criteria, bool Published = false, List<string>? OrganisationTypes = null,
    List<string>? Areas = null, List<string>? EligibilityQuestions = null, int ScoreScale = 5, int AssessorsPerApplication = 2,
    int DivergenceThreshold = 20, List<int>? Objectives = null, string? InterestClosesAt = null);

internal sealed record CriterionSetupSeed(string Title, string Guidance, int Weight);

/// <summary>
/// Demo rounds an officer might have set up (seed-data/demo/rounds-*.json): each goes through the same
/// <see cref="RoundRules"/> as the officer's form, so the demo data cannot hold a round the form would refuse.
/// </summary>
internal sealed class DemoRoundLoader(GrantsDbContext db, SeedFile file, DateTimeOffset now)
{
    public async Task<int> LoadAsync(CancellationToken ct)
    {
        var seed = file.Read<RoundsSeed>();
        var funds = (await db.Funds.AsNoTracking().ToListAsync(ct))
            .Select(f => new FundLimit(f.Code, f.Name, f.MaxAward, f.IsSmallFund)).ToList();
        var objectives = await RoundService.ObjectivesAsync(db, ct);
        var added = 0;
        foreach (var r in seed.Rounds)
        {
            if (await db.Rounds.AnyAsync(x => x.Reference == r.Reference, ct))
            {
                continue;
            }
            var input = ToInput(r);
            var validation = RoundRules.Check(input, funds, objectives, out var terms);
            file.Check(validation.IsValid, $"round {r.Reference}: the round set-up form would refuse it: {string.Join(" ", validation.Errors.Select(e => e.ErrorMessage))}");
            var round = new FundingRound { Reference = "", Title = "", Purpose = "", WhoCanApply = "", IsDraft = !r.Published, PublishedAt = r.Published ? now : null };
            await RoundService.ApplyAsync(db, round, terms!, ct);
            db.Rounds.Add(round);
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    private RoundInput ToInput(RoundSetupSeed r)
    {
        var opens = UkTime.ToUk(file.Instant(r.OpensAt, $"round {r.Reference} opensAt"));
        var closes = UkTime.ToUk(file.Instant(r.ClosesAt, $"round {r.Reference} closesAt"));
        var interest = r.InterestClosesAt is null ? (DateTimeOffset?)null : UkTime.ToUk(file.Instant(r.InterestClosesAt, $"round {r.Reference} interestClosesAt"));
        return new RoundInput
        {
            Fund = r.Fund, Reference = r.Reference, Title = r.Title, Purpose = r.Purpose, WhoCanApply = r.WhoCanApply,
            OpensDate = Date(opens), OpensTime = Time(opens), ClosesDate = Date(closes), ClosesTime = Time(closes), MinAward = r.MinAward,
            TwoStage = interest is null ? null : "yes", InterestClosesDate = interest is { } d ? Date(d) : null, InterestClosesTime = interest is { } t ? Time(t) : null,
            MaxAward = r.MaxAward, Budget = r.Budget, Form = r.Form, OrganisationTypes = r.OrganisationTypes ?? [], Areas = r.Areas ?? [],
            EligibilityQuestions = string.Join('\n', r.EligibilityQuestions ?? []), ScoreScale = Number(r.ScoreScale),
            AssessorsPerApplication = Number(r.AssessorsPerApplication), DivergenceThreshold = Number(r.DivergenceThreshold),
            Objectives = (r.Objectives ?? []).Select(Number).ToList(),
            Criteria = r.Criteria.Select(c => new CriterionInput { Title = c.Title, Guidance = c.Guidance, Weight = Number(c.Weight) }).ToList(),
        };
    }

    private static string Date(DateTimeOffset local) => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
