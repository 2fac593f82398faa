using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Email;
using NJsonSchema;

namespace GrantsCommissioning.Core.Workflow.Definitions;

/// <summary>A definition read from disk: validated, with the hash that pins a released version.</summary>
public sealed record LoadedDefinition(WorkflowDefinition Definition, string RelativePath, string Sha256);

/// <summary>A definition file as read from disk: its text, hash and the definition it holds, before any check.</summary>
public sealed record DefinitionFile(string Path, string RelativePath, string Text, string Sha256, WorkflowDefinition? Definition, string? JsonError);

/// <summary>Reads workflows/&lt;id&gt;/v&lt;N&gt;.json, validates each against the schema then for consistency.</summary>
public static partial class DefinitionLoader
{
    public const string SchemaRelativePath = "schema/workflow.schema.json";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>Throws <see cref="StartupException"/> listing every problem, each prefixed by the file it is in.</summary>
    public static async Task<IReadOnlyList<LoadedDefinition>> LoadAsync(string workflowsPath, EmailTemplates templates, Func<CaseKind, Type?> caseTypeOf,
        CancellationToken cancellationToken = default) =>
        await CheckAsync(workflowsPath, await ReadAsync(workflowsPath, cancellationToken), templates, caseTypeOf, schemaChecked: _ => false, cancellationToken);

    /// <summary>Reads every definition file and its hash, and deserialises it; nothing is checked yet (see <see cref="CheckAsync"/>).</summary>
    public static async Task<IReadOnlyList<DefinitionFile>> ReadAsync(string workflowsPath, CancellationToken cancellationToken = default)
    {
        var schemaPath = SchemaPath(workflowsPath);
        if (!File.Exists(schemaPath))
        {
            throw new StartupException($"Workflow schema not found: {schemaPath} (Grants:WorkflowsPath is {workflowsPath}).");
        }
        var files = new List<DefinitionFile>();
        foreach (var file in FindDefinitionFiles(workflowsPath))
        {
            var relative = "workflows/" + Path.GetRelativePath(workflowsPath, file).Replace('\\', '/');
            var text = await File.ReadAllTextAsync(file, cancellationToken);
            WorkflowDefinition? definition = null;
            string? jsonError = null;
            try
            {
                definition = JsonSerializer.Deserialize<WorkflowDefinition>(text, Json);
            }
            catch (JsonException ex)
            {
                jsonError = ex.Message;
            }
            files.Add(new DefinitionFile(file, relative, text, Hash(text), definition, jsonError));
        }
        return files;
    }

    /// <summary>
    /// Validates each file against the schema, unless <paramref name="schemaChecked"/> says its hash already passed
    /// (a released version, which cannot change), then for consistency. Throws <see cref="StartupException"/> listing
    /// every problem, each prefixed by the file it is in.
    /// </summary>
    public static async Task<IReadOnlyList<LoadedDefinition>> CheckAsync(string workflowsPath, IReadOnlyList<DefinitionFile> files, EmailTemplates templates,
        Func<CaseKind, Type?> caseTypeOf, Func<string, bool> schemaChecked, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(schemaChecked);
        JsonSchema? schema = null;
        var problems = new List<string>();
        var loaded = new List<LoadedDefinition>();
        foreach (var file in files)
        {
            var fileProblems = new List<string>();
            if (!schemaChecked(file.Sha256))
            {
                schema ??= await JsonSchema.FromFileAsync(SchemaPath(workflowsPath), cancellationToken);
                MatchSchema(file.Text, schema, fileProblems);
            }
            if (fileProblems.Count == 0 && file.JsonError is not null)
            {
                fileProblems.Add($"is not valid JSON: {file.JsonError}");
            }
            var definition = fileProblems.Count == 0 ? file.Definition : null;
            if (definition is not null)
            {
                CheckFileName(definition, file.Path, fileProblems);
                fileProblems.AddRange(DefinitionValidator.Validate(definition, templates, caseTypeOf(definition.CaseKind)));
            }
            problems.AddRange(fileProblems.Select(p => $"{file.RelativePath}: {p}"));
            if (definition is not null && fileProblems.Count == 0)
            {
                loaded.Add(new LoadedDefinition(definition, file.RelativePath, file.Sha256));
            }
        }
        problems.AddRange(CheckAcrossFiles(loaded));
        if (problems.Count > 0)
        {
            throw new StartupException("Invalid workflow definition:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems));
        }
        return loaded;
    }

    private static string SchemaPath(string workflowsPath) => Path.Combine(workflowsPath, SchemaRelativePath);

    /// <summary>Line endings are normalised first so a checkout with CRLF does not look like an edited release.</summary>
    public static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n"))));

    private static IEnumerable<string> FindDefinitionFiles(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateDirectories(root)
                .Where(d => Path.GetFileName(d) is not ("schema" or "templates"))
                .SelectMany(d => Directory.EnumerateFiles(d, "*.json"))
                .Order(StringComparer.Ordinal)
            : throw new StartupException($"Workflow definitions folder not found: {root} (set Grants:WorkflowsPath).");

    private static void MatchSchema(string text, JsonSchema schema, List<string> problems)
    {
        try
        {
            problems.AddRange(schema.Validate(text).Select(e => $"does not match the schema: {Describe(e)}"));
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            problems.Add($"is not valid JSON: {ex.Message}");
        }
    }

    private static string Describe(NJsonSchema.Validation.ValidationError e)
    {
        var where = string.IsNullOrEmpty(e.Path) || e.Path == "#" ? "the document" : e.Path;
        return $"{e.Kind} at {where} (line {e.LineNumber})";
    }

    private static void CheckFileName(WorkflowDefinition d, string file, List<string> problems)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(file));
        if (!string.Equals(folder, d.Id, StringComparison.Ordinal))
        {
            problems.Add($"id '{d.Id}' does not match its folder '{folder}'.");
        }
        var match = VersionFileName().Match(Path.GetFileName(file));
        if (!match.Success || int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) != d.Version)
        {
            problems.Add($"version {d.Version} does not match the file name (expected v{d.Version}.json).");
        }
    }

    private static IEnumerable<string> CheckAcrossFiles(IReadOnlyList<LoadedDefinition> loaded)
    {
        foreach (var byKind in loaded.GroupBy(l => l.Definition.CaseKind))
        {
            var ids = byKind.Select(l => l.Definition.Id).Distinct().ToList();
            if (ids.Count > 1)
            {
                yield return $"case kind {byKind.Key} has more than one workflow ({string.Join(", ", ids)}); each kind has exactly one.";
            }
        }
    }

    [GeneratedRegex(@"^v([0-9]+)\.json$")]
    private static partial Regex VersionFileName();
}
