using System.ComponentModel.DataAnnotations;

namespace GrantsCommissioning.Web.Components.Account;

/// <summary>
/// A telephone number as people write it: 10 to 15 digits, perhaps after a "+", with spaces, hyphens and brackets
/// between them ("01905 331545", "07700 900 982", "+44 (0)1905 331545"). An empty value passes: use [Required] for that.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class TelephoneNumberAttribute : ValidationAttribute
{
    public TelephoneNumberAttribute()
        : base("Enter a telephone number, like 01905 331545 or 07700 900 982")
    {
    }

    public override bool IsValid(object? value) => value is not string text || string.IsNullOrWhiteSpace(text) || IsTelephoneNumber(text);

    public static bool IsTelephoneNumber(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var body = trimmed.StartsWith('+') ? trimmed[1..] : trimmed;
        if (body.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '(' or ')')))
        {
            return false;
        }
        var digits = body.Count(char.IsAsciiDigit);
        return digits is >= 10 and <= 15 && char.IsAsciiDigit(body[^1]);
    }
}
