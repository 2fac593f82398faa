namespace GrantsCommissioning.Core.Domain;

public static class Roles
{
    public const string Applicant = nameof(Applicant);
    public const string GrantsOfficer = nameof(GrantsOfficer);
    public const string Assessor = nameof(Assessor);
    public const string DecisionMaker = nameof(DecisionMaker);
    public const string Commissioner = nameof(Commissioner);
    public const string Finance = nameof(Finance);
    public const string PanelMember = nameof(PanelMember);
    public const string Administrator = nameof(Administrator);

    public static readonly IReadOnlyList<string> All =
        [Applicant, GrantsOfficer, Assessor, DecisionMaker, Commissioner, Finance, PanelMember, Administrator];

    public static readonly IReadOnlyList<string> Staff =
        [GrantsOfficer, Assessor, DecisionMaker, Commissioner, Finance, PanelMember, Administrator];

    public static string Describe(string role) => role switch
    {
        Applicant => "Applicant",
        GrantsOfficer => "Grants officer",
        Assessor => "Assessor",
        DecisionMaker => "Decision maker",
        Commissioner => "Police and Crime Commissioner",
        Finance => "Finance",
        PanelMember => "Police and Crime Panel member",
        Administrator => "Administrator",
        _ => role,
    };
}
