using PhatTrienDangVien.Web.Import;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Import.ImportPages;

namespace PhatTrienDangVien.Web.Tests.Import;

/// <summary>
/// Reading registers as offices keep them, on real .xlsx files: merged cells written as Excel writes them (no cell for
/// the covered part), the totals and signature lines under the table, the headers' usual variants, and cell names
/// written in their usual abbreviations.
/// </summary>
public sealed class ImportReadingTests
{
    [Fact]
    public void A_cell_merged_over_a_group_of_rows_fills_every_row_though_excel_wrote_no_cell_for_them()
    {
        // The builder writes no <c> for an empty cell: H3:H5 holds "Chi bộ Ấp Mỹ Lợi" in H3 only, as Excel saves it.
        var file = Xlsx.Build(new XSheet("DS", [
            Row("DANH SÁCH ĐẢNG VIÊN"),
            Row("STT", "Họ và tên", "Ngày sinh", "Chi bộ"),
            Row(1, "Lục Văn Một", "01/01/1980", "Chi bộ Ấp Mỹ Lợi"),
            Row(2, "Lục Văn Hai", "01/01/1981"),
            Row(3, "Lục Văn Ba", "01/01/1982"),
            Row(4, "Lục Văn Bốn", "01/01/1983", "Chi bộ Trường Tiểu học")],
            ["A1:D1", "D3:D5"]));
        var (sheet, error) = RegisterSheet.Read(file, ImportKind.Members, null);
        error.ShouldBeNull();
        sheet!.HeaderRow.ShouldBe(2);
        sheet.Rows.Select(r => r.Cells["D"]).ShouldBe(["Chi bộ Ấp Mỹ Lợi", "Chi bộ Ấp Mỹ Lợi", "Chi bộ Ấp Mỹ Lợi", "Chi bộ Trường Tiểu học"]);
        sheet.Rows.Select(r => r.Cells["B"]).ShouldBe(["Lục Văn Một", "Lục Văn Hai", "Lục Văn Ba", "Lục Văn Bốn"]);
    }

    [Fact]
    public void Totals_place_date_and_signatures_under_the_table_are_left_out_and_counted()
    {
        var file = Xlsx.Build(new XSheet("DS", [
            Row("STT", "Họ và tên", "Ngày sinh", "Chi bộ"),
            Row(1, "Lục Văn Một", "01/01/1980", "Chi bộ Ấp Mỹ Lợi"),
            Row(2, "Lục Văn Hai", "01/01/1981", "Chi bộ Ấp Mỹ Lợi"),
            Row("Tổng cộng: 2 đảng viên"),
            Row(),
            Row(null, null, "Mỹ Lợi, ngày 01 tháng 12 năm 2026"),
            Row(null, "Người lập biểu", null, "T/M ĐẢNG ỦY"),
            Row(null, "Nguyễn Văn Lập", null, "Trần Văn Ký")],
            ["A4:D4"]));
        var (sheet, error) = RegisterSheet.Read(file, ImportKind.Members, null);
        error.ShouldBeNull();
        sheet!.Rows.Select(r => r.Number).ShouldBe([2, 3]);
        sheet.FooterRows.ShouldBe(4);
        sheet.FooterRow.ShouldBe(4);
    }

