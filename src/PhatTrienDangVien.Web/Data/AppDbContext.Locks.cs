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
}
