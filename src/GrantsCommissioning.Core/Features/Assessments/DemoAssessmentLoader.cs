using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Seeding;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Assessments;

#pragma warning disable CA1812 // instantiated by System.Text.Json
internal sealed record AssessmentsSeed(List<RoundBudgetSeed>? RoundBudgets, List<RegisterSeed> Registers, List<AssignmentSeed> Assignments, List<ModerationSeed>? Moderations);
internal sealed record RoundBudgetSeed(string Round, decimal Budget);
internal sealed record RegisterSeed(string Assessor, string? ConfirmedAt, List<InterestSeed> Interests);
internal sealed record InterestSeed(string Organisation, string Role, string? CharityNumber = null, string? CompanyNumber = null);
internal sealed record AssignmentSeed(string Application, string Assessor, string AssignedAt, string Due, string? Answer = null, string? Details = null,
    List<ScoreSeed>? Scores = null, string? Recommendation = null, string? Comments = null);
internal sealed record ScoreSeed(int Score, string Justification);
internal sealed record ModerationSeed(string Application, int Score, string Reason);
#pragma warning restore CA1812

/// <summary>
/// The demo assessor pool (seed-data/demo/assessments.json), checked by the same rules as the forms: registers by the
/// register's validator; an assignment only to an application in assessment, by an assessor whose register was current
/// when assigned and does not name the applicant, up to the round's number; answers as the assessor's form takes them;
/// scores by the score form's validator and the round's scale; moderation only where the totals diverge.
/// </summary>
internal sealed class DemoAssessmentLoader(GrantsDbContext db, SeedFile file, DateTimeOffset now)
{
    private static readonly string[] Answers = ["accept", "conflict", "return"];

    public async Task<int> LoadAsync(CancellationToken ct)
    {
        var seed = file.Read<AssessmentsSeed>();
        var count = 0;
        foreach (var b in seed.RoundBudgets ?? [])
        {
            var round = await db.Rounds.FirstOrDefaultAsync(r => r.Reference == b.Round, ct);
            file.Check(round is not null, $"round budget names round '{b.Round}', which does not exist");
            var budget = file.Pounds(b.Budget, $"round {b.Round} budget");
            file.Check(budget >= round!.MaxAward, $"round {b.Round}: the budget must be at least the maximum award, as the round form requires");
            round.BudgetPence ??= budget.Pence;
        }
        var users = await db.Users.Where(u => u.Email != null).ToDictionaryAsync(u => u.Email!.ToUpperInvariant(), u => (u.Id, u.DisplayName), ct);
        var registers = new Dictionary<string, InterestRegister>();
        foreach (var r in seed.Registers)
        {
            var user = User(users, r.Assessor);
            var register = await db.Set<InterestRegister>().Include(x => x.Interests).FirstOrDefaultAsync(x => x.UserId == user.Id, ct);
            if (register is null)
            {
                register = new InterestRegister { UserId = user.Id, UserName = user.Name, ConfirmedAt = r.ConfirmedAt is null ? null : file.Instant(r.ConfirmedAt, $"register of {r.Assessor}") };
                var validator = new InterestInputValidator();
                foreach (var i in r.Interests)
                {
                    var input = new InterestInput { Organisation = i.Organisation, Role = i.Role, CharityNumber = i.CharityNumber, CompanyNumber = i.CompanyNumber };
                    var result = validator.Validate(input);
                    file.Check(result.IsValid, $"register of {r.Assessor}, {i.Organisation}: the register form would refuse it: {string.Join(" ", result.Errors.Select(e => e.ErrorMessage))}");
                    register.Interests.Add(InterestService.ToInterest(input, register.ConfirmedAt ?? now));
                }
                db.Add(register);
                count++;
            }
            registers[user.Id] = register;
        }
        await db.SaveChangesAsync(ct);
        foreach (var a in seed.Assignments)
        {
            count += await AddAssignmentAsync(a, users, registers, ct) ? 1 : 0;
        }
        await db.SaveChangesAsync(ct);
        foreach (var m in seed.Moderations ?? [])
        {
            count += await AddModerationAsync(m, ct) ? 1 : 0;
        }
        await db.SaveChangesAsync(ct);
        return count;
    }

