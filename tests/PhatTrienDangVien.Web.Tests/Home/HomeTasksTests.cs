using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Tests.Demo;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using S = PhatTrienDangVien.Core.Admission.AdmissionStage;
using T = PhatTrienDangVien.Core.Admission.AdmissionStepKind;

namespace PhatTrienDangVien.Web.Tests.Home;

/// <summary>
/// The home page of every demo role against a count made here by hand: the role's cases picked from the stored rows
/// (own cell, cells in charge, own candidates, commune), and each section's rule written out again over them — only
/// the procedure's deadlines come from the rule engine. The API must answer what the page shows, and the work list's
/// tabs must hold as many rows as they say. The demo is seeded on a Saturday, where a passed deadline once read "due today".
/// </summary>
public abstract class HomeTasksTests<TApp>(TApp app) where TApp : DemoAppFactory
{
    private const string Password = "NhonMy-2025";
    private DateOnly Today => app.SeededOn;

    private sealed record Case(int Id, int CellId, int? MentorId, DateOnly AddedOn, AdmissionCase Admission);

    private sealed record Demo(List<Case> Cases, Dictionary<string, (string Role, int? OrgId, int? MemberId)> Users,
        List<(int CellId, int MemberId, DateOnly From, DateOnly? To)> Charges, int DueDays, int NoMentorDays, int ProbationDays,
        RuleBook Book, Core.Calendar.WorkingDayCalendar Calendar);

    private Task<Demo> LoadAsync() => app.WithSystemScopeAsync(async (db, sp) =>
    {
        var candidates = await db.Candidates.Where(c => c.Status != CandidateStatus.Withdrawn)
            .Select(c => new { c.Id, c.CellId, c.MentorMemberId, c.AddedOn, c.Person.DateOfBirth }).ToListAsync();
        var steps = (await db.AdmissionSteps.ToListAsync()).ToLookup(s => s.CandidateId);
        var users = await db.Users.Select(u => new { u.UserName, u.Role, u.OrganisationId, u.MemberId }).ToListAsync();
        var charges = await db.CellResponsibilities.Select(r => new { r.CellId, r.MemberId, r.From, r.To }).ToListAsync();
        var settings = await db.NotificationSettings.FirstOrDefaultAsync();
        return new Demo(
            [.. candidates.Select(c => new Case(c.Id, c.CellId, c.MentorMemberId, c.AddedOn, new AdmissionCase(c.Id, c.DateOfBirth, steps[c.Id])))],
            users.ToDictionary(u => u.UserName!, u => (u.Role, u.OrganisationId, u.MemberId)),
            [.. charges.Select(r => (r.CellId, r.MemberId, r.From, r.To))],
            settings?.DueSoonWorkingDays ?? 5, settings?.NoMentorDays ?? 30, settings?.ProbationHorizonDays ?? 30,
            await sp.GetRequiredService<RuleBookProvider>().GetAsync(CancellationToken.None),
            await sp.GetRequiredService<CalendarService>().GetAsync(CancellationToken.None));
    });

