using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Configuration;

/// <summary>
/// Binds a configuration section so that a value of the wrong type (a word where a number belongs, an unknown choice)
/// stops start-up with one line naming the setting, rather than the binder's exception and stack trace.
/// </summary>
public static partial class SettingsBinding
{
    public static OptionsBuilder<T> BindSettings<T>(this OptionsBuilder<T> builder, IConfiguration configuration, string sectionName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(sectionName);
        builder.Services.AddSingleton<IOptionsChangeTokenSource<T>>(new ConfigurationChangeTokenSource<T>(builder.Name, section));
        return builder.Configure(options =>
        {
            try
            {
                section.Bind(options);
            }
            catch (InvalidOperationException ex) when (FailedConversion().Match(ex.Message) is { Success: true } failed)
            {
                var key = failed.Groups["key"].Value;
                throw new StartupException($"{key} {Expected(typeof(T), key)} (was '{failed.Groups["value"].Value}').", ex);
            }
        });
    }

    /// <summary>A whole number read while services are registered; anything that is not one gives null, and the options binding reports it.</summary>
    public static int? WholeNumber(IConfiguration configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return int.TryParse(configuration[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static string Expected(Type options, string key)
    {
        var type = options;
        foreach (var segment in key.Split(':').Skip(1))
        {
            type = type?.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
        }
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            { IsEnum: true } => $"must be one of {string.Join(", ", Enum.GetNames(type))}",
            _ when type == typeof(bool) => "must be true or false",
            _ when type == typeof(int) || type == typeof(long) => "must be a whole number",
            _ => "has a value that cannot be read",
        };
    }

    [GeneratedRegex("value '(?<value>.*)' at '(?<key>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex FailedConversion();
}
