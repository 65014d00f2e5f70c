using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Demo;
using PhatTrienDangVien.Web.Tests.Demo;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using PhatTrienDangVien.Web.Tests.Reports;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.People;

/// <summary>
/// The candidate list on the demo commune (about 200 candidates, two of them overdue): stage, next step, due date and
/// working days left as the work list says them, the filters' counts equal to the rows they give, the sorts, the
/// .xlsx and CSV holding the same, the name opening the timeline, and the mentor reading their own name.
/// </summary>
public abstract class CandidateListTests<TApp>(TApp app) where TApp : DemoAppFactory
{
    private const string Password = DemoSeeder.DemoPassword;

    private static List<IElement> Rows(IHtmlDocument page) => [.. page.QuerySelectorAll("[data-row]")];

    private static string Cell(IElement row, string label) => row.QuerySelector($"td[data-label='{label}']")!.TextContent.Trim();

    private static int TimelineId(IElement row)
    {
        var href = row.QuerySelector("td a")!.GetAttribute("href")!;
        href.ShouldStartWith("/Candidates/Timeline/");
        return int.Parse(href["/Candidates/Timeline/".Length..], CultureInfo.InvariantCulture);
    }

    private static async Task<IHtmlDocument> OpenAsync(Browser b, string url)
    {
        var (response, page) = await b.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return page;
    }

    [Fact]
    public async Task Each_row_says_stage_next_step_and_due_date_as_the_work_list_does_and_the_name_opens_the_timeline()
    {
        var b = await Browser.LoginAsync(app, "vanphong", Password);
        var list = Rows(await OpenAsync(b, "/Candidates?q.PageSize=200"));
        var active = await app.WithSystemScopeAsync((db, _) => db.Candidates.CountAsync(c => c.Status == CandidateStatus.Active));
        list.Count.ShouldBe(Math.Min(active, 200));
        // The work list's rows by timeline link: its next step and due date come from the same engine.
        var work = Rows(await OpenAsync(b, "/Work?Show=all")).ToDictionary(TimelineIdOfWork);
        var compared = 0;
        foreach (var row in list)
        {
            var id = TimelineId(row);
            Cell(row, "Giai đoạn").ShouldNotBeEmpty();
            if (!work.TryGetValue(id, out var w)) continue;
            Cell(row, "Việc tiếp theo").ShouldBe(Cell(w, "Việc tiếp theo"), $"candidate {id}");
            Cell(row, "Hạn").ShouldBe(Cell(w, "Hạn"), $"candidate {id}");
            // No working days to count: both lists write "—".
            Cell(row, "Còn").ShouldBe(Cell(w, "Còn"), $"candidate {id}");
            compared++;
        }
        compared.ShouldBe(list.Count, "every open candidate is on the work list's 'all' tab");
        // Dates as dd/MM/yyyy; a row without a deadline says so with a dash.
        list.Select(r => Cell(r, "Hạn")).Where(d => d != "—").ShouldAllBe(d => System.Text.RegularExpressions.Regex.IsMatch(d, @"^\d{2}/\d{2}/\d{4}$"));
    }

