using System.Globalization;
using System.Text;
using PhatTrienDangVien.Core.Text;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Core.Tests.Text;

public class VietnameseTextTests
{
    [Theory]
    [InlineData("Nguyễn Văn Đức")]
    [InlineData("Đặng Thị Ngọc Ánh")]
    [InlineData("Trương Quốc Hưng")]
    [InlineData("Lê Thị Mỹ Lệ")]
    public void Normalize_composes_a_decomposed_name_into_the_precomposed_one(string precomposed)
    {
        var decomposed = precomposed.Normalize(NormalizationForm.FormD);
        decomposed.ShouldNotBe(precomposed); // guard: the input really is different code units

        VietnameseText.Normalize(decomposed).ShouldBe(precomposed);
    }

    [Theory]
    [InlineData("  Nguyễn   Văn\tĐức ", "Nguyễn Văn Đức")]
    [InlineData("Nguyễn\u00A0Văn\u00A0\u00A0Đức", "Nguyễn Văn Đức")]
    [InlineData("Nguyễn\r\nVăn Đức", "Nguyễn Văn Đức")]
    [InlineData("Nguyễn\u200B Văn Đức\uFEFF", "Nguyễn Văn Đức")]
    [InlineData("Ấp\u00ADBình Hòa", "ẤpBình Hòa")]
    public void Normalize_trims_and_collapses_every_kind_of_white_space(string input, string expected)
    {
        VietnameseText.Normalize(input).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u00A0\t\n")]
    [InlineData("\u200B")]
    public void Normalize_turns_blank_input_into_null(string? input)
    {
        VietnameseText.Normalize(input).ShouldBeNull();
    }

    [Theory]
    [InlineData("Nguyễn Văn Đức", "nguyen van duc")]
    [InlineData("Đặng Thị Ngọc Ánh", "dang thi ngoc anh")]
    [InlineData("ĐỖ  THỊ   HƯƠNG ", "do thi huong")]
    [InlineData("Phạm Ngũ Lão", "pham ngu lao")]
    [InlineData("Hoà", "hoa")]
    [InlineData("Hòa", "hoa")]
    [InlineData("Ðinh Bộ Lĩnh", "dinh bo linh")] // Icelandic eth look-alike
    [InlineData("Ksor H'Bia", "ksor h'bia")]
    [InlineData(null, "")]
    [InlineData("  ", "")]
    public void Fold_removes_marks_and_maps_d_with_stroke(string? input, string expected)
    {
        VietnameseText.Fold(input).ShouldBe(expected);
    }

    [Theory]
    [InlineData("Nguy\uFFFEễn", "nguy\uFFFEen")]
    [InlineData("Nguye\u0302\u0303n\uFFFF", "nguyen\uFFFF")]
    [InlineData("Hòa\uFDD0", "hoa\uFDD0")]
    public void Fold_keeps_what_cannot_be_normalised_in_place_instead_of_failing(string input, string expected)
    {
        // .NET's Normalize throws on some of these: a search box must find nothing, not fail the request.
        VietnameseText.Fold(input).ShouldBe(expected);
    }

    [Fact]
    public void Normalize_keeps_noncharacters_and_lone_surrogates_for_the_input_checks_to_refuse()
    {
        // Built in code: a test attribute's strings lose their lone surrogates before the test sees them.
        var high = ((char)0xD800).ToString();
        VietnameseText.Normalize("Phe\u0323\u0302m\uFFFE  Văn" + high + " Đồng").ShouldBe("Phệm\uFFFE Văn" + high + " Đồng");
        VietnameseText.Fold(((char)0xDC00) + "Hòa").ShouldBe(((char)0xDC00) + "hoa");
    }

    [Fact]
    public void Fold_gives_the_same_key_for_decomposed_and_precomposed_text()
    {
        const string name = "Trần Thị Thùy Dương";
        VietnameseText.Fold(name.Normalize(NormalizationForm.FormD)).ShouldBe(VietnameseText.Fold(name));
    }

    [Theory]
    [InlineData("nguyễn văn đức", "NGUYỄN VĂN ĐỨC")]
    [InlineData("đặng thị ngọc ánh", "ĐẶNG THỊ NGỌC ÁNH")]
    [InlineData(" trương  quốc hưng ", "TRƯƠNG QUỐC HƯNG")]
    public void ToUpperName_upper_cases_with_Vietnamese_letters(string input, string expected)
    {
        VietnameseText.ToUpperName(input).ShouldBe(expected);
    }

    [Theory]
    [InlineData("Nguyễn Văn Đức", "Nguyễn", "Văn", "Đức")]
    [InlineData("Đặng Thị Ngọc Ánh", "Đặng", "Thị Ngọc", "Ánh")]
    [InlineData("Lê Na", "Lê", "", "Na")]
    [InlineData("Mai", "", "", "Mai")]
    [InlineData("  Tôn  Nữ Minh   Châu ", "Tôn", "Nữ Minh", "Châu")]
    [InlineData("", "", "", "")]
    public void SplitName_takes_first_word_as_family_and_last_word_as_given(
        string fullName, string family, string middle, string given)
    {
        VietnameseText.SplitName(fullName).ShouldBe((family, middle, given));
    }
}

public class NameSortKeyTests
{
    private static readonly CompareInfo s_vietnamese = CultureInfo.GetCultureInfo("vi-VN").CompareInfo;

