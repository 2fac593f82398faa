using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;

namespace GrantsCommissioning.Core.Features.Organisations;

/// <summary>
/// The audit rows of changes to an organisation's identity, where its money goes and who may act for it. Bank numbers
/// are only ever stored masked: the audit log is read by more people than may see the account.
/// </summary>
public static class OrganisationAudit
{
    public const string CreatedAction = "Organisation.Created";
    public const string DetailsChangedAction = "Organisation.DetailsChanged";
    public const string BankDetailsChangedAction = "Organisation.BankDetailsChanged";
    public const string InvitedAction = "Organisation.MemberInvited";
    public const string InvitationAcceptedAction = "Organisation.InvitationAccepted";
    public const string RoleChangedAction = "Organisation.MemberRoleChanged";
    public const string RemovedAction = "Organisation.MemberRemoved";

    public sealed record IdentityImage(string Name, string Type, string? CharityNumber, string? CompanyNumber, string AddressLine1,
        string? AddressLine2, string Town, string Postcode, string AreaServed);

    public sealed record BankImage(string? AccountName, string? SortCode, string? AccountNumber);

    public sealed record MemberImage(string Email, string Role, string? UserId);

    public static IdentityImage Identity(Organisation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Name, o.Type.ToString(), o.CharityNumber, o.CompanyNumber, o.AddressLine1, o.AddressLine2, o.Town, o.Postcode, o.AreaServed);
    }

    public static BankImage? Bank(Organisation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.BankAccountNumber is null && o.BankSortCode is null && o.BankAccountName is null ? null
            : new(o.BankAccountName, o.MaskedSortCode, o.MaskedAccountNumber);
    }

    public static MemberImage Member(OrganisationMember m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.Email, m.Role.ToString(), m.UserId);
    }

    public static Task<AuditEntry> AppendAsync(this AuditTrail audit, GrantsDbContext db, Actor actor, string action, int organisationId,
        object? before, object? after, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return audit.AppendAsync(db, actor, action, nameof(Organisation), organisationId.ToString(CultureInfo.InvariantCulture), before, after, ct);
    }
}
