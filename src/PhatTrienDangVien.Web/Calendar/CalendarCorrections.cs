using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Calendar;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Calendar;

/// <summary>A correction of the computed calendar, as the official announcement of the year gives it.</summary>
public sealed class CalendarCorrectionInput
{
    [Display(Name = "Ngày"), Required(ErrorMessage = "Hãy nhập ngày.")]
    public DateOnly? Date { get; set; }

    [Display(Name = "Loại")]
    public AdjustmentKind Kind { get; set; }

    [Display(Name = "Nội dung"), Required(ErrorMessage = "Hãy ghi nội dung, ví dụ “Nghỉ bù Tết theo Thông báo của Chính phủ”."), StringLength(200)]
    public string Name { get; set; } = "";
}

/// <summary>
/// The calendar is shared by every commune of the installation: only the administrator of a one-commune installation
/// (or the system) corrects it.
/// </summary>
internal static class CalendarCorrectionRules
{
    public static async Task<Outcome<CalendarDayOverride>?> RefuseAsync(AppDbContext db, Access access, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageRules)) return Outcome<CalendarDayOverride>.Forbidden();
        return await InstallationRules.MayEditAsync(db, ct)
            ? null
            : Outcome<CalendarDayOverride>.Refused(new DomainException(InstallationRules.RefusedMessage));
    }
}

/// <summary>Makes a date a day off or a working day; one correction per date.</summary>
public sealed class AddCalendarCorrection(AppDbContext db, Access access)
{
    private const string Prefix = "Input.";
    private const string DateTaken = "Ngày này đã có điều chỉnh; hãy xóa điều chỉnh cũ trước.";

    public async Task<Outcome<CalendarDayOverride>> HandleAsync(CalendarCorrectionInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await CalendarCorrectionRules.RefuseAsync(db, access, ct) is { } refused) return refused;
        input.Name = VietnameseText.Normalize(input.Name) ?? "";
        var errors = new Errors();
        errors.Annotations(input, Prefix);
        if (input.Date is { Year: < 1900 or > 2199 }) errors.Add(Prefix + nameof(input.Date), "Ngày phải trong khoảng 1900–2199.");
        else if (input.Date is { } d && await db.CalendarDayOverrides.AnyAsync(o => o.Date == d, ct)) errors.Add(Prefix + nameof(input.Date), DateTaken);
        if (!Enum.IsDefined(input.Kind)) errors.Add(Prefix + nameof(input.Kind), "Loại điều chỉnh không hợp lệ.");
        if (errors.Any || input.Date is not { } date) return Outcome<CalendarDayOverride>.Invalid(errors.List);

        var correction = new CalendarDayOverride { Date = date, Kind = input.Kind, Name = input.Name };
        db.CalendarDayOverrides.Add(correction);
        // Nothing to compare on a new row; the unique date index answers a simultaneous second add.
        return await db.SaveAsync(correction, _ => Task.FromResult<(CalendarDayOverride?, List<FieldConflict>)>((null, [])), ct,
            duplicate: new FieldError(Prefix + nameof(input.Date), DateTaken));
    }
}

public sealed class DeleteCalendarCorrection(AppDbContext db, Access access)
{
    public async Task<Outcome<CalendarDayOverride>> HandleAsync(int id, CancellationToken ct)
    {
        if (await CalendarCorrectionRules.RefuseAsync(db, access, ct) is { } refused) return refused;
        var correction = await db.CalendarDayOverrides.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (correction is null) return Outcome<CalendarDayOverride>.NotFound();
        db.CalendarDayOverrides.Remove(correction);
        // Deleted by someone else meanwhile: the same end state, said plainly.
        return await db.SaveAsync(correction, _ => Task.FromResult<(CalendarDayOverride?, List<FieldConflict>)>((null, [])), ct);
    }
}
