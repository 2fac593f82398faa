using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Features.Monitoring;

#pragma warning disable CA1812 // instantiated by System.Text.Json
internal sealed record MonitoringSeed(List<OfficerSeed> Officers, List<RatingSeed>? Ratings, List<ChangeSeed>? Changes, List<string>? FinalReport, List<HoldSeed>? PaymentHolds = null, List<DraftSeed>? Drafts = null, List<FinalReturnSeed>? FinalReturns = null);
internal sealed record FinalReturnSeed(string Award, string PeriodStart, string PeriodEnd, string Due, List<decimal> Spend, string Narrative, string By, string At);
internal sealed record DraftSeed(string Return, string By, string At, List<decimal>? Spend, List<double>? IndicatorValues, string? Narrative, string? Risks = null);
internal sealed record HoldSeed(string Payment, string Return, string At);
internal sealed record OfficerSeed(string Officer, List<string> Awards);
internal sealed record RatingSeed(string Award, string Rag, string Reason, string At, string By);
internal sealed record ChangeSeed(string Award, string Kind, string Reason, string By, string At, string? NewEndDate = null, string? From = null, string? To = null, decimal? Amount = null,
    string? DecidedBy = null, string? DecidedAt = null, string? Refused = null);
#pragma warning restore CA1812

/// <summary>
/// Demo monitoring (seed-data/demo/monitoring.json): the officer of each demo award, RAG ratings over time and change
/// requests waiting for a decision, each checked as the officer's forms check it. Loads only onto awards with no officer yet.
/// </summary>
internal sealed class MonitoringDemoLoader(GrantsDbContext db, ICaseWorkflow workflow, SeedFile file, IOptions<MonitoringOptions> options)
{
    public async Task<int> LoadAsync(CancellationToken ct)
    {
        var seed = file.Read<MonitoringSeed>();
        if (await db.AwardRatings.AnyAsync(ct) || await db.AwardChangeRequests.AnyAsync(ct))
        {
            return 0;
        }
        var users = await db.Users.Where(u => u.NormalizedEmail != null).ToDictionaryAsync(u => u.NormalizedEmail!, u => (u.Id, u.DisplayName), ct);
        var officers = (await PortfolioQueries.OfficerUsers(db).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        var added = 0;
        foreach (var o in seed.Officers)
        {
            if (!users.TryGetValue(o.Officer.ToUpperInvariant(), out var officer))
            {
                continue; // demo sign-ins are created only in Development; without them there is no one to name
            }
            file.Check(officers.Contains(officer.Id), $"officer {o.Officer} is not a grants officer");
            foreach (var reference in o.Awards)
            {
                var award = await AwardAsync(reference, ct);
                if (award.OfficerUserId is null)
                {
                    award.OfficerUserId = officer.Id;
                    added++;
                }
            }
        }
        var ratings = new RatingInputValidator();
        var lastRated = new Dictionary<int, DateTimeOffset>();
        foreach (var r in seed.Ratings ?? [])
        {
            var what = $"rating of {r.Award}";
            var award = await AwardAsync(r.Award, ct);
            var input = new RatingInput(file.Enum<Rag>(r.Rag, what), r.Reason);
            var valid = await ratings.ValidateAsync(input, ct);
            file.Check(valid.IsValid, $"{what}: {string.Join(" ", valid.Errors.Select(e => e.ErrorMessage))}");
            file.Check(award.State is not (AwardStates.Closed or AwardStates.Terminated), $"{what}: the award is {award.State}, so it cannot be rated");
            var at = file.Instant(r.At, what);
            // As the officer's form rates: on a day between the award and today, each rating of an award after the one before it.
            file.Check(UkTime.ToUkDate(at) >= award.AwardedOn && UkTime.ToUkDate(at) <= file.Today, $"{what}: {r.At} is not between the award date and today");
            file.Check(!lastRated.TryGetValue(award.Id, out var before) || before < at, $"{what}: list an award's ratings oldest first");
            lastRated[award.Id] = at;
            var by = User(users, r.By);
            added++;
            db.AwardRatings.Add(new AwardRating { AwardId = award.Id, Rag = input.Rag, Reason = r.Reason, RatedByUserId = by.Id, RatedByName = by.DisplayName, RatedAt = at });
        }
        await db.SaveChangesAsync(ct);
        foreach (var reference in seed.FinalReport ?? [])
        {
            var award = await AwardAsync(reference, ct);
            file.Check(award.State == AwardStates.Active && award.EndDate < file.Today, $"award {reference}: only an active award whose end date has passed moves to its final report");
            workflow.Import(db, award, AwardStates.FinalReport, UkTime.FromUkLocal(award.EndDate.AddDays(1), TimeOnly.MinValue), "The grant period ended.");
            added++;
        }
        await db.SaveChangesAsync(ct);
        foreach (var f in seed.FinalReturns ?? [])
        {
            await FinalReturnAsync(f, users, ct);
            added++;
        }
        foreach (var h in seed.PaymentHolds ?? [])
        {
            await HoldAsync(h, ct);
            added++;
        }
        foreach (var d in seed.Drafts ?? [])
        {
            await DraftAsync(d, users, ct);
            added++;
        }
        foreach (var c in seed.Changes ?? [])
        {
            await AddChangeAsync(c, users, ct);
            added++;
        }
        return added;
    }

    private async Task AddChangeAsync(ChangeSeed c, Dictionary<string, (string Id, string DisplayName)> users, CancellationToken ct)
    {
        var what = $"change request on {c.Award}";
        var award = await AwardAsync(c.Award, ct);
        file.Check(award.State is AwardStates.Active or AwardStates.VariationRequested, $"{what}: the award is {award.State}, so it cannot be changed");
        var lines = await db.AwardCostLines.Where(l => l.AwardId == award.Id).ToListAsync(ct);
        var input = new ChangeRequestInput(file.Enum<ChangeRequestKind>(c.Kind, what), c.Reason, c.NewEndDate is null ? null : file.Date(c.NewEndDate, what),
            lines.FirstOrDefault(l => l.Description == c.From)?.Id, lines.FirstOrDefault(l => l.Description == c.To)?.Id,
            c.Amount is { } a ? file.Pounds(a, what) : null);
        var valid = await new ChangeRequestInputValidator().ValidateAsync(input, ct);
        file.Check(valid.IsValid, $"{what}: {string.Join(" ", valid.Errors.Select(e => e.ErrorMessage))}");
        if (input.Kind == ChangeRequestKind.BudgetVirement)
        {
            var problems = await ChangeRules.VirementProblemsAsync(db, award, input.FromCostLineId!.Value, input.ToCostLineId!.Value, input.Amount!.Value, ct);
            file.Check(problems.Count == 0, $"{what}: {string.Join(" ", problems.Select(p => p.Message))}");
        }
        else
        {
            file.Check(input.NewEndDate > award.EndDate, $"{what}: the new end date must be after {award.EndDate:yyyy-MM-dd}");
        }
        var by = User(users, c.By);
        var at = file.Instant(c.At, what);
        var request = ChangeRules.Record(award, input, null, new Actor(by.Id, by.DisplayName, new HashSet<string>()), at);
        db.AwardChangeRequests.Add(request);
        if (c.DecidedBy is null)
        {
            if (award.State == AwardStates.Active)
            {
                workflow.Import(db, award, AwardStates.VariationRequested, at, c.Reason);
            }
        }
        else if (c.Refused is { } why)
        {
            // Refused already, as the decision page refuses: with the reason the grantee reads; the award is unchanged.
            var decider = User(users, c.DecidedBy);
            file.Check(!string.IsNullOrWhiteSpace(why), $"{what}: a refusal must say why");
            (request.Status, request.DecidedByUserId, request.DecidedByName, request.DecidedAt, request.DecisionComment) =
                (ChangeRequestStatus.Refused, decider.Id, decider.DisplayName, file.Instant(c.DecidedAt ?? c.At, what), why.Trim());
        }
        else
        {
            // Decided (approved) already, as the officer's approval does: only a virement, within the officer's share, on an award not waiting on another change.
            var decider = User(users, c.DecidedBy);
            file.Check(input.Kind == ChangeRequestKind.BudgetVirement && award.State == AwardStates.Active, $"{what}: only a virement on an active award is loaded as decided");
            file.Check(ChangeRules.BeyondOfficer(request, award, options.Value) is null, $"{what}: beyond what a grants officer may approve");
            lines.Single(l => l.Id == input.FromCostLineId).AmountPence -= request.AmountPence;
            lines.Single(l => l.Id == input.ToCostLineId).AmountPence += request.AmountPence;
            (request.Status, request.DecidedByUserId, request.DecidedByName, request.DecidedAt) =
                (ChangeRequestStatus.Approved, decider.Id, decider.DisplayName, file.Instant(c.DecidedAt ?? c.At, what));
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A payment held until a return of the same award is accepted, as the officer's "Hold until this return is accepted" does.</summary>
    private async Task HoldAsync(HoldSeed h, CancellationToken ct)
    {
        var what = $"payment hold {h.Payment}";
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.PaymentReference == h.Payment, ct);
        var ret = await db.Returns.FirstOrDefaultAsync(r => r.ReturnReference == h.Return, ct);
        file.Check(payment is { State: PaymentStates.Scheduled or PaymentStates.Ready }, $"{what}: only a scheduled or ready payment can be held");
        file.Check(ret is not null && ret.AwardId == payment!.AwardId && ret.State != ReturnStates.Accepted, $"{what}: {h.Return} must be a return of the same award not yet accepted");
        payment!.HoldReason = $"Held until monitoring return {ret!.ReturnReference} is accepted.";
        payment.HeldForReturnId = ret.Id;
        workflow.Import(db, payment, PaymentStates.Held, file.Instant(h.At, what), payment.HoldReason);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A final return sent (signed off by an owner) for an award in its final report, waiting for the officer: accepting
    /// it closes the award. Spend is checked as the return form checks it: never below nothing, never beyond a line's
    /// budget and tolerance.
    /// </summary>
    private async Task FinalReturnAsync(FinalReturnSeed f, Dictionary<string, (string Id, string DisplayName)> users, CancellationToken ct)
    {
        var what = $"final return of {f.Award}";
        var award = await AwardAsync(f.Award, ct);
        file.Check(award.State == AwardStates.FinalReport, $"{what}: the award must be in its final report");
        var by = User(users, f.By);
        file.Check(await db.OrganisationMembers.AnyAsync(m => m.OrganisationId == award.OrganisationId && m.UserId == by.Id && m.Role == OrganisationRole.Owner, ct)
            || !users.ContainsKey(f.By.ToUpperInvariant()), $"{what}: {f.By} is not an owner of the organisation, so cannot sign it off");
        var at = file.Instant(f.At, what);
        var ret = new MonitoringReturn
        {
            ReturnReference = $"{award.AwardReference}-R{await db.Returns.CountAsync(r => r.AwardId == award.Id, ct) + 1}", AwardId = award.Id,
            PeriodStart = file.Date(f.PeriodStart, what), PeriodEnd = file.Date(f.PeriodEnd, what), DueDate = file.Date(f.Due, what), Narrative = f.Narrative,
            SubmittedAt = at, SubmittedByUserId = by.Id, SignedOffAt = at, SignedOffByUserId = by.Id, SignedOffByName = by.DisplayName,
        };
        var lines = await ReturnFiguresReader.LinesAsync(db, ret, ct);
        file.Check(f.Spend.Count == lines.Count, $"{what}: gives {f.Spend.Count} spend figures for {lines.Count} cost lines");
        foreach (var ((line, before), pounds) in lines.Zip(f.Spend))
        {
            var toDate = before + file.Pounds(pounds, what);
            file.Check(!toDate.IsNegative && toDate <= ReturnChecks.MostAllowed(new Money(line.AmountPence), new MonitoringOptions()),
                $"{what}: spend to date on {line.Description} would be {toDate}, against a budget of {new Money(line.AmountPence)}");
            ret.SpendLines.Add(new ReturnSpendLine { CostLineId = line.Id, AmountPence = file.Pounds(pounds, what).Pence });
        }
        workflow.Start(ret, Actor.System);
        db.Returns.Add(ret);
        await db.SaveChangesAsync(ct);
        workflow.Import(db, ret, ReturnStates.Submitted, at);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A return form saved as a draft by a member who is not an owner, waiting for an owner's sign-off; checked as the form checks a draft.</summary>
    private async Task DraftAsync(DraftSeed d, Dictionary<string, (string Id, string DisplayName)> users, CancellationToken ct)
    {
        var what = $"draft of {d.Return}";
        var ret = await db.Returns.FirstOrDefaultAsync(r => r.ReturnReference == d.Return, ct);
        file.Check(ret is { State: ReturnStates.Due or ReturnStates.Overdue }, $"{what}: only a due or overdue return can be saved as a draft");
        var lines = await ReturnFiguresReader.LinesAsync(db, ret!, ct);
        var indicators = await db.AwardIndicators.Where(i => i.AwardId == ret!.AwardId).OrderBy(i => i.Id).ToListAsync(ct);
        file.Check((d.Spend ?? []).Count <= lines.Count && (d.IndicatorValues ?? []).Count <= indicators.Count, $"{what}: more figures than the award has lines and indicators");
        var view = new Applicants.ReturnView(ret!.Id, ret.ReturnReference, ret.AwardId, "", "", "", ret.State, ret.PeriodStart, ret.PeriodEnd, ret.DueDate,
            lines.Select(l => new Applicants.ReturnCostLine(l.Line.Id, l.Line.Description, new Money(l.Line.AmountPence), l.Before, null)).ToList(),
            indicators.Select(i => new Applicants.ReturnIndicator(i.Id, i.Name, i.Unit, i.Target, null)).ToList(), null, null, null, null, null, null,
            new Applicants.ReturnSignOff(false, [], null, null, null, null));
        var input = new Applicants.ReturnInput
        {
            Spend = (d.Spend ?? []).Select((a, i) => new Applicants.SpendInput { CostLineId = lines[i].Line.Id, Amount = a.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList(),
            Indicators = (d.IndicatorValues ?? []).Select((v, i) => new Applicants.IndicatorValueInput { IndicatorId = indicators[i].Id, Value = v.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList(),
            Narrative = d.Narrative, Risks = d.Risks,
        };
        var valid = new Applicants.ReturnInputValidator().Validate(input, view, draft: true);
        file.Check(valid.IsValid, $"{what}: {string.Join(" ", valid.Errors.Select(e => e.ErrorMessage))}");
        ret.SpendLines.AddRange(Applicants.ReturnInputValidator.Spend(input, view, draft: true).Select(kv => new ReturnSpendLine { CostLineId = kv.Key, AmountPence = kv.Value.Pence }));
        ret.IndicatorValues.AddRange(Applicants.ReturnInputValidator.Values(input, view, draft: true).Select(kv => new ReturnIndicatorValue { IndicatorId = kv.Key, Value = kv.Value }));
        (ret.Narrative, ret.Risks) = (d.Narrative, d.Risks);
        (ret.DraftSavedByName, ret.DraftSavedAt) = (User(users, d.By).DisplayName, file.Instant(d.At, what));
        await db.SaveChangesAsync(ct);
    }

    private async Task<Award> AwardAsync(string reference, CancellationToken ct)
    {
        var award = await db.Awards.FirstOrDefaultAsync(a => a.AwardReference == reference, ct);
        file.Check(award is not null, $"award {reference} does not exist");
        return award!;
    }

    /// <summary>The demo user, or (where demo sign-ins were not created) a stand-in named by the email.</summary>
    private static (string Id, string DisplayName) User(Dictionary<string, (string Id, string DisplayName)> users, string email) =>
        users.TryGetValue(email.ToUpperInvariant(), out var user) ? user : ("demo-" + email, email);
}
