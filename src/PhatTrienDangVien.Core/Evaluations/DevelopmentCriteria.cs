namespace PhatTrienDangVien.Core.Evaluations;

/// <summary>
/// A cell's party-development results for a year, from the data (plan point P12): the year's target and admissions,
/// the pool and how many of it hold a valid awareness certificate, the open cases and how many are overdue, the pool
/// without a mentor.
/// </summary>
public sealed record DevelopmentFacts(int Target, int Admitted, int Pool, int Trained, int OpenCases, int Overdue, int WithoutMentor);

/// <summary>
/// How many of the 100 points each development criterion is worth: set by the commune (domain.md §7 "their weight is
/// set locally"). The defaults make development worth 10 points, most of them for reaching the target.
/// </summary>
public sealed record DevelopmentWeights(decimal TargetReached = 5, decimal CandidatesTrained = 2, decimal NoOverdueSteps = 2, decimal EveryoneMentored = 1)
{
    public decimal Total => TargetReached + CandidatesTrained + NoOverdueSteps + EveryoneMentored;
}

/// <summary>One criterion's share: how far the cell got (0–1) and the points that gives.</summary>
public sealed record CriterionScore(string Name, string Measure, decimal Ratio, decimal Points, decimal Weight);

public static class DevelopmentScore
{
    /// <summary>
    /// Each criterion's points: its weight times how far the cell got. Nothing to do counts as done (no target, no
    /// pool, no open case), so a small cell is not marked down for having nobody to admit.
    /// </summary>
    public static IReadOnlyList<CriterionScore> Compute(DevelopmentFacts f, DevelopmentWeights w)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(w);
        static decimal Share(int part, int whole) => whole <= 0 ? 1m : Math.Clamp((decimal)part / whole, 0m, 1m);
        CriterionScore C(string name, string measure, decimal ratio, decimal weight) => new(name, measure, ratio, Math.Round(ratio * weight, 2), weight);
        return
        [
            C("Đạt chỉ tiêu kết nạp", f.Target > 0 ? $"{f.Admitted}/{f.Target}" : $"{f.Admitted} (không giao chỉ tiêu)", Share(f.Admitted, f.Target), w.TargetReached),
            C("Quần chúng trong nguồn đã học lớp nhận thức", $"{f.Trained}/{f.Pool}", Share(f.Trained, f.Pool), w.CandidatesTrained),
            C("Không có bước kết nạp quá hạn", $"{f.Overdue} quá hạn/{f.OpenCases} hồ sơ", f.OpenCases <= 0 ? 1m : 1m - Share(f.Overdue, f.OpenCases), w.NoOverdueSteps),
            C("Quần chúng có đảng viên giúp đỡ", $"{f.Pool - f.WithoutMentor}/{f.Pool}", Share(f.Pool - f.WithoutMentor, f.Pool), w.EveryoneMentored),
        ];
    }

    public static decimal Total(IEnumerable<CriterionScore> scores) => scores?.Sum(s => s.Points) ?? 0;
}
