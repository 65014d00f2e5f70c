using PhatTrienDangVien.Core.Common;

namespace PhatTrienDangVien.Core.Evaluations;

/// <summary>The four levels of the annual quality rating, for organisations and members alike (Quy định 366-QĐ/TW).</summary>
public enum RatingLevel
{
    /// <summary>Hoàn thành xuất sắc nhiệm vụ.</summary>
    Excellent = 1,
    /// <summary>Hoàn thành tốt nhiệm vụ.</summary>
    Good = 2,
    /// <summary>Hoàn thành nhiệm vụ.</summary>
    Complete = 3,
    /// <summary>Không hoàn thành nhiệm vụ.</summary>
    NotComplete = 4,
}

/// <summary>
/// The score bands of the rating and the cap on "excellent", each a number with its source. Quy định 366-QĐ/TW
/// (30/8/2025) and Hướng dẫn 43-HD/BTCTW (31/10/2025): a 100-point scale; excellent from 90 with further conditions,
/// good from 70, complete from 50. The cap ("excellent" at most 20% of those rated "good") is stated for
/// organisations; whether it binds members too is unconfirmed (domain.md §8), so it is a switch.
/// </summary>
public sealed record RatingScale
{
    public const string Citation = "Quy định 366-QĐ/TW (30/8/2025); Hướng dẫn 43-HD/BTCTW (31/10/2025)";

    public decimal ExcellentMin { get; init; } = 90;
    public decimal GoodMin { get; init; } = 70;
    public decimal CompleteMin { get; init; } = 50;
    public decimal MaxScore { get; init; } = 100;
    /// <summary>"Excellent" may be at most this share (%) of those rated "good" in the same group.</summary>
    public int ExcellentCapPercent { get; init; } = 20;
    public bool CapAppliesToOrganisations { get; init; } = true;
    /// <summary>Unconfirmed: off by default; a commune that reads the guidance otherwise turns it on.</summary>
    public bool CapAppliesToMembers { get; init; }

    public static RatingScale Default { get; } = new();

    /// <summary>Refuses bands that do not climb (a typing error would rate everyone the same).</summary>
    public void Validate()
    {
        if (!(0 <= CompleteMin && CompleteMin < GoodMin && GoodMin < ExcellentMin && ExcellentMin <= MaxScore))
            throw new DomainException(string.Create(QualityRatings.Vi, $"Các ngưỡng điểm phải tăng dần: hoàn thành < hoàn thành tốt < xuất sắc ≤ {MaxScore:0.#}."), "RatingBands", Citation);
        if (ExcellentCapPercent is < 0 or > 100)
            throw new DomainException("Tỷ lệ xuất sắc tối đa phải từ 0 đến 100%.", "RatingCap", Citation);
    }
}

/// <summary>The level a score gives, why, and the level decided after any override.</summary>
public sealed record RatingOutcome(RatingLevel FromScore, RatingLevel Level, string Explanation, bool Overridden);

/// <summary>The rules of the rating that need no database: score to level, conditions, override, the cap.</summary>
public static class QualityRatings
{
    /// <summary>Scores are written as the papers write them: "98,7", whatever the thread's culture.</summary>
    internal static readonly System.Globalization.CultureInfo Vi = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    public static string Name(RatingLevel level) => level switch
    {
        RatingLevel.Excellent => "Hoàn thành xuất sắc nhiệm vụ",
        RatingLevel.Good => "Hoàn thành tốt nhiệm vụ",
        RatingLevel.Complete => "Hoàn thành nhiệm vụ",
        RatingLevel.NotComplete => "Không hoàn thành nhiệm vụ",
        _ => "(không hợp lệ)",
    };

