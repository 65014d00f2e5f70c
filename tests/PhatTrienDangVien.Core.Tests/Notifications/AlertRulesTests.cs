using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Notifications;
using PhatTrienDangVien.Core.Tests.Admission;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Admission.CaseDriver;
using N = PhatTrienDangVien.Core.Notifications.NotificationKind;

namespace PhatTrienDangVien.Core.Tests.Notifications;

public class AlertRulesTests
{
    private static readonly DateOnly s_birth = D("1998-01-10");

    private static IReadOnlyList<Alert> Alerts(CaseDriver driver, DateOnly today, int? mentor = 7, DateOnly? addedOn = null) =>
        AlertRules.For(new CaseFacts(42, "Nguyễn Văn An", "Chi bộ Ấp Mỹ Lợi", addedOn ?? D("2026-01-05"), mentor, driver.Case),
            driver.Rules, WorkingDays, today, AlertThresholds.Default);

    /// <summary>Approving cell vote on 1/12/2026: the decision is due 3/3/2027 (60 working days across Tết).</summary>
    private static CaseDriver CellApproved()
    {
        var driver = new CaseDriver(s_birth, D("2027-12-31")).ToOpinions(D("2026-11-02"));
        driver.CellVote(D("2026-12-01"));
        return driver;
    }

    [Fact]
    public void A_step_due_within_five_working_days_raises_a_deadline_alert_with_the_due_date()
    {
        // Wednesday 24/2/2027 → Wednesday 3/3/2027 is 5 working days.
        var alert = Alerts(CellApproved(), D("2027-02-24")).ShouldHaveSingleItem();
        alert.Kind.ShouldBe(N.DeadlineSoon);
        alert.DueDate.ShouldBe(D("2027-03-03"));
        alert.Text.ShouldContain("còn 5 ngày làm việc");
        alert.Text.ShouldContain(StepNames.Of(AdmissionStepKind.Decision));
        alert.Link.ShouldBe("/Candidates/Timeline/42");
        Alerts(CellApproved(), D("2027-02-23")).ShouldBeEmpty();
    }

    [Fact]
    public void A_step_past_its_due_date_is_overdue_and_the_commune_office_hears_of_it()
    {
        var alert = Alerts(CellApproved(), D("2027-03-05")).ShouldHaveSingleItem();
        alert.Kind.ShouldBe(N.Overdue);
        alert.Text.ShouldContain("đã quá 2 ngày làm việc");
        alert.Audience.HasFlag(AlertAudience.CommuneOffice).ShouldBeTrue();
        AlertRules.AudienceOf(N.DeadlineSoon).HasFlag(AlertAudience.CommuneOffice).ShouldBeFalse();
    }

    [Fact]
    public void A_certificate_that_runs_out_within_ninety_days_before_the_cell_vote_is_flagged()
    {
        // Certificate of 1/12/2021: valid 60 months, to 1/12/2026.
        var driver = new CaseDriver(s_birth, D("2026-10-20")).ToOpinions(D("2026-10-01"), certificateDate: D("2021-12-01"));
        var alert = Alerts(driver, D("2026-10-20")).Single(a => a.Kind == N.CertificateExpiring);
        alert.DueDate.ShouldBe(D("2026-12-01"));
        alert.Text.ShouldContain("01/12/2026");
        Alerts(driver, D("2026-08-01")).ShouldNotContain(a => a.Kind == N.CertificateExpiring);

        // Once the cell has voted, the certificate no longer matters.
        driver.Today = D("2026-10-21");
        driver.CellVote(D("2026-10-21"));
        Alerts(driver, D("2026-10-22")).ShouldNotContain(a => a.Kind == N.CertificateExpiring);
    }

    [Fact]
    public void A_candidate_without_a_mentor_for_more_than_thirty_days_is_flagged_for_the_cell_not_a_mentor()
    {
        var driver = new CaseDriver(s_birth, D("2026-01-05"));
        driver.Case.RecordSourcePool(new SimpleStepInput { Date = D("2026-01-05") }, driver.Ctx);
        Alerts(driver, D("2026-02-04"), mentor: null, addedOn: D("2026-01-05")).ShouldBeEmpty();
        var alert = Alerts(driver, D("2026-02-05"), mentor: null, addedOn: D("2026-01-05")).ShouldHaveSingleItem();
        alert.Kind.ShouldBe(N.NoMentor);
        alert.DueDate.ShouldBe(D("2026-02-04"));
        alert.Text.ShouldContain("31 ngày");
        alert.Audience.HasFlag(AlertAudience.Mentor).ShouldBeFalse();
        alert.Audience.HasFlag(AlertAudience.CellSecretary).ShouldBeTrue();
        Alerts(driver, D("2026-02-05"), mentor: 7, addedOn: D("2026-01-05")).ShouldBeEmpty();
    }

    [Fact]
    public void Probation_ending_within_thirty_days_is_flagged_with_the_end_date()
    {
        // Ceremony on 27/11/2025 (start + 25): probation ends 27/11/2026.
        var driver = new CaseDriver(s_birth, D("2026-01-01")).ToProbation(D("2025-11-02"));
        var alert = Alerts(driver, D("2026-11-07")).Single(a => a.Kind == N.ProbationEnding);
        alert.DueDate.ShouldBe(D("2026-11-27"));
        alert.Text.ShouldContain("còn 20 ngày");
        Alerts(driver, D("2026-10-20")).ShouldNotContain(a => a.Kind == N.ProbationEnding);
    }

