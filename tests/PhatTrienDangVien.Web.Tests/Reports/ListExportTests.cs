using System.Net;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.People;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Reports;

/// <summary>
/// Every list that exports: its .xlsx holds the rows the page shows under the same filters and sort (every page of
/// it), with identifiers masked as on the page, only the user's cells, and an entry on the access trail.
/// </summary>
public abstract class ListExportTests<TApp>(TApp app) : IAsyncLifetime where TApp : AppFactory
{
    public async ValueTask InitializeAsync() => await ReportData.SeedAsync(app);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>The first column of each row the page shows (all pages: 200 a page is more than these lists hold).</summary>
    private static async Task<List<string>> PageRowsAsync(Browser b, string url)
    {
        var (response, page) = await b.GetAsync(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "q.PageSize=200");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return [.. page.QuerySelectorAll("[data-row]").Select(r => r.QuerySelector("td")!)
            .Select(td => (td.QuerySelector("a")?.TextContent ?? td.ChildNodes.First().TextContent).Trim())];
    }

    private static string Xlsx(string url) => url.Contains('?', StringComparison.Ordinal)
        ? url.Replace("?", "?handler=Xlsx&", StringComparison.Ordinal) : url + "?handler=Xlsx";

    public static readonly TheoryData<string, string> Lists = new()
    {
        { "office", "/Members" },
        { "office", "/Members?Status=Probationary&q.Sort=dob&q.Desc=true" },
        { "office", "/Members?Gender=Female&q.Sort=cell" },
        { "office", "/Candidates?q.Desc=true" },
        { "office", "/Dashboard/Admitted?From=2025-07-01&To=2026-12-31&q.Sort=name" },
        { "office", "/Dashboard/Admitted?From=2026-01-01&To=2026-12-31&Facet=young" },
        { "office", "/Work?Show=all" },
        { "office", "/Work?Show=all&By=mentor" },
        { "office", "/Dashboard/Gaps?Kind=thin-hamlets" },
        { "office", "/Dashboard/Gaps?Kind=no-candidates" },
        { "office", "/Hamlets?q.Sort=members&q.Desc=true" },
        { "admin", "/Admin/Audit?EntityType=Member" },
        { "secretary", "/Members?q.Sort=ceremony" },
        { "committee", "/Members?Status=Probationary" },
        { "secretary", "/Work?Show=all" },
    };

    public static readonly TheoryData<string, string> PagedLists = new()
    {
        { "office", "/Members?q.PageSize=5" },
        { "office", "/Members?Status=Probationary&q.Sort=dob&q.PageSize=5&q.Page=1" },
        { "office", "/Members?q.Sort=cell&q.PageSize=5&q.Page=2" },
        { "office", "/Dashboard/Admitted?From=2025-07-01&To=2026-12-31&q.PageSize=5" },
        { "admin", "/Admin/Audit?q.PageSize=5" },
    };