    /// <summary>The sections a role is shown and how many rows each should hold, counted over the role's own cases.</summary>
    private Dictionary<string, int> HandCount(Demo d, string user)
    {
        var (role, org, member) = d.Users[user];
        var today = Today;
        var cells = d.Charges.Where(r => r.MemberId == member && r.From <= today && (r.To == null || r.To >= today)).Select(r => r.CellId).ToHashSet();
        var mine = role switch
        {
            "CellSecretary" => d.Cases.Where(c => c.CellId == org),
            "CommitteeMember" => d.Cases.Where(c => cells.Contains(c.CellId)),
            "Mentor" => d.Cases.Where(c => c.MentorId == member),
            _ => d.Cases,
        };
        int overdue = 0, due = 0, noMentor = 0, assessment = 0, probation = 0, open = 0;
        foreach (var c in mine)
        {
            if (Deadlines.NextAction(c.Admission, d.Book, d.Calendar, today) is not { } next) continue;
            open++;
            var stage = c.Admission.CurrentStage;
            if (next.WorkingDaysLeft < 0) overdue++;
            if (next.WorkingDaysLeft is >= 0 and var left && left <= d.DueDays) due++;
            if (c.MentorId is null && stage is S.NotStarted or S.SourcePool && today > c.AddedOn.AddDays(d.NoMentorDays)) noMentor++;
            var end = c.Admission.ProbationEnd;
            if (stage == S.Probation && end >= today && end <= today.AddDays(d.ProbationDays)) probation++;
            var assessed = c.Admission.Steps.Where(s => s.Kind == T.MentorAssessment).Select(s => s.Date).ToList();
            var application = c.Admission.Steps.LastOrDefault(s => s.Kind == T.Application)?.Date;
            if (c.MentorId is not null
                && ((stage is >= S.Applied and <= S.OpinionsCollected && application is { } a && !assessed.Any(x => x >= a))
                    || (stage == S.Probation && end <= today.AddDays(d.ProbationDays) && !assessed.Any(x => x >= end!.Value.AddDays(-d.ProbationDays)))))
                assessment++;
        }
        var counts = new Dictionary<string, int> { ["overdue"] = overdue, ["due"] = due };
        if (role != "Inspector") counts["assessment"] = assessment;
        // The mentor's own open cases, each with "Viết nhận xét".
        if (role == "Mentor") counts["mentored"] = open;
        if (role is not ("Inspector" or "Mentor"))
        {
            counts["no-mentor"] = noMentor;
            counts["probation"] = probation;
        }
        return counts;
    }

