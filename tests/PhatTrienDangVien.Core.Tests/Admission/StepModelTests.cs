using Microsoft.Extensions.Time.Testing;
using PhatTrienDangVien.Core.Admission;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Admission.CaseDriver;

namespace PhatTrienDangVien.Core.Tests.Admission;

public class StepModelTests
{
    [Fact]
    public void Every_step_kind_and_stage_has_its_own_Vietnamese_name()
    {
        string[] steps = [.. Enum.GetValues<AdmissionStepKind>().Select(StepNames.Of)];
        string[] stages = [.. Enum.GetValues<AdmissionStage>().Select(StepNames.Of)];

        steps.Length.ShouldBe(19);
        steps.ShouldBeUnique();
        stages.ShouldBeUnique();
        StepNames.Of(AdmissionStepKind.CellVote).ShouldBe("Nghị quyết chi bộ đề nghị kết nạp (6-KNĐ)");
    }

    [Fact]
    public void Today_is_the_Vietnamese_date_at_UTC_plus_7()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 17, 30, 0, TimeSpan.Zero));

        StepContext ctx = StepContext.From(RuleBook.Defaults, WorkingDays, time, "admin");

        ctx.Today.ShouldBe(D("2027-01-01"));
        ctx.NowUtc.ShouldBe(new DateTime(2026, 12, 31, 17, 30, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Details_are_stored_as_readable_JSON_and_read_back_typed()
    {
        var driver = new CaseDriver(D("1998-01-10"), D("2026-12-31")).ToOpinions(D("2026-03-02"));
        StepRecord history = driver.Case.Steps.Single(s => s.Kind == AdmissionStepKind.PersonalHistory);

        string json = history.Details.ShouldNotBeNull();
        json.ShouldContain("\"Bản thân\"", Case.Sensitive);
        json.ShouldContain("\"ExemptPartyMember\"", Case.Sensitive);
        VerificationDetails details = history.ReadDetails<VerificationDetails>()!;
        details.People.Count.ShouldBe(3);
        details.IsComplete.ShouldBeTrue();
        StepDetailTypes.Of(AdmissionStepKind.PersonalHistory).ShouldBe(typeof(VerificationDetails));
        driver.Case.Steps.Single(s => s.Kind == AdmissionStepKind.Application).Details.ShouldBeNull();
    }
}
