using System.Text.RegularExpressions;

namespace GrantsCommissioning.Core.Domain;

public static partial class OrgIdentifiers
{
    public const string LocalPrefix = "GB-OPCCWM-ORG-";

    public static string For(string? charityNumber, string? companyNumber, int localId)
    {
        if (!string.IsNullOrWhiteSpace(charityNumber))
        {
            return "GB-CHC-" + charityNumber.Trim();
        }
        if (!string.IsNullOrWhiteSpace(companyNumber))
        {
            return "GB-COH-" + NormaliseCompanyNumber(companyNumber);
        }
        return LocalPrefix + localId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Charity Commission numbers for England and Wales are 6 or 7 digits.</summary>
    public static bool IsValidCharityNumber(string? value) =>
        value is not null && CharityNumberPattern().IsMatch(value.Trim());

    /// <summary>Companies House numbers are 8 characters: digits, or a two-letter prefix (SC, NI, OC, …) and six digits.</summary>
    public static bool IsValidCompanyNumber(string? value) =>
        value is not null && CompanyNumberPattern().IsMatch(NormaliseCompanyNumber(value));

    public static string NormaliseCompanyNumber(string value)
    {
        var v = value.Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        return v.All(char.IsDigit) && v.Length < 8 ? v.PadLeft(8, '0') : v;
    }

    [GeneratedRegex("^[0-9]{6,7}$")]
    private static partial Regex CharityNumberPattern();

    [GeneratedRegex("^([0-9]{8}|[A-Z]{2}[0-9]{6})$")]
    private static partial Regex CompanyNumberPattern();
}
