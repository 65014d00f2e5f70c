using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Core.Text;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Core.Tests.Text;

public class CitizenIdTests
{
    [Theory]
    [InlineData("079303001234", 2003, Gender.Female, "079", Gender.Female, 2003)]
    [InlineData("001090012345", 1990, Gender.Male, "001", Gender.Male, 1990)]
    [InlineData("096 199 004 321", 1999, Gender.Female, "096", Gender.Female, 1999)]
    [InlineData("089\u00A0208\u00A0000777", 2008, Gender.Male, "089", Gender.Male, 2008)]
    [InlineData("038202000001", null, null, "038", Gender.Male, 2002)]
    public void Check_accepts_a_consistent_number_and_decodes_it(
        string value, int? birthYear, Gender? gender, string province, Gender decodedGender, int decodedYear)
    {
        var check = CitizenId.Check(value, birthYear, gender);

        check.IsValid.ShouldBeTrue();
        check.Error.ShouldBeNull();
        check.Warnings.ShouldBeEmpty();
        check.ProvinceCode.ShouldBe(province);
        check.DecodedGender.ShouldBe(decodedGender);
        check.DecodedBirthYear.ShouldBe(decodedYear);
        check.Normalized.ShouldBe(value.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0793030012", "Số CCCD phải gồm đúng 12 chữ số.")]
    [InlineData("0793030012345", "Số CCCD phải gồm đúng 12 chữ số.")]
    [InlineData("07930300123A", "Số CCCD phải gồm đúng 12 chữ số.")]
    [InlineData("079-303-001234", "Số CCCD phải gồm đúng 12 chữ số.")]
    [InlineData("０７９２０３００１２３４", "Số CCCD phải gồm đúng 12 chữ số.")] // full-width digits
    [InlineData("", "Chưa nhập số CCCD.")]
    [InlineData("   ", "Chưa nhập số CCCD.")]
    [InlineData(null, "Chưa nhập số CCCD.")]
    public void Check_rejects_anything_but_twelve_digits(string? value, string error)
    {
        var check = CitizenId.Check(value, null, null);

        check.IsValid.ShouldBeFalse();
        check.Error.ShouldBe(error);
        check.Normalized.ShouldBeNull();
        check.ProvinceCode.ShouldBeNull();
    }

    [Theory]
    [InlineData("000303001234", "000")]
    [InlineData("003303001234", "003")]
    [InlineData("097303001234", "097")]
    [InlineData("999303001234", "999")]
    public void Check_rejects_an_unknown_province_code(string value, string province)
    {
        var check = CitizenId.Check(value, 2003, Gender.Female);

        check.IsValid.ShouldBeFalse();
        check.Error.ShouldBe($"Mã tỉnh, thành phố ({province}) ở 3 chữ số đầu của số CCCD không có trong danh mục.");
        check.ProvinceCode.ShouldBe(province);
    }

    [Fact]
    public void Check_warns_when_the_gender_digit_contradicts_the_recorded_gender()
    {
        var check = CitizenId.Check("079303001234", 2003, Gender.Male);

        check.IsValid.ShouldBeTrue();
        check.Warnings.ShouldBe(["Chữ số thứ 4 của số CCCD (3) ứng với giới tính Nữ, khác giới tính đã khai (Nam)."]);
    }

    [Fact]
    public void Check_warns_when_the_century_digit_contradicts_the_birth_year()
    {
        // Digit 4 = 0: a man born in the 1900s, but the record says 2003.
        var check = CitizenId.Check("079003001234", 2003, Gender.Male);

        check.IsValid.ShouldBeTrue();
        check.DecodedBirthYear.ShouldBe(1903);
        check.Warnings.ShouldBe(["Chữ số thứ 4 của số CCCD (0) ứng với người sinh năm 1900–1999, khác năm sinh đã khai (2003)."]);
    }

    [Fact]
    public void Check_warns_when_digits_five_and_six_contradict_the_birth_year()
    {
        var check = CitizenId.Check("079305001234", 2003, Gender.Female);

        check.IsValid.ShouldBeTrue();
        check.Warnings.ShouldBe(["Chữ số thứ 5–6 của số CCCD (05) phải trùng hai số cuối năm sinh (2003)."]);
    }

    [Fact]
    public void Check_reports_every_contradiction_at_once()
    {
        var check = CitizenId.Check("079090001234", 2003, Gender.Female);

        check.Warnings.Count.ShouldBe(3);
    }

    [Theory]
    [InlineData('0', Gender.Male, 1900)]
    [InlineData('1', Gender.Female, 1900)]
    [InlineData('2', Gender.Male, 2000)]
    [InlineData('3', Gender.Female, 2000)]
    [InlineData('4', Gender.Male, 2100)]
    [InlineData('5', Gender.Female, 2100)]
    [InlineData('8', Gender.Male, 2300)]
    [InlineData('9', Gender.Female, 2300)]
    public void Digit_four_encodes_gender_and_century(char digit, Gender gender, int century)
    {
        var check = CitizenId.Check($"001{digit}45123456", null, null);

        check.DecodedGender.ShouldBe(gender);
        check.DecodedBirthYear.ShouldBe(century + 45);
    }

    [Fact]
    public void Province_table_has_the_63_pre_2025_provinces_with_unique_three_digit_codes()
    {
        CitizenIdProvinces.All.Count.ShouldBe(63);
        CitizenIdProvinces.All.Select(p => p.Code).Distinct().Count().ShouldBe(63);
        CitizenIdProvinces.All.Select(p => p.Name).Distinct().Count().ShouldBe(63);
        CitizenIdProvinces.All.ShouldAllBe(p => p.Code.Length == 3 && p.Code.All(char.IsAsciiDigit));
        CitizenIdProvinces.Find("001")!.Name.ShouldBe("Hà Nội");
        CitizenIdProvinces.Find("079")!.Name.ShouldBe("Hồ Chí Minh");
        CitizenIdProvinces.Find("096")!.Name.ShouldBe("Cà Mau");
    }
}

public class PhoneNumberTests
{
    [Theory]
    [InlineData("0912345678", "0912345678")]
    [InlineData("0912 345 678", "0912345678")]
    [InlineData("0912.345.678", "0912345678")]
    [InlineData("0912-345-678", "0912345678")]
    [InlineData(" 0387 654 321 ", "0387654321")]
    [InlineData("+84912345678", "0912345678")]
    [InlineData("+84 912 345 678", "0912345678")]
    [InlineData("+84 0912 345 678", "0912345678")]
    public void Normalize_accepts_ten_digit_numbers_and_the_plus_84_prefix(string input, string expected)
    {
        PhoneNumber.Normalize(input).ShouldBe(expected);
        PhoneNumber.IsValid(input).ShouldBeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("091234567")] // 9 digits
    [InlineData("09123456789")] // 11 digits
    [InlineData("02431234567")] // landline (11 digits)
    [InlineData("912345678")] // no leading 0
    [InlineData("1912345678")] // 10 digits, not starting with 0
    [InlineData("0012345678")] // international prefix
    [InlineData("0912 345 67a")]
    [InlineData("(091) 2345678")]
    [InlineData("+85 912 345 678")]
    [InlineData("84912345678")]
    public void IsValid_rejects_other_numbers(string? input)
    {
        PhoneNumber.IsValid(input).ShouldBeFalse();
        PhoneNumber.Normalize(input).ShouldBeNull();
    }
}