    [Theory]
    [InlineData("bithu")]
    [InlineData("capuy")]
    [InlineData("giupdo")]
    [InlineData("vanphong")]
    [InlineData("kiemtra")]
    public async Task Each_role_lands_on_its_own_tasks_counted_by_hand_and_the_api_says_the_same(string user)
    {
        var demo = await LoadAsync();
        var expected = HandCount(demo, user);
        var b = await Browser.LoginAsync(app, user, Password);
        var (response, page) = await b.GetAsync("/");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var sections = page.QuerySelectorAll("section[data-section]").ToList();
        var shown = sections.ToDictionary(s => s.GetAttribute("data-section")!, s => int.Parse(s.GetAttribute("data-count")!, CultureInfo.InvariantCulture));
        TestContext.Current.TestOutputHelper?.WriteLine($"{user} on {Today:dd/MM/yyyy}: " + string.Join(", ", shown.Select(kv => $"{kv.Key} {kv.Value}")));
        shown.ShouldBe(expected, ignoreOrder: true);
        // What to act on comes before the totals (the phone's first screen), and an empty section says so in words.
        page.Body!.InnerHtml.IndexOf("data-section", StringComparison.Ordinal).ShouldBeLessThan(page.Body.InnerHtml.IndexOf("home-figures", StringComparison.Ordinal));
        foreach (var s in sections.Where(s => s.GetAttribute("data-count") == "0"))
            s.QuerySelector("[data-empty]")!.TextContent.ShouldStartWith("Không có");

        var api = await b.Client.GetAsync("/api/me/tasks", TestContext.Current.CancellationToken);
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await api.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var apiSections = json.RootElement.GetProperty("sections").EnumerateArray().ToList();
        apiSections.Select(s => s.GetProperty("key").GetString()!).ShouldBe(sections.Select(s => s.GetAttribute("data-section")!));
        foreach (var s in apiSections)
        {
            var key = s.GetProperty("key").GetString()!;
            s.GetProperty("count").GetInt32().ShouldBe(shown[key], key);
            var ids = s.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("candidateId").GetInt32()).ToList();
            ids.Count.ShouldBe(shown[key], key);
            var onPage = page.QuerySelectorAll($"#home-{key} [data-task]").Select(li => int.Parse(li.GetAttribute("data-task")!, CultureInfo.InvariantCulture)).ToList();
            onPage.ShouldBe(ids.Take(onPage.Count).ToList(), key);
        }
    }

    [Theory]
    [InlineData("bithu")]
    [InlineData("capuy")]
    [InlineData("giupdo")]
    [InlineData("vanphong")]
    public async Task Each_figure_of_the_users_scope_is_the_count_of_the_list_it_opens(string user)
    {
        var b = await Browser.LoginAsync(app, user, Password);
        var (_, home) = await b.GetAsync("/");
        static int Number(string text) => int.Parse(text.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var figures = home.QuerySelectorAll("a[data-figure]").ToList();
        figures.ShouldNotBeEmpty();
        foreach (var a in figures)
        {
            var key = a.GetAttribute("data-figure")!;
            var shown = Number(System.Text.RegularExpressions.Regex.Match(a.TextContent, @"\d[\d.]*").Value);
            var (response, list) = await b.GetAsync(a.GetAttribute("href")!);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, key);
            var counted = key == "cells"
                ? list.QuerySelectorAll("li[data-active-cell='1']").Length
                : Number(System.Text.RegularExpressions.Regex.Match(list.QuerySelector("nav[aria-label='Phân trang']")?.TextContent ?? "", @"Tổng: ([\d.]+)").Groups[1].Value);
            counted.ShouldBe(shown, $"{user}: {key} → {a.GetAttribute("href")}");
        }
    }

    /// <summary>A write of the commune that no page here counts (a hamlet, removed by the caller's cleanup): raises its data version.</summary>
    private Task<int> RaiseVersionAsync(int communeId) => app.WithSystemScopeAsync(async (db, _) =>
    {
        db.Hamlets.Add(new Core.Organisations.Hamlet { CommuneId = communeId, Name = "Ấp Đếm Lại", Population = 10, Households = 3 });
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task The_home_figures_are_kept_until_a_write_and_the_write_shows_at_the_next_view()
    {
        var b = await Browser.LoginAsync(app, "vanphong", Password);
        var cache = app.Services.GetRequiredService<Web.Data.FigureCache>();
        static int Number(string text) => int.Parse(text.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        async Task<(int Official, int Probationary, long Computed)> ViewAsync()
        {
            await cache.WhenIdleAsync();
            var before = cache.Computed;
            var (_, home) = await b.GetAsync("/");
            await cache.WhenIdleAsync();
            return (Number(home.QuerySelector("a[data-figure='official'] .display-6")!.TextContent),
                Number(home.QuerySelector("a[data-figure='probationary'] .display-6")!.TextContent), cache.Computed - before);
        }
        var first = await ViewAsync();
        var kept = await ViewAsync();
        (kept.Official, kept.Probationary, kept.Computed).ShouldBe((first.Official, first.Probationary, 0L), "nothing changed: the figures are read as kept");

        // One official member made probationary behind the application's back (no audited save, so no data version
        // raised): the kept figures are still shown, which is how we know they are kept and not counted again.
        var id = await app.WithSystemScopeAsync(async (db, _) =>
        {
            var m = await db.Members.Where(x => x.Status == MemberStatus.Official).OrderBy(x => x.Id).Select(x => x.Id).FirstAsync();
            await db.Members.Where(x => x.Id == m).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, MemberStatus.Probationary));
            return m;
        });
        try
        {
            var unseen = await ViewAsync();
            (unseen.Official, unseen.Probationary).ShouldBe((first.Official, first.Probationary), "no version raised: the kept figures");
            // Any write of the commune raises its version: the next view counts again and shows the change.
            await RaiseVersionAsync(await app.WithSystemScopeAsync((db, _) => db.Members.Where(x => x.Id == id).Select(x => x.CommuneId).SingleAsync()));
            var after = await ViewAsync();
            (after.Official, after.Probationary).ShouldBe((first.Official - 1, first.Probationary + 1));
        }
        finally
        {
            await app.WithSystemScopeAsync(async (db, _) =>
            {
                (await db.Members.SingleAsync(x => x.Id == id)).Status = MemberStatus.Official;
                db.Hamlets.RemoveRange(db.Hamlets.Where(h => h.Name == "Ấp Đếm Lại"));
                return await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task The_open_corrections_are_kept_until_a_write_on_the_home_page_and_the_work_list_alike()
    {
        var b = await Browser.LoginAsync(app, "vanphong", Password);
        var cache = app.Services.GetRequiredService<Web.Data.FigureCache>();
        async Task<(int Home, int Work)> ViewAsync()
        {
            await cache.WhenIdleAsync();
            var (_, home) = await b.GetAsync("/");
            var (_, work) = await b.GetAsync("/Work");
            return (int.Parse(home.QuerySelector("#home-corrections")?.GetAttribute("data-count") ?? "0", CultureInfo.InvariantCulture),
                int.Parse(work.QuerySelector("#corrections-count")?.TextContent ?? "0", CultureInfo.InvariantCulture));
        }
        var first = await ViewAsync();
        first.Home.ShouldBeGreaterThan(0, "the demo has open corrective actions");
        first.Work.ShouldBe(first.Home, "one list on both pages");

        // One open action marked done behind the application's back (no audited save, so no data version raised): both
        // pages still show it, which is how we know the list is kept and not read again.
        var id = await app.WithSystemScopeAsync(async (db, _) =>
        {
            var a = await db.CorrectiveActions.Where(x => x.Status == Core.Inspections.ActionStatus.Open).OrderBy(x => x.Id).Select(x => new { x.Id, x.CommuneId }).FirstAsync();
            await db.CorrectiveActions.Where(x => x.Id == a.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, Core.Inspections.ActionStatus.Done));
            return a;
        });
        try
        {
            (await ViewAsync()).ShouldBe(first, "no version raised: the kept list");
            await RaiseVersionAsync(id.CommuneId);
            (await ViewAsync()).ShouldBe((first.Home - 1, first.Work - 1), "a write of the commune: read again, the action done is gone");
        }
        finally
        {
            await app.WithSystemScopeAsync(async (db, _) =>
            {
                (await db.CorrectiveActions.SingleAsync(x => x.Id == id.Id)).Status = Core.Inspections.ActionStatus.Open;
                db.Hamlets.RemoveRange(db.Hamlets.Where(h => h.Name == "Ấp Đếm Lại"));
                return await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task The_member_list_and_the_dashboards_pools_are_kept_until_a_write_but_a_search_is_read_each_time()
    {
        var b = await Browser.LoginAsync(app, "vanphong", Password);
        var cache = app.Services.GetRequiredService<Web.Data.FigureCache>();
        static int Number(string text) => int.Parse(text.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var (member, candidate) = await app.WithSystemScopeAsync(async (db, _) => (
            await db.Members.Where(x => x.Status == MemberStatus.Official).OrderBy(x => x.Id).Select(x => new { x.Id, x.CommuneId, x.Person.FullName }).FirstAsync(),
            await db.Candidates.Where(x => x.Status == CandidateStatus.Active).OrderBy(x => x.Id).Select(x => new { x.Id, x.CellId }).FirstAsync()));
        async Task<(int Members, int Found, int Pool)> ViewAsync()
        {
            await cache.WhenIdleAsync();
            var (_, list) = await b.GetAsync("/Members");
            var (_, search) = await b.GetAsync("/Members?Search=" + Uri.EscapeDataString(member.FullName));
            var (_, dashboard) = await b.GetAsync("/Dashboard");
            int Total(AngleSharp.Html.Dom.IHtmlDocument page) =>
                Number(System.Text.RegularExpressions.Regex.Match(page.Body!.TextContent, @"Tổng: ([\d.]+) ·").Groups[1].Value);
            return (Total(list), Total(search), Number(dashboard.QuerySelector($"#cells tr[data-cell='{candidate.CellId}']")!.QuerySelectorAll("td")[3].TextContent));
        }
        var first = await ViewAsync();
        first.Found.ShouldBeGreaterThan(0, "the member is found by name");

        // A member transferred out and a candidate withdrawn behind the application's back (no audited save, so no data
        // version raised): the list and the pool still say what they said, which is how we know they are kept; a search
        // is not kept and shows the change at once.
        await app.WithSystemScopeAsync(async (db, _) =>
        {
            await db.Members.Where(x => x.Id == member.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, MemberStatus.TransferredOut));
            return await db.Candidates.Where(x => x.Id == candidate.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, CandidateStatus.Withdrawn));
        });
        try
        {
            (await ViewAsync()).ShouldBe((first.Members, first.Found - 1, first.Pool), "no version raised: the kept list and pool, the search read again");
            await RaiseVersionAsync(member.CommuneId);
            (await ViewAsync()).ShouldBe((first.Members - 1, first.Found - 1, first.Pool - 1), "a write of the commune: read again");
        }
        finally
        {
            await app.WithSystemScopeAsync(async (db, _) =>
            {
                (await db.Members.SingleAsync(x => x.Id == member.Id)).Status = MemberStatus.Official;
                (await db.Candidates.SingleAsync(x => x.Id == candidate.Id)).Status = CandidateStatus.Active;
                db.Hamlets.RemoveRange(db.Hamlets.Where(h => h.Name == "Ấp Đếm Lại"));
                return await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task The_mentor_is_not_offered_lists_outside_the_candidates_followed_and_the_header_says_the_scope()
    {
        var b = await Browser.LoginAsync(app, "giupdo", Password);
        var (_, home) = await b.GetAsync("/");
        var menu = home.QuerySelectorAll("nav a.nav-link").Select(a => a.GetAttribute("href")).ToList();
        menu.ShouldContain("/Candidates");
        menu.ShouldNotContain("/Members");
        menu.ShouldNotContain("/Organisations");
        menu.ShouldNotContain("/Hamlets");
        home.QuerySelector("#scope-line")!.TextContent.ShouldEndWith("phạm vi: quần chúng được phân công giúp đỡ");
        var secretary = await Browser.LoginAsync(app, "bithu", Password);
        var (_, own) = await secretary.GetAsync("/");
        own.QuerySelectorAll("nav a.nav-link").Select(a => a.GetAttribute("href")).ShouldContain("/Members");
        own.QuerySelector("#scope-line")!.TextContent.ShouldEndWith("phạm vi: chi bộ của đồng chí");
    }

    [Fact]
    public async Task A_candidate_past_the_communes_mentor_limit_is_said_to_wait_not_to_be_a_late_step()
    {
        var b = await Browser.LoginAsync(app, "vanphong", Password);
        var (_, home) = await b.GetAsync("/");
        var section = home.QuerySelector("section[data-section='no-mentor']").ShouldNotBeNull();
        section.QuerySelector("h2")!.TextContent.Trim().ShouldStartWith("Quần chúng quá 30 ngày chưa có đảng viên giúp đỡ");
        var rows = section.QuerySelectorAll("[data-task]").ToList();
        rows.ShouldNotBeEmpty("the demo has candidates waiting for a mentor");
        rows.ShouldAllBe(r => r.TextContent.Contains("Vào nguồn ngày") && !r.TextContent.Contains("Quá thời hạn"));
        home.QuerySelector("section[data-section='overdue'] h2")!.TextContent.Trim().ShouldStartWith("Bước thủ tục quá hạn");
        // A dated row reads "Hạn 31/07/2031", the word and the date apart.
        home.QuerySelectorAll("[data-task]").Select(r => r.TextContent).Where(t => t.Contains("Hạn", StringComparison.Ordinal))
            .ShouldAllBe(t => System.Text.RegularExpressions.Regex.IsMatch(t, @"Hạn \d{2}/\d{2}/\d{4}"));
        var (_, list) = await b.GetAsync("/Work?Show=tasks&Kind=NoMentor");
        var cells = list.QuerySelectorAll("tr[data-row] td[data-label='Còn']").Select(c => c.TextContent.Trim()).ToList();
        cells.ShouldNotBeEmpty();
        cells.ShouldAllBe(c => c.StartsWith("đã chờ ", StringComparison.Ordinal) && c.EndsWith(" ngày", StringComparison.Ordinal));
        // The same days as the home page's row ("Vào nguồn ngày …, đã chờ N ngày"), for the same person.
        // Both lists are in the snapshot's order; the home page shows the first rows.
        var homeDays = rows.Select(r => System.Text.RegularExpressions.Regex.Match(r.TextContent, @"đã chờ ([\d.]+) ngày").Groups[1].Value).ToList();
        cells.Take(homeDays.Count).Select(c => c["đã chờ ".Length..^" ngày".Length]).ShouldBe(homeDays);
    }

    [Fact]
    public async Task The_commune_has_work_to_show_and_every_button_leads_to_a_page_the_user_may_open()
    {
        var demo = await LoadAsync();
        HandCount(demo, "vanphong").Values.Sum().ShouldBeGreaterThan(0, "a demo with nothing to do proves nothing");
        foreach (var user in new[] { "bithu", "giupdo" })
        {
            var b = await Browser.LoginAsync(app, user, Password);
            var (_, page) = await b.GetAsync("/");
            foreach (var link in page.QuerySelectorAll("[data-action]").Select(a => a.GetAttribute("href")!).Distinct().Take(6))
            {
                var opened = await b.Client.GetAsync(link, TestContext.Current.CancellationToken);
                opened.StatusCode.ShouldBe(HttpStatusCode.OK, $"{user}: {link}");
            }
        }
    }

    [Theory]
    [InlineData("vanphong")]
    [InlineData("capuy")]
    public async Task The_due_soon_tab_holds_as_many_rows_as_it_says_and_none_is_overdue(string user)
    {
        var b = await Browser.LoginAsync(app, user, Password);
        foreach (var days in new[] { 5, 10, 60 })
        {
            var (_, page) = await b.GetAsync($"/Work?Show=due&Days={days}");
            var rows = page.QuerySelectorAll("tr[data-row]").ToList();
            var tab = page.QuerySelector(".nav-pills .nav-link.active")!.TextContent;
            tab.ShouldBe($"Sắp đến hạn ({rows.Count})");
            rows.ShouldAllBe(r => !r.ClassList.Contains("table-danger"));
            foreach (var r in rows)
            {
                var due = DateOnly.ParseExact(r.QuerySelector("td[data-label='Hạn']")!.TextContent.Trim(), "dd/MM/yyyy", CultureInfo.InvariantCulture);
                due.ShouldBeGreaterThanOrEqualTo(Today, "a passed due date is overdue, not due soon");
            }
        }
        var (_, overdue) = await b.GetAsync("/Work?Show=overdue");
        var late = overdue.QuerySelectorAll("tr[data-row]").ToList();
        overdue.QuerySelector("#overdue-tab")!.TextContent.ShouldBe($"Quá hạn ({late.Count})");
        late.ShouldAllBe(r => r.ClassList.Contains("table-danger"));
    }

    [Theory]
    [InlineData("bithu")]
    [InlineData("capuy")]
    [InlineData("giupdo")]
    [InlineData("vanphong")]
    public async Task Each_home_section_opens_a_work_list_of_exactly_its_rows_and_mine_keeps_them_for_the_cells_in_charge(string user)
    {
        var b = await Browser.LoginAsync(app, user, Password);
        var (_, home) = await b.GetAsync("/");
        foreach (var s in home.QuerySelectorAll("section[data-section]"))
        {
            var key = s.GetAttribute("data-section")!;
            var count = int.Parse(s.GetAttribute("data-count")!, CultureInfo.InvariantCulture);
            if (count == 0) continue;
            var anchors = s.QuerySelectorAll("a");
            var link = anchors[anchors.Length - 1].GetAttribute("href")!;
            link.ShouldStartWith("/Work?");
            var (_, list) = await b.GetAsync(link);
            list.QuerySelectorAll("tr[data-row]").Length.ShouldBe(count, $"{user} {key}: {link}");
            // "Chỉ việc của tôi": a cell secretary's and a committee member's cells are theirs, so nothing drops out.
            if (user != "vanphong")
            {
                var (_, own) = await b.GetAsync(link + "&Mine=true");
                own.QuerySelectorAll("tr[data-row]").Length.ShouldBe(count, $"{user} {key} mine");
            }
        }
    }
}

/// <summary>The demo seeded on Saturday 21/11/2026 (10:00 in Vietnam).</summary>
public sealed class HomeDemoSqliteApp() : DemoAppFactory(Engine.Sqlite, HomeDemoSqliteApp.Saturday)
{
    internal static readonly DateTimeOffset Saturday = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);
}

public sealed class HomeDemoPostgresApp() : DemoAppFactory(Engine.Postgres, HomeDemoSqliteApp.Saturday);

public sealed class HomeTasksTests_Sqlite(HomeDemoSqliteApp app) : HomeTasksTests<HomeDemoSqliteApp>(app), IClassFixture<HomeDemoSqliteApp>;

public sealed class HomeTasksTests_Postgres(HomeDemoPostgresApp app) : HomeTasksTests<HomeDemoPostgresApp>(app), IClassFixture<HomeDemoPostgresApp>;
