using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Web.Tests.Infrastructure;

/// <summary>One demo account per role, for role-matrix tests (each role × a route).</summary>
public static class DemoUsers
{
    public static TheoryData<string, string> OneOfEachRole => new()
    {
        { Roles.GrantsOfficer, "officer@demo.opcc-grants.example" },
        { Roles.Assessor, "assessor@demo.opcc-grants.example" },
        { Roles.DecisionMaker, "chief.executive@demo.opcc-grants.example" },
        { Roles.Commissioner, "commissioner@demo.opcc-grants.example" },
        { Roles.Finance, "finance@demo.opcc-grants.example" },
        { Roles.PanelMember, "panel@demo.opcc-grants.example" },
        { Roles.Administrator, "admin@demo.opcc-grants.example" },
        { Roles.Applicant, "applicant@demo.opcc-grants.example" },
    };
}
