using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Seeding;

/// <summary>Fictional organisations and cases in every workflow state, for demonstrations and development.</summary>
internal sealed class DemoDataLoader(GrantsDbContext db, ICaseWorkflow workflow, SeedFile file, DateTimeOffset now, Monitoring.ReturnTimetable? timetable = null)
{
    private Dictionary<string, (string Id, string Name)>? _usersByRole;
    private Dictionary<string, (string Id, string Name)>? _usersByEmail;

    public async Task<int> LoadOrganisationsAsync(CancellationToken ct)
    {
        var seed = file.Read<OrganisationsSeed>();
        var existing = (await db.Organisations.Select(o => o.Name).ToListAsync(ct)).ToHashSet();
        var users = await UsersByEmailAsync(ct);
        var added = 0;
        foreach (var o in seed.Organisations.Where(o => !existing.Contains(o.Name)))
        {
            var what = $"organisation '{o.Name}'";
            file.Check(o.CharityNumber is null || OrgIdentifiers.IsValidCharityNumber(o.CharityNumber), $"{what}: charity number '{o.CharityNumber}' is not 6 or 7 digits");
            file.Check(o.CompanyNumber is null || OrgIdentifiers.IsValidCompanyNumber(o.CompanyNumber), $"{what}: company number '{o.CompanyNumber}' is not a Companies House number");
            var organisation = new Organisation
            {
                Name = o.Name, Type = file.Enum<OrganisationType>(o.Type, what + " type"), AddressLine1 = o.AddressLine1, AddressLine2 = o.AddressLine2,
                Town = o.Town, Postcode = o.Postcode, AreaServed = o.AreaServed, CharityNumber = o.CharityNumber,
                CompanyNumber = o.CompanyNumber is null ? null : OrgIdentifiers.NormaliseCompanyNumber(o.CompanyNumber),
                BankAccountName = o.Bank?.AccountName, BankSortCode = o.Bank?.SortCode, BankAccountNumber = o.Bank?.AccountNumber, CreatedAt = now,
            };
            foreach (var m in o.Members ?? [])
            {
                organisation.Members.Add(new OrganisationMember
                {
                    Email = m.Email, Role = file.Enum<OrganisationRole>(m.Role, what + " member role"),
                    UserId = users.TryGetValue(m.Email.ToUpperInvariant(), out var u) ? u.Id : null, AcceptedAt = now,
                });
            }
            db.Organisations.Add(organisation);
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    public async Task<int> LoadCasesAsync(CancellationToken ct)
    {
        var seed = file.Read<CasesSeed>();
        foreach (var b in seed.Budgets ?? [])
        {
            var fund = await db.Funds.Include(f => f.Budgets).FirstOrDefaultAsync(f => f.Code == b.Fund, ct);
            file.Check(fund is not null, $"budget names fund '{b.Fund}', which does not exist");
            ReferenceDataLoader.AddBudgets(file, fund!, [b]);
        }
        await db.SaveChangesAsync(ct);
        foreach (var r in seed.Rounds ?? [])
        {
            var fund = await db.Funds.FirstOrDefaultAsync(f => f.Code == r.Fund, ct);
            file.Check(fund is not null, $"round {r.Reference} names fund '{r.Fund}', which does not exist");
            var planId = await db.Plans.OrderByDescending(p => p.PeriodEnd).Select(p => p.Code).FirstAsync(ct);
            var objectives = await ReferenceDataLoader.ObjectivesOfAsync(db, file, planId, ct);
            await ReferenceDataLoader.AddRoundAsync(db, file, fund!, r, objectives, ct);
        }

        var existing = (await db.Applications.Select(a => a.ApplicationReference).ToListAsync(ct)).ToHashSet();
        var added = 0;
        foreach (var c in seed.Cases.Where(c => !existing.Contains(c.Reference)))
        {
            await AddCaseAsync(c, ct);
            added++;
        }
        return added;
    }

    private async Task AddCaseAsync(CaseSeed c, CancellationToken ct)
    {
        var what = $"case {c.Reference}";
        var round = await db.Rounds.Include(r => r.Fund).Include(r => r.Criteria).FirstOrDefaultAsync(r => r.Reference == c.Round, ct);
        file.Check(round is not null, $"{what}: round '{c.Round}' does not exist");
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Name == c.Organisation, ct);
        file.Check(organisation is not null, $"{what}: organisation '{c.Organisation}' does not exist");
        var requested = file.Pounds(c.Requested, what + " requested");
        var budget = c.Budget.Select(b => (Line: b, Amount: file.Pounds(b.Amount, what + " budget line"))).ToList();
        file.Check(Money.Sum(budget.Select(b => b.Amount)) == requested, $"{what}: budget lines add up to {Money.Sum(budget.Select(b => b.Amount))}, not the {requested} requested");
        foreach (var line in c.Budget.Where(b => !Applications.ApplicationService.BudgetCategories.Contains(b.Category)))
        {
            throw file.Problem($"{what}: budget category '{line.Category}' is not one the application form offers ({string.Join(", ", Applications.ApplicationService.BudgetCategories)})");
        }
        file.Check(c.Objectives.Values.Sum() == 100, $"{what}: objective shares add up to {c.Objectives.Values.Sum()}%, not 100%");
        var objectiveIds = new Dictionary<int, int>();
        foreach (var number in c.Objectives.Keys.Select(k => int.Parse(k, System.Globalization.CultureInfo.InvariantCulture)))
        {
            var id = await db.Objectives.Where(o => o.Number == number).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
            file.Check(id is not null, $"{what}: objective {number} does not exist");
            objectiveIds[number] = id!.Value;
        }
        var submittedAt = c.SubmittedAt is null ? (DateTimeOffset?)null : file.Instant(c.SubmittedAt, what + " submittedAt");
        var (projectStart, projectEnd) = ProjectDates(c, round!, what);
        var application = new GrantApplication
        {
            ApplicationReference = c.Reference, Round = round, Organisation = organisation, ProjectTitle = c.Title, Summary = c.Summary,
            AmountRequestedPence = requested.Pence, ProjectStart = projectStart, ProjectEnd = projectEnd, AreaServed = c.AreaServed ?? organisation!.AreaServed, DeclarationsAccepted = c.State != ApplicationStates.Draft,
            CreatedAt = submittedAt?.AddDays(-3) ?? now, UpdatedAt = submittedAt ?? now, SubmittedAt = submittedAt,
            Beneficiaries = "Residents of " + (c.AreaServed ?? organisation!.AreaServed),
        };
        var order = 0;
        application.BudgetLines.AddRange(budget.Select(b => new ApplicationBudgetLine
        {
            Order = ++order, Description = b.Line.Description, Category = b.Line.Category, AmountPence = b.Amount.Pence,
        }));
        application.Objectives.AddRange(c.Objectives.Select(kv => new ApplicationObjective
        {
            ObjectiveId = objectiveIds[int.Parse(kv.Key, System.Globalization.CultureInfo.InvariantCulture)], SharePercent = kv.Value,
        }));
        application.Indicators.AddRange((c.Indicators ?? []).Select(i => new ApplicationIndicator
        {
            Name = i.Name, Unit = i.Unit, Target = i.Target, ObjectiveId = i.Objective is { } n && objectiveIds.TryGetValue(n, out var id) ? id : null,
        }));
        if (c.PublicInterest is { } flag)
        {
            // As the flagging form would: a reason of 10 to 2,000 characters, by an officer or a decider, on a submitted application.
            var users = await UsersByEmailAsync(ct);
            file.Check(flag.Reason.Trim().Length is >= 10 and <= Decisions.PublicInterestService.ReasonMax, $"{what}: the public interest reason must be 10 to 2,000 characters");
            file.Check(c.State != ApplicationStates.Draft, $"{what}: a draft cannot be flagged of significant public interest");
            (application.PublicInterestReason, application.PublicInterestFlaggedByName, application.PublicInterestFlaggedAt) =
                (flag.Reason.Trim(), users.TryGetValue(flag.By.ToUpperInvariant(), out var by) ? by.Name : flag.By, (submittedAt ?? now).AddDays(8));
        }
        db.Applications.Add(application);
        await AddAssessmentsAsync(application, round!, c, what, ct);
        var decision = await AddDecisionAsync(application, c, what, ct);
        await db.SaveChangesAsync(ct);
        // A case may start on an earlier released version (one submitted before the current version), as open cases do after a release.
        workflow.Import(db, application, c.State, submittedAt ?? now, version: c.WorkflowVersion);
        await AddDueDiligenceAsync(application, round!.Fund!.IsSmallFund, c.State, (submittedAt ?? now).AddDays(3), ct);

        if (c.Award is { } a)
        {
            file.Check(decision is not null && c.State == ApplicationStates.OfferAccepted, $"{what}: an award needs an approved decision and the state OfferAccepted");
            await AddAwardAsync(application, round!, decision!, a, what, ct);
        }
        await db.SaveChangesAsync(ct);
        // The case is saved (in the file's transaction) and no later case reads it through this context. Left tracked,
        // every later save would scan every earlier case for changes: that made loading the demo cases grow with the
        // square of their number (11 of the demo data's 15 seconds).
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// The project's dates: the case's own, else its award's. A submitted application on the standard form without them is
    /// refused, as the form refuses it (the defect: "Project dates: not given to not given").
    /// </summary>
    private (DateOnly? Start, DateOnly? End) ProjectDates(CaseSeed c, FundingRound round, string what)
    {
        var start = (c.Start ?? c.Award?.Start) is { } s ? file.Date(s, what + " start") : (DateOnly?)null;
        var end = (c.End ?? c.Award?.End) is { } e ? file.Date(e, what + " end") : (DateOnly?)null;
        file.Check(c.State == ApplicationStates.Draft || round.UsesShortForm || (start is not null && end is not null),
            $"{what}: a submitted application needs its project start and end dates, as the application form does");
        file.Check(start is null || end is null || end >= start, $"{what}: the project ends before it starts");
        return (start, end);
    }

    private async Task AddAssessmentsAsync(GrantApplication application, FundingRound round, CaseSeed c, string what, CancellationToken ct)
    {
        var criteria = round.Criteria.OrderBy(x => x.Order).ToList();
        foreach (var s in c.Assessments ?? [])
        {
            var users = await UsersByEmailAsync(ct);
            var assessor = users.TryGetValue(s.Assessor.ToUpperInvariant(), out var u) ? u : (Id: s.Assessor, Name: s.Assessor);
            var assessment = new Assessment
            {
                AssessorUserId = assessor.Id, AssessorName = assessor.Name, HasConflict = s.Conflict, ConflictDetails = s.ConflictDetails,
                ConflictDeclaredAt = application.SubmittedAt?.AddDays(2), Comments = s.Conflict ? null : "Scored against the published criteria.",
                Recommendation = s.Recommendation is null ? Recommendation.None : file.Enum<Recommendation>(s.Recommendation, what + " recommendation"),
            };
            if (s.Scores is { } scores)
            {
                file.Check(!s.Conflict, $"{what}: an assessor with a declared conflict cannot score");
                file.Check(scores.Count == criteria.Count, $"{what}: {scores.Count} scores given for {criteria.Count} criteria");
                assessment.Scores.AddRange(scores.Select((score, i) => new AssessmentScore { Criterion = criteria[i], Score = score }));
                assessment.CompletedAt = application.SubmittedAt?.AddDays(7);
            }
            application.Assessments.Add(assessment);
        }
    }

    /// <summary>
    /// Demo due diligence: the band's whole checklist once a case is past assessment (the bank details verified by a second
    /// officer), the first two items while it is being assessed, none before.
    /// </summary>
    private async Task AddDueDiligenceAsync(GrantApplication application, bool smallFund, string state, DateTimeOffset at, CancellationToken ct)
    {
        var decided = state is ApplicationStates.Recommendation or ApplicationStates.Deferred or ApplicationStates.OfferMade
            or ApplicationStates.OfferAccepted or ApplicationStates.OfferDeclined || (state == ApplicationStates.Rejected && application.Decisions.Count > 0);
        var items = DueDiligence.ItemsFor(DueDiligence.BandFor(smallFund, application.AmountRequestedPence));
        var recorded = decided ? items : state == ApplicationStates.Assessment ? items.Take(2).ToList() : [];
        var first = await UserInRoleAsync(Roles.GrantsOfficer, ct);
        var second = await UserInRoleAsync(Roles.GrantsOfficer, ct, skip: 1);
        foreach (var item in recorded)
        {
            var by = item.SecondPersonFor is null ? first : second;
            db.Add(new DueDiligenceCheck
            {
                ApplicationId = application.Id, Item = item.Key, RecordedByUserId = by.Id, RecordedByName = by.Name, RecordedAt = at,
                Note = item.NeedsNote ? "Checked against the latest accounts, the governing document and the bank statement: no concerns." : null,
                Rag = item.NeedsRag ? Rag.Green : null,
            });
        }
    }

    private async Task<Decision?> AddDecisionAsync(GrantApplication application, CaseSeed c, string what, CancellationToken ct)
    {
        if (c.Decision is not { } d)
        {
            return null;
        }
        var authority = file.Enum<AuthorityLevel>(d.Authority, what + " decision authority");
        var by = await UserInRoleAsync(authority switch
        {
            AuthorityLevel.GrantsOfficer => Roles.GrantsOfficer,
            AuthorityLevel.DecisionMaker => Roles.DecisionMaker,
            AuthorityLevel.Commissioner => Roles.Commissioner,
        }, ct);
        var decision = new Decision
        {
            Outcome = file.Enum<DecisionOutcome>(d.Outcome, what + " decision outcome"), AmountPence = file.Pounds(d.Amount, what + " decision amount").Pence,
            Rationale = d.Rationale, Conditions = d.Conditions, AuthorityLevel = authority, DecidedAt = file.Instant(d.DecidedAt, what + " decidedAt"),
            DecidedByUserId = by.Id, DecidedByName = by.Name, NoticeReference = d.Notice,
        };
        decision.PublishedOn = d.Notice is null ? null : UkTime.ToUkDate(decision.DecidedAt).AddDays(7);
        application.Decisions.Add(decision);
        return decision;
    }

    private async Task AddAwardAsync(GrantApplication application, FundingRound round, Decision decision, AwardSeed a, string what, CancellationToken ct)
    {
        var award = new Award
        {
            AwardReference = a.Reference, Application = application, Decision = decision, OrganisationId = application.OrganisationId, FundId = round.FundId,
            Title = application.ProjectTitle, Purpose = application.Summary ?? application.ProjectTitle, AmountPence = decision.AmountPence,
            AwardedOn = file.Date(a.AwardedOn, what + " awardedOn"), StartDate = file.Date(a.Start, what + " start"), EndDate = file.Date(a.End, what + " end"),
            PaymentBasis = file.Enum<PaymentBasis>(a.Basis, what + " basis"), AdvanceJustification = a.AdvanceJustification,
            DueDiligenceNote = "Governing document, accounts, safeguarding policy and bank details checked.",
        };
        var order = 0;
        award.CostLines.AddRange(application.BudgetLines.Select(b => new AwardCostLine { Order = ++order, Description = b.Description, AmountPence = b.AmountPence }));
        order = 0;
        award.Conditions.AddRange((a.Conditions ?? []).Select(t => new AwardCondition { Order = ++order, Text = t }));
        award.Indicators.AddRange(application.Indicators.Select(i => new AwardIndicator { Name = i.Name, Unit = i.Unit, Target = i.Target, ObjectiveId = i.ObjectiveId }));
        award.Objectives.AddRange(application.Objectives.Select(o => new AwardObjective { ObjectiveId = o.ObjectiveId, SharePercent = o.SharePercent }));
        // By email, the Finance Manager comes first: they authorise, and the Finance Officer prepares and records payments,
        // so each demo payment has two people (the officer cannot record as paid what they authorised, nor the reverse).
        var authoriser = await UserInRoleAsync(Roles.Finance, ct);
        var recorder = await UserInRoleAsync(Roles.Finance, ct, skip: 1);
        var payments = new List<(Payment Payment, string State)>();
        var n = 0;
        foreach (var p in a.Payments)
        {
            var kind = p.Kind is null ? PaymentKind.Instalment : file.Enum<PaymentKind>(p.Kind, what + " payment kind");
            var amount = file.Pounds(p.Amount, what + " payment");
            file.Check(kind == PaymentKind.Recovery ? amount.IsNegative : amount.Pence > 0, $"{what}: an instalment must be positive and a recovery negative");
            var authorised = p.State is PaymentStates.Authorised or PaymentStates.Paid or PaymentStates.Recovered;
            var payment = new Payment
            {
                PaymentReference = $"{a.Reference}-P{++n}", PaymentKind = kind, InstalmentNumber = n, DueDate = file.Date(p.Due, what + " payment due"),
                AmountPence = amount.Pence, HoldReason = p.HoldReason, FinanceReference = p.FinanceReference,
                PaidOn = p.PaidOn is null ? null : file.Date(p.PaidOn, what + " paidOn"), RecordedByUserId = recorder.Id,
                AuthorisedByUserId = authorised ? authoriser.Id : null,
            };
            payment.AuthorisedAt = authorised ? UkTime.FromUkLocal(payment.PaidOn ?? payment.DueDate, new TimeOnly(10, 0)).AddDays(-1) : null;
            if (kind == PaymentKind.Instalment && (payment.DueDate <= award.StartDate || (n == 1 && award.PaymentBasis == PaymentBasis.Advance)))
            {
                file.Check(!string.IsNullOrWhiteSpace(award.AdvanceJustification), $"{what}: {payment.PaymentReference} is paid ahead of need, so the award needs an advanceJustification");
                (payment.Basis, payment.AdvanceJustification) = (PaymentBasis.Advance, award.AdvanceJustification);
            }
            award.Payments.Add(payment);
            payments.Add((payment, p.State));
        }
        file.Check(award.Payments.Where(p => p.PaymentKind == PaymentKind.Instalment).Sum(p => p.AmountPence) == award.AmountPence,
            $"{what}: instalments add up to {new Money(award.Payments.Where(p => p.PaymentKind == PaymentKind.Instalment).Sum(p => p.AmountPence))}, not the award of {award.Amount}");
        award.YearSplits.AddRange(award.Payments.Where(p => p.PaymentKind == PaymentKind.Instalment)
            .GroupBy(p => FinancialYear.Containing(p.DueDate).StartYear)
            .Select(g => new AwardYearSplit { FinancialYearStart = g.Key, AmountPence = g.Sum(p => p.AmountPence) }));
        var returns = new List<(MonitoringReturn Return, string State, string? Query)>();
        n = 0;
        foreach (var r in a.Returns)
        {
            var ret = new MonitoringReturn
            {
                ReturnReference = $"{a.Reference}-R{++n}", PeriodStart = file.Date(r.PeriodStart, what + " return periodStart"),
                PeriodEnd = file.Date(r.PeriodEnd, what + " return periodEnd"), DueDate = file.Date(r.Due, what + " return due"), Narrative = r.Narrative,
            };
            if (r.Spend is { } spend)
            {
                file.Check(spend.Count == award.CostLines.Count, $"{what}: return {n} gives {spend.Count} spend figures for {award.CostLines.Count} cost lines");
                ret.SpendLines.AddRange(spend.Select((s, i) => new ReturnSpendLine { CostLine = award.CostLines[i], AmountPence = file.Pounds(s, what + " spend").Pence }));
                ret.IndicatorValues.AddRange((r.IndicatorValues ?? []).Zip(award.Indicators).Select(x => new ReturnIndicatorValue { Indicator = x.Second, Value = x.First }));
                // Sent five days before it was due, or yesterday when that is still to come (a return due soon was sent
                // early); accepted three days after, or now: a demo return is never sent or accepted in the future.
                var sent = UkTime.FromUkLocal(ret.DueDate.AddDays(-5), new TimeOnly(15, 0));
                ret.SubmittedAt = sent < now ? sent : Earlier(UkTime.FromUkLocal(file.Today.AddDays(-1), new TimeOnly(15, 0)), now);
                ret.SubmittedByUserId = application.CreatedByUserId;
                ret.AcceptedAt = r.State == ReturnStates.Accepted ? Earlier(ret.SubmittedAt.Value.AddDays(3), now) : null;
            }
            file.Check((r.State == ReturnStates.Queried) == (r.Query is not null),
                $"{what}: return {n} needs the officer's query when, and only when, it is Queried");
            timetable?.Apply(ret);
            award.Returns.Add(ret);
            returns.Add((ret, r.State, r.Query));
        }
        db.Awards.Add(award);
        await db.SaveChangesAsync(ct);
        var at = UkTime.FromUkLocal(award.AwardedOn, new TimeOnly(12, 0));
        workflow.Import(db, award, a.State, at);
        foreach (var (payment, state) in payments)
        {
            workflow.Import(db, payment, state, at);
        }
        foreach (var (ret, state, query) in returns)
        {
            // A sent return enters its state when it was sent, accepted or queried (the day after it was sent), never in the future.
            var entered = query is null ? ret.AcceptedAt ?? ret.SubmittedAt : ret.SubmittedAt?.AddDays(1);
            workflow.Import(db, ret, state, entered is { } e ? Earlier(e, now) : at, query);
        }
    }

    private async Task<Dictionary<string, (string Id, string Name)>> UsersByEmailAsync(CancellationToken ct) =>
        _usersByEmail ??= await db.Users.Where(u => u.NormalizedEmail != null)
            .ToDictionaryAsync(u => u.NormalizedEmail!, u => (u.Id, u.DisplayName), ct);

    private async Task<(string Id, string Name)> UserInRoleAsync(string role, CancellationToken ct, int skip = 0)
    {
        _usersByRole ??= [];
        var key = $"{role}#{skip}";
        if (!_usersByRole.TryGetValue(key, out var user))
        {
            var found = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               join u in db.Users on ur.UserId equals u.Id
                               where r.Name == role
                               orderby u.Email
                               select new { u.Id, u.DisplayName }).Skip(skip).FirstOrDefaultAsync(ct);
            user = found is null ? ($"demo-{role.ToLowerInvariant()}-{skip + 1}", Roles.Describe(role) + " (demo)") : (found.Id, found.DisplayName);
            _usersByRole[key] = user;
        }
        return user;
    }

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
