using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Notifications;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Notifications;

/// <summary>
/// The one reader of a commune's alert horizons ("sắp đến hạn", no mentor, certificates, probation): what it set on the
/// mail and alerts page, or the defaults. The home page, the lists, the alerts and the class views read it alike.
/// </summary>
public static class CommuneThresholds
{
    /// <param name="db">The context (its scope filter picks the user's commune when <paramref name="communeId"/> is null).</param>
    /// <param name="communeId">A commune named by the caller (the daily run, as the system), or null for the scope's.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<AlertThresholds> ForAsync(AppDbContext db, int? communeId, CancellationToken ct) =>
        (await db.NotificationSettings.AsNoTracking().FirstOrDefaultAsync(s => communeId == null || s.CommuneId == communeId, ct))?.Thresholds
        ?? AlertThresholds.Default;
}
