

namespace GrantsCommissioning.Core.Features.Attachments;

/// <summary>
/// The file types applicants may upload, checked by extension AND by the bytes they start with, so a renamed
/// executable or script is refused whatever it is called.
/// </summary>
public static class FileSniffer
{
    public sealed record FileKind(string Extension, string ContentType, string Description);

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    public static readonly IReadOnlyList<FileKind> Allowed =
    [
        new(".pdf", "application/pdf", "PDF"),
        new(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document"),
        new(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel spreadsheet"),
        new(".odt", "application/vnd.oasis.opendocument.text", "OpenDocument text"),
        new(".ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument spreadsheet"),
        new(".jpg", "image/jpeg", "JPEG image"),
        new(".jpeg", "image/jpeg", "JPEG image"),
        new(".png", "image/png", "PNG image"),
        new(".csv", "text/csv", "CSV file"),
        new(".txt", "text/plain", "text file"),
    ];

    public static string AllowedList => string.Join(", ", Allowed.Select(k => k.Extension.TrimStart('.').ToUpperInvariant()).Distinct());

    public static FileKind? ByExtension(string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return Allowed.FirstOrDefault(k => k.Extension == extension);
    }

    /// <summary>Whether the first bytes of the file are what its extension claims.</summary>
    public static bool Matches(FileKind kind, ReadOnlySpan<byte> head)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.Extension switch
        {
            ".pdf" => head.StartsWith(Pdf),
            ".png" => head.StartsWith(Png),
            ".jpg" or ".jpeg" => head.StartsWith(Jpeg),
            ".docx" or ".xlsx" or ".odt" or ".ods" => head.StartsWith(Zip),
            ".csv" or ".txt" => IsText(head),
            _ => false,
        };
    }

    private static bool IsText(ReadOnlySpan<byte> head)
    {
        if (head.IndexOf((byte)0) >= 0)
        {
            return false;
        }
        // The head may end inside a multi-byte character; trim up to 3 trailing bytes before checking.
        for (var trim = 0; trim <= Math.Min(3, head.Length); trim++)
        {
            if (System.Text.Unicode.Utf8.IsValid(head[..^trim]))
            {
                return true;
            }
        }
        return false;
    }
}