    [Fact]
    public void Name_less_lines_after_the_last_member_are_footer_but_a_name_less_row_between_members_is_data()
    {
        var file = Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Ngày sinh", "Chi bộ"),
            Row("Lục Văn Một", "01/01/1980", "Chi bộ Ấp Mỹ Lợi"),
            Row(null, "01/01/1981", "Chi bộ Ấp Mỹ Lợi"),
            Row("Lục Văn Ba", "01/01/1982", "Chi bộ Ấp Mỹ Lợi"),
            Row(null, null, "Bí thư"),
            Row(null, null, "Trần Văn Ký")]));
        var (sheet, _) = RegisterSheet.Read(file, ImportKind.Members, null);
        sheet!.Rows.Select(r => r.Number).ShouldBe([2, 3, 4]);
        sheet.FooterRows.ShouldBe(2);
        sheet.FooterRow.ShouldBe(5);
    }

    [Theory]
    [InlineData("Số thẻ ĐV", ImportField.PartyCardNumber)]
    [InlineData("Số thẻ đảng viên", ImportField.PartyCardNumber)]
    [InlineData("Số thẻ Đảng", ImportField.PartyCardNumber)]
    [InlineData("Ngày kết nạp", ImportField.CeremonyDate)]
    [InlineData("Ngày, tháng, năm vào Đảng", ImportField.CeremonyDate)]
    [InlineData("Ngày vào Đảng chính thức", ImportField.OfficialDate)]
    [InlineData("Ngày được công nhận đảng viên chính thức", ImportField.OfficialDate)]
    [InlineData("CCCD", ImportField.CitizenId)]
    [InlineData("Số CMND/CCCD", ImportField.CitizenId)]
    [InlineData("Số CMND", ImportField.CitizenId)]
    [InlineData("Giới tính", ImportField.Gender)]
    [InlineData("Nam/Nữ", ImportField.Gender)]
    [InlineData("Dân tộc", ImportField.Ethnicity)]
    [InlineData("Điện thoại liên hệ", ImportField.Phone)]
    [InlineData("Thuộc chi bộ", ImportField.Cell)]
    public void The_usual_variants_of_a_header_name_their_field(string header, ImportField field) =>
        ImportFields.Guess(header, ImportKind.Members).ShouldBe(field);

    private static readonly CellNames s_cells = new([(1, "Chi bộ Ấp Mỹ An", true), (2, "Chi bộ Trường Mầm non Mỹ An", true), (3, "Chi bộ Ấp Tân Lập", true), (4, "Chi bộ Tân Lập", true), (10, "Chi bộ Ấp Mỹ An", false)]);

    [Theory]
    [InlineData("CB ấp Mỹ An")]
    [InlineData("Chi bộ ấp Mỹ An")]
    [InlineData("chi bo ap My An")]
    [InlineData("C/b Ấp  Mỹ An")]
    [InlineData("CHI BỘ ẤP MỸ AN")]
    [InlineData("Ấp Mỹ An")]
    [InlineData("Mỹ An")]
    public void A_cell_written_with_or_without_its_prefix_and_marks_is_the_existing_cell(string written)
    {
        var (cell, ambiguous) = s_cells.Find(written.Normalize(System.Text.NormalizationForm.FormD));
        cell.ShouldBe((1, "Chi bộ Ấp Mỹ An"));
        ambiguous.ShouldBeEmpty();
    }

    [Fact]
    public void A_cell_name_a_letter_away_is_suggested_and_one_matching_two_cells_is_never_mapped()
    {
        s_cells.Find("CB Mỹ Ann").Cell.ShouldBeNull();
        s_cells.Nearest("CB Mỹ Ann").ShouldBe(["Chi bộ Ấp Mỹ An"]);
        s_cells.Nearest("Chi bộ Ấp Bình Hòa").ShouldBeEmpty();
        // "Tân Lập" is a cell of its own; "Tân Lập" with "Ấp" written is the ấp's cell: both exact, neither guessed.
        s_cells.Find("Tân Lập").Cell.ShouldBe((4, "Chi bộ Tân Lập"));
        s_cells.Find("ấp Tân Lập").Cell.ShouldBe((3, "Chi bộ Ấp Tân Lập"));
        // Two cells of one folded name: neither is chosen, both are named.
        var twins = new CellNames([(5, "Chi bộ Ấp Bình Hòa", true), (6, "Chi bộ ấp Bình Hoà", true)]);
        twins.Find("CB Bình Hòa").Cell.ShouldBeNull();
        twins.Find("CB Bình Hòa").Ambiguous.ShouldBe(["Chi bộ Ấp Bình Hòa", "Chi bộ ấp Bình Hoà"]);
        // Numbered cells stay apart (a trailing number is not a footnote mark here).
        var numbered = new CellNames([(8, "Chi bộ Ấp 1", true), (9, "Chi bộ Ấp 2", true)]);
        numbered.Find("CB Ấp 2").Cell.ShouldBe((9, "Chi bộ Ấp 2"));
        numbered.Find("1").Cell.ShouldBe((8, "Chi bộ Ấp 1"));
        CellNames.Label("CB ấp Mỹ Hưng").ShouldBe("Chi bộ ấp Mỹ Hưng");
        CellNames.Label("C/b Ấp Mỹ Hưng").ShouldBe("Chi bộ Ấp Mỹ Hưng");
        CellNames.Label("Tân Hòa").ShouldBe("Chi bộ Tân Hòa");
    }
}
