using PhatTrienDangVien.Web.Province;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Province;

public class CommuneNamesTests
{
    [Theory]
    [InlineData("Đảng bộ xã Nhơn Hưng", "Nhơn Hưng")]
    [InlineData("dang bo xa  Nhơn Hưng", "Nhơn Hưng")]
    [InlineData("ĐẢNG BỘ PHƯỜNG An Nhơn", "An Nhơn")]
    [InlineData("Đảng bộ Thị trấn Bình Định", "Bình Định")]
    [InlineData("Xã Nhơn Mỹ", "Nhơn Mỹ")]
    [InlineData("Nhơn Mỹ", "Nhơn Mỹ")]
    [InlineData("Xã", "Xã")]
    [InlineData("Xuân Phương", "Xuân Phương")]
    [InlineData("Phương Thạnh", "Phương Thạnh")]
    [InlineData("Xà Phiên", "Xà Phiên")]
    [InlineData("Đảng bộ xã Phương Thạnh", "Phương Thạnh")]
    public void The_name_without_the_words_before_it_keeps_its_diacritics(string name, string expected) =>
        CommuneNames.WithoutPrefix(name).ShouldBe(expected);

    [Fact]
    public void Names_that_differ_by_diacritics_case_or_prefix_share_one_key()
    {
        CommuneNames.Key("Đảng bộ xã Nhơn Hưng").ShouldBe(CommuneNames.Key("nhon hung"));
        CommuneNames.Key("Phường Nhơn Hưng").ShouldBe(CommuneNames.Key("Nhơn  Hưng"));
        CommuneNames.Key("Nhơn Hưng").ShouldNotBe(CommuneNames.Key("Nhơn Hậu"));
        // A name whose first word only looks like "phường" or "xã" without its marks is still the name.
        CommuneNames.Key("Phương Thạnh").ShouldBe(CommuneNames.Key("Đảng bộ xã Phương Thạnh"));
        CommuneNames.Key("Phương Thạnh").ShouldNotBe(CommuneNames.Key("Đảng bộ xã Thạnh"));
    }

    [Theory]
    [InlineData("Nhơn Hưng", "Đảng bộ xã Nhơn Hưng")]
    [InlineData("  Nhơn   Hưng ", "Đảng bộ xã Nhơn Hưng")]
    [InlineData("Đảng bộ xã Nhơn Hưng", "Đảng bộ xã Nhơn Hưng")]
    [InlineData("Đảng bộ phường An Nhơn", "Đảng bộ phường An Nhơn")]
    [InlineData("Xã Nhơn Mỹ", "Đảng bộ xã Nhơn Mỹ")]
    [InlineData("xã mỹ hòa", "Đảng bộ xã Mỹ Hòa")]
    [InlineData("đảng bộ phường an nhơn", "Đảng bộ phường An Nhơn")]
    [InlineData("Thị trấn Phú Mỹ", "Đảng bộ thị trấn Phú Mỹ")]
    [InlineData("Đảng bộ Khối cơ quan", "Đảng bộ Khối cơ quan")]
    [InlineData("Phương Thạnh", "Đảng bộ xã Phương Thạnh")]
    // A prefix alone stays as typed, so that the check refusing it still sees it (not "Đảng bộ xã Xã").
    [InlineData(" Xã ", "Xã")]
    [InlineData("Đảng bộ xã", "Đảng bộ xã")]
    public void A_name_typed_alone_is_shown_as_a_communes_party_committee(string typed, string shown) =>
        CommuneNames.Full(typed).ShouldBe(shown);

    [Theory]
    [InlineData("Đảng bộ xã", true)]
    [InlineData("dang bo xa", true)]
    [InlineData(" Xã ", true)]
    [InlineData("Phường", true)]
    [InlineData("Xã Nhơn Mỹ", false)]
    [InlineData("Xã Xã", true)]
    [InlineData("Đảng bộ xã xa", true)]
    [InlineData("Xà", false)]
    public void Only_the_words_before_a_name_are_no_name(string typed, bool prefixOnly) =>
        CommuneNames.IsPrefixOnly(typed).ShouldBe(prefixOnly);

    [Theory]
    [InlineData(null, "Ban Tổ chức Tỉnh ủy")]
    [InlineData("  ", "Ban Tổ chức Tỉnh ủy")]
    [InlineData("An Giang", "Tỉnh ủy An Giang\nBan Tổ chức")]
    [InlineData("Tỉnh ủy  An Giang", "Tỉnh ủy An Giang\nBan Tổ chức")]
    [InlineData("Thành ủy Cần Thơ", "Thành ủy Cần Thơ\nBan Tổ chức")]
    [InlineData("Thành phố Hồ Chí Minh", "Thành ủy Thành phố Hồ Chí Minh\nBan Tổ chức")]
    [InlineData("Tỉnh An Giang", "Tỉnh ủy An Giang\nBan Tổ chức")]
    [InlineData("Ban Tổ chức Tỉnh ủy An Giang", "Tỉnh ủy An Giang\nBan Tổ chức")]
    [InlineData("Ban Tổ chức", "Ban Tổ chức Tỉnh ủy")]
    [InlineData("Ban Tổ chức Tỉnh ủy", "Ban Tổ chức Tỉnh ủy")]
    public void The_boards_reports_are_headed_by_the_province_the_installation_names(string? setting, string head) =>
        ProvinceOptions.Head(setting).ShouldBe(head);
}
