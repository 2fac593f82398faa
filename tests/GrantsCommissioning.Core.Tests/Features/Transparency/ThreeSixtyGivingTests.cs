using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Features.Transparency;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;
using NJsonSchema;

namespace GrantsCommissioning.Core.Tests.Features.Transparency;

/// <summary>The 360Giving files: valid against the standard's 1.4.3 schema, in its spreadsheet layout, checked and redacted.</summary>
public class ThreeSixtyGivingTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private const string Refuge = "Leominster Women's Refuge";

    private static async Task<TestDatabase> DemoAsync()
    {
        var test = await TestDatabase.CreateAsync(Today);
        var seeds = test.Get<SeedLoader>();
        await seeds.LoadReferenceDataAsync();
        await seeds.LoadDemoDataAsync();
        return test;
    }

    /// <summary>The package schema with its grant reference pointed at the grant schema file beside it.</summary>
    internal static async Task<JsonSchema> PackageSchemaAsync()
    {
        var folder = StandardFolder();
        var json = (await File.ReadAllTextAsync(Path.Combine(folder, "360-giving-package-schema.json")))
            .Replace("https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json", "360-giving-schema.json", StringComparison.Ordinal);
        return await JsonSchema.FromJsonAsync(json, Path.Combine(folder, "360-giving-package-schema.json"));
    }

    private static string StandardFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "standards", "360giving");
            if (File.Exists(Path.Combine(candidate, "360-giving-package-schema.json")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("shared/standards/360giving was not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public async Task DemoPackage_IsValidAgainstTheSchema_WithEveryGrantPrefixedClassifiedAndOrgIds()
    {
        await using var test = await DemoAsync();
        var giving = test.Get<ThreeSixtyGiving>();

        var json = Encoding.UTF8.GetString(await giving.JsonAsync());
        var errors = (await PackageSchemaAsync()).Validate(json);

        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10).Select(e => $"{e.Path}: {e.Kind}")));
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var grants = doc.RootElement.GetProperty("grants").EnumerateArray().ToList();
        await using var db = test.NewContext();
        Assert.Equal(await db.Awards.CountAsync(a => !a.IsCommissionedContract), grants.Count);
        Assert.All(grants, g => Assert.StartsWith("360G-opccwm-", g.GetProperty("id").GetString(), StringComparison.Ordinal));
        var first = grants.Single(g => g.GetProperty("id").GetString() == "360G-opccwm-AWD-2013-0001");
        Assert.Equal(172500m, first.GetProperty("amountAwarded").GetDecimal());
        Assert.Equal("2013-04-08T00:00:00Z", first.GetProperty("awardDate").GetString());
        Assert.Equal("Police and Crime Plan objective", first.GetProperty("classifications")[0].GetProperty("vocabulary").GetString());
        var orgIds = grants.Select(g => g.GetProperty("recipientOrganization")[0].GetProperty("id").GetString()!).ToList();
        Assert.Contains(orgIds, id => id.StartsWith("GB-CHC-", StringComparison.Ordinal));
        Assert.Contains(orgIds, id => id.StartsWith("GB-COH-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CsvAndXlsx_UseTheStandardsColumnTitles_AndHoldTheSameValues()
    {
        await using var test = await DemoAsync();
        var table = await test.Get<ThreeSixtyGiving>().TableAsync();

        var csv = Encoding.UTF8.GetString(TableFile.Csv(table));
        var xlsx = ReadXlsx(TableFile.Xlsx(table));

        Assert.StartsWith("Identifier,Title,Description,Currency,Amount Awarded,Amount Disbursed,Award Date,Planned Dates:Start Date,Planned Dates:End Date,"
            + "Recipient Org:Identifier,Recipient Org:Name,Recipient Org:Charity Number,Recipient Org:Company Number,Recipient Org:City,"
            + "Beneficiary Location:Name,Beneficiary Location:Geographic Code,Beneficiary Location:Geographic Code Type,Funding Org:Identifier,Funding Org:Name,"
            + "Grant Programme:Code,Grant Programme:Title,From An Open Call?,Classifications:0:Vocabulary,Classifications:0:Code,Classifications:0:Title,", csv, StringComparison.Ordinal);
        Assert.Equal(table.Headers, xlsx[0]);
        Assert.Equal(table.Rows.Count + 1, xlsx.Count);
        var row = table.Rows.Select(r => r.Select(TableFile.Text).ToList()).Single(r => r[0] == "360G-opccwm-AWD-2013-0001");
        Assert.Equal(row, xlsx.Single(r => r[0] == "360G-opccwm-AWD-2013-0001").Take(row.Count));
        Assert.Equal("172500", row[4]);
        Assert.Equal("2013-04-08", row[6]);
    }

    [Fact]
    public async Task SensitiveRecipient_IsWithheldFromEveryPublicOutput_AndItsGrantStillCounted()
    {
        await using var test = await DemoAsync();
        var registers = test.Get<PublicRegisters>();
        var giving = test.Get<ThreeSixtyGiving>();

        var grants = await registers.AllGrantsAsync();
        var payments = await registers.AllPaymentsAsync();
        var json = Encoding.UTF8.GetString(await giving.JsonAsync());
        var table = await giving.TableAsync();
        var csv = Encoding.UTF8.GetString(TableFile.Csv(table));
        var xlsx = string.Join("\n", ReadXlsx(TableFile.Xlsx(table)).SelectMany(r => r));
        var search = await registers.GrantsAsync(new RegisterFilter(Search: "Leominster Women"), 1);

        foreach (var output in new[] { json, csv, xlsx, string.Join("\n", grants.Select(g => g.ToString())), string.Join("\n", payments.Select(p => p.ToString())) })
        {
            Assert.DoesNotContain("Women's Refuge", output, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("1150148", output, StringComparison.Ordinal);
        }
        Assert.Empty(search.Rows);
        var withheld = grants.Where(g => g.RecipientWithheld).ToList();
        Assert.NotEmpty(withheld);
        Assert.All(withheld, g => Assert.Equal((PublicRegisters.WithheldRecipient, (string?)null, (PublicLocation?)null), (g.Recipient, g.RecipientOrgId, g.Location)));
        Assert.Contains("360G-opccwm-withheld-", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkingARecipient_RedactsItAtOnce_IsAudited_AndOnlyOfficersMayDoIt()
    {
        await using var test = await DemoAsync();
        var recipients = test.Get<SensitiveRecipients>();
        var registers = test.Get<PublicRegisters>();
        await using var db = test.NewContext();
        var org = await db.Organisations.SingleAsync(o => o.Name == "Hereford Street Angels");
        Assert.Contains(await registers.AllGrantsAsync(), g => g.Recipient == org.Name);

        var byFinance = await recipients.MarkAsync(org.Id, "A reason", Actor.For("f", "Finance Person", Roles.Finance));
        var noReason = await recipients.MarkAsync(org.Id, "  ", Actor.For("o", "Priya Shah", Roles.GrantsOfficer));
        Assert.IsType<NotAllowed>(byFinance.Failure);
        Assert.Equal("Enter why this recipient must not be published, in at most 500 characters.", noReason.Errors["Reason"]);
        Assert.Contains(await registers.AllGrantsAsync(), g => g.Recipient == org.Name);

        var marked = await recipients.MarkAsync(org.Id, "Volunteers' safety", Actor.For("o", "Priya Shah", Roles.GrantsOfficer));
        var again = await recipients.MarkAsync(org.Id, "Again", Actor.For("o", "Priya Shah", Roles.GrantsOfficer));

        Assert.True(marked.Succeeded);
        Assert.Equal("Hereford Street Angels is already marked as sensitive.", again.Errors[""]);
        Assert.DoesNotContain(await registers.AllGrantsAsync(), g => g.Recipient == org.Name || g.Title.Contains("Hereford Street", StringComparison.Ordinal));
        Assert.DoesNotContain("Hereford Street Angels", Encoding.UTF8.GetString(await test.Get<ThreeSixtyGiving>().JsonAsync()), StringComparison.Ordinal);
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "RecipientMarkedSensitive" && a.EntityId == org.Id.ToString()));

        Assert.True((await recipients.UnmarkAsync(org.Id, Actor.For("o", "Priya Shah", Roles.GrantsOfficer))).Succeeded);
        Assert.Contains(await registers.AllGrantsAsync(), g => g.Recipient == org.Name);
    }

    [Fact]
    public async Task LocationOnlyMark_KeepsTheNameAndGrantsPublic_AndWithholdsTheLocationFromEveryOutput()
    {
        await using var test = await DemoAsync();
        var recipients = test.Get<SensitiveRecipients>();
        var registers = test.Get<PublicRegisters>();
        var giving = test.Get<ThreeSixtyGiving>();
        await using var db = test.NewContext();
        var org = await db.Organisations.SingleAsync(o => o.Name == "Hereford Street Angels");
        var officer = Actor.For("o", "Priya Shah", Roles.GrantsOfficer);
        Assert.Contains(await registers.AllGrantsAsync(), g => g.Recipient == org.Name && g.RecipientTown == "Hereford" && g.Location != null);

        var marked = await recipients.MarkAsync(org.Id, "The night shelter's address is private.", SensitiveScope.Location, officer);

        Assert.True(marked.Succeeded);
        Assert.Equal(SensitiveScope.Location, (await recipients.MarkedAsync()).Single(m => m.OrganisationId == org.Id).Scope);
        var audit = await db.AuditLog.SingleAsync(a => a.Action == "RecipientMarkedSensitive" && a.EntityId == org.Id.ToString());
        Assert.Contains("Location", audit.After ?? "", StringComparison.Ordinal);

        // Grants register (and the API that reads it): the name, org-id and charity number stay; town and area go.
        var grants = (await registers.AllGrantsAsync()).Where(g => g.Recipient == org.Name).ToList();
        Assert.NotEmpty(grants);
        Assert.All(grants, g => Assert.Equal((false, "GB-CHC-1150074", "1150074", (string?)null, (PublicLocation?)null),
            (g.RecipientWithheld, g.RecipientOrgId, g.CharityNumber, g.RecipientTown, g.Location)));
        Assert.All(grants, g => Assert.DoesNotContain("HR1", g.ToString(), StringComparison.Ordinal));
        Assert.NotEmpty((await registers.GrantsAsync(new RegisterFilter(Search: "Hereford Street Angels"), 1)).Rows);

        // Spending register: still named.
        var awardRefs = grants.Select(g => g.AwardReference).ToHashSet();
        var payments = (await registers.AllPaymentsAsync()).Where(p => awardRefs.Contains(p.AwardReference)).ToList();
        Assert.All(payments, p => Assert.Equal((org.Name, false), (p.Recipient, p.RecipientWithheld)));

        // Area chart: its grants are counted under the withheld area, not Herefordshire.
        var areas = await registers.GrantsByAreaAsync(new RegisterFilter());
        var withheldArea = Assert.Single(areas, a => a.Area == PublicRegisters.AreaWithheld);
        Assert.True(withheldArea.Grants >= grants.Count);
        Assert.Equal((await registers.AllGrantsAsync()).Count, areas.Sum(a => a.Grants));

        // 360Giving JSON: named, no addressLocality, no beneficiaryLocation; still valid.
        var json = Encoding.UTF8.GetString(await giving.JsonAsync());
        Assert.Empty((await PackageSchemaAsync()).Validate(json));
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var jsonGrants = doc.RootElement.GetProperty("grants").EnumerateArray()
            .Where(g => g.GetProperty("recipientOrganization")[0].GetProperty("name").GetString() == org.Name).ToList();
        Assert.Equal(grants.Count, jsonGrants.Count);
        Assert.All(jsonGrants, g =>
        {
            Assert.Equal("GB-CHC-1150074", g.GetProperty("recipientOrganization")[0].GetProperty("id").GetString());
            Assert.False(g.GetProperty("recipientOrganization")[0].TryGetProperty("addressLocality", out _));
            Assert.False(g.TryGetProperty("beneficiaryLocation", out _));
            Assert.DoesNotMatch(@"\bHereford\b(?! Street Angels)", g.GetRawText());
        });

        // 360Giving CSV and XLSX: named, City and Beneficiary Location columns blank.
        var table = await giving.TableAsync();
        var csvRows = table.Rows.Select(r => r.Select(TableFile.Text).ToList()).ToList();
        var xlsx = ReadXlsx(TableFile.Xlsx(table));
        var name = table.Headers.ToList().IndexOf("Recipient Org:Name");
        var located = new[] { "Recipient Org:City", "Beneficiary Location:Name", "Beneficiary Location:Geographic Code", "Beneficiary Location:Geographic Code Type" }
            .Select(t => table.Headers.ToList().IndexOf(t)).ToList();
        foreach (var rows in new[] { csvRows, xlsx.Skip(1).ToList() })
        {
            var ours = rows.Where(r => r[name] == org.Name).ToList();
            Assert.Equal(grants.Count, ours.Count);
            Assert.All(ours, r => Assert.All(located, i => Assert.Equal("", i < r.Count ? r[i] : "")));
        }
    }

    [Fact]
    public async Task QualityChecks_NameEachFault_AndKeepBlockedGrantsOutOfTheFiles()
    {
        await using var test = await DemoAsync();
        await using (var db = test.NewContext())
        {
            await db.Awards.Where(a => a.AwardReference == "AWD-2013-0001").ExecuteUpdateAsync(s => s.SetProperty(a => a.AwardedOn, new DateOnly(2027, 1, 5)));
            await db.Organisations.Where(o => o.Name == "Ledbury Recovery Café").ExecuteUpdateAsync(s => s.SetProperty(o => o.CharityNumber, "11502"));
        }
        test.Get<GrantsCommissioning.Core.Features.Public.PublicDataVersion>().Bump();
        var giving = test.Get<ThreeSixtyGiving>();

        var report = await giving.QualityAsync();
        var json = Encoding.UTF8.GetString(await giving.JsonAsync());

        var future = Assert.Single(report.Issues, i => i.Check == QualityCheck.FutureAwardDate);
        Assert.Equal(("AWD-2013-0001", "The award date 5 January 2027 is in the future.", true), (future.AwardReference, future.Message, future.Blocking));
        var malformed = report.Issues.Where(i => i.Check == QualityCheck.MalformedCharityNumber).ToList();
        Assert.NotEmpty(malformed);
        Assert.Contains(report.Issues, i => i.Check == QualityCheck.NoOrgId && !i.Blocking);
        Assert.Equal(report.Grants - 1 - malformed.Count, report.Published);
        Assert.DoesNotContain("AWD-2013-0001\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("GB-CHC-11502\"", json, StringComparison.Ordinal);
        Assert.Empty((await PackageSchemaAsync()).Validate(json));
    }

    [Fact]
    public void DuplicateIdentifiersAndZeroAmounts_AreBlocking()
    {
        var grant = new PublicGrant(1, "AWD-1", "A", false, "GB-CHC-1150074", "1150074", null, "Hereford", null, "T", "P", [], new Money(100_00), Money.Zero,
            new DateOnly(2013, 4, 1), new DateOnly(2013, 4, 1), new DateOnly(2014, 3, 31), "CGS", "Fund", true, [], DateTimeOffset.UnixEpoch);

        var issues = GrantDataQuality.Check(
            [grant, grant with { AwardId = 2, AwardReference = "awd-1" }, grant with { AwardId = 3, AwardReference = "AWD-3", Amount = Money.Zero }],
            r => "360G-x-" + r, new DateOnly(2026, 1, 1));

        Assert.Equal(2, issues.Count(i => i.Check == QualityCheck.DuplicateIdentifier && i.Blocking));
        var zero = Assert.Single(issues, i => i.Check == QualityCheck.ZeroAmount);
        Assert.Equal(("AWD-3", "The amount awarded is £0.00: a grant must be for more than £0.", true), (zero.AwardReference, zero.Message, zero.Blocking));
    }

    internal static List<List<string>> ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var doc = SpreadsheetDocument.Open(stream, false);
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        return sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();
    }
}
