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
    /// <summary>
    /// For a file an applicant sends with more information (purpose "Further information"): the application's workflow
    /// journal entry it belongs to, by sequence. While a question is open that is the question; when the applicant sends
    /// their answer (grant-application v5) the files move to the answer. On v4, which has no answer in the app, they stay
    /// with the question. Null for every other file.
    /// </summary>
    public int? JournalSequence { get; set; }
}
