namespace PhatTrienDangVien.Web.Auditing;

/// <summary>
/// Append-only record of one change; written in the same transaction as the change itself. Rows form one hash chain
/// per commune (and one for the installation, <see cref="CommuneId"/> null): <see cref="Hash"/> covers the row's fields
/// and <see cref="PrevHash"/>, the hash of the row before it in its chain, so editing, inserting or removing a row
/// breaks the chain (AuditChain, verify-audit).
/// </summary>
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

    /// <summary>The chain: the commune, or 0 for the installation's rows (a unique index needs a non-null key).</summary>
    public int Chain { get; set; }
    /// <summary>1, 2, 3… within the chain; a gap is a removed row. Negative: written before the chain existed, not yet linked.</summary>
    public long Seq { get; set; }
    /// <summary>SHA-256 (hex) of the row before in the chain; 64 zeros for the first.</summary>
    public string PrevHash { get; set; } = "";
    /// <summary>SHA-256 (hex) of the canonical form of this row's fields and <see cref="PrevHash"/>.</summary>
    public string Hash { get; set; } = "";
}

/// <summary>
/// The last row of each chain as the application wrote it, sealed with a key outside the database (derived from the
/// key-ring certificate): removing the last rows of a chain leaves the chain itself intact, but not this record,
/// which someone holding only the database cannot rewrite. Also the lock that serialises the writers of a chain.
/// </summary>
public class AuditTail
{
    public int Chain { get; set; }
    public long Seq { get; set; }
    public string Hash { get; set; } = "";
    /// <summary>HMAC-SHA256 (hex) of chain, seq and hash; empty when the application ran without a sealing key.</summary>
    public string Seal { get; set; } = "";
}
