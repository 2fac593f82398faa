using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Email;

public enum EmailMode
{
    /// <summary>Write each message as an .eml file in a folder: works with no mail server.</summary>
    Pickup = 0,
    Smtp = 1,
}

/// <summary>The "Email" section of configuration.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public EmailMode Mode { get; set; } = EmailMode.Pickup;
    /// <summary>Relative paths are under Grants:DataDirectory; when empty, {DataDirectory}/mail-pickup.</summary>
    public string? PickupDirectory { get; set; }
    public string FromAddress { get; set; } = "grants@opcc.example.gov.uk";
    public string FromName { get; set; } = "OPCC Grants";
    public SmtpSettings Smtp { get; set; } = new();
    public int MaxAttempts { get; set; } = 10;
    public int RetryBaseSeconds { get; set; } = 30;
    public int RetryMaxSeconds { get; set; } = 3600;
    public int BatchSize { get; set; } = 50;
    public int PollSeconds { get; set; } = 30;
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public bool UseStartTls { get; set; } = true;
    public int TimeoutSeconds { get; set; } = 30;
}

internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"Email:Mode must be one of {string.Join(", ", Enum.GetNames<EmailMode>())} (was {(int)options.Mode}).");
        }
        if (!MailAddress.TryCreate(options.FromAddress, out _))
        {
            failures.Add($"Email:FromAddress '{options.FromAddress}' is not an email address.");
        }
        if (options.Mode == EmailMode.Smtp)
        {
            if (string.IsNullOrWhiteSpace(options.Smtp.Host))
            {
                failures.Add("Email:Smtp:Host is required when Email:Mode is Smtp.");
            }
            if (options.Smtp.Port is < 1 or > 65535)
            {
                failures.Add($"Email:Smtp:Port {options.Smtp.Port} is not a TCP port (1-65535).");
            }
            if (!string.IsNullOrEmpty(options.Smtp.Username) && string.IsNullOrEmpty(options.Smtp.Password))
            {
                failures.Add("Email:Smtp:Password is required when Email:Smtp:Username is set.");
            }
        }
        if (options.PickupDirectory is { } dir && dir.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add("Email:PickupDirectory must be a folder path.");
        }
        AddIfOutOfRange(failures, "Email:MaxAttempts", options.MaxAttempts, 1, 1000);
        AddIfOutOfRange(failures, "Email:RetryBaseSeconds", options.RetryBaseSeconds, 1, 86400);
        AddIfOutOfRange(failures, "Email:RetryMaxSeconds", options.RetryMaxSeconds, options.RetryBaseSeconds, 604800);
        AddIfOutOfRange(failures, "Email:BatchSize", options.BatchSize, 1, 10000);
        AddIfOutOfRange(failures, "Email:PollSeconds", options.PollSeconds, 1, 86400);
        AddIfOutOfRange(failures, "Email:Smtp:TimeoutSeconds", options.Smtp.TimeoutSeconds, 1, 600);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddIfOutOfRange(List<string> failures, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{setting} must be between {min} and {max} (was {value}).");
        }
    }
}
