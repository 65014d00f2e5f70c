namespace PhatTrienDangVien.Core.Calendar;

/// <summary>What an administrator's correction does to a date.</summary>
public enum AdjustmentKind
{
    /// <summary>The date becomes a day off (extra day off, or a holiday moved onto this date).</summary>
    DayOff,

    /// <summary>The date becomes a working day: a make-up Saturday, or a default holiday that was not granted.</summary>
    WorkingDay,
}

/// <summary>
/// A correction of the computed calendar to the Government's announcement for a year, stored as data
/// (e.g. Tết 2025: "nghỉ thêm" Monday 27/1 as <see cref="AdjustmentKind.DayOff"/>, "làm bù" Saturday 8/2 as
/// <see cref="AdjustmentKind.WorkingDay"/>).
/// </summary>
/// <param name="Date">The day being corrected.</param>
/// <param name="Kind">Day off or working day.</param>
/// <param name="Name">Vietnamese label shown to users, e.g. "Nghỉ Tết (hoán đổi)" or "Làm bù cho ngày 27/1".</param>
public sealed record CalendarAdjustment(DateOnly Date, AdjustmentKind Kind, string Name);
