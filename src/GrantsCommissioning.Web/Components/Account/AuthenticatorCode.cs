namespace GrantsCommissioning.Web.Components.Account;

/// <summary>The 6-digit code from an authenticator app, as the two-step verification pages ask for it.</summary>
internal static class AuthenticatorCode
{
    /// <summary>Six digits, perhaps split in two by a space or hyphen as apps show them ("123 456").</summary>
    public const string Pattern = @"^\s*\d{3}[\s-]?\d{3}\s*$";

    public const string Missing = "Enter the 6-digit code from your authenticator app";

    public const string Wrong = "The code is not right. Check your authenticator app and try again";

    public const string Hint = "The app shows a new code every 30 seconds.";

    /// <summary>The digits alone, as Identity checks them.</summary>
    public static string Normalise(string code) =>
        (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
}
