using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Classes;
using PhatTrienDangVien.Core.Notifications;
using PhatTrienDangVien.Core.Tests.Admission;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Admission.CaseDriver;
using K = PhatTrienDangVien.Core.Classes.ClassKind;
using N = PhatTrienDangVien.Core.Notifications.NotificationKind;

namespace PhatTrienDangVien.Core.Tests.Classes;

/// <summary>Who may be proposed for a class, the seats, and the alert of a probationary member without the new-member class.</summary>
public class ClassRulesTests
{
    private static readonly DateOnly s_birth = D("1998-01-10");
    private static readonly DateOnly s_classEnd = D("2027-03-12");

    private static string? Refusal(K kind, CaseDriver driver, string? open = null) =>
        ClassRules.NominationRefusal(kind, driver.Case.ClassFacts(open), s_classEnd, 60);

    private static CaseDriver Mentored()
    {
        var driver = new CaseDriver(s_birth, D("2027-01-01"));
        driver.Case.RecordSourcePool(new SimpleStepInput { Date = D("2026-05-04") }, driver.Ctx);
        driver.Case.RecordMentorAssigned(new MentorInput { Date = D("2026-05-11"), MentorMemberId = 7 }, driver.Ctx);
        return driver;
    }

    [Fact]
    public void A_mentored_candidate_without_a_certificate_may_be_proposed_for_the_awareness_class_only()
    {
        var driver = Mentored();
        Refusal(K.Awareness, driver).ShouldBeNull();
        Refusal(K.NewMember, driver).ShouldBe("chưa phải đảng viên dự bị (lớp đảng viên mới dành cho đảng viên dự bị)");
    }

    [Fact]
    public void Before_a_mentor_after_the_cell_vote_or_after_withdrawal_the_awareness_class_is_refused_with_the_reason()
    {
        var pool = new CaseDriver(s_birth, D("2027-01-01"));
        Refusal(K.Awareness, pool).ShouldStartWith("chưa được phân công đảng viên giúp đỡ");
        pool.Case.RecordSourcePool(new SimpleStepInput { Date = D("2026-05-04") }, pool.Ctx);
        Refusal(K.Awareness, pool).ShouldStartWith("chưa được phân công đảng viên giúp đỡ");

        var voted = new CaseDriver(s_birth, D("2027-01-01")).ToOpinions(D("2022-05-02"));
        voted.CellVote(D("2022-06-01"));
        Refusal(K.Awareness, voted).ShouldBe("đã qua bước chi bộ xét đề nghị kết nạp");

        var gone = Mentored();
        gone.Case.RecordWithdrawal(new ReasonInput { Date = D("2026-06-01"), Reason = "Chuyển đi nơi khác." }, gone.Ctx);
        Refusal(K.Awareness, gone).ShouldBe("đã dừng xem xét kết nạp");
    }

    [Fact]
    public void A_certificate_valid_beyond_six_months_after_the_class_is_refused_one_that_runs_out_sooner_is_not()
    {
        // 60 months from 12/9/2022 is 12/9/2027: exactly six months after the class ends on 12/3/2027, so it may be retaken.
        var boundary = new CaseDriver(s_birth, D("2027-01-01")).ToClassPassed(D("2022-09-12"));
        Refusal(K.Awareness, boundary).ShouldBeNull();
        var oneDayLonger = new CaseDriver(s_birth, D("2027-01-01")).ToClassPassed(D("2022-09-13"));
        Refusal(K.Awareness, oneDayLonger).ShouldBe("đã có giấy chứng nhận số 15/CN-TTCT ngày 13/09/2022, còn giá trị đến 13/09/2027");
        ClassRules.ValidThrough(D("2022-09-13"), 60).ShouldBe(D("2027-09-13"));
    }

