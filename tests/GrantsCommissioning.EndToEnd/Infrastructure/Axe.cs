using System.Text.Json;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Infrastructure;

/// <summary>Runs axe-core (from npm) in the page against WCAG 2.0/2.1/2.2 A and AA rules.</summary>
public static class Axe
{
    private static readonly string Script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe.min.js"));

    public sealed record Violation(string Id, string Impact, string Help, IReadOnlyList<string> Targets);

    public static async Task<IReadOnlyList<Violation>> RunAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        // Evaluated through the browser's devtools protocol: the site's Content-Security-Policy refuses inline script tags.
        await page.EvaluateAsync(Script);
        var json = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
              return r.violations.map(v => ({ id: v.id, impact: v.impact || '', help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }));
            }
            """);
        return json.EnumerateArray().Select(v => new Violation(
            v.GetProperty("id").GetString()!, v.GetProperty("impact").GetString()!, v.GetProperty("help").GetString()!,
            v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToList())).ToList();
    }

    public static string Describe(IEnumerable<Violation> violations) =>
        string.Join(Environment.NewLine, violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Targets.Take(5))}"));
}
