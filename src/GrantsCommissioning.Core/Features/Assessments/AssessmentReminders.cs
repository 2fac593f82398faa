using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace GrantsCommissioning.Core.Features.Assessments;

/// <summary>
/// Reminders and overdue notices for open assignments, by email through the outbox: a reminder to the assessor
/// <see cref="ReminderDays"/> days before the due date, and once the due date has passed an overdue notice to the
/// assessor and the grants officers. Each is sent once (marked on the assignment, and the outbox's dedupe key), so
/// running it again, or on two nodes, sends nothing twice.
/// </summary>
public sealed class AssessmentReminders(IDbContextFactory<GrantsDbContext> factory, IOutbox outbox, TimeProvider clock)
{
    public const string ReminderTemplate = "assessment-reminder";
    public const string OverdueTemplate = "assessment-overdue";
    public const int ReminderDays = 3;

    /// <summary>Queues what is due now; returns how many assignments were reminded or reported overdue.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var today = UkTime.ToUkDate(clock.GetUtcNow());
        var remindFrom = today.AddDays(ReminderDays);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var open = await db.Assessments.Include(a => a.Application)
            .Where(a => a.ReturnedAt == null && a.HasConflict != true && a.CompletedAt == null && a.DueDate != null
                && ((a.RemindedAt == null && a.DueDate <= remindFrom && a.DueDate >= today) || (a.OverdueNoticeAt == null && a.DueDate < today)))
            .ToListAsync(ct);
        var ids = open.Select(a => a.AssessorUserId).Distinct().ToList();
        var emails = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        var now = clock.GetUtcNow();
        foreach (var a in open)
        {
            var values = new Dictionary<string, string>
            {
                ["Reference"] = a.Application!.ApplicationReference, ["Title"] = a.Application.ProjectTitle, ["AssessorName"] = a.AssessorName,
                ["DueDate"] = a.DueDate!.Value.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")), ["RecipientName"] = a.AssessorName,
            };
            var overdue = a.DueDate < today;
            if (emails.GetValueOrDefault(a.AssessorUserId) is { } email)
            {
                outbox.Enqueue(db, overdue ? OverdueTemplate : ReminderTemplate, email, a.AssessorName, values, $"{(overdue ? "assessment-overdue" : "assessment-reminder")}:{a.Id}");
            }
            if (overdue)
            {
                await AssessmentWrites.TellOfficersAsync(db, outbox, OverdueTemplate, values, $"assessment-overdue-officer:{a.Id}", ct);
                a.OverdueNoticeAt = now;
                a.RemindedAt ??= now;
            }
            else
            {
                a.RemindedAt = now;
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return open.Count;
    }
}

/// <summary>Runs <see cref="AssessmentReminders"/> at start-up and then every hour.</summary>
internal sealed class AssessmentReminderService(AssessmentReminders reminders) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await reminders.SendDueAsync(stoppingToken);
            }
            catch (DbUpdateException)
            {
                // Another node queued the same emails first (unique dedupe key): the next run finds nothing to do.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
