using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Reports;

/// <summary>
/// A list's print view ("In", <c>q.Print=true</c>) is a paper a party office can file: the committee and the Party's
/// name across the top, the list's title and its filter in words (the .xlsx's own title rows), the day printed in
/// Vietnam time, a numbered STT column and the count in the list's noun. And a report's address: a year, period or
/// number that names no period is a 400 that says so, never another period's figures.
/// </summary>
public abstract class PrintAndPeriodTests<TApp>(TApp app) : IAsyncLifetime where TApp : AppFactory
{
    public async ValueTask InitializeAsync() => await ReportData.SeedAsync(app);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Today in Vietnam on the test's clock (20/11/2026, or the 21st once <see cref="The_day_printed_is_the_day_in_Vietnam"/> ran).</summary>
    private string PrintedOn => Web.Pages.Shared.Dates.Text(Core.Common.VietnamTime.Today(app.Clock));

    private static string HeadText(IHtmlDocument page) =>
        page.QuerySelector(".report-head").ShouldNotBeNull("the print view has the party document's head").TextContent;

    [Fact]
    public async Task The_print_view_of_a_cells_members_names_the_cell_numbers_the_rows_and_counts_them_as_members()
    {
        var b = await Browser.LoginAsync(app, "office");
        var url = $"/Members?CellId={app.Data.CellA}";
        var (response, print) = await b.GetAsync(url + "&q.Print=true");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        var head = HeadText(print);
        print.QuerySelector("#report-committee")!.TextContent.ShouldBe("Đảng bộ xã Thử Nghiệm");
        head.ShouldContain("Đảng Cộng sản Việt Nam");
        print.QuerySelector("#report-title")!.TextContent.Trim().ShouldBe("Danh sách đảng viên");
        head.ShouldContain("Chi bộ Ấp Mỹ Lợi");
        head.ShouldContain("Ngày in: " + PrintedOn);
        // One description of the filter: the line under the title is the .xlsx's own title row.
        var file = await ReportData.DownloadAsync(b, $"/Members?handler=Xlsx&CellId={app.Data.CellA}");
        var filterLine = print.QuerySelectorAll(".report-head .fst-italic.small").Select(e => e.TextContent.Trim())
            .Single(t => t.StartsWith("Điều kiện lọc", StringComparison.Ordinal));
        file[0].Titles.ShouldContain(filterLine);

        print.QuerySelector("thead th")!.TextContent.Trim().ShouldBe("STT");
        var rows = print.QuerySelectorAll("[data-row]");
        rows.Length.ShouldBeGreaterThan(1);
        rows.Select(r => r.QuerySelector("td")!.TextContent.Trim())
            .ShouldBe(Enumerable.Range(1, rows.Length).Select(i => i.ToString(CultureInfo.InvariantCulture)));
        // Every row is the cell's, and the file has the same people.
        rows.Select(r => r.QuerySelector("td a")!.TextContent.Trim()).ShouldBe(file[0].Column(1).SkipLast(1));
        print.QuerySelector("#print-count")!.TextContent.Trim().ShouldBe($"Tổng số: {rows.Length} đảng viên.");

        // The list on screen is as it was: no paper head, no STT.
        var (_, screen) = await b.GetAsync(url);
        screen.QuerySelector(".report-head").ShouldBeNull();
        screen.QuerySelector("thead th")!.TextContent.Trim().ShouldNotBe("STT");
    }

    [Fact]
    public async Task The_day_printed_is_the_day_in_Vietnam()
    {
        // The test clock only goes forward: on to 18:00 UTC, which is 01:00 the next day in Vietnam (still November).
        var now = app.Clock.GetUtcNow();
        var evening = new DateTimeOffset(now.UtcDateTime.Date.AddHours(18), TimeSpan.Zero);
        if (evening > now) app.Clock.SetUtcNow(evening);
        var utcDay = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        // Signed in after the clock moved, so that the session is not one the jump made old.
        var b = await Browser.LoginAsync(app, "office");
        var (_, print) = await b.GetAsync("/Members?q.Print=true");
        HeadText(print).ShouldContain("Ngày in: " + Web.Pages.Shared.Dates.Text(utcDay.AddDays(1)));
    }

    public static readonly TheoryData<string, string, string, string> Lists = new()
    {
        { "office", "/Candidates?Young=true", "Danh sách quần chúng ưu tú", "quần chúng" },
        { "office", "/Dashboard/Admitted?From=2025-07-01&To=2026-12-31", "Danh sách đảng viên mới kết nạp", "đảng viên" },
        { "admin", "/Admin/Users?Role=CellSecretary", "Danh sách tài khoản người dùng", "người dùng" },
        { "admin", "/Admin/Audit?EntityType=Member", "Danh sách nhật ký thay đổi", "bản ghi" },
    };

