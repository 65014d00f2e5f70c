using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Reports.ReportData;

namespace PhatTrienDangVien.Web.Tests.Reports;

/// <summary>
/// The progress report against the year's target, counted here by hand from <see cref="ReportData.Seeded"/> (today
/// 20/11/2026): the commune's 2026 target 10 and the cells' allocations 5 and 3; admitted so far is from 1 January to
/// the period's end or today; the pace is what is left over the months not yet over. Printed, it is a party paper:
/// the head, "Nơi nhận" and the signature of the committee as set on the templates page.
/// </summary>
public abstract class ProgressReportTests<TApp>(TApp app) : IAsyncLifetime where TApp : AppFactory
{
    private const string CellA = "Chi bộ Ấp Mỹ Lợi", CellB = "Chi bộ Trường Tiểu học";

    public async ValueTask InitializeAsync() => await SeedAsync(app);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private static string Cell(IElement row, string figure) => row.QuerySelector($"[data-figure={figure}]")!.TextContent.Trim();

    /// <summary>Admitted in 2026 up to <paramref name="last"/>, of cell A, B or both.</summary>
    private static int Admitted(DateOnly last, bool? cellA = null) =>
        Seeded.Count(p => p.Ceremony.Year == 2026 && p.Ceremony <= last && (cellA is null || p.CellA == cellA));

    public static readonly TheoryData<string, string, int, string> Periods = new()
    {
        // The year not over: counted to today (20/11); November and December left.
        { "Period=year&Year=2026", "2026-11-20", 2, "20/11/2026" },
        // The third quarter: counted to 30/09; October to December left.
        { "Period=quarter&Number=3&Year=2026", "2026-09-30", 3, "30/09/2026" },
        // March: counted to 31/03; April to December left.
        { "Period=month&Number=3&Year=2026", "2026-03-31", 9, "31/03/2026" },
    };

