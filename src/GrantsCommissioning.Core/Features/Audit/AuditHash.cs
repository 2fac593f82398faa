using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Audit;

/// <summary>The canonical form of an audit row and its SHA-256; shared by the writer and the verifier.</summary>
public static class AuditHash
{
    /// <summary>The previous hash of the first row in the chain.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Compute(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // Length-prefixed fields rather than JSON: no escaping rules that a framework upgrade could change, and no
        // two different rows share a canonical form (null is distinct from empty).
        var canonical = new StringBuilder("audit-v1;");
        foreach (var field in new[]
        {
            entry.Id.ToString(CultureInfo.InvariantCulture), entry.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            entry.ActorUserId, entry.ActorName, entry.Action, entry.EntityType, entry.EntityId, entry.Before, entry.After, entry.PreviousHash,
        })
        {
            canonical.Append(field is null ? "~" : string.Create(CultureInfo.InvariantCulture, $"{field.Length}:{field}")).Append(';');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}
