namespace PhatTrienDangVien.Web.Auditing;

/// <summary>Append-only record of one change; written in the same transaction as the change itself.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public int? CommuneId { get; set; }
    public DateTime AtUtc { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public required string Action { get; set; }
    /// <summary>JSON object: field → [old, new].</summary>
    public string Changes { get; set; } = "{}";
}
