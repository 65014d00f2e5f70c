using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Export;
using PhatTrienDangVien.Web.Tests.Import;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using PhatTrienDangVien.Web.Tests.Reports;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Security;

/// <summary>
/// Characters XML cannot carry (U+FFFF came in through an import, a form and the form settings and then broke every
/// .docx and .xlsx holding it: the breaker's H1 of issue 10), and invisible direction marks, are refused where text
/// comes in; the files the software writes drop them from values stored before.
/// </summary>
public sealed class TypedTextTests
{
    [Theory]
    [InlineData("Nông\uFFFFdân")]
    [InlineData("Nông\uFFFEdân")]
    [InlineData("Nông\u200Fdân")]
    [InlineData("Nông\u200Edân")]
    [InlineData("\uFEFFNông dân")]
    [InlineData("Nông\uFDD0dân")]
    [InlineData("Nông\u202Edân")]
    [InlineData("Nông\u0001dân")]
    public void A_character_that_hides_reorders_or_breaks_xml_is_refused(string text) => TypedText.HasForbidden(text).ShouldBeTrue();

    // Built here: a lone surrogate does not survive the test runner's serialisation of inline data.
    [Fact]
    public void A_lone_surrogate_is_refused()
    {
        TypedText.HasForbidden("Nông" + (char)0xD800 + "dân").ShouldBeTrue();
        TypedText.HasForbidden("Nông" + (char)0xDC00 + "dân").ShouldBeTrue();
        TypedText.HasForbidden("Nông dân" + (char)0xD83C).ShouldBeTrue();
    }

    [Theory]
    [InlineData("Nguyễn Thị Ánh Tuyết")]
    [InlineData("Dòng một\r\nDòng hai\tcột")]
    [InlineData("Trồng lúa 🌾")]
    public void Ordinary_vietnamese_text_line_breaks_and_a_whole_emoji_pass(string text) => TypedText.HasForbidden(text).ShouldBeFalse();

    [Fact]
    public void An_xlsx_holding_a_stored_value_xml_cannot_carry_is_written_without_it()
    {
        var sheet = new Sheet
        {
            Name = "Thử", Committee = "Đảng bộ xã Thử", Heading = "Danh sách", Produced = new DateOnly(2026, 12, 3),
            Columns = [new Column("Nghề nghiệp")],
        };
        sheet.Rows.Add(["Nông\uFFFFdân\uD800 🌾"]);
        var file = XlsxFile.Read(Web.Export.Xlsx.Write(sheet));
        file[0].Rows.Values.SelectMany(r => r).ShouldContain("Nôngdân 🌾");
    }
}

/// <summary>The same refusals through the page, the API and the import, on both engines: nothing stored.</summary>
public abstract class TypedTextInputTests<TApp>(TApp app) where TApp : AppFactory
{
    [Fact]
    public async Task A_noncharacter_typed_in_a_form_or_sent_to_the_api_is_refused_and_nothing_changes()
    {
        var b = await Browser.LoginAsync(app, "office");
        string Occupation() => app.WithSystemScopeAsync(db => db.Members.Where(m => m.Id == app.Data.MemberB).Select(m => m.Person.Occupation).SingleAsync()).Result ?? "";
        var before = Occupation();

        var form = await b.PostFormAsync($"/Members/Edit/{app.Data.MemberB}", new() { ["Person.Occupation"] = "Nông\uFFFFdân" });
        form.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await form.Content.ReadAsStringAsync();
        // Shown beside the field it concerns (every field of the form has its message place).
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page);
        (doc.QuerySelector("[data-valmsg-for='Person.Occupation']")?.TextContent ?? "").ShouldContain("ký tự ẩn");

        var json = (await b.Client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/members/{app.Data.MemberB}"))!;
        json["person"]!["occupation"] = "Nông\u200Fdân";
        var api = await b.Client.PutAsJsonAsync($"/api/members/{app.Data.MemberB}", json);
        ((int)api.StatusCode).ShouldBeInRange(400, 422);
        (await api.Content.ReadAsStringAsync()).ShouldContain("ký tự ẩn");
        Occupation().ShouldBe(before);
    }

    [Fact]
    public async Task A_search_holding_a_noncharacter_finds_nothing_instead_of_failing()
    {
        var b = await Browser.LoginAsync(app, "secretary");
        foreach (var url in new[] { "/Members?Search=%EF%BF%BE", "/Candidates?Search=%EF%BF%BE", "/Members?handler=Xlsx&Search=%EF%BF%BE",
                     "/api/members?search=%EF%BF%BE", "/api/candidates?search=%EF%BF%BE" })
            ((int)(await b.Client.GetAsync(url)).StatusCode).ShouldBeLessThan(500, url);
    }

    [Fact]
    public async Task A_file_name_or_typed_number_holding_a_direction_override_is_neither_stored_nor_echoed()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = Import.Xlsx.Build(new XSheet("DS", [
            new XCell[] { "Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ" },
            new XCell[] { "Lý Thị Tên Tệp", "01/01/1975", "Nữ", "01/01/2000", "01/01/2001", "Chi bộ Ấp Mỹ Lợi" }]));
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(Web.Api.ImportApi.XlsxType);
        var r = await b.Client.PostAsync("/api/imports?kind=Members&fileName=" + Uri.EscapeDataString("ds\u202Exslx.exe.xlsx"), content);
        r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        (await app.WithSystemScopeAsync(db => db.ImportUploads.OrderByDescending(u => u.Id).Select(u => u.FileName).FirstAsync())).ShouldBe("dsxslx.exe.xlsx");

        var (_, error) = Web.Documents.DocumentNumbering.ParseTyped("5\u202E.(UĐ/QN-83", "NQ/ĐU");
        error.ShouldNotBeNull();
        error.ShouldNotContain("\u202E");
        error.ShouldContain("ký tự đảo chiều");
    }

    // Excel writes a character XML cannot hold as "_xFFFF_"; the reader turns it back into U+FFFF.
    [Fact]
    public async Task An_imported_cell_holding_a_noncharacter_is_a_row_error_and_nothing_comes_in()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = Import.Xlsx.Build(new XSheet("DS", [
            new XCell[] { "Họ và tên", "Ngày sinh", "Giới tính", "Nghề nghiệp", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ" },
            new XCell[] { "Lý Văn Ẩn", "01/01/1975", "Nam", "Nông_xFFFF_dân", "01/01/2000", "01/01/2001", "Chi bộ Ấp Mỹ Lợi" }]));
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(Web.Api.ImportApi.XlsxType);
        var r = await b.Client.PostAsync("/api/imports?kind=Members&fileName=ky-tu-an.xlsx", content);
        var body = await r.Content.ReadAsStringAsync();
        r.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        body.ShouldContain("ký tự ẩn");
        System.Text.Json.Nodes.JsonNode.Parse(body)!["canCommit"]!.GetValue<bool>().ShouldBeFalse();
        (await app.WithSystemScopeAsync(db => db.People.CountAsync(p => p.FullName == "Lý Văn Ẩn"))).ShouldBe(0);
    }
}

public sealed class TypedTextInputTests_Sqlite(SqliteApp app) : TypedTextInputTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TypedTextInputTests_Postgres(PostgresApp app) : TypedTextInputTests<PostgresApp>(app), IClassFixture<PostgresApp>;
