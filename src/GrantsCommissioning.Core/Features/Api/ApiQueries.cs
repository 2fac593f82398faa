using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Public;
using GrantsCommissioning.Core.Features.Transparency;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Api;

/// <summary>
/// What the API reads, one page at a time: the open rounds and published grants (the public pages' and the 360Giving
/// file's own queries, so redaction is theirs), and for integrations the awards, payments and returns, by round or fund.
/// A round or fund that does not exist is a <see cref="NotFound"/>, not an empty page.
/// </summary>
public sealed class ApiQueries(IDbContextFactory<GrantsDbContext> factory, RoundQueries rounds, ThreeSixtyGiving giving)
{
    public async Task<ApiPage<ApiRound>> OpenRoundsAsync(ApiListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var open = await rounds.OpenRoundsAsync(new RoundFilter(query.Fund, null, null), ct);
        return Page(query, open.Count, open.Skip(query.Skip).Take(query.Size)
            .Select(r => new ApiRound(r.Reference, r.Title, r.FundName, r.Purpose, r.MaxAward.Pounds, r.OpensAt, r.ClosesAt, r.ShortForm, r.ObjectiveNumbers)));
    }

    public async Task<ApiPage<ApiGrant>> GrantsAsync(ApiListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var grants = (await giving.PublishableAsync(ct)).Where(g => query.Fund is null || g.FundCode == query.Fund).OrderBy(g => g.AwardId).ToList();
        return Page(query, grants.Count, grants.Skip(query.Skip).Take(query.Size).Select(g => new ApiGrant(
            giving.GrantId(g.AwardReference), g.AwardReference, g.Title, g.Purpose, g.Amount.Pounds, g.Paid.Pounds, g.AwardedOn, g.StartDate, g.EndDate,
            new ApiRecipient(giving.RecipientId(g), g.Recipient, g.RecipientWithheld, g.CharityNumber, g.CompanyNumber, g.RecipientTown),
            g.FundCode, g.FundName, g.FromOpenCall, g.Location?.Name,
            g.Objectives.Select(o => new ApiClassification(o.Code, o.Heading, o.SharePercent)).ToList(), g.Modified)));
    }

    public Task<FeatureResult<ApiPage<ApiAward>>> AwardsAsync(ApiListQuery query, CancellationToken ct = default) =>
        ListAsync(query, db => Filter(db, db.Awards, query).OrderBy(a => a.Id).Select(a => new ApiAward(
            a.AwardReference, a.Title, a.Organisation!.Name, a.Fund!.Code, a.Application!.Round!.Reference, a.AmountPence / 100m,
            a.AwardedOn, a.StartDate, a.EndDate, a.State)), ct);

    public Task<FeatureResult<ApiPage<ApiPayment>>> PaymentsAsync(ApiListQuery query, CancellationToken ct = default) =>
        ListAsync(query, db => db.Payments.Where(p => Filter(db, db.Awards, query).Any(a => a.Id == p.AwardId)).OrderBy(p => p.Id).Select(p => new ApiPayment(
            p.PaymentReference, p.Award!.AwardReference, p.Award.Fund!.Code, p.Award.Application!.Round!.Reference, p.PaymentKind.ToString(), p.InstalmentNumber,
            p.DueDate, p.AmountPence / 100m, p.State, p.PaidOn, p.FinanceReference)), ct);

    public Task<FeatureResult<ApiPage<ApiReturn>>> ReturnsAsync(ApiListQuery query, CancellationToken ct = default) =>
        ListAsync(query, db => db.Returns.Where(r => Filter(db, db.Awards, query).Any(a => a.Id == r.AwardId)).OrderBy(r => r.Id).Select(r => new ApiReturn(
            r.ReturnReference, r.Award!.AwardReference, r.Award.Fund!.Code, r.Award.Application!.Round!.Reference, r.PeriodStart, r.PeriodEnd, r.DueDate,
            r.State, r.SubmittedAt, r.AcceptedAt)), ct);

    private static IQueryable<Award> Filter(GrantsDbContext db, IQueryable<Award> awards, ApiListQuery query)
    {
        var round = query.Round;
        var fund = query.Fund;
        if (round is not null)
        {
            awards = awards.Where(a => db.Applications.Any(p => p.Id == a.ApplicationId && p.Round!.Reference == round));
        }
        if (fund is not null)
        {
            awards = awards.Where(a => a.Fund!.Code == fund);
        }
        return awards;
    }

    private async Task<FeatureResult<ApiPage<T>>> ListAsync<T>(ApiListQuery query, Func<GrantsDbContext, IQueryable<T>> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (query.Round is { } round && !await db.Rounds.AnyAsync(r => r.Reference == round && !r.IsDraft, ct))
        {
            return FeatureResult<ApiPage<T>>.Fail(new NotFound("funding round", $"No funding round has the reference {round}."));
        }
        if (query.Fund is { } fund && !await db.Funds.AnyAsync(f => f.Code == fund, ct))
        {
            return FeatureResult<ApiPage<T>>.Fail(new NotFound("fund", $"No fund has the code {fund}."));
        }
        var all = rows(db);
        var total = await all.CountAsync(ct);
        var items = await all.Skip(query.Skip).Take(query.Size).ToListAsync(ct);
        return FeatureResult<ApiPage<T>>.Ok(new ApiPage<T>(items, query.PageNumber, query.Size, total));
    }

    private static ApiPage<T> Page<T>(ApiListQuery query, int total, IEnumerable<T> items) => new(items.ToList(), query.PageNumber, query.Size, total);
}