    [Theory, MemberData(nameof(Periods))]
    public async Task The_commune_and_each_allocated_cell_are_compared_with_the_years_target(string query, string asOf, int monthsLeft, string asOfText)
    {
        var b = await Browser.LoginAsync(app, "office");
        var (response, page) = await b.GetAsync("/Reports/Progress?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var last = DateOnly.Parse(asOf, CultureInfo.InvariantCulture);
        page.QuerySelector("#targets thead")!.TextContent.ShouldContain("Đã kết nạp đến " + asOfText);

        void Check(string row, string name, int target, int admitted)
        {
            var tr = page.QuerySelector($"#targets tr[data-target-row='{row}']").ShouldNotBeNull(row);
            tr.QuerySelectorAll("td")[1].TextContent.ShouldBe(name);
            Cell(tr, "target").ShouldBe(target.ToString(CultureInfo.InvariantCulture));
            Cell(tr, "admitted").ShouldBe(admitted.ToString(CultureInfo.InvariantCulture));
            Cell(tr, "rate").ShouldBe((100.0 * admitted / target).ToString("0.0", CultureInfo.GetCultureInfo("vi-VN")) + " %");
            var left = Math.Max(target - admitted, 0);
            Cell(tr, "remaining").ShouldBe(left.ToString(CultureInfo.InvariantCulture));
            Cell(tr, "months").ShouldBe(monthsLeft.ToString(CultureInfo.InvariantCulture));
            Cell(tr, "pace").ShouldBe(((double)left / monthsLeft).ToString("0.0", CultureInfo.GetCultureInfo("vi-VN")));
        }
        // The commune's own target (10), not the cells' sum (8).
        Check("total", "Đảng bộ xã Thử Nghiệm", YearTarget2026, Admitted(last));
        Check(app.Data.CellA.ToString(CultureInfo.InvariantCulture), CellA, TargetA2026, Admitted(last, cellA: true));
        Check(app.Data.CellB.ToString(CultureInfo.InvariantCulture), CellB, TargetB2026, Admitted(last, cellA: false));
    }

    [Fact]
    public async Task Hand_count_of_the_year_so_far_is_three_of_ten_with_three_and_a_half_a_month_needed()
    {
        // The figures of the theory written out once, so that a wrong reading of the seed cannot pass both sides.
        var b = await Browser.LoginAsync(app, "office");
        var (_, page) = await b.GetAsync("/Reports/Progress?Period=year&Year=2026");
        var total = page.QuerySelector("#targets tr[data-target-row='total']")!;
        (Cell(total, "target"), Cell(total, "admitted"), Cell(total, "rate"), Cell(total, "remaining"), Cell(total, "months"), Cell(total, "pace"))
            .ShouldBe(("10", "3", "30,0 %", "7", "2", "3,5"));
        page.QuerySelector("[data-target-note]")!.TextContent.ShouldBe(
            "Đã kết nạp: tính từ ngày 01/01/2026 đến ngày 20/11/2026; bình quân mỗi tháng là số còn lại chia cho 2 tháng còn lại của năm.");
    }

    [Fact]
    public async Task A_cell_secretary_sees_their_cells_allocation_not_the_communes_target()
    {
        var b = await Browser.LoginAsync(app, "secretary");
        var (response, page) = await b.GetAsync("/Reports/Progress?Period=year&Year=2026");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var total = page.QuerySelector("#targets tr[data-target-row='total']")!;
        total.QuerySelectorAll("td")[1].TextContent.ShouldBe("Cộng các chi bộ");
        Cell(total, "target").ShouldBe(TargetA2026.ToString(CultureInfo.InvariantCulture));
        Cell(total, "admitted").ShouldBe(Admitted(new(2026, 11, 20), cellA: true).ToString(CultureInfo.InvariantCulture));
        page.QuerySelector($"#targets tr[data-target-row='{app.Data.CellB}']").ShouldBeNull();
        page.QuerySelector("#targets")!.TextContent.ShouldNotContain(CellB);
    }

    [Fact]
    public async Task The_file_has_the_target_columns_with_the_same_figures()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = await DownloadAsync(b, "/Reports/Progress?handler=Xlsx&Period=year&Year=2026");
        file.SchemaErrors.ShouldBeEmpty();
        var tab = file.Tabs.Single(t => t.Name == "So với chỉ tiêu");
        tab.Header.ShouldBe(["TT", "Đơn vị", "Chỉ tiêu năm 2026", "Đã kết nạp đến 20/11/2026", "Tỷ lệ đạt", "Còn lại", "Số tháng còn lại",
            "Cần kết nạp bình quân mỗi tháng"]);
        // Numbers as numbers: the rate a share, the pace with its decimal (3.5, not rounded to 4).
        tab.Body[0].ShouldBe(["1", "Đảng bộ xã Thử Nghiệm", "10", "3", "0.3", "7", "2", "3.5"]);
        tab.Body[1].ShouldBe(["2", CellA, "5", "2", "0.4", "3", "2", "1.5"]);
        tab.Body[2].Take(4).ShouldBe(["3", CellB, "3", "1"]);
        double.Parse(tab.Body[2][4], CultureInfo.InvariantCulture).ShouldBe(1.0 / 3, 1e-9);
        tab.Body[2].Skip(5).ShouldBe(["2", "2", "1"]);
        tab.Titles.ShouldContain(t => t.Contains("Đã kết nạp: tính từ ngày 01/01/2026 đến ngày 20/11/2026", StringComparison.Ordinal));
        tab.LayoutProblems().ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_a_period_in_the_address_the_form_shows_the_quarter_the_report_is_for()
    {
        // Today is 20/11/2026: the fourth quarter.
        var office = await Browser.LoginAsync(app, "office");
        var (_, page) = await office.GetAsync("/Reports/Progress");
        page.QuerySelector("#report-title")!.TextContent.ShouldBe("Báo cáo tiến độ phát triển đảng viên quý 4/2026");
        page.QuerySelector("input[name='Number']")!.GetAttribute("value").ShouldBe("4");
        page.QuerySelector("input[name='Year']")!.GetAttribute("value").ShouldBe("2026");
        var (_, month) = await office.GetAsync("/Reports/Progress?Period=month");
        month.QuerySelector("input[name='Number']")!.GetAttribute("value").ShouldBe("11");
    }

    [Fact]
    public async Task The_report_is_kept_until_a_write_of_the_commune()
    {
        var office = await Browser.LoginAsync(app, "office");
        async Task<int> ProbationaryAsync()
        {
            var (_, page) = await office.GetAsync("/Reports/Progress?Period=year&Year=2026");
            var line = page.QuerySelectorAll("li").Select(l => l.TextContent).Single(t => t.StartsWith("Hiện có ", StringComparison.Ordinal));
            return int.Parse(System.Text.RegularExpressions.Regex.Match(line, @"Hiện có (\d+) đảng viên dự bị").Groups[1].Value, CultureInfo.InvariantCulture);
        }
        var first = await ProbationaryAsync();
        // One probationary member made official behind the application's back (no data version raised): the report
        // still says what it said, which is how we know it is kept and not counted again.
        var id = await app.WithSystemScopeAsync(async db =>
        {
            var m = await db.Members.Where(x => x.Status == Core.People.MemberStatus.Probationary).OrderBy(x => x.Id).Select(x => new { x.Id, x.CommuneId }).FirstAsync();
            await db.Members.Where(x => x.Id == m.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, Core.People.MemberStatus.Official));
            return m;
        });
        try
        {
            (await ProbationaryAsync()).ShouldBe(first, "no version raised: the kept report");
            await app.WithSystemScopeAsync(async db =>
            {
                db.Hamlets.Add(new Core.Organisations.Hamlet { CommuneId = id.CommuneId, Name = "Ấp Đếm Lại", Population = 10, Households = 3 });
                return await db.SaveChangesAsync();
            });
            (await ProbationaryAsync()).ShouldBe(first - 1, "a write of the commune: counted again");
        }
        finally
        {
            await app.WithSystemScopeAsync(async db =>
            {
                (await db.Members.SingleAsync(x => x.Id == id.Id)).Status = Core.People.MemberStatus.Probationary;
                db.Hamlets.RemoveRange(db.Hamlets.Where(h => h.Name == "Ấp Đếm Lại"));
                return await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task Printed_it_carries_the_party_head_the_recipients_and_the_committees_signature()
    {
        var office = await Browser.LoginAsync(app, "office");
        var (_, page) = await office.GetAsync("/Reports/Progress?Period=year&Year=2026");
        var head = page.QuerySelector(".report-head").ShouldNotBeNull();
        page.QuerySelector("#report-committee")!.TextContent.ShouldBe("Đảng bộ xã Thử Nghiệm");
        head.TextContent.ShouldContain("Đảng Cộng sản Việt Nam");
        page.QuerySelector("#report-title")!.TextContent.ShouldBe("Báo cáo tiến độ phát triển đảng viên năm 2026");
        head.TextContent.ShouldContain("Ngày lập: 20/11/2026");
        var signature = page.QuerySelector("#report-signature").ShouldNotBeNull();
        signature.TextContent.ShouldContain("Nơi nhận:");
        signature.TextContent.ShouldContain("Lưu Văn phòng Đảng ủy.");
        page.QuerySelectorAll("[data-signer-title]").Select(e => e.TextContent).ShouldBe(["T/M ĐẢNG ỦY", "BÍ THƯ"]);
        // Head and signature are for the paper: not hidden when printing (the print rules hide d-print-none).
        head.ClassList.ShouldNotContain("d-print-none");
        signature.ClassList.ShouldNotContain("d-print-none");

        // Who signs is the one set on the templates page, the deputy in the secretary's stead.
        var version = await app.WithSystemScopeAsync(db => db.FormSettings.Select(s => (int?)s.Version).FirstOrDefaultAsync());
        var saved = await office.PostRawAsync("/Documents?handler=Settings",
            [new("Settings.SuperiorBody", "Đảng bộ tỉnh An Giang"), new("Settings.SignerName", "Trần Văn Phó"), new("Settings.SignerIsDeputy", "true"),
             new("Settings.PlaceName", ""), new("Settings.Version", (version ?? 0).ToString(CultureInfo.InvariantCulture))], "/Documents");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        try
        {
            var (_, after) = await office.GetAsync("/Reports/Progress?Period=year&Year=2026");
            after.QuerySelectorAll("[data-signer-title]").Select(e => e.TextContent).ShouldBe(["T/M ĐẢNG ỦY", "K/T BÍ THƯ", "PHÓ BÍ THƯ"]);
            after.QuerySelector("#report-signer")!.TextContent.ShouldBe("Trần Văn Phó");
            after.QuerySelector("#report-signature")!.TextContent.ShouldContain("- Đảng bộ tỉnh An Giang (để báo cáo);");
        }
        finally
        {
            // Other tests of this fixture read the unsigned paper.
            await app.WithSystemScopeAsync(async db => { db.FormSettings.RemoveRange(db.FormSettings); await db.SaveChangesAsync(); return 0; });
        }
    }
}

/// <summary>The months still open for the pace: the current month counts until its last day.</summary>
public sealed class ProgressMonthsLeftTests
{
    [Theory]
    [InlineData("2026-11-20", 2026, 2)]
    [InlineData("2026-11-30", 2026, 1)]
    [InlineData("2026-12-01", 2026, 1)]
    [InlineData("2026-12-31", 2026, 0)]
    [InlineData("2026-01-01", 2026, 12)]
    [InlineData("2025-12-31", 2026, 12)]
    [InlineData("2027-01-01", 2026, 0)]
    public void Months_left(string day, int year, int expected) =>
        Web.Reports.ProgressTargets.MonthsLeftAfter(DateOnly.Parse(day, CultureInfo.InvariantCulture), year).ShouldBe(expected);
}

public sealed class ProgressReportTests_Sqlite(SqliteApp app) : ProgressReportTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ProgressReportTests_Postgres(PostgresApp app) : ProgressReportTests<PostgresApp>(app), IClassFixture<PostgresApp>;
