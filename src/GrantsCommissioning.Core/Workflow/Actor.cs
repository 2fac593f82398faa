using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Workflow;

/// <summary>Who is acting: a signed-in user with their roles, or the system (timers, imports).</summary>
public sealed record Actor(string UserId, string DisplayName, IReadOnlySet<string> Roles)
{
    public const string SystemUserId = "system";
    public const string SystemRole = "System";

    public static Actor System { get; } = new(SystemUserId, "GrantsCommissioning (automatic)", new HashSet<string> { SystemRole });

    public bool IsSystem => UserId == SystemUserId;

    public bool IsInRole(string role) => Roles.Contains(role);

    public static Actor For(string userId, string displayName, params string[] roles) =>
        new(userId, displayName, new HashSet<string>(roles, StringComparer.Ordinal));
}

public readonly record struct CaseRef(CaseKind Kind, int Id)
{
    public static CaseRef Of(IWorkflowCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new CaseRef(c.Kind, c.Id);
    }

    public override string ToString() => $"{Kind}/{Id}";
}
