namespace PhatTrienDangVien.Core.Targets;

/// <summary>
/// The sum of parts (years of a term, cells of a year) against the whole. A mismatch is a warning, never an error:
/// the resolutions may have been adopted that way and the record must say what they say.
/// </summary>
public sealed record SumCheck(int Expected, int Actual)
{
    /// <summary>Positive when the parts exceed the whole, negative when they fall short.</summary>
    public int Difference => Actual - Expected;
    public bool Matches => Difference == 0;

    /// <summary>Vietnamese sentence for the warning box, or null when the sum matches.</summary>
    public string? Warning(string parts, string whole) => Difference switch
    {
        0 => null,
        < 0 => $"Tổng {parts} là {Actual}, ít hơn {whole} ({Expected}) {-Difference} đảng viên.",
        _ => $"Tổng {parts} là {Actual}, nhiều hơn {whole} ({Expected}) {Difference} đảng viên.",
    };
}

public static class TargetSums
{
    public static SumCheck Check(int expected, IEnumerable<int> parts) => new(expected, parts.Sum());

    /// <summary>
    /// The calendar years that carry a yearly target: a term 2025–2030 has five yearly resolutions, 2025 to 2029
    /// (the congress that closes the term is held in its last year and the next term's first year starts there).
    /// </summary>
    public static IReadOnlyList<int> TermYears(int startYear, int endYear) =>
        endYear <= startYear ? [] : Enumerable.Range(startYear, endYear - startYear).ToList();

    /// <summary>
    /// The term target spread evenly over the years; what does not divide goes one each to the last years
    /// (131 over five years: 26, 26, 26, 26, 27), when the commune has had time to build its sources.
    /// </summary>
    public static IReadOnlyList<(int Year, int Count)> DefaultSpread(int termTarget, IReadOnlyList<int> years)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(termTarget);
        if (years.Count == 0) return [];
        var share = termTarget / years.Count;
        var remainder = termTarget % years.Count;
        return years.Select((y, i) => (y, share + (i >= years.Count - remainder ? 1 : 0))).ToList();
    }
}
