using System.ComponentModel.DataAnnotations;

namespace GrantsCommissioning.Core.Configuration;

/// <summary>The "Grants" section of configuration. Every setting is described in the README.</summary>
public sealed class GrantsOptions
{
    public const string SectionName = "Grants";

    /// <summary>The body running the system, shown on every public page.</summary>
    [Required, StringLength(200, MinimumLength = 3)]
    public string OrganisationName { get; set; } = "Office of the Police and Crime Commissioner for West Mercia";

    [Required, StringLength(20, MinimumLength = 2)]
    public string OrganisationShortName { get; set; } = "OPCC West Mercia";

    /// <summary>The prefix of this body's own 360Giving identifiers for grants (e.g. 360G-opccwm).</summary>
    [Required, RegularExpression("^360G-[A-Za-z0-9-]+$", ErrorMessage = "Grants:GrantIdPrefix must look like 360G-yourprefix.")]
    public string GrantIdPrefix { get; set; } = "360G-opccwm";

    /// <summary>This body's org-id as the funder in its 360Giving data (set the registered one, e.g. a GB-GOR- identifier).</summary>
    [Required, RegularExpression("^[A-Z]{2}-[A-Z]{2,8}-[A-Za-z0-9-]+$", ErrorMessage = "Grants:FunderOrgId must be an org-id like GB-GOR-PC000000.")]
    public string FunderOrgId { get; set; } = "GB-OPCCWM-FUNDER";

    /// <summary>Folder for the SQLite database, uploaded files and mail pickup; relative paths are from the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>SQLite connection string; when empty, {DataDirectory}/grants.db. (With Grants:Database:Provider = Postgres, use Grants:Database:ConnectionString.)</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The database engine (Grants:Database:Provider) and, for PostgreSQL, its connection string.</summary>
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>Folder of seed-data files; when empty, the repository's seed-data folder is found above the content root.</summary>
    public string? SeedDataPath { get; set; }

    /// <summary>Folder of workflow definitions; when empty, the repository's workflows folder is found above the content root.</summary>
    public string? WorkflowsPath { get; set; }

    /// <summary>
    /// The address people reach the site at (e.g. https://grants.opcc.example.gov.uk/). Every link in every email is built
    /// from it, never from the request's Host header, which a caller chooses. Required outside Development.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Load the fictional demo organisations, applications and awards into an empty database (never in Production).</summary>
    public bool LoadDemoData { get; set; }
}

/// <summary>The "Grants:Database" section: which EF Core provider the system runs on.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Sqlite (the embedded default) or Postgres.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The connection string for the provider: required for Postgres; for Sqlite it overrides Grants:ConnectionString.</summary>
    public string? ConnectionString { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