    [Fact]
    public async Task The_rows_are_kept_until_a_change_and_a_typed_name_is_read_each_time()
    {
        var b = await Browser.LoginAsync(app, "vanphong", Password);
        var figures = app.Services.GetRequiredService<Web.Data.FigureCache>();
        const string url = "/Candidates?q.PageSize=200";
        var first = Rows(await OpenAsync(b, url));
        await figures.WhenIdleAsync();
        var computed = figures.Computed;
        Rows(await OpenAsync(b, url)).Select(r => r.TextContent).ShouldBe(first.Select(r => r.TextContent));
        figures.Computed.ShouldBe(computed, "nothing changed: the rows are read as kept");
        // A sort the database does not give (typed in the address) is the name order: the same entry, no new one.
        Rows(await OpenAsync(b, url + "&q.Sort=zzz")).Select(r => r.TextContent).ShouldBe(first.Select(r => r.TextContent));
        figures.Computed.ShouldBe(computed, "an unknown sort is no new entry");

        var id = TimelineId(first[0]);
        var someone = first[0].QuerySelector("td a")!.TextContent.Trim();
        var personId = await app.WithSystemScopeAsync((db, _) => db.Candidates.Where(c => c.Id == id).Select(c => c.PersonId).SingleAsync());
        Task<int> RenameAsync(string to) => app.WithSystemScopeAsync(async (db, _) =>
        {
            (await db.People.SingleAsync(p => p.Id == personId)).FullName = to;
            return await db.SaveChangesAsync();
        });
        async Task<long> ComputedByAsync(Func<Task> view)
        {
            await figures.WhenIdleAsync();
            var before = figures.Computed;
            await view();
            await figures.WhenIdleAsync();
            return figures.Computed - before;
        }
        // A write of the commune (here the person's name): the next view computes the rows again and shows it.
        await RenameAsync(someone + " Mới");
        long listed;
        try
        {
            listed = await ComputedByAsync(async () =>
                Rows(await OpenAsync(b, url)).Single(r => TimelineId(r) == id).QuerySelector("td a")!.TextContent.Trim().ShouldBe(someone + " Mới"));
        }
        finally
        {
            await RenameAsync(someone);
        }
        // After the next write, a name typed computes the same figures (the page's header) but not the rows: never kept.
        var searched = await ComputedByAsync(async () =>
            Rows(await OpenAsync(b, "/Candidates?Search=" + Uri.EscapeDataString(someone))).ShouldNotBeEmpty());
        listed.ShouldBe(searched + 1, "the list's rows are one kept figure; a search's are not kept");
    }

