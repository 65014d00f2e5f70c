using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Notifications;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Notifications;

/// <summary>
/// Marks the signed-in user's own notifications read. Every query names the user: anyone else's notification is
/// "not found", whatever its id.
/// </summary>
public sealed class MarkNotificationsRead(AppDbContext db, Access access, AuditContext who, TimeProvider clock)
{
    /// <summary>Marks one read; returns it (its link is where opening it leads).</summary>
    public async Task<Outcome<Notification>> OneAsync(int id, CancellationToken ct)
    {
        if (Mine() is not { } mine) return Outcome<Notification>.Forbidden();
        var notification = await mine.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notification is null) return Outcome<Notification>.NotFound();
        await MarkAsync(mine.Where(n => n.Id == id), ct);
        return Outcome<Notification>.Done(notification);
    }

    /// <summary>Marks all of them read; returns how many were unread.</summary>
    public async Task<Outcome<int>> AllAsync(CancellationToken ct) =>
        Mine() is { } mine ? Outcome<int>.Done(await MarkAsync(mine, ct)) : Outcome<int>.Forbidden();

    private IQueryable<Notification>? Mine() =>
        access.Has(Permission.ReadNotifications) && who.UserId is { } me ? db.Notifications.Where(n => n.UserId == me) : null;

    // A read mark is the user's own and changes no record anyone edits: set directly, not through the audited save.
    private Task<int> MarkAsync(IQueryable<Notification> which, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return which.Unread().ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAtUtc, now), ct);
    }
}
