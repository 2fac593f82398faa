using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.DecisionNotices;

#pragma warning disable CA1812 // instantiated by System.Text.Json
internal sealed record NoticesSeed(List<NoticeSeed> Notices);
internal sealed record NoticeSeed(
    string? Reference, string Title, string State, string DraftedAt, string ExecutiveSummary, string Background, string OptionsConsidered,
    string FinancialImplications, string LegalImplications, string EqualityImplications, string Risks, string PublicAccess,
    string? ConfidentialAnnex = null, decimal? Amount = null, bool SignificantPublicInterest = false, string? Application = null,
    AdviceSeed? ChiefExecutiveAdvice = null, AdviceSeed? FinanceAdvice = null, SignatureSeed? Signed = null, string? PublishedOn = null);
internal sealed record AdviceSeed(string By, string Advice);
internal sealed record SignatureSeed(string Date, string Declaration);
#pragma warning restore CA1812

/// <summary>
/// Demo decision notices (seed-data/demo/decision-notices.json), checked as the staff forms check them, and a published
/// notice for every Commissioner grant decision of the demo cases, so the public register is not empty on first run.
/// Keyed on reference or title, so loading twice adds nothing.
/// </summary>
internal sealed class DecisionNoticeDemoLoader(GrantsDbContext db, ICaseWorkflow workflow, SeedFile file, DateTimeOffset now)
{
    public async Task<int> LoadAsync(CancellationToken ct)
    {
        var seed = file.Read<NoticesSeed>();
        var notices = db.Set<DecisionNotice>();
        var titles = (await notices.Select(n => n.Title).ToListAsync(ct)).ToHashSet();
        var users = await db.Users.Where(u => u.NormalizedEmail != null).ToDictionaryAsync(u => u.NormalizedEmail!, u => (u.Id, u.DisplayName), ct);
        var added = 0;
        foreach (var s in seed.Notices.Where(s => !titles.Contains(s.Title)))
        {
            var notice = await NoticeAsync(s, users, ct);
            db.Add(notice);
            await db.SaveChangesAsync(ct);
            workflow.Import(db, notice, s.State, notice.UpdatedAt);
            await db.SaveChangesAsync(ct);
            added++;
        }
        return added + await AddGrantNoticesAsync(ct);
    }

    private async Task<DecisionNotice> NoticeAsync(NoticeSeed s, Dictionary<string, (string Id, string DisplayName)> users, CancellationToken ct)
    {
        var what = $"notice '{s.Title}'";
        file.Check(DecisionNoticeWorkflow.States.Contains(s.State), $"{what}: state '{s.State}' is not one of {string.Join(", ", DecisionNoticeWorkflow.States)}");
        var draft = new NoticeDraft
        {
            Title = s.Title, ExecutiveSummary = s.ExecutiveSummary, Background = s.Background, OptionsConsidered = s.OptionsConsidered,
            FinancialImplications = s.FinancialImplications, LegalImplications = s.LegalImplications, EqualityImplications = s.EqualityImplications,
            Risks = s.Risks, PublicAccess = s.PublicAccess, ConfidentialAnnex = s.ConfidentialAnnex, SignificantPublicInterest = s.SignificantPublicInterest,
            Amount = s.Amount is { } pounds ? file.Pounds(pounds, what + " amount") : null, ApplicationReference = s.Application,
        };
        Valid(new NoticeDraftValidator(), draft, what);
        var stage = DecisionNoticeWorkflow.States.ToList().IndexOf(s.State);
        if (stage > 0)
        {
            var missing = NoticeDraftValidator.Incomplete(draft);
            file.Check(missing.Count == 0, $"{what}: a notice past Draft must have every Part 1 section written ({string.Join("; ", missing.Select(m => m.Message))})");
        }
        file.Check((s.ChiefExecutiveAdvice is not null) == (stage >= 2), $"{what}: the Chief Executive's advice is noted exactly when the notice is past that step");
        file.Check((s.FinanceAdvice is not null) == (stage >= 3), $"{what}: the Chief Finance Officer's advice is noted exactly when the notice is past that step");
        file.Check((s.Signed is not null) == (stage >= 4), $"{what}: a notice is signed exactly when it is Signed or Published");
        file.Check((s.PublishedOn is not null) == (stage == 5), $"{what}: a publication date is given exactly when the notice is Published");
        var drafted = file.Instant(s.DraftedAt, what + " draftedAt");
        var notice = new DecisionNotice
        {
            NoticeReference = s.Reference ?? await DecisionNoticeService.NextReferenceAsync(db, UkTime.ToUk(drafted).Year, ct), Slug = "", Title = "",
            CreatedAt = drafted, UpdatedAt = drafted,
        };
        notice.Slug = DecisionNotice.SlugOf(notice.NoticeReference);
        draft.ApplyTo(notice);
        if (s.Application is { } reference)
        {
            notice.ApplicationId = await db.Applications.Where(a => a.ApplicationReference == reference).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
            file.Check(notice.ApplicationId is not null, $"{what}: application '{reference}' does not exist");
        }
        var at = drafted;
        if (s.ChiefExecutiveAdvice is { } ce)
        {
            var (id, name) = Advice(ce, users, what);
            at = at.AddDays(2);
            (notice.ChiefExecutiveAdvice, notice.ChiefExecutiveAdviceBy, notice.ChiefExecutiveAdviceByUserId, notice.ChiefExecutiveAdviceAt) = (ce.Advice, name, id, at);
        }
        if (s.FinanceAdvice is { } fa)
        {
            var (id, name) = Advice(fa, users, what);
            file.Check(id != notice.ChiefExecutiveAdviceByUserId, $"{what}: the two pieces of advice must be noted by different people");
            at = at.AddDays(1);
            (notice.FinanceAdvice, notice.FinanceAdviceBy, notice.FinanceAdviceByUserId, notice.FinanceAdviceAt) = (fa.Advice, name, id, at);
        }
        if (s.Signed is { } signed)
        {
            var signature = new NoticeSignature(signed.Declaration, file.Date(signed.Date, what + " signature date"));
            Valid(new NoticeSignatureValidator(new FixedClock(now)), signature, what);
            (notice.DeclarationOfInterests, notice.SignatureDate, notice.SignedBy) = (signature.DeclarationOfInterests, signature.SignatureDate, "The Police and Crime Commissioner");
            notice.FinancialYearStart = FinancialYear.Containing(signature.SignatureDate).StartYear;
            at = UkTime.FromUkLocal(signature.SignatureDate, new TimeOnly(12, 0));
        }
        if (s.PublishedOn is { } published)
        {
            notice.PublishedOn = file.Date(published, what + " publishedOn");
            file.Check(notice.PublishedOn >= notice.SignatureDate, $"{what}: published before it was signed");
            at = UkTime.FromUkLocal(notice.PublishedOn.Value, new TimeOnly(12, 0));
        }
        notice.UpdatedAt = at;
        return notice;
    }

