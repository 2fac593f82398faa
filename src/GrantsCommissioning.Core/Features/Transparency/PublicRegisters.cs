using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Public;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Transparency;

/// <summary>
/// The public registers the Specified Information Order asks for (every grant; payments over £500) and the source of
/// the 360Giving files. Every public output reads its grants and payments from here, and here is the only place a
/// sensitive recipient is redacted: its name, org-id, numbers, town and location are withheld and its name and town are
/// scrubbed from the grant's title, purpose and conditions. A recipient marked for its location only keeps its name and
/// identifiers; its town and location are withheld and its town scrubbed from the text. The rows are kept by
/// <see cref="PublicDataCache"/>.
/// </summary>
public sealed partial class PublicRegisters(IDbContextFactory<GrantsDbContext> factory, PublicDataCache cache)
{
    public const int PageSize = 25;

    /// <summary>Payments of more than this are listed in the spending register.</summary>
    public static readonly Money SpendingThreshold = new(500_00);

    public const string WithheldRecipient = "Recipient withheld (sensitive)";
    private const string WithheldPlace = "[place withheld]";

    private static readonly Dictionary<string, PublicLocation> Locations = new(StringComparer.Ordinal)
    {
        ["Herefordshire"] = new("Herefordshire", "E06000019", "UA"),
        ["Shropshire"] = new("Shropshire", "E06000051", "UA"),
        ["Telford and Wrekin"] = new("Telford and Wrekin", "E06000020", "UA"),
        ["Worcestershire"] = new("Worcestershire", "E10000034", "CTY"),
    };

    /// <summary>Every published grant (commissioned contracts are not grants), newest award first.</summary>
    public Task<IReadOnlyList<PublicGrant>> AllGrantsAsync(CancellationToken ct = default) =>
        cache.GetAsync<IReadOnlyList<PublicGrant>>("transparency:grants", LoadGrantsAsync, ct);

    /// <summary>Every payment made of more than £500, newest first.</summary>
    public Task<IReadOnlyList<PublicPayment>> AllPaymentsAsync(CancellationToken ct = default) =>
        cache.GetAsync<IReadOnlyList<PublicPayment>>("transparency:payments", LoadPaymentsAsync, ct);

    public async Task<RegisterPage<PublicGrant>> GrantsAsync(RegisterFilter filter, int page, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var all = await AllGrantsAsync(ct);
        var rows = Matching(all, filter).ToList();
        return Page(rows, page, rows.Sum(g => g.Amount.Pence), Choices(all));
    }

    public IEnumerable<PublicGrant> Matching(IEnumerable<PublicGrant> grants, RegisterFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var search = filter.Search?.Trim();
        return grants
            .Where(g => filter.Year is not { } y || g.Year == y)
            .Where(g => string.IsNullOrWhiteSpace(filter.Fund) || g.FundCode == filter.Fund)
            .Where(g => filter.Objective is not { } n || g.Objectives.Any(o => o.Number == n))
            .Where(g => string.IsNullOrEmpty(search) || Has(g.Recipient, search) || Has(g.Title, search) || Has(g.Purpose, search) || Has(g.AwardReference, search));
    }

    /// <summary>
    /// The grants the filter matches by plan objective and financial year (the public chart and its table): each grant's
    /// amount split across its objectives by share, to the penny, as the Panel's roll-up apportions it.
    /// </summary>
    public async Task<IReadOnlyList<ObjectiveYearTotal>> GrantsByObjectiveAsync(RegisterFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parts = Matching(await AllGrantsAsync(ct), filter).SelectMany(g =>
        {
            var shares = g.Objectives.Select(o => o.SharePercent).ToList();
            var amounts = shares.Sum() == 100 ? g.Amount.Allocate(shares) : shares.Select(s => new Money(g.Amount.Pence * s / 100)).ToList();
            var parts = g.Objectives.Select((o, i) => (Objective: o, g.Year, Amount: amounts[i])).ToList();
            // What no objective's share covers (a grant linked to none) is its own row, so the figures add up to the grants listed.
            var rest = g.Amount - Money.Sum(amounts);
            return rest.Pence == 0 ? parts : parts.Append((Objective: Unlinked, g.Year, Amount: rest));
        });
        return parts.GroupBy(p => (p.Objective.PlanCode, p.Objective.Number, p.Year))
            .Select(grp => new ObjectiveYearTotal(grp.Key.PlanCode, grp.Key.Number,
                grp.Key.Number == 0 ? Unlinked.Title : grp.OrderByDescending(p => p.Objective.PlanVersion).First().Objective.Heading,
                grp.Key.Year, grp.Count(), Money.Sum(grp.Select(p => p.Amount))))
            .OrderBy(t => t.Number == 0).ThenBy(t => t.PlanCode, StringComparer.Ordinal).ThenBy(t => t.Number).ThenByDescending(t => t.Year.StartYear).ToList();
    }

