namespace PhatTrienDangVien.Web.Setup;

/// <summary>
/// Work an upgrade needs done once on the rows already written (the audit chain's old rows: nothing writes them since),
/// recorded as finished work in the job claims (<see cref="Data.JobClaims"/>) when it has run to its end. A start asks
/// whether it has finished and skips it, where its own queries ran at every start (docs/benchmarks.md). A step that
/// failed, or whose server stopped before it finished, is not recorded and runs at the next start; a database restored
/// from an older copy carries that copy's record. Only for work that cannot come back: what it would find later is
/// done by the writes that make it (see each key).
/// </summary>
public static class UpgradeSteps
{
    /// <summary>Rows written before the audit chain existed: nothing writes a row outside the chain since.</summary>
    public const string AuditChain = "upgrade:audit-chain";

    /// <summary>
    /// Papers numbered before the register existed (<see cref="Documents.NumberedPaperBackfill"/>). One no term covered
    /// is entered by the write that makes a term cover it, not by a later start.
    /// </summary>
    public const string NumberedPapers = "upgrade:numbered-papers";
}