    // Realistic names, deliberately including: same given name with different middle/family names, tone-only
    // differences, prefixes (An/Anh), the extra letters (ă â đ ê ô ơ ư), names without middle name and long middles.
    private static readonly string[] s_names =
    [
        "Trần Văn An",
        "Nguyễn Thị Ánh",
        "Lê Văn Bình",
        "Phạm Đức Chiến",
        "Võ Thị Dung",
        "Đỗ Văn Đạt",
        "Nguyễn Văn Anh",
        "Trần Thị Ảnh",
        "Lê Anh",
        "Hoàng Thị Ân",
        "Bùi Văn Ẩn",
        "Đặng Thị Ngọc Ánh",
        "Huỳnh Văn Bằng",
        "Ngô Thị Cúc",
        "Dương Văn Cường",
        "Lý Thị Diệu",
        "Nguyễn Văn Đức",
        "Trần Văn Đức",
        "Trần Minh Đức",
        "Nguyễn Minh Đức",
        "Phan Thị Ê",
        "Mai Văn Giang",
        "Châu Thị Hà",
        "Tô Thị Hạ",
        "La Văn Hải",
        "Thạch Thị Hà",
        "Đinh Văn Hùng",
        "Lâm Thị Hương",
        "Kim Văn Hưng",
        "Tạ Văn Khải",
        "Triệu Thị Lan",
        "Danh Sóc Ly",
        "Trương Văn Minh",
        "Quách Thị Nga",
        "Sơn Thị Ngà",
        "Lưu Văn Nghĩa",
        "Thái Văn Ơn",
        "Hồ Thị Ổn",
        "Văn Thị Phương",
        "Cao Văn Sang",
        "Kiều Thị Thu Trang",
        "Lê Thị Thu Trang",
        "Lê Thị Trang",
        "Nguyễn Thị Trang",
        "Phùng Văn Tú",
        "Tăng Văn Tư",
        "Ông Văn Tứ",
        "Âu Thị Út",
        "Mạc Văn Ưng",
        "Lò Văn Vinh",
        "Hà Thị Xuân",
        "Y Thị Yến",
    ];

    [Fact]
    public void Sorted_keys_follow_the_example_order_of_the_brief()
    {
        string[] expected =
        [
            "Trần Văn An",
            "Nguyễn Thị Ánh",
            "Lê Văn Bình",
            "Phạm Đức Chiến",
            "Võ Thị Dung",
            "Đỗ Văn Đạt",
        ];

        var shuffled = expected.Reverse().ToArray();
        var sorted = shuffled.OrderBy(VietnameseText.NameSortKey, StringComparer.Ordinal).ToArray();

        sorted.ShouldBe(expected);
    }

    [Fact]
    public void Same_given_name_is_ordered_by_middle_names_then_family_name()
    {
        string[] expected =
        [
            "Nguyễn Minh Đức",
            "Trần Minh Đức",
            "Nguyễn Văn Đức",
            "Trần Văn Đức",
        ];

        var sorted = expected.Reverse().OrderBy(VietnameseText.NameSortKey, StringComparer.Ordinal).ToArray();

        sorted.ShouldBe(expected);
    }

