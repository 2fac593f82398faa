using System.ComponentModel.DataAnnotations;

namespace GrantsCommissioning.Core.Features.Attachments;

/// <summary>The "Attachments" section of configuration.</summary>
public sealed class AttachmentOptions
{
    public const string SectionName = "Attachments";

    /// <summary>Largest file accepted, in bytes (default 10 MB).</summary>
    [Range(1024, 1_073_741_824, ErrorMessage = "Attachments:MaxBytes must be between 1 KB and 1 GB.")]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Folder for stored files, outside wwwroot; relative to Grants:DataDirectory. Default: attachments.</summary>
    [Required]
    public string StoragePath { get; set; } = "attachments";
}
