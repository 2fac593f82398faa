using Microsoft.AspNetCore.Identity;

namespace GrantsCommissioning.Web.Components.Account;

/// <summary>What the account pages that set a password say about it, and the length Identity is configured with.</summary>
internal static class PasswordRules
{
    public const int MinimumLength = 12;

    public const string Hint = "At least 12 characters. Three or four unrelated words make a strong password you can remember.";

    public const string LengthMessage = "Your password must be between 12 and 100 characters";

    /// <summary>
    /// Identity's messages, each against a field: password rules against <paramref name="passwordField"/>, the codes in
    /// <paramref name="known"/> against their own field with their own words (or Identity's, when null), anything else
    /// at the top of the page.
    /// </summary>
    public static Dictionary<string, string> ToFields(IEnumerable<IdentityError> errors, string passwordField,
        params (string Code, string Field, string? Message)[] known)
    {
        var fields = new Dictionary<string, string>();
        foreach (var error in errors)
        {
            if (known.FirstOrDefault(k => k.Code == error.Code) is { Field: not null } match)
            {
                fields.TryAdd(match.Field, match.Message ?? error.Description);
            }
            else
            {
                fields.TryAdd(error.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField : "", error.Description);
            }
        }
        return fields;
    }
}
