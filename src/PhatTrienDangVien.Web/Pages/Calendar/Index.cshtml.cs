using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Calendar;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Calendar;

/// <summary>The year's holidays as computed, and the administrator's corrections to the official announcement.</summary>
[RequirePermission(Permission.ReadRules)]
public class IndexModel(AppDbContext db, CalendarService calendars, Access access, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public OverrideInput Input { get; set; } = new();

    public IReadOnlyList<Holiday> Holidays { get; private set; } = [];
    public List<CalendarDayOverride> Overrides { get; private set; } = [];
    public int ShownYear => Year ?? Core.Common.VietnamTime.Today(clock).Year;
    public bool CanEdit => access.Has(Permission.ManageRules);

    public sealed class OverrideInput
    {
        [Display(Name = "Ngày"), Required(ErrorMessage = "Hãy nhập ngày.")]
        public DateOnly? Date { get; set; }
        [Display(Name = "Loại")]
        public AdjustmentKind Kind { get; set; }
        [Display(Name = "Nội dung"), Required(ErrorMessage = "Hãy ghi nội dung, ví dụ “Nghỉ bù Tết theo Thông báo của Chính phủ”."), StringLength(200)]
        public string Name { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (ShownYear is < 1900 or > 2199) return BadRequest();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await InstallationRules.CommuneAdminMayEditAsync(db, ct))
        {
            TempData["Error"] = InstallationRules.RefusedMessage;
            return Redirect(Request.Path);
        }
        Input.Name = VietnameseText.Normalize(Input.Name) ?? "";
        if (Input.Date is { } d && await db.CalendarDayOverrides.AnyAsync(o => o.Date == d, ct))
            ModelState.AddModelError("Input.Date", "Ngày này đã có điều chỉnh; hãy xóa điều chỉnh cũ trước.");
        if (Input.Date is { Year: < 1900 or > 2199 }) ModelState.AddModelError("Input.Date", "Ngày phải trong khoảng 1900–2199.");
        if (!Enum.IsDefined(Input.Kind)) ModelState.AddModelError("Input.Kind", "Loại điều chỉnh không hợp lệ.");
        if (!ModelState.IsValid)
        {
            if (Input.Date is { Year: >= 1900 and <= 2199 } shown) Year = shown.Year;
            if (Year is < 1900 or > 2199) Year = null;
            await LoadAsync(ct);
            return Page();
        }
        db.CalendarDayOverrides.Add(new CalendarDayOverride { Date = Input.Date!.Value, Kind = Input.Kind, Name = Input.Name });
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"Đã ghi điều chỉnh ngày {Input.Date:dd/MM/yyyy}.";
        return Redirect($"/Calendar?Year={Input.Date.Value.Year}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await InstallationRules.CommuneAdminMayEditAsync(db, ct))
        {
            TempData["Error"] = InstallationRules.RefusedMessage;
            return Redirect(Request.Path);
        }
        var o = await db.CalendarDayOverrides.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (o is null) return NotFound();
        db.CalendarDayOverrides.Remove(o);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"Đã xóa điều chỉnh ngày {o.Date:dd/MM/yyyy}.";
        return Redirect($"/Calendar?Year={o.Date.Year}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Holidays = (await calendars.GetAsync(ct)).HolidaysOf(ShownYear);
        var from = new DateOnly(ShownYear, 1, 1);
        var to = new DateOnly(ShownYear, 12, 31);
        Overrides = await db.CalendarDayOverrides.AsNoTracking().Where(o => o.Date >= from && o.Date <= to).OrderBy(o => o.Date).ToListAsync(ct);
    }
}
