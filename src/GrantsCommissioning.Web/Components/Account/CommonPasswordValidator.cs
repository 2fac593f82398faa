using System.Collections.Frozen;
using GrantsCommissioning.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace GrantsCommissioning.Web.Components.Account;

/// <summary>
/// Refuses the passwords people guess first: those on the list shipped with the app (common-passwords.txt), a listed
/// word with only digits or symbols around it (Password1234), one thing repeated (aaaaaaaaaaaa, passwordpassword) and
/// runs along the alphabet, the digits or a keyboard row (123456789012, qwertyuiopas). Case does not matter.
/// </summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    public const string Code = "PasswordTooCommon";

    public const string Message = "This password is too common, so it would be among the first guessed. Choose another: three or four unrelated words make a strong one";

    private static readonly string[] Runs = ["abcdefghijklmnopqrstuvwxyz", "01234567890123456789", "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"];

    private static readonly FrozenSet<string> List = Load();

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError { Code = Code, Description = Message })
            : IdentityResult.Success);

    public static bool IsCommon(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var lower = password.Trim().ToLowerInvariant();
        var core = lower.Trim(lower.Where(c => !char.IsLetter(c)).Distinct().ToArray());
        return List.Contains(lower) || List.Contains(Unleet(core)) || IsRepeated(lower) || IsRepeated(core) || IsRun(lower);
    }

    private static string Unleet(string text) => new(text.Select(c => c switch
    {
        '@' or '4' => 'a', '3' => 'e', '1' or '!' => 'i', '0' => 'o', '$' or '5' => 's', '7' => 't', _ => c,
    }).ToArray());

    private static bool IsRepeated(string text) =>
        text.Length > 1 && Enumerable.Range(1, text.Length / 2).Any(n => text.Length % n == 0 && text == string.Concat(Enumerable.Repeat(text[..n], text.Length / n)));

    private static bool IsRun(string text) =>
        Runs.Any(run => run.Contains(text, StringComparison.Ordinal) || new string(run.Reverse().ToArray()).Contains(text, StringComparison.Ordinal));

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("GrantsCommissioning.Web.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-passwords.txt resource is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#')).ToFrozenSet(StringComparer.Ordinal);
    }
}
