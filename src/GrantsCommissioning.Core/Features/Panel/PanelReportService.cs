using System.Security.Cryptography;
using System.Text.Json;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Panel;

/// <summary>
/// The quarterly Panel report: officers write the narrative (draft), the Chief Executive or Commissioner approves it,
/// and an approved report is published as an immutable snapshot (the Word document, its SHA-256 and the content as
/// JSON). Publishing again makes the next version; the old one is never changed. Each change is audited in its transaction.
/// </summary>
public sealed class PanelReportService(IDbContextFactory<GrantsDbContext> factory, PanelReportBuilder builder, AuditTrail audit, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The title of the Police and Crime Plan in force in the quarter, or null when none was (a quarter is never reported against another plan).</summary>
    public async Task<string?> PlanInForceAsync(FinancialQuarter quarter, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            return (await PanelReportBuilder.PlanInForceAsync(db, quarter, ct))?.Title;
        }
    }

    public async Task<PanelQuarterView> QuarterAsync(FinancialQuarter quarter, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var plan = await PanelReportBuilder.PlanInForceAsync(db, quarter, ct);
            var draft = await FindDraftAsync(db, quarter, ct);
            var objectives = plan is null ? [] : await db.Objectives.AsNoTracking().Where(o => o.PlanId == plan.Id).OrderBy(o => o.Number)
                .Select(o => new { o.Id, o.Number, o.Title }).ToListAsync(ct);
            var texts = draft?.Narratives.ToDictionary(n => n.ObjectiveId, n => n.Text) ?? [];
            var missing = plan is null ? [] : (await PanelReportBuilder.MeasuresAsync(db, plan.Id, quarter, ct))
                .Where(m => m.Rag is null).Select(m => $"Objective {m.ObjectiveNumber}: {m.Title}").ToList();
            return new PanelQuarterView(
                quarter, plan?.Title, draft?.Status ?? PanelReportStatus.Draft, draft is not null, draft?.UpdatedByName, draft?.UpdatedAt,
                draft?.ApprovedByName, draft?.ApprovedAt, draft?.PccActivity,
                objectives.Select(o => new NarrativeView(o.Id, o.Number, o.Title, texts.GetValueOrDefault(o.Id))).ToList(),
                missing, await PublishedOfAsync(db, quarter, ct));
        }
    }

    /// <summary>Saves the officers' draft. An approved report must be returned to draft before it is edited.</summary>
    public Task<FeatureResult<bool>> SaveAsync(FinancialQuarter quarter, PanelDraftInput input, Actor actor, CancellationToken ct = default) =>
        WriteAsync(actor, PanelReportRules.Writers, "save the report's narrative", db => SaveInAsync(db, quarter, input, actor, ct), ct);

    /// <summary>Approves the draft; refused while any success measure has no reading (and so no RAG) for the quarter.</summary>
    public Task<FeatureResult<bool>> ApproveAsync(FinancialQuarter quarter, Actor actor, CancellationToken ct = default) =>
        WriteAsync(actor, PanelReportRules.Approvers, "approve the report", db => ApproveInAsync(db, quarter, actor, ct), ct);

    public Task<FeatureResult<bool>> ReturnToDraftAsync(FinancialQuarter quarter, Actor actor, CancellationToken ct = default) =>
        WriteAsync(actor, PanelReportRules.Approvers, "return the report to draft", async db =>
        {
            var draft = await FindDraftAsync(db, quarter, ct, tracking: true);
            if (draft is not { Status: PanelReportStatus.Approved })
            {
                return FeatureResult<bool>.Fail(new ReportStateRefused(ReportStep.ReturnToDraft));
            }
            draft.Status = PanelReportStatus.Draft;
            draft.ApprovedAt = null;
            draft.ApprovedByName = null;
            await audit.AppendAsync(db, actor, "PanelReportReturnedToDraft", "PanelReport", quarter.ToString(), null, null, ct);
            return FeatureResult<bool>.Ok(true);
        }, ct);

    /// <summary>Publishes the approved report as the quarter's next version and returns its id.</summary>
    public Task<FeatureResult<int>> PublishAsync(FinancialQuarter quarter, string? correctionNote, Actor actor, CancellationToken ct = default) =>
        WriteAsync(actor, PanelReportRules.Publishers, "publish the Panel report", db => PublishInAsync(db, quarter, correctionNote, actor, ct), ct);

    public async Task<IReadOnlyList<PublishedReportSummary>> PublishedAsync(CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var rows = await Summaries(db.Set<PublishedPanelReport>()).ToListAsync(ct);
            return rows.Select(ToSummary).OrderByDescending(r => r.Quarter).ThenByDescending(r => r.Version).ToList();
        }
    }

    public async Task<PublishedReport?> PublishedAsync(int id, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var row = await Summaries(db.Set<PublishedPanelReport>().Where(r => r.Id == id)).FirstOrDefaultAsync(ct);
            if (row is null)
            {
                return null;
            }
            var json = await db.Set<PublishedPanelReport>().Where(r => r.Id == id).Select(r => r.ContentJson).SingleAsync(ct);
            return new PublishedReport(ToSummary(row), JsonSerializer.Deserialize<PanelReportContent>(json, Json)!);
        }
    }

    public async Task<(byte[] Document, string FileName)?> DocumentAsync(int id, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var row = await Summaries(db.Set<PublishedPanelReport>().Where(r => r.Id == id)).FirstOrDefaultAsync(ct);
            if (row is null)
            {
                return null;
            }
            var bytes = await db.Set<PublishedPanelReport>().Where(r => r.Id == id).Select(r => r.Document).SingleAsync(ct);
            return (bytes, ToSummary(row).FileName);
        }
    }

    /// <summary>The report as it would be published now, for officers to preview (null when no plan was in force).</summary>
    public async Task<byte[]?> PreviewAsync(FinancialQuarter quarter, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var content = await builder.BuildAsync(db, quarter, ct);
            return content is null ? null : PanelReportDocument.Write(content);
        }
    }

    internal async Task<FeatureResult<bool>> SaveInAsync(GrantsDbContext db, FinancialQuarter quarter, PanelDraftInput input, Actor actor, CancellationToken ct)
    {
        var plan = await PanelReportBuilder.PlanInForceAsync(db, quarter, ct);
        if (plan is null)
        {
            return FeatureResult<bool>.Fail(new NoPlanInForce(quarter.ToString(), "there is no report to write"));
        }
        var objectives = await db.Objectives.Where(o => o.PlanId == plan.Id).ToDictionaryAsync(o => o.Id, o => o.Number, ct);
        var validation = PanelReportRules.Check(input, objectives);
        if (!validation.IsValid)
        {
            return FeatureResult<bool>.Invalid(validation);
        }
        var draft = await FindDraftAsync(db, quarter, ct, tracking: true);
        if (draft is { Status: PanelReportStatus.Approved })
        {
            return FeatureResult<bool>.Fail(new ReportStateRefused(ReportStep.Change));
        }
        if (draft is null)
        {
            draft = new PanelReportDraft { FinancialYearStart = quarter.Year.StartYear, Quarter = quarter.Number };
            db.Add(draft);
        }
        var before = new { draft.PccActivity, Narratives = draft.Narratives.ToDictionary(n => n.ObjectiveId, n => n.Text) };
        foreach (var (objectiveId, text) in input.Narratives)
        {
            var existing = draft.Narratives.FirstOrDefault(n => n.ObjectiveId == objectiveId);
            if (string.IsNullOrWhiteSpace(text))
            {
                if (existing is not null)
                {
                    draft.Narratives.Remove(existing);
                    db.Remove(existing);
                }
            }
            else if (existing is null)
            {
                draft.Narratives.Add(new ObjectiveNarrative { ObjectiveId = objectiveId, Text = text.Trim() });
            }
            else
            {
                existing.Text = text.Trim();
            }
        }
        draft.PccActivity = string.IsNullOrWhiteSpace(input.PccActivity) ? null : input.PccActivity.Trim();
        draft.UpdatedAt = clock.GetUtcNow();
        draft.UpdatedByName = actor.DisplayName;
        var after = new { draft.PccActivity, Narratives = draft.Narratives.ToDictionary(n => n.ObjectiveId, n => n.Text) };
        await audit.AppendAsync(db, actor, "PanelReportDraftSaved", "PanelReport", quarter.ToString(), before, after, ct);
        return FeatureResult<bool>.Ok(true);
    }

    internal async Task<FeatureResult<bool>> ApproveInAsync(GrantsDbContext db, FinancialQuarter quarter, Actor actor, CancellationToken ct)
    {
        var draft = await FindDraftAsync(db, quarter, ct, tracking: true);
        if (draft is null)
        {
            return FeatureResult<bool>.Fail(new ReportStateRefused(ReportStep.ApproveWithoutDraft));
        }
        if (draft.Status == PanelReportStatus.Approved)
        {
            return FeatureResult<bool>.Fail(new ReportStateRefused(ReportStep.ApproveAgain));
        }
        var plan = await PanelReportBuilder.PlanInForceAsync(db, quarter, ct);
        var missing = (await PanelReportBuilder.MeasuresAsync(db, plan!.Id, quarter, ct)).Where(m => m.Rag is null).ToList();
        if (missing.Count > 0)
        {
            return FeatureResult<bool>.Fail(new MeasuresWithoutRag(missing.Count, quarter.ToString(), missing[0].Title, missing[0].ObjectiveNumber));
        }
        draft.Status = PanelReportStatus.Approved;
        draft.ApprovedAt = clock.GetUtcNow();
        draft.ApprovedByName = actor.DisplayName;
        await audit.AppendAsync(db, actor, "PanelReportApproved", "PanelReport", quarter.ToString(), null, new { draft.ApprovedByName }, ct);
        return FeatureResult<bool>.Ok(true);
    }

    internal async Task<FeatureResult<int>> PublishInAsync(GrantsDbContext db, FinancialQuarter quarter, string? correctionNote, Actor actor, CancellationToken ct)
    {
        var draft = await FindDraftAsync(db, quarter, ct);
        if (draft is not { Status: PanelReportStatus.Approved })
        {
            return FeatureResult<int>.Fail(new ReportStateRefused(ReportStep.Publish));
        }
        var versions = db.Set<PublishedPanelReport>().Where(r => r.FinancialYearStart == quarter.Year.StartYear && r.Quarter == quarter.Number);
        var version = (await versions.MaxAsync(r => (int?)r.Version, ct) ?? 0) + 1;
        if (version > 1 && string.IsNullOrWhiteSpace(correctionNote))
        {
            return FeatureResult<int>.Fail(new ReasonNeeded("Say what this version corrects: the earlier version stays published.", "correctionNote"));
        }
        if (correctionNote?.Trim().Length > PanelReportRules.MaxTextLength)
        {
            return FeatureResult<int>.Fail(new ReasonNeeded($"The correction note must be {PanelReportRules.MaxTextLength:N0} characters or fewer.", "correctionNote"));
        }
        var content = (await builder.BuildAsync(db, quarter, ct))!;
        var document = PanelReportDocument.Write(content);
        var row = new PublishedPanelReport
        {
            FinancialYearStart = quarter.Year.StartYear, Quarter = quarter.Number, Version = version, PublishedAt = clock.GetUtcNow(),
            PublishedByName = actor.DisplayName, CorrectionNote = string.IsNullOrWhiteSpace(correctionNote) ? null : correctionNote.Trim(),
            Document = document, ContentHash = Convert.ToHexStringLower(SHA256.HashData(document)),
            ContentJson = JsonSerializer.Serialize(content, Json),
        };
        db.Add(row);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, "PanelReportPublished", "PanelReport", quarter.ToString(), null,
            new { row.Id, row.Version, row.ContentHash, row.CorrectionNote }, ct);
        return FeatureResult<int>.Ok(row.Id);
    }

    /// <summary>Runs a change in one transaction (with its audit row), after checking the actor's role; nothing is saved on failure.</summary>
    private async Task<FeatureResult<T>> WriteAsync<T>(Actor actor, IReadOnlyList<string> roles, string what,
        Func<GrantsDbContext, Task<FeatureResult<T>>> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!PanelReportRules.May(actor, roles))
        {
            return FeatureResult<T>.Fail(new NotAllowed(what));
        }
        return await factory.InTransactionAsync(change, ct);
    }

    private static Task<PanelReportDraft?> FindDraftAsync(GrantsDbContext db, FinancialQuarter quarter, CancellationToken ct, bool tracking = false)
    {
        var drafts = db.Set<PanelReportDraft>().Include(d => d.Narratives);
        return (tracking ? drafts : drafts.AsNoTracking())
            .FirstOrDefaultAsync(d => d.FinancialYearStart == quarter.Year.StartYear && d.Quarter == quarter.Number, ct);
    }

    private static async Task<IReadOnlyList<PublishedReportSummary>> PublishedOfAsync(GrantsDbContext db, FinancialQuarter quarter, CancellationToken ct)
    {
        var rows = await Summaries(db.Set<PublishedPanelReport>()
            .Where(r => r.FinancialYearStart == quarter.Year.StartYear && r.Quarter == quarter.Number)).ToListAsync(ct);
        return rows.Select(ToSummary).OrderByDescending(r => r.Version).ToList();
    }

    private sealed record SummaryRow(int Id, int Year, int Quarter, int Version, DateTimeOffset PublishedAt, string PublishedByName, string ContentHash, string? CorrectionNote);

    private static IQueryable<SummaryRow> Summaries(IQueryable<PublishedPanelReport> reports) =>
        reports.AsNoTracking().Select(r => new SummaryRow(r.Id, r.FinancialYearStart, r.Quarter, r.Version, r.PublishedAt, r.PublishedByName, r.ContentHash, r.CorrectionNote));

    private static PublishedReportSummary ToSummary(SummaryRow r) =>
        new(r.Id, new FinancialQuarter(new FinancialYear(r.Year), r.Quarter), r.Version, r.PublishedAt, r.PublishedByName, r.ContentHash, r.CorrectionNote);
}