    /// <summary>"In" on a paged list opens its print view: every row under the same filters and sort (the rows of the
    /// .xlsx), no pages, the count said; the screen's page size and page number do not cut it.</summary>
    [Theory, MemberData(nameof(PagedLists))]
    public async Task In_prints_the_whole_filtered_list_not_the_page_on_screen(string user, string url)
    {
        var b = await Browser.LoginAsync(app, user);
        var (_, paged) = await b.GetAsync(url);
        var printLink = paged.QuerySelector("a[data-print-view]").ShouldNotBeNull(url).GetAttribute("href")!;
        printLink.ShouldContain("q.Print=true");
        printLink.ShouldNotContain("q.Page=");
        var (response, print) = await b.GetAsync(printLink);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, printLink);
        // The total the paged list's pager states ("Tổng: 7 · Trang 1/2").
        var pager = paged.QuerySelector("nav[aria-label='Phân trang']").ShouldNotBeNull().TextContent;
        var expected = int.Parse(System.Text.RegularExpressions.Regex.Match(pager, @"Tổng: ([\d.]+)").Groups[1].Value.Replace(".", "", StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture);
        // The whole member list and the audit trail run beyond the screen's page of 5 (the filtered lists need not).
        if (url is "/Members?q.PageSize=5" or "/Admin/Audit?q.PageSize=5") expected.ShouldBeGreaterThan(5, url);
        print.QuerySelectorAll("[data-row]").Length.ShouldBe(expected, printLink);
        print.QuerySelector("nav[aria-label='Phân trang']").ShouldBeNull();
        // Counted in the list's noun ("7 đảng viên", "12 bản ghi"), as PrintAndPeriodTests checks for each list.
        print.QuerySelector("#print-count[data-autoprint]").ShouldNotBeNull().TextContent
            .ShouldContain($"Tổng số: {expected} {(url.StartsWith("/Admin/Audit", StringComparison.Ordinal) ? "bản ghi" : "đảng viên")}.");
        if (!url.StartsWith("/Admin/Audit", StringComparison.Ordinal))
        {
            // The print view is the file's list, in the file's order (the audit's file has a line per changed field).
            var file = await ReportData.DownloadAsync(b, Xlsx(url));
            var names = print.QuerySelectorAll("[data-row]").Select(r => r.QuerySelector("td a")?.TextContent.Trim() ?? "").ToList();
            names.ShouldBe(file[0].Column(1).SkipLast(1), printLink);
        }
        // The list on screen: still paged, at most 5 rows.
        paged.QuerySelectorAll("[data-row]").Length.ShouldBeLessThanOrEqualTo(5);
    }

    [Fact]
    public void The_print_view_takes_every_row_from_the_first_up_to_its_cap()
    {
        var print = new Web.Pages.Shared.ListQuery { Print = true, Page = 3, PageSize = 5 };
        print.Skip.ShouldBe(0);
        print.Size.ShouldBe(Web.Pages.Shared.ListQuery.PrintLimit);
        var screen = new Web.Pages.Shared.ListQuery { Page = 3, PageSize = 5 };
        (screen.Skip, screen.Size).ShouldBe((10, 5));
    }

