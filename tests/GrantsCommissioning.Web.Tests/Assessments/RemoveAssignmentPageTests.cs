using System.Globalization;
using GrantsCommissioning.Web.Tests.Applicants;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Assessments;

/// <summary>
/// An officer removes an assessor's open assignment from the round's assessment page: asked to confirm with a reason,
/// refused without one (nothing changes), then removed and audited. On its own demo site, as it changes the demo's
/// assignments (Tom Bennett's CGS-CY-0101, awaiting his answer).
/// </summary>
public sealed class RemoveAssignmentPageTests(GrantsWebFactory site) : IClassFixture<GrantsWebFactory>
{
    private const string Officer = "officer@demo.opcc-grants.example";

    [Fact]
    public async Task Officer_RemovesAnOpenAssignment_WithAReason_AfterBeingToldTheReasonIsNeeded()
    {
        var round = await site.IdAsync(db => db.Rounds.Where(r => r.Reference == "CGS-CURRENT").Select(r => r.Id));
        var assignment = await site.IdAsync(db => db.Assessments
            .Where(a => a.Application!.ApplicationReference == "CGS-CY-0101" && a.ReturnedAt == null && db.Users.Any(u => u.Id == a.AssessorUserId && u.Email == "assessor@demo.opcc-grants.example"))
            .Select(a => a.Id));
        var path = $"/staff/rounds/{round}/assessment";
        var id = assignment.ToString(CultureInfo.InvariantCulture);
        using var officer = await site.SignedInClientAsync(Officer);

        var listed = await officer.HtmlAsync($"{path}?sort=Reference&page=1");
        var confirm = await officer.HtmlAsync($"{path}?remove={id}");
        var unknown = await officer.HtmlAsync($"{path}?remove=987654");
        var noReason = await (await officer.PostFormAsync(path, "remove-assignment", ("Removal.AssessmentId", id), ("Removal.Reason", " "))).BodyAsync();
        var stillOpen = await ReturnedAtAsync(assignment);
        var removed = await (await officer.PostFormAsync(path, "remove-assignment", ("Removal.AssessmentId", id),
            ("Removal.Reason", "Tom is on leave until after the panel meets."))).BodyAsync();

        Assert.Contains($"remove={id}#confirm-remove", listed, StringComparison.Ordinal);
        Assert.Contains("Remove Tom Bennett from CGS-CY-0101?", confirm, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"confirm-remove\"", unknown, StringComparison.Ordinal);
        Assert.Contains("Give the reason for removing the assignment", noReason, StringComparison.Ordinal);
        Assert.Null(stillOpen);
        Assert.Contains("The assignment has been removed.", removed, StringComparison.Ordinal);
        Assert.DoesNotContain($"remove={id}#confirm-remove", removed, StringComparison.Ordinal);
        Assert.NotNull(await ReturnedAtAsync(assignment));
        await using var db = await Db();
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "Assignment.Removed" && a.EntityId == id));
    }

    private async Task<DateTimeOffset?> ReturnedAtAsync(int assignment)
    {
        await using var db = await Db();
        return await db.Assessments.Where(a => a.Id == assignment).Select(a => a.ReturnedAt).SingleAsync();
    }

    private Task<GrantsCommissioning.Core.Data.GrantsDbContext> Db() =>
        site.Services.GetRequiredService<IDbContextFactory<GrantsCommissioning.Core.Data.GrantsDbContext>>().CreateDbContextAsync();
}
