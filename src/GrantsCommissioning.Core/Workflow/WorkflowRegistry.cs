using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Email;
using GrantsCommissioning.Core.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Workflow;

public sealed record RegisteredDefinition(WorkflowDefinition Definition, string RelativePath, string Sha256, DateTimeOffset ReleasedAt)
{
    public string Id => Definition.Id;
    public int Version => Definition.Version;
}

/// <summary>
/// Every released definition version, loaded once at start-up. New cases take the latest version of their kind;
/// open cases keep the version they started on.
/// </summary>
public sealed class WorkflowRegistry(DataPaths paths, EmailTemplates templates, Kinds.CaseKinds kinds, TimeProvider clock)
{
    private volatile IReadOnlyDictionary<(CaseKind Kind, int Version), RegisteredDefinition>? byKind;

    public bool IsLoaded => byKind is not null;

    public IReadOnlyList<RegisteredDefinition> All =>
        Loaded.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Version).ToList();

    public RegisteredDefinition Latest(CaseKind kind) =>
        Loaded.Where(p => p.Key.Kind == kind).OrderByDescending(p => p.Key.Version).Select(p => p.Value).FirstOrDefault()
        ?? throw new InvalidOperationException($"No workflow definition is registered for {kind}.");

    public RegisteredDefinition Get(CaseKind kind, int version) =>
        Loaded.TryGetValue((kind, version), out var d)
            ? d
            : throw new InvalidOperationException($"Version {version} of the {kind} workflow is not registered.");

    /// <summary>The given version of a kind's workflow, or null when it is not registered (or not loaded yet).</summary>
    public RegisteredDefinition? Find(CaseKind kind, int version) =>
        byKind is { } loaded && loaded.TryGetValue((kind, version), out var d) ? d : null;

    public RegisteredDefinition? Find(string definitionId, int version) =>
        Loaded.Values.FirstOrDefault(d => d.Id == definitionId && d.Version == version);

    private IReadOnlyDictionary<(CaseKind Kind, int Version), RegisteredDefinition> Loaded =>
        byKind ?? throw new InvalidOperationException("Workflow definitions are not loaded yet: call WorkflowStartup.RunAsync at start-up.");

    /// <summary>
    /// Validates every file, refuses a released version whose file changed or a version that open cases use but is
    /// missing, records newly released versions with their hash, then registers them all.
    /// </summary>
    public async Task LoadAsync(GrantsDbContext db, CancellationToken cancellationToken = default) =>
        await LoadAsync(db, await ReadFilesAsync(cancellationToken), cancellationToken);

    /// <summary>Reads the definition files (no database, nothing checked yet: see <see cref="LoadAsync(GrantsDbContext, IReadOnlyList{DefinitionFile}, CancellationToken)"/>).</summary>
    public Task<IReadOnlyList<DefinitionFile>> ReadFilesAsync(CancellationToken cancellationToken = default) =>
        DefinitionLoader.ReadAsync(paths.WorkflowsPath.Value, cancellationToken);

    /// <summary>The rest of <see cref="LoadAsync(GrantsDbContext, CancellationToken)"/>, for files already read by <see cref="ReadFilesAsync"/>.</summary>
    public async Task LoadAsync(GrantsDbContext db, IReadOnlyList<DefinitionFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var released = await db.WorkflowDefinitions.ToListAsync(cancellationToken);
        // A released version passed the schema when it was released and its file cannot change (its hash is pinned), so
        // only new or changed files are matched against the schema again: a restart does not load the schema validator.
        var releasedHashes = released.Select(r => r.Sha256).ToHashSet(StringComparer.Ordinal);
        var checkedFiles = await DefinitionLoader.CheckAsync(paths.WorkflowsPath.Value, files, templates, k => kinds.Find(k)?.EntityType, releasedHashes.Contains, cancellationToken);
        var problems = new List<string>();
        var result = new Dictionary<(CaseKind, int), RegisteredDefinition>();
        foreach (var file in checkedFiles)
        {
            var d = file.Definition;
            var record = released.FirstOrDefault(r => r.DefinitionId == d.Id && r.Version == d.Version);
            if (record is null)
            {
                record = new WorkflowDefinitionRecord { DefinitionId = d.Id, Version = d.Version, Sha256 = file.Sha256, RegisteredAt = clock.GetUtcNow() };
                db.WorkflowDefinitions.Add(record);
            }
            else if (!string.Equals(record.Sha256, file.Sha256, StringComparison.Ordinal))
            {
                problems.Add($"{file.RelativePath}: version {d.Version} of '{d.Id}' was released on {record.RegisteredAt:yyyy-MM-dd} and its file has changed since " +
                    $"(hash {record.Sha256[..12]}…, now {file.Sha256[..12]}…). Put the change in a new version (v{d.Version + 1}.json) and restore this file.");
            }
            result[(d.CaseKind, d.Version)] = new RegisteredDefinition(d, file.RelativePath, file.Sha256, record.RegisteredAt);
        }
        foreach (var kind in kinds.All.Select(k => k.Kind))
        {
            foreach (var version in await VersionsInUseAsync(db, kind, cancellationToken))
            {
                if (!result.ContainsKey((kind, version)))
                {
                    problems.Add($"{kind} cases use version {version} of their workflow, but no workflows/<id>/v{version}.json for {kind} exists. Restore the file.");
                }
            }
        }
        if (problems.Count > 0)
        {
            throw new StartupException("Invalid workflow definition:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems));
        }
        await db.SaveChangesAsync(cancellationToken);
        byKind = result;
    }

    private async Task<List<int>> VersionsInUseAsync(GrantsDbContext db, CaseKind kind, CancellationToken ct) =>
        await kinds.Get(kind).Cases(db).Where(c => c.WorkflowVersion > 0).Select(c => c.WorkflowVersion).Distinct().ToListAsync(ct);
}
