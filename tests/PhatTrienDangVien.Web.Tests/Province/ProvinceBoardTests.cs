using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Demo;
using PhatTrienDangVien.Web.Province;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Province;

/// <summary>
/// The province board (Ban Tổ chức Tỉnh ủy) on an installation of two communes: the communes side by side, each row the
/// commune's own dashboard and the total their sum; one commune looked into at a time, read only; the list of communes
/// kept by the province alone; the national rules changed by it, not by a commune.
/// </summary>
public sealed class ProvinceBoardTests(TwoCommunesSqliteApp app) : IClassFixture<TwoCommunesSqliteApp>
{
    private const string Board = "bantochuc";

    private Task<Browser> BoardAsync() => Browser.LoginAsync(app, Board, DemoSeeder.DemoPassword);

    private async Task<int> DemoCommuneAsync() =>
        await app.WithSystemScopeAsync((db, _) => db.Organisations.Where(o => o.IsDemo && o.Kind == OrganisationKind.CommuneCommittee).Select(o => o.Id).SingleAsync());

    private static int Number(IHtmlDocument doc, string selector) =>
        int.Parse(doc.QuerySelector(selector)!.TextContent.Trim().Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Each_row_is_the_communes_own_dashboard_and_the_total_is_their_sum()
    {
        var demo = await DemoCommuneAsync();
        var board = await BoardAsync();
        var (response, page) = await board.GetAsync("/Province");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = page.QuerySelectorAll("#communes tbody tr[data-commune]").ToList();
        // Every active commune, the two seeded ones among them (another test of this class may have added one).
        var active = await app.WithSystemScopeAsync((db, _) => Communes.All(db).Where(o => o.IsActive).Select(o => o.Id).ToListAsync());
        active.ShouldContain(demo);
        active.ShouldContain(app.Data.CommuneId);
        rows.Select(r => int.Parse(r.GetAttribute("data-commune")!, System.Globalization.CultureInfo.InvariantCulture)).Order().ShouldBe(active.Order());

        // Each commune's office reads its own dashboard: the province's row shows the same figures.
        foreach (var (commune, user, password) in new[] { (demo, "vanphong", DemoSeeder.DemoPassword), (app.Data.CommuneId, "office", TestData.Password) })
        {
            var office = await Browser.LoginAsync(app, user, password);
            var (_, dashboard) = await office.GetAsync("/Dashboard");
            var row = rows.Single(r => r.GetAttribute("data-commune") == commune.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var admitted = int.Parse(row.QuerySelector("[data-admitted]")!.GetAttribute("data-admitted")!, System.Globalization.CultureInfo.InvariantCulture);
            var target = row.QuerySelector("[data-target]")!.GetAttribute("data-target")!;
            if (dashboard.QuerySelector("#term-admitted") is null)
            {
                // No term target yet: the dashboard shows no term figures, the row no target.
                target.ShouldBeEmpty();
                continue;
            }
            admitted.ShouldBe(Number(dashboard, "#term-admitted"), $"commune {commune}");
            target.ShouldBe(Number(dashboard, "#term-target").ToString(System.Globalization.CultureInfo.InvariantCulture), $"commune {commune}");
        }
        // The demo commune has a plan: the comparison above compared something.
        rows.Single(r => r.GetAttribute("data-commune") == demo.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .QuerySelector("[data-target]")!.GetAttribute("data-target").ShouldNotBeNullOrEmpty();

        // The province's line is the sum of the communes' lines, column by column.
        var total = page.QuerySelector("#province-total")!;
        foreach (var col in new[] { "members", "pool", "overdue" })
            Number(page, $"#province-total [data-col={col}]").ShouldBe(rows.Sum(r => int.Parse(r.QuerySelector($"[data-col={col}]")!.TextContent.Trim().Replace(".", "", StringComparison.Ordinal),
                System.Globalization.CultureInfo.InvariantCulture)), col);
        int.Parse(total.QuerySelector("[data-admitted]")!.GetAttribute("data-admitted")!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(rows.Sum(r => int.Parse(r.QuerySelector("[data-admitted]")!.GetAttribute("data-admitted")!, System.Globalization.CultureInfo.InvariantCulture)));
        int.Parse(total.QuerySelector("[data-target]")!.GetAttribute("data-target")!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(rows.Sum(r => r.QuerySelector("[data-target]")!.GetAttribute("data-target") is { Length: > 0 } t ? int.Parse(t, System.Globalization.CultureInfo.InvariantCulture) : 0));
        // The members' column is each commune's register: the same count the system reads.
        var members = await app.WithSystemScopeAsync((db, _) => db.Members.CountAsync(m => m.Status == Core.People.MemberStatus.Official || m.Status == Core.People.MemberStatus.Probationary));
        Number(page, "#province-total [data-col=members]").ShouldBe(members);

        // Sorted by a column on request, as every list.
        var (_, sorted) = await board.GetAsync("/Province?q.Sort=members&q.Desc=true");
        var order = sorted.QuerySelectorAll("#communes tbody tr[data-commune] [data-col=members]")
            .Select(c => int.Parse(c.TextContent.Trim().Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        order.ShouldBe(order.OrderDescending().ToList());
        (await board.Client.GetAsync("/Province?handler=Xlsx")).Content.Headers.ContentType!.MediaType.ShouldBe(Web.Export.Xlsx.ContentType);
    }

    [Fact]
    public async Task The_board_looks_into_one_commune_at_a_time_and_changes_nothing()
    {
        var demo = await DemoCommuneAsync();
        var (demoMember, testMember) = await app.WithSystemScopeAsync(async (db, _) => (
            await db.Members.Where(m => m.CommuneId == demo).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(),
            await db.Members.Where(m => m.CommuneId == app.Data.CommuneId).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync()));
        var board = await BoardAsync();

        // Before a choice: the home is the province's table, and no commune's record is reached.
        var home = await board.Client.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().ShouldBe("/Province");
        // A commune's page (a record, a search, the work list, the notifications) leads to the choice, saying why,
        // rather than opening empty; the API answers no commune's record.
        foreach (var url in new[] { $"/Members/Details/{demoMember}", "/Search?q=Nguyễn", "/Work", "/Notifications", "/Members" })
        {
            var led = await board.Client.GetAsync(url);
            led.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            led.Headers.Location!.ToString().ShouldStartWith("/Province?to=", Case.Sensitive, url);
        }
        // HEAD too: an export asked for its headers runs nothing (and writes no "exported" line on the trail).
        var head = await board.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/Members?handler=Xlsx"));
        head.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var asked = (await board.Client.GetAsync("/Work?Show=overdue")).Headers.Location!.ToString();
        var (_, table) = await board.GetAsync(asked);
        table.QuerySelector("#info-message")!.TextContent.ShouldContain(ProvinceChoiceFilter.ChooseFirst);
        // Each commune's choice carries the page asked for, which opens once a commune is chosen.
        table.QuerySelector($"tr[data-commune='{demo}'] input[name=to]")!.GetAttribute("value").ShouldBe("/Work?Show=overdue");
        // Nor are they offered: no work list, bell or search box in the bar before a choice.
        table.QuerySelector("a[href^='/Work']").ShouldBeNull();
        table.QuerySelector("a[href^='/Notifications']").ShouldBeNull();
        table.QuerySelector("form[action='/Search']").ShouldBeNull();
        // The installation's own pages open without a choice.
        foreach (var url in new[] { "/Rules", "/Calendar", "/Admin/Audit", "/Province/Communes" })
            (await board.Client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK, url);
        (await board.Client.GetStringAsync("/api/members")).ShouldNotContain("\"id\":" + demoMember.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Looking into the demo commune: its pages, not the other's.
        var view = await board.PostRawAsync($"/Province?handler=View&id={demo}", [], "/Province");
        view.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        view.Headers.Location!.ToString().ShouldBe("/Dashboard");
        var (dashboard, dashboardPage) = await board.GetAsync("/Dashboard");
        dashboard.StatusCode.ShouldBe(HttpStatusCode.OK);
        dashboardPage.QuerySelector("#province-view")!.TextContent.ShouldContain("Nhơn Mỹ");
        (await board.Client.GetAsync($"/Members/Details/{demoMember}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await board.Client.GetAsync($"/Members/Details/{testMember}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Read only: an edit form is refused, the API's write too.
        var edit = await board.Client.GetAsync($"/Members/Edit/{demoMember}");
        edit.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        if (edit.StatusCode == HttpStatusCode.Redirect) edit.Headers.Location!.ToString().ShouldContain("/Account/Denied");
        (await board.Client.PutAsync($"/api/members/{demoMember}", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
            .StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.MethodNotAllowed, HttpStatusCode.NotFound);
        (await board.Client.GetAsync("/Hamlets/Edit")).StatusCode.ShouldNotBe(HttpStatusCode.OK);

        // A forged choice of something that is no commune leaves the board seeing no commune.
        var cell = await app.WithSystemScopeAsync((db, _) => db.Organisations.Where(o => o.CommuneId == demo && o.Kind == OrganisationKind.Cell).Select(o => o.Id).FirstAsync());
        (await board.PostRawAsync($"/Province?handler=View&id={cell}", [], "/Province")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The other commune now: the demo's member is out of reach.
        (await board.PostRawAsync($"/Province?handler=View&id={app.Data.CommuneId}", [], "/Province")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await board.Client.GetAsync($"/Members/Details/{demoMember}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await board.Client.GetAsync($"/Members/Details/{testMember}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // And back to none: the record leads to the choice again.
        (await board.PostRawAsync("/Province?handler=Leave", [], "/Province")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await board.Client.GetAsync($"/Members/Details/{testMember}");
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.Headers.Location!.ToString().ShouldStartWith("/Province?to=");
    }

    [Fact]
    public async Task The_provinces_new_members_are_each_communes_own_report_and_their_sum()
    {
        var demo = await DemoCommuneAsync();
        var board = await BoardAsync();
        var compared = 0;
        foreach (var (period, year, number) in new[] { ("year", 2025, (int?)null), ("quarter", 2024, 3), ("month", 2025, 6) })
        {
            var query = $"Period={period}&Year={year}" + (number is { } n ? $"&Number={n}" : "");
            var (response, page) = await board.GetAsync("/Province/NewMembers?" + query);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var rows = page.QuerySelectorAll("#new-members tbody tr[data-commune]").ToList();
            rows.Count.ShouldBeGreaterThanOrEqualTo(2);
            foreach (var (commune, user, password) in new[] { (demo, "vanphong", DemoSeeder.DemoPassword), (app.Data.CommuneId, "office", TestData.Password) })
            {
                // The commune's office reads its own report of the same period: the same count and the same parts.
                var office = await Browser.LoginAsync(app, user, password);
                var (_, own) = await office.GetAsync("/Reports/NewMembers?" + query);
                var row = rows.Single(r => r.GetAttribute("data-commune") == commune.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var count = Number(own, "#total-admitted");
                int.Parse(row.QuerySelector("[data-col=count]")!.TextContent.Trim().Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)
                    .ShouldBe(count, $"{query} commune {commune}");
                // Every part, against the totals row of the commune's own list (its cells: TT, name, gender, birth, age,
                // ethnicity, religion, youth union, education, …, recorded).
                var totals = own.QuerySelectorAll("#report-rows tfoot td").Select(td => td.TextContent).ToList();
                foreach (var (col, cell) in new[] { ("count", 1), ("women", 2), ("young", 4), ("minority", 5), ("religious", 6), ("youth-union", 7), ("general", 8), ("register", 15) })
                    int.Parse(row.QuerySelector($"[data-col={col}]")!.TextContent.Trim().Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)
                        .ShouldBe(int.Parse(new string([.. totals[cell].Split(':')[^1].Where(char.IsAsciiDigit)]), System.Globalization.CultureInfo.InvariantCulture), $"{query} commune {commune} {col}");
                compared += count;
            }
            // The province's line is the sum of the lines, column by column.
            foreach (var col in new[] { "count", "women", "young", "minority", "religious", "youth-union", "general", "register" })
                Number(page, $"#province-total [data-col={col}]").ShouldBe(rows.Sum(r => int.Parse(r.QuerySelector($"[data-col={col}]")!.TextContent.Trim().Replace(".", "", StringComparison.Ordinal),
                    System.Globalization.CultureInfo.InvariantCulture)), $"{query} {col}");
        }
        // The demo commune admitted people in these periods: the comparisons compared something.
        compared.ShouldBeGreaterThan(0);

        // The commune's name opens its own report of the same period.
        var open = await board.PostRawAsync("/Province?handler=View", [new("id", demo.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("to", "/Reports/NewMembers?Period=year&Year=2025")], "/Province/NewMembers");
        open.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        open.Headers.Location!.ToString().ShouldBe("/Reports/NewMembers?Period=year&Year=2025");
        // Another site is never where it leads.
        var away = await board.PostRawAsync("/Province?handler=View", [new("id", demo.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("to", "https://example.com/")], "/Province/NewMembers");
        away.Headers.Location!.ToString().ShouldBe("/Dashboard");

        // Excel: the province's committee, the period, a line per commune and the province's line as totals.
        var file = await board.Client.GetAsync("/Province/NewMembers?handler=Xlsx&Period=year&Year=2025");
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        var sheet = Reports.XlsxFile.Read(await file.Content.ReadAsByteArrayAsync())[0];
        // "Province:Committee" = "An Giang" (TwoCommunesApp): the board's head, as its papers are, in two lines.
        sheet.Rows[1][0].ShouldBe("TỈNH ỦY AN GIANG\nBAN TỔ CHỨC");
        var (_, printed) = await board.GetAsync("/Province/NewMembers?Period=year&Year=2025");
        printed.QuerySelectorAll("#report-committee > div").Select(d => d.TextContent).ShouldBe(["Tỉnh ủy An Giang", "Ban Tổ chức"]);
        sheet.Titles.ShouldContain(t => t.Contains("năm 2025", StringComparison.OrdinalIgnoreCase));
        sheet.Body.ShouldContain(r => r.Any(v => v.StartsWith("Toàn tỉnh", StringComparison.Ordinal)));

        // An address that names no period is refused, not answered with another period's figures.
        (await board.Client.GetAsync("/Province/NewMembers?Period=term")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await board.Client.GetAsync("/Province/NewMembers?Period=month&Number=13")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Another period keeps the sort and the archived filter; the filter keeps the sort.
        var (_, sortedPage) = await board.GetAsync("/Province/NewMembers?Period=year&Year=2025&Archived=true&q.Sort=women&q.Desc=true");
        var forms = sortedPage.QuerySelectorAll("form[method=get]").ToList();
        string Kept(AngleSharp.Dom.IElement form) => string.Join("&", form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>().Select(i => $"{i.Name}={i.Value}"));
        var periodForm = forms.Single(f => f.QuerySelector("select[name=Period]") is not null);
        Kept(periodForm).ShouldBe("Archived=true&q.Sort=women&q.Desc=true");
        var archivedForm = forms.Single(f => f.QuerySelector("input[name=Archived][type=checkbox]") is not null);
        Kept(archivedForm).ShouldContain("q.Sort=women&q.Desc=true");
    }

    [Fact]
    public async Task An_archived_communes_history_stays_whole_in_the_province_figures()
    {
        var demo = await DemoCommuneAsync();
        var d = demo.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var board = await BoardAsync();
        const string query = "Period=year&Year=2025";
        async Task<int> LineAsync()
        {
            var (_, page) = await board.GetAsync($"/Province/NewMembers?{query}&Archived=true");
            return int.Parse(page.QuerySelector($"#new-members tr[data-commune='{d}'] [data-col=count]")!.TextContent.Trim().Replace(".", "", StringComparison.Ordinal),
                System.Globalization.CultureInfo.InvariantCulture);
        }
        var before = await LineAsync();
        before.ShouldBeGreaterThan(0);
        (await board.PostRawAsync($"/Province/Communes?handler=Archive&id={d}&archived=true", [], "/Province/Communes")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        try
        {
            // Its admissions of 2025 happened: archiving does not undo them.
            (await LineAsync()).ShouldBe(before);
            // Looked into, it is the whole commune (its committee), not one of its sub-committees, and its own report agrees.
            await board.PostRawAsync("/Province?handler=View", [new("id", d), new("to", "/Reports/NewMembers?" + query)], "/Province/NewMembers");
            var (_, own) = await board.GetAsync("/Reports/NewMembers?" + query);
            Number(own, "#total-admitted").ShouldBe(before);
            var (_, dashboard) = await board.GetAsync("/Dashboard");
            dashboard.QuerySelector("main p.text-muted")!.TextContent.ShouldStartWith("Đảng bộ xã Nhơn Mỹ");
            // The province table's line shows its plan too.
            var (_, table) = await board.GetAsync("/Province?Archived=true");
            table.QuerySelector($"#communes tr[data-commune='{d}'] [data-target]")!.GetAttribute("data-target").ShouldNotBeNullOrEmpty();
        }
        finally
        {
            (await board.PostRawAsync($"/Province/Communes?handler=Archive&id={d}&archived=false", [], "/Province/Communes")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
    }

    [Fact]
    public async Task The_table_is_kept_ready_before_the_board_asks()
    {
        var warmth = app.Services.GetRequiredService<ProvinceWarmth>();
        var figures = app.Services.GetRequiredService<Web.Data.FigureCache>();
        // A round computes what is missing (here, perhaps, everything) and lets the forecasts finish.
        (await warmth.WarmAsync(CancellationToken.None)).ShouldBeTrue();
        await figures.WhenIdleAsync();
        // The board's view then computes nothing: every line is read as kept.
        var computed = figures.Computed;
        var board = await BoardAsync();
        (await board.GetAsync("/Province")).Item1.StatusCode.ShouldBe(HttpStatusCode.OK);
        await figures.WhenIdleAsync();
        figures.Computed.ShouldBe(computed, "the lines were ready");

        // A server whose figure cache could not keep every line beside the communes' own figures does not try.
        using (var small = app.WithWebHostBuilder(b => b.UseSetting("Figures:MaxEntries", "2")))
        {
            (await small.Services.GetRequiredService<ProvinceWarmth>().WarmAsync(CancellationToken.None)).ShouldBeFalse();
            small.Services.GetRequiredService<Web.Data.FigureCache>().Computed.ShouldBe(0);
        }

        // Without a province board account (a commune's own server) nothing is kept.
        await app.WithSystemScopeAsync(async (db, _) => await db.Users.Where(u => u.Role == Web.Authorization.Roles.ProvinceBoard)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)));
        try
        {
            (await warmth.WarmAsync(CancellationToken.None)).ShouldBeFalse();
        }
        finally
        {
            await app.WithSystemScopeAsync(async (db, _) => await db.Users.Where(u => u.Role == Web.Authorization.Roles.ProvinceBoard)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, true)));
        }
    }

    [Fact]
    public async Task A_communes_users_reach_no_province_page()
    {
        foreach (var (user, password) in new[] { ("quantri", DemoSeeder.DemoPassword), ("vanphong", DemoSeeder.DemoPassword), ("office", TestData.Password) })
        {
            var b = await Browser.LoginAsync(app, user, password);
            foreach (var url in new[] { "/Province", "/Province/Communes", "/Province?handler=Xlsx", "/Province/NewMembers", "/Province/NewMembers?handler=Xlsx" })
            {
                var r = await b.Client.GetAsync(url);
                (r.StatusCode == HttpStatusCode.Forbidden || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/Account/Denied", StringComparison.Ordinal)))
                    .ShouldBeTrue($"{user} {url}: {(int)r.StatusCode}");
            }
            var post = await b.PostRawAsync($"/Province/Communes?handler=Add", [new("Input.Name", "Đảng bộ xã Lấn Quyền")], "/");
            (post.StatusCode == HttpStatusCode.Forbidden || post.Headers.Location?.ToString().Contains("/Account/Denied", StringComparison.Ordinal) == true)
                .ShouldBeTrue($"{user}: {(int)post.StatusCode} {post.Headers.Location}");
        }
        (await app.WithSystemScopeAsync((db, _) => Communes.All(db).AnyAsync(o => o.Name == "Đảng bộ xã Lấn Quyền"))).ShouldBeFalse();
    }

    [Fact]
    public async Task The_board_adds_renames_and_archives_a_commune_and_an_archived_communes_users_cannot_sign_in()
    {
        var board = await BoardAsync();
        var add = await board.PostFormAsync("/Province/Communes", new() { ["Input.Name"] = "Đảng bộ xã Phú Thạnh Tây", ["Input.TermStart"] = "2025", ["Input.TermEnd"] = "2030" }, "Add");
        add.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await app.WithSystemScopeAsync((db, _) => Communes.All(db).Where(o => o.Name == "Đảng bộ xã Phú Thạnh Tây").Select(o => o.Id).SingleAsync());
        (await app.WithSystemScopeAsync((db, _) => db.Terms.AnyAsync(t => t.CommuneId == id && t.StartYear == 2025))).ShouldBeTrue();
        // The page it leads to has the new commune chosen in the first administrator's form.
        var next = add.Headers.Location!.ToString();
        next.ShouldStartWith($"/Province/Communes?admin={id}");
        (await board.GetAsync(next)).Document.QuerySelector("#admin-commune option[selected]")!.GetAttribute("value")
            .ShouldBe(id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Its first administrator, made on the page: a password shown once, to be changed at the first sign-in.
        var admin = await board.PostRawAsync("/Province/Communes?handler=Admin",
            [new("AdminCommuneId", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Admin.UserName", "qt-phuthanhtay"), new("Admin.FullName", "Lê Văn Quản")], "/Province/Communes");
        admin.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var shown = (await board.GetAsync("/Province/Communes")).Document.QuerySelector("#new-admin code")!.TextContent.Trim();
        shown.ShouldNotBeNullOrEmpty();
        var first = await new Browser(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }))
            .PostFormAsync("/Account/Login", new() { ["UserName"] = "qt-phuthanhtay", ["Password"] = shown });
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithSystemScopeAsync((db, _) => db.Users.Where(u => u.UserName == "qt-phuthanhtay").Select(u => new { u.CommuneId, u.Role, u.MustChangePassword }).SingleAsync()))
            .ShouldBe(new { CommuneId = id, Role = Web.Authorization.Roles.Administrator, MustChangePassword = true });
        // A second one is the commune's administrator's to make, not the board's (it would give the board the commune).
        var second = await board.PostRawAsync("/Province/Communes?handler=Admin",
            [new("AdminCommuneId", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Admin.UserName", "qt-phuthanhtay2"), new("Admin.FullName", "Lê Văn Hai")], "/Province/Communes");
        second.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await second.Content.ReadAsStringAsync()).ShouldContain("đã có tài khoản quản trị đang dùng");
        (await app.WithSystemScopeAsync((db, _) => db.Users.AnyAsync(u => u.UserName == "qt-phuthanhtay2"))).ShouldBeFalse();
        // No commune chosen: a message, no account. Nor for an id that is no commune (a cell's, from a tampered form).
        (await board.PostRawAsync("/Province/Communes?handler=Admin", [new("Admin.UserName", "qt-khong"), new("Admin.FullName", "Không Xã")], "/Province/Communes"))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var notCommune = await board.PostRawAsync("/Province/Communes?handler=Admin",
            [new("AdminCommuneId", app.Data.CellA.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Admin.UserName", "qt-khong"), new("Admin.FullName", "Không Xã")], "/Province/Communes");
        notCommune.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await notCommune.Content.ReadAsStringAsync()).ShouldContain("Không có Đảng bộ xã này: hãy chọn trong danh sách.");
        (await app.WithSystemScopeAsync((db, _) => db.Users.AnyAsync(u => u.UserName == "qt-khong"))).ShouldBeFalse();

        // Only the words before a name ("Đảng bộ xã", "Xã") are no name, on adding and renaming.
        foreach (var prefixOnly in new[] { "Đảng bộ xã", "xã", "Dang bo xa" })
        {
            var none = await board.PostFormAsync("/Province/Communes", new() { ["Input.Name"] = prefixOnly, ["Input.TermStart"] = "2025", ["Input.TermEnd"] = "2030" }, "Add");
            none.StatusCode.ShouldBe(HttpStatusCode.BadRequest, prefixOnly);
            (await none.Content.ReadAsStringAsync()).ShouldContain("chưa phải là tên: hãy nhập cả tên riêng");
        }
        (await app.WithSystemScopeAsync((db, _) => Communes.All(db).CountAsync(o => o.Name == "Đảng bộ xã" || o.Name == "xã" || o.Name == "Dang bo xa"))).ShouldBe(0);

        // The same name without its marks is the same commune; a term that ends before it starts is no term.
        var twice = await board.PostFormAsync("/Province/Communes", new() { ["Input.Name"] = "dang bo xa phu thanh tay" }, "Add");
        twice.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await twice.Content.ReadAsStringAsync()).ShouldContain(Communes.NameTaken);
        // "Phú Thạnh Tây" alone is that commune too.
        var bare = await board.PostFormAsync("/Province/Communes", new() { ["Input.Name"] = "Phú Thạnh Tây" }, "Add");
        bare.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var backwards = await board.PostFormAsync("/Province/Communes", new() { ["Input.Name"] = "Đảng bộ xã Khác", ["Input.TermStart"] = "2030", ["Input.TermEnd"] = "2025" }, "Add");
        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithSystemScopeAsync((db, _) => Communes.All(db).AnyAsync(o => o.Name == "Đảng bộ xã Khác"))).ShouldBeFalse();

        // Renamed with the version read; a second rename from the same old page is a conflict, not an overwrite.
        var version = await app.WithSystemScopeAsync((db, _) => Communes.All(db).Where(o => o.Id == id).Select(o => o.Version).SingleAsync());
        var v = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await board.PostRawAsync($"/Province/Communes?handler=Rename&id={id}", [new("name", "Đảng bộ xã Phú Thạnh"), new("version", v)], "/Province/Communes"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stale = await board.PostRawAsync($"/Province/Communes?handler=Rename&id={id}", [new("name", "Đảng bộ xã Phú Thạnh Mới"), new("version", v)], "/Province/Communes");
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // What was typed stays in its box, and the message names the button to press again.
        var conflictPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await stale.Content.ReadAsStringAsync());
        ((IHtmlInputElement)conflictPage.QuerySelector($"#name-{id}")!).Value.ShouldBe("Đảng bộ xã Phú Thạnh Mới");
        conflictPage.QuerySelector(".conflict")!.TextContent.ShouldContain("bấm Đổi tên lần nữa");
        (await app.WithSystemScopeAsync((db, _) => Communes.All(db).Where(o => o.Id == id).Select(o => o.Name).SingleAsync())).ShouldBe("Đảng bộ xã Phú Thạnh");
        // On the installation's trail, which the board reads without a commune chosen.
        var idText = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await app.WithSystemScopeAsync((db, _) => db.AuditEntries.CountAsync(e => e.CommuneId == null && e.EntityId == idText && e.Action == Web.Auditing.AccessTrail.CommuneRenamed)))
            .ShouldBe(1);
        var renamed = await app.WithSystemScopeAsync((db, _) => Communes.All(db).Where(o => o.Id == id).Select(o => o.Version).SingleAsync());
        var prefixRename = await board.PostRawAsync($"/Province/Communes?handler=Rename&id={id}",
            [new("name", "Đảng bộ xã"), new("version", renamed.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/Province/Communes");
        prefixRename.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refusedPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await prefixRename.Content.ReadAsStringAsync());
        refusedPage.Body!.TextContent.ShouldContain("chưa phải là tên");
        // Said on top, naming the commune; not under the add form's empty name box too.
        (refusedPage.QuerySelector("[data-valmsg-for='Input.Name']")?.TextContent.Trim() ?? "").ShouldBeEmpty();
        // Nor is a name that is only prefixes twice ("Xã Xã") a name.
        var doubled = await board.PostRawAsync($"/Province/Communes?handler=Rename&id={id}",
            [new("name", "Xã Xã"), new("version", renamed.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/Province/Communes");
        doubled.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithSystemScopeAsync((db, _) => Communes.All(db).Where(o => o.Id == id).Select(o => o.Name).SingleAsync())).ShouldBe("Đảng bộ xã Phú Thạnh");

        // Its administrator signs in while it is active, not once it is archived, again once it is back.
        await app.WithSystemScopeAsync(async (db, services) =>
            await services.GetRequiredService<Web.Accounts.CreateAccount>().CreateAsync("quantri-phuthanh", TestData.Password, "Kiểm tra Phú Thạnh", Web.Authorization.Roles.Inspector, id));
        await Browser.LoginAsync(app, "quantri-phuthanh");
        // An account with a second factor, between its password and its code when the commune is archived.
        await app.WithSystemScopeAsync(async (db, services) =>
        {
            var account = await services.GetRequiredService<Web.Accounts.CreateAccount>().CreateAsync("vanphong-phuthanh", TestData.Password, "Văn phòng Phú Thạnh",
                Web.Authorization.Roles.CommuneOffice, id);
            await Web.Accounts.TwoFactor.EnableWithKnownKeyAsync(services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Web.Data.AppUser>>(), account, TestData.AuthenticatorKey);
            return 0;
        });
        var halfway = new Browser(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }));
        var password = await halfway.PostFormAsync("/Account/Login", new() { ["UserName"] = "vanphong-phuthanh", ["Password"] = TestData.Password });
        var codeStep = password.Headers.Location!.ToString();
        codeStep.ShouldContain("/Account/LoginTwoFactor");
        (await board.PostRawAsync($"/Province/Communes?handler=Archive&id={id}&archived=true", [], "/Province/Communes")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var code = await halfway.PostFormAsync(codeStep, new() { ["Code"] = Totp.Next(TestData.AuthenticatorKey, app) });
        code.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await code.Content.ReadAsStringAsync()).ShouldContain("đã được lưu trữ");
        var refused = await new Browser(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }))
            .PostFormAsync("/Account/Login", new() { ["UserName"] = "quantri-phuthanh", ["Password"] = TestData.Password });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("đã được lưu trữ");
        // Archived, it is off the table unless asked for, and its records are still there.
        (await board.GetAsync("/Province")).Document.QuerySelector($"#communes tr[data-commune='{id}']").ShouldBeNull();
        (await board.GetAsync("/Province?Archived=true")).Document.QuerySelector($"#communes tr[data-commune='{id}']").ShouldNotBeNull();
        (await app.WithSystemScopeAsync((db, _) => db.Terms.AnyAsync(t => t.CommuneId == id))).ShouldBeTrue();
        (await board.PostRawAsync($"/Province/Communes?handler=Archive&id={id}&archived=false", [], "/Province/Communes")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithSystemScopeAsync((db, _) => db.AuditEntries.Where(e => e.CommuneId == null && e.EntityId == idText
                && (e.Action == Web.Auditing.AccessTrail.CommuneArchived || e.Action == Web.Auditing.AccessTrail.CommuneRestored)).Select(e => e.Action).ToListAsync()))
            .ShouldBe([Web.Auditing.AccessTrail.CommuneArchived, Web.Auditing.AccessTrail.CommuneRestored], ignoreOrder: true);
        await Browser.LoginAsync(app, "quantri-phuthanh");
        // Every change is on the trail.
        (await app.WithSystemScopeAsync((db, _) => db.AuditEntries.CountAsync(a => a.EntityType == "Organisation" && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task Two_merges_at_once_never_archive_both_communes_nor_answer_500()
    {
        var board = await BoardAsync();
        var ids = new List<int>();
        foreach (var name in new[] { "Đảng bộ xã Đồng Thời A", "Đảng bộ xã Đồng Thời B" })
        {
            (await board.PostFormAsync("/Province/Communes", new() { ["Input.Name"] = name }, "Add")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            ids.Add(await app.WithSystemScopeAsync((db, _) => Communes.All(db).Where(o => o.Name == name).Select(o => o.Id).SingleAsync()));
        }
        string Id(int i) => ids[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        var versions = await app.WithSystemScopeAsync((db, _) => db.Organisations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Version));
        string V(int i) => versions[ids[i]].ToString(System.Globalization.CultureInfo.InvariantCulture);
        KeyValuePair<string, string>[] Merge(int from, int into) =>
            [new("fromId", Id(from)), new("intoId", Id(into)), new("fromVersion", V(from)), new("intoVersion", V(into)), new("confirmed", "true")];
        // A into B beside B into A, and the same merge three times, all at once.
        var answers = await Task.WhenAll(
            board.PostRawAsync("/Province/Communes?handler=Merge", Merge(0, 1), "/Province/Communes"),
            board.PostRawAsync("/Province/Communes?handler=Merge", Merge(1, 0), "/Province/Communes"),
            board.PostRawAsync("/Province/Communes?handler=Merge", Merge(0, 1), "/Province/Communes"));
        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Redirect || a.StatusCode == HttpStatusCode.UnprocessableEntity);
        answers.Count(a => a.StatusCode == HttpStatusCode.Redirect).ShouldBe(1);
        var states = await app.WithSystemScopeAsync((db, _) => Communes.All(db).Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.IsActive, o.MergedIntoId }).ToListAsync());
        states.Count(s => s.IsActive).ShouldBe(1);
        var merged = states.Single(s => !s.IsActive);
        merged.MergedIntoId.ShouldBe(states.Single(s => s.IsActive).Id);
    }

    [Fact]
    public async Task A_communes_administrator_of_a_province_installation_neither_makes_nor_reads_the_servers_backups()
    {
        // Each copy holds every commune's data: the server's operator keeps them, not one commune's administrator.
        var admin = await Browser.LoginAsync(app, "quantri", DemoSeeder.DemoPassword);
        var (_, page) = await admin.GetAsync("/Admin/Backups");
        page.QuerySelector("#backups-installation")!.TextContent.ShouldContain("người quản trị máy chủ");
        page.QuerySelector("#backup-now").ShouldBeNull();
        page.QuerySelector("#backup-runs").ShouldBeNull();
        var before = await app.WithSystemScopeAsync((db, _) => db.BackupRuns.CountAsync());
        var pressed = await admin.PostRawAsync("/Admin/Backups", [], "/Admin/Backups");
        pressed.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await app.WithSystemScopeAsync((db, _) => db.BackupRuns.CountAsync())).ShouldBe(before);
        // The command refuses it itself, whoever calls it: the page only shows its answer.
        var backups = app.Services.GetRequiredService<Web.Backups.BackupService>();
        var commune = await app.WithSystemScopeAsync((db, _) => Communes.All(db).Where(o => o.IsActive).Select(o => o.Id).FirstAsync());
        var run = await backups.RunNowAsync(Web.Backups.BackupKind.Manual, "quantri", communeId: commune);
        Web.Backups.BackupService.IsRefusedForSeveralCommunes(run).ShouldBeTrue(run.Message);
        run.Succeeded.ShouldBeFalse();
        (await app.WithSystemScopeAsync((db, _) => db.BackupRuns.CountAsync())).ShouldBe(before);
        // Nor is it warned on every page about backups it cannot make.
        var (_, home) = await admin.GetAsync("/Dashboard");
        home.QuerySelector("#backup-warning").ShouldBeNull();
    }

    [Fact]
    public async Task The_national_calendar_is_corrected_by_the_board_and_not_by_a_communes_administrator()
    {
        var admin = await Browser.LoginAsync(app, "quantri", DemoSeeder.DemoPassword);
        // The page says so first and offers no form; a form posted all the same is refused.
        var (_, page) = await admin.GetAsync("/Calendar");
        page.QuerySelector("#shared-calendar")!.TextContent.ShouldContain("quản trị viên của một xã không sửa được");
        page.QuerySelector("form[action*='handler=Add']").ShouldBeNull();
        var (_, rules) = await admin.GetAsync("/Rules");
        rules.QuerySelector("#shared-rules")!.TextContent.ShouldContain("quản trị viên của một xã không sửa được");
        rules.QuerySelector("select[name='Input.Key']").ShouldBeNull();
        var refused = await admin.PostRawAsync("/Calendar?handler=Add",
            [new("Input.Date", "2027-03-15"), new("Input.Kind", "DayOff"), new("Input.Name", "Nghỉ thử của xã")], "/Calendar");
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var board = await BoardAsync();
        // A kind that is none of the list's: said beside the list, nothing added.
        var wrongKind = await board.PostFormAsync("/Calendar", new() { ["Input.Date"] = "2027-03-16", ["Input.Kind"] = "Holiday", ["Input.Name"] = "Nghỉ sai loại" }, "Add");
        wrongKind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await wrongKind.Content.ReadAsStringAsync())
            .QuerySelector("[data-valmsg-for='Input.Kind']")!.TextContent.ShouldContain("không hợp lệ");
        (await app.WithSystemScopeAsync((db, _) => db.CalendarDayOverrides.AnyAsync(o => o.Date == new DateOnly(2027, 3, 16)))).ShouldBeFalse();
        var done = await board.PostFormAsync("/Calendar", new() { ["Input.Date"] = "2027-03-15", ["Input.Kind"] = "DayOff", ["Input.Name"] = "Nghỉ theo thông báo của tỉnh" }, "Add");
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithSystemScopeAsync((db, _) => db.CalendarDayOverrides.AnyAsync(o => o.Date == new DateOnly(2027, 3, 15))))
            .ShouldBeTrue();
    }
}
