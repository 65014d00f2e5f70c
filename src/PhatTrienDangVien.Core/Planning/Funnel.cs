using PhatTrienDangVien.Core.Admission;

namespace PhatTrienDangVien.Core.Planning;

/// <summary>One row of the funnel.</summary>
/// <param name="Now">Cases in the stage on the report date.</param>
/// <param name="InWindow">
/// Cases that were in the stage at some time in the window: entered on or before its end, and had not left before
/// its start (entered during the window, or before and still there when it began).
/// </param>
/// <param name="Advanced">Of <paramref name="InWindow"/>, those that moved to a later stage during the window.</param>
/// <param name="Dropped">Of <paramref name="InWindow"/>, those that withdrew (or, on probation, were removed) during the window.</param>
/// <param name="StillThere">Of <paramref name="InWindow"/>, those still in the stage at the end of the window.</param>
/// <param name="Conversion">Advanced / InWindow: the share that moved on within the window; null when InWindow is 0.
/// Cases still waiting count against it, so a slow stage shows a low rate even if nobody withdraws.</param>
/// <param name="Retention">Advanced / (Advanced + Dropped): of those who left the stage in the window, the share that
/// moved on rather than dropped out; null when nobody left. This is the rate the forecast uses.</param>
public sealed record FunnelRow(
    AdmissionStage Stage,
    string Name,
    int Now,
    int InWindow,
    int Advanced,
    int Dropped,
    int StillThere,
    double? Conversion,
    double? Retention);

/// <summary>The funnel on <paramref name="To"/>, conversion counted over the window <paramref name="From"/>–<paramref name="To"/> (both included).</summary>
public sealed record FunnelReport(DateOnly From, DateOnly To, IReadOnlyList<FunnelRow> Rows);

/// <summary>Candidates in each stage now, and conversion between consecutive stages over a window (plan §6: candidates per stage).</summary>
public static class Funnel
{
    /// <summary>
    /// The funnel's rows in pipeline order: the ten stages before admission, then probation. The probation row
    /// gathers probation and the recognition stages after it (RecognitionApproved, RemovalProposed,
    /// AwaitingSuperiorDecision): it counts probationary members, who advance when recognised as official and
    /// drop when removed. The sub-committee row only has cases from cells under a sub-committee; the cell-approved
    /// row's cases advance to it or straight to the decision ("advanced" means any later stage).
    /// </summary>
    public static IReadOnlyList<AdmissionStage> Stages { get; } =
    [
        AdmissionStage.SourcePool,
        AdmissionStage.Mentored,
        AdmissionStage.ClassPassed,
        AdmissionStage.Applied,
        AdmissionStage.HistoryVerified,
        AdmissionStage.Introduced,
        AdmissionStage.OpinionsCollected,
        AdmissionStage.CellApproved,
        AdmissionStage.SubCommitteeApproved,
        AdmissionStage.Decided,
        AdmissionStage.Probation,
    ];

    /// <summary>The row of <paramref name="stage"/> in <see cref="Stages"/>, or −1 (not started, official, withdrawn, removed).</summary>
    public static int RowOf(AdmissionStage stage) => stage switch
    {
        >= AdmissionStage.SourcePool and <= AdmissionStage.Probation => (int)stage - 1,
        AdmissionStage.RecognitionApproved or AdmissionStage.RemovalProposed or AdmissionStage.AwaitingSuperiorDecision => 10,
        _ => -1,
    };

    /// <summary>
    /// The funnel on <paramref name="today"/> with the window of the last <paramref name="windowMonths"/> months:
    /// from the day after <c>today.AddMonths(-windowMonths)</c> to <paramref name="today"/>, both included
    /// (12 months = 365 or 366 days). Steps dated after <paramref name="today"/> are ignored.
    /// </summary>
    public static FunnelReport Compute(IEnumerable<CaseHistory> cases, DateOnly today, int windowMonths = 12)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowMonths, 1);
        var from = today.AddMonths(-windowMonths).AddDays(1);
        var n = Stages.Count;
        int[] now = new int[n], inWindow = new int[n], advanced = new int[n], dropped = new int[n], still = new int[n];

        foreach (var c in cases)
        {
            foreach (var stay in Stays.Of(c, RowOf, today))
            {
                var r = stay.Row;
                if (stay.End == StayEnd.Open)
                {
                    now[r]++;
                }

                if (stay.Left is { } left && left < from)
                {
                    continue;
                }

                inWindow[r]++;
                switch (stay.End)
                {
                    case StayEnd.Advanced:
                        advanced[r]++;
                        break;
                    case StayEnd.Dropped:
                        dropped[r]++;
                        break;
                    default:
                        still[r]++;
                        break;
                }
            }
        }

        var rows = new FunnelRow[n];
        for (var r = 0; r < n; r++)
        {
            rows[r] = new FunnelRow(
                Stages[r], StepNames.Of(Stages[r]), now[r], inWindow[r], advanced[r], dropped[r], still[r],
                inWindow[r] == 0 ? null : Math.Round((double)advanced[r] / inWindow[r], 4),
                advanced[r] + dropped[r] == 0 ? null : Math.Round((double)advanced[r] / (advanced[r] + dropped[r]), 4));
        }

        return new FunnelReport(from, today, rows);
    }
}
