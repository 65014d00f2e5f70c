using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Planning;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Core.Tests.People;

public class ExitRulesTests
{
    [Theory]
    [InlineData(ExitKind.RemovedFromRoll, MemberStatus.Removed)]
    [InlineData(ExitKind.Expelled, MemberStatus.Expelled)]
    [InlineData(ExitKind.LeftParty, MemberStatus.LeftParty)]
    [InlineData(ExitKind.TransferredOut, MemberStatus.TransferredOut)]
    [InlineData(ExitKind.Deceased, MemberStatus.Deceased)]
    public void Each_way_of_leaving_gives_a_status_off_the_roll(ExitKind kind, MemberStatus status)
    {
        ExitRules.StatusFor(kind).ShouldBe(status);
        MemberStatuses.HasLeft(status).ShouldBeTrue();
    }

    [Fact]
    public void Probationary_and_official_members_are_on_the_roll()
    {
        MemberStatuses.HasLeft(MemberStatus.Probationary).ShouldBeFalse();
        MemberStatuses.HasLeft(MemberStatus.Official).ShouldBeFalse();
        MemberStatuses.LeftTheParty(MemberStatus.TransferredOut).ShouldBeFalse();
        MemberStatuses.LeftTheParty(MemberStatus.Expelled).ShouldBeTrue();
    }

    [Theory]
    [InlineData(ExitKind.RemovedFromRoll, null, MemberStatus.Official, "phải nêu căn cứ")]
    [InlineData(ExitKind.RemovedFromRoll, RemovalGround.AbsentOrUnpaidDues, MemberStatus.Probationary, "quá trình kết nạp")]
    [InlineData(ExitKind.Expelled, null, MemberStatus.Probationary, "khiển trách hoặc cảnh cáo")]
    [InlineData(ExitKind.RemovedFromRoll, RemovalGround.NotRecognised, MemberStatus.Official, "chỉ dùng cho đảng viên dự bị")]
    [InlineData(ExitKind.Deceased, RemovalGround.Other, MemberStatus.Official, "chỉ ghi cho trường hợp xóa tên")]
    [InlineData(ExitKind.LeftParty, null, MemberStatus.Removed, "đã ra khỏi danh sách")]
    public void An_exit_the_rules_do_not_allow_is_refused_with_its_reason(ExitKind kind, RemovalGround? ground, MemberStatus status, string message)
    {
        Should.Throw<DomainException>(() => ExitRules.Check(kind, ground, status, decided: true)).Message.ShouldContain(message);
    }

    [Fact]
    public void A_transfer_or_a_death_is_recorded_when_it_happened_not_proposed()
    {
        Should.Throw<DomainException>(() => ExitRules.Check(ExitKind.TransferredOut, null, MemberStatus.Official, decided: false));
        Should.NotThrow(() => ExitRules.Check(ExitKind.Deceased, null, MemberStatus.Probationary, decided: true));
        Should.NotThrow(() => ExitRules.Check(ExitKind.RemovedFromRoll, RemovalGround.PartyCardReturned, MemberStatus.Official, decided: false));
    }

    [Fact]
    public void Membership_change_counts_each_year_and_the_term_by_hand()
    {
        var years = new[]
        {
            new TermYear(2025, new(2025, 7, 1), new(2025, 12, 31)),
            new TermYear(2026, new(2026, 1, 1), new(2026, 12, 31)),
        };
        DateOnly[] admitted = [new(2025, 6, 30), new(2025, 7, 1), new(2025, 12, 31), new(2026, 3, 3), new(2026, 3, 4), new(2026, 11, 30)];
        (DateOnly, MemberStatus)[] left =
        [
            (new(2025, 6, 30), MemberStatus.Deceased), // before the term
            (new(2025, 8, 1), MemberStatus.Removed), (new(2025, 9, 1), MemberStatus.TransferredOut),
            (new(2026, 1, 1), MemberStatus.Deceased), (new(2026, 2, 1), MemberStatus.Deceased), (new(2026, 5, 5), MemberStatus.Expelled),
            (new(2026, 6, 6), MemberStatus.LeftParty), (new(2026, 7, 7), MemberStatus.Removed),
            (new(2026, 8, 8), MemberStatus.Official), // not an exit: ignored
        ];

        var per = MembershipChange.PerYear(years, admitted, left);

        per[0].Admitted.ShouldBe(2);
        per[0].Left.ShouldBe(2);
        per[0].Net.ShouldBe(0);
        per[1].Admitted.ShouldBe(3);
        per[1].Left.ShouldBe(5);
        per[1].LeftAs(MemberStatus.Deceased).ShouldBe(2);
        per[1].LeftAs(MemberStatus.TransferredOut).ShouldBe(0);
        per[1].Net.ShouldBe(-2);
        var term = MembershipChange.Period("Nhiệm kỳ", new(2025, 7, 1), new(2030, 6, 30), admitted, left);
        term.Admitted.ShouldBe(5);
        term.Left.ShouldBe(7);
        term.Net.ShouldBe(-2);
        term.LeftAs(MemberStatus.Removed).ShouldBe(2);
    }
}
