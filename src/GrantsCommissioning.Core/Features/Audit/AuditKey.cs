using System.Security.Cryptography;
using System.Text;
using GrantsCommissioning.Core.Domain;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Features.Audit;

/// <summary>
/// The secret the audit chain is keyed with. It lives outside the database (a setting, or a key file readable only by
/// the app's user), so someone who can write to the database cannot forge a row with a recomputed hash.
/// </summary>
public sealed class AuditKey
{
    public const int MinimumBytes = 32;

    private readonly Lazy<byte[]> key;

    public AuditKey(IOptions<AuditOptions> options, DataPaths paths)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);
        var o = options.Value;
        KeyFilePath = Path.GetFullPath(Path.Combine(paths.DataDirectory, o.KeyFile));
        key = new Lazy<byte[]>(() => string.IsNullOrWhiteSpace(o.HmacKey) ? FromFile(KeyFilePath) : Decode(o.HmacKey)!);
    }

    public string KeyFilePath { get; }

    /// <summary>Loads (or on first run creates) the key now, so a bad key stops start-up instead of the first audited change.</summary>
    public void EnsureLoaded() => _ = key.Value;

    public string Hash(AuditEntry entry) => Mac(AuditHash.Canonical(entry, AuditHash.KeyedVersion));

    public string Mac(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(key.Value, Encoding.UTF8.GetBytes(text)));

    internal static byte[]? Decode(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text.Trim(), buffer, out var length) && length >= MinimumBytes ? buffer[..length] : null;
    }

    private static byte[] FromFile(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                Create(path);
            }
            return Decode(File.ReadAllText(path))
                ?? throw new StartupException($"Audit:KeyFile {path} does not hold base64 of at least {MinimumBytes} bytes; restore it from your backup (a new key cannot verify the existing log).");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Audit:KeyFile {path} cannot be read or created ({ex.Message}).", ex);
        }
    }

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var file = new StreamWriter(path, Encoding.ASCII, options);
        file.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes)));
    }
}
