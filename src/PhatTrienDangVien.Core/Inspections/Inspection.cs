using PhatTrienDangVien.Core.Common;

namespace PhatTrienDangVien.Core.Inspections;

/// <summary>Kiểm tra (the committee checks a cell's work against the rules) or giám sát chuyên đề (it follows the work as it goes).</summary>
public enum InspectionKind
{
    Inspection = 1,
    Supervision = 2,
}

/// <summary>
/// One line of the year's inspection and supervision plan (plan point P11, Quy định 296-QĐ/TW): a cell, the topic,
/// the period and the team. Written by the commune office; the sessions held under it by the inspection committee.
/// </summary>
public class InspectionPlanItem : CommuneEntity
{
    public int Year { get; set; }
    public InspectionKind Kind { get; set; }
    public int CellId { get; set; }
    public required string Topic { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    /// <summary>The team in words ("Đ/c Trần Văn Hải, Chủ nhiệm UBKT; đ/c …").</summary>
    public required string Team { get; set; }
    public string? Notes { get; set; }
    public bool IsDemo { get; set; }
}

/// <summary>
/// A session held under a plan line: the date, the team present, the conclusion; with the cell's development figures
/// and the checklist's breaches as they stood on the day, stored (JSON) so the record reads later as it read then.
/// </summary>
public class InspectionSession : CommuneEntity
{
    public int PlanItemId { get; set; }
    /// <summary>The plan line's cell, kept here so that the cell's filter reads one column.</summary>
    public int CellId { get; set; }
    public DateOnly Date { get; set; }
    public required string Team { get; set; }
    public string? Conclusion { get; set; }
    /// <summary>The development figures of the cell on <see cref="CheckedOn"/> (<see cref="InspectionSnapshot"/>).</summary>
    public string? SnapshotJson { get; set; }
    /// <summary>The checklist's breaches over the cell's cases on <see cref="CheckedOn"/> (<see cref="CheckedBreach"/>).</summary>
    public string? BreachesJson { get; set; }
    public DateOnly? CheckedOn { get; set; }
    public bool IsDemo { get; set; }
}

/// <summary>What the session found: in words, with the case it concerns and the checklist's item when it came from one.</summary>
public class InspectionFinding : CommuneEntity
{
    public int SessionId { get; set; }
    public int CellId { get; set; }
    public required string Text { get; set; }
    public int? CandidateId { get; set; }
    public CheckKind? Check { get; set; }
    public bool IsDemo { get; set; }
}

/// <summary>What is done about a finding: who, by when, how far, and what shows it was done (<see cref="CorrectiveActions"/>).</summary>
public class CorrectiveAction : CommuneEntity
{
    public int FindingId { get; set; }
    public int CellId { get; set; }
    public required string Task { get; set; }
    public required string Owner { get; set; }
    public DateOnly DueDate { get; set; }
    public ActionStatus Status { get; set; }
    public DateOnly? DoneOn { get; set; }
    public string? Evidence { get; set; }
    public string? CancelReason { get; set; }
    public bool IsDemo { get; set; }
}

/// <summary>The cell's development figures as a session found them (stored with the session).</summary>
public sealed record InspectionSnapshot(DateOnly TakenOn, int Year, DateOnly First, DateOnly Last, int Target, int Admitted, int Pool, int Trained,
    int OpenCases, int Overdue, int WithoutMentor, int LateSteps, int CasesChecked);

/// <summary>A breach as a session stored it: the checklist's item, the case by name (as it was), the step's date and the message.</summary>
public sealed record CheckedBreach(CheckKind Check, int CandidateId, string FullName, DateOnly Date, string Message);

public static class InspectionWords
{
    public static string Kind(InspectionKind k) => k switch
    {
        InspectionKind.Inspection => "Kiểm tra",
        InspectionKind.Supervision => "Giám sát chuyên đề",
        _ => "(không hợp lệ)",
    };
}
