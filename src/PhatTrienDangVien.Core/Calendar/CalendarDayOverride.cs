namespace PhatTrienDangVien.Core.Calendar;

/// <summary>
/// A stored <see cref="CalendarAdjustment"/>: the administrator's correction of one date to the Government's
/// announcement. National, so it belongs to the installation rather than to one commune.
/// </summary>
public class CalendarDayOverride
{
    public int Id { get; set; }
    public DateOnly Date { get; set; }
    public AdjustmentKind Kind { get; set; }
    public required string Name { get; set; }
    public int Version { get; set; }

    public CalendarAdjustment ToAdjustment() => new(Date, Kind, Name);
}
