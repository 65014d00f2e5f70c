using System.Text;
using PhatTrienDangVien.Core.Reference;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Core.Tests.Text;

public class ReferenceListTests
{
    public static TheoryData<string, IReadOnlyList<ReferenceItem>> Lists => new()
    {
        { nameof(Ethnicities), Ethnicities.All },
        { nameof(Religions), Religions.All },
        { nameof(ProfessionalEducationLevels), ProfessionalEducationLevels.All },
        { nameof(PoliticalTheoryLevels), PoliticalTheoryLevels.All },
        { nameof(DefaultSourceCategories), DefaultSourceCategories.All },
        { nameof(CitizenIdProvinces), CitizenIdProvinces.All },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void Every_list_has_unique_ascii_codes_and_unique_NFC_names(string list, IReadOnlyList<ReferenceItem> items)
    {
        items.ShouldNotBeEmpty(list);
        items.Select(i => i.Code).Distinct(StringComparer.Ordinal).Count().ShouldBe(items.Count, list);
        items.Select(i => i.Name).Distinct(StringComparer.Ordinal).Count().ShouldBe(items.Count, list);
        items.ShouldAllBe(i => i.Code.Length > 0 && i.Code.All(c => c < 128 && !char.IsWhiteSpace(c)));
        items.ShouldAllBe(i => i.Name.IsNormalized(NormalizationForm.FormC) && i.Name.Trim() == i.Name && i.Name.Length > 0);
    }

    [Fact]
    public void Ethnicities_are_the_54_groups_coded_01_to_54()
    {
        Ethnicities.All.Count.ShouldBe(54);
        Ethnicities.All.Select(e => e.Code).ShouldBe(Enumerable.Range(1, 54).Select(i => i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)));
        Ethnicities.All[0].Name.ShouldBe("Kinh");
        Ethnicities.Find("04")!.Name.ShouldBe("Hoa");
        Ethnicities.Find("05")!.Name.ShouldBe("Khơ-me");
        Ethnicities.Find("54")!.Name.ShouldBe("Rơ-măm");
    }

    [Theory]
    [InlineData("01", true, false)]
    [InlineData("05", false, true)]
    [InlineData("54", false, true)]
    [InlineData("55", false, false)]
    [InlineData(null, false, false)]
    public void Kinh_and_minority_are_told_apart(string? code, bool kinh, bool minority)
    {
        Ethnicities.IsKinh(code).ShouldBe(kinh);
        Ethnicities.IsMinority(code).ShouldBe(minority);
    }

    [Theory]
    [InlineData("Khmer", "05")]
    [InlineData("khơ me", "05")]
    [InlineData("KHƠ-ME", "05")]
    [InlineData("Ê Đê", "12")]
    [InlineData("ede", "12")]
    [InlineData("H'Mông", "08")]
    [InlineData("Kinh (Việt)", "01")]
    [InlineData("Tày", "02")]
    [InlineData("Thái", "03")]
    [InlineData("Bru Vân Kiều", "23")]
    public void Ethnicities_are_found_by_common_spellings(string name, string code)
    {
        Ethnicities.FindByName(name)!.Code.ShouldBe(code);
    }

    [Fact]
    public void Ethnicity_lookup_by_unknown_name_gives_null()
    {
        Ethnicities.FindByName("Người nước ngoài").ShouldBeNull();
        Ethnicities.FindByName(null).ShouldBeNull();
    }

    [Fact]
    public void Religions_start_with_none_and_end_with_other()
    {
        Religions.All[0].ShouldBe(new ReferenceItem("00", "Không"));
        Religions.All[^1].ShouldBe(new ReferenceItem("99", "Khác"));
        Religions.All.FindName("phat giao hoa hao")!.Name.ShouldBe("Phật giáo Hòa Hảo");
        Religions.IsNone("00").ShouldBeTrue();
        Religions.IsNone(null).ShouldBeTrue();
        Religions.IsNone("02").ShouldBeFalse();
    }

    [Fact]
    public void Source_categories_are_the_eleven_of_the_plan()
    {
        DefaultSourceCategories.All.Count.ShouldBe(11);
        DefaultSourceCategories.All[0].Name.ShouldBe("Đoàn viên, thanh niên");
        DefaultSourceCategories.Find("KHAC")!.Name.ShouldBe("Khác");
    }

