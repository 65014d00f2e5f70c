using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Tests.Demo;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Plan;

/// <summary>
/// Every figure that links to a list equals the number of rows of that list: the links are read from the pages
/// (dashboard of the commune, of each sub-committee and cell, a committee member's page), not listed by hand.
/// </summary>
public static partial class FigureLinks
{
    private static readonly string[] s_lists = ["/Dashboard/Admitted", "/Candidates", "/Work", "/Dashboard/Gaps", "/Members", "/Inspections", "/Ratings"];

    public sealed record Checked(string Page, string Href, int Figure, int Rows);

    public static async Task<List<Checked>> CheckPageAsync(Browser b, string url)
    {
        var (response, page) = await b.GetAsync(url);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, url);
        var result = new List<Checked>();
        foreach (var a in page.QuerySelectorAll("main a[href]"))
        {
            var href = a.GetAttribute("href")!;
            var path = href.Split('?')[0];
            if (!s_lists.Contains(path, StringComparer.Ordinal)) continue;
            var m = LeadingNumber().Match(a.TextContent);
            if (!m.Success) continue;
            var figure = int.Parse(m.Groups[1].Value.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            result.Add(new Checked(url, href, figure, await CountRowsAsync(b, href)));
        }
        return result;
    }

    /// <summary>Rows of the list across its pages (200 a page where it pages).</summary>
    public static async Task<int> CountRowsAsync(Browser b, string href)
    {
        var total = 0;
        for (var p = 1; p < 1000; p++)
        {
            var (response, doc) = await b.GetAsync(href + (href.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"q.PageSize=200&q.Page={p}");
            response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, href);
            var rows = doc.QuerySelectorAll("[data-row]").Length;
            total += rows;
            if (!Paged(doc) || rows < 200) break;
        }
        return total;
    }

    private static bool Paged(IHtmlDocument doc) => doc.QuerySelector("nav[aria-label='Phân trang']") is not null;

    /// <summary>The organisations in the dashboard's picker, as dashboard URLs.</summary>
    public static async Task<List<string>> DashboardsAsync(Browser b)
    {
        var (_, page) = await b.GetAsync("/Dashboard");
        return page.QuerySelectorAll("select[name=OrgId] option").Select(o => "/Dashboard?OrgId=" + o.GetAttribute("value")).ToList();
    }

    public static void ShouldAllMatch(IReadOnlyList<Checked> all)
    {
        var wrong = all.Where(c => c.Figure != c.Rows).Select(c => $"{c.Page}: {c.Href} shows {c.Figure}, lists {c.Rows}").ToList();
        wrong.ShouldBeEmpty(string.Join("\n", wrong));
    }

    [GeneratedRegex(@"^\s*(\d{1,3}(?:\.\d{3})*|\d+)(?:\s|$)")]
    private static partial Regex LeadingNumber();
}

/// <summary>
/// A small hand-made commune on 20/11/2026, term 01/07/2025–30/06/2030 (the default window):
/// register-only admissions (typed, no case) of Mai (cell A, 20/06/2025: the previous term), Hoa (cell A, woman,
/// 15/08/2025) and Lan (cell B, woman, born 1990, 10/02/2026); candidate A (Võ Minh Đức, born 15/03/2000, cell A)
/// admitted through the procedure with the ceremony on 10/09/2026. By hand: the term has 3 (Hoa, Lan, Đức), 2 of
/// them from the register; the 2025 row (from 01/07) 1, the 2026 row 2; the 2026 structure: 2 people, 1 woman
/// (Lan), 1 young (Đức, 26 at the ceremony). Cell A: allocations 2 (2025) and 5 (2026) = 7, term admissions 2
/// (Hoa, Đức), 2027–2029 not allocated.
/// </summary>
public abstract class FigureListTests<TApp>(TApp app) : IAsyncLifetime where TApp : AppFactory
{
    public async ValueTask InitializeAsync()
    {
        if (await app.WithSystemScopeAsync(db => Task.FromResult(db.AdmissionSteps.Any()))) return;
        var d = app.Data;
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Member Typed(int cell, string name, string citizenId, int born, Gender g, string ceremony) => new()
            {
                CommuneId = d.CommuneId, CellId = cell, Status = MemberStatus.Probationary, CeremonyDate = Steps.D(ceremony),
                Person = TestData.NewPerson(d.CommuneId, name, citizenId, null, born, g),
            };
            db.Members.AddRange(
                Typed(d.CellA, "Đỗ Thị Mai", "089199000101", 1999, Gender.Female, "2025-06-20"),
                Typed(d.CellA, "Cao Thị Hoa", "089100000102", 2000, Gender.Female, "2025-08-15"),
                Typed(d.CellB, "Tạ Thị Lan", "089190000103", 1990, Gender.Female, "2026-02-10"));
            var term = db.Terms.Single();
            db.TermTargets.Add(new Core.Targets.TermTarget { CommuneId = d.CommuneId, TermId = term.Id, Count = 130 });
            db.YearTargets.Add(new Core.Targets.YearTarget { CommuneId = d.CommuneId, TermId = term.Id, Year = 2025, Count = 26 });
            db.YearTargets.Add(new Core.Targets.YearTarget { CommuneId = d.CommuneId, TermId = term.Id, Year = 2026, Count = 26 });
            db.CellTargets.Add(new Core.Targets.CellTarget { CommuneId = d.CommuneId, CellId = d.CellA, Year = 2025, Count = 2 });
            db.CellTargets.Add(new Core.Targets.CellTarget { CommuneId = d.CommuneId, CellId = d.CellA, Year = 2026, Count = 5 });
            db.CellTargets.Add(new Core.Targets.CellTarget { CommuneId = d.CommuneId, CellId = d.CellB, Year = 2026, Count = 3 });
            await db.SaveChangesAsync();
        }

