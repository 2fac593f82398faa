namespace GrantsCommissioning.Core.Domain;

/// <summary>One due-diligence check recorded on an application: which item, by whom and when, with the note (and RAG) it needs.</summary>
public class DueDiligenceCheck
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public GrantApplication? Application { get; set; }
    /// <summary>The item's key in <see cref="DueDiligence.Items"/>, e.g. "BankDetailsSecondCheck".</summary>
    public required string Item { get; set; }
    public string? Note { get; set; }
    /// <summary>For the financial-viability item only.</summary>
    public Rag? Rag { get; set; }
    public required string RecordedByUserId { get; set; }
    public required string RecordedByName { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
