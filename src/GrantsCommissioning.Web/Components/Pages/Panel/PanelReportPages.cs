using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Web.Components.Pages.Panel;

/// <summary>Who uses the staff Panel report pages: officers write, the Chief Executive or Commissioner approves.</summary>
public static class PanelReportPages
{
    public const string StaffRoles = Roles.GrantsOfficer + "," + Roles.DecisionMaker + "," + Roles.Commissioner;
}
