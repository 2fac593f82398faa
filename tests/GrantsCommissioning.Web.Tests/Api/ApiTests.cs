using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Api;
using GrantsCommissioning.Core.Features.PaymentRuns;
using GrantsCommissioning.Core.Features.Transparency;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Api;

/// <summary>The REST API against the real app and database: public reads, token reads, the status import, refusals with no data, problem details, audit.</summary>
[Collection(ApiSiteCollection.Name)]
public class ApiTests(ApiSite site)
{
    private static Uri U(string path) => new(path, UriKind.Relative);

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    [Fact]
    public async Task OpenRounds_NeedNoToken_AndArePaged()
    {
        using var client = site.ApiClient();

        var all = await JsonAsync(await client.GetAsync(U("/api/v1/rounds")));
        var first = await JsonAsync(await client.GetAsync(U("/api/v1/rounds?page=1&pageSize=1")));
        var second = await JsonAsync(await client.GetAsync(U("/api/v1/rounds?page=2&pageSize=1")));

        var total = (int)all["total"]!;
        Assert.True(total >= 2, $"the demo has two open rounds; the API says {total}");
        Assert.Equal(total, all["items"]!.AsArray().Count);
        Assert.Equal(total, (int)first["total"]!);
        Assert.Single(first["items"]!.AsArray());
        Assert.Equal(2, (int)second["page"]!);
        Assert.NotEqual((string?)first["items"]![0]!["reference"], (string?)second["items"]![0]!["reference"]);
    }

