using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>A RAG rating, and a change request's decision, as officers and grantees say them.</summary>
public static class RagText
{
    public static string Describe(Rag rag) => rag switch
    {
        Rag.Green => "On track",
        Rag.Amber => "Some concerns",
        Rag.Red => "Off track",
        _ => "Not rated",
    };

    public static string Describe(ChangeRequestStatus status) => status switch
    {
        ChangeRequestStatus.Approved => "Approved",
        ChangeRequestStatus.Refused => "Refused",
        _ => "Waiting for a decision",
    };
}