    /// <summary>
    /// The level of a score. A score in the excellent band without the further conditions (<paramref name="excellentConditionsMet"/>:
    /// outstanding results, nobody disciplined… as the committee judges them) is "good"; an override by the deciding
    /// committee needs its reason and is kept beside the level the score gave.
    /// </summary>
    public static RatingOutcome Decide(decimal score, bool excellentConditionsMet, RatingScale scale, RatingLevel? overrideLevel = null, string? overrideReason = null)
    {
        ArgumentNullException.ThrowIfNull(scale);
        if (score < 0 || score > scale.MaxScore)
            throw new DomainException(string.Create(Vi, $"Điểm phải từ 0 đến {scale.MaxScore:0.#}."), "RatingScore", RatingScale.Citation);
        if (overrideLevel is { } o && !Enum.IsDefined(o))
            throw new DomainException("Mức xếp loại không hợp lệ.", "RatingLevel", RatingScale.Citation);

        RatingLevel fromScore;
        string why;
        if (score >= scale.ExcellentMin && excellentConditionsMet)
            (fromScore, why) = (RatingLevel.Excellent, string.Create(Vi, $"{score:0.##} điểm (từ {scale.ExcellentMin:0.#}) và đạt các điều kiện của mức xuất sắc"));
        else if (score >= scale.ExcellentMin)
            (fromScore, why) = (RatingLevel.Good, string.Create(Vi, $"{score:0.##} điểm nhưng chưa đạt các điều kiện của mức xuất sắc"));
        else if (score >= scale.GoodMin)
            (fromScore, why) = (RatingLevel.Good, string.Create(Vi, $"{score:0.##} điểm (từ {scale.GoodMin:0.#} đến dưới {scale.ExcellentMin:0.#})"));
        else if (score >= scale.CompleteMin)
            (fromScore, why) = (RatingLevel.Complete, string.Create(Vi, $"{score:0.##} điểm (từ {scale.CompleteMin:0.#} đến dưới {scale.GoodMin:0.#})"));
        else
            (fromScore, why) = (RatingLevel.NotComplete, string.Create(Vi, $"{score:0.##} điểm (dưới {scale.CompleteMin:0.#})"));

        if (overrideLevel is not { } level || level == fromScore) return new RatingOutcome(fromScore, fromScore, why, false);
        var reason = overrideReason?.Trim();
        if (string.IsNullOrEmpty(reason))
            throw new DomainException($"Xếp loại khác mức theo điểm ({Name(fromScore)}) phải ghi rõ lý do.", "RatingOverride", RatingScale.Citation);
        return new RatingOutcome(fromScore, level, $"{why}; cấp ủy xếp loại {Name(level).ToLowerInvariant()}: {reason}", true);
    }

    /// <summary>
    /// The most "excellent" a group may have: the cap's share of those rated "good", rounded down. Null when the cap
    /// does not apply to this group.
    /// </summary>
    public static int? ExcellentCap(int goodCount, RatingScale scale, bool members)
    {
        ArgumentNullException.ThrowIfNull(scale);
        if (members ? !scale.CapAppliesToMembers : !scale.CapAppliesToOrganisations) return null;
        return goodCount * scale.ExcellentCapPercent / 100;
    }

    /// <summary>A Vietnamese message when a group's levels exceed the cap; null when they keep to it.</summary>
    public static string? CapBreach(IEnumerable<RatingLevel> levels, RatingScale scale, bool members)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var list = levels.ToList();
        int excellent = list.Count(l => l == RatingLevel.Excellent), good = list.Count(l => l == RatingLevel.Good);
        if (ExcellentCap(good, scale, members) is not { } cap || excellent <= cap) return null;
        return $"{excellent} {(members ? "đảng viên" : "tổ chức")} xếp loại hoàn thành xuất sắc, vượt {scale.ExcellentCapPercent}% số hoàn thành tốt ({good}): tối đa {cap}.";
    }

    /// <summary>Counts per level, in the order of the report upward.</summary>
    public static IReadOnlyList<(RatingLevel Level, int Count)> Summary(IEnumerable<RatingLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var by = levels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        return [.. Enum.GetValues<RatingLevel>().Select(l => (l, by.GetValueOrDefault(l)))];
    }
}
