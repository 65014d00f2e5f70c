using PhatTrienDangVien.Core.Common;

namespace PhatTrienDangVien.Core.Classes;

/// <summary>The two classes a political centre runs for the admission procedure. Stored as their numbers.</summary>
public enum ClassKind
{
    /// <summary>Lớp bồi dưỡng nhận thức về Đảng: for candidates, before the application (step 3 of the procedure).</summary>
    Awareness = 1,
    /// <summary>Lớp bồi dưỡng lý luận chính trị cho đảng viên mới: for probationary members, before recognition.</summary>
    NewMember = 2,
}

/// <summary>
/// One class of a political centre (trung tâm chính trị). It belongs to the centre's host commune; the communes it is
/// shared with have a <see cref="ClassQuota"/> each and see it through that.
/// </summary>
public class PartyClass : CommuneEntity
{
    public int CenterId { get; set; }
    public Organisations.PoliticalCenter Center { get; set; } = null!;
    public ClassKind Kind { get; set; }
    /// <summary>Số hoặc tên lớp, e.g. "Lớp bồi dưỡng nhận thức về Đảng khóa I năm 2026".</summary>
    public required string Name { get; set; }
    /// <summary>Ngày khai giảng.</summary>
    public DateOnly OpensOn { get; set; }
    /// <summary>Ngày bế giảng.</summary>
    public DateOnly ClosesOn { get; set; }
    public string? Place { get; set; }
    /// <summary>How many the class takes in all, every commune together.</summary>
    public int Capacity { get; set; }
    /// <summary>Chuyên đề, free text (the five core topics and the local ones).</summary>
    public string? Topics { get; set; }
    /// <summary>Giảng viên, free text.</summary>
    public string? Lecturers { get; set; }
    /// <summary>The grades a pass is given in, best first, separated by ";" (e.g. "Giỏi; Khá; Trung bình").</summary>
    public string ResultScale { get; set; } = ClassRules.DefaultScale;
    public string? Notes { get; set; }
    public List<ClassQuota> Quotas { get; set; } = [];
    public bool IsDemo { get; set; }

    /// <summary>How many days the class lasts (attendance is taken on each).</summary>
    public int Days => ClosesOn.DayNumber - OpensOn.DayNumber + 1;
}

/// <summary>
/// How many seats of a class a commune has (its office approves its list within it). <see cref="CommuneEntity.CommuneId"/>
/// is the commune the seats are for, which may not be the class's.
/// </summary>
public class ClassQuota : CommuneEntity
{
    public int ClassId { get; set; }
    public int Seats { get; set; }
}

/// <summary>A commune a political centre serves besides its host (<see cref="CommuneEntity.CommuneId"/> is the commune served).</summary>
public class CenterCommune : CommuneEntity
{
    public int CenterId { get; set; }
}

/// <summary>Where a person's place in a class stands. Stored as their numbers.</summary>
public enum EnrolmentStatus
{
    /// <summary>Proposed by the cell, waiting for the commune office.</summary>
    Proposed = 0,
    /// <summary>On the commune's approved list: sent to the centre.</summary>
    Approved = 1,
    /// <summary>The office did not approve it (reason recorded).</summary>
    Refused = 2,
    /// <summary>Taken back by the cell or the office before the class.</summary>
    Withdrawn = 3,
}

public enum ClassResult
{
    None = 0,
    Passed = 1,
    Failed = 2,
}

/// <summary>
/// One person's nomination to a class and, once approved, their enrolment: attendance, result and certificate. It
/// belongs to the person's commune and cell (the cell's scope reaches it), and points at the admission case whose class
/// step a pass records.
/// </summary>
public class ClassEnrolment : CommuneEntity
{
    public int ClassId { get; set; }
    public PartyClass Class { get; set; } = null!;
    /// <summary>The candidate's case (an awareness class) or the probationary member's case (a new-member class).</summary>
    public int CandidateId { get; set; }
    public People.Candidate Candidate { get; set; } = null!;
    /// <summary>The cell that proposed them (their cell then).</summary>
    public int CellId { get; set; }
    public EnrolmentStatus Status { get; set; }
    public string ProposedBy { get; set; } = "";
    public DateTime ProposedAtUtc { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    /// <summary>Why the office refused, or why it was withdrawn.</summary>
    public string? StatusReason { get; set; }
    /// <summary>One character per day of the class, "1" present and "0" absent; empty until attendance is taken.</summary>
    public string Attendance { get; set; } = "";
    /// <summary>The essay or test mark, on the centre's 10-point scale.</summary>
    public decimal? Score { get; set; }
    public ClassResult Result { get; set; }
    /// <summary>"Khá", "Giỏi"… from the class's scale, for a pass.</summary>
    public string? Grade { get; set; }
    /// <summary>Why a fail (absent too many days, essay below the mark…).</summary>
    public string? FailReason { get; set; }
    public string? CertificateNumber { get; set; }
    public DateOnly? CertificateDate { get; set; }
    /// <summary>The procedure's class step the pass recorded.</summary>
    public int? StepId { get; set; }
    public bool IsDemo { get; set; }

    public int DaysPresent => Attendance.Count(c => c == '1');
}
