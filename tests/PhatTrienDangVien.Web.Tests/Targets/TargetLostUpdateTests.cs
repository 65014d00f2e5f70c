using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Targets;

/// <summary>
/// No lost update on the targets and the responsibility map: two users open the same form, the second to save gets
/// both versions side by side (Vietnamese labels, names, never ids), the first save stays, and saving again from the
/// conflict page writes the user's version. Each year is used by one test only, so the tests run in any order.
/// </summary>
public abstract class TargetLostUpdateTests<TApp>(TApp app) where TApp : AppFactory
{
    private static readonly HtmlParser s_parser = new();

    private TestData D => app.Data;

    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    private Task<int> TermIdAsync() => app.WithSystemScopeAsync(db => db.Terms.Where(t => t.CommuneId == D.CommuneId).Select(t => t.Id).SingleAsync());

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> fields, string key, string value) =>
        [.. fields.Where(f => f.Key != key), new(key, value)];

    private static async Task<HttpResponseMessage> PostAsync(Browser b, string url, List<KeyValuePair<string, string>> fields) =>
        await b.Client.PostAsync(url, new FormUrlEncodedContent(fields));

    /// <summary>The conflict table's rows: field, what the user typed, what is stored.</summary>
    private static List<(string Field, string Yours, string Theirs)> ConflictRows(IHtmlDocument page) =>
        page.QuerySelectorAll(".conflict tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList())
            .Select(c => (c[0], c[1], c[2])).ToList();

    private static async Task<(IHtmlDocument Page, List<(string Field, string Yours, string Theirs)> Rows)> ConflictAsync(HttpResponseMessage r)
    {
        var html = await r.Content.ReadAsStringAsync();
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict, html.Length > 2000 ? html[..2000] : html);
        var page = await s_parser.ParseDocumentAsync(html);
        page.QuerySelector(".conflict")!.TextContent.ShouldContain("vừa được người khác sửa");
        return (page, ConflictRows(page));
    }

    private static void NoIds(List<(string Field, string Yours, string Theirs)> rows, params int[] ids)
    {
        var shown = rows.SelectMany(r => new[] { r.Field, r.Yours, r.Theirs }).ToList();
        foreach (var id in ids) shown.ShouldNotContain(S(id), "a record is shown by its name, never its id");
    }

    [Fact]
    public async Task A_term_target_saved_by_someone_else_meanwhile_is_not_overwritten()
    {
        var termId = await TermIdAsync();
        var url = $"/Targets/Term/{termId}";
        var admin = await Browser.LoginAsync(app, "admin");
        (await admin.PostFormAsync(url, new() { ["Count"] = "130" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var office = await Browser.LoginAsync(app, "office");
        var (_, form) = await office.GetAsync(url);
        (await admin.PostFormAsync(url, new() { ["Count"] = "135", ["Resolution.Number"] = "02-NQ/ĐU" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (page, rows) = await ConflictAsync(await PostAsync(office, url, With(Browser.FormValues(form), "Count", "140")));
        rows.ShouldContain(("Chỉ tiêu cả nhiệm kỳ (đảng viên mới)", "140", "135"));
        rows.ShouldContain(("Số nghị quyết", "", "02-NQ/ĐU"));
        NoIds(rows, termId);
        (await app.WithSystemScopeAsync(db => db.TermTargets.SingleAsync(t => t.TermId == termId))).Count.ShouldBe(135);

        // Saved again from the conflict page, which now carries the stored version: the user's figure is written.
        (await PostAsync(office, url, Browser.FormValues(page))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await app.WithSystemScopeAsync(db => db.TermTargets.SingleAsync(t => t.TermId == termId));
        saved.Count.ShouldBe(140);
        saved.ResolutionNumber.ShouldBeNull("the user chose their version, resolution included");
    }

    [Fact]
    public async Task A_year_target_whose_sub_targets_alone_changed_meanwhile_is_not_overwritten()
    {
        const string url = "/Targets/Year/2025";
        var admin = await Browser.LoginAsync(app, "admin");
        (await admin.PostFormAsync(url, new() { ["Count"] = "26" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var office = await Browser.LoginAsync(app, "office");
        var (_, form) = await office.GetAsync(url);
        var women = form.QuerySelectorAll("input[name$='.Kind']").OfType<IHtmlInputElement>().Single(i => i.Value == nameof(SubTargetKind.Women)).Name![..^".Kind".Length];
        // Someone else sets only a sub-target: the year's own version guards it.
        (await admin.PostFormAsync(url, new() { [women + ".Count"] = "10" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (page, rows) = await ConflictAsync(await PostAsync(office, url, With(With(Browser.FormValues(form), "Count", "28"), women + ".Count", "5")));
        rows.ShouldContain(("Chỉ tiêu năm (đảng viên mới)", "28", "26"));
        rows.ShouldContain(("Đảng viên nữ", "5", "10"));
        var stored = await app.WithSystemScopeAsync(db => db.YearTargets.Include(y => y.SubTargets).SingleAsync(y => y.CommuneId == D.CommuneId && y.Year == 2025));
        stored.Count.ShouldBe(26);
        stored.SubTargets.Single(s => s.Kind == SubTargetKind.Women).Count.ShouldBe(10);

        (await PostAsync(office, url, Browser.FormValues(page))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        stored = await app.WithSystemScopeAsync(db => db.YearTargets.Include(y => y.SubTargets).SingleAsync(y => y.CommuneId == D.CommuneId && y.Year == 2025));
        stored.Count.ShouldBe(28);
        stored.SubTargets.Single(s => s.Kind == SubTargetKind.Women).Count.ShouldBe(5);
    }

    [Fact]
    public async Task A_year_target_added_by_someone_else_after_the_form_was_read_is_not_overwritten()
    {
        const string url = "/Targets/Year/2029";
        var office = await Browser.LoginAsync(app, "office");
        var (_, form) = await office.GetAsync(url);
        var admin = await Browser.LoginAsync(app, "admin");
        (await admin.PostFormAsync(url, new() { ["Count"] = "30" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (_, rows) = await ConflictAsync(await PostAsync(office, url, With(Browser.FormValues(form), "Count", "20")));
        rows.ShouldContain(("Chỉ tiêu năm (đảng viên mới)", "20", "30"));
        (await app.WithSystemScopeAsync(db => db.YearTargets.SingleAsync(y => y.CommuneId == D.CommuneId && y.Year == 2029))).Count.ShouldBe(30);
    }

    [Fact]
    public async Task The_default_fill_never_replaces_a_year_changed_since_the_page_was_read()
    {
        var termId = await TermIdAsync();
        var admin = await Browser.LoginAsync(app, "admin");
        (await admin.PostFormAsync($"/Targets/Term/{termId}", new() { ["Count"] = "130" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var office = await Browser.LoginAsync(app, "office");
        var (_, targets) = await office.GetAsync($"/Targets?termId={termId}");
        (await admin.PostFormAsync("/Targets/Year/2027", new() { ["Count"] = "40" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (page, rows) = await ConflictAsync(await PostAsync(office, "/Targets?handler=Fill", Browser.FormValues(targets)));
        rows.ShouldBe([("Chỉ tiêu năm 2027", "26", "40")]);
        (await app.WithSystemScopeAsync(db => db.YearTargets.SingleAsync(y => y.CommuneId == D.CommuneId && y.Year == 2027))).Count.ShouldBe(40);

        (await PostAsync(office, "/Targets?handler=Fill", Browser.FormValues(page))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithSystemScopeAsync(db => db.YearTargets.Where(y => y.CommuneId == D.CommuneId).Select(y => y.Count).ToListAsync()))
            .ShouldAllBe(c => c == 26);
    }

    /// <summary>The allocation form's field name for <paramref name="cellId"/>'s <paramref name="field"/> ("Count", "Resolution.Number").</summary>
    private static string Field(IHtmlDocument form, int cellId, string field) =>
        form.QuerySelectorAll("input[name$='.CellId']").OfType<IHtmlInputElement>().Single(i => i.Value == S(cellId)).Name![..^"CellId".Length] + field;

    private async Task<Dictionary<int, int>> AllocationAsync(int year) =>
        await app.WithSystemScopeAsync(db => db.CellTargets.Where(c => c.CommuneId == D.CommuneId && c.Year == year).ToDictionaryAsync(c => c.CellId, c => c.Count));

    [Fact]
    public async Task A_cell_row_changed_by_someone_else_stops_the_allocation_and_is_shown_by_the_cells_name()
    {
        const string url = "/Targets/Cells/2026";
        var admin = await Browser.LoginAsync(app, "admin");
        var (_, first) = await admin.GetAsync(url);
        (await admin.PostFormAsync(url, new() { [Field(first, D.CellA, "Count")] = "12", [Field(first, D.CellB, "Count")] = "14" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var office = await Browser.LoginAsync(app, "office");
        var (_, form) = await office.GetAsync(url);
        (await admin.PostFormAsync(url, new() { [Field(form, D.CellA, "Count")] = "9" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The user changes only cell B; cell A's row still carries the version they read.
        var (page, rows) = await ConflictAsync(await PostAsync(office, url, With(Browser.FormValues(form), Field(form, D.CellB, "Count"), "15")));
        rows.ShouldBe([("Chi bộ Ấp Mỹ Lợi: Chỉ tiêu", "12", "9")], "only the row someone else saved is shown");
        NoIds(rows, D.CellA, D.CellB);
        var stored = await AllocationAsync(2026);
        stored[D.CellA].ShouldBe(9);
        stored[D.CellB].ShouldBe(14, "the allocation is one save: nothing of it was written");

        (await PostAsync(office, url, Browser.FormValues(page))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        stored = await AllocationAsync(2026);
        stored[D.CellA].ShouldBe(12);
        stored[D.CellB].ShouldBe(15);
    }

    [Fact]
    public async Task The_allocation_form_of_180_cells_saves_and_warns_when_the_total_misses_the_year()
    {
        var extra = await app.WithSystemScopeAsync(async db =>
        {
            for (var i = 1; i <= 180; i++)
                db.Organisations.Add(new Organisation
                {
                    CommuneId = D.CommuneId, ParentId = D.CommuneId, Kind = OrganisationKind.Cell, CellKind = CellKind.Hamlet,
                    Name = $"Chi bộ Thử {i:000}",
                });
            await db.SaveChangesAsync();
            return await db.Organisations.Where(o => o.CommuneId == D.CommuneId && o.Name.StartsWith("Chi bộ Thử")).Select(o => o.Id).ToListAsync();
        });
        var office = await Browser.LoginAsync(app, "office");
        (await office.PostFormAsync("/Targets/Year/2028", new() { ["Count"] = "220" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        const string url = "/Targets/Cells/2028";
        var (_, form) = await office.GetAsync(url);
        var fields = Browser.FormValues(form);
        fields.Count.ShouldBeGreaterThan(1024, "more fields than ASP.NET Core reads from a form by default");
        foreach (var id in extra) fields = With(fields, Field(form, id, "Count"), "1");
        fields = With(With(fields, Field(form, D.CellA, "Count"), "10"), Field(form, D.CellB, "Count"), "10");

        var r = await PostAsync(office, url, fields);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        var stored = await AllocationAsync(2028);
        stored.Count.ShouldBe(182);
        stored.Values.Sum().ShouldBe(200);
        var (_, page) = await office.GetAsync(r.Headers.Location!.ToString());
        page.QuerySelector(".alert-success")!.TextContent
            .ShouldContain("Lưu ý: Tổng phân bổ cho các chi bộ năm 2028 là 200, ít hơn chỉ tiêu năm 2028 (220) 20 đảng viên.");
    }

    [Fact]
    public async Task Ending_an_assignment_someone_else_ended_meanwhile_shows_both_and_overwrites_nothing()
    {
        var id = await app.WithSystemScopeAsync(async db =>
        {
            (await db.Members.SingleAsync(m => m.Id == D.MemberB)).Positions |= CommitteePositions.CommuneCommitteeMember;
            var r = new CellResponsibility { CommuneId = D.CommuneId, MemberId = D.MemberB, CellId = D.CellA, From = new DateOnly(2024, 1, 1) };
            db.CellResponsibilities.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });
        static IHtmlFormElement EndForm(IHtmlDocument page, int id) =>
            (IHtmlFormElement)page.QuerySelector($"#assignments tr[data-id='{id}'] form")!;
        static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form) =>
            form.Elements.OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name)).Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        const string url = "/Responsibilities?handler=End";

        var office = await Browser.LoginAsync(app, "office");
        var (_, map) = await office.GetAsync("/Responsibilities");
        var admin = await Browser.LoginAsync(app, "admin");
        var (_, adminMap) = await admin.GetAsync("/Responsibilities");
        (await PostAsync(admin, url, With(Fields(EndForm(adminMap, id)), "endOn", "2026-12-01"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (page, rows) = await ConflictAsync(await PostAsync(office, url, With(Fields(EndForm(map, id)), "endOn", "2026-11-20")));
        rows.ShouldBe([("Đến ngày (bỏ trống nếu chưa định)", "19/11/2026", "30/11/2026")]);
        NoIds(rows, id, D.MemberB, D.CellA);
        page.QuerySelector($"#assignments tr[data-id='{id}']")!.TextContent.ShouldContain("Phạm Thị Dung");
        (await app.WithSystemScopeAsync(db => db.CellResponsibilities.SingleAsync(r => r.Id == id))).To.ShouldBe(new DateOnly(2026, 11, 30));

        // The conflict page's form for that row carries the stored version and the day the user typed.
        var again = Fields(EndForm(page, id));
        again.ShouldContain(new KeyValuePair<string, string>("endOn", "20/11/2026"));
        (await PostAsync(office, url, again)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var ended = await app.WithSystemScopeAsync(db => db.CellResponsibilities.SingleAsync(r => r.Id == id));
        ended.To.ShouldBe(new DateOnly(2026, 11, 19));
        (await app.WithSystemScopeAsync(db => db.CellResponsibilities.CountAsync(r => r.Id == id))).ShouldBe(1, "ended, never deleted");
    }
}

public sealed class TargetLostUpdateTests_Sqlite(SqliteApp app) : TargetLostUpdateTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TargetLostUpdateTests_Postgres(PostgresApp app) : TargetLostUpdateTests<PostgresApp>(app), IClassFixture<PostgresApp>;
