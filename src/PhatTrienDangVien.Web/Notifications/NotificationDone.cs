using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Notifications;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Notifications;

/// <summary>
/// Marks done the open notifications whose thing is done (<see cref="AlertRules.IsSettled"/>): at once for the case a
/// step was just recorded on, and for the whole commune on every daily run (which catches whatever changed a case by
/// another road: an import, a withdrawal, a corrected calendar). Decision 0026 says why it is stored, not computed.
/// </summary>
/// <remarks>Set directly, outside the audited save: the mark is derived from audited steps, like the notification itself.</remarks>
public sealed class NotificationDone(AppDbContext db, RuleBookProvider rules, CalendarService calendars, TimeProvider clock)
{
    /// <summary>Settles the open notifications of these cases (all of the commune's when null); returns how many.</summary>
    public async Task<int> SettleAsync(IReadOnlyCollection<int>? candidateIds, CancellationToken ct)
    {
        var open = db.Notifications.Where(n => n.DoneAtUtc == null && n.CandidateId != null);
        if (candidateIds is not null) open = open.Where(n => candidateIds.Contains(n.CandidateId!.Value));
        var notes = await open.AsNoTracking().Select(n => new { n.Id, n.CommuneId, n.Kind, CandidateId = n.CandidateId!.Value, n.DueDate }).ToListAsync(ct);
        var done = candidateIds is null ? await SettledActionsAsync(ct) : [];
        if (notes.Count == 0 && done.Count == 0) return 0;
        var ids = notes.Select(n => n.CandidateId).Distinct().ToList();
        var cases = await db.Candidates.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Person.FullName, c.Person.DateOfBirth, Cell = c.Cell.Name, c.AddedOn, c.MentorMemberId, c.Status })
            .ToListAsync(ct);
        var steps = (await db.AdmissionSteps.AsNoTracking().Where(s => ids.Contains(s.CandidateId)).ToListAsync(ct)).ToLookup(s => s.CandidateId);
        var book = await rules.GetAsync(ct);
        var calendar = await calendars.GetAsync(ct);
        var today = Core.Common.VietnamTime.Today(clock);
        // Each commune's own horizons, as its alerts were raised with them.
        var communes = notes.Select(n => n.CommuneId).Distinct().ToList();
        var thresholds = await db.NotificationSettings.AsNoTracking().Where(s => communes.Contains(s.CommuneId))
            .ToDictionaryAsync(s => s.CommuneId, s => s.Thresholds, ct);
        AlertThresholds Of(int commune) => thresholds.GetValueOrDefault(commune) ?? AlertThresholds.Default;
        var facts = cases.ToDictionary(c => c.Id, c => (c.Status, Facts: new CaseFacts(c.Id, c.FullName, c.Cell, c.AddedOn, c.MentorMemberId,
            new AdmissionCase(c.Id, c.DateOfBirth, steps[c.Id]))));
        // A case outside the reader's scope is left for the daily run, which sees the whole commune.
        done.AddRange(notes.Where(n => facts.TryGetValue(n.CandidateId, out var f)
            && (f.Status == CandidateStatus.Withdrawn || AlertRules.IsSettled(n.Kind, n.DueDate, f.Facts, book, calendar, today, Of(n.CommuneId))))
            .Select(n => n.Id));
        if (done.Count == 0) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var settled = 0;
        foreach (var chunk in done.Chunk(500))
            settled += await db.Notifications.Where(n => chunk.Contains(n.Id) && n.DoneAtUtc == null)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.DoneAtUtc, now), ct);
        return settled;
    }

    /// <summary>Open alerts about corrective actions that are closed now, or whose due date moved (a new alert follows if still late).</summary>
    private async Task<List<int>> SettledActionsAsync(CancellationToken ct) =>
        await db.Notifications.Where(n => n.DoneAtUtc == null && n.ActionId != null
                && !db.CorrectiveActions.Any(a => a.Id == n.ActionId && a.DueDate == n.DueDate
                    && (a.Status == Core.Inspections.ActionStatus.Open || a.Status == Core.Inspections.ActionStatus.InProgress)))
            .Select(n => n.Id).ToListAsync(ct);
}

/// <summary>The notifications that count as unread: neither read nor done. The header, the page and the digest use it.</summary>
public static class NotificationQueries
{
    public static IQueryable<Notification> Unread(this IQueryable<Notification> notifications) =>
        notifications.Where(n => n.ReadAtUtc == null && n.DoneAtUtc == null);

    private static readonly CompiledPerModel<Func<AppDbContext, string, CancellationToken, Task<int>>> s_unreadCount =
        new(() => EF.CompileAsyncQuery((AppDbContext db, string userId, CancellationToken ct) =>
            db.Notifications.Unread().Count(n => n.UserId == userId)));

    /// <summary>The user's unread notifications, as the page header shows them on every page: a compiled query.</summary>
    public static Task<int> UnreadCountAsync(AppDbContext db, string userId, CancellationToken ct) => s_unreadCount.For(db)(db, userId, ct);
}
