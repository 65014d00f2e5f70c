using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Targets;

/// <summary>Term, yearly and cell targets: sums flagged but saved, default spread, concurrency, who may change them.</summary>
public abstract class TargetTests<TApp>(TApp app) where TApp : AppFactory
{
    private TestData D => app.Data;

    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    private Task<int> TermIdAsync() => app.WithSystemScopeAsync(db => db.Terms.Where(t => t.CommuneId == D.CommuneId).Select(t => t.Id).SingleAsync());

    private static void ShouldRedirect(HttpResponseMessage r, string to)
    {
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"expected a redirect to {to}");
        r.Headers.Location!.ToString().ShouldStartWith(to);
    }

    private const string TermWarning = ".target-sum[data-whole='chỉ tiêu cả nhiệm kỳ']";

    private static int? Difference(IHtmlDocument doc, string selector = ".target-sum") =>
        doc.QuerySelector(selector)?.GetAttribute("data-difference") is { } d ? int.Parse(d, CultureInfo.InvariantCulture) : null;

    private async Task SetTermAsync(Browser office, int count)
    {
        var termId = await TermIdAsync();
        ShouldRedirect(await office.PostFormAsync($"/Targets/Term/{termId}", new() { ["Count"] = S(count), ["Resolution.Number"] = "01-NQ/ĐH", ["Resolution.Date"] = "2025-07-20", ["Resolution.Issuer"] = "Đại hội Đảng bộ xã" }), "/Targets");
    }

    private static async Task SetYearAsync(Browser office, int year, int count) =>
        ShouldRedirect(await office.PostFormAsync($"/Targets/Year/{year}", new() { ["Count"] = S(count), ["Resolution.Number"] = $"05-NQ/ĐU-{year}" }), "/Targets");

    /// <summary>Posts the allocation form with cell A and cell B set as given; returns the response.</summary>
    private async Task<HttpResponseMessage> AllocateAsync(Browser office, int year, int cellA, int cellB, Dictionary<string, string>? extra = null)
    {
        var (_, doc) = await office.GetAsync($"/Targets/Cells/{year}");
        var values = new Dictionary<string, string>();
        foreach (var input in doc.QuerySelectorAll("input[name$='.CellId']").OfType<IHtmlInputElement>())
        {
            var prefix = input.Name![..^".CellId".Length];
            if (input.Value == S(D.CellA)) values[prefix + ".Count"] = S(cellA);
            if (input.Value == S(D.CellB)) values[prefix + ".Count"] = S(cellB);
        }
        values.Count.ShouldBe(2);
        foreach (var (k, v) in extra ?? []) values[k] = v;
        return await office.PostFormAsync($"/Targets/Cells/{year}", values);
    }

    [Fact]
    public async Task The_default_fill_spreads_130_as_26_a_year_over_2025_2030()
    {
        var office = await Browser.LoginAsync(app, "office");
        await SetTermAsync(office, 130);
        ShouldRedirect(await office.PostFormAsync("/Targets", [], handler: "Fill"), "/Targets");
        var years = await app.WithSystemScopeAsync(db => db.YearTargets.Where(y => y.CommuneId == D.CommuneId).OrderBy(y => y.Year).ToListAsync());
        years.Select(y => y.Year).ShouldBe([2025, 2026, 2027, 2028, 2029]);
        years.ShouldAllBe(y => y.Count == 26);
        var (_, page) = await office.GetAsync("/Targets");
        page.QuerySelector("#years-sum")!.TextContent.ShouldBe("130");
        Difference(page, TermWarning).ShouldBeNull("years summing to the term give no warning");
        page.QuerySelector("#term-target")!.TextContent.ShouldBe("130");
        page.Body!.TextContent.ShouldContain("số 01-NQ/ĐH, ngày 20/07/2025, Đại hội Đảng bộ xã");
    }

    [Fact]
    public async Task Years_that_do_not_add_up_to_the_term_are_saved_and_flagged_with_the_difference()
    {
        var office = await Browser.LoginAsync(app, "office");
        await SetTermAsync(office, 130);
        ShouldRedirect(await office.PostFormAsync("/Targets", [], handler: "Fill"), "/Targets");
        await SetYearAsync(office, 2027, 20);
        (await app.WithSystemScopeAsync(db => db.YearTargets.SingleAsync(y => y.CommuneId == D.CommuneId && y.Year == 2027))).Count.ShouldBe(20);
        var (_, page) = await office.GetAsync("/Targets");
        Difference(page, TermWarning).ShouldBe(-6);
        page.QuerySelector(TermWarning)!.TextContent.ShouldContain("ít hơn chỉ tiêu cả nhiệm kỳ (130) 6 đảng viên");

        await SetYearAsync(office, 2027, 30);
        (_, page) = await office.GetAsync("/Targets");
        Difference(page, TermWarning).ShouldBe(4);
        page.QuerySelector(TermWarning)!.TextContent.ShouldContain("nhiều hơn chỉ tiêu cả nhiệm kỳ (130) 4 đảng viên");
    }

    [Fact]
    public async Task Cell_allocations_short_of_or_over_the_year_are_saved_and_flagged_with_the_difference()
    {
        var office = await Browser.LoginAsync(app, "office");
        await SetYearAsync(office, 2026, 26);

        ShouldRedirect(await AllocateAsync(office, 2026, 10, 13), "/Targets/Cells/2026");
        var saved = await app.WithSystemScopeAsync(db => db.CellTargets.Where(c => c.Year == 2026).ToDictionaryAsync(c => c.CellId, c => c.Count));
        saved[D.CellA].ShouldBe(10);
        saved[D.CellB].ShouldBe(13);
        var (_, page) = await office.GetAsync("/Targets/Cells/2026");
        Difference(page).ShouldBe(-3);
        page.QuerySelector(".target-sum")!.TextContent.ShouldContain("ít hơn chỉ tiêu năm 2026 (26) 3 đảng viên");
        (_, page) = await office.GetAsync("/Targets");
        page.QuerySelectorAll(".target-sum").Select(e => e.GetAttribute("data-difference")).ShouldContain("-3");
        // A year with a target and nothing allocated yet is said so, not flagged as a sum that does not match.
        await SetYearAsync(office, 2027, 26);
        (_, page) = await office.GetAsync("/Targets");
        page.QuerySelector("tr[data-year='2027'] .year-unallocated")!.TextContent.ShouldBe("Chưa phân bổ");
        page.QuerySelector("#years-unallocated")!.TextContent.ShouldContain("2027");
        page.QuerySelectorAll(".target-sum").Select(e => e.GetAttribute("data-whole")).ShouldNotContain("chỉ tiêu năm 2027");

        ShouldRedirect(await AllocateAsync(office, 2026, 20, 8), "/Targets/Cells/2026");
        (_, page) = await office.GetAsync("/Targets/Cells/2026");
        Difference(page).ShouldBe(2);
        page.QuerySelector(".target-sum")!.TextContent.ShouldContain("nhiều hơn chỉ tiêu năm 2026 (26) 2 đảng viên");

        ShouldRedirect(await AllocateAsync(office, 2026, 16, 10), "/Targets/Cells/2026");
        (_, page) = await office.GetAsync("/Targets/Cells/2026");
        Difference(page).ShouldBeNull();
    }

    [Fact]
    public async Task An_allocation_emptied_to_zero_without_a_resolution_is_removed_and_the_year_is_unallocated_again()
    {
        var office = await Browser.LoginAsync(app, "office");
        await SetYearAsync(office, 2029, 26);
        ShouldRedirect(await AllocateAsync(office, 2029, 3, 0), "/Targets/Cells/2029");
        (await app.WithSystemScopeAsync(db => db.CellTargets.Where(c => c.Year == 2029).Select(c => c.CellId).ToListAsync())).ShouldBe([D.CellA]);

        // Emptied: no row left, not "0 (1 chi bộ)" against the year's target.
        ShouldRedirect(await AllocateAsync(office, 2029, 0, 0), "/Targets/Cells/2029");
        (await app.WithSystemScopeAsync(db => db.CellTargets.AnyAsync(c => c.Year == 2029))).ShouldBeFalse();
        var (_, page) = await office.GetAsync("/Targets");
        page.QuerySelector("tr[data-year='2029'] .year-unallocated")!.TextContent.ShouldBe("Chưa phân bổ");
        page.QuerySelector("#years-unallocated")!.TextContent.ShouldContain("2029");
        // The removal is on the trail like any change.
        (await app.WithSystemScopeAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "CellTarget" && a.Action == "Xóa"))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_cell_secretary_reads_only_their_own_cells_allocation()
    {
        var office = await Browser.LoginAsync(app, "office");
        await SetYearAsync(office, 2028, 26);
        ShouldRedirect(await AllocateAsync(office, 2028, 11, 15), "/Targets/Cells/2028");
        var secretary = await Browser.LoginAsync(app, "secretary");
        var (r, page) = await secretary.GetAsync("/Targets/Cells/2028");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector($"tr[data-cell='{D.CellA}'] .cell-target")!.TextContent.ShouldBe("11");
        page.Body!.TextContent.ShouldNotContain("Trường Tiểu học");
        page.QuerySelector(".target-sum").ShouldBeNull("a partial sum is not compared with the year");
        page.QuerySelector("input[name$='.Count']").ShouldBeNull("a secretary gets no form");
    }

    [Fact]
    public async Task A_stale_version_of_the_term_target_is_a_conflict_and_overwrites_nothing()
    {
        var office = await Browser.LoginAsync(app, "office");
        await SetTermAsync(office, 130);
        var termId = await TermIdAsync();
        var seen = await app.WithSystemScopeAsync(db => db.TermTargets.Where(t => t.TermId == termId).Select(t => t.Version).SingleAsync());
        await app.WithSystemScopeAsync(async db =>
        {
            (await db.TermTargets.SingleAsync(t => t.TermId == termId)).Count = 135;
            return await db.SaveChangesAsync();
        });
        var r = await office.PostFormAsync($"/Targets/Term/{termId}", new() { ["Count"] = "140", ["Version"] = S(seen) });
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await r.Content.ReadAsStringAsync()).ShouldContain("vừa được người khác sửa");
        (await app.WithSystemScopeAsync(db => db.TermTargets.SingleAsync(t => t.TermId == termId))).Count.ShouldBe(135);
    }

    [Fact]
    public async Task A_stale_version_of_a_cell_allocation_is_a_conflict_and_overwrites_no_row()
    {
        var office = await Browser.LoginAsync(app, "office");
        await SetYearAsync(office, 2029, 26);
        ShouldRedirect(await AllocateAsync(office, 2029, 12, 14), "/Targets/Cells/2029");
        var (_, doc) = await office.GetAsync("/Targets/Cells/2029");
        var fields = Browser.FormValues(doc);
        await app.WithSystemScopeAsync(async db =>
        {
            (await db.CellTargets.SingleAsync(c => c.Year == 2029 && c.CellId == D.CellA)).Count = 9;
            return await db.SaveChangesAsync();
        });
        // The form as it was loaded, with both counts changed: cell A's version is stale now.
        var posted = fields.Select(f => f.Key.EndsWith(".Count", StringComparison.Ordinal) ? new KeyValuePair<string, string>(f.Key, "13") : f).ToList();
        var r = await office.Client.PostAsync("/Targets/Cells/2029", new FormUrlEncodedContent(posted));
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await r.Content.ReadAsStringAsync()).ShouldContain("vừa được người khác sửa");
        var saved = await app.WithSystemScopeAsync(db => db.CellTargets.Where(c => c.Year == 2029).ToDictionaryAsync(c => c.CellId, c => c.Count));
        saved[D.CellA].ShouldBe(9);
        saved[D.CellB].ShouldBe(14, "the whole allocation is one save: nothing of it is written");
    }

    public static readonly TheoryData<string> NonEditors = [Roles.CellSecretary, Roles.Inspector, Roles.CommitteeMember, Roles.Mentor];

    [Theory, MemberData(nameof(NonEditors))]
    public async Task Only_the_office_and_admins_change_targets(string role)
    {
        var office = await Browser.LoginAsync(app, "office");
        await SetTermAsync(office, 130);
        await SetYearAsync(office, 2026, 26);
        var termId = await TermIdAsync();
        var before = await app.WithSystemScopeAsync(async db => (
            await db.TermTargets.Select(t => t.Count).SingleAsync(),
            await db.YearTargets.Where(y => y.Year == 2026).Select(y => y.Count).SingleAsync(),
            await db.CellTargets.CountAsync(),
            await db.YearTargets.SumAsync(y => y.Version)));

        var b = await Browser.LoginAsync(app, TestData.UserOfRole[role]);
        var attempts = new (string Url, Dictionary<string, string> Form)[]
        {
            ($"/Targets/Term/{termId}", new() { ["Count"] = "1", ["Version"] = "0" }),
            ("/Targets/Year/2026", new() { ["Count"] = "1", ["Version"] = "0" }),
            ("/Targets/Cells/2026", new() { ["Rows[0].CellId"] = S(D.CellA), ["Rows[0].Count"] = "99", ["Rows[0].Version"] = "0" }),
            ($"/Targets?handler=Fill&termId={termId}", new()),
        };
        foreach (var (url, form) in attempts)
        {
            var r = await b.PostRawAsync(url, form, "/Targets");
            var refused = r.StatusCode == HttpStatusCode.Forbidden
                || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/Account/Denied", StringComparison.Ordinal));
            refused.ShouldBeTrue($"{role} POST {url} gave {r.StatusCode} {r.Headers.Location}");
        }
        var after = await app.WithSystemScopeAsync(async db => (
            await db.TermTargets.Select(t => t.Count).SingleAsync(),
            await db.YearTargets.Where(y => y.Year == 2026).Select(y => y.Count).SingleAsync(),
            await db.CellTargets.CountAsync(),
            await db.YearTargets.SumAsync(y => y.Version)));
        after.ShouldBe(before);
        // Reading the plan is a permission of its own: a mentor follows candidates, not the plan.
        var reads = await b.Client.GetAsync("/Targets");
        (reads.StatusCode == HttpStatusCode.OK).ShouldBe(PermissionTable.Allows(role, Permission.ViewPlan), $"{role} GET /Targets: {reads.StatusCode}");
    }
}

public sealed class TargetTests_Sqlite(SqliteApp app) : TargetTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TargetTests_Postgres(PostgresApp app) : TargetTests<PostgresApp>(app), IClassFixture<PostgresApp>;
