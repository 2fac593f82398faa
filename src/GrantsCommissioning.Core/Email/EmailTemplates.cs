using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace GrantsCommissioning.Core.Email;

public sealed record RenderedEmail(string Subject, string Body);

public sealed class EmailTemplateException(string message) : Exception(message);

/// <summary>
/// Plain-text templates in workflows/templates/&lt;name&gt;.txt: a "Subject:" line, a blank line, then the body, with
/// {{Placeholder}} fields.
/// </summary>
public sealed partial class EmailTemplates
{
    private readonly string directory;
    private readonly ConcurrentDictionary<string, ParsedTemplate> cache = new(StringComparer.Ordinal);

    public EmailTemplates(DataPaths paths)
        : this(Path.Combine((paths ?? throw new ArgumentNullException(nameof(paths))).WorkflowsPath.Value, "templates"))
    {
    }

    public EmailTemplates(string directory) => this.directory = directory;

    public string Directory => directory;

    public bool Exists(string name) => IsValidName(name) && File.Exists(PathOf(name));

    public IReadOnlySet<string> Placeholders(string name)
    {
        var t = Get(name);
        return Placeholder().Matches(t.Subject + "\n" + t.Body).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    public RenderedEmail Render(string name, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var t = Get(name);
        return new RenderedEmail(Fill(name, t.Subject, values).ReplaceLineEndings(" ").Trim(), Fill(name, t.Body, values));
    }

    private static string Fill(string name, string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v)
            ? v
            : throw new EmailTemplateException($"Email template '{name}' needs a value for {{{{{m.Groups[1].Value}}}}}."));

    private ParsedTemplate Get(string name)
    {
        if (!IsValidName(name))
        {
            throw new EmailTemplateException($"'{name}' is not a valid email template name.");
        }
        return cache.GetOrAdd(name, n =>
        {
            var path = PathOf(n);
            if (!File.Exists(path))
            {
                throw new EmailTemplateException($"Email template '{n}' not found at {path}.");
            }
            var text = File.ReadAllText(path).ReplaceLineEndings("\n");
            var firstBreak = text.IndexOf('\n', StringComparison.Ordinal);
            var first = firstBreak < 0 ? text : text[..firstBreak];
            if (!first.StartsWith("Subject:", StringComparison.Ordinal))
            {
                throw new EmailTemplateException($"Email template {path} must start with a 'Subject:' line.");
            }
            var body = firstBreak < 0 ? "" : text[(firstBreak + 1)..].TrimStart('\n');
            return new ParsedTemplate(first["Subject:".Length..].Trim(), body);
        });
    }

    private string PathOf(string name) => Path.Combine(directory, name + ".txt");

    private static bool IsValidName(string name) => !string.IsNullOrEmpty(name) && TemplateName().IsMatch(name);

    [GeneratedRegex(@"\{\{([A-Za-z][A-Za-z0-9]*)\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex TemplateName();

    private sealed record ParsedTemplate(string Subject, string Body);
}
