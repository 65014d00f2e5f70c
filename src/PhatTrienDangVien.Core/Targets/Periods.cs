namespace PhatTrienDangVien.Core.Targets;

/// <summary>Date periods with inclusive ends, as the responsibility map records them (null end = still running).</summary>
public static class Periods
{
    public static bool Overlap(DateOnly from1, DateOnly? to1, DateOnly from2, DateOnly? to2) =>
        from1 <= (to2 ?? DateOnly.MaxValue) && from2 <= (to1 ?? DateOnly.MaxValue);

    public static bool Covers(DateOnly from, DateOnly? to, DateOnly day) => from <= day && (to is null || day <= to);
}
