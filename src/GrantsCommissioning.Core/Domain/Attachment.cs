namespace GrantsCommissioning.Core.Domain;

public class Attachment
{
    public int Id { get; set; }
    public int? ApplicationId { get; set; }
    public int? MonitoringReturnId { get; set; }
    public int? OrganisationId { get; set; }
    public required string Purpose { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    /// <summary>Generated name of the file in the store outside wwwroot; never derived from user input.</summary>
    public required string StoredName { get; set; }
    public required string Sha256 { get; set; }
    public string? UploadedByUserId { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