    [Theory, MemberData(nameof(Lists))]
    public async Task The_xlsx_of_a_list_holds_the_rows_of_the_page_in_the_same_order(string user, string url)
    {
        var b = await Browser.LoginAsync(app, user);
        var shown = await PageRowsAsync(b, url);
        shown.ShouldNotBeEmpty(url);
        var file = await ReportData.DownloadAsync(b, Xlsx(url));
        file.SchemaErrors.ShouldBeEmpty(url);
        var tab = file[0];
        tab.FrozenRows.ShouldNotBeNull();
        tab.Titles[0].ShouldBe("ĐẢNG BỘ XÃ THỬ NGHIỆM ĐẢNG CỘNG SẢN VIỆT NAM");
        tab.Titles.ShouldContain("Ngày lập: 20/11/2026");
        tab.LayoutProblems().ShouldBeEmpty(url);
        // The numbering column first (1, 2, 3 …, none on the count row); grouped by responsible person, the person
        // comes next and the name after it.
        tab.Header[0].ShouldBe("STT");
        tab.Column(0).SkipLast(1).ShouldBe(Enumerable.Range(1, tab.Body.Count - 1).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        tab.Column(0)[^1].ShouldBe("");
        var listed = tab.Column(url.Contains("By=mentor", StringComparison.Ordinal) ? 2 : 1).SkipLast(1).ToList();
        var total = tab.Column(1)[^1];
        total.ShouldStartWith("Tổng số: ");
        if (url.StartsWith("/Admin/Audit", StringComparison.Ordinal))
        {
            // One line per changed field; the page shows one row per change with its fields inside.
            listed.Distinct().ShouldBe(shown.Distinct(), url);
        }
        else
        {
            listed.ShouldBe(shown, url);
            total.ShouldBe($"Tổng số: {shown.Count}");
        }
    }

    [Fact]
    public async Task Export_files_are_named_with_the_day_they_were_made()
    {
        var b = await Browser.LoginAsync(app, "office");
        foreach (var (url, name) in new[]
                 {
                     ("/Members?handler=Xlsx", "dang-vien-2026-11-20.xlsx"), ("/Members?handler=Export", "dang-vien-2026-11-20.csv"),
                     ("/Candidates?handler=Xlsx", "quan-chung-uu-tu-2026-11-20.xlsx"), ("/Candidates?handler=Export", "quan-chung-uu-tu-2026-11-20.csv"),
                     ("/Work?handler=Xlsx&Show=all", "viec-can-lam-2026-11-20.xlsx"),
                     ("/Dashboard/Admitted?handler=Xlsx&From=2026-01-01&To=2026-12-31", "dang-vien-moi-2026-11-20.xlsx"),
                     ("/Reports/Development?handler=Xlsx&Period=year&Year=2026", "ket-qua-phat-trien-dang-vien-2026.xlsx"),
                     ("/Reports/Development?handler=Xlsx&Period=quarter&Number=1&Year=2026", "ket-qua-phat-trien-dang-vien-2026-quy-1.xlsx"),
                     ("/Reports/NewMembers?handler=Xlsx&Period=month&Number=3&Year=2026", "dang-vien-moi-ket-nap-2026-03.xlsx"),
                     ("/Reports/Probation?handler=Xlsx", "dang-vien-du-bi-2026-11-20.xlsx"),
                     ("/Reports/Candidates?handler=Xlsx", "nguoi-vao-dang-theo-giai-doan-2026-11-20.xlsx"),
                 })
        {
            var response = await b.Client.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            (response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName).ShouldBe(name, url);
        }
    }

    [Theory]
    [InlineData("/Members?CellId={A}&Status=Probationary&Gender=Female")]
    [InlineData("/Candidates?CellId={A}&SourceId={Source}")]
    [InlineData("/Work?Show=all&By=mentor")]
    [InlineData("/Admin/Audit?EntityType=Member")]
    [InlineData("/Reports/Development?Period=quarter&Number=2&Year=2026&OrgId={A}")]
    [InlineData("/Reports/Candidates?OrgId={B}")]
    public async Task A_filtered_list_shows_its_filters_chosen_in_their_pickers(string url)
    {
        var source = await app.WithSystemScopeAsync(db => db.SourceCategories.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        url = url.Replace("{A}", app.Data.CellA.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{B}", app.Data.CellB.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{Source}", source.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var b = await Browser.LoginAsync(app, url.StartsWith("/Admin", StringComparison.Ordinal) ? "admin" : "office");
        var (response, page) = await b.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + url).Query);
        var checkedAny = false;
        foreach (var select in page.QuerySelectorAll("main form[method=get] select[name]"))
        {
            var name = select.GetAttribute("name")!;
            if (!query.TryGetValue(name, out var wanted)) continue;
            checkedAny = true;
            var chosen = select.QuerySelectorAll("option").Where(o => o.HasAttribute("selected")).Select(o => o.GetAttribute("value")).ToList();
            chosen.ShouldBe([wanted.ToString()], $"{url}: {name}");
        }
        checkedAny.ShouldBeTrue(url);
    }

    [Fact]
    public async Task A_secretarys_exports_hold_only_their_cell()
    {
        var b = await Browser.LoginAsync(app, "secretary");
        foreach (var (url, column) in new[] { ("/Members?handler=Xlsx", "Chi bộ"), ("/Dashboard/Admitted?handler=Xlsx&From=2025-01-01&To=2026-12-31", "Chi bộ"), ("/Work?handler=Xlsx&Show=all", "Chi bộ") })
        {
            var tab = (await ReportData.DownloadAsync(b, url))[0];
            var cells = tab.Column(tab.Header.IndexOf(column)).SkipLast(1).ToList();
            cells.ShouldNotBeEmpty(url);
            cells.ShouldAllBe(c => c == "Chi bộ Ấp Mỹ Lợi", url);
        }
        // Cell A by hand: the three official members of TestData, Hoa, Nam and Đức.
        var members = (await ReportData.DownloadAsync(b, "/Members?handler=Xlsx"))[0];
        members.Body.Count.ShouldBe(3 + ReportData.Seeded.Count(p => p.CellA) + 1);
    }

    [Fact]
    public async Task Exports_carry_no_full_citizen_id_or_phone_for_a_role_without_the_permission()
    {
        var newId = "089080009999";
        var phone = "0912345678";
        await app.WithSystemScopeAsync(async db =>
        {
            var person = await db.Members.Where(m => m.Id == app.Data.MemberA).Select(m => m.Person).SingleAsync();
            person.CitizenId = newId;
            person.Phone = phone;
            return await db.SaveChangesAsync();
        });
        var stored = await app.WithSystemScopeAsync(db => db.People.Where(p => p.CitizenId != null).Select(p => p.CitizenId!).ToListAsync());
        foreach (var user in new[] { "inspector", "admin" })
        {
            var b = await Browser.LoginAsync(app, user);
            var audit = await ReportData.DownloadAsync(b, "/Admin/Audit?handler=Xlsx&EntityType=Person");
            var text = audit.Tabs.SelectMany(t => t.AllText).ToList();
            // The change is in the file, masked as the page masks it, even for a role that may reveal numbers.
            text.ShouldContain(PersonalData.Mask(newId)!);
            text.ShouldContain(PersonalData.Mask(phone)!);
            foreach (var url in new[] { "/Members?handler=Xlsx", "/Candidates?handler=Xlsx", "/Dashboard/Admitted?handler=Xlsx&From=2000-01-01&To=2030-12-31" })
                text.AddRange((await ReportData.DownloadAsync(b, url)).Tabs.SelectMany(t => t.AllText));
            text.ShouldNotContain(t => stored.Any(id => t.Contains(id, StringComparison.Ordinal)) || t.Contains(phone, StringComparison.Ordinal), user);
            text.ShouldNotContain(t => t.Contains(newId, StringComparison.Ordinal) || t.Contains("089080000001", StringComparison.Ordinal), user);
        }
    }

    [Fact]
    public async Task Each_xlsx_export_is_on_the_access_trail_with_its_list_and_rows()
    {
        var b = await Browser.LoginAsync(app, "office");
        var before = await app.WithSystemScopeAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == AccessTrail.EntityType));
        var file = await ReportData.DownloadAsync(b, "/Members?handler=Xlsx&Status=Probationary");
        await ReportData.DownloadAsync(b, "/Reports/Hamlets?handler=Xlsx");
        var rows = await app.WithSystemScopeAsync(db => db.AuditEntries.Where(a => a.EntityType == AccessTrail.EntityType).OrderBy(a => a.Id)
            .Skip(before).ToListAsync());
        rows.Select(r => r.Action).ShouldBe([AccessTrail.Exported, AccessTrail.Exported]);
        rows.ShouldAllBe(r => r.UserName == "office");
        rows[0].Changes.ShouldContain("Đảng viên (Excel)");
        rows[0].Changes.ShouldContain($"\"Rows\":[null,{file[0].Body.Count - 1}]");
        rows[1].Changes.ShouldContain("(Excel)");
    }

    [Fact]
    public async Task A_date_known_only_to_its_year_shows_as_the_year_on_the_lists_and_in_their_files()
    {
        var d = app.Data;
        // A candidate the list shows (an open case).
        var (_, listed) = await (await Browser.LoginAsync(app, "office")).GetAsync("/Candidates?q.PageSize=200");
        var candidateName = listed.QuerySelectorAll("[data-row]")[0].QuerySelector("td a")!.TextContent.Trim();
        var candidateId = await app.WithSystemScopeAsync(db => db.Candidates.Where(c => c.Person.FullName == candidateName).Select(c => c.Id).FirstAsync());
        async Task Precision(DatePrecision p) => await app.WithSystemScopeAsync(async db =>
        {
            var member = await db.Members.Include(m => m.Person).SingleAsync(m => m.Id == d.MemberA);
            member.Person.DateOfBirthPrecision = p;
            member.CeremonyDatePrecision = p;
            var candidate = await db.Candidates.Include(c => c.Person).SingleAsync(c => c.Id == candidateId);
            candidate.Person.DateOfBirthPrecision = p;
            return await db.SaveChangesAsync();
        });
        var born = await app.WithSystemScopeAsync(db => db.Members.Where(m => m.Id == d.MemberA).Select(m => new { m.Person.DateOfBirth, m.CeremonyDate, m.Person.FullName }).SingleAsync());
        var candidateBorn = await app.WithSystemScopeAsync(db => db.Candidates.Where(c => c.Id == candidateId).Select(c => new { c.Person.DateOfBirth, c.Person.FullName }).SingleAsync());
        await Precision(DatePrecision.Year);
        try
        {
            var b = await Browser.LoginAsync(app, "office");
            string Year(DateOnly x) => x.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string Full(DateOnly x) => x.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

            var (_, members) = await b.GetAsync("/Members?q.PageSize=200");
            var row = members.QuerySelectorAll("[data-row]").Single(r => r.TextContent.Contains(born.FullName, StringComparison.Ordinal));
            var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
            cells.ShouldContain(Year(born.DateOfBirth));
            cells.ShouldContain(Year(born.CeremonyDate!.Value));
            row.TextContent.ShouldNotContain(Full(born.DateOfBirth));
            var xlsx = (await ReportData.DownloadAsync(b, "/Members?handler=Xlsx"))[0].Body.Single(r => r.Contains(born.FullName));
            xlsx.ShouldContain(Year(born.DateOfBirth));
            xlsx.ShouldContain(Year(born.CeremonyDate!.Value));
            var csv = (await (await b.Client.GetAsync("/Members?handler=Export")).Content.ReadAsStringAsync())
                .Split('\n').Single(l => l.Contains(born.FullName, StringComparison.Ordinal));
            csv.ShouldNotContain(Full(born.DateOfBirth));
            csv.ShouldMatch("[,;\"]" + Year(born.DateOfBirth) + "[,;\"]");

            var (_, candidates) = await b.GetAsync("/Candidates?q.PageSize=200");
            var crow = candidates.QuerySelectorAll("[data-row]").First(r => r.TextContent.Contains(candidateBorn.FullName, StringComparison.Ordinal));
            crow.TextContent.ShouldNotContain(Full(candidateBorn.DateOfBirth));
            var shownBirth = Year(candidateBorn.DateOfBirth) + " (";
            crow.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).Count(c => c.StartsWith(shownBirth, StringComparison.Ordinal)).ShouldBe(1);
            (await ReportData.DownloadAsync(b, "/Candidates?handler=Xlsx"))[0].Body.First(r => r.Contains(candidateBorn.FullName)).ShouldContain(Year(candidateBorn.DateOfBirth));
        }
        finally
        {
            await Precision(DatePrecision.Day);
        }
    }

    /// <summary>
    /// The hamlet report counts per hamlet for the whole commune whoever asks (README, "Reports"): its figures are not
    /// anyone's data, and a secretary's cell lives among the commune's hamlets. It names no one.
    /// </summary>
    [Fact]
    public async Task The_hamlet_report_is_the_communes_for_a_cell_secretary_too_and_names_no_one()
    {
        var office = await ReportData.DownloadAsync(await Browser.LoginAsync(app, "office"), "/Reports/Hamlets?handler=Xlsx");
        var secretary = await ReportData.DownloadAsync(await Browser.LoginAsync(app, "secretary"), "/Reports/Hamlets?handler=Xlsx");
        secretary[0].Body.ShouldBe(office[0].Body);
        var names = await app.WithSystemScopeAsync(db => db.People.Select(p => p.FullName).ToListAsync());
        secretary.Tabs.SelectMany(t => t.AllText).ShouldNotContain(t => names.Contains(t));
    }
}

public sealed class ListExportTests_Sqlite(SqliteApp app) : ListExportTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ListExportTests_Postgres(PostgresApp app) : ListExportTests<PostgresApp>(app), IClassFixture<PostgresApp>;
