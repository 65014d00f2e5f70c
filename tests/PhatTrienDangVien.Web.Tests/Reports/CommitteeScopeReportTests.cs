using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Demo;
using PhatTrienDangVien.Web.Tests.Demo;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using PhatTrienDangVien.Web.Tests.Plan;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Reports;

/// <summary>
/// The demo's committee member "capuy", in charge of two cells: the reports default to both of them (not the first),
/// say so in their title, offer each cell in a picker, and the .xlsx follows the page. Counted here straight from the
/// database by the cells' names.
/// </summary>
public abstract class CommitteeScopeReportTests<TApp>(TApp app) where TApp : DemoAppFactory
{
    private const string NhonHoa = "Chi bộ Ấp Nhơn Hòa", ThiTu = "Chi bộ Ấp Thị Tứ";
    private static readonly string s_both = $"{NhonHoa} và {ThiTu}";

    /// <summary>Admitted = a ceremony date in the current term (the demo admits people in both cells over the term).</summary>
    private sealed record Hand(int NhonHoaId, int ThiTuId, int Admitted, int AdmittedNhonHoa, int Probationary, string Term);

    private Task<Hand> CountAsync() => app.WithSystemScopeAsync(async (db, _) =>
    {
        var ids = await db.Organisations.Where(o => o.Name == NhonHoa || o.Name == ThiTu).ToDictionaryAsync(o => o.Name, o => o.Id);
        var both = ids.Values.ToList();
        var term = (await db.Terms.ToListAsync()).Single(t => t.Start <= DemoAppFactory.Today && DemoAppFactory.Today <= t.End);
        var admitted = await db.Members
            .Where(m => both.Contains(m.CellId) && m.CeremonyDate >= term.Start && m.CeremonyDate <= term.End)
            .Select(m => m.CellId).ToListAsync();
        var probationary = await db.Members.CountAsync(m => both.Contains(m.CellId) && m.Status == MemberStatus.Probationary);
        return new Hand(ids[NhonHoa], ids[ThiTu], admitted.Count, admitted.Count(c => c == ids[NhonHoa]), probationary, $"{term.Start.Year}-{term.End.Year}");
    });

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_committee_member_in_charge_of_two_cells_reports_on_both_by_default_and_may_pick_one()
    {
        var hand = await CountAsync();
        // Reporting only the first cell (the fault this guards against) shows one cell row, not two.
        var b = await Browser.LoginAsync(app, "capuy", DemoSeeder.DemoPassword);

        var (response, page) = await b.GetAsync("/Reports/Development?Period=term");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelectorAll("#development tbody tr[data-cell]").Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim())
            .Where(n => n != "Tổng cộng").ShouldBe([NhonHoa, ThiTu]);
        page.QuerySelector("#development tr.report-total [data-figure=admitted]")!.TextContent.Trim().ShouldBe(N(hand.Admitted));
        page.QuerySelector(".report-head")!.TextContent.ShouldContain(s_both);
        var picker = page.QuerySelector("select#org").ShouldNotBeNull();
        picker.QuerySelector("option[selected]")!.TextContent.ShouldBe(Web.Pages.Reports.PeriodForm.AllInCharge);
        picker.QuerySelectorAll("option").Select(o => o.TextContent).ShouldBe([Web.Pages.Reports.PeriodForm.AllInCharge, NhonHoa, ThiTu]);

        var download = await b.Client.GetAsync("/Reports/Development?handler=Xlsx&Period=term");
        download.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"ket-qua-phat-trien-dang-vien-nhiem-ky-{hand.Term}.xlsx");
        var file = XlsxFile.Read(await download.Content.ReadAsByteArrayAsync());
        file[0].Titles.ShouldContain(s_both);
        file[0].Column(1).ShouldBe([NhonHoa, ThiTu, "Tổng cộng"]);
        file[0].Body[^1][3].ShouldBe(N(hand.Admitted));

        // One cell picked: that cell only, on the page, in the picker and in the file.
        (_, page) = await b.GetAsync($"/Reports/Development?Period=term&OrgId={hand.NhonHoaId}");
        page.QuerySelector("select#org option[selected]")!.TextContent.ShouldBe(NhonHoa);
        page.QuerySelector("#development tr.report-total [data-figure=admitted]")!.TextContent.Trim().ShouldBe(N(hand.AdmittedNhonHoa));
        var one = await ReportData.DownloadAsync(b, $"/Reports/Development?handler=Xlsx&Period=term&OrgId={hand.NhonHoaId}");
        one[0].Column(1).ShouldBe([NhonHoa, "Tổng cộng"]);
        one[0].Titles.ShouldNotContain(s_both);

        // The other reports: all the cells in charge by default, the sum of the two cells' own reports.
        var newMembers = await ReportData.DownloadAsync(b, "/Reports/NewMembers?handler=Xlsx&Period=term");
        newMembers[0].Body.Count.ShouldBe(hand.Admitted + 1);
        newMembers[0].Titles.ShouldContain(s_both);
        var probation = await ReportData.DownloadAsync(b, "/Reports/Probation?handler=Xlsx");
        probation[0].Body.Count.ShouldBe(hand.Probationary + 1);
        probation[0].Titles.ShouldContain(s_both);
        foreach (var report in new[] { "Candidates", "Probation", "NewMembers" })
        {
            var url = $"/Reports/{report}?handler=Xlsx&Period=term";
            var all = (await ReportData.DownloadAsync(b, url))[0].Body.Count - 1;
            var a = (await ReportData.DownloadAsync(b, url + "&OrgId=" + N(hand.NhonHoaId)))[0].Body.Count - 1;
            var t = (await ReportData.DownloadAsync(b, url + "&OrgId=" + N(hand.ThiTuId)))[0].Body.Count - 1;
            all.ShouldBe(a + t, report);
            (_, page) = await b.GetAsync($"/Reports/{report}");
            page.QuerySelector("select#org option[selected]")!.TextContent.ShouldBe(Web.Pages.Reports.PeriodForm.AllInCharge, report);
        }

        // Each figure of the union's pages opens a list of the same cells with that many rows.
        var links = new List<FigureLinks.Checked>();
        foreach (var url in new[] { "/Reports/Development?Period=term", "/Reports/NewMembers?Period=term", "/Reports/Candidates", "/Reports/Probation" })
            links.AddRange(await FigureLinks.CheckPageAsync(b, url));
        links.Count.ShouldBeGreaterThan(10);
        FigureLinks.ShouldAllMatch(links);
    }
}

public sealed class CommitteeScopeReportTests_Sqlite(DemoSqliteApp app) : CommitteeScopeReportTests<DemoSqliteApp>(app), IClassFixture<DemoSqliteApp>;

public sealed class CommitteeScopeReportTests_Postgres(DemoPostgresApp app) : CommitteeScopeReportTests<DemoPostgresApp>(app), IClassFixture<DemoPostgresApp>;
