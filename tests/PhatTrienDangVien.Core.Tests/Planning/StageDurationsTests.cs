using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Planning;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Planning.CaseBuilder;

namespace PhatTrienDangVien.Core.Tests.Planning;

public class StageDurationsTests
{
    // Today 30/06/2026.
    // Left the pool for a mentor after 10, 20, 30 and 40 days (1–4): median (20 + 30) / 2 = 25, P90 = 4th of 4 = 40.
    // Case 5 withdrew after 99 days: not a duration. Still in the pool: 7 for 10 days (from 20/06), 8 for 180 (from
    // 01/01: 31+28+31+30+31+29), 9 and 10 for 90 (from 01/04: 29+31+30); the three slowest: 8, then 9 and 10 by id.
    private static readonly CaseHistory[] s_cases =
    [
        new CaseBuilder(1, 10).Through("2026-01-01", "2026-01-11").Build(),
        new CaseBuilder(2, 10).Through("2026-01-01", "2026-01-21").Build(),
        new CaseBuilder(3, 10).Through("2026-01-01", "2026-01-31").Build(),
        new CaseBuilder(4, 10).Through("2026-01-01", "2026-02-10").Build(),
        new CaseBuilder(5, 10).Step(AdmissionStepKind.SourcePool, "2026-01-01").Step(AdmissionStepKind.Withdrawal, "2026-04-10").Build(),
        new CaseBuilder(7, 11).Through("2026-06-20").Build(),
        new CaseBuilder(8, 11).Through("2026-01-01").Build(),
        new CaseBuilder(10, 12).Through("2026-04-01").Build(),
        new CaseBuilder(9, 12).Through("2026-04-01").Build(),
    ];

    [Fact]
    public void Durations_give_median_p90_and_the_slowest_open_cases_as_computed_by_hand()
    {
        var rows = StageDurations.Compute(s_cases, D("2026-06-30"), slowest: 3);

        var pool = rows.Single(r => r.Stage == AdmissionStage.SourcePool);
        pool.Completed.ShouldBe(4);
        pool.MedianDays.ShouldBe(25);
        pool.P90Days.ShouldBe(40);
        pool.MaxDays.ShouldBe(40);
        pool.Open.ShouldBe(4);
        pool.Slowest.ShouldBe(
        [
            new OpenStay(8, 11, D("2026-01-01"), 180),
            new OpenStay(9, 12, D("2026-04-01"), 90),
            new OpenStay(10, 12, D("2026-04-01"), 90),
        ]);

        var mentored = rows.Single(r => r.Stage == AdmissionStage.Mentored);
        mentored.Completed.ShouldBe(0);
        mentored.MedianDays.ShouldBeNull();
        mentored.Open.ShouldBe(4);
        mentored.Slowest[0].ShouldBe(new OpenStay(1, 10, D("2026-01-11"), 170));
    }

    [Fact]
    public void Only_stays_completed_since_the_given_date_count()
    {
        // Since 21/01/2026: the stays of 20, 30 and 40 days → median 30.
        var rows = StageDurations.Compute(s_cases, D("2026-06-30"), completedSince: D("2026-01-21"));

        var pool = rows.Single(r => r.Stage == AdmissionStage.SourcePool);
        pool.Completed.ShouldBe(3);
        pool.MedianDays.ShouldBe(30);
        pool.Slowest.Count.ShouldBe(4);
    }
}
