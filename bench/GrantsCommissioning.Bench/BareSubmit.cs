using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;

namespace GrantsCommissioning.Bench;

/// <summary>
/// B3's second baseline, the web floor: the least any web app can do for one submission on this machine. A minimal
/// ASP.NET Core app (<c>WebApplication.CreateSlimBuilder</c>, Kestrel on 127.0.0.1) answers the same three requests at
/// the same paths as the app, for the same clients: GET the review page (one SELECT by application, then the app's own
/// review page, captured once, with a new idempotency key), POST the form (one durable single-row insert, unique on the
/// application and on the key, so a double click or a retry inserts nothing more; then the same redirect), GET the
/// receipt (one SELECT, then the app's receipt page with this row's reference). No sign-in, antiforgery, rendering,
/// workflow, journal or outbox. Its database has the baseline's durability (SQLite: WAL, synchronous=FULL, set once per
/// physical connection as the app does; PostgreSQL: synchronous_commit on).
/// </summary>
internal sealed class BareSubmit : IAsyncDisposable
{
    private static readonly ConditionalWeakTable<object, object> SetUp = new();

    private readonly BenchStore store;
    private readonly string folder;
    private readonly string database;
    private readonly WebApplication web;

    private BareSubmit(BenchStore store, string folder, string database, WebApplication web)
    {
        this.store = store;
        this.folder = folder;
        this.database = database;
        this.web = web;
    }

    public Uri Address => web.Address();

    /// <summary>
    /// Starts the floor with the app's review page (holding its submit form's idempotency key) and a receipt page
    /// (holding its reference), both as the app served them.
    /// </summary>
    public static async Task<BareSubmit> StartAsync(BenchStore store, string reviewHtml, string receiptHtml)
    {
        ArgumentNullException.ThrowIfNull(store);
        var (reviewBefore, reviewAfter) = Split(reviewHtml, Browser.IdempotencyKey(reviewHtml), "review page's idempotency key");
        var (receiptBefore, receiptAfter) = Split(receiptHtml, Browser.ReceiptReference(receiptHtml), "receipt page's reference");

        var folder = Path.Combine(Path.GetTempPath(), "gc-bench-floor-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = await store.CreateAsync(folder, "floor");
        await using (var setup = await store.OpenAsync(database))
        {
            await BenchStore.ExecuteAsync(setup, store.WriterSetup
                + $"CREATE TABLE \"Submissions\" (\"Id\" {store.IdentityColumn}, \"ApplicationId\" INTEGER NOT NULL UNIQUE, "
                + "\"IdempotencyKey\" TEXT NOT NULL UNIQUE, \"Reference\" TEXT NOT NULL, \"SubmittedAt\" BIGINT NOT NULL);");
        }

        var web = BareWeb.Create();
        var floor = new BareSubmit(store, folder, database, web);
        web.MapGet("/applicant/applications/{id:int}/review", async (HttpContext context, int id) =>
        {
            await floor.ReferenceAsync(id);
            await WriteAsync(context, reviewBefore, Guid.NewGuid().ToString("N"), reviewAfter);
        });
        web.MapPost("/applicant/applications/{id:int}/review", async (HttpContext context, int id) =>
        {
            var form = await context.Request.ReadFormAsync();
            await floor.InsertAsync(id, form["IdempotencyKey"].ToString());
            context.Response.Redirect($"/applicant/applications/{id}/receipt");
        });
        web.MapGet("/applicant/applications/{id:int}/receipt", async (HttpContext context, int id) =>
        {
            if (await floor.ReferenceAsync(id) is not { } reference)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await WriteAsync(context, receiptBefore, reference, receiptAfter);
        });
        await web.StartAsync();
        return floor;
    }

    /// <summary>Rows in the floor's table and its integrity check, for the run's verification.</summary>
    public async Task<(int Rows, string IntegrityCheck)> CheckAsync()
    {
        await using var connection = await store.OpenAsync(database);
        await using var count = BenchStore.Command(connection, "SELECT COUNT(*) FROM \"Submissions\";");
        var rows = Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        return (rows, await store.IntegrityCheckAsync(database));
    }

    private async Task<string?> ReferenceAsync(int applicationId)
    {
        await using var connection = await store.OpenAsync(database);
        await using var select = BenchStore.Command(connection, "SELECT \"Reference\" FROM \"Submissions\" WHERE \"ApplicationId\" = @id;", ("id", applicationId));
        return await select.ExecuteScalarAsync() as string;
    }

    private async Task InsertAsync(int applicationId, string key)
    {
        await using var connection = await store.OpenAsync(database);
        // The pragmas belong to the physical connection, which the pool keeps: set once, as the app's interceptor does.
        if (store.WriterSetup.Length > 0 && (connection is not SqliteConnection { Handle: { } handle } || SetUp.TryAdd(handle, handle)))
        {
            await BenchStore.ExecuteAsync(connection, store.WriterSetup);
        }
        await BenchStore.ExecuteAsync(connection, store.Begin);
        await BenchStore.ExecuteAsync(connection,
            "INSERT INTO \"Submissions\" (\"ApplicationId\", \"IdempotencyKey\", \"Reference\", \"SubmittedAt\") VALUES (@id, @key, @reference, @at) ON CONFLICT DO NOTHING;",
            ("id", applicationId), ("key", key), ("reference", "FLOOR-" + applicationId.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)),
            ("at", DateTimeOffset.UtcNow.UtcTicks));
        await BenchStore.ExecuteAsync(connection, "COMMIT;");
    }

    private static (string Before, string After) Split(string html, string? value, string what)
    {
        var at = value is null ? -1 : html.IndexOf(value, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"The web floor needs the {what}, and the captured page has none.");
        }
        return (html[..at], html[(at + value!.Length)..]);
    }

    private static async Task WriteAsync(HttpContext context, string before, string value, string after)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(before);
        await context.Response.WriteAsync(value);
        await context.Response.WriteAsync(after);
    }

    public async ValueTask DisposeAsync()
    {
        await web.StopAsync();
        await web.DisposeAsync();
        await store.DropAsync(database);
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean with the temp folder.
        }
    }
}
