using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Inspections;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Core.Tests.Inspections;

public class CorrectiveActionTests
{
    private static readonly DateOnly s_found = new(2026, 9, 15);
    private static readonly DateOnly s_today = new(2026, 11, 20);

    private static void Check(ActionStatus? from, ActionStatus to, string? owner = "Bí thư Chi bộ ấp Mỹ Lợi", DateOnly? due = null, DateOnly? doneOn = null,
        string? evidence = null, string? cancel = null) =>
        CorrectiveActions.Check(from, to, owner, due ?? new DateOnly(2026, 10, 31), doneOn, evidence, cancel, s_today, s_found);

    [Fact]
    public void An_action_goes_from_open_to_done_with_its_evidence()
    {
        Should.NotThrow(() => Check(null, ActionStatus.Open));
        Should.NotThrow(() => Check(ActionStatus.Open, ActionStatus.InProgress));
        Should.Throw<DomainException>(() => Check(ActionStatus.InProgress, ActionStatus.Done, doneOn: new DateOnly(2026, 10, 20))).Message.ShouldContain("văn bản, hồ sơ chứng minh");
        Should.Throw<DomainException>(() => Check(ActionStatus.InProgress, ActionStatus.Done, evidence: "Đã bổ sung nhận xét")).Message.ShouldContain("ngày hoàn thành");
        Should.Throw<DomainException>(() => Check(ActionStatus.InProgress, ActionStatus.Done, doneOn: new DateOnly(2026, 12, 1), evidence: "X")).Message.ShouldContain("sau hôm nay");
        Should.NotThrow(() => Check(ActionStatus.InProgress, ActionStatus.Done, doneOn: new DateOnly(2026, 10, 20), evidence: "Biên bản sinh hoạt chi bộ ngày 20/10/2026"));
    }

    [Fact]
    public void An_action_needs_an_owner_a_due_date_after_the_finding_and_a_reason_to_cancel()
    {
        Should.Throw<DomainException>(() => Check(null, ActionStatus.Open, owner: " ")).Message.ShouldContain("chịu trách nhiệm");
        Should.Throw<DomainException>(() => Check(null, ActionStatus.Open, due: new DateOnly(2026, 9, 1))).Message.ShouldContain("trước ngày kiểm tra");
        Should.Throw<DomainException>(() => Check(null, ActionStatus.Done, doneOn: s_today, evidence: "X")).Message.ShouldContain("mới bắt đầu");
        Should.Throw<DomainException>(() => Check(ActionStatus.Open, ActionStatus.Cancelled)).Message.ShouldContain("lý do");
        Should.NotThrow(() => Check(ActionStatus.Open, ActionStatus.Cancelled, cancel: "Kết luận kiểm tra đã điều chỉnh"));
    }

    [Theory]
    [InlineData(ActionStatus.Open, "2026-11-19", true)]
    [InlineData(ActionStatus.InProgress, "2026-11-19", true)]
    [InlineData(ActionStatus.Open, "2026-11-20", false)] // due today: not yet overdue
    [InlineData(ActionStatus.Done, "2026-01-01", false)]
    [InlineData(ActionStatus.Cancelled, "2026-01-01", false)]
    public void Overdue_means_past_the_due_date_and_still_open(ActionStatus status, string due, bool overdue) =>
        CorrectiveActions.IsOverdue(status, DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), s_today).ShouldBe(overdue);
}
