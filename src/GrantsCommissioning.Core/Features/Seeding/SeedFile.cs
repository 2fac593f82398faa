using System.Globalization;
using System.Text.Json;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Seeding;

/// <summary>Reads one seed file; any problem becomes a <see cref="StartupException"/> naming the file.</summary>
internal sealed class SeedFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        // The reference data, read at every start, with metadata made at compile time rather than by reflection (bench
        // B7); the demo files, read in Development only, by reflection.
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            ReferenceSeedJson.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    };

    private SeedFile(string path, string displayName, DateOnly today)
    {
        Path = path;
        DisplayName = displayName;
        Today = today;
    }

    public string Path { get; }
    public string DisplayName { get; }
    public DateOnly Today { get; }

    public static SeedFile At(string root, string relative, DateOnly today) =>
        new(System.IO.Path.Combine(root, relative), "seed-data/" + relative.Replace('\\', '/'), today);

    public bool Exists => File.Exists(Path);

    public T Read<T>()
    {
        try
        {
            using var stream = File.OpenRead(Path);
            return JsonSerializer.Deserialize<T>(stream, Json) ?? throw Problem("the file is empty");
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw Problem($"malformed JSON{where}: {ex.Message.Split(" Path:")[0]}", ex);
        }
        catch (IOException ex)
        {
            throw Problem($"cannot be read ({ex.Message})", ex);
        }
    }

    public StartupException Problem(string message, Exception? inner = null) =>
        new($"Seed file {DisplayName}: {message}", inner);

    public void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw Problem(message);
        }
    }

    public Money Pounds(decimal amount, string what)
    {
        try
        {
            return Money.FromPounds(amount);
        }
        catch (ArgumentException)
        {
            throw Problem($"{what}: £{amount} has a fraction of a penny");
        }
    }

    public FinancialYear Year(string text, string what)
    {
        if (text == "current")
        {
            return FinancialYear.Containing(Today);
        }
        if (text == "next")
        {
            return FinancialYear.Containing(Today).Next;
        }
        return FinancialYear.TryParse(text, out var year) ? year : throw Problem($"{what}: '{text}' is not a financial year such as 2013/14");
    }

    /// <summary>"2013-06-30", or relative to the load date: "today", "today-30d", "today+14d".</summary>
    public DateOnly Date(string text, string what)
    {
        if (text.StartsWith("today", StringComparison.Ordinal))
        {
            var offset = text.Length == 5 ? 0 : ParseOffset(text[5..], what);
            return Today.AddDays(offset);
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Problem($"{what}: '{text}' is not a date (yyyy-MM-dd or today±Nd)");
    }

    /// <summary>A UK local time "2013-04-01T09:00", or "today+30d 12:00"; returned as a UTC instant.</summary>
    public DateTimeOffset Instant(string text, string what)
    {
        if (text.StartsWith("today", StringComparison.Ordinal))
        {
            var parts = text.Split(' ', 2);
            var time = parts.Length == 2 && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                ? t
                : parts.Length == 1 ? new TimeOnly(9, 0) : throw Problem($"{what}: '{text}' has no valid HH:mm time");
            return UkTime.FromUkLocal(Date(parts[0], what), time);
        }
        return DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? UkTime.FromUkLocal(local)
            : throw Problem($"{what}: '{text}' is not a UK local time (yyyy-MM-ddTHH:mm or today±Nd HH:mm)");
    }

    public TEnum Enum<TEnum>(string text, string what) where TEnum : struct, Enum =>
        System.Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw Problem($"{what}: '{text}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}");

    private int ParseOffset(string text, string what) =>
        text.Length >= 3 && text[^1] == 'd' && int.TryParse(text[..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days)
            ? days
            : throw Problem($"{what}: '{text}' is not an offset such as -30d or +14d");
}

[System.Text.Json.Serialization.JsonSerializable(typeof(PlanSeed))]
[System.Text.Json.Serialization.JsonSerializable(typeof(PrioritiesSeed))]
[System.Text.Json.Serialization.JsonSerializable(typeof(FundsSeed))]
internal sealed partial class ReferenceSeedJson : System.Text.Json.Serialization.JsonSerializerContext;