    [Fact]
    public void A_closed_case_raises_nothing()
    {
        var driver = new CaseDriver(s_birth, D("2026-03-01"));
        driver.Case.RecordSourcePool(new SimpleStepInput { Date = D("2026-01-05") }, driver.Ctx);
        driver.Case.RecordWithdrawal(new ReasonInput { Date = D("2026-02-01"), Reason = "Chuyển nơi cư trú." }, driver.Ctx);
        Alerts(driver, D("2026-03-01"), mentor: null).ShouldBeEmpty();
    }

    private static bool Settled(CaseDriver driver, Alert alert, DateOnly today, int? mentor = 7) =>
        AlertRules.IsSettled(alert.Kind, alert.DueDate, new CaseFacts(42, "Nguyễn Văn An", "Chi bộ Ấp Mỹ Lợi", D("2026-01-05"), mentor, driver.Case),
            driver.Rules, WorkingDays, today, AlertThresholds.Default);

    [Fact]
    public void The_mentors_assessment_owed_for_the_cell_vote_is_raised_for_the_mentor_and_the_secretary_and_settled_once_written()
    {
        // Application on 3/11/2026 (start + 1), opinions on 6/11: the cell vote is due; no assessment written since the application.
        var driver = new CaseDriver(s_birth, D("2026-11-10")).ToOpinions(D("2026-11-02"));
        var alert = Alerts(driver, D("2026-11-10")).Single(a => a.Kind == N.AssessmentOwed);
        var due = Deadlines.NextAction(driver.Case, driver.Rules, WorkingDays, D("2026-11-10"))!.DueDate!.Value;
        alert.DueDate.ShouldBe(due);
        alert.Text.ShouldContain("trước ngày " + due.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        alert.Audience.ShouldBe(AlertAudience.Mentor | AlertAudience.CellSecretary);
        Settled(driver, alert, D("2026-11-10")).ShouldBeFalse();

        // Nobody mentors the case: no assessment is owed by anyone.
        Alerts(driver, D("2026-11-10"), mentor: null).ShouldNotContain(a => a.Kind == N.AssessmentOwed);

        // Written after the application: settled, and not raised again.
        driver.Today = D("2026-11-12");
        driver.Case.RecordMentorAssessment(new MentorInput { Date = D("2026-11-12"), MentorMemberId = 7 }, driver.Ctx);
        Settled(driver, alert, D("2026-11-12")).ShouldBeTrue();
        Alerts(driver, D("2026-11-12")).ShouldNotContain(a => a.Kind == N.AssessmentOwed);
    }

    [Fact]
    public void Before_the_opinions_the_owed_assessment_is_keyed_by_the_application_and_moves_to_the_due_date_once_known()
    {
        var driver = new CaseDriver(s_birth, D("2026-11-04"));
        driver.ToClassPassed(D("2026-11-02"));
        driver.Case.RecordApplication(new SimpleStepInput { Date = D("2026-11-03") }, driver.Ctx);
        var early = Alerts(driver, D("2026-11-04")).Single(a => a.Kind == N.AssessmentOwed);
        early.DueDate.ShouldBe(D("2026-11-03"));
        early.Text.ShouldContain("đơn xin vào Đảng ngày 03/11/2026");

        // Through the opinions: the cell vote's due date is known, the early notification no longer asks, the new one does.
        driver.Today = D("2026-11-06");
        driver.Case.RecordPersonalHistory(History(D("2026-11-04")), driver.Ctx);
        driver.Case.RecordIntroduction(new IntroductionInput
        {
            Date = D("2026-11-05"), Path = IntroductionPath.TwoMembers,
            Introducers = [Official(1, D("2024-11-02")), Official(2, D("2023-11-02"))],
        }, driver.Ctx);
        driver.Case.RecordOpinions(new SimpleStepInput { Date = D("2026-11-06") }, driver.Ctx);
        Settled(driver, early, D("2026-11-06")).ShouldBeTrue();
        var later = Alerts(driver, D("2026-11-06")).Single(a => a.Kind == N.AssessmentOwed);
        later.DueDate.ShouldNotBe(early.DueDate);
        Settled(driver, later, D("2026-11-06")).ShouldBeFalse();
    }

    [Fact]
    public void The_assessment_for_the_recognition_review_is_owed_within_the_probation_horizon()
    {
        // Ceremony on 27/11/2025: probation ends 27/11/2026; the horizon opens 28/10/2026.
        var driver = new CaseDriver(s_birth, D("2026-01-01")).ToProbation(D("2025-11-02"));
        Alerts(driver, D("2026-10-20")).ShouldNotContain(a => a.Kind == N.AssessmentOwed);
        var alert = Alerts(driver, D("2026-11-07")).Single(a => a.Kind == N.AssessmentOwed);
        alert.DueDate.ShouldBe(D("2026-11-27"));
        alert.Text.ShouldContain("11-KNĐ");
        driver.Today = D("2026-11-09");
        driver.Case.RecordMentorAssessment(new MentorInput { Date = D("2026-11-09"), MentorMemberId = 7 }, driver.Ctx);
        Settled(driver, alert, D("2026-11-09")).ShouldBeTrue();
    }
}