    [Theory, MemberData(nameof(Lists))]
    public async Task Every_paged_lists_print_view_has_the_head_the_filter_STT_and_its_own_noun(string user, string url, string title, string noun)
    {
        var b = await Browser.LoginAsync(app, user);
        var (response, print) = await b.GetAsync(url + "&q.Print=true");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        var head = HeadText(print);
        head.ShouldContain("Đảng Cộng sản Việt Nam");
        head.ShouldContain("Ngày in: " + PrintedOn);
        print.QuerySelector("#report-title")!.TextContent.Trim().ShouldBe(title);
        // Each of these addresses has a filter, and the head says it.
        head.ShouldMatch(@"Điều kiện lọc: |kết nạp từ ngày 01/07/2025 đến ngày 31/12/2026");
        print.QuerySelector("thead th")!.TextContent.Trim().ShouldBe("STT");
        var rows = print.QuerySelectorAll("tbody tr").Count(r => r.QuerySelectorAll("td").Length > 1);
        print.QuerySelector("#print-count")!.TextContent.Trim().ShouldBe($"Tổng số: {rows} {noun}.", url);
    }

    public static readonly TheoryData<string> WrongAddresses = new()
    {
        "/Reports/Progress?Period=month&Year=2026&Number=13",
        "/Reports/Progress?Period=month&Year=2026&Number=0",
        "/Reports/Progress?Period=month&Year=2026&Number=-1",
        "/Reports/Progress?Period=month&Year=2026&Number=2147483648",
        "/Reports/Progress?Period=quarter&Year=2026&Number=5",
        "/Reports/Progress?Period=week&Year=2026",
        "/Reports/Progress?Period=term",
        "/Reports/Progress?Year=abc",
        "/Reports/Progress?Year=2025x",
        "/Reports/Progress?Period=month&Year=2026&Number=13&handler=Xlsx",
        "/Reports/Development?Period=month&Year=2026&Number=13",
        "/Reports/Development?Period=quarter&Year=2026&Number=5",
        "/Reports/Development?Period=year&Number=2147483648",
        "/Reports/Development?Period=week",
        "/Reports/Development?Year=abc",
        "/Reports/Development?Year=2025x&handler=Xlsx",
        "/Reports/NewMembers?Period=month&Number=2147483648",
        "/Reports/NewMembers?Period=month&Number=-1",
        "/Reports/NewMembers?Period=fortnight",
        "/Reports/NewMembers?Year=2025x",
    };

    [Theory, MemberData(nameof(WrongAddresses))]
    public async Task A_report_address_that_names_no_period_is_a_400_that_says_so(string url)
    {
        var b = await Browser.LoginAsync(app, "office");
        var response = await b.Client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Địa chỉ trang không hợp lệ");
    }

    public static readonly TheoryData<string, string> RightAddresses = new()
    {
        // None given: today's (20/11/2026) — this quarter on the progress report, this year on the others.
        { "/Reports/Progress", "quý 4/2026" },
        { "/Reports/Development", "năm 2026" },
        { "/Reports/NewMembers", "năm 2026" },
        { "/Reports/Progress?Period=month&Year=2026&Number=12", "tháng 12/2026" },
        { "/Reports/Progress?Period=month&Year=2026", "tháng 11/2026" },
        { "/Reports/Progress?Period=year&Year=2025&Number=3", "năm 2025" },
        { "/Reports/Development?Period=quarter&Year=2026&Number=4", "quý 4/2026" },
        { "/Reports/NewMembers?Period=month&Year=2026&Number=2", "tháng 2/2026" },
        // The form sends an empty box as an empty value.
        { "/Reports/NewMembers?Period=year&Year=&Number=", "năm 2026" },
    };

    [Theory, MemberData(nameof(RightAddresses))]
    public async Task A_report_address_with_a_valid_or_no_period_shows_that_period(string url, string title)
    {
        var b = await Browser.LoginAsync(app, "office");
        var (response, page) = await b.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        page.QuerySelector("#report-title").ShouldNotBeNull(url).TextContent.ShouldContain(title, Case.Insensitive, url);
    }
}

public sealed class PrintAndPeriodTests_Sqlite(SqliteApp app) : PrintAndPeriodTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PrintAndPeriodTests_Postgres(PostgresApp app) : PrintAndPeriodTests<PostgresApp>(app), IClassFixture<PostgresApp>;
