namespace GrantsCommissioning.Core.Domain;

/// <summary>Where a quarter's Panel report is: officers write it as a draft; an approved draft can be published.</summary>
public enum PanelReportStatus
{
    Draft = 0,
    Approved = 1,
}
