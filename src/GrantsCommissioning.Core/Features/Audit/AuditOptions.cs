using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Features.Audit;

/// <summary>The "Audit" section of configuration: the key of the hash chain and where its anchors are written.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>Base64 of at least 32 random bytes; when empty, a key file in the data directory is used (created on first run).</summary>
    public string? HmacKey { get; set; }

    /// <summary>The key file used when <see cref="HmacKey"/> is empty; relative to the data directory. Default audit-hmac.key.</summary>
    public string KeyFile { get; set; } = "audit-hmac.key";

    /// <summary>The append-only file of anchors (latest row and hash); relative to the data directory. Default audit-anchor.log.</summary>
    public string AnchorFile { get; set; } = "audit-anchor.log";

    /// <summary>How often the latest row and hash are anchored (also at start-up and shutdown).</summary>
    public int AnchorSeconds { get; set; } = 60;
}

internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.HmacKey) && AuditKey.Decode(options.HmacKey) is null)
        {
            failures.Add($"Audit:HmacKey must be base64 of at least {AuditKey.MinimumBytes} random bytes (for example the output of: openssl rand -base64 32).");
        }
        if (string.IsNullOrWhiteSpace(options.KeyFile) || options.KeyFile.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add("Audit:KeyFile must be a file path.");
        }
        if (string.IsNullOrWhiteSpace(options.AnchorFile) || options.AnchorFile.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add("Audit:AnchorFile must be a file path.");
        }
        if (options.AnchorSeconds is < 1 or > 86_400)
        {
            failures.Add($"Audit:AnchorSeconds must be between 1 and 86400 (was {options.AnchorSeconds}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
