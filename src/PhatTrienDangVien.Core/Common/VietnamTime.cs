namespace PhatTrienDangVien.Core.Common;

/// <summary>Office dates are Vietnamese dates: UTC+7 all year (no daylight saving).</summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime + Offset);
    }
}