    /// <summary>
    /// The grants the filter matches by the local authority area their recipient serves (the public chart and its table),
    /// largest first. A withheld recipient's area is withheld with it (as is a recipient's marked for its location only),
    /// so its grants are counted under <see cref="AreaWithheld"/>.
    /// </summary>
    public async Task<IReadOnlyList<AreaTotal>> GrantsByAreaAsync(RegisterFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Matching(await AllGrantsAsync(ct), filter)
            .GroupBy(g => g.Location?.Name ?? AreaWithheld, StringComparer.Ordinal)
            .Select(grp => new AreaTotal(grp.Key, grp.First().Location?.GeoCode, grp.Count(), Money.Sum(grp.Select(g => g.Amount))))
            .OrderBy(t => t.Area == AreaWithheld).ThenByDescending(t => t.Amount.Pence).ThenBy(t => t.Area, StringComparer.Ordinal).ToList();
    }

    /// <summary>The row of <see cref="GrantsByAreaAsync"/> for the grants whose recipient (and so its area) is withheld.</summary>
    public const string AreaWithheld = "Area withheld (sensitive recipients and locations)";

    /// <summary>The row of <see cref="GrantsByObjectiveAsync"/> for what is not linked to a plan objective.</summary>
    public static readonly PublicObjective Unlinked = new("", 0, 0, "Not linked to a plan objective", 100);

    public async Task<RegisterPage<PublicPayment>> PaymentsAsync(RegisterFilter filter, int page, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var all = await AllPaymentsAsync(ct);
        var rows = MatchingPayments(all, filter).ToList();
        var years = all.Select(p => p.Year).Distinct().OrderDescending().ToList();
        return Page(rows, page, rows.Sum(p => p.Amount.Pence), new RegisterChoices(years, [], []));
    }

    public IEnumerable<PublicPayment> MatchingPayments(IEnumerable<PublicPayment> payments, RegisterFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var search = filter.Search?.Trim();
        return payments
            .Where(p => filter.Year is not { } y || p.Year == y)
            .Where(p => string.IsNullOrEmpty(search) || Has(p.Recipient, search) || Has(p.GrantTitle, search) || Has(p.PaymentReference, search)
                || Has(p.AwardReference, search));
    }

    private static bool Has(string text, string search) => text.Contains(search, StringComparison.OrdinalIgnoreCase);

    private static RegisterPage<T> Page<T>(List<T> rows, int page, long totalPence, RegisterChoices choices)
    {
        var pages = Math.Max(1, (rows.Count + PageSize - 1) / PageSize);
        var current = Math.Clamp(page, 1, pages);
        return new RegisterPage<T>(rows.Skip((current - 1) * PageSize).Take(PageSize).ToList(), rows.Count, new Money(totalPence), current, pages, choices);
    }

    private static RegisterChoices Choices(IReadOnlyList<PublicGrant> all) => new(
        all.Select(g => g.Year).Distinct().OrderDescending().ToList(),
        all.Select(g => (g.FundCode, g.FundName)).Distinct().OrderBy(f => f.FundName, StringComparer.Ordinal).ToList(),
        all.SelectMany(g => g.Objectives).OrderByDescending(o => o.PlanVersion).GroupBy(o => o.Number).OrderBy(g => g.Key)
            .Select(g => (g.Key, g.First().Title)).ToList());

