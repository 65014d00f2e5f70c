using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Organisations;

/// <summary>
/// Two people edit the same organisation, hamlet or school: the one who saves second gets both versions side by side
/// (Vietnamese labels, names instead of ids), nothing is overwritten, and saving again from that page keeps theirs.
/// </summary>
public abstract class LostUpdateTests<TApp>(TApp app) where TApp : AppFactory
{
    private static readonly HtmlParser s_parser = new();

    private TestData D => app.Data;

    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> form, string key, string value) =>
        [.. form.Where(kv => kv.Key != key), new(key, value)];

    /// <summary>Posts the form as user A filled it; expects the conflict page and reads its table (field → yours, theirs).</summary>
    private static async Task<(IHtmlDocument Page, Dictionary<string, (string Yours, string Theirs)> Rows)> ConflictAsync(
        Browser user, string url, List<KeyValuePair<string, string>> form)
    {
        var r = await user.Client.PostAsync(url, new FormUrlEncodedContent(form));
        var html = await r.Content.ReadAsStringAsync();
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict, html);
        var page = await s_parser.ParseDocumentAsync(html);
        page.QuerySelector(".conflict")!.TextContent.ShouldContain("vừa được người khác sửa");
        var rows = page.QuerySelectorAll(".conflict tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList())
            .ToDictionary(c => c[0], c => (c[1], c[2]));
        return (page, rows);
    }

    private static void ShowsNoId(Dictionary<string, (string Yours, string Theirs)> rows, params int[] ids)
    {
        foreach (var (field, (yours, theirs)) in rows)
            foreach (var id in ids)
            {
                yours.ShouldNotBe(S(id), $"“{field}” shows an id");
                theirs.ShouldNotBe(S(id), $"“{field}” shows an id");
            }
    }

    private static async Task SavedAsync(Browser user, string url, List<KeyValuePair<string, string>> form, string to)
    {
        var r = await user.Client.PostAsync(url, new FormUrlEncodedContent(form));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        r.Headers.Location!.ToString().ShouldBe(to);
    }

    [Fact]
    public async Task An_organisation_saved_meanwhile_is_shown_beside_yours_by_name_and_kept_until_you_save_again()
    {
        var office = await Browser.LoginAsync(app, "office");
        var admin = await Browser.LoginAsync(app, "admin");
        (await office.PostFormAsync("/Organisations/Edit", new() { ["Input.Name"] = "Chi bộ Ấp Phú Hòa", ["Input.ParentId"] = S(D.CommuneId) }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await app.WithSystemScopeAsync(db => db.Organisations.Where(o => o.Name == "Chi bộ Ấp Phú Hòa").Select(o => o.Id).SingleAsync());
        var url = $"/Organisations/Edit/{S(id)}";

        // A opens the form; B moves the cell under the sub-committee; A, unaware, renames it.
        var mine = With(Browser.FormValues((await office.GetAsync(url)).Document), "Input.Name", "Chi bộ Ấp Phú Hòa Một");
        (await admin.PostFormAsync(url, new() { ["Input.ParentId"] = S(D.SubCommitteeId) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (page, rows) = await ConflictAsync(office, url, mine);

        rows["Trực thuộc"].ShouldBe(("Đảng bộ xã Thử Nghiệm", "Đảng bộ bộ phận Khối Trường"));
        rows["Tên"].ShouldBe(("Chi bộ Ấp Phú Hòa Một", "Chi bộ Ấp Phú Hòa"));
        ShowsNoId(rows, D.CommuneId, D.SubCommitteeId);
        var stored = await app.WithSystemScopeAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == id));
        (stored.Name, stored.ParentId).ShouldBe(("Chi bộ Ấp Phú Hòa", D.SubCommitteeId));

        // Saving from the conflict page means A has seen B's version and keeps theirs.
        await SavedAsync(office, url, Browser.FormValues(page), "/Organisations");
        stored = await app.WithSystemScopeAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == id));
        (stored.Name, stored.ParentId).ShouldBe(("Chi bộ Ấp Phú Hòa Một", D.CommuneId));
    }

    [Fact]
    public async Task A_hamlet_saved_meanwhile_is_shown_beside_yours_and_kept_until_you_save_again()
    {
        var office = await Browser.LoginAsync(app, "office");
        var admin = await Browser.LoginAsync(app, "admin");
        (await office.PostFormAsync("/Hamlets/Edit", new() { ["Input.Name"] = "Ấp Hòa Bình", ["Input.Population"] = "1000", ["Input.Households"] = "200" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await app.WithSystemScopeAsync(db => db.Hamlets.Where(h => h.Name == "Ấp Hòa Bình").Select(h => h.Id).SingleAsync());
        var url = $"/Hamlets/Edit/{S(id)}";

        var mine = With(Browser.FormValues((await office.GetAsync(url)).Document), "Input.Population", "1200");
        (await admin.PostFormAsync(url, new() { ["Input.Name"] = "Ấp Hòa Bình Đông" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (page, rows) = await ConflictAsync(office, url, mine);

        rows["Tên ấp"].ShouldBe(("Ấp Hòa Bình", "Ấp Hòa Bình Đông"));
        rows["Dân số"].ShouldBe(("1.200", "1.000"));
        ShowsNoId(rows, id);
        var stored = await app.WithSystemScopeAsync(db => db.Hamlets.AsNoTracking().SingleAsync(h => h.Id == id));
        (stored.Name, stored.Population).ShouldBe(("Ấp Hòa Bình Đông", 1000));

        await SavedAsync(office, url, Browser.FormValues(page), "/Hamlets");
        stored = await app.WithSystemScopeAsync(db => db.Hamlets.AsNoTracking().SingleAsync(h => h.Id == id));
        (stored.Name, stored.Population).ShouldBe(("Ấp Hòa Bình", 1200));
    }

    [Fact]
    public async Task A_school_saved_meanwhile_is_shown_beside_yours_by_name_and_kept_until_you_save_again()
    {
        var office = await Browser.LoginAsync(app, "office");
        var admin = await Browser.LoginAsync(app, "admin");
        (await office.PostFormAsync("/Schools/Edit", new()
        {
            ["Input.Name"] = "Trường THCS Phú Hòa", ["Input.Level"] = "LowerSecondary", ["Input.Teachers"] = "20", ["Input.CellId"] = S(D.CellA),
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await app.WithSystemScopeAsync(db => db.Schools.Where(s => s.Name == "Trường THCS Phú Hòa").Select(s => s.Id).SingleAsync());
        var url = $"/Schools/Edit/{S(id)}";

        var mine = With(Browser.FormValues((await office.GetAsync(url)).Document), "Input.Teachers", "30");
        (await admin.PostFormAsync(url, new() { ["Input.CellId"] = S(D.CellB) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (page, rows) = await ConflictAsync(office, url, mine);

        rows["Chi bộ của trường"].ShouldBe(("Chi bộ Ấp Mỹ Lợi", "Chi bộ Trường Tiểu học"));
        rows["Số giáo viên"].ShouldBe(("30", "20"));
        ShowsNoId(rows, D.CellA, D.CellB);
        var stored = await app.WithSystemScopeAsync(db => db.Schools.AsNoTracking().SingleAsync(s => s.Id == id));
        (stored.CellId, stored.Teachers).ShouldBe((D.CellB, 20));

        await SavedAsync(office, url, Browser.FormValues(page), "/Schools");
        stored = await app.WithSystemScopeAsync(db => db.Schools.AsNoTracking().SingleAsync(s => s.Id == id));
        (stored.CellId, stored.Teachers).ShouldBe((D.CellA, 30));
    }
}

public sealed class LostUpdateTests_Sqlite(SqliteApp app) : LostUpdateTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class LostUpdateTests_Postgres(PostgresApp app) : LostUpdateTests<PostgresApp>(app), IClassFixture<PostgresApp>;