    /// <summary>A published notice for each Commissioner grant decision with a notice reference that has none yet.</summary>
    private async Task<int> AddGrantNoticesAsync(CancellationToken ct)
    {
        var taken = (await db.Set<DecisionNotice>().Select(n => n.NoticeReference).ToListAsync(ct)).ToHashSet();
        var decisions = await db.Decisions.Include(d => d.Application).ThenInclude(a => a!.Organisation)
            .Where(d => d.NoticeReference != null).ToListAsync(ct);
        var added = 0;
        foreach (var d in decisions.Where(d => !taken.Contains(d.NoticeReference!)))
        {
            var a = d.Application!;
            var signed = UkTime.ToUkDate(d.DecidedAt);
            var notice = new DecisionNotice
            {
                NoticeReference = d.NoticeReference!, Slug = DecisionNotice.SlugOf(d.NoticeReference!),
                Title = a.ProjectTitle.Contains(a.Organisation!.Name, StringComparison.Ordinal) ? $"Grant: {a.ProjectTitle}" : $"Grant to {a.Organisation.Name}: {a.ProjectTitle}",
                AmountPence = d.AmountPence,
                ExecutiveSummary = $"{DecisionTriggers.Describe(d.Outcome)}: a grant of {d.Amount} to {a.Organisation.Name} for \"{a.ProjectTitle}\" ({a.ApplicationReference}).",
                Background = $"The application was assessed under the Commissioner's Grant Scheme. The amount is above the £25,000 delegated to the Chief Executive and the Chief Finance Officer, so the decision is the Commissioner's.",
                OptionsConsidered = "1. Fund as recommended (agreed).\n\n2. Part-fund or decline the application.",
                FinancialImplications = $"{d.Amount} from the grant scheme budget. Conditions: {d.Conditions ?? "the scheme's standard conditions"}.",
                LegalImplications = "A crime and disorder reduction grant under section 9 of the Police Reform and Social Responsibility Act 2011.",
                EqualityImplications = "The project was assessed against the scheme's equality criteria; no adverse impact is identified.",
                Risks = "Quarterly monitoring returns; payments held if a return is overdue. " + d.Rationale,
                PublicAccess = "Part 1 of this notice is published in full. There is no Part 2.",
                ApplicationId = a.Id, DecisionId = d.Id, ChiefExecutiveAdvice = "The grant meets the scheme's criteria.", ChiefExecutiveAdviceBy = "Chief Executive",
                FinanceAdvice = "The grant is within the scheme's budget.", FinanceAdviceBy = "Chief Finance Officer",
                DeclarationOfInterests = "None.", SignedBy = d.DecidedByName, SignatureDate = signed, FinancialYearStart = FinancialYear.Containing(signed).StartYear,
                PublishedOn = d.PublishedOn ?? signed.AddDays(3), CreatedAt = d.DecidedAt.AddDays(-7), UpdatedAt = d.DecidedAt,
            };
            db.Add(notice);
            await db.SaveChangesAsync(ct);
            workflow.Import(db, notice, DecisionNoticeWorkflow.Published, d.DecidedAt);
            await db.SaveChangesAsync(ct);
            added++;
        }
        return added;
    }

    private (string Id, string Name) Advice(AdviceSeed advice, Dictionary<string, (string Id, string DisplayName)> users, string what)
    {
        Valid(new NoticeAdviceValidator(), new NoticeAdvice(advice.Advice), what);
        return users.TryGetValue(advice.By.ToUpperInvariant(), out var u) ? (u.Id, u.DisplayName) : (advice.By, advice.By);
    }

    private void Valid<T>(AbstractValidator<T> validator, T value, string what)
    {
        var result = validator.Validate(value);
        file.Check(result.IsValid, $"{what}: {string.Join(" ", result.Errors.Select(e => e.ErrorMessage))}");
    }

    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
