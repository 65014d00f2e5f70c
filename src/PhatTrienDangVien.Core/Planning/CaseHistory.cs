using PhatTrienDangVien.Core.Admission;

namespace PhatTrienDangVien.Core.Planning;

/// <summary>A period a case spent in one stage: entered on the date of the step that moved it there.</summary>
/// <param name="Left">Date of the step that moved it on, or null while it is still there.</param>
/// <param name="Next">The stage it moved to, or null while it is still there.</param>
public sealed record StageVisit(AdmissionStage Stage, DateOnly Entered, DateOnly? Left, AdmissionStage? Next);

/// <summary>
/// One candidate's case as the planning figures read it: the cell it belongs to now and the stages it went through,
/// replayed from its recorded steps by <see cref="AdmissionCase"/> (the stage is never stored, so the planning
/// figures and the rules engine cannot disagree).
/// </summary>
/// <remarks>
/// <b>Admitted</b> means the admission ceremony (<see cref="AdmissionStepKind.Ceremony"/>): probation starts that day
/// and the person enters the register as a probationary member (domain.md §3, step 11). The decision date is not
/// used: a decision without a ceremony has not yet produced a member. <see cref="AdmittedOn"/> is that date.
/// </remarks>
public sealed class CaseHistory
{
    /// <param name="steps">The candidate's steps in any order; the web layer loads them with the candidate.</param>
    public CaseHistory(int candidateId, int cellId, IEnumerable<StepRecord> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        CandidateId = candidateId;
        CellId = cellId;
        Visits = Replay(candidateId, new AdmissionCase(candidateId, default, steps).Steps);
    }

    public int CandidateId { get; }

    /// <summary>The cell the candidate belongs to now (all of the case is counted for this cell).</summary>
    public int CellId { get; }

    /// <summary>Stages in the order they were entered; consecutive steps that do not change the stage add no visit.</summary>
    public IReadOnlyList<StageVisit> Visits { get; }

    public AdmissionStage Stage => Visits.Count == 0 ? AdmissionStage.NotStarted : Visits[^1].Stage;

    /// <summary>The admission ceremony date, if there was one.</summary>
    public DateOnly? AdmittedOn => Visits.FirstOrDefault(v => v.Stage == AdmissionStage.Probation)?.Entered;

    public static CaseHistory From(AdmissionCase admissionCase, int cellId)
    {
        ArgumentNullException.ThrowIfNull(admissionCase);
        return new CaseHistory(admissionCase.CandidateId, cellId, admissionCase.Steps);
    }

    // The stage after each prefix of the steps, from the rules engine itself. Quadratic in the number of steps
    // (a case has about 15), which is cheap next to loading the rows.
    private static List<StageVisit> Replay(int candidateId, IReadOnlyList<StepRecord> ordered)
    {
        var visits = new List<StageVisit>();
        var previous = AdmissionStage.NotStarted;
        for (var i = 0; i < ordered.Count; i++)
        {
            var stage = new AdmissionCase(candidateId, default, ordered.Take(i + 1)).CurrentStage;
            if (stage == previous)
            {
                continue;
            }

            var date = ordered[i].Date;
            if (visits.Count > 0)
            {
                visits[^1] = visits[^1] with { Left = date, Next = stage };
            }

            visits.Add(new StageVisit(stage, date, null, null));
            previous = stage;
        }

        return visits;
    }
}

/// <summary>How a stay in a group of stages ended.</summary>
internal enum StayEnd
{
    Open,
    Advanced,
    Dropped,
}

/// <summary>A stay in one row of a report (a stage, or stages shown together), as of a date.</summary>
internal readonly record struct Stay(int Row, DateOnly Entered, DateOnly? Left, StayEnd End)
{
    /// <summary>Days in the row: to <see cref="Left"/>, or to <paramref name="asOf"/> while open.</summary>
    public int Days(DateOnly asOf) => (Left ?? asOf).DayNumber - Entered.DayNumber;
}

internal static class Stays
{
    /// <summary>
    /// The case's stays in the rows <paramref name="rowOf"/> assigns (−1: not counted), consecutive visits of the
    /// same row merged, seen as of <paramref name="asOf"/>: later visits are ignored and a stay left after it is open.
    /// Leaving to <see cref="AdmissionStage.Withdrawn"/> or <see cref="AdmissionStage.Removed"/> is a drop; any other
    /// move is an advance (the procedure only moves forward).
    /// </summary>
    public static List<Stay> Of(CaseHistory c, Func<AdmissionStage, int> rowOf, DateOnly asOf)
    {
        var stays = new List<Stay>();
        foreach (var visit in c.Visits)
        {
            if (visit.Entered > asOf)
            {
                break;
            }

            var row = rowOf(visit.Stage);
            var left = visit.Left is { } l && l <= asOf ? l : (DateOnly?)null;
            var end = left is null ? StayEnd.Open
                : visit.Next is AdmissionStage.Withdrawn or AdmissionStage.Removed ? StayEnd.Dropped
                : StayEnd.Advanced;
            if (row < 0)
            {
                continue;
            }

            if (stays.Count > 0 && stays[^1].Row == row && stays[^1].Left == visit.Entered)
            {
                stays[^1] = stays[^1] with { Left = left, End = end };
            }
            else
            {
                stays.Add(new Stay(row, visit.Entered, left, end));
            }
        }

        return stays;
    }
}