    [Fact]
    public async Task PublishedGrants_AreThe360GivingGrants_WithSensitiveRecipientsWithheld()
    {
        using var client = site.ApiClient();
        var package = JsonNode.Parse(await client.GetStringAsync(U("/transparency/360giving.json")))!["grants"]!.AsArray();
        var fromFile = package.ToDictionary(g => (string)g!["id"]!, g => (string)g!["recipientOrganization"]![0]!["name"]!);

        var fromApi = new Dictionary<string, string>();
        var raw = new StringBuilder();
        for (var page = 1; ; page++)
        {
            var response = await client.GetAsync(U($"/api/v1/grants?page={page}&pageSize=40"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            raw.Append(body);
            var json = JsonNode.Parse(body)!;
            Assert.Equal(fromFile.Count, (int)json["total"]!);
            var items = json["items"]!.AsArray();
            foreach (var g in items)
            {
                fromApi.Add((string)g!["id"]!, (string)g["recipient"]!["name"]!);
            }
            if (items.Count < 40)
            {
                break;
            }
        }
        var sensitive = await site.DbAsync(db => db.Set<SensitiveRecipient>().Join(db.Organisations, s => s.OrganisationId, o => o.Id, (_, o) => o.Name).ToListAsync());

        Assert.Equal(fromFile, fromApi);
        Assert.NotEmpty(sensitive);
        Assert.All(sensitive, name => Assert.DoesNotContain(name, raw.ToString(), StringComparison.OrdinalIgnoreCase));
        Assert.Contains("\"withheld\":true", raw.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/awards", ApiScopes.AwardsRead)]
    [InlineData("/api/v1/payments", ApiScopes.PaymentsRead)]
    [InlineData("/api/v1/returns", ApiScopes.ReturnsRead)]
    public async Task TokenLists_AnswerWithTheirScope_PagedAndByFundOrRound(string path, string scope)
    {
        var (_, token) = await site.TokenAsync(scope);
        using var client = site.ApiClient(token);
        var (count, fundCode, fundCount, roundReference, roundCount) = await site.DbAsync(async db =>
        {
            var fund = await db.Funds.OrderBy(f => f.Id).Select(f => new { f.Id, f.Code }).FirstAsync(f => db.Awards.Any(a => a.FundId == f.Id && a.Returns.Count > 0));
            var round = await db.Rounds.Where(r => db.Awards.Any(a => a.Application!.RoundId == r.Id && a.Payments.Count > 0 && a.Returns.Count > 0))
                .OrderBy(r => r.Id).Select(r => new { r.Id, r.Reference }).FirstAsync();
            return path switch
            {
                "/api/v1/awards" => (await db.Awards.CountAsync(), fund.Code, await db.Awards.CountAsync(a => a.FundId == fund.Id), round.Reference,
                    await db.Awards.CountAsync(a => a.Application!.RoundId == round.Id)),
                "/api/v1/payments" => (await db.Payments.CountAsync(), fund.Code, await db.Payments.CountAsync(p => p.Award!.FundId == fund.Id), round.Reference,
                    await db.Payments.CountAsync(p => p.Award!.Application!.RoundId == round.Id)),
                _ => (await db.Returns.CountAsync(), fund.Code, await db.Returns.CountAsync(r => r.Award!.FundId == fund.Id), round.Reference,
                    await db.Returns.CountAsync(r => r.Award!.Application!.RoundId == round.Id)),
            };
        });

        var first = await JsonAsync(await client.GetAsync(U($"{path}?pageSize=7")));
        var last = await JsonAsync(await client.GetAsync(U($"{path}?pageSize=7&page={(count + 6) / 7}")));
        var byFund = await JsonAsync(await client.GetAsync(U($"{path}?fund={fundCode}&pageSize=200")));
        var byRound = await JsonAsync(await client.GetAsync(U($"{path}?round={roundReference}&pageSize=200")));

        Assert.Equal(count, (int)first["total"]!);
        Assert.Equal(7, first["items"]!.AsArray().Count);
        Assert.Equal(7, (int)first["pageSize"]!);
        Assert.Equal(count - ((count + 6) / 7 - 1) * 7, last["items"]!.AsArray().Count);
        Assert.Equal(fundCount, (int)byFund["total"]!);
        Assert.All(byFund["items"]!.AsArray(), i => Assert.Equal(fundCode, (string?)i!["fundCode"]));
        Assert.Equal(roundCount, (int)byRound["total"]!);
        Assert.All(byRound["items"]!.AsArray(), i => Assert.Equal(roundReference, (string?)i!["roundReference"]));
        Assert.True(roundCount > 0 && fundCount > 0);
    }

    public static TheoryData<string> TokenRoutes => new() { "/api/v1/awards", "/api/v1/payments", "/api/v1/returns" };

    [Theory]
    [MemberData(nameof(TokenRoutes))]
    public async Task NoToken_UnknownToken_ExpiredToken_RevokedToken_Are401_AndWrongScopeIs403_WithNoData(string path)
    {
        var tokens = site.Services.GetRequiredService<ApiTokens>();
        var (expiredId, expired) = await site.TokenAsync(ApiScopes.AwardsRead, ApiScopes.PaymentsRead, ApiScopes.ReturnsRead);
        await site.DbAsync(db => db.Set<ApiToken>().Where(t => t.Id == expiredId).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresOn, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2))));
        var (revokedId, revoked) = await site.TokenAsync(ApiScopes.AwardsRead, ApiScopes.PaymentsRead, ApiScopes.ReturnsRead);
        Assert.True((await tokens.RevokeAsync(revokedId, ApiSite.Admin)).Succeeded);
        var (_, wrongScope) = await site.TokenAsync(ApiScopes.PaymentStatusImport);
        var (_, good) = await site.TokenAsync(ApiScopes.AwardsRead, ApiScopes.PaymentsRead, ApiScopes.ReturnsRead);
        var forged = good[..^4] + (good.EndsWith("0000", StringComparison.Ordinal) ? "1111" : "0000");

        foreach (var (token, status, says) in new (string?, HttpStatusCode, string)[]
        {
            (null, HttpStatusCode.Unauthorized, "needs an API token"),
            ("not-a-token", HttpStatusCode.Unauthorized, "not recognised"),
            (forged, HttpStatusCode.Unauthorized, "not recognised"),
            (expired, HttpStatusCode.Unauthorized, "has expired"),
            (revoked, HttpStatusCode.Unauthorized, "has been revoked"),
            (wrongScope, HttpStatusCode.Forbidden, "needs the "),
        })
        {
            using var client = site.ApiClient(token);
            var response = await client.GetAsync(U(path));
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(body)!.AsObject();
            Assert.Equal((int)status, (int)problem["status"]!);
            Assert.Contains(says, (string?)problem["detail"], StringComparison.Ordinal);
            Assert.False(problem.ContainsKey("items"));
            Assert.DoesNotContain("AWD-", body, StringComparison.Ordinal);
            if (status == HttpStatusCode.Unauthorized)
            {
                Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            }
        }
        using var goodClient = site.ApiClient(good);
        Assert.Equal(HttpStatusCode.OK, (await goodClient.GetAsync(U(path))).StatusCode);
    }

    [Fact]
    public async Task Errors_AreProblemDetails_WithFieldErrorsFor400()
    {
        var (_, token) = await site.TokenAsync(ApiScopes.AwardsRead);
        using var client = site.ApiClient(token);

        var tooBig = await client.GetAsync(U($"/api/v1/awards?pageSize={ApiListQuery.MaxPageSize + 1}&page=0"));
        var notANumber = await client.GetAsync(U("/api/v1/rounds?page=abc"));
        var noRound = await client.GetAsync(U("/api/v1/awards?round=NO-SUCH-ROUND"));
        var noRoute = await client.GetAsync(U("/api/v1/no-such-thing"));

        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        var validation = await JsonAsync(tooBig);
        Assert.Equal(400, (int)validation["status"]!);
        Assert.NotNull(validation["title"]);
        Assert.Equal($"The page size must be from 1 to {ApiListQuery.MaxPageSize}.", (string?)validation["errors"]!["pageSize"]![0]);
        Assert.Equal("The page must be 1 or more.", (string?)validation["errors"]!["page"]![0]);
        foreach (var (response, status) in new[] { (notANumber, HttpStatusCode.BadRequest), (noRound, HttpStatusCode.NotFound), (noRoute, HttpStatusCode.NotFound) })
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await JsonAsync(response);
            Assert.Equal((int)status, (int)problem["status"]!);
            Assert.NotNull(problem["title"]);
            Assert.NotNull(problem["type"]);
        }
        Assert.Equal("That funding round was not found. No funding round has the reference NO-SUCH-ROUND.", (string?)(await JsonAsync(noRound))["detail"]);
    }

