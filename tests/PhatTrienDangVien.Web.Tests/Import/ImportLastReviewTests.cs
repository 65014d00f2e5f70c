using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Import.ImportPages;

namespace PhatTrienDangVien.Web.Tests.Import;

/// <summary>
/// The last review findings of the Excel import (issue 10): the batch page's people and undo, the preview's full ready
/// rows, year-only ceremonies, the age at admission, rows hidden by a filter, a register split over sheets. Real .xlsx
/// files through the pages, on both engines; each test uses its own names. The test clock stands at 20/11/2026.
/// </summary>
public abstract class ImportLastReviewTests<TApp>(TApp app) where TApp : AppFactory
{
    private static readonly XCell[] s_header = Row("Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ");

    [Fact]
    public async Task The_batch_page_names_the_importer_by_full_name_and_undoes_the_import_or_says_why_not()
    {
        var b = await Browser.LoginAsync(app, "office");
        var fullName = await app.WithSystemScopeAsync(db => db.Users.Where(u => u.UserName == "office").Select(u => u.FullName).SingleAsync());
        fullName.ShouldNotBe("office");
        var kept = await CommitOkAsync(b, await PreviewAsync(b, Xlsx.Build(new XSheet("DS", [s_header,
            Row("Lạc Văn Giữ", "01/01/1980", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi")])), "lac-giu.xlsx"));
        var gone = await CommitOkAsync(b, await PreviewAsync(b, Xlsx.Build(new XSheet("DS", [s_header,
            Row("Lạc Văn Gỡ", "01/01/1981", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi"),
            Row("Lạc Thị Gỡ", "01/01/1982", "Nữ", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi")])), "lac-go.xlsx"));

        var (_, doc) = await b.GetAsync($"/Import/Batch/{gone}");
        Text(doc, "[data-user=imported]").ShouldStartWith(fullName + ",");
        var button = doc.QuerySelector(".import-undo button")!;
        button.GetAttribute("data-confirm")!.ShouldContain("Sẽ gỡ bỏ 2 hồ sơ đảng viên");
        Text(doc, ".import-undo").ShouldContain("Hoàn tác sẽ gỡ bỏ 2 hồ sơ đảng viên do lần nhập này tạo");
        (_, doc) = await b.GetAsync("/Import");
        Text(doc, $"tr[data-batch='{gone}']").ShouldContain(fullName);

        // Something depends on the first import: refused on the page, with the command's reason, and nothing removed.
        var member = (await MembersAsync(app, "Lạc Văn Giữ"))[0];
        var edit = await b.PostFormAsync($"/Members/Edit/{member.Id}", new() { ["Person.Occupation"] = "Nông dân" });
        edit.StatusCode.ShouldBe(HttpStatusCode.Redirect, await edit.Content.ReadAsStringAsync());
        var refused = await b.PostRawAsync($"/Import/Batch/{kept}?handler=Undo", [], $"/Import/Batch/{kept}");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await refused.Content.ReadAsStringAsync();
        html.ShouldContain("Không hoàn tác được lần nhập này vì đã có việc dựa trên nó — hồ sơ đã được sửa sau khi nhập: Lạc Văn Giữ");
        html.ShouldContain("Kết quả nhập từ Excel");
        (await MembersAsync(app, "Lạc Văn Giữ")).Count.ShouldBe(1);

        var undone = await b.PostRawAsync($"/Import/Batch/{gone}?handler=Undo", [], $"/Import/Batch/{gone}");
        undone.StatusCode.ShouldBe(HttpStatusCode.Redirect, await undone.Content.ReadAsStringAsync());
        undone.Headers.Location!.ToString().ShouldBe($"/Import/Batch/{gone}");
        (await MembersAsync(app, "Lạc Văn Gỡ", "Lạc Thị Gỡ")).ShouldBeEmpty();
        (_, doc) = await b.GetAsync($"/Import/Batch/{gone}");
        Text(doc, "[data-user=undone]").ShouldStartWith(fullName + ",");
        doc.QuerySelector(".import-undo").ShouldBeNull();
    }

    [Fact]
    public async Task The_batch_pages_undo_needs_the_import_permission()
    {
        var office = await Browser.LoginAsync(app, "office");
        var batch = await CommitOkAsync(office, await PreviewAsync(office, Xlsx.Build(new XSheet("DS", [s_header,
            Row("Lạc Văn Quyền", "01/01/1983", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi")])), "lac-quyen.xlsx"));
        var secretary = await Browser.LoginAsync(app, "secretary");
        var r = await secretary.PostRawAsync($"/Import/Batch/{batch}?handler=Undo", [], "/");
        ((int)r.StatusCode).ShouldBeOneOf(403, 302);
        (await MembersAsync(app, "Lạc Văn Quyền")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_preview_shows_every_mapped_field_as_it_will_be_stored()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Năm sinh", "Giới tính", "Số CCCD", "Dân tộc", "Tôn giáo", "Trình độ", "Lý luận CT", "Thuộc ấp", "Nghề nghiệp",
                "Ngày vào Đảng", "Ngày chính thức", "Số thẻ đảng", "Chi bộ", "Ghi chú"),
            Row("Mạc Văn Đủ", "1980", "Nam", "089080012345", "Kinh", "Hòa Hảo", "12/12", "TC", "Mỹ Lợi", "Làm ruộng",
                "2000", "15/03/2001", "12345678", "Chi bộ Ấp Mỹ Lợi", "Tổ 5")]));
        var (_, doc) = await b.GetAsync(await PreviewAsync(b, file, "du-cot.xlsx"));
        Text(doc, "[data-count=errors]").ShouldBe("0", Text(doc, ".import-errors"));
        var row = doc.QuerySelector(".import-ready tr[data-row='2']")!;
        string Cell(string field) => row.QuerySelector($"td[data-field={field}]")?.TextContent ?? $"(no {field})";
        row.QuerySelector("th.import-ready-name")!.TextContent.ShouldContain("Mạc Văn Đủ");
        Cell("DateOfBirth").ShouldBe("1980");
        Cell("Gender").ShouldBe("Nam");
        // Masked as every list shows it: the record page reveals it, with its access trail.
        Cell("CitizenId").ShouldBe("0890******45");
        Cell("Ethnicity").ShouldBe("Kinh");
        Cell("Religion").ShouldBe("Phật giáo Hòa Hảo");
        Cell("GeneralEducation").ShouldBe("12/12");
        Cell("PoliticalTheory").ShouldBe("Trung cấp");
        Cell("Hamlet").ShouldContain("Mỹ Lợi");
        Cell("Occupation").ShouldBe("Làm ruộng");
        Cell("CeremonyDate").ShouldBe("2000");
        Cell("OfficialDate").ShouldBe("15/03/2001");
        Cell("PartyCardNumber").ShouldBe("12345678");
        Cell("Cell").ShouldBe("Chi bộ Ấp Mỹ Lợi");
        Cell("Notes").ShouldBe("Tổ 5");
        // The status the file does not give is shown as the import infers it.
        Cell("Status").ShouldBe("Chính thức");
        doc.QuerySelectorAll(".import-ready thead th").Length.ShouldBe(16);
    }

    [Fact]
    public async Task A_year_only_ceremony_of_this_or_last_year_is_never_taken_as_official()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = Xlsx.Build(new XSheet("DS", [s_header,
            Row("Yên Văn Năm", "01/01/1990", "Nam", "2025", null, "Chi bộ Ấp Mỹ Lợi"),
            Row("Yên Văn Nay", "01/01/1991", "Nam", "2026", null, "Chi bộ Ấp Mỹ Lợi"),
            Row("Yên Văn Kia", "01/01/1992", "Nam", "2024", null, "Chi bộ Ấp Mỹ Lợi"),
            Row("Yên Văn Xưa", "01/01/1980", "Nam", "2023", null, "Chi bộ Ấp Mỹ Lợi"),
            Row("Yên Văn Tháng", "01/01/1993", "Nam", "12/2025", null, "Chi bộ Ấp Mỹ Lợi")]));
        var preview = await PreviewAsync(b, file, "nam-vao-dang.xlsx");
        var (_, doc) = await b.GetAsync(preview);
        Text(doc, "[data-count=errors]").ShouldBe("0", Text(doc, ".import-errors"));
        var warnings = Text(doc, ".import-warnings");
        warnings.ShouldContain("Dòng 2, cột D (Ngày vào Đảng): ngày vào Đảng chỉ ghi năm 2025 nên không biết đã đủ 12 tháng dự bị chưa: ghi là Dự bị");
        warnings.ShouldContain("Dòng 4, cột D (Ngày vào Đảng): ngày vào Đảng chỉ ghi năm 2024");
        warnings.ShouldNotContain("Dòng 3, cột D");
        warnings.ShouldNotContain("Dòng 5, cột D");
        warnings.ShouldNotContain("Dòng 6, cột D");
        await CommitOkAsync(b, preview);
        var m = await MembersAsync(app, "Yên Văn Năm", "Yên Văn Nay", "Yên Văn Kia", "Yên Văn Xưa", "Yên Văn Tháng");
        m.Select(x => x.Status).ShouldBe([MemberStatus.Probationary, MemberStatus.Probationary, MemberStatus.Probationary, MemberStatus.Official, MemberStatus.Probationary]);

        // Written "Chính thức" with a ceremony of last year known only to its year: the full date is asked for.
        var official = Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Tình trạng", "Ngày vào Đảng", "Chi bộ"),
            Row("Yên Văn Thức", "01/01/1990", "Nam", "Chính thức", "2025", "Chi bộ Ấp Mỹ Lợi"),
            Row("Yên Văn Đủ", "01/01/1990", "Nam", "Chính thức", "2024", "Chi bộ Ấp Mỹ Lợi")]));
        (_, doc) = await b.GetAsync(await PreviewAsync(b, official, "nam-chinh-thuc.xlsx"));
        var errors = Text(doc, ".import-errors");
        errors.ShouldContain("Dòng 2, cột E (Ngày vào Đảng): ghi là chính thức nhưng ngày vào Đảng chỉ ghi năm 2025, có thể chưa đủ 12 tháng dự bị; hãy ghi đủ ngày vào Đảng (ngày/tháng/năm) hoặc ghi ngày chính thức.");
        errors.ShouldNotContain("Dòng 3");
    }

    [Fact]
    public async Task The_age_limit_is_checked_at_the_admission_not_today()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = Xlsx.Build(new XSheet("DS", [s_header,
            Row("Văn Văn Sáu Chín", "01/06/1956", "Nam", "01/09/2015", "01/09/2016", "Chi bộ Ấp Mỹ Lợi"),
            Row("Văn Văn Sáu Hai", "01/01/1950", "Nam", "01/03/2012", "01/03/2013", "Chi bộ Ấp Mỹ Lợi")]));
        var (_, doc) = await b.GetAsync(await PreviewAsync(b, file, "tuoi.xlsx"));
        Text(doc, "[data-count=errors]").ShouldBe("0", Text(doc, ".import-errors"));
        var warnings = Text(doc, ".import-warnings");
        warnings.ShouldContain("Dòng 3, cột D (Ngày vào Đảng): Văn Văn Sáu Hai vào Đảng (01/03/2012) khi đã 62 tuổi, quá 60 tuổi");
        warnings.ShouldNotContain("Văn Văn Sáu Chín");

        // Without a ceremony date (a member who left), the decision's date tells the age at admission.
        var decision = Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Tình trạng", "Ngày quyết định kết nạp", "Ngày vào Đảng", "Chi bộ"),
            Row("Văn Văn Quyết", "01/01/1940", "Nam", "Từ trần", "01/02/2003", null, "Chi bộ Ấp Mỹ Lợi"),
            Row("Văn Văn Trẻ", "01/01/1950", "Nam", "Từ trần", "01/02/2003", null, "Chi bộ Ấp Mỹ Lợi")]));
        (_, doc) = await b.GetAsync(await PreviewAsync(b, decision, "tuoi-qd.xlsx"));
        warnings = Text(doc, ".import-warnings");
        warnings.ShouldContain("Dòng 2, cột E (Ngày quyết định kết nạp): Văn Văn Quyết vào Đảng (01/02/2003) khi đã 63 tuổi");
        warnings.ShouldNotContain("Văn Văn Trẻ");
    }

    [Fact]
    public async Task Rows_hidden_by_a_filter_come_in_with_a_warning_naming_them()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = Xlsx.Build(new XSheet("DS", [s_header,
            Row("Ẩn Văn Một", "01/01/1980", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi"),
            Row("Ẩn Văn Hai", "01/01/1981", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi"),
            Row("Ẩn Văn Ba", "01/01/1982", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi"),
            Row("Ẩn Văn Bốn", "01/01/1983", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi")], Hidden: [3, 5]));
        var (_, doc) = await b.GetAsync(await PreviewAsync(b, file, "loc.xlsx"));
        Text(doc, "[data-count=ready]").ShouldBe("4");
        Text(doc, ".import-warnings").ShouldContain("2 dòng đang bị ẩn trong Excel (lọc) vẫn được nhập: dòng 3, dòng 5.");

        var shown = Xlsx.Build(new XSheet("DS", [s_header,
            Row("Ẩn Văn Năm", "01/01/1984", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi")]));
        (_, doc) = await b.GetAsync(await PreviewAsync(b, shown, "khong-loc.xlsx"));
        Text(doc, ".import-warnings").ShouldNotContain("bị ẩn");
    }

    [Fact]
    public async Task A_register_split_over_sheets_is_read_whole_and_sheets_of_other_columns_are_named_as_skipped()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = Xlsx.Build(
            new XSheet("Ấp Mỹ Lợi", [
                Row("DANH SÁCH ĐẢNG VIÊN CHI BỘ ẤP MỸ LỢI"),
                s_header,
                Row("Trang Văn Một", "01/01/1980", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi"),
                Row("Trang Văn Hai", "02/02/1981", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi")]),
            new XSheet("Ấp Mỹ An", [
                s_header,
                Row("Trang Văn Ba", "03/03/1982", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi"),
                Row("Trang Văn Bốn", "04/04/1983", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi")], Hidden: [3]),
            new XSheet("Tổng hợp", [
                Row("Chi bộ", "Số đảng viên"),
                Row("Ấp Mỹ Lợi", 2)]),
            new XSheet("Khác", [
                Row("Họ và tên", "Ngày sinh", "Số CCCD"),
                Row("Trang Văn Lạ", "01/01/1990", "089090001234")]));
        var preview = await PreviewAsync(b, file, "nhieu-trang-doc.xlsx");
        var (_, doc) = await b.GetAsync(preview);
        Text(doc, "[data-count=errors]").ShouldBe("0", Text(doc, ".import-errors"));
        Text(doc, "[data-count=ready]").ShouldBe("4");
        var warnings = Text(doc, ".import-warnings");
        warnings.ShouldContain("Đọc 2 trang có cùng các cột: “Ấp Mỹ Lợi”, “Ấp Mỹ An”.");
        warnings.ShouldContain("Không đọc trang “Tổng hợp” (không có dòng tiêu đề); trang “Khác” (các cột khác với trang “Ấp Mỹ Lợi”)");
        warnings.ShouldContain("1 dòng đang bị ẩn trong Excel (lọc) vẫn được nhập: trang “Ấp Mỹ An”, dòng 3.");
        Text(doc, ".import-ready").ShouldContain("Trang “Ấp Mỹ An”, dòng 3");
        Text(doc, ".import-ready").ShouldContain("Trang “Ấp Mỹ Lợi”, dòng 3");
        await CommitOkAsync(b, preview);
        (await MembersAsync(app, "Trang Văn Một", "Trang Văn Hai", "Trang Văn Ba", "Trang Văn Bốn")).Count.ShouldBe(4);
        (await MembersAsync(app, "Trang Văn Lạ")).ShouldBeEmpty();

        // An error and a duplicate across sheets name the sheet and the row.
        var bad = Xlsx.Build(
            new XSheet("Ấp Mỹ Lợi", [s_header,
                Row("Trang Văn Năm", "05/05/1985", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi")]),
            new XSheet("Ấp Mỹ An", [s_header,
                Row("Trang Văn Sáu", "31/02/1986", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi"),
                Row("Trang Văn Năm", "05/05/1985", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi")]));
        (_, doc) = await b.GetAsync(await PreviewAsync(b, bad, "nhieu-trang-loi.xlsx"));
        var errors = Text(doc, ".import-errors");
        errors.ShouldContain("Trang “Ấp Mỹ An”, dòng 2, cột B (Ngày sinh): “31/02/1986” không phải là ngày có thật");
        errors.ShouldContain("Trang “Ấp Mỹ An”, dòng 3, cột A (Họ và tên): có thể trùng người với trang “Ấp Mỹ Lợi”, dòng 2");
    }
}

public sealed class ImportLastReviewTests_Sqlite(SqliteApp app) : ImportLastReviewTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ImportLastReviewTests_Postgres(PostgresApp app) : ImportLastReviewTests<PostgresApp>(app), IClassFixture<PostgresApp>;
