using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Planning;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Planning.CaseBuilder;

namespace PhatTrienDangVien.Core.Tests.Planning;

public class FunnelTests
{
    // Today 30/06/2026; window 01/07/2025 … 30/06/2026.
    //   1: pool 01/03/2025 → mentor 01/05/2025 → class 01/09/2025, still there.
    //   2: pool 01/08/2025, withdrew 01/12/2025.
    //   3: pool 10/01/2026, still there.
    //   4: all steps in 2024, ceremony 01/10/2024, recognised (vote 01/10/2025, decision 01/11/2025).
    //   5: pool 01/06/2025 → mentor 30/06/2025 → class 01/07/2025 → application 15/07/2026 (after today: ignored).
    // Pool row: 1, 4, 5 left before 01/07/2025 → out; 2 dropped, 3 still → in window 2, advanced 0, now 1.
    // Mentored: 1 (left 01/09/2025) and 5 (left 01/07/2025, the window's first day) advanced → 2 of 2.
    // Class passed: 1 and 5 still there → now 2, in window 2, conversion 0, retention none (nobody left).
    // Probation: 4 was on probation when the window began, recognised 01/11/2025 → 1 of 1.
    private static readonly CaseHistory[] s_cases =
    [
        new CaseBuilder(1, 10).Through("2025-03-01", "2025-05-01", "2025-09-01").Build(),
        new CaseBuilder(2, 10).Step(AdmissionStepKind.SourcePool, "2025-08-01").Step(AdmissionStepKind.Withdrawal, "2025-12-01").Build(),
        new CaseBuilder(3, 11).Through("2026-01-10").Build(),
        new CaseBuilder(4, 11)
            .Through("2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01", "2024-06-01", "2024-07-01", "2024-08-01", "2024-09-01", "2024-10-01")
            .Step(AdmissionStepKind.RecognitionVote, "2025-10-01")
            .Step(AdmissionStepKind.RecognitionDecision, "2025-11-01")
            .Build(),
        new CaseBuilder(5, 10).Through("2025-06-01", "2025-06-30", "2025-07-01", "2026-07-15").Build(),
    ];

    [Fact]
    public void Funnel_counts_stages_now_and_conversion_in_the_window_as_computed_by_hand()
    {
        var report = Funnel.Compute(s_cases, D("2026-06-30"));

        report.From.ShouldBe(D("2025-07-01"));
        report.To.ShouldBe(D("2026-06-30"));
        report.Rows.Select(r => r.Stage).ShouldBe(Funnel.Stages);

        var pool = Row(report, AdmissionStage.SourcePool);
        (pool.Now, pool.InWindow, pool.Advanced, pool.Dropped, pool.StillThere).ShouldBe((1, 2, 0, 1, 1));
        pool.Conversion.ShouldBe(0);
        pool.Retention.ShouldBe(0);

        var mentored = Row(report, AdmissionStage.Mentored);
        (mentored.Now, mentored.InWindow, mentored.Advanced, mentored.Dropped, mentored.StillThere).ShouldBe((0, 2, 2, 0, 0));
        mentored.Conversion.ShouldBe(1);

        var classPassed = Row(report, AdmissionStage.ClassPassed);
        (classPassed.Now, classPassed.InWindow, classPassed.Advanced, classPassed.StillThere).ShouldBe((2, 2, 0, 2));
        classPassed.Conversion.ShouldBe(0);
        classPassed.Retention.ShouldBeNull();

        var probation = Row(report, AdmissionStage.Probation);
        (probation.Now, probation.InWindow, probation.Advanced).ShouldBe((0, 1, 1));

        var applied = Row(report, AdmissionStage.Applied);
        (applied.Now, applied.InWindow).ShouldBe((0, 0));
        applied.Conversion.ShouldBeNull();
    }

    [Fact]
    public void A_shorter_window_leaves_out_stays_that_ended_before_it()
    {
        // Window 01/01/2026 … 30/06/2026: the withdrawal (01/12/2025) and the move to class (01/09/2025) are before it.
        var report = Funnel.Compute(s_cases, D("2026-06-30"), windowMonths: 6);

        var pool = Row(report, AdmissionStage.SourcePool);
        (pool.InWindow, pool.Dropped, pool.StillThere).ShouldBe((1, 0, 1));
        Row(report, AdmissionStage.Mentored).InWindow.ShouldBe(0);
    }

    private static FunnelRow Row(FunnelReport report, AdmissionStage stage) => report.Rows.Single(r => r.Stage == stage);
}