    [Fact]
    public async Task StatusImport_ThroughTheApi_ReconcilesAsTheUploadDoes()
    {
        var (_, token) = await site.TokenAsync(ApiScopes.PaymentStatusImport);
        var (_, readOnly) = await site.TokenAsync(ApiScopes.PaymentsRead);
        using var client = site.ApiClient(token);
        var paid = await site.DbAsync(db => db.Payments.Where(p => p.State == PaymentStates.Paid && p.FinanceReference != null && p.PaidOn != null
                && db.Set<PaymentRunItem>().Any(i => i.PaymentId == p.Id && db.Set<PaymentRun>().Any(r => r.Id == i.RunId && r.State == PaymentRunWorkflow.Exported)))
            .OrderBy(p => p.Id).Select(p => new { p.PaymentReference, p.FinanceReference, p.AmountPence, p.PaidOn }).FirstAsync());
        var csv = "Payment reference,Finance reference,Amount (GBP),Paid date\r\n"
            + $"{paid.PaymentReference},{paid.FinanceReference},{new Money(paid.AmountPence).Pounds:0.00},{paid.PaidOn:yyyy-MM-dd}\r\n"
            + "AWD-API-0000-P1,BACS-API-1,10.00,2026-01-05\r\n";
        static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

        using var readOnlyClient = site.ApiClient(readOnly);
        var refusedScope = await readOnlyClient.PostAsync(U("/api/v1/payments/status-imports?fileName=api.csv"), Csv(csv));
        var badRow = await client.PostAsync(U("/api/v1/payments/status-imports"), Csv("Payment reference,Finance reference,Amount (GBP),Paid date\r\nX,FIN,12.3.4,2026-01-05\r\n"));
        var imported = await client.PostAsync(U("/api/v1/payments/status-imports?fileName=api.csv"), Csv(csv));
        var again = await client.PostAsync(U("/api/v1/payments/status-imports?fileName=api-again.csv"), Csv(csv));

        Assert.Equal(HttpStatusCode.Forbidden, refusedScope.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRow.StatusCode);
        Assert.Equal("Row 2, column 'Amount (GBP)': '12.3.4' is not an amount in pounds such as 1250.00.", (string?)(await JsonAsync(badRow))["errors"]!["file"]![0]);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var outcome = await imported.Content.ReadFromJsonAsync<ApiImportOutcome>();
        Assert.Equal(new ApiImportOutcome(2, 1, 1), outcome);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.StartsWith("api.csv was already imported on ", (string?)(await JsonAsync(again))["detail"], StringComparison.Ordinal);
        var mismatches = await site.Services.GetRequiredService<PaymentStatusImporter>().MismatchesAsync();
        var unknown = Assert.Single(mismatches, m => m.PaymentReference == "AWD-API-0000-P1");
        Assert.Equal(ReconciliationIssue.UnknownReference, unknown.Issue);
        Assert.Equal("api.csv", unknown.FileName);
        var import = await site.DbAsync(db => db.Set<StatusImport>().SingleAsync(i => i.FileName == "api.csv"));
        Assert.StartsWith("API token", import.ImportedByName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryTokenUse_IsOneAuditRow_AndARefusalOfAKnownTokenToo()
    {
        var (id, token) = await site.TokenAsync(ApiScopes.AwardsRead);
        using var client = site.ApiClient(token);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Task<List<string>> RowsAsync() => site.DbAsync(db => db.AuditLog.Where(a => a.EntityType == ApiTokens.EntityType && a.EntityId == key)
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        var before = await RowsAsync();

        await client.GetAsync(U("/api/v1/awards"));
        await client.GetAsync(U("/api/v1/awards?page=2"));
        await client.GetAsync(U("/api/v1/payments"));

        var after = await RowsAsync();
        Assert.Equal(["Api.TokenCreated"], before);
        Assert.Equal(["Api.TokenCreated", ApiTokens.UsedAction, ApiTokens.UsedAction, ApiTokens.RefusedAction], after);
        var last = await site.DbAsync(db => db.AuditLog.Where(a => a.EntityType == ApiTokens.EntityType && a.EntityId == key).OrderByDescending(a => a.Id).FirstAsync());
        Assert.Contains("GET /api/v1/payments", last.After, StringComparison.Ordinal);
        Assert.StartsWith("API token", last.ActorName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDemoTokenRecords_HaveNoWorkingSecret()
    {
        var demo = await site.DbAsync(db => db.Set<ApiToken>().Where(t => t.IsDemo).ToListAsync());

        Assert.Equal(2, demo.Count);
        Assert.All(demo, t => Assert.Equal(ApiTokenDemoLoaderHash, t.SecretHash));
        Assert.Single(demo, t => t.RevokedAt is not null);
        using var client = site.ApiClient($"gc_{demo[0].Prefix}_{new string('0', 64)}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(U("/api/v1/payments"))).StatusCode);
    }

    private const string ApiTokenDemoLoaderHash = "demo-placeholder-no-secret-matches-this";
}
