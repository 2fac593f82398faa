using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Email;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Assessments;

/// <summary>The assessment feature's writes: one transaction (BEGIN IMMEDIATE on SQLite, so two officers queue) around the rows, audit and emails.</summary>
internal static class AssessmentWrites
{
    public static Task<FeatureResult<T>> WriteAsync<T>(IDbContextFactory<GrantsDbContext> factory, Func<GrantsDbContext, Task<FeatureResult<T>>> change,
        Func<FeatureResult<T>> onRace, CancellationToken ct) =>
        factory.InTransactionAsync(change, ct, onRace);

    /// <summary>Emails every grants officer (a recusal or a returned assignment: someone must reassign).</summary>
    public static async Task TellOfficersAsync(GrantsDbContext db, IOutbox outbox, string template, IReadOnlyDictionary<string, string> values, string dedupeKey,
        CancellationToken ct)
    {
        var officers = await (
            from ur in db.UserRoles
            join r in db.Roles on ur.RoleId equals r.Id
            join u in db.Users on ur.UserId equals u.Id
            where r.Name == Roles.GrantsOfficer && !u.IsDisabled && u.Email != null
            select new { u.Email, u.DisplayName }).ToListAsync(ct);
        foreach (var o in officers)
        {
            var personal = new Dictionary<string, string>(values) { ["RecipientName"] = o.DisplayName ?? o.Email! };
            outbox.Enqueue(db, template, o.Email!, o.DisplayName, personal, $"{dedupeKey}:{o.Email}");
        }
    }
}
