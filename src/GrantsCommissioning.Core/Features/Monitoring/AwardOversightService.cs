using System.Globalization;
using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Features.Monitoring;

public sealed class RatingInputValidator : AbstractValidator<RatingInput>
{
    public RatingInputValidator()
    {
        RuleFor(r => r.Rag).Must(r => r is Rag.Green or Rag.Amber or Rag.Red).WithMessage("Choose on track, some concerns or off track.");
        RuleFor(r => r.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Give the reason for the rating.")
            .Must(r => r is null || r.Trim().Length <= 2000).WithMessage("The reason must be 2,000 characters or fewer.");
    }
}

/// <summary>An award's officer and RAG rating (each change audited, every rating kept), and the review of its returns.</summary>
public sealed class AwardOversightService(
    IDbContextFactory<GrantsDbContext> factory, AuditTrail audit, IValidator<RatingInput> ratingValidator, IOptions<MonitoringOptions> options, TimeProvider clock)
{
    public async Task<AwardOversight?> OversightAsync(int awardId, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var award = await db.Awards.AsNoTracking().Where(a => a.Id == awardId).Select(a => new { a.OfficerUserId, a.LeadContactName, a.LeadContactEmail }).FirstOrDefaultAsync(ct);
            if (award is null)
            {
                return null;
            }
            var officer = award.OfficerUserId is null ? null : await db.Users.Where(u => u.Id == award.OfficerUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
            var ratings = await db.AwardRatings.AsNoTracking().Where(r => r.AwardId == awardId).OrderByDescending(r => r.Id)
                .Select(r => new RatingLine(r.Rag, r.Reason, r.RatedByName, r.RatedAt)).ToListAsync(ct);
            return new AwardOversight(award.OfficerUserId, officer, ratings, await ChangeRules.HistoryAsync(db, awardId, ct))
            {
                LeadContact = ChangeRules.Contact(award.LeadContactName, award.LeadContactEmail),
            };
        }
    }

    /// <summary>Names (or changes) the grants officer who looks after the award; only a grants officer may, and only a grants officer can be named.</summary>
    public async Task<FeatureResult<bool>> AssignOfficerAsync(int awardId, string? officerUserId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.GrantsOfficer))
        {
            return FeatureResult<bool>.Fail(new RoleNeeded("a grants officer", "name the officer for an award"));
        }
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var award = await db.Awards.FirstOrDefaultAsync(a => a.Id == awardId, ct);
            if (award is null)
            {
                return FeatureResult<bool>.Fail(new NotFound("award"));
            }
            if (string.IsNullOrWhiteSpace(officerUserId) || !await PortfolioQueries.OfficerUsers(db).AnyAsync(u => u.Id == officerUserId, ct))
            {
                return FeatureResult<bool>.Fail(new NotAGrantsOfficer());
            }
            var before = award.OfficerUserId;
            if (before == officerUserId)
            {
                return FeatureResult<bool>.Ok(true);
            }
            award.OfficerUserId = officerUserId;
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, "Award.OfficerNamed", nameof(CaseKind.Award), awardId.ToString(CultureInfo.InvariantCulture),
                new { officerUserId = before }, new { officerUserId }, ct);
            return FeatureResult<bool>.Ok(true);
        }
    }

    /// <summary>Records a RAG rating with its reason; earlier ratings stay as the award's history.</summary>
    public async Task<FeatureResult<bool>> RateAsync(int awardId, RatingInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.GrantsOfficer))
        {
            return FeatureResult<bool>.Fail(new RoleNeeded("a grants officer", "rate an award"));
        }
        var validation = await ratingValidator.ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            return FeatureResult<bool>.Invalid(validation);
        }
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var award = await db.Awards.AsNoTracking().Where(a => a.Id == awardId).Select(a => new { a.State, a.AwardReference }).FirstOrDefaultAsync(ct);
            if (award is null)
            {
                return FeatureResult<bool>.Fail(new NotFound("award"));
            }
            if (award.State is AwardStates.Closed or AwardStates.Terminated)
            {
                return FeatureResult<bool>.Fail(new AwardNotChangeable(award.AwardReference, award.State == AwardStates.Closed ? "closed" : "terminated"));
            }
            var rating = new AwardRating
            {
                AwardId = awardId, Rag = input.Rag, Reason = input.Reason!.Trim(), RatedByUserId = actor.UserId, RatedByName = actor.DisplayName, RatedAt = clock.GetUtcNow(),
            };
            db.AwardRatings.Add(rating);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, "Award.Rated", nameof(CaseKind.Award), awardId.ToString(CultureInfo.InvariantCulture), null,
                new { rag = rating.Rag.ToString(), reason = rating.Reason }, ct);
            return FeatureResult<bool>.Ok(true);
        }
    }

    /// <summary>A return's figures beside its award's budget and earlier returns, and the automatic checks' flags once it has been sent.</summary>
    public async Task<ReturnReview?> ReviewAsync(int returnId, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var r = await db.Returns.AsNoTracking().FirstOrDefaultAsync(x => x.Id == returnId, ct);
            if (r is null)
            {
                return null;
            }
            var figures = await ReturnFiguresReader.ReadAsync(db, r, ct);
            var sent = r.SubmittedAt is not null;
            return new ReturnReview(figures, sent ? ReturnChecks.Run(figures, options.Value) : [], sent);
        }
    }
}