    private static int TimelineIdOfWork(IElement row)
    {
        var href = row.QuerySelector("td a")!.GetAttribute("href")!;
        return int.Parse(href["/Candidates/Timeline/".Length..], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_overdue_filter_counts_its_rows_and_says_overdue_in_words()
    {
        var b = await Browser.LoginAsync(app, "vanphong", Password);
        var all = await OpenAsync(b, "/Candidates?q.PageSize=200");
        var offered = int.Parse(all.QuerySelector("#due-filter option[value=overdue]")!.GetAttribute("data-count")!, CultureInfo.InvariantCulture);
        // The demo keeps two candidates overdue (DemoSeeder: "two overdue").
        offered.ShouldBeGreaterThanOrEqualTo(2);
        var overdue = await OpenAsync(b, "/Candidates?Due=overdue&q.PageSize=200");
        var rows = Rows(overdue);
        rows.Count.ShouldBe(offered);
        overdue.QuerySelector("#due-filter option[value=overdue]")!.GetAttribute("data-count").ShouldBe(offered.ToString(CultureInfo.InvariantCulture));
        overdue.QuerySelector("#due-filter option[value=overdue]")!.HasAttribute("selected").ShouldBeTrue();
        overdue.QuerySelector("#list-count")!.TextContent.ShouldContain("quá hạn");
        // Not colour alone: the words say it, and the row is marked for the card's border.
        rows.ShouldAllBe(r => Cell(r, "Còn").StartsWith("quá hạn", StringComparison.Ordinal) && r.ClassList.Contains("table-danger"));
        // The rows the full list marks overdue are exactly these.
        Rows(all).Where(r => r.ClassList.Contains("table-danger")).Select(TimelineId).Order()
            .ShouldBe(rows.Select(TimelineId).Order());
        // Due soon: the other choice counts its rows too, none of them overdue.
        var soonCount = int.Parse(all.QuerySelector("#due-filter option[value=soon]")!.GetAttribute("data-count")!, CultureInfo.InvariantCulture);
        var soon = Rows(await OpenAsync(b, "/Candidates?Due=soon&q.PageSize=200"));
        soon.Count.ShouldBe(soonCount);
        soon.ShouldAllBe(r => !r.ClassList.Contains("table-danger"));
    }

    [Fact]
    public async Task Each_stage_offered_counts_the_rows_it_gives_and_the_counts_add_up_to_the_list()
    {
        var b = await Browser.LoginAsync(app, "vanphong", Password);
        var all = await OpenAsync(b, "/Candidates?q.PageSize=200");
        var total = Rows(all).Count;
        var options = all.QuerySelectorAll("#stage-filter option[data-count]")
            .Select(o => (Value: o.GetAttribute("value")!, Count: int.Parse(o.GetAttribute("data-count")!, CultureInfo.InvariantCulture), Text: o.TextContent)).ToList();
        options.Sum(o => o.Count).ShouldBe(total);
        // Offered in words, never by the code's name.
        options.ShouldAllBe(o => !o.Text.Contains(o.Value, StringComparison.Ordinal));
        foreach (var (value, count, text) in options.Where(o => o.Count > 0))
        {
            var rows = Rows(await OpenAsync(b, $"/Candidates?Stage={value}&q.PageSize=200"));
            rows.Count.ShouldBe(count, value);
            var name = StepNames.Of(Enum.Parse<AdmissionStage>(value));
            text.ShouldStartWith(name);
            rows.ShouldAllBe(r => Cell(r, "Giai đoạn") == name);
        }
        options.Count(o => o.Count > 0).ShouldBeGreaterThan(3, "the demo's candidates are at several stages");
    }

    [Fact]
    public async Task The_list_sorts_by_stage_next_step_due_date_and_days_left()
    {
        var b = await Browser.LoginAsync(app, "vanphong", Password);
        var byStage = Rows(await OpenAsync(b, "/Candidates?q.Sort=stage&q.Desc=true&q.PageSize=200"))
            .Select(r => int.Parse(r.QuerySelector("td[data-stage]")!.GetAttribute("data-stage")!, CultureInfo.InvariantCulture)).ToList();
        byStage.ShouldBe(byStage.OrderDescending().ToList());
        byStage.Distinct().Count().ShouldBeGreaterThan(1);
        var byDue = Rows(await OpenAsync(b, "/Candidates?q.Sort=due&q.PageSize=200")).Select(r => Cell(r, "Hạn")).ToList();
        var dated = byDue.TakeWhile(d => d != "—").Select(d => DateOnly.ParseExact(d, "dd/MM/yyyy", CultureInfo.InvariantCulture)).ToList();
        dated.Count.ShouldBeGreaterThan(0);
        dated.ShouldBe(dated.Order().ToList());
        byDue.Skip(dated.Count).ShouldAllBe(d => d == "—", "cases without a due date come last");
        var left = Rows(await OpenAsync(b, "/Candidates?q.Sort=left&q.PageSize=200")).Select(TimelineId).Take(dated.Count).ToList();
        var due = Rows(await OpenAsync(b, "/Candidates?q.Sort=due&q.PageSize=200")).Select(TimelineId).Take(dated.Count).ToList();
        left.Select(id => dated[due.IndexOf(id)]).ShouldBe(dated, "fewest days left is the earliest due date");
        var next = await OpenAsync(b, "/Candidates?q.Sort=next&q.PageSize=200");
        next.QuerySelector("thead a.sort[href*='q.Sort=next']")!.TextContent.ShouldContain("▲");
    }

    [Fact]
    public async Task The_xlsx_and_the_csv_hold_stage_next_step_due_date_and_days_left_of_the_rows_shown()
    {
        var b = await Browser.LoginAsync(app, "vanphong", Password);
        var shown = Rows(await OpenAsync(b, "/Candidates?Due=overdue&q.Sort=due&q.PageSize=200"));
        var file = await ReportData.DownloadAsync(b, "/Candidates?handler=Xlsx&Due=overdue&q.Sort=due");
        file.SchemaErrors.ShouldBeEmpty();
        var tab = file[0];
        tab.Titles.ShouldContain(t => t.Contains("quá hạn", StringComparison.Ordinal));
        var header = tab.Header;
        int Col(string name)
        {
            var index = header.IndexOf(name);
            index.ShouldBeGreaterThan(0, name);
            return index;
        }
        var body = tab.Body.SkipLast(1).ToList();
        body.Count.ShouldBe(shown.Count);
        for (var i = 0; i < shown.Count; i++)
        {
            body[i][Col("Họ và tên")].ShouldBe(shown[i].QuerySelector("td a")!.TextContent.Trim());
            body[i][Col("Giai đoạn")].ShouldBe(Cell(shown[i], "Giai đoạn"));
            body[i][Col("Việc tiếp theo")].ShouldBe(Cell(shown[i], "Việc tiếp theo"));
            body[i][Col("Hạn")].ShouldBe(Cell(shown[i], "Hạn"));
            body[i][Col("Còn (ngày làm việc)")].ShouldBe(Cell(shown[i], "Còn"));
            body[i][Col("Còn (ngày làm việc)")].ShouldStartWith("quá hạn");
        }
        var csv = await (await b.Client.GetAsync("/Candidates?handler=Export&Due=overdue&q.Sort=due")).Content.ReadAsStringAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].ShouldContain("Giai đoạn");
        lines[0].ShouldContain("Việc tiếp theo");
        lines.Length.ShouldBe(shown.Count + 1);
        lines.Skip(1).ShouldAllBe(l => l.Contains("quá hạn", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_mentor_reads_their_own_name_on_each_of_their_candidates_in_the_list_and_on_the_profile()
    {
        var (mentorName, theirs) = await app.WithSystemScopeAsync(async (db, _) =>
        {
            var memberId = await db.Users.Where(u => u.UserName == "giupdo").Select(u => u.MemberId).SingleAsync();
            var name = await db.Members.Where(m => m.Id == memberId).Select(m => m.Person.FullName).SingleAsync();
            var ids = await db.Candidates.Where(c => c.MentorMemberId == memberId && c.Status == CandidateStatus.Active).Select(c => c.Id).ToListAsync();
            return (name, ids);
        });
        theirs.ShouldNotBeEmpty();
        var b = await Browser.LoginAsync(app, "giupdo", Password);
        var rows = Rows(await OpenAsync(b, "/Candidates?q.PageSize=200"));
        rows.Select(TimelineId).Order().ShouldBe(theirs.Order());
        rows.ShouldAllBe(r => Cell(r, "Đảng viên giúp đỡ") == mentorName);
        foreach (var id in theirs)
        {
            var profile = await OpenAsync(b, $"/Candidates/Details/{id}");
            var mentor = profile.QuerySelectorAll("dt").Single(dt => dt.TextContent == "Đảng viên giúp đỡ").NextElementSibling!.TextContent.Trim();
            mentor.ShouldBe(mentorName, $"candidate {id}");
            // The profile and the timeline are one link apart, both ways.
            profile.QuerySelector($"a[href='/Candidates/Timeline/{id}']").ShouldNotBeNull();
            (await OpenAsync(b, $"/Candidates/Timeline/{id}")).QuerySelector($"a[href='/Candidates/Details/{id}']").ShouldNotBeNull();
        }
    }

    [Fact]
    public async Task An_overdue_candidates_profile_shows_the_stage_and_the_overdue_next_step()
    {
        var b = await Browser.LoginAsync(app, "vanphong", Password);
        var overdue = Rows(await OpenAsync(b, "/Candidates?Due=overdue"));
        overdue.ShouldNotBeEmpty();
        foreach (var row in overdue)
        {
            var id = TimelineId(row);
            var profile = await OpenAsync(b, $"/Candidates/Details/{id}");
            profile.QuerySelector("#stage")!.TextContent.Trim().ShouldBe(Cell(row, "Giai đoạn"));
            var next = profile.QuerySelector("#next-action").ShouldNotBeNull();
            next.TextContent.ShouldContain(Cell(row, "Việc tiếp theo"));
            next.TextContent.ShouldContain(Cell(row, "Còn"));
            next.TextContent.ShouldContain("quá hạn");
            next.ClassList.ShouldContain("text-danger");
        }
    }

    [Fact]
    public async Task A_cell_secretary_lists_only_their_cells_candidates_with_the_same_columns()
    {
        var cell = await app.WithSystemScopeAsync((db, _) => db.Users.Where(u => u.UserName == "bithu").Select(u => u.OrganisationId).SingleAsync());
        var expected = await app.WithSystemScopeAsync((db, _) => db.Candidates.CountAsync(c => c.CellId == cell && c.Status == CandidateStatus.Active));
        var b = await Browser.LoginAsync(app, "bithu", Password);
        var page = await OpenAsync(b, "/Candidates?q.PageSize=200");
        Rows(page).Count.ShouldBe(expected);
        page.QuerySelectorAll("#stage-filter option[data-count]").Sum(o => int.Parse(o.GetAttribute("data-count")!, CultureInfo.InvariantCulture)).ShouldBe(expected);
        // On a phone the table is cards: each cell names its column.
        page.QuerySelector("table.list-cards").ShouldNotBeNull();
    }
}

public sealed class CandidateListTests_Sqlite(DemoSqliteApp app) : CandidateListTests<DemoSqliteApp>(app), IClassFixture<DemoSqliteApp>;

public sealed class CandidateListTests_Postgres(DemoPostgresApp app) : CandidateListTests<DemoPostgresApp>(app), IClassFixture<DemoPostgresApp>;
