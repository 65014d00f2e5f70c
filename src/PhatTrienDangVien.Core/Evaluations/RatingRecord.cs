using PhatTrienDangVien.Core.Common;

namespace PhatTrienDangVien.Core.Evaluations;

/// <summary>Who is rated: a party cell (the organisation) or a member.</summary>
public enum RatedKind
{
    Cell = 1,
    Member = 2,
}

/// <summary>
/// The member's self-assessment form of Hướng dẫn 43-HD/BTCTW (31/10/2025): 2A for leaders and managers, 2B for other
/// cadres, civil servants and employees, 2C for members who do not work in the political system (farmers, traders,
/// retirees…). The letters are the guidance's; which applies is the office's choice per member.
/// </summary>
public enum SelfAssessmentForm
{
    Leader = 1,
    Staff = 2,
    OutsideSystem = 3,
}

/// <summary>
/// A year's quality rating of one cell or one member (plan point P12): the self-assessment (level and text), the score
/// on the 100-point scale the commune's criteria give, the level that score gives, and the level decided — with the
/// reason when it differs — by whom and when. For a cell, its development results of the year are stored beside the
/// score as they stood when it was rated.
/// </summary>
public class QualityRatingRecord : CommuneEntity
{
    public int Year { get; set; }
    public RatedKind Kind { get; set; }
    /// <summary>The cell rated, or the cell of the member rated (their cell that year).</summary>
    public int CellId { get; set; }
    public int? MemberId { get; set; }
    public SelfAssessmentForm? Form { get; set; }
    public RatingLevel? SelfLevel { get; set; }
    public string? SelfAssessment { get; set; }
    public decimal? Score { get; set; }
    public bool ExcellentConditionsMet { get; set; }
    /// <summary>The level the score gave (with the conditions); null until scored.</summary>
    public RatingLevel? LevelFromScore { get; set; }
    /// <summary>The level decided; differs from <see cref="LevelFromScore"/> only with <see cref="OverrideReason"/>.</summary>
    public RatingLevel? Level { get; set; }
    public string? OverrideReason { get; set; }
    /// <summary>How the level follows from the score, in words (kept as it read when decided).</summary>
    public string? Explanation { get; set; }
    public string? DecidingBody { get; set; }
    public DateOnly? DecidedOn { get; set; }
    /// <summary>For a cell: its development facts and the criteria's points when it was rated (JSON).</summary>
    public string? DevelopmentJson { get; set; }
    public string? Notes { get; set; }
    public bool IsDemo { get; set; }
}

/// <summary>
/// The commune's settings of the rating: the score bands and the cap (defaults from <see cref="RatingScale"/>), the
/// development criteria's weights (<see cref="DevelopmentWeights"/>) and the commune's own criteria in words.
/// One row per commune; none means the defaults.
/// </summary>
public class RatingSettings : CommuneEntity
{
    public decimal ExcellentMin { get; set; } = RatingScale.Default.ExcellentMin;
    public decimal GoodMin { get; set; } = RatingScale.Default.GoodMin;
    public decimal CompleteMin { get; set; } = RatingScale.Default.CompleteMin;
    public int ExcellentCapPercent { get; set; } = RatingScale.Default.ExcellentCapPercent;
    public bool CapAppliesToOrganisations { get; set; } = true;
    public bool CapAppliesToMembers { get; set; }
    public decimal WeightTargetReached { get; set; } = 5;
    public decimal WeightCandidatesTrained { get; set; } = 2;
    public decimal WeightNoOverdueSteps { get; set; } = 2;
    public decimal WeightEveryoneMentored { get; set; } = 1;
    /// <summary>The commune's criteria for cells and members, in words (what the 100 points are given for).</summary>
    public string? Criteria { get; set; }

    public RatingScale Scale => new()
    {
        ExcellentMin = ExcellentMin, GoodMin = GoodMin, CompleteMin = CompleteMin, ExcellentCapPercent = ExcellentCapPercent,
        CapAppliesToOrganisations = CapAppliesToOrganisations, CapAppliesToMembers = CapAppliesToMembers,
    };

    public DevelopmentWeights Weights => new(WeightTargetReached, WeightCandidatesTrained, WeightNoOverdueSteps, WeightEveryoneMentored);
}

public static class RatingWords
{
    public static string Form(SelfAssessmentForm f) => f switch
    {
        SelfAssessmentForm.Leader => "Mẫu 2A — cán bộ lãnh đạo, quản lý",
        SelfAssessmentForm.Staff => "Mẫu 2B — cán bộ, công chức, viên chức, người lao động",
        SelfAssessmentForm.OutsideSystem => "Mẫu 2C — đảng viên không làm việc trong hệ thống chính trị",
        _ => "(không hợp lệ)",
    };

    /// <summary>The form's code as the guidance prints it: "2A", "2B", "2C".</summary>
    public static string Code(SelfAssessmentForm f) => f switch
    {
        SelfAssessmentForm.Leader => "2A",
        SelfAssessmentForm.Staff => "2B",
        SelfAssessmentForm.OutsideSystem => "2C",
        _ => "(không hợp lệ)",
    };

    public static string Kind(RatedKind k) => k == RatedKind.Cell ? "Chi bộ" : "Đảng viên";
}
