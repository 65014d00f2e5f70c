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
/// The findings of the second review of the Excel import (a new clerk and an attacker), each on real .xlsx files through
/// the pages, on both engines. Each test uses its own names, so the tests of a class share one database without meeting.
/// </summary>
public abstract class ImportReviewTests<TApp>(TApp app) where TApp : AppFactory
{
    private Task<int> PeopleCountAsync(params string[] names) => app.WithSystemScopeAsync(db => db.People.CountAsync(p => names.Contains(p.FullName)));

    [Fact]
    public async Task A_candidate_list_uploaded_as_members_is_refused_and_a_member_without_a_ceremony_date_is_an_error()
    {
        var b = await Browser.LoginAsync(app, "office");
        var candidates = Xlsx.Build(new XSheet("DS", [
            Row("DANH SÁCH QUẦN CHÚNG ƯU TÚ"),
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Chi bộ", "Nguồn", "Ngày vào nguồn"),
            Row("Khúc Văn Nguồn", "01/01/2000", "Nam", "Chi bộ Ấp Mỹ Lợi", "Đoàn viên", "01/01/2026")]));
        var preview = await PreviewAsync(b, candidates, "quan-chung.xlsx");
        var (_, doc) = await b.GetAsync(preview);
        var errors = Text(doc, ".import-errors");
        errors.ShouldContain("Tệp có cột “Nguồn”, “Ngày vào nguồn” của danh sách quần chúng ưu tú.");
        errors.ShouldContain("Tệp không có cột “Ngày vào Đảng”");
        errors.ShouldContain("hãy chọn loại danh sách “Quần chúng ưu tú”");
        (await CommitAsync(b, preview)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PeopleCountAsync("Khúc Văn Nguồn")).ShouldBe(0);

        // Only the title tells: said too.
        var titled = Xlsx.Build(new XSheet("DS", [
            Row("Danh sách quần chúng cảm tình Đảng"),
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Chi bộ"),
            Row("Khúc Văn Tựa", "01/01/2000", "Nam", "Chi bộ Ấp Mỹ Lợi")]));
        (_, doc) = await b.GetAsync(await PreviewAsync(b, titled, "tua.xlsx"));
        Text(doc, ".import-errors").ShouldContain("Tiêu đề của tệp ghi là danh sách quần chúng.");

        // A ceremony column, but a member row leaves it empty: an error for a member, not for one who left.
        var rows = Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Tình trạng", "Ngày vào Đảng", "Chi bộ"),
            Row("Khúc Văn Trống", "01/01/1980", "Nam", null, null, "Chi bộ Ấp Mỹ Lợi"),
            Row("Khúc Văn Thức", "01/01/1980", "Nam", "Chính thức", null, "Chi bộ Ấp Mỹ Lợi"),
            Row("Khúc Văn Mất", "01/01/1940", "Nam", "Từ trần", null, "Chi bộ Ấp Mỹ Lợi")]));
        (_, doc) = await b.GetAsync(await PreviewAsync(b, rows, "thieu-ngay.xlsx"));
        errors = Text(doc, ".import-errors");
        errors.ShouldContain("Dòng 2, cột E (Ngày vào Đảng): chưa ghi ngày vào Đảng");
        errors.ShouldContain("Dòng 3, cột E (Ngày vào Đảng): chưa ghi ngày vào Đảng");
        errors.ShouldNotContain("Dòng 4");
    }

    [Fact]
    public async Task A_ceremony_between_12_and_24_months_ago_without_an_official_date_comes_in_probationary_with_a_warning()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ"),
            Row("Vi Văn Chờ", "01/01/1990", "Nam", "01/03/2025", null, "Chi bộ Ấp Mỹ Lợi"),
            Row("Vi Văn Lâu", "01/01/1980", "Nam", "01/03/2020", null, "Chi bộ Ấp Mỹ Lợi"),
            Row("Vi Văn Mới", "01/01/1995", "Nam", "01/03/2026", null, "Chi bộ Ấp Mỹ Lợi")]));
        var preview = await PreviewAsync(b, file, "cho-chinh-thuc.xlsx");
        var (_, doc) = await b.GetAsync(preview);
        var warnings = Text(doc, ".import-warnings");
        warnings.ShouldContain("Dòng 2, cột E (Ngày chính thức): chưa có ngày chính thức: ghi là Dự bị (vào Đảng 01/03/2025");
        warnings.ShouldNotContain("Dòng 3, cột E");
        warnings.ShouldNotContain("Dòng 4, cột E");
        await CommitOkAsync(b, preview);
        var m = await MembersAsync(app, "Vi Văn Chờ", "Vi Văn Lâu", "Vi Văn Mới");
        m.Select(x => x.Status).ShouldBe([MemberStatus.Probationary, MemberStatus.Official, MemberStatus.Probationary]);
    }

    [Fact]
    public async Task Sources_whose_names_hold_commas_and_their_short_forms_come_in_and_an_unknown_one_lists_the_catalogue()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = Xlsx.Build(new XSheet("Nguồn", [
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Chi bộ", "Ngày đưa vào danh sách nguồn", "Nguồn"),
            Row("Ninh Văn Phẩy", "2001", "Nam", "Chi bộ Ấp Mỹ Lợi", "01/09/2026", "Đoàn viên, thanh niên"),
            Row("Ninh Văn Hai", "2001", "Nam", "Chi bộ Ấp Mỹ Lợi", "01/09/2026", "Dân quân thường trực, dân quân tự vệ;\nNgười có uy tín ở ấp, tổ tự quản"),
            Row("Ninh Thị Tắt", "2001", "Nữ", "Chi bộ Ấp Mỹ Lợi", "01/09/2026", "Hội LHPN, Xuất ngũ"),
            Row("Ninh Văn Gọn", "2002", "Nam", "Chi bộ Ấp Mỹ Lợi", "01/09/2026", "ĐVTN")]));
        var preview = await PreviewAsync(b, file, "nguon-phay.xlsx", "Candidates");
        var (_, doc) = await b.GetAsync(preview);
        Text(doc, "[data-count=errors]").ShouldBe("0", Text(doc, ".import-errors"));
        await CommitOkAsync(b, preview);
        var codes = await app.WithSystemScopeAsync(db => db.Candidates.Where(c => c.Person.FullName.StartsWith("Ninh ")).OrderBy(c => c.Id)
            .Select(c => c.Sources.Select(s => s.SourceCategory.Code).OrderBy(x => x).ToList()).ToListAsync());
        codes.ShouldBe([["DOAN_VIEN"], ["DAN_QUAN", "UY_TIN"], ["HOI_VIEN", "XUAT_NGU"], ["DOAN_VIEN"]]);

        var bad = Xlsx.Build(new XSheet("Nguồn", [
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Chi bộ", "Ngày đưa vào danh sách nguồn", "Nguồn"),
            Row("Ninh Văn Lạ", "2001", "Nam", "Chi bộ Ấp Mỹ Lợi", "01/09/2026", "Đoàn viên, nguồn lạ")]));
        (_, doc) = await b.GetAsync(await PreviewAsync(b, bad, "nguon-la.xlsx", "Candidates"));
        var errors = Text(doc, ".import-errors");
        errors.ShouldContain("nguồn “Đoàn viên, nguồn lạ” không có trong danh mục nguồn của xã; các nguồn của xã: ");
        errors.ShouldContain("“Đoàn viên, thanh niên”");
    }

    [Fact]
    public async Task Short_forms_of_religion_education_and_theory_come_in_and_a_near_miss_is_suggested()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ", "Tôn giáo", "Trình độ", "Chuyên môn", "Lý luận CT"),
            Row("Ôn Văn Hảo", "01/01/1980", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi", "Hòa Hảo", "Lớp 9", "ĐH", "TC"),
            Row("Ôn Văn Chúa", "01/01/1981", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi", "Thiên Chúa giáo", "THPT", "CĐ", "Sơ cấp"),
            Row("Ôn Văn Phật", "01/01/1982", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi", "Phật", "9/12", "TC", "SC"),
            Row("Ôn Văn Giáo", "01/01/1983", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi", "PGHH", "12/12", "SC", "Cao cấp")]));
        var preview = await PreviewAsync(b, file, "danh-muc.xlsx");
        var (_, doc) = await b.GetAsync(preview);
        Text(doc, "[data-count=errors]").ShouldBe("0", Text(doc, ".import-errors"));
        await CommitOkAsync(b, preview);
        var people = await app.WithSystemScopeAsync(db => db.People.Where(p => p.FullName.StartsWith("Ôn Văn ")).OrderBy(p => p.Id)
            .Select(p => new { p.ReligionCode, p.GeneralEducationGrade, p.ProfessionalEducationCode, p.PoliticalTheoryCode }).ToListAsync());
        people.Select(p => p.ReligionCode).ShouldBe(["05", "02", "01", "05"]);
        people.Select(p => p.GeneralEducationGrade).ShouldBe([9, 12, 9, 12]);
        people.Select(p => p.ProfessionalEducationCode).ShouldBe(["DAI_HOC", "CAO_DANG", "TRUNG_CAP", "SO_CAP"]);
        people.Select(p => p.PoliticalTheoryCode).ShouldBe(["TRUNG_CAP", "SO_CAP", "SO_CAP", "CAO_CAP"]);

        var near = Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ", "Tôn giáo", "Lý luận chính trị"),
            Row("Ôn Văn Sai", "01/01/1984", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi", "Phật giáo Hòa Hỏa", "Trungcấp")]));
        (_, doc) = await b.GetAsync(await PreviewAsync(b, near, "gan-dung.xlsx"));
        var errors = Text(doc, ".import-errors");
        errors.ShouldNotBeEmpty(doc.Body!.TextContent);
        errors.ShouldContain("tôn giáo “Phật giáo Hòa Hỏa” không có trong danh mục. Có phải “Phật giáo Hòa Hảo”?");
        errors.ShouldContain("trình độ lý luận chính trị “Trungcấp” không có trong danh mục. Có phải “Trung cấp”? Các giá trị dùng được: “Chưa qua đào tạo”, “Sơ cấp”");
    }

    [Fact]
    public async Task A_citizen_id_contradicting_the_rows_sex_is_a_warning_in_the_preview()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ", "Số CCCD"),
            Row("Lương Thị Số", "01/01/1980", "Nữ", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi", "089080004321")]));
        var (_, doc) = await b.GetAsync(await PreviewAsync(b, file, "cccd-gioi.xlsx"));
        Text(doc, "[data-count=errors]").ShouldBe("0", Text(doc, ".import-errors"));
        Text(doc, ".import-warnings").ShouldContain("Dòng 2, cột G (Số CCCD): Chữ số thứ 4 của số CCCD (0) ứng với giới tính Nam");
    }

    [Fact]
    public async Task Columns_chosen_on_a_preview_come_back_mapped_when_the_fixed_file_is_uploaded_again_and_common_headers_are_guessed()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ", "Thuộc ấp", "Lý luận CT", "Đoàn thể tham gia"),
            Row("Kha Văn Nhớ", "01/01/1980", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi", "Mỹ Lợi", "Sơ cấp", "Hội Nông dân")]));
        var preview = await PreviewAsync(b, file, "nho-cot.xlsx");
        var (_, doc) = await b.GetAsync(preview);
        doc.QuerySelector("tr[data-column=G] option[selected]")!.TextContent.ShouldBe("Ấp");
        doc.QuerySelector("tr[data-column=H] option[selected]")!.TextContent.ShouldBe("Lý luận chính trị");
        var choose = await b.PostRawAsync(preview + "&handler=Choose", [new("map[I]", "Notes")], preview);
        choose.StatusCode.ShouldBe(HttpStatusCode.Redirect, await choose.Content.ReadAsStringAsync());

        // Not committed: the clerk fixes the file and uploads it again.
        (_, doc) = await b.GetAsync(await PreviewAsync(b, file, "nho-cot-2.xlsx"));
        doc.QuerySelector("tr[data-column=I] option[selected]")!.TextContent.ShouldBe("Ghi chú");
    }

    [Fact]
    public async Task A_hamlet_named_in_the_address_is_taken_rows_left_without_one_are_counted_and_names_in_capitals_are_written_as_names()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ", "Nơi ở hiện nay", "Đảng viên"),
            Row("Lạc Văn Ấp", "01/01/1980", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi", "Tổ 4, Ấp Mỹ Lợi", "Chính thức"),
            Row("Lạc Thị Xa", "01/01/1981", "Nữ", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi", "Phường 3, TP Long Xuyên", "Chính thức"),
            Row("LẠC VĂN HOA", "01/01/1982", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi", "Ấp Mỹ Lợi", "Chính thức")]));
        var preview = await PreviewAsync(b, file, "ap-dia-chi.xlsx");
        var (_, doc) = await b.GetAsync(preview);
        doc.QuerySelector("tr[data-column=H] option[selected]")!.TextContent.ShouldBe("Tình trạng (dự bị/chính thức)");
        doc.Body!.TextContent.ShouldContain("địa chỉ của 1 dòng không nêu tên một ấp của xã");
        // The hamlet read from the address is shown beside it, as it will be stored.
        Text(doc, "tr[data-row='2'] td[data-field=Hamlet]").ShouldContain("Mỹ Lợi");
        Text(doc, "tr[data-row='3'] td[data-field=Hamlet]").ShouldBe("");
        doc.Body!.TextContent.ShouldContain("1 họ tên viết toàn chữ in hoa hoặc toàn chữ thường được ghi lại theo cách viết thường dùng: dòng 4 (Lạc Văn Hoa)");
        await CommitOkAsync(b, preview);
        var people = await app.WithSystemScopeAsync(db => db.People.Where(p => p.FullName.StartsWith("Lạc ")).OrderBy(p => p.FullName)
            .Select(p => new { p.FullName, p.HamletId }).ToListAsync());
        people.Single(p => p.FullName == "Lạc Văn Ấp").HamletId.ShouldBe(app.Data.HamletA);
        people.Single(p => p.FullName == "Lạc Thị Xa").HamletId.ShouldBeNull();
        people.Single(p => p.FullName == "Lạc Văn Hoa").HamletId.ShouldBe(app.Data.HamletA);
    }

    [Fact]
    public async Task Columns_of_x_marks_give_the_sex_and_the_youth_and_trade_union_membership()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Ngày sinh", "Nữ", "Đoàn viên", "Công đoàn viên", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ"),
            Row("Dấu Thị Một", "01/01/1990", "x", "x", null, "01/06/2015", "01/06/2016", "Chi bộ Ấp Mỹ Lợi"),
            Row("Dấu Văn Hai", "01/01/1991", null, null, "X", "01/06/2015", "01/06/2016", "Chi bộ Ấp Mỹ Lợi")]));
        var preview = await PreviewAsync(b, file, "danh-dau.xlsx");
        var (_, doc) = await b.GetAsync(preview);
        doc.QuerySelector("tr[data-column=C] option[selected]")!.TextContent.ShouldBe("Nữ (đánh dấu x)");
        doc.QuerySelector("tr[data-column=D] option[selected]")!.TextContent.ShouldBe("Đoàn viên TNCS (đánh dấu x)");
        doc.QuerySelector("tr[data-column=E] option[selected]")!.TextContent.ShouldBe("Đoàn viên công đoàn (đánh dấu x)");
        // The preview shows what each mark stores, not the mark.
        Text(doc, "tr[data-row='2'] td[data-field=Gender]").ShouldBe("Nữ");
        Text(doc, "tr[data-row='3'] td[data-field=Gender]").ShouldBe("Nam");
        Text(doc, "tr[data-row='2'] td[data-field=YouthUnion]").ShouldBe("Có");
        Text(doc, "tr[data-row='3'] td[data-field=TradeUnion]").ShouldBe("Có");
        await CommitOkAsync(b, preview);
        var people = await app.WithSystemScopeAsync(db => db.People.Where(p => p.FullName.StartsWith("Dấu ")).OrderBy(p => p.FullName).ToListAsync());
        var one = people.Single(p => p.FullName == "Dấu Thị Một");
        (one.Gender, one.IsYouthUnionMember, one.IsTradeUnionMember).ShouldBe((Core.Reference.Gender.Female, true, false));
        var two = people.Single(p => p.FullName == "Dấu Văn Hai");
        (two.Gender, two.IsYouthUnionMember, two.IsTradeUnionMember).ShouldBe((Core.Reference.Gender.Male, false, true));

        // Anything but a mark is named, not guessed.
        var bad = Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Đoàn viên", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ"),
            Row("Dấu Văn Ba", "01/01/1992", "Nam", "hết tuổi", "01/06/2015", "01/06/2016", "Chi bộ Ấp Mỹ Lợi")]));
        (_, doc) = await b.GetAsync(await PreviewAsync(b, bad, "danh-dau-sai.xlsx"));
        Text(doc, ".import-errors").ShouldContain("“hết tuổi” không phải là dấu đánh");
    }

    [Fact]
    public async Task Ignoring_the_name_column_on_an_abandoned_preview_does_not_lock_the_commune_out_of_later_files()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ"),
            Row("Khóa Văn Mở", "01/01/1980", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi")]));
        var preview = await PreviewAsync(b, file, "bo-ten.xlsx");
        var choose = await b.PostRawAsync(preview + "&handler=Choose", [new("map[A]", "None")], preview);
        choose.StatusCode.ShouldBe(HttpStatusCode.Redirect, await choose.Content.ReadAsStringAsync());

        // Left there. The next file, with the usual "Họ và tên", still opens with its name column.
        var (_, doc) = await b.GetAsync(await PreviewAsync(b, file, "bo-ten-2.xlsx"));
        doc.QuerySelector("tr[data-column=A] option[selected]")!.TextContent.ShouldBe("Họ và tên");
    }

    [Fact]
    public async Task Exempt_and_temporarily_transferred_members_keep_their_flags_and_an_expulsion_is_refused_not_made_a_removal()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Tình trạng", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ"),
            Row("Phí Văn Miễn", "01/01/1940", "Nam", "Miễn sinh hoạt", "01/06/1970", "01/06/1971", "Chi bộ Ấp Mỹ Lợi"),
            Row("Phí Văn Tắt", "01/01/1941", "Nam", "Miễn SH", "01/06/1970", "01/06/1971", "Chi bộ Ấp Mỹ Lợi"),
            Row("Phí Văn Tạm", "01/01/1990", "Nam", "Tạm chuyển sinh hoạt", "01/06/2015", "01/06/2016", "Chi bộ Ấp Mỹ Lợi")]));
        var preview = await PreviewAsync(b, file, "mien-sh.xlsx");
        var (_, doc) = await b.GetAsync(preview);
        Text(doc, "[data-count=errors]").ShouldBe("0", Text(doc, ".import-errors"));
        await CommitOkAsync(b, preview);
        var m = await MembersAsync(app, "Phí Văn Miễn", "Phí Văn Tắt", "Phí Văn Tạm");
        m.Select(x => (x.Status, x.IsExempt, x.OnTemporaryTransfer)).ShouldBe([
            (MemberStatus.Official, true, false), (MemberStatus.Official, true, false), (MemberStatus.Official, false, true)]);

        var expelled = Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Tình trạng", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ"),
            Row("Phí Văn Trừ", "01/01/1970", "Nam", "Khai trừ", "01/06/2000", "01/06/2001", "Chi bộ Ấp Mỹ Lợi")]));
        var p2 = await PreviewAsync(b, expelled, "khai-tru.xlsx");
        (_, doc) = await b.GetAsync(p2);
        Text(doc, ".import-errors").ShouldContain("Dòng 2, cột D (Tình trạng): “Khai trừ” không nhập được từ tệp");
        (await CommitAsync(b, p2)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PeopleCountAsync("Phí Văn Trừ")).ShouldBe(0);
    }

    [Fact]
    public async Task Two_files_of_the_same_people_committed_at_once_come_in_once_and_one_token_committed_three_times_is_no_server_error()
    {
        var b = await Browser.LoginAsync(app, "office");
        byte[] File() => Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ"),
            Row("Đàm Văn Đôi", "01/01/1980", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi"),
            Row("Đàm Thị Đôi", "02/02/1981", "Nữ", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi")]));
        var first = await PreviewAsync(b, File(), "lan-1.xlsx");
        var second = await PreviewAsync(b, File(), "lan-2.xlsx");
        var results = await Task.WhenAll(CommitAsync(b, first), CommitAsync(b, second));
        results.Count(r => r.StatusCode == HttpStatusCode.Redirect).ShouldBe(1);
        var refused = results.Single(r => r.StatusCode != HttpStatusCode.Redirect);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Không có dòng mới để nhập");
        (await PeopleCountAsync("Đàm Văn Đôi", "Đàm Thị Đôi")).ShouldBe(2);

        var once = await PreviewAsync(b, Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ"),
            Row("Đàm Văn Ba", "03/03/1983", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi")])), "ba-lan.xlsx");
        var thrice = await Task.WhenAll(CommitAsync(b, once), CommitAsync(b, once), CommitAsync(b, once));
        thrice.ShouldNotContain(r => (int)r.StatusCode >= 500);
        thrice.Count(r => r.StatusCode == HttpStatusCode.Redirect).ShouldBe(1);
        (await PeopleCountAsync("Đàm Văn Ba")).ShouldBe(1);
    }

    [Fact]
    public async Task Other_sheets_with_the_same_columns_are_read_and_a_header_repeated_inside_the_data_is_skipped()
    {
        var b = await Browser.LoginAsync(app, "office");
        string[] header = ["Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ"];
        var file = Xlsx.Build(
            new XSheet("Mỹ Lợi", [
                Row([.. header.Select(h => (XCell)h)]),
                Row("Giang Văn Một", "01/01/1980", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi"),
                Row([.. header.Select(h => (XCell)h)]),
                Row("Giang Văn Hai", "02/02/1981", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Ấp Mỹ Lợi")]),
            new XSheet("Trường", [
                Row([.. header.Select(h => (XCell)h)]),
                Row("Giang Văn Ba", "03/03/1982", "Nam", "01/06/2010", "01/06/2011", "Chi bộ Trường Tiểu học")]));
        var (_, doc) = await b.GetAsync(await PreviewAsync(b, file, "nhieu-trang.xlsx"));
        Text(doc, "[data-count=errors]").ShouldBe("0", Text(doc, ".import-errors"));
        // Since the last review, a register split over sheets with the same columns is read whole (ImportLastReviewTests).
        Text(doc, "[data-count=ready]").ShouldBe("3");
        var warnings = Text(doc, ".import-warnings");
        warnings.ShouldContain("Đọc 2 trang có cùng các cột: “Mỹ Lợi”, “Trường”.");
        warnings.ShouldContain("Bỏ qua 1 dòng tiêu đề lặp lại giữa bảng");
    }

    [Fact]
    public async Task A_new_cell_whose_name_is_too_long_gets_the_organisation_forms_message_instead_of_a_dropped_tick()
    {
        var b = await Browser.LoginAsync(app, "office");
        var longName = "Chi bộ " + string.Concat(Enumerable.Repeat("Ấp Rất Dài ", 25));
        var file = Xlsx.Build(new XSheet("DS", [
            Row("Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ"),
            Row("Tiêu Văn Dài", "01/01/1980", "Nam", "01/06/2010", "01/06/2011", longName)]));
        var preview = await PreviewAsync(b, file, "ten-dai.xlsx");
        var (_, doc) = await b.GetAsync(preview);
        var key = doc.QuerySelector(".unknown-cells input[name=createCells]")!.GetAttribute("value")!;
        var choose = await b.PostRawAsync(preview + "&handler=Choose", [new("createCells", key)], preview);
        choose.StatusCode.ShouldBe(HttpStatusCode.Redirect, await choose.Content.ReadAsStringAsync());
        (_, doc) = await b.GetAsync(preview);
        Text(doc, ".import-errors").ShouldContain("không tạo được chi bộ mới");
        Text(doc, ".import-errors").ShouldContain("Tên tối đa 200 ký tự.");
        (await CommitAsync(b, preview)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PeopleCountAsync("Tiêu Văn Dài")).ShouldBe(0);
    }
}

public sealed class ImportReviewTests_Sqlite(SqliteApp app) : ImportReviewTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ImportReviewTests_Postgres(PostgresApp app) : ImportReviewTests<PostgresApp>(app), IClassFixture<PostgresApp>;
