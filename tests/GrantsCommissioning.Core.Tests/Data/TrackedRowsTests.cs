using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Data;

/// <summary>
/// A transition looks for the rows it added (its Start row, its journal sequence, each email's key, the audit chain's
/// head) without EF Core's change-detection scan of everything the context tracks; the save still finds every edit.
/// </summary>
public sealed class TrackedRowsTests : IAsyncLifetime
{
    private TestDatabase _test = null!;

    public async Task InitializeAsync() => _test = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _test.DisposeAsync();

    [Fact]
    public async Task TrackedAndAddedRows_FindRowsWithoutScanning_AndTheSaveStillWritesTheEditMadeBeforeThem()
    {
        var ct = CancellationToken.None;
        await using (var setup = _test.NewContext())
        {
            setup.Outbox.Add(Email("saved"));
            await setup.SaveChangesAsync(ct);
        }

        await using (var db = _test.NewContext())
        {
            var saved = await db.Outbox.SingleAsync(e => e.DedupeKey == "saved", ct);
            saved.Subject = "Edited";
            db.Outbox.Add(Email("added"));

            Assert.Equal(["added", "saved"], db.TrackedRows<OutboxEmail>().Select(e => e.DedupeKey).Order());
            Assert.Equal(["added"], db.AddedRows<OutboxEmail>().Select(e => e.DedupeKey));
            Assert.True(db.ChangeTracker.AutoDetectChangesEnabled);
            // Neither read compared the saved row with its snapshot, so EF has not seen the edit yet (asked without a scan).
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            Assert.Equal(EntityState.Unchanged, db.Entry(saved).State);
            db.ChangeTracker.AutoDetectChangesEnabled = true;

            await db.SaveChangesAsync(ct);
        }

        await using var check = _test.NewContext();
        var rows = await check.Outbox.OrderBy(e => e.DedupeKey).Select(e => new { e.DedupeKey, e.Subject }).ToListAsync(ct);
        Assert.Equal([("added", "Subject"), ("saved", "Edited")], rows.Select(r => (r.DedupeKey, r.Subject)));
    }

    private static OutboxEmail Email(string key) => new()
    {
        CreatedAt = TestDatabase.DefaultNow, ToAddress = "someone@example.org", Subject = "Subject", BodyText = "Body", Template = "t",
        MessageId = $"{key}@example.org", DedupeKey = key, NextAttemptAt = TestDatabase.DefaultNow,
    };
}
