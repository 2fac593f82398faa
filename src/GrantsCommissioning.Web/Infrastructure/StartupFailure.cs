using System.Text.Json;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Web.Infrastructure;

/// <summary>Turns a configuration problem found at start-up into one line naming the setting or file, and a non-zero exit.</summary>
public static partial class StartupFailure
{
    /// <summary>The builder, or null (after printing why) when a settings file cannot be read.</summary>
    public static WebApplicationBuilder? CreateBuilder(string[] args)
    {
        try
        {
            return WebApplication.CreateBuilder(args);
        }
        catch (InvalidDataException ex) when (SettingsFile().Match(ex.Message) is { Success: true } file)
        {
            var json = ex.InnerException?.InnerException as JsonException ?? ex.InnerException as JsonException;
            var where = json?.LineNumber is { } line ? $" at line {line + 1}" : "";
            Report($"{file.Groups["path"].Value}: malformed JSON{where}.");
            return null;
        }
    }

    /// <summary>The one-line message for a configuration problem, or null for any other exception.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        StartupException => exception.Message,
        OptionsValidationException ov => string.Join(Environment.NewLine + "  ", ov.Failures),
        AggregateException { InnerExceptions: var all } when all.All(e => e is OptionsValidationException) =>
            string.Join(Environment.NewLine + "  ", all.Cast<OptionsValidationException>().SelectMany(e => e.Failures)),
        _ => null,
    };

    public static void Report(string message) =>
        Console.Error.WriteLine($"GrantsCommissioning cannot start:{Environment.NewLine}  {message}");

    [GeneratedRegex("configuration from file '(?<path>[^']+)'")]
    private static partial Regex SettingsFile();
}
