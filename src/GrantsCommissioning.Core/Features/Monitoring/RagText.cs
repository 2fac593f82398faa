using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>A RAG rating as officers say it.</summary>
public static class RagText
{
    public static string Describe(Rag rag) => rag switch
    {
        Rag.Green => "On track",
        Rag.Amber => "Some concerns",
        Rag.Red => "Off track",
        _ => "Not rated",
    };
}
