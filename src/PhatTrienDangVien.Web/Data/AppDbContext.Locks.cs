using Microsoft.EntityFrameworkCore;

namespace PhatTrienDangVien.Web.Data;

public abstract partial class AppDbContext
{
    /// <summary>
    /// Waits for, then holds to the end of the current transaction, the lock that lets one import or one undo of an
    /// import of the commune run at a time (its checks against the register and its writes together). PostgreSQL: an
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