    private async Task<IReadOnlyList<PublicGrant>> LoadGrantsAsync(CancellationToken ct)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var sensitive = await SensitiveIdsAsync(db, ct);
            var awards = await db.Awards.AsNoTracking().Where(a => !a.IsCommissionedContract)
                .Include(a => a.Organisation).Include(a => a.Fund).Include(a => a.Conditions).Include(a => a.Objectives).ThenInclude(o => o.Objective!.Plan)
                .Include(a => a.Payments).AsSplitQuery().ToListAsync(ct);
            return awards.Select(a => ToPublic(a, sensitive.TryGetValue(a.OrganisationId, out var scope) ? scope : null))
                .OrderByDescending(g => g.AwardedOn).ThenByDescending(g => g.AwardReference, StringComparer.Ordinal).ToList();
        }
    }

    private async Task<IReadOnlyList<PublicPayment>> LoadPaymentsAsync(CancellationToken ct)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var sensitive = await SensitiveIdsAsync(db, ct);
            var payments = await db.Payments.AsNoTracking()
                .Where(p => p.PaidOn != null && p.AmountPence > SpendingThreshold.Pence && !p.Award!.IsCommissionedContract)
                .Include(p => p.Award!.Organisation).Include(p => p.Award!.Fund).ToListAsync(ct);
            return payments.Select(p =>
                {
                    var award = p.Award!;
                    var org = award.Organisation!;
                    var scope = sensitive.TryGetValue(org.Id, out var s) ? s : (SensitiveScope?)null;
                    var withheld = scope == SensitiveScope.Recipient;
                    return new PublicPayment(p.PaymentReference, p.PaidOn!.Value, withheld ? WithheldRecipient : org.Name, withheld, award.AwardReference,
                        scope is { } sc ? Scrub(award.Title, org, sc) : award.Title, award.Fund!.Name, p.Amount);
                })
                .OrderByDescending(p => p.PaidOn).ThenByDescending(p => p.PaymentReference, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Each marked recipient and what its mark withholds.</summary>
    private static async Task<Dictionary<int, SensitiveScope>> SensitiveIdsAsync(GrantsDbContext db, CancellationToken ct) =>
        await db.Set<SensitiveRecipient>().ToDictionaryAsync(s => s.OrganisationId, s => s.Scope, ct);

    private static PublicGrant ToPublic(Award a, SensitiveScope? scope)
    {
        var org = a.Organisation!;
        var withheld = scope == SensitiveScope.Recipient;
        var placeWithheld = scope is not null;
        string Text(string s) => scope is { } sc ? Scrub(s, org, sc) : s;
        var lastPaid = a.Payments.Where(p => p.PaidOn is not null).Select(p => p.PaidOn!.Value).DefaultIfEmpty(a.AwardedOn).Max();
        var modified = UkTime.FromUkLocal(lastPaid > a.AwardedOn ? lastPaid : a.AwardedOn, TimeOnly.MinValue);
        return new PublicGrant(
            a.Id, a.AwardReference, withheld ? WithheldRecipient : org.Name, withheld, withheld ? null : org.OrgId,
            withheld ? null : Blank(org.CharityNumber), withheld ? null : Blank(org.CompanyNumber), placeWithheld ? null : org.Town,
            placeWithheld ? null : Locations.GetValueOrDefault(org.AreaServed) ?? new PublicLocation(org.AreaServed, null, null),
            Text(a.Title), Text(a.Purpose), a.Conditions.OrderBy(c => c.Order).Select(c => Text(c.Text)).ToList(), a.Amount,
            new Money(a.Payments.Where(p => p.PaidOn is not null).Sum(p => p.AmountPence)), a.AwardedOn, a.StartDate, a.EndDate,
            a.Fund!.Code, a.Fund.Name, a.ApplicationId is not null,
            a.Objectives.OrderByDescending(o => o.SharePercent).ThenBy(o => o.Objective!.Number)
                .Select(o => new PublicObjective(o.Objective!.Plan!.Code, o.Objective.Plan.Version, o.Objective.Number, o.Objective.Title, o.SharePercent)).ToList(),
            modified);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>
    /// The text with the recipient's name and town taken out (whole words, any case); when only its location is withheld,
    /// its town is taken out everywhere but in its published name.
    /// </summary>
    internal static string Scrub(string text, Organisation org, SensitiveScope scope = SensitiveScope.Recipient)
    {
        if (scope == SensitiveScope.Location)
        {
            var parts = Regex.Split(text, $"({Regex.Escape(org.Name)})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return string.Concat(parts.Select(p => p.Equals(org.Name, StringComparison.OrdinalIgnoreCase) ? p : ScrubTown(p, org)));
        }
        return ScrubTown(text.Replace(org.Name, WithheldRecipient, StringComparison.OrdinalIgnoreCase), org);
    }

    private static string ScrubTown(string text, Organisation org) => string.IsNullOrWhiteSpace(org.Town)
        ? text
        : Regex.Replace(text, $@"\b{Regex.Escape(org.Town.Trim())}\b", WithheldPlace, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
