using System.Net;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Forms;

/// <summary>
/// Dates on forms and in query strings do not depend on the browser's language (decision 0027): the pages render every
/// date box as text in dd/MM/yyyy, the server takes dd/MM/yyyy and yyyy-MM-dd, and anything else is a Vietnamese
/// message that changes nothing. The binder reads no database, so one engine is enough.
/// </summary>
public sealed class DateInputTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("25/06/2026", 2026, 6, 25)]
    [InlineData("5/6/2026", 2026, 6, 5)]
    [InlineData(" 25.06.2026 ", 2026, 6, 25)]
    [InlineData("25-06-2026", 2026, 6, 25)]
    [InlineData("25062026", 2026, 6, 25)]
    [InlineData("2026-06-25", 2026, 6, 25)]
    [InlineData("29/02/2028", 2028, 2, 29)]
    public void Accepted_forms_read_as_the_day_an_office_means(string text, int year, int month, int day) =>
        DateBinderProvider.Parse(text).ShouldBe(new DateOnly(year, month, day));

    [Theory]
    [InlineData("31/02/2026")]   // not a day of the calendar
    [InlineData("29/02/2027")]
    [InlineData("06/25/2026")]   // an English browser's month first
    [InlineData("25/06/26")]     // a two-digit year could be 1926 or 2026
    [InlineData("2026/06/25")]
    [InlineData("25 tháng 6 2026")]
    [InlineData("")]
    public void Other_text_is_not_a_date(string text) => DateBinderProvider.Parse(text).ShouldBeNull();

    [Theory]
    [InlineData("85", "85")]
    [InlineData("85,5", "85.5")]
    [InlineData("85.5", "85.5")]  // not 855: a dot is a decimal mark here, whatever the browser's language
    [InlineData(" 9.25 ", "9.25")]
    [InlineData("-1", "-1")]      // read, so that the form's own check says it cannot be negative
    public void Decimals_take_a_comma_or_a_dot(string text, string value) =>
        DecimalBinderProvider.Parse(text).ShouldBe(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("1.000,5")]       // thousands are not guessed
    [InlineData("1.000")]         // one thousand to a Vietnamese reader, one to an English one
    [InlineData("1,000")]
    [InlineData(".5")]
    [InlineData("5-")]
    [InlineData("85,")]
    [InlineData("8 5")]
    [InlineData("1e3")]
    [InlineData("abc")]
    [InlineData("")]
    public void Other_text_is_not_a_decimal(string text) => DecimalBinderProvider.Parse(text).ShouldBeNull();

    [Theory]
    [InlineData("02/09/1978")]
    [InlineData("1978-09-02")]
    public async Task A_form_takes_the_date_as_typed_or_as_an_old_client_sends_it(string typed)
    {
        var b = await Browser.LoginAsync(app, "office");
        var r = await b.PostFormAsync($"/Members/Edit/{app.Data.MemberB}", new() { ["Person.DateOfBirth"] = typed });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        (await BirthOfB()).ShouldBe(new DateOnly(1978, 9, 2));
    }

    [Theory]
    [InlineData("31/02/1990")]
    [InlineData("06/25/1990")]
    [InlineData("hôm qua")]
    public async Task A_bad_date_is_refused_in_vietnamese_keeps_the_typed_text_and_changes_nothing(string typed)
    {
        var b = await Browser.LoginAsync(app, "office");
        var before = await BirthOfB();
        var r = await b.PostFormAsync($"/Members/Edit/{app.Data.MemberB}", new() { ["Person.DateOfBirth"] = typed });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await r.Content.ReadAsStringAsync());
        var message = doc.QuerySelector("[data-valmsg-for='Person.DateOfBirth']")!.TextContent;
        message.ShouldContain($"“{typed}” không hợp lệ cho Ngày sinh");
        message.ShouldContain("dd/mm/yyyy");
        // The box shows what was typed, to be mended, not an emptied field.
        doc.QuerySelector("input[name='Person.DateOfBirth']")!.GetAttribute("value").ShouldBe(typed);
        (await BirthOfB()).ShouldBe(before);
    }

    [Fact]
    public async Task Date_boxes_render_as_text_in_dd_MM_yyyy_whatever_the_page_wrote()
    {
        var b = await Browser.LoginAsync(app, "office");
        var birth = await BirthOfB();
        var (_, form) = await b.GetAsync($"/Members/Edit/{app.Data.MemberB}");
        form.QuerySelectorAll("input[type=date]").ShouldBeEmpty();
        var box = form.QuerySelector("input[name='Person.DateOfBirth']")!;
        box.GetAttribute("type").ShouldBe("text");
        box.GetAttribute("value").ShouldBe(Dates.Text(birth));
        box.GetAttribute("placeholder").ShouldBe("dd/mm/yyyy");
        box.HasAttribute("data-date-input").ShouldBeTrue();
        // A box written by hand with an ISO value (the audit filter) reads the same, and a filter takes dd/MM/yyyy.
        var admin = await Browser.LoginAsync(app, "admin");
        var (response, audit) = await admin.GetAsync("/Admin/Audit?From=01/11/2026&To=2026-11-30");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        audit.QuerySelector("#f-from")!.GetAttribute("value").ShouldBe("01/11/2026");
        audit.QuerySelector("#f-to")!.GetAttribute("value").ShouldBe("30/11/2026");
    }

    private Task<DateOnly> BirthOfB() =>
        app.WithSystemScopeAsync(db => db.Members.Where(m => m.Id == app.Data.MemberB).Select(m => m.Person.DateOfBirth).SingleAsync());
}
