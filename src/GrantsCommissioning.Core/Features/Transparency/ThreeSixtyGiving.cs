using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Domain;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Features.Transparency;

public sealed record QualityReport(int Grants, int Published, IReadOnlyList<QualityIssue> Issues);

/// <summary>
/// The grants in the 360Giving Data Standard 1.4: a JSON data package ({"grants": [...]}) and the standard's
/// spreadsheet layout (its column titles, as flattentool writes and reads them) for CSV and XLSX. Built from
/// <see cref="PublicRegisters"/>, so a sensitive recipient is withheld here too: its grant names the recipient as
/// withheld with an identifier made from this funder's prefix, never the organisation's org-id.
/// </summary>
public sealed class ThreeSixtyGiving(PublicRegisters registers, IOptions<GrantsOptions> options, TimeProvider clock)
{
    public const string Vocabulary = "Police and Crime Plan objective";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private GrantsOptions Options => options.Value;

    /// <summary>The quality checks on every grant, and how many are published (those with no blocking fault).</summary>
    public async Task<QualityReport> QualityAsync(CancellationToken ct = default)
    {
        var grants = await registers.AllGrantsAsync(ct);
        var issues = Issues(grants);
        return new QualityReport(grants.Count, grants.Count - issues.Where(i => i.Blocking).Select(i => i.AwardId).Distinct().Count(), issues);
    }

    private IReadOnlyList<QualityIssue> Issues(IReadOnlyList<PublicGrant> grants) =>
        GrantDataQuality.Check(grants, GrantId, UkTime.ToUkDate(clock.GetUtcNow()));

    /// <summary>The grants the files (and the API) publish: every one without a blocking quality fault, redacted.</summary>
    public async Task<IReadOnlyList<PublicGrant>> PublishableAsync(CancellationToken ct)
    {
        var grants = await registers.AllGrantsAsync(ct);
        var blocked = Issues(grants).Where(i => i.Blocking).Select(i => i.AwardId).ToHashSet();
        return grants.Where(g => !blocked.Contains(g.AwardId)).ToList();
    }

    public async Task<byte[]> JsonAsync(CancellationToken ct = default)
    {
        var grants = await PublishableAsync(ct);
        var package = new JsonObject
        {
            ["title"] = $"{Options.OrganisationName} grants",
            ["description"] = "Every grant awarded by the Police and Crime Commissioner, in the 360Giving Data Standard.",
            ["version"] = "1.4",
            ["issued"] = DateTime(clock.GetUtcNow()),
            ["publisher"] = new JsonObject { ["name"] = Options.OrganisationName, ["identifier"] = Options.FunderOrgId },
            ["license"] = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            ["grants"] = new JsonArray(grants.Select(g => (JsonNode)Grant(g)).ToArray()),
        };
        if (DataSource("transparency/360giving.json") is { } source)
        {
            package["downloadURL"] = source;
        }
        return JsonSerializer.SerializeToUtf8Bytes(package, Indented);
    }

    public async Task<Table> TableAsync(CancellationToken ct = default)
    {
        var grants = await PublishableAsync(ct);
        var classifications = Math.Max(1, grants.Select(g => g.Objectives.Count).DefaultIfEmpty(0).Max());
        var headers = Columns.Select(c => c.Title)
            .Concat(Enumerable.Range(0, classifications).SelectMany(i => new[] { $"Classifications:{i}:Vocabulary", $"Classifications:{i}:Code", $"Classifications:{i}:Title" }))
            .Append("Data Source").Append("Last Modified").ToList();
        var source = DataSource("transparency/360giving.csv");
        var rows = grants.Select(g => (IReadOnlyList<object?>)Columns.Select(c => c.Value(this, g))
            .Concat(Enumerable.Range(0, classifications).SelectMany(i => i < g.Objectives.Count
                ? new object?[] { Vocabulary, g.Objectives[i].Code, g.Objectives[i].Heading }
                : new object?[] { null, null, null }))
            .Append(source).Append(g.Modified).ToList()).ToList();
        return new Table("grants", headers, rows);
    }

    /// <summary>The grant's 360Giving identifier: the configured prefix and the award reference.</summary>
    public string GrantId(string awardReference) => $"{Options.GrantIdPrefix}-{awardReference}";

    /// <summary>The recipient's org-id, or for a withheld recipient an identifier that names no one.</summary>
    public string RecipientId(PublicGrant g) => g.RecipientOrgId ?? $"{Options.GrantIdPrefix}-withheld-{g.AwardReference}";

