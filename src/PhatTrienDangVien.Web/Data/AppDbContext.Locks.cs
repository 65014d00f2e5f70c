using Microsoft.EntityFrameworkCore;

namespace PhatTrienDangVien.Web.Data;

public abstract partial class AppDbContext
{
    /// <summary>
    /// Waits for, then holds to the end of the current transaction, the lock that lets one change of the commune's
    /// register at a time run its checks and its writes together: an import, the undo of an import, opening a member's
    /// recognition case from the register (the undo refuses once a case exists). PostgreSQL: an
    /// advisory transaction lock keyed on the commune. SQLite: any write takes the database's only write lock, so the
    /// commune's uploads are touched (no value changes).
    /// </summary>
    internal async Task LockCommuneImportsAsync(CancellationToken ct)
    {
        if (Database.CurrentTransaction is null) throw new InvalidOperationException("The commune's import lock is held by a transaction.");
        var commune = Scope.CommuneId;
        if (IsPostgres)
        {
            // The high half names the lock's purpose ("IMPO"), the low half the commune.
            var key = (0x494D504FL << 32) | (uint)commune;
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
        }
        else await ImportUploads.Where(u => u.CommuneId == commune).ExecuteUpdateAsync(u => u.SetProperty(x => x.UploadedAtUtc, x => x.UploadedAtUtc), ct);
    }

    /// <summary>
    /// Waits for, then holds to the end of the current transaction, the lock of the commune's class places: two
    /// approvals against the last seats, or the same person proposed for two classes at once, are checked one after the
    /// other. PostgreSQL: an advisory transaction lock keyed on the commune. SQLite: any write takes the database's only
    /// write lock, so the class is touched (no value changes).
    /// </summary>
    internal async Task LockClassPlacesAsync(int classId, CancellationToken ct)
    {
        if (Database.CurrentTransaction is null) throw new InvalidOperationException("The class places' lock is held by a transaction.");
        if (IsPostgres)
        {
            // The high half names the lock's purpose ("CLAS"), the low half the commune.
            var key = (0x434C4153L << 32) | (uint)Scope.CommuneId;
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
        }
        // Bypass reviewed: the class is touched to take SQLite's write lock; nothing is read.
        else await PartyClasses.IgnoreQueryFilters().Where(c => c.Id == classId).ExecuteUpdateAsync(u => u.SetProperty(x => x.Version, x => x.Version), ct);
    }
}
