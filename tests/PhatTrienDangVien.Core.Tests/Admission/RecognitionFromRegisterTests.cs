using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Common;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Admission.CaseDriver;
using K = PhatTrienDangVien.Core.Admission.AdmissionStepKind;
using S = PhatTrienDangVien.Core.Admission.AdmissionStage;

namespace PhatTrienDangVien.Core.Tests.Admission;

/// <summary>A case opened from the register (<see cref="AdmissionCase.OpenFromRegister"/>) for a member admitted on paper.</summary>
public class RecognitionFromRegisterTests
{
    private static RegisterAdmissionInput Register(string? decision, string ceremony) => new()
    {
        DecisionDate = decision is null ? null : D(decision), DecisionNumber = "45-QĐ/ĐU", CeremonyDate = D(ceremony), Note = "Ghi từ sổ đảng viên",
    };

    [Fact]
    public void The_register_decision_and_ceremony_start_probation_with_the_ceremony_rules_and_no_ceremony_deadline()
    {
        var driver = new CaseDriver(D("1995-03-12"), D("2026-11-20"));

        var steps = driver.Case.OpenFromRegister(Register("2025-09-01", "2025-12-19"), driver.Ctx);

        steps.Select(s => s.Kind).ShouldBe([K.Decision, K.Ceremony]);
        steps.ShouldAllBe(s => s.Note == "Ghi từ sổ đảng viên" && !s.IsLate && s.DueDate == null && s.RecordedBy == "bi.thu.chi.bo");
        steps[0].DocumentNumber.ShouldBe("45-QĐ/ĐU");
        driver.Case.CurrentStage.ShouldBe(S.Probation);
        driver.Case.OpenedFromRegister.ShouldBeTrue();
        driver.Case.AdmissionDecisionDate.ShouldBe(D("2025-09-01"));
        driver.Case.ProbationEnd.ShouldBe(D("2026-12-19"));
        // The decision came more than 30 working days before the ceremony: on paper, not the software's to judge.
        Deadlines.For(driver.Case, driver.Rules, WorkingDays).Select(d => d.Kind).ShouldBe([K.NewMemberClass, K.RecognitionVote]);
        driver.Case.AllowedNext(driver.Rules, driver.Today).ShouldContain(K.ProbationMentorAssigned);
        driver.Case.AllowedNext(driver.Rules, driver.Today).ShouldNotContain(K.Ceremony);
    }

    [Fact]
    public void Without_a_decision_date_the_case_starts_at_the_ceremony()
    {
        var driver = new CaseDriver(D("1995-03-12"), D("2026-11-20"));
        driver.Case.OpenFromRegister(Register(null, "2025-12-19"), driver.Ctx).Single().Kind.ShouldBe(K.Ceremony);
        driver.Case.CurrentStage.ShouldBe(S.Probation);
        driver.Case.AdmissionDecisionDate.ShouldBeNull();
    }

    [Fact]
    public void A_case_with_steps_a_future_ceremony_or_a_decision_after_the_ceremony_is_refused_and_unchanged()
    {
        var started = new CaseDriver(D("1995-03-12"), D("2026-11-20"));
        started.Case.RecordSourcePool(new SimpleStepInput { Date = D("2026-01-05") }, started.Ctx);
        Should.Throw<DomainException>(() => started.Case.OpenFromRegister(Register(null, "2025-12-19"), started.Ctx)).Message.ShouldContain("đã có các bước");
        started.Case.Steps.Count.ShouldBe(1);

        var empty = new CaseDriver(D("1995-03-12"), D("2026-11-20"));
        Should.Throw<DomainException>(() => empty.Case.OpenFromRegister(Register(null, "2026-11-21"), empty.Ctx)).Message.ShouldContain("tương lai");
        Should.Throw<DomainException>(() => empty.Case.OpenFromRegister(Register("2025-12-20", "2025-12-19"), empty.Ctx)).Message.ShouldContain("sau ngày lễ kết nạp");
        empty.Case.Steps.ShouldBeEmpty();
    }
}