    [Theory]
    [InlineData("Lê Anh", "Trần Văn Anh")] // no middle name sorts before a middle name
    [InlineData("Lê Thị Trang", "Lê Thị Thu Trang")] // shorter list of middle names first
    [InlineData("Trần Văn An", "Lê Văn Anh")] // a shorter given name that is a prefix comes first
    [InlineData("Lê Văn Ánh", "Trần Văn Ăn")] // a comes before ă whatever the tone
    [InlineData("Trần Văn Anh", "Lê Văn Ánh")] // the given name's tone decides before the family name does
    [InlineData("Nguyễn Văn Dũng", "Nguyễn Văn Đông")] // d before đ
    [InlineData("Lê Thị Hà", "Nguyễn Thị Hà")] // same given and middle names: the family name decides
    [InlineData("Nguyễn Văn Đức", "Trần Văn Đức")]
    public void Ordinal_comparison_of_keys_puts_the_first_name_first(string first, string second)
    {
        string.CompareOrdinal(VietnameseText.NameSortKey(first), VietnameseText.NameSortKey(second))
            .ShouldBeLessThan(0, $"{first} < {second}");
    }

    [Theory]
    [InlineData("Ha", "Hà", "Hả", "Hã", "Há", "Hạ")]
    [InlineData("Ba", "Bà", "Bả", "Bã", "Bá", "Bạ")]
    public void Tones_follow_the_dictionary_order_ngang_huyen_hoi_nga_sac_nang(params string[] givenNames)
    {
        var keys = givenNames.Select(g => VietnameseText.NameSortKey("Lê Văn " + g)).ToArray();

        keys.ShouldBe(keys.OrderBy(k => k, StringComparer.Ordinal).ToArray());
        keys.Distinct().Count().ShouldBe(keys.Length);
    }

    [Fact]
    public void Letters_follow_the_Vietnamese_alphabet()
    {
        string[] letters =
        [
            "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
            "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
        ];

        var keys = letters.Select(VietnameseText.NameSortKey).ToArray();

        keys.ShouldBe(keys.OrderBy(k => k, StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData("Nguyễn Văn Đức", "nguyễn văn đức")]
    [InlineData("Nguyễn Văn Đức", "  NGUYỄN   VĂN  ĐỨC ")]
    [InlineData("Lê Thị Hòa", "Lê Thị Hoà")]
    public void Case_spacing_decomposition_and_tone_placement_do_not_change_the_key(string a, string b)
    {
        VietnameseText.NameSortKey(b.Normalize(NormalizationForm.FormD)).ShouldBe(VietnameseText.NameSortKey(a));
    }

    [Fact]
    public void Keys_are_pure_ascii_so_SQLite_binary_collation_agrees()
    {
        foreach (var name in s_names.Append("Ksor H'Bia").Append("Y-Moan Ênuôl").Append("Nguyễn Văn 2"))
        {
            VietnameseText.NameSortKey(name).ShouldAllBe(c => c < 128);
        }
    }

    [Fact]
    public void Unusual_characters_still_give_a_stable_ascii_key()
    {
        VietnameseText.NameSortKey("Müller Jürgen").ShouldBe(VietnameseText.NameSortKey("Muller Jurgen"));
        VietnameseText.NameSortKey("Trần 𠀋").ShouldContain("~02000B");
        VietnameseText.NameSortKey("").ShouldBe("");
    }

    [Fact]
    public void Ordinal_sort_of_keys_equals_ICU_vi_VN_sort_of_given_middle_family()
    {
        // Sanity check of the reference: ICU must really apply Vietnamese rules on this machine.
        s_vietnamese.Compare("Dung", "Đạt").ShouldBeLessThan(0);
        s_vietnamese.Compare("Hạ", "Hà").ShouldBeGreaterThan(0);

        var byKey = s_names.OrderBy(VietnameseText.NameSortKey, StringComparer.Ordinal).ToArray();
        var byIcu = s_names.Order(Comparer<string>.Create(CompareWithIcu)).ToArray();

        byKey.ShouldBe(byIcu);
    }

    // Compares given name, then middle names word by word, then family name, each with ICU's vi-VN collation.
    private static int CompareWithIcu(string x, string y)
    {
        var a = VietnameseText.SplitName(x);
        var b = VietnameseText.SplitName(y);
        var result = s_vietnamese.Compare(a.Given, b.Given);
        if (result != 0)
        {
            return result;
        }

        var middleA = a.Middle.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var middleB = b.Middle.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < Math.Min(middleA.Length, middleB.Length); i++)
        {
            result = s_vietnamese.Compare(middleA[i], middleB[i]);
            if (result != 0)
            {
                return result;
            }
        }

        result = middleA.Length.CompareTo(middleB.Length);
        return result != 0 ? result : s_vietnamese.Compare(a.Family, b.Family);
    }
}
