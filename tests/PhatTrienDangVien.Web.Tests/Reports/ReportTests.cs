using System.Globalization;
using System.Net;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using PhatTrienDangVien.Web.Tests.Plan;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Reports.ReportData;

namespace PhatTrienDangVien.Web.Tests.Reports;

/// <summary>
/// Each report's figures against a count made here from <see cref="ReportData.Seeded"/>, on the page and read back from
/// the .xlsx it produces (title rows, frozen header, totals row, print setup); each figure on a report page opens a
/// list with that many rows.
/// </summary>
public abstract class ReportTests<TApp>(TApp app) : IAsyncLifetime where TApp : AppFactory
{
    private const string CellA = "Chi bộ Ấp Mỹ Lợi", CellB = "Chi bộ Trường Tiểu học";

    public async ValueTask InitializeAsync() => await SeedAsync(app);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private static List<Admitted> In2026 => [.. Seeded.Where(p => p.Ceremony.Year == 2026)];

    private static string S(double x) => x.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Development_results_per_cell_match_the_hand_count_on_the_page_and_in_the_file()
    {
        var b = await Browser.LoginAsync(app, "office");
        var url = "/Reports/Development?Period=year&Year=2026";
        var (response, page) = await b.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var a = In2026.Where(p => p.CellA).ToList();
        var bb = In2026.Where(p => !p.CellA).ToList();
        page.QuerySelector($"#development tr[data-cell='{app.Data.CellA}'] [data-figure=admitted]")!.TextContent.Trim().ShouldBe(a.Count.ToString(CultureInfo.InvariantCulture));

        var file = await DownloadAsync(b, url.Replace("?", "?handler=Xlsx&", StringComparison.Ordinal));
        var cells = file[0];
        cells.Name.ShouldBe("Theo chi bộ");
        cells.Header.Take(5).ShouldBe(["TT", "Chi bộ", "Chỉ tiêu năm 2026", "Kết nạp", "Tỷ lệ đạt"]);
        // Columns: TT, cell, target, admitted, rate, women, young, Youth Union, minorities, religious, 12/12, then the professional levels.
        List<string> Expected(int? number, string name, int target, List<Admitted> people) =>
        [
            number?.ToString(CultureInfo.InvariantCulture) ?? "", name, target.ToString(CultureInfo.InvariantCulture), people.Count.ToString(CultureInfo.InvariantCulture),
            S((double)people.Count / target), .. new[]
            {
                people.Count(p => p.Woman), people.Count(p => p.Young), people.Count(p => p.YouthUnion), people.Count(p => p.Minority),
                people.Count(p => p.Religious), people.Count(p => p.Grade == 12),
            }.Select(n => n.ToString(CultureInfo.InvariantCulture)),
        ];
        cells.Body.Count.ShouldBe(3);
        cells.Body[0].Take(11).ShouldBe(Expected(1, CellA, TargetA2026, a));
        cells.Body[1].Take(11).ShouldBe(Expected(2, CellB, TargetB2026, bb));
        // The commune's total row carries the commune's 2026 target (10), not the cells' sum (8).
        cells.Body[2].Take(11).ShouldBe(Expected(null, "Tổng cộng", YearTarget2026, In2026));
        // The university column ("Đại học") holds Nam.
        cells.Body[2][cells.Header.IndexOf("Đại học")].ShouldBe(In2026.Count(p => p.Professional == "DAI_HOC").ToString(CultureInfo.InvariantCulture));

        var sources = file.Tabs.Single(t => t.Name == "Theo nguồn");
        sources.Body.Single(r => r[1] == "Đoàn viên, thanh niên").ShouldNotBeNull()[2].ShouldBe(In2026.Count(p => p.ThroughProcedure).ToString(CultureInfo.InvariantCulture));
        var hamlets = file.Tabs.Single(t => t.Name == "Theo ấp");
        hamlets.Body.Single(r => r[1] == "Ấp Mỹ Lợi")[2].ShouldBe(In2026.Count(p => p.InHamletA).ToString(CultureInfo.InvariantCulture));
        hamlets.Body.Single(r => r[1] == "Chưa ghi ấp")[2].ShouldBe(In2026.Count(p => !p.InHamletA).ToString(CultureInfo.InvariantCulture));
        file.Tabs.Single(t => t.Name == "Theo nghề nghiệp").Body.Single(r => r[1] == "Giáo viên")[2].ShouldBe("1");
    }