    [Fact]
    public void Someone_already_down_for_a_class_without_a_result_is_refused_whatever_their_stage()
    {
        Refusal(K.Awareness, Mentored(), "Lớp khóa I/2027").ShouldBe("đã được đề cử vào lớp “Lớp khóa I/2027”, chưa có kết quả");
    }

    [Fact]
    public void A_probationary_member_may_take_the_new_member_class_once()
    {
        var driver = new CaseDriver(s_birth, D("2027-01-01")).ToProbation(D("2026-03-02"));
        Refusal(K.NewMember, driver).ShouldBeNull();
        Refusal(K.Awareness, driver).ShouldBe("đã qua bước chi bộ xét đề nghị kết nạp");
        driver.NewMemberClass(D("2026-06-01"));
        Refusal(K.NewMember, driver).ShouldBe("đã học lớp bồi dưỡng lý luận chính trị cho đảng viên mới");
    }

    [Theory]
    [InlineData(3, 5, 2, 5, 40, null)]
    [InlineData(4, 5, 2, 5, 40, "vượt chỉ tiêu của xã: 5 chỗ, đã duyệt 4, thêm 2")]
    [InlineData(0, 39, 2, 5, 40, "vượt sĩ số của lớp: 40 chỗ, đã duyệt 39, thêm 2")]
    [InlineData(0, 0, 1, null, 40, "xã chưa được phân chỉ tiêu của lớp này")]
    public void Approvals_stay_within_the_communes_seats_and_the_class_size(int commune, int inClass, int adding, int? seats, int capacity, string? refusal) =>
        ClassRules.QuotaRefusal(commune, inClass, adding, seats, capacity).ShouldBe(refusal);

    [Fact]
    public void The_result_scale_is_read_in_order_without_blanks() =>
        ClassRules.Grades(" Giỏi ;Khá;; Trung bình ").ShouldBe(["Giỏi", "Khá", "Trung bình"]);

    private static IReadOnlyList<Alert> Alerts(CaseDriver driver, DateOnly today) =>
        AlertRules.For(new CaseFacts(42, "Nguyễn Văn An", "Chi bộ Ấp Mỹ Lợi", D("2025-11-02"), 7, driver.Case), driver.Rules, WorkingDays, today, AlertThresholds.Default);

    [Fact]
    public void A_probationary_member_without_the_new_member_class_is_flagged_within_the_horizon_until_the_class_is_recorded()
    {
        // Ceremony on 27/11/2025: probation ends 27/11/2026; the horizon is 90 days.
        var driver = new CaseDriver(s_birth, D("2026-01-01")).ToProbation(D("2025-11-02"));
        Alerts(driver, D("2026-08-28")).ShouldNotContain(a => a.Kind == N.NewMemberClassMissing);
        var alert = Alerts(driver, D("2026-08-29")).Single(a => a.Kind == N.NewMemberClassMissing);
        alert.DueDate.ShouldBe(D("2026-11-27"));
        alert.Text.ShouldContain("chưa học lớp bồi dưỡng lý luận chính trị cho đảng viên mới");
        alert.Audience.HasFlag(AlertAudience.CommuneOffice).ShouldBeTrue();
        var facts = new CaseFacts(42, "Nguyễn Văn An", "Chi bộ Ấp Mỹ Lợi", D("2025-11-02"), 7, driver.Case);
        AlertRules.IsSettled(N.NewMemberClassMissing, alert.DueDate, facts, driver.Rules, WorkingDays, D("2026-08-29"), AlertThresholds.Default).ShouldBeFalse();

        driver.Today = D("2026-09-01");
        driver.NewMemberClass(D("2026-09-01"));
        Alerts(driver, D("2026-09-02")).ShouldNotContain(a => a.Kind == N.NewMemberClassMissing);
        AlertRules.IsSettled(N.NewMemberClassMissing, alert.DueDate, facts, driver.Rules, WorkingDays, D("2026-09-02"), AlertThresholds.Default).ShouldBeTrue();
    }
}
