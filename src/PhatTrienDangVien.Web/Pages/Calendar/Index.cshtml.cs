using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Calendar;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Calendar;

/// <summary>The year's holidays as computed, and the administrator's corrections to the official announcement.</summary>
[RequirePermission(Permission.ReadRules)]
public class IndexModel(AppDbContext db, CalendarService calendars, Access access, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public CalendarCorrectionInput Input { get; set; } = new();

    public IReadOnlyList<Holiday> Holidays { get; private set; } = [];
    public List<CalendarDayOverride> Overrides { get; private set; } = [];
    public int ShownYear => Year ?? Core.Common.VietnamTime.Today(clock).Year;
    public bool CanEdit => access.Has(Permission.ManageRules);
    /// <summary>Whether this user may change the shared calendar here (a commune's administrator only while the installation serves that one commune).</summary>
    public bool MayEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (ShownYear is < 1900 or > 2199) return BadRequest();
        await LoadAsync(ct);
        return Page();
    }

    [RequireHandlerPermission(Permission.ManageRules)]
    public async Task<IActionResult> OnPostAddAsync([FromServices] AddCalendarCorrection add, CancellationToken ct)
    {
        // The form comes back on the year of the date typed, when it is one.
        if (Input.Date is { Year: >= 1900 and <= 2199 } shown) Year = shown.Year;
        if (Year is < 1900 or > 2199) Year = null;
        await LoadAsync(ct);
        // A user who may not change the shared calendar here is told so first (the page's note), not about the fields.
        if (InstallationRulesPage.RefuseUnlessMayEdit(this, MayEdit) is { } refused) return refused;
        if (!ModelState.IsValid) return Page();
        var outcome = await add.HandleAsync(Input, ct);
        if (this.Show(outcome) is { } result) return result;
        var saved = outcome.Value!;
        TempData["Success"] = $"Đã ghi điều chỉnh ngày {saved.Date:dd/MM/yyyy}.";
        return Redirect($"/Calendar?Year={saved.Date.Year}");
    }

    [RequireHandlerPermission(Permission.ManageRules)]
    public async Task<IActionResult> OnPostDeleteAsync(int id, [FromServices] DeleteCalendarCorrection delete, CancellationToken ct)
    {
        var outcome = await delete.HandleAsync(id, ct);
        if (this.Show(outcome) is { } result)
        {
            await LoadAsync(ct);
            return result;
        }
        var deleted = outcome.Value!;
        TempData["Success"] = $"Đã xóa điều chỉnh ngày {deleted.Date:dd/MM/yyyy}.";
        return Redirect($"/Calendar?Year={deleted.Date.Year}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MayEdit = CanEdit && await InstallationRules.MayEditAsync(db, ct);
        Holidays = (await calendars.GetAsync(ct)).HolidaysOf(ShownYear);
        var from = new DateOnly(ShownYear, 1, 1);
        var to = new DateOnly(ShownYear, 12, 31);
        Overrides = await db.CalendarDayOverrides.AsNoTracking().Where(o => o.Date >= from && o.Date <= to).OrderBy(o => o.Date).ToListAsync(ct);
    }
}