    [Fact]
    public async Task The_report_file_has_title_rows_a_frozen_header_a_bold_totals_row_and_prints_A4_landscape_one_page_wide()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = await DownloadAsync(b, "/Reports/Development?handler=Xlsx&Period=quarter&Number=1&Year=2026");
        file.SchemaErrors.ShouldBeEmpty();
        foreach (var tab in file.Tabs)
        {
            tab.FrozenRows.ShouldNotBeNull(tab.Name);
            // The party document's head: the committee top left, the Party top right, each over half the table.
            tab.Rows[1].Where(v => v.Length > 0).ShouldBe(["ĐẢNG BỘ XÃ THỬ NGHIỆM", "ĐẢNG CỘNG SẢN VIỆT NAM"]);
            tab.Rows[1].IndexOf("ĐẢNG CỘNG SẢN VIỆT NAM").ShouldBe(tab.Header.Count / 2, tab.Name);
            tab.Titles.ShouldContain(t => t.Contains("QUÝ 1/2026", StringComparison.Ordinal));
            tab.Titles.ShouldContain("Từ ngày 01/01/2026 đến ngày 31/03/2026");
            tab.Titles.ShouldContain("Ngày lập: 20/11/2026");
            tab.Landscape.ShouldBeTrue();
            tab.PaperSize.ShouldBe(9u);
            tab.FitToPage.ShouldBeTrue();
            tab.FitToWidth.ShouldBe(1u);
            tab.FitToHeight.ShouldBe(0u);
            tab.PrintTitles.ShouldBe($"'{tab.Name}'!${tab.FrozenRows}:${tab.FrozenRows}");
            tab.ColumnsWithWidth.ShouldBe(tab.Header.Count);
            tab.BoldRows.ShouldContain((uint)tab.Rows.Keys.Max(), "the totals row is bold");
            // "Chỉ tiêu năm 2026" wraps: its row is as tall as its lines, so it shows whole.
            tab.RowHeights.ShouldContainKey(tab.FrozenRows!.Value, tab.Name);
            tab.LayoutProblems().ShouldBeEmpty();
        }
        // The first quarter: Lan (10/02) and Nam (01/03).
        var q1 = Seeded.Count(p => p.Ceremony >= new DateOnly(2026, 1, 1) && p.Ceremony <= new DateOnly(2026, 3, 31));
        file[0].Body[^1][3].ShouldBe(q1.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_term_report_measures_the_commune_against_its_term_target_as_the_dashboard_does_and_the_cells_against_their_allocations()
    {
        var b = await Browser.LoginAsync(app, "office");
        var (_, dashboard) = await b.GetAsync("/Dashboard");
        var dashboardTarget = dashboard.QuerySelector("#term-target")!.TextContent.Trim();
        var dashboardAdmitted = dashboard.QuerySelector("#term-admitted")!.TextContent.Trim();
        var inTerm = Seeded.Count(p => p.Ceremony >= new DateOnly(2025, 7, 1));
        dashboardTarget.ShouldBe(TermTarget.ToString(CultureInfo.InvariantCulture));
        dashboardAdmitted.ShouldBe(inTerm.ToString(CultureInfo.InvariantCulture));

        // The page: the total row is the resolution's 130 (4/130 = 3,1 %), not the cells' 2025–2026 allocations (10).
        var (_, page) = await b.GetAsync("/Reports/Development?Period=term");
        var total = page.QuerySelector("#development tr.report-total")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        total[2].ShouldBe(dashboardTarget);
        total[3].ShouldBe(dashboardAdmitted);
        total[4].ShouldBe("3,1 %");
        page.QuerySelector("#development thead")!.TextContent.ShouldContain("Chỉ tiêu đã giao cho chi bộ");
        var notes = string.Join(" ", page.QuerySelectorAll("[data-target-note]").Select(n => n.TextContent));
        notes.ShouldContain($"chỉ tiêu nhiệm kỳ của Đảng bộ (130 đảng viên, Nghị quyết số {TermResolution})");
        notes.ShouldContain("chưa giao các năm 2027, 2028, 2029");

        var file = await DownloadAsync(b, "/Reports/Development?handler=Xlsx&Period=term");
        var cells = file[0];
        cells.Header[2].ShouldBe("Chỉ tiêu đã giao cho chi bộ");
        cells.Body[0].Skip(1).Take(2).ShouldBe([CellA, (TargetA2025 + TargetA2026).ToString(CultureInfo.InvariantCulture)]);
        cells.Body[1].Skip(1).Take(2).ShouldBe([CellB, TargetB2026.ToString(CultureInfo.InvariantCulture)]);
        cells.Body[^1].Skip(1).Take(4).ShouldBe(["Tổng cộng", "130", inTerm.ToString(CultureInfo.InvariantCulture), S((double)inTerm / TermTarget)]);
        cells.Titles.ShouldContain(t => t.Contains("Nghị quyết số " + TermResolution, StringComparison.Ordinal));

        // The year: the commune's 2026 target, as the dashboard's year card.
        var yearTarget = dashboard.QuerySelector("#year-target")!.TextContent.Trim();
        yearTarget.ShouldBe(YearTarget2026.ToString(CultureInfo.InvariantCulture));
        (_, page) = await b.GetAsync("/Reports/Development?Period=year&Year=2026");
        page.QuerySelector("#development tr.report-total")!.QuerySelectorAll("td")[2].TextContent.Trim().ShouldBe(yearTarget);
        page.QuerySelector("#development thead")!.TextContent.ShouldContain("Chỉ tiêu năm 2026");
        // The cells were allocated 8 of the 10: said, not hidden.
        string.Join(" ", page.QuerySelectorAll("[data-target-note]").Select(n => n.TextContent)).ShouldContain("ít hơn chỉ tiêu năm 2026 của Đảng bộ (10) 2 đảng viên");
    }

    [Fact]
    public async Task A_cell_secretary_s_term_and_year_targets_are_the_cell_s_allocations_as_on_their_dashboard()
    {
        var b = await Browser.LoginAsync(app, "secretary");
        var (_, dashboard) = await b.GetAsync("/Dashboard");
        foreach (var (url, id) in new[] { ("/Reports/Development?Period=term", "#term-target"), ("/Reports/Development?Period=year&Year=2026", "#year-target") })
        {
            var (_, page) = await b.GetAsync(url);
            var target = page.QuerySelector("#development tr.report-total")!.QuerySelectorAll("td")[2].TextContent.Trim();
            target.ShouldBe(dashboard.QuerySelector(id)!.TextContent.Trim(), url);
        }
        var (_, term) = await b.GetAsync("/Reports/Development?Period=term");
        term.QuerySelector("#development tr.report-total")!.QuerySelectorAll("td")[2].TextContent.Trim()
            .ShouldBe((TargetA2025 + TargetA2026).ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_reconciliation_comes_out_as_a_file_with_both_tables_title_rows_and_counts()
    {
        var b = await Browser.LoginAsync(app, "office");
        var (_, page) = await b.GetAsync("/Reports/Reconciliation");
        page.QuerySelector("a[data-export=xlsx]").ShouldNotBeNull();
        var file = await DownloadAsync(b, "/Reports/Reconciliation?handler=Xlsx");
        file.SchemaErrors.ShouldBeEmpty();
        file.Tabs.Count.ShouldBe(2);
        // In the term (from 01/07/2025) and typed in the register only: Hoa, Lan and Nam, by ceremony date.
        var registerOnly = Seeded.Where(p => !p.ThroughProcedure && p.Ceremony >= new DateOnly(2025, 7, 1)).OrderBy(p => p.Ceremony).ToList();
        var tab = file[0];
        tab.Rows[1].Where(v => v.Length > 0).ShouldBe(["ĐẢNG BỘ XÃ THỬ NGHIỆM", "ĐẢNG CỘNG SẢN VIỆT NAM"]);
        tab.Titles.ShouldContain("ĐỐI CHIẾU SỔ ĐẢNG VIÊN VỚI HỒ SƠ KẾT NẠP");
        tab.Titles.ShouldContain("Nhiệm kỳ 2025–2030");
        tab.Titles.ShouldContain("Ngày lập: 20/11/2026");
        tab.Header.ShouldBe(["TT", "Họ và tên", "Chi bộ", "Ngày lễ kết nạp"]);
        tab.Column(1).SkipLast(1).ShouldBe(registerOnly.Select(p => p.Name));
        tab.Column(3).SkipLast(1).ShouldBe(registerOnly.Select(p => p.Ceremony.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)));
        tab.Body[^1][1].ShouldBe($"Tổng số: {registerOnly.Count} người");
        page.QuerySelector("#register-only-count")!.TextContent.ShouldBe(registerOnly.Count.ToString(CultureInfo.InvariantCulture));
        // Candidate A's ceremony step and the register agree: no mismatch, the count row says 0.
        file[1].Body.Single()[1].ShouldBe("Tổng số: 0 người");
        foreach (var t in file.Tabs) t.LayoutProblems().ShouldBeEmpty(t.Name);
    }

    [Theory]
    [InlineData("/Reports/Development?handler=Xlsx&Period=term")]
    [InlineData("/Reports/NewMembers?handler=Xlsx&Period=year&Year=2026")]
    [InlineData("/Reports/NewMembers?handler=Xlsx&Period=month&Number=7&Year=2026")]
    [InlineData("/Reports/Candidates?handler=Xlsx")]
    [InlineData("/Reports/Probation?handler=Xlsx")]
    [InlineData("/Reports/Hamlets?handler=Xlsx")]
    [InlineData("/Reports/Progress?handler=Xlsx&Period=year&Year=2026")]
    public async Task Every_report_file_shows_its_headers_and_wrapped_text_whole_and_prints_at_a_readable_scale(string url)
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = await DownloadAsync(b, url);
        foreach (var tab in file.Tabs)
        {
            // The header has its height even with no rows under it (July 2026: nobody admitted).
            tab.RowHeights.ShouldContainKey(tab.FrozenRows!.Value, $"{url} {tab.Name}");
            tab.LayoutProblems().ShouldBeEmpty(url);
        }
    }

    [Fact]
    public async Task New_members_of_the_year_are_listed_by_ceremony_date_with_a_totals_row()
    {
        var b = await Browser.LoginAsync(app, "office");
        var (_, page) = await b.GetAsync("/Reports/NewMembers?Period=year&Year=2026");
        page.QuerySelectorAll("#report-rows [data-row]").Length.ShouldBe(In2026.Count);
        var file = await DownloadAsync(b, "/Reports/NewMembers?handler=Xlsx&Period=year&Year=2026");
        file.SchemaErrors.ShouldBeEmpty();
        var tab = file[0];
        tab.Column(1).SkipLast(1).ShouldBe(In2026.OrderBy(p => p.Ceremony).Select(p => p.Name));
        tab.Column(tab.Header.IndexOf("Ngày kết nạp")).SkipLast(1).ShouldBe(In2026.OrderBy(p => p.Ceremony).Select(p => p.Ceremony.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)));
        tab.Column(tab.Header.IndexOf("Tuổi khi kết nạp")).SkipLast(1).ShouldBe(In2026.OrderBy(p => p.Ceremony).Select(p => p.Age.ToString(CultureInfo.InvariantCulture)));
        var totals = tab.Body[^1];
        totals[1].ShouldBe($"Tổng cộng: {In2026.Count} người");
        totals[2].ShouldBe($"Nữ: {In2026.Count(p => p.Woman)}");
        totals[4].ShouldBe($"Trẻ: {In2026.Count(p => p.Young)}");
        totals[5].ShouldBe($"Dân tộc thiểu số: {In2026.Count(p => p.Minority)}");
    }

