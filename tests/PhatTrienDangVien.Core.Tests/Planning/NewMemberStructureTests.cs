using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Core.Reference;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Planning.CaseBuilder;

namespace PhatTrienDangVien.Core.Tests.Planning;

public class NewMemberStructureTests
{
    // Five members admitted in 2026:
    //   1 woman, born 15/05/1996, admitted 14/05/2026: 29 full years (30 only the next day) → young; Khơ-me (05); Hòa Hảo (05); YU; 12/12; ĐH; DOAN_VIEN + GIAO_VIEN
    //   2 man,   born 15/05/1995, admitted 15/05/2026: 31 → not young; Kinh; no religion; 12/12; CĐ; DOAN_VIEN
    //   3 woman, born 01/01/2008, admitted 01/01/2026: 18 → young; Kinh; Công giáo (02); YU; 10/12; no professional level recorded; DAN_QUAN
    //   4 man,   born 02/01/2008, admitted 01/01/2026: 17 (admission data error) → not young; Hoa (04); none; 9/12; KHONG; no source
    //   5 man,   born 01/06/1996, admitted 01/06/2026: 30 → young; unknown ethnicity "99" → not minority; "" religion → none; grade not recorded; XYZ (custom source)
    // Women 2, young 3 (1, 3, 5), minorities 2 (1, 4), religious 2 (1, 3), Youth Union 2.
    // General: 12/12 → 2, 9–11 → 2, unrecorded → 1. Professional: KHONG 1, CAO_DANG 1, DAI_HOC 1, unrecorded 2.
    // Sources: DOAN_VIEN 2, DAN_QUAN 1, GIAO_VIEN 1, XYZ 1 (in the plan's order, custom codes last).
    private static readonly NewMember[] s_members =
    [
        new(1, 10, D("2026-05-14"), Gender.Female, D("1996-05-15"), "05", "05", true, 12, "DAI_HOC", ["DOAN_VIEN", "GIAO_VIEN"]),
        new(2, 10, D("2026-05-15"), Gender.Male, D("1995-05-15"), "01", "00", false, 12, "CAO_DANG", ["DOAN_VIEN"]),
        new(3, 11, D("2026-01-01"), Gender.Female, D("2008-01-01"), "01", "02", true, 10, null, ["DAN_QUAN"]),
        new(4, 11, D("2026-01-01"), Gender.Male, D("2008-01-02"), "04", "00", false, 9, "KHONG", []),
        new(5, 12, D("2026-06-01"), Gender.Male, D("1996-06-01"), "99", "", false, null, null, ["XYZ", "XYZ"]),
    ];

    [Fact]
    public void The_counts_every_report_shows_match_the_hand_computation_and_add_up()
    {
        // Member 4 recorded from the register only.
        var members = s_members.Select(m => m.MemberId == 4 ? m with { FromRegister = true } : m).ToList();
        NewMemberCounts.Of(members).ShouldBe(new NewMemberCounts(5, 2, 3, 2, 2, 2, 2, 1));
        NewMemberCounts.Sum([NewMemberCounts.Of(members.Take(2)), NewMemberCounts.Of(members.Skip(2)), NewMemberCounts.None])
            .ShouldBe(NewMemberCounts.Of(members));
        NewMemberCounts.Of([]).ShouldBe(NewMemberCounts.None);
    }

    [Fact]
    public void Structure_counts_match_the_hand_computation()
    {
        var s = NewMemberStructure.Compute(s_members);

        (s.Total, s.Women, s.Young, s.EthnicMinorities, s.Religious, s.YouthUnion).ShouldBe((5, 2, 3, 2, 2, 2));
        s.PercentOf(s.Young).ShouldBe(60);
        s.GeneralEducation.Select(b => (b.Key, b.Count)).ShouldBe([("12", 2), ("9-11", 2), ("", 1)]);
        s.GeneralEducation[0].Label.ShouldBe("12/12");
        s.ProfessionalEducation.Select(b => (b.Key, b.Count)).ShouldBe([("KHONG", 1), ("CAO_DANG", 1), ("DAI_HOC", 1), ("", 2)]);
        s.Sources.Select(b => (b.Key, b.Count)).ShouldBe([("DOAN_VIEN", 2), ("DAN_QUAN", 1), ("GIAO_VIEN", 1), ("XYZ", 1)]);
        s.Sources[0].Percent.ShouldBe(40);
        s.Cells.Select(b => (b.Key, b.Count)).ShouldBe([("10", 2), ("11", 2), ("12", 1)]);
    }

    [Theory]
    [InlineData(2, 3, 66.7)]
    [InlineData(1, 3, 33.3)]
    [InlineData(0, 0, 0)]
    [InlineData(1, 8, 12.5)]
    public void Percentages_have_one_decimal_and_zero_for_an_empty_total(int part, int total, double expected) =>
        Stats.Percent(part, total).ShouldBe(expected);
}
