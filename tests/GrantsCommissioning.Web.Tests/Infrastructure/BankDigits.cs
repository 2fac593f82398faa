using System.Text.RegularExpressions;

namespace GrantsCommissioning.Web.Tests.Infrastructure;

/// <summary>Assertions that a page does not show part of a bank account number.</summary>
public static class BankDigits
{
    /// <summary>
    /// <paramref name="html"/> does not show <paramref name="digits"/> (an account's last four, as the masked "••••4072"
    /// would) standing on their own. The same characters inside a random token of the page (a Blazor marker key in hex,
    /// an antiforgery token in base64) do not count: a plain "does not contain" failed on one of those once in CI.
    /// </summary>
    public static void AssertNotShown(string digits, string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var shown = Regex.Match(html, $"(?<![0-9A-Za-z+/_-]){Regex.Escape(digits)}(?![0-9A-Za-z+/_=-])");
        if (shown.Success)
        {
            var start = Math.Max(0, shown.Index - 60);
            Assert.Fail($"The page shows {digits}: …{html.Substring(start, Math.Min(html.Length - start, 120))}…");
        }
    }
}
