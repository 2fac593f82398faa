namespace GrantsCommissioning.Core.Domain;

/// <summary>An officer's RAG rating of an award (on track, some concerns, off track) with its reason; every rating is kept.</summary>
public class AwardRating
{
    public long Id { get; set; }
    public int AwardId { get; set; }
    public Rag Rag { get; set; }
    public required string Reason { get; set; }
    public required string RatedByUserId { get; set; }
    public required string RatedByName { get; set; }
    public DateTimeOffset RatedAt { get; set; }
}
