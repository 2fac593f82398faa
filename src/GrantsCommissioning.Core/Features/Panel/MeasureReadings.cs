using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Panel;

/// <summary>One success measure's position in one quarter.</summary>
public sealed record MeasurePoint(FinancialQuarter Quarter, string? PeriodTarget, string? Actual, DirectionOfTravel Direction, Rag Rag, string? Comment);

/// <summary>A measure with its readings, oldest quarter first.</summary>
public sealed record MeasureHistory(int MeasureId, int ObjectiveNumber, string Title, bool IsHeadline, string TargetText, IReadOnlyList<MeasurePoint> Points);

/// <summary>A measure and its reading for one quarter (null when none is recorded), for the officers' list.</summary>
public sealed record MeasureQuarterRow(int MeasureId, int ObjectiveNumber, string Title, bool IsHeadline, MeasurePoint? Reading);

/// <summary>
/// Success measures over time: each measure's reading per quarter (actual, direction of travel, RAG, commentary),
/// imported a quarter at a time from CSV or XLSX. An import with any bad row imports nothing and names every bad row.
/// </summary>
public sealed class MeasureReadings(IDbContextFactory<GrantsDbContext> factory, AuditTrail audit)
{
    public static readonly IReadOnlyList<string> Columns = ["objective", "measure", "period target", "actual", "direction", "rag", "commentary"];

