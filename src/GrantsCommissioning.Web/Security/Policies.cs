using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Cases;
using Microsoft.AspNetCore.Authorization;

namespace GrantsCommissioning.Web.Security;

/// <summary>One policy per role plus a few unions; every page and endpoint names one, and anything unnamed needs sign-in.</summary>
public static class Policies
{
    public const string Applicant = Roles.Applicant;
    public const string GrantsOfficer = Roles.GrantsOfficer;
    public const string Assessor = Roles.Assessor;
    public const string DecisionMaker = Roles.DecisionMaker;
    public const string Commissioner = Roles.Commissioner;
    public const string Finance = Roles.Finance;
    public const string PanelMember = Roles.PanelMember;
    public const string Administrator = Roles.Administrator;
    public const string Staff = nameof(Staff);
    public const string Decisions = nameof(Decisions);

    /// <summary>Case pages: staff who work on cases, not Panel members; which cases each may see is decided in Core (CaseAccess).</summary>
    public const string CasePages = nameof(CasePages);

    /// <summary>Funds and their budgets: administrators and the finance team.</summary>
    public const string Funds = nameof(Funds);

    /// <summary>Virements between funds: finance asks, the Chief Finance Officer (a decision maker) decides.</summary>
    public const string Virements = nameof(Virements);

    /// <summary>Award payment schedules: grants officers and the finance team change them before the payments are made.</summary>
    public const string Schedules = nameof(Schedules);

    /// <summary>Deciding an award's change request: grants officers (within their share), decision makers and the Commissioner.</summary>
    public const string ChangeDecisions = nameof(ChangeDecisions);

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var role in Roles.All)
        {
            options.AddPolicy(role, p => p.RequireAuthenticatedUser().RequireRole(role));
        }
        options.AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.Staff));
        options.AddPolicy(Decisions, p => p.RequireAuthenticatedUser().RequireRole(Roles.DecisionMaker, Roles.Commissioner));
        options.AddPolicy(Funds, p => p.RequireAuthenticatedUser().RequireRole(Roles.Finance, Roles.Administrator));
        options.AddPolicy(Virements, p => p.RequireAuthenticatedUser().RequireRole(Roles.Finance, Roles.DecisionMaker));
        options.AddPolicy(Schedules, p => p.RequireAuthenticatedUser().RequireRole(Roles.GrantsOfficer, Roles.Finance));
        options.AddPolicy(ChangeDecisions, p => p.RequireAuthenticatedUser().RequireRole(Roles.GrantsOfficer, Roles.DecisionMaker, Roles.Commissioner));
        options.AddPolicy(CasePages, p => p.RequireAuthenticatedUser().RequireRole(CaseAccess.CasePageRoles));
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