    [Fact]
    public async Task The_progress_report_of_the_year_comes_out_as_a_file_with_the_same_people_and_totals()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = await DownloadAsync(b, "/Reports/Progress?handler=Xlsx&Period=year&Year=2026");
        file.SchemaErrors.ShouldBeEmpty();
        file[0].Column(1).SkipLast(1).ShouldBe(In2026.OrderBy(p => p.Ceremony).Select(p => p.Name));
        var byCell = file.Tabs.Single(t => t.Name == "Theo chi bộ");
        byCell.Body.Single(r => r[1] == CellA)[2].ShouldBe(In2026.Count(p => p.CellA).ToString(CultureInfo.InvariantCulture));
        byCell.Body[^1].Skip(1).Take(2).ShouldBe(["Tổng cộng", In2026.Count.ToString(CultureInfo.InvariantCulture)]);
    }

    [Fact]
    public async Task Candidates_by_stage_hold_the_open_cases_before_admission_with_next_step_and_due_date()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = await DownloadAsync(b, "/Reports/Candidates?handler=Xlsx");
        file.SchemaErrors.ShouldBeEmpty();
        // Candidate A was admitted (10/09/2026); candidate B has not started: the one open case before admission.
        var list = file[0];
        list.Column(1).SkipLast(1).ShouldBe(["Huỳnh Ngọc Ánh"]);
        list.Body[0][3].ShouldBe("Chưa bắt đầu");
        list.Body[0][4].ShouldNotBeNullOrEmpty();
        list.Body[^1][1].ShouldBe("Tổng cộng: 1 người");
        var summary = file.Tabs.Single(t => t.Name == "Theo giai đoạn");
        summary.Body[^1].Skip(1).Take(2).ShouldBe(["Tổng cộng", "1"]);
    }

    [Fact]
    public async Task Probationary_members_show_the_end_of_probation_and_the_overdue_recognition()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = await DownloadAsync(b, "/Reports/Probation?handler=Xlsx");
        file.SchemaErrors.ShouldBeEmpty();
        var tab = file[0];
        var probationary = Seeded.OrderBy(p => p.ProbationEnd).ToList();
        tab.Column(1).SkipLast(1).ShouldBe(probationary.Select(p => p.Name));
        tab.Column(tab.Header.IndexOf("Hết thời gian dự bị")).SkipLast(1)
            .ShouldBe(probationary.Select(p => p.ProbationEnd.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)));
        // Recognition reviews are due 30 working days after probation ends: only Hoa's (ended 15/08/2026) has passed by 20/11/2026.
        var dueColumn = tab.Header.IndexOf("Hạn xét công nhận");
        for (var i = 0; i < probationary.Count; i++)
        {
            var due = DateOnly.ParseExact(tab.Body[i][dueColumn], "dd/MM/yyyy", CultureInfo.InvariantCulture);
            due.ShouldBeGreaterThan(probationary[i].ProbationEnd.AddDays(30));
            due.ShouldBeLessThan(probationary[i].ProbationEnd.AddDays(60));
        }
        tab.Body[^1][1].ShouldBe($"Tổng cộng: {Seeded.Count} người");
        tab.Body[^1][tab.Header.IndexOf("Còn (ngày làm việc)")].ShouldBe("Quá hạn: 1");
    }

    [Fact]
    public async Task Hamlet_coverage_counts_the_members_living_in_each_hamlet_and_marks_the_thin_ones()
    {
        var b = await Browser.LoginAsync(app, "office");
        var file = await DownloadAsync(b, "/Reports/Hamlets?handler=Xlsx");
        file.SchemaErrors.ShouldBeEmpty();
        var tab = file[0];
        // Hamlet A: the three official members of TestData live there, and Nam; hamlet B: nobody.
        var inA = 3 + Seeded.Count(p => p.InHamletA);
        tab.Column(1).SkipLast(1).ShouldBe([HamletB, "Ấp Mỹ Lợi"]);
        tab.Body[0].Skip(2).Take(3).ShouldBe(["1500", "400", "0"]);
        tab.Body[1].Skip(2).Take(5).ShouldBe(["2000", "500", inA.ToString(CultureInfo.InvariantCulture), S(Math.Round(inA * 1000.0 / 2000, 1)), "0"]);
        tab.Body[0][^1].ShouldBe("Chưa có đảng viên");
        tab.Body[1][^1].ShouldBe("Ít đảng viên");
        tab.Body[^1].Skip(1).Take(4).ShouldBe(["Tổng cộng: 2 ấp", "3500", "900", inA.ToString(CultureInfo.InvariantCulture)]);
    }

    [Fact]
    public async Task Every_figure_on_a_report_page_opens_a_list_with_that_many_rows()
    {
        var b = await Browser.LoginAsync(app, "office");
        var all = new List<FigureLinks.Checked>();
        foreach (var url in new[] { "/Reports/Development?Period=year&Year=2026", "/Reports/Development?Period=term", "/Reports/NewMembers?Period=year&Year=2026",
                     "/Reports/Candidates", "/Reports/Probation", "/Reports/Hamlets" })
            all.AddRange(await FigureLinks.CheckPageAsync(b, url));
        all.Count.ShouldBeGreaterThan(15);
        FigureLinks.ShouldAllMatch(all);
    }

    [Fact]
    public async Task A_cell_secretary_reports_on_their_own_cell_only()
    {
        var b = await Browser.LoginAsync(app, "secretary");
        var file = await DownloadAsync(b, "/Reports/Development?handler=Xlsx&Period=year&Year=2026");
        file[0].Column(1).ShouldBe([CellA, "Tổng cộng"]);
        file[0].Body[^1][3].ShouldBe(In2026.Count(p => p.CellA).ToString(CultureInfo.InvariantCulture));
        var probation = await DownloadAsync(b, "/Reports/Probation?handler=Xlsx");
        probation[0].Column(2).SkipLast(1).ShouldAllBe(c => c == CellA);
        probation[0].Body.Count.ShouldBe(Seeded.Count(p => p.CellA) + 1);
    }

    [Fact]
    public async Task A_year_out_of_range_is_refused_and_a_mentor_may_not_open_reports()
    {
        var office = await Browser.LoginAsync(app, "office");
        var wrongYear = await office.Client.GetAsync("/Reports/Development?Year=1800");
        wrongYear.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // Said as a wrong address, not as a stale form: nothing was sent.
        (await wrongYear.Content.ReadAsStringAsync()).ShouldContain("Địa chỉ trang không hợp lệ");
        foreach (var wrong in new[] { "Period=month&Number=13", "Period=quarter&Number=0", "Period=quarter&Number=5" })
            (await office.Client.GetAsync($"/Reports/NewMembers?Year=2026&{wrong}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, wrong);
        var mentor = await Browser.LoginAsync(app, "mentor");
        foreach (var url in new[] { "/Reports/Development?handler=Xlsx", "/Reports/Probation?handler=Xlsx", "/Reports/Hamlets" })
            (await mentor.Client.GetAsync(url)).StatusCode.ShouldNotBe(HttpStatusCode.OK, url);
    }
}

public sealed class ReportTests_Sqlite(SqliteApp app) : ReportTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ReportTests_Postgres(PostgresApp app) : ReportTests<PostgresApp>(app), IClassFixture<PostgresApp>;