    public async Task<IReadOnlyList<MeasureQuarterRow>> ForQuarterAsync(FinancialQuarter quarter, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var plan = await PanelReportBuilder.PlanInForceAsync(db, quarter, ct);
            if (plan is null)
            {
                return [];
            }
            var rows = await db.Measures.AsNoTracking().Where(m => m.Objective!.PlanId == plan.Id)
                .OrderBy(m => m.Objective!.Number).ThenBy(m => m.Order).ThenBy(m => m.Id)
                .Select(m => new
                {
                    m.Id, ObjectiveNumber = m.Objective!.Number, m.Title, m.IsHeadline,
                    Reading = m.Readings.FirstOrDefault(r => r.FinancialYearStart == quarter.Year.StartYear && r.Quarter == quarter.Number),
                })
                .ToListAsync(ct);
            return rows.Select(r => new MeasureQuarterRow(r.Id, r.ObjectiveNumber, r.Title, r.IsHeadline, r.Reading is null ? null : Point(r.Reading))).ToList();
        }
    }

    public async Task<MeasureHistory?> HistoryAsync(int measureId, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var m = await db.Measures.AsNoTracking().Include(x => x.Objective).Include(x => x.Readings).FirstOrDefaultAsync(x => x.Id == measureId, ct);
            return m is null
                ? null
                : new MeasureHistory(m.Id, m.Objective!.Number, m.Title, m.IsHeadline, m.TargetText,
                    m.Readings.Select(Point).OrderBy(p => p.Quarter).ToList());
        }
    }

    /// <summary>Imports a quarter's readings from CSV text (see <see cref="ImportAsync(FinancialQuarter, string, byte[], Actor, CancellationToken)"/>).</summary>
    public Task<FeatureResult<int>> ImportCsvAsync(FinancialQuarter quarter, string csv, Actor actor, CancellationToken ct = default) =>
        ImportAsync(quarter, CsvText.Read(csv ?? ""), actor, ct);

    /// <summary>
    /// Imports a quarter's readings from an uploaded CSV file or XLSX workbook (its first sheet) with the header row
    /// <see cref="Columns"/>. A measure is named by its objective number and title (in the plan in force in the quarter).
    /// Every row is checked first; if any is bad, nothing is imported and the errors name the rows ("row 3: …"). A reading
    /// already recorded for the quarter is replaced.
    /// </summary>
    public Task<FeatureResult<int>> ImportAsync(FinancialQuarter quarter, string fileName, byte[] content, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var records = Funds.TableFile.Read(fileName, content);
        // A workbook leaves out a row's empty cells at its end (a blank commentary), which a CSV row writes as empty fields.
        var padded = records is not null && Funds.TableFile.IsXlsx(fileName, content)
            ? records.Select(r => r.Count is > 0 && r.Count < Columns.Count ? [.. r, .. Enumerable.Repeat("", Columns.Count - r.Count)] : r).ToList()
            : records;
        return ImportAsync(quarter, padded, actor, ct);
    }

    private async Task<FeatureResult<int>> ImportAsync(FinancialQuarter quarter, List<List<string>>? records, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!PanelReportRules.May(actor, PanelReportRules.Writers))
        {
            return FeatureResult<int>.Fail(new NotAllowed("import success-measure readings"));
        }
        if (records is null)
        {
            return FeatureResult<int>.Fail(new ImportRowsRefused(["The file is not a CSV file or an XLSX workbook that can be read."]));
        }
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var plan = await PanelReportBuilder.PlanInForceAsync(db, quarter, ct);
            if (plan is null)
            {
                return FeatureResult<int>.Fail(new NoPlanInForce(quarter.ToString(), "it has no success measures", "file"));
            }
            var measures = await db.Measures.Where(m => m.Objective!.PlanId == plan.Id)
                .Select(m => new { m.Id, Number = m.Objective!.Number, m.Title }).ToListAsync(ct);
            var byKey = measures.GroupBy(m => (m.Number, Key(m.Title))).ToDictionary(g => g.Key, g => g.First().Id);
            var (rows, errors) = Parse(records, byKey);
            if (errors.Count > 0)
            {
                return FeatureResult<int>.Fail(new ImportRowsRefused(errors));
            }
            var tx = await db.Database.BeginTransactionAsync(ct);
            await using (tx)
            {
                var ids = rows.Select(r => r.MeasureId).ToList();
                var existing = await db.MeasureReadings
                    .Where(r => ids.Contains(r.MeasureId) && r.FinancialYearStart == quarter.Year.StartYear && r.Quarter == quarter.Number)
                    .ToDictionaryAsync(r => r.MeasureId, ct);
                foreach (var row in rows)
                {
                    if (!existing.TryGetValue(row.MeasureId, out var reading))
                    {
                        reading = new MeasureReading { MeasureId = row.MeasureId, FinancialYearStart = quarter.Year.StartYear, Quarter = quarter.Number };
                        db.MeasureReadings.Add(reading);
                    }
                    (reading.PeriodTarget, reading.Actual, reading.Direction, reading.Rag, reading.Comment) =
                        (row.PeriodTarget, row.Actual, row.Direction, row.Rag, row.Comment);
                }
                await audit.AppendAsync(db, actor, "MeasureReadingsImported", "MeasureReadings", quarter.ToString(), null, new { rows = rows.Count }, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            return FeatureResult<int>.Ok(rows.Count);
        }
    }

    private sealed record ParsedRow(int MeasureId, string? PeriodTarget, string? Actual, DirectionOfTravel Direction, Rag Rag, string? Comment);

    private static (List<ParsedRow> Rows, List<string> Errors) Parse(List<List<string>> records, Dictionary<(int, string), int> measures)
    {
        var rows = new List<ParsedRow>();
        var errors = new List<string>();
        if (records.Count == 0 || !records[0].Select(h => h.Trim().ToLowerInvariant()).SequenceEqual(Columns))
        {
            errors.Add($"The first row must be the column titles: {string.Join(", ", Columns)}.");
            return (rows, errors);
        }
        var seen = new HashSet<int>();
        for (var i = 1; i < records.Count; i++)
        {
            var f = records[i];
            var n = i + 1;
            if (f.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (f.Count != Columns.Count)
            {
                errors.Add($"Row {n}: has {f.Count} columns, not {Columns.Count}.");
                continue;
            }
            if (!int.TryParse(f[0].Trim(), out var objective) || !measures.TryGetValue((objective, Key(f[1])), out var id))
            {
                errors.Add($"Row {n}: objective {f[0].Trim()} has no success measure \"{f[1].Trim()}\".");
                continue;
            }
            if (!seen.Add(id))
            {
                errors.Add($"Row {n}: \"{f[1].Trim()}\" appears more than once.");
                continue;
            }
            if (!TryRag(f[5], out var rag))
            {
                errors.Add($"Row {n}: RAG must be Green, Amber, Red or Not rated (G, A, R or -), not \"{f[5].Trim()}\".");
                continue;
            }
            if (!TryDirection(f[4], out var direction))
            {
                errors.Add($"Row {n}: direction must be Improving, Stable, Worsening or blank, not \"{f[4].Trim()}\".");
                continue;
            }
            if (f.Any(v => v.Trim().Length > PanelReportRules.MaxTextLength))
            {
                errors.Add($"Row {n}: a value is longer than {PanelReportRules.MaxTextLength:N0} characters.");
                continue;
            }
            rows.Add(new ParsedRow(id, Blank(f[2]), Blank(f[3]), direction, rag, Blank(f[6])));
        }
        if (errors.Count == 0 && rows.Count == 0)
        {
            errors.Add("The file has no readings below the column titles.");
        }
        return (rows, errors);
    }

    private static string Key(string title) => string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    private static string? Blank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static bool TryRag(string text, out Rag rag)
    {
        rag = text.Trim().ToUpperInvariant() switch
        {
            "G" or "GREEN" => Rag.Green,
            "A" or "AMBER" => Rag.Amber,
            "R" or "RED" => Rag.Red,
            "-" or "–" or "NOT RATED" or "NOTRATED" => Rag.NotRated,
            _ => (Rag)(-1),
        };
        return Enum.IsDefined(rag);
    }

    private static bool TryDirection(string text, out DirectionOfTravel direction)
    {
        direction = text.Trim().ToUpperInvariant() switch
        {
            "" => DirectionOfTravel.NotStated,
            "IMPROVING" or "UP" or "↑" => DirectionOfTravel.Improving,
            "STABLE" or "SAME" or "→" => DirectionOfTravel.Stable,
            "WORSENING" or "DOWN" or "↓" => DirectionOfTravel.Worsening,
            _ => (DirectionOfTravel)(-1),
        };
        return Enum.IsDefined(direction);
    }

    private static MeasurePoint Point(MeasureReading r) => new(r.Period, r.PeriodTarget, r.Actual, r.Direction, r.Rag, r.Comment);
}
