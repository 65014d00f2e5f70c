using PhatTrienDangVien.Core.Admission;

namespace PhatTrienDangVien.Core.Planning;

/// <summary>A case still in a stage, with the days it has spent there so far.</summary>
public sealed record OpenStay(int CandidateId, int CellId, DateOnly Entered, int Days);

/// <summary>Time spent in one stage.</summary>
/// <param name="Completed">Stays that ended by moving on to a later stage (withdrawals are not durations of the stage's work).</param>
/// <param name="MedianDays">Median of the completed stays' days; null when there are none.</param>
/// <param name="P90Days">90th percentile (nearest rank) of the completed stays' days; null when there are none.</param>
/// <param name="Open">Cases in the stage now.</param>
/// <param name="Slowest">The cases in the stage now that have waited longest, longest first (ties by candidate id).</param>
public sealed record StageDurationRow(
    AdmissionStage Stage,
    string Name,
    int Completed,
    double? MedianDays,
    int? P90Days,
    int? MaxDays,
    int Open,
    IReadOnlyList<OpenStay> Slowest);

/// <summary>
/// Time in stage, in calendar days from the date of the step that moved the case into the stage to the date of
/// the step that moved it on (steps on the same day give 0). Rows are <see cref="Funnel.Stages"/>; the probation
/// row's completed stays run from the ceremony to the recognition decision.
/// </summary>
public static class StageDurations
{
    /// <param name="slowest">How many open cases to list per stage.</param>
    /// <param name="completedSince">Only stays that ended on or after this date count as completed (e.g. the last
    /// 12 months); null: all history.</param>
    public static IReadOnlyList<StageDurationRow> Compute(IEnumerable<CaseHistory> cases, DateOnly today, int slowest = 5, DateOnly? completedSince = null)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentOutOfRangeException.ThrowIfNegative(slowest);
        var n = Funnel.Stages.Count;
        var done = new List<int>[n];
        var open = new List<OpenStay>[n];
        for (var r = 0; r < n; r++)
        {
            done[r] = [];
            open[r] = [];
        }

        foreach (var c in cases)
        {
            foreach (var stay in Stays.Of(c, Funnel.RowOf, today))
            {
                if (stay.End == StayEnd.Open)
                {
                    open[stay.Row].Add(new OpenStay(c.CandidateId, c.CellId, stay.Entered, stay.Days(today)));
                }
                else if (stay.End == StayEnd.Advanced && (completedSince is null || stay.Left >= completedSince))
                {
                    done[stay.Row].Add(stay.Days(today));
                }
            }
        }

        var rows = new StageDurationRow[n];
        for (var r = 0; r < n; r++)
        {
            done[r].Sort();
            var any = done[r].Count > 0;
            rows[r] = new StageDurationRow(
                Funnel.Stages[r], StepNames.Of(Funnel.Stages[r]), done[r].Count,
                any ? Stats.Median(done[r]) : null,
                any ? Stats.NearestRank(done[r], 0.9) : null,
                any ? done[r][^1] : null,
                open[r].Count,
                [.. open[r].OrderByDescending(s => s.Days).ThenBy(s => s.CandidateId).Take(slowest)]);
        }

        return rows;
    }
}
