namespace PhatTrienDangVien.Core.Common;

/// <summary>
/// Office dates and times are Vietnamese: UTC+7 all year (no daylight saving). The one place that says so; every
/// "today", every shown time and every day boundary goes through here.
/// </summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOf(clock.GetUtcNow());
    }

    /// <summary>The Vietnamese date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime + Offset);

    /// <summary>The Vietnamese wall-clock time of a UTC instant, for display.</summary>
    public static DateTime Local(DateTime utc) => utc + Offset;

    /// <summary>The UTC instant at which a Vietnamese day begins (for filtering stored UTC instants by office dates).</summary>
    public static DateTime StartOfDayUtc(DateOnly day) => DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - Offset, DateTimeKind.Utc);
}
