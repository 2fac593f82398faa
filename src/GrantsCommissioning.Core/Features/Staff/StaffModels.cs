namespace GrantsCommissioning.Core.Features.Staff;

public enum StaffSort
{
    Name,
    LastSignIn,
}

/// <summary>One member of staff as the administrator's list shows them.</summary>
public sealed record StaffRow(
    string UserId, string Name, string Email, IReadOnlyList<string> Roles, bool Disabled, bool Invited, bool TwoFactor, DateTimeOffset? LastSignInAt)
{
    public string Status => Disabled ? "Disabled" : Invited ? "Invited" : "Active";

    public string RoleNames => string.Join(", ", Roles.Select(Domain.Roles.Describe));
}

public sealed record StaffPage(IReadOnlyList<StaffRow> Rows, int Total);

/// <summary>A staff account's history of administrative changes, newest first, from the audit log.</summary>
public sealed record StaffChange(DateTimeOffset At, string By, string Action)
{
    /// <summary>The change in words (the audit action names it for the log).</summary>
    public string Description => Action switch
    {
        "Staff.Invited" => "Invited",
        "Staff.InvitationResent" => "Invitation sent again",
        "Staff.RolesChanged" => "Roles changed",
        "Staff.Disabled" => "Disabled",
        "Staff.Enabled" => "Enabled",
        "Staff.TwoFactorReset" => "Authenticator reset",
        _ => Action,
    };
}

/// <summary>A staff account: its latest <see cref="StaffAdministration.RecentChanges"/> changes, and how many there are in all.</summary>
public sealed record StaffDetail(StaffRow Member, IReadOnlyList<StaffChange> Changes, int ChangeCount, int OrganisationMemberships);

public sealed record StaffChangePage(StaffRow Member, IReadOnlyList<StaffChange> Changes, int Total);

/// <summary>The administrator's invitation form.</summary>
public sealed class StaffInviteInput
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? JobTitle { get; set; }
    public List<string> Roles { get; set; } = [];
}

/// <summary>The roles form of a staff account.</summary>
public sealed class StaffRolesInput
{
    public List<string> Roles { get; set; } = [];
}