    private async Task<bool> AddAssignmentAsync(AssignmentSeed a, Dictionary<string, (string Id, string Name)> users, Dictionary<string, InterestRegister> registers, CancellationToken ct)
    {
        var what = $"assignment of {a.Application} to {a.Assessor}";
        var user = User(users, a.Assessor);
        var app = await db.Applications.Include(x => x.Organisation).Include(x => x.Assessments).Include(x => x.Round).ThenInclude(r => r!.Criteria)
            .FirstOrDefaultAsync(x => x.ApplicationReference == a.Application, ct);
        file.Check(app is not null, $"{what}: the application does not exist");
        if (app!.Assessments.Any(s => s.AssessorUserId == user.Id))
        {
            return false;
        }
        file.Check(app.State == Workflow.ApplicationStates.Assessment, $"{what}: the application is not in assessment");
        var assignedAt = file.Instant(a.AssignedAt, what + " assignedAt");
        file.Check(registers.TryGetValue(user.Id, out var register) && register.ConfirmedAt <= assignedAt && register.IsCurrentAt(assignedAt),
            $"{what}: the assessor's register of interests was not current when assigned, so the officer's form would refuse it");
        file.Check(InterestMatcher.Match(register!.Interests, app.Organisation!) is null, $"{what}: the assessor's register names the applicant");
        file.Check(app.Assessments.Count(s => s.IsActive) < app.Round!.AssessorsPerApplication, $"{what}: the round asks for only {app.Round.AssessorsPerApplication} assessors");
        var assessment = new Assessment
        {
            AssessorUserId = user.Id, AssessorName = user.Name, AssignedAt = assignedAt, AssignedByName = "Priya Shah", DueDate = file.Date(a.Due, what + " due"),
        };
        if (a.Answer is { } answer)
        {
            file.Check(Answers.Contains(answer), $"{what}: answer '{answer}' is not one of {string.Join(", ", Answers)}");
            file.Check(answer == "accept" || !string.IsNullOrWhiteSpace(a.Details), $"{what}: a conflict or a return needs its details, as the form requires");
            var at = assignedAt.AddDays(1);
            switch (answer)
            {
                case "accept": assessment.HasConflict = false; assessment.ConflictDeclaredAt = at; break;
                case "conflict": assessment.HasConflict = true; assessment.ConflictDetails = a.Details; assessment.ConflictDeclaredAt = at; break;
                default: assessment.ReturnedAt = at; assessment.ReturnReason = a.Details; break;
            }
        }
        if (a.Scores is { } scores)
        {
            file.Check(assessment.HasConflict == false, $"{what}: only an assessor who accepted with no conflict can score");
            var criteria = app.Round.Criteria.OrderBy(c => c.Order).ToList();
            file.Check(scores.Count == criteria.Count, $"{what}: {scores.Count} scores given for {criteria.Count} criteria");
            var payload = new ScorePayload(criteria.Select((c, i) => new CriterionScore(c.Id, scores[i].Score.ToString(System.Globalization.CultureInfo.InvariantCulture), scores[i].Justification)).ToList(),
                a.Recommendation, a.Comments);
            var result = new ScorePayloadValidator().Validate(payload);
            file.Check(result.IsValid, $"{what}: the score form would refuse it: {string.Join(" ", result.Errors.Select(e => e.ErrorMessage))}");
            file.Check(scores.Select((s, i) => s.Score >= 0 && s.Score <= criteria[i].MaxScore).All(ok => ok), $"{what}: a score is outside the round's scale");
            assessment.Scores.AddRange(criteria.Select((c, i) => new AssessmentScore { CriterionId = c.Id, Score = scores[i].Score, Comment = scores[i].Justification }));
            assessment.Recommendation = Enum.Parse<Recommendation>(a.Recommendation!);
            assessment.Comments = a.Comments;
            assessment.CompletedAt = assignedAt.AddDays(10);
        }
        app.Assessments.Add(assessment);
        return true;
    }

    private async Task<bool> AddModerationAsync(ModerationSeed m, CancellationToken ct)
    {
        var what = $"moderation of {m.Application}";
        var app = await db.Applications.Include(x => x.Assessments).ThenInclude(s => s.Scores).Include(x => x.Round).ThenInclude(r => r!.Criteria)
            .FirstOrDefaultAsync(x => x.ApplicationReference == m.Application, ct);
        file.Check(app is not null, $"{what}: the application does not exist");
        if (await db.Set<Moderation>().AnyAsync(x => x.ApplicationId == app!.Id, ct))
        {
            return false;
        }
        var totals = AssignmentService.CompletedTotals(app!.Assessments, app.Round!.Criteria.ToDictionary(c => c.Id));
        file.Check(AssessmentScoring.Diverges(totals, app.Round.DivergenceThresholdPercent), $"{what}: its assessors' totals do not diverge, so the officer's form would refuse it");
        file.Check(m.Score is >= 0 and <= 100 && !string.IsNullOrWhiteSpace(m.Reason), $"{what}: the score must be 0 to 100 with a reason");
        var officer = await db.Users.Where(u => u.Email == "officer@demo.opcc-grants.example").Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        db.Add(new Moderation
        {
            ApplicationId = app.Id, Score = m.Score, Reason = m.Reason, ModeratedByUserId = officer?.Id ?? "demo", ModeratedByName = officer?.DisplayName ?? "Grants officer",
            ModeratedAt = now.AddDays(-2),
        });
        return true;
    }

    private (string Id, string Name) User(Dictionary<string, (string Id, string Name)> users, string email)
    {
        // Without the demo sign-ins (a test loading only the seed files) the email stands in for the user, as for the demo cases.
        return users.TryGetValue(email.ToUpperInvariant(), out var user) ? user : (email, email);
    }
}