    [Fact]
    public void Levels_are_ordered_lowest_first()
    {
        ProfessionalEducationLevels.All.RankOf("DAI_HOC").ShouldBeGreaterThan(ProfessionalEducationLevels.All.RankOf("CAO_DANG"));
        PoliticalTheoryLevels.All.RankOf("CU_NHAN").ShouldBeGreaterThan(PoliticalTheoryLevels.All.RankOf("CAO_CAP"));
        PoliticalTheoryLevels.All.RankOf("NOPE").ShouldBe(-1);
        PoliticalTheoryLevels.All[0].Name.ShouldBe("Chưa qua đào tạo");
    }

    [Theory]
    [InlineData("9/12", true, 9)]
    [InlineData("12/12", true, 12)]
    [InlineData(" 9 / 12 ", true, 9)]
    [InlineData("9", true, 9)]
    [InlineData("13/12", false, 0)]
    [InlineData("0/12", false, 0)]
    [InlineData("7/10", false, 0)]
    [InlineData("abc", false, 0)]
    [InlineData(null, false, 0)]
    public void General_education_is_read_as_grade_out_of_twelve(string? text, bool ok, int grade)
    {
        EducationLevels.TryParseGeneral(text, out var parsed).ShouldBe(ok);
        parsed.ShouldBe(grade);
    }

    [Fact]
    public void General_education_is_written_as_grade_out_of_twelve()
    {
        EducationLevels.GeneralGrades.ShouldBe(Enumerable.Range(1, 12));
        EducationLevels.FormatGeneral(9).ShouldBe("9/12");
        EducationLevels.FormatGeneral(13).ShouldBe("13 (không hợp lệ)");
        EducationLevels.FormatGeneral(-1).ShouldBe("-1 (không hợp lệ)");
    }
}

public class AgeTests
{
    [Theory]
    [InlineData("2008-05-15", "2026-05-14", 17, 11)]
    [InlineData("2008-05-15", "2026-05-15", 18, 0)]
    [InlineData("2008-05-15", "2026-06-14", 18, 0)]
    [InlineData("2008-05-15", "2026-06-15", 18, 1)]
    [InlineData("2008-05-15", "2008-05-15", 0, 0)]
    [InlineData("2026-01-31", "2026-02-27", 0, 0)]
    [InlineData("2026-01-31", "2026-02-28", 0, 1)] // shorter month: completed on its last day
    [InlineData("2024-01-31", "2024-02-28", 0, 0)] // leap year: February has a 29th
    [InlineData("2024-01-31", "2024-02-29", 0, 1)]
    [InlineData("2026-01-31", "2026-03-30", 0, 1)]
    [InlineData("2026-01-31", "2026-03-31", 0, 2)]
    [InlineData("2026-01-31", "2026-04-30", 0, 3)]
    [InlineData("2008-02-29", "2026-02-27", 17, 11)]
    [InlineData("2008-02-29", "2026-02-28", 18, 0)] // born 29 Feb: a year older on 28 Feb in common years
    [InlineData("1966-03-10", "2026-03-09", 59, 11)]
    [InlineData("1966-03-10", "2026-03-10", 60, 0)]
    public void Age_counts_completed_years_and_months(string birth, string on, int years, int months)
    {
        var birthDate = DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture);
        var onDate = DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture);

        Age.YearsAndMonths(birthDate, onDate).ShouldBe((years, months));
        Age.FullYears(birthDate, onDate).ShouldBe(years);
        Age.FullMonths(birthDate, onDate).ShouldBe((years * 12) + months);
    }

    [Fact]
    public void Age_is_described_in_Vietnamese()
    {
        Age.Describe(new DateOnly(2008, 5, 15), new DateOnly(2026, 5, 14)).ShouldBe("17 tuổi 11 tháng");
        Age.Describe(new DateOnly(2008, 5, 15), new DateOnly(2026, 5, 15)).ShouldBe("18 tuổi");
    }

    [Fact]
    public void Age_before_birth_is_an_error()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Age.FullMonths(new DateOnly(2008, 5, 15), new DateOnly(2008, 5, 14)));
    }
}
