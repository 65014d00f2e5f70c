namespace PhatTrienDangVien.Core.Admission;

/// <summary>A scan or photo of the signed paper behind a step (PDF, JPEG or PNG), kept with the data.</summary>
public class StepAttachment
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxFilesPerUpload = 5;

    public int Id { get; set; }
    public int StepId { get; set; }
    public StepRecord? Step { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    public byte[] Content { get; set; } = [];
    public DateTime UploadedAtUtc { get; set; }
    public string UploadedBy { get; set; } = "";

    /// <summary>
    /// The content type proven by the file's first bytes, or null when it is none of the accepted kinds: the name
    /// and the browser's declared type are not trusted.
    /// </summary>
    public static string? SniffContentType(ReadOnlySpan<byte> head) => head switch
    {
        [0x25, 0x50, 0x44, 0x46, ..] => "application/pdf",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        _ => null,
    };
}
