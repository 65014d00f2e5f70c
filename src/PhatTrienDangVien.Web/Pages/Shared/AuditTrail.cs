using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Shared;

public static class AuditTrail
{
    /// <summary>The trail of these records, newest first, as a user reads it (<see cref="AuditView"/>).</summary>
    public static async Task<List<AuditRow>> ForAsync(AppDbContext db, CancellationToken ct, params (string Type, int Id)[] records)
    {
        var keys = records.Select(r => r.Type + "#" + r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var entries = new List<AuditEntry>();
        foreach (var (type, id) in records)
        {
            var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            entries.AddRange(await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == type && a.EntityId == key).ToListAsync(ct));
        }
        return await new AuditView(db).RowsAsync([.. entries.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)], ct);
    }

    public static string Local(DateTime utc) =>
        Core.Common.VietnamTime.Local(utc).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