        Task Step(AdmissionStepKind kind, StepData data) => Steps.RecordAsync(app.Services, d.CandidateA, kind, data);
        DateOnly D(string s) => Steps.D(s);
        await Steps.CandidateAApprovedByCellAsync(app.Services, d);
        await Step(AdmissionStepKind.Decision, new() { Date = D("2026-08-10"), DocumentNumber = "112-QĐ/ĐU", ReceivedByCellOn = D("2026-08-12") });
        await Step(AdmissionStepKind.Ceremony, new() { Date = D("2026-09-10") });
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task The_terms_and_years_figures_match_the_hand_count_and_say_their_window()
    {
        var b = await Browser.LoginAsync(app, "office");
        var (_, page) = await b.GetAsync("/Dashboard");
        page.QuerySelector("#term-window")!.TextContent.ShouldContain("từ 01/07/2025 đến 30/06/2030");
        page.QuerySelector("#term-admitted")!.TextContent.ShouldBe("3");
        page.QuerySelector("#term-register")!.TextContent.ShouldBe("2");
        page.QuerySelector("#year-window")!.TextContent.ShouldContain("từ 01/01/2026 đến 31/12/2026");
        page.QuerySelector("#year-admitted")!.TextContent.ShouldBe("2");
        page.QuerySelector("#year-target")!.TextContent.ShouldBe("26");
        var rows = page.QuerySelectorAll("#years tbody tr").ToDictionary(r => r.GetAttribute("data-year")!, r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList());
        rows.Keys.ShouldBe(["2025", "2026", "2027", "2028", "2029", "2030"]);
        rows["2025"][0].ShouldBe("2025 (từ 01/07)");
        rows["2025"][2].ShouldBe("1");
        rows["2026"][2].ShouldBe("2");
        rows["2030"][0].ShouldBe("2030 (đến 30/06)");
        // Yearly targets are adopted (2025, 2026): a year without one shows none, not a share that would count twice.
        rows["2027"][1].ShouldBe("—");
        page.QuerySelector("#years tfoot")!.TextContent.ShouldContain("3");
        var structure = page.QuerySelectorAll("#structure tr").ToDictionary(r => r.QuerySelectorAll("td")[0].TextContent.Trim(), r => r.QuerySelectorAll("td")[1].TextContent.Trim());
        page.QuerySelector("#structure-total")!.TextContent.ShouldBe("2 người");
        structure["Nữ"].ShouldBe("1");
        structure["Trẻ (18–30 tuổi khi kết nạp)"].ShouldBe("1");

        // The list behind the term figure names them, with how each was recorded.
        var (_, list) = await b.GetAsync(page.QuerySelector("#term-admitted")!.GetAttribute("href")!);
        var names = list.QuerySelectorAll("#admitted [data-row]").Select(r => r.QuerySelectorAll("td")[0].TextContent.Trim()).ToList();
        names.ShouldBe(["Cao Thị Hoa", "Tạ Thị Lan", "Võ Minh Đức"]);
        list.QuerySelector("#list-filter")!.TextContent.ShouldContain("từ ngày 01/07/2025 đến ngày 30/06/2030");
        list.QuerySelectorAll("#admitted [data-row]").Count(r => r.TextContent.Contains("Từ sổ đảng viên", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task A_bad_filter_in_the_address_is_said_in_vietnamese_and_a_decimal_comma_is_read_as_one()
    {
        var b = await Browser.LoginAsync(app, "office");
        var (r, page) = await b.GetAsync("/Dashboard/Admitted?From=2026-12-31&To=2025-01-01");
        r.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        page.QuerySelector("#filter-error")!.TextContent.ShouldContain("Ngày bắt đầu (31/12/2026) sau ngày kết thúc (01/01/2025)");
        page.QuerySelectorAll("#admitted [data-row]").Length.ShouldBe(0);
        var (unknown, all) = await b.GetAsync("/Dashboard/Admitted?Facet=zzz");
        unknown.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        all.QuerySelector("#filter-error")!.TextContent.ShouldContain("không có trong danh mục");

        // Hamlet Mỹ Lợi: 3 resident members for 2,000 people = 1.5 per thousand: under "5,5", not under "1,5" (strictly).
        var (_, under) = await b.GetAsync("/Dashboard/Gaps?Kind=thin-hamlets&Threshold=5,5");
        under.QuerySelector("h1")!.TextContent.ShouldContain("dưới 5,5 đảng viên");
        under.QuerySelectorAll("#gap-list [data-row]").Select(r => r.QuerySelector("td")!.TextContent).ShouldBe(["Ấp Mỹ Lợi"]);
        var (_, notUnder) = await b.GetAsync("/Dashboard/Gaps?Kind=thin-hamlets&Threshold=1,5");
        notUnder.QuerySelector("h1")!.TextContent.ShouldContain("dưới 1,5 đảng viên");
        notUnder.QuerySelectorAll("#gap-list [data-row]").Length.ShouldBe(0);
        var (_, nan) = await b.GetAsync("/Dashboard/Gaps?Kind=thin-hamlets&Threshold=NaN");
        nan.QuerySelector("h1")!.TextContent.ShouldContain("dưới 10 đảng viên");
    }

    [Fact]
    public async Task A_cells_term_figure_counts_every_allocated_year_and_says_which_are_not_allocated()
    {
        var b = await Browser.LoginAsync(app, "office");
        var (_, page) = await b.GetAsync($"/Dashboard?OrgId={app.Data.CellA}");
        page.QuerySelector("#term-admitted")!.TextContent.ShouldBe("2");
        page.QuerySelector("#term-target")!.TextContent.ShouldBe("7");
        page.QuerySelector("#unallocated")!.TextContent.ShouldContain("2027, 2028, 2029");
        page.QuerySelector("#pace").ShouldBeNull("no pace against a term only partly allocated");
        // No forecast either, and the card and the forecast's page say why in the same words (not "no term target").
        var reason = page.QuerySelector("#forecast-missing")!.TextContent.Trim();
        reason.ShouldContain("Chưa giao chỉ tiêu cho chi bộ các năm 2027, 2028, 2029");
        var (_, forecast) = await b.GetAsync($"/Dashboard/Forecast?OrgId={app.Data.CellA}");
        forecast.QuerySelector("#forecast-missing")!.TextContent.ShouldStartWith(reason);
    }

    [Fact]
    public async Task Every_figure_on_the_dashboards_and_the_committee_members_page_equals_its_list()
    {
        var b = await Browser.LoginAsync(app, "office");
        var all = new List<FigureLinks.Checked>();
        foreach (var url in await FigureLinks.DashboardsAsync(b))
            all.AddRange(await FigureLinks.CheckPageAsync(b, url));
        all.AddRange(await FigureLinks.CheckPageAsync(b, $"/Responsibilities/Member/{app.Data.CommitteeMemberId}"));
        // The organisation tree's figures (members, probationary, pool of each node, sub-committees included).
        var tree = await FigureLinks.CheckPageAsync(b, "/Organisations");
        tree.Count.ShouldBeGreaterThanOrEqualTo(12);
        all.AddRange(tree);
        FigureLinks.ShouldAllMatch(all);
        all.Count.ShouldBeGreaterThan(40);
        all.Where(c => c.Href.StartsWith("/Dashboard/Admitted", StringComparison.Ordinal)).Sum(c => c.Figure).ShouldBeGreaterThan(0);

        // A cell secretary's dashboard and lists count the same cells.
        var secretary = await Browser.LoginAsync(app, "secretary");
        var own = await FigureLinks.CheckPageAsync(secretary, "/Dashboard");
        FigureLinks.ShouldAllMatch(own);
        own.ShouldNotBeEmpty();
    }
}

public sealed class FigureListTests_Sqlite(SqliteApp app) : FigureListTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class FigureListTests_Postgres(PostgresApp app) : FigureListTests<PostgresApp>(app), IClassFixture<PostgresApp>;

/// <summary>The same check on the demo commune, where every list is long and paged.</summary>
public abstract class DemoFigureListTests<TApp>(TApp app) where TApp : DemoAppFactory
{
    [Fact]
    public async Task Every_figure_on_the_demo_dashboards_equals_its_list()
    {
        var b = await Browser.LoginAsync(app, "vanphong", Web.Demo.DemoSeeder.DemoPassword);
        var all = new List<FigureLinks.Checked>();
        var dashboards = await FigureLinks.DashboardsAsync(b);
        // The commune, every sub-committee, and a few cells (all cells would take long for no new kind of figure).
        foreach (var url in dashboards.Take(8))
            all.AddRange(await FigureLinks.CheckPageAsync(b, url));
        all.AddRange(await FigureLinks.CheckPageAsync(b, "/Organisations"));
        FigureLinks.ShouldAllMatch(all);
        all.Where(c => c.Href.StartsWith("/Dashboard/Admitted", StringComparison.Ordinal)).Max(c => c.Figure).ShouldBeGreaterThan(10);
        // The cards of inspections and of the rating were checked, with figures that are not all zero.
        all.Where(c => c.Href.StartsWith("/Inspections", StringComparison.Ordinal)).Max(c => c.Figure).ShouldBeGreaterThan(0);
        all.Where(c => c.Href.StartsWith("/Ratings", StringComparison.Ordinal)).Max(c => c.Figure).ShouldBeGreaterThan(100);
    }
}

public sealed class DemoFigureListTests_Sqlite(DemoSqliteApp app) : DemoFigureListTests<DemoSqliteApp>(app), IClassFixture<DemoSqliteApp>;

public sealed class DemoFigureListTests_Postgres(DemoPostgresApp app) : DemoFigureListTests<DemoPostgresApp>(app), IClassFixture<DemoPostgresApp>;

/// <summary>
/// The term's window comes from the term: with the default (01/07/2025) an admission on 20/06/2025 belongs to the
/// previous term; once the congress date is recorded as 18/06/2025 it counts. A date outside the term's first year is
/// refused in Vietnamese and changes nothing.
/// </summary>
public abstract class TermWindowTests<TApp>(TApp app) : IAsyncLifetime where TApp : AppFactory
{
    public async ValueTask InitializeAsync()
    {
        if (await app.WithSystemScopeAsync(db => Task.FromResult(db.TermTargets.Any()))) return;
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var d = app.Data;
        db.Members.Add(new Member
        {
            CommuneId = d.CommuneId, CellId = d.CellA, Status = MemberStatus.Probationary, CeremonyDate = Steps.D("2025-06-20"),
            Person = TestData.NewPerson(d.CommuneId, "Đỗ Thị Mai", "089199000101", null, 1999, Gender.Female),
        });
        db.TermTargets.Add(new Core.Targets.TermTarget { CommuneId = d.CommuneId, TermId = db.Terms.Single().Id, Count = 130 });
        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task The_congress_date_moves_the_terms_window()
    {
        var b = await Browser.LoginAsync(app, "office");
        var termId = await app.WithSystemScopeAsync(db => Task.FromResult(db.Terms.Single().Id));
        var (_, before) = await b.GetAsync("/Dashboard");
        before.QuerySelector("#term-admitted")!.TextContent.ShouldBe("0");

        var bad = await b.PostFormAsync($"/Targets/Term/{termId}", new() { ["TermStart"] = "2024-05-01" });
        bad.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("Ngày bắt đầu nhiệm kỳ 2025–2030 phải trong năm 2025.");
        (await app.WithSystemScopeAsync(db => Task.FromResult(db.Terms.Single().StartDate))).ShouldBeNull();

        var ok = await b.PostFormAsync($"/Targets/Term/{termId}", new() { ["TermStart"] = "2025-06-18" });
        ok.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect, await ok.Content.ReadAsStringAsync());
        var (_, after) = await b.GetAsync("/Dashboard");
        after.QuerySelector("#term-window")!.TextContent.ShouldContain("từ 18/06/2025 đến 30/06/2030");
        after.QuerySelector("#term-admitted")!.TextContent.ShouldBe("1");
        after.QuerySelector("#years tr[data-year='2025'] td")!.TextContent.Trim().ShouldBe("2025 (từ 18/06)");
        // No yearly target adopted at all: each year shows its share of 130 by days; 2027 is 365 of the term's
        // 1,839 days (18/06/2025–30/06/2030) = 25.8 ≈ 26.
        after.QuerySelectorAll("#years tr[data-year='2027'] td")[1].TextContent.Trim().ShouldBe("≈26");
    }
}

public sealed class TermWindowTests_Sqlite(SqliteApp app) : TermWindowTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TermWindowTests_Postgres(PostgresApp app) : TermWindowTests<PostgresApp>(app), IClassFixture<PostgresApp>;
