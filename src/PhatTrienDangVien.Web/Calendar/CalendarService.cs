using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Calendar;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Calendar;

/// <summary>
/// The working-day calendar of the installation: computed holidays corrected by the stored overrides. Built from one
/// asynchronous read of the overrides (a few rows a year) and kept under the installation's data version, checked once
/// per request, so a correction saved on any server applies everywhere from the next request.
/// </summary>
public sealed class CalendarService(AppDbContext db, InstallationCache cache)
{
    private WorkingDayCalendar? _calendar;

    public async Task<WorkingDayCalendar> GetAsync(CancellationToken ct)
    {
        if (_calendar is { } calendar) return calendar;
        var version = await cache.VersionAsync(db, ct);
        if (cache.Calendar is { } cached && cached.Version == version) return _calendar = cached.Calendar;
        var overrides = await db.CalendarDayOverrides.AsNoTracking().OrderBy(o => o.Id).ToListAsync(ct);
        var byYear = overrides.Select(o => o.ToAdjustment()).ToLookup(a => a.Date.Year);
        _calendar = new WorkingDayCalendar(year => [.. byYear[year]]);
        cache.Calendar = (version, _calendar);
        return _calendar;
    }
}
