using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>Who sees officers' portfolios (officers and the decision makers they answer to) and who changes an award's officer or rating.</summary>
public static class MonitoringAccess
{
    public const string PortfolioRoles = Roles.GrantsOfficer + "," + Roles.DecisionMaker + "," + Roles.Administrator;

    public static readonly IReadOnlyList<string> PortfolioRoleList = [Roles.GrantsOfficer, Roles.DecisionMaker, Roles.Administrator];
}