    private static readonly IReadOnlyList<(string Title, Func<ThreeSixtyGiving, PublicGrant, object?> Value)> Columns =
    [
        ("Identifier", (s, g) => s.GrantId(g.AwardReference)),
        ("Title", (_, g) => g.Title),
        ("Description", (_, g) => g.Purpose),
        ("Currency", (_, _) => "GBP"),
        ("Amount Awarded", (_, g) => g.Amount.Pounds),
        ("Amount Disbursed", (_, g) => g.Paid.Pounds),
        ("Award Date", (_, g) => g.AwardedOn),
        ("Planned Dates:Start Date", (_, g) => g.StartDate),
        ("Planned Dates:End Date", (_, g) => g.EndDate),
        ("Recipient Org:Identifier", (s, g) => s.RecipientId(g)),
        ("Recipient Org:Name", (_, g) => g.Recipient),
        ("Recipient Org:Charity Number", (_, g) => g.CharityNumber),
        ("Recipient Org:Company Number", (_, g) => g.CompanyNumber),
        ("Recipient Org:City", (_, g) => g.RecipientTown),
        ("Beneficiary Location:Name", (_, g) => g.Location?.Name),
        ("Beneficiary Location:Geographic Code", (_, g) => g.Location?.GeoCode),
        ("Beneficiary Location:Geographic Code Type", (_, g) => g.Location?.GeoCodeType),
        ("Funding Org:Identifier", (s, _) => s.Options.FunderOrgId),
        ("Funding Org:Name", (s, _) => s.Options.OrganisationName),
        ("Grant Programme:Code", (_, g) => g.FundCode),
        ("Grant Programme:Title", (_, g) => g.FundName),
        ("From An Open Call?", (_, g) => g.FromOpenCall ? "Yes" : "No"),
    ];

    /// <summary>The standard's titles of the fixed columns (the classification columns follow, then Data Source and Last Modified).</summary>
    public static IReadOnlyList<string> ColumnTitles => Columns.Select(c => c.Title).ToList();

    private JsonObject Grant(PublicGrant g)
    {
        var recipient = new JsonObject { ["id"] = RecipientId(g), ["name"] = g.Recipient };
        Add(recipient, "charityNumber", g.CharityNumber);
        Add(recipient, "companyNumber", g.CompanyNumber);
        Add(recipient, "addressLocality", g.RecipientTown);
        var grant = new JsonObject
        {
            ["id"] = GrantId(g.AwardReference),
            ["title"] = g.Title,
            ["description"] = g.Purpose,
            ["currency"] = "GBP",
            ["amountAwarded"] = g.Amount.Pounds,
            ["amountDisbursed"] = g.Paid.Pounds,
            ["awardDate"] = Date(g.AwardedOn),
            ["plannedDates"] = new JsonArray(new JsonObject { ["startDate"] = Date(g.StartDate), ["endDate"] = Date(g.EndDate) }),
            ["recipientOrganization"] = new JsonArray(recipient),
            ["fundingOrganization"] = new JsonArray(new JsonObject { ["id"] = Options.FunderOrgId, ["name"] = Options.OrganisationName }),
            ["grantProgramme"] = new JsonArray(new JsonObject { ["code"] = g.FundCode, ["title"] = g.FundName }),
            ["fromOpenCall"] = g.FromOpenCall ? "Yes" : "No",
            ["classifications"] = new JsonArray(g.Objectives.Select(o => (JsonNode)new JsonObject
            {
                ["vocabulary"] = Vocabulary, ["code"] = o.Code, ["title"] = o.Heading,
                ["description"] = $"{o.SharePercent}% of the grant is apportioned to this objective.",
            }).ToArray()),
            ["dateModified"] = DateTime(g.Modified),
        };
        if (g.Location is { } location)
        {
            var place = new JsonObject { ["name"] = location.Name, ["countryCode"] = "GB" };
            Add(place, "geoCode", location.GeoCode);
            Add(place, "geoCodeType", location.GeoCodeType);
            grant["beneficiaryLocation"] = new JsonArray(place);
        }
        if (DataSource("transparency/360giving.json") is { } source)
        {
            grant["dataSource"] = source;
        }
        return grant;
    }

    private static void Add(JsonObject o, string name, string? value)
    {
        if (value is not null)
        {
            o[name] = value;
        }
    }

    private string? DataSource(string path) =>
        Uri.TryCreate(Options.PublicBaseUrl?.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri) ? new Uri(baseUri, path).ToString() : null;

    /// <summary>A date as a full date-time at midnight UTC: the schema's date fields accept YYYY-MM-DD or date-time, and a date-time matches only one of its two forms.</summary>
    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd'T00:00:00Z'", CultureInfo.InvariantCulture);

    private static string DateTime(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
