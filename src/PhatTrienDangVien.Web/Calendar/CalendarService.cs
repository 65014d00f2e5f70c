using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Calendar;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Calendar;

/// <summary>
/// The working-day calendar of the installation: computed holidays corrected by the stored overrides.
/// One instance for the process; a change of the overrides invalidates the year it touches.
/// </summary>
public sealed class CalendarService
{
    private readonly IServiceScopeFactory _scopes;

    public CalendarService(IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        Calendar = new WorkingDayCalendar(LoadYear);
    }

    public WorkingDayCalendar Calendar { get; }

    public void Invalidate(int year) => Calendar.Invalidate(year);

    private List<CalendarAdjustment> LoadYear(int year)
    {
        using var scope = _scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return db.CalendarDayOverrides.AsNoTracking().Where(o => o.Date >= from && o.Date <= to).OrderBy(o => o.Id)
            .AsEnumerable().Select(o => o.ToAdjustment()).ToList();
    }
}
