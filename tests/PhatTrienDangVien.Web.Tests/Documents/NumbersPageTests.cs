using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Documents;

/// <summary>
/// The page of the document number series (/Documents/Numbers) as a breaker and a new user found it: a form loaded
/// before someone else's save changes nothing, the trail names the series, every button and refused field says whose
/// it is, messages name their field, and the next number is read the way the timeline reads a typed one. Each test
/// uses its own series of a database of its own.
/// </summary>
public abstract class NumbersPageTests<TApp>(TApp app) where TApp : AppFactory
{
    private const string Page = "/Documents/Numbers";

    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static IElement Row(IHtmlDocument page, int organisation, string type) =>
        page.QuerySelector($"[data-series='{organisation}/{type}']") ?? throw new ShouldAssertException($"no row {organisation}/{type}");

    /// <summary>The version the row's form carries, as a browser would post it.</summary>
    private static string VersionOf(IHtmlDocument page, int organisation, string type) =>
        Row(page, organisation, type).QuerySelector("input[name=version]")!.GetAttribute("value") ?? "";

    private static Task<HttpResponseMessage> PostAsync(Browser b, int organisation, string type, string next, string version, string? startsOn = null) =>
        b.PostRawAsync(Page, [new("organisationId", S(organisation)), new("type", type), new("next", next), new("version", version), new("startsOn", startsOn ?? "")], Page);

    private Task<int?> LastNumberAsync(int organisation, string type) => app.WithSystemScopeAsync(db =>
        db.DocumentCounters.Where(c => c.OrganisationId == organisation && c.DocumentType == type).Select(c => (int?)c.LastNumber).SingleOrDefaultAsync());

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage r) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await r.Content.ReadAsStringAsync());

    [Fact]
    public async Task A_form_loaded_before_another_save_of_the_series_is_refused_and_changes_nothing()
    {
        var office = await Browser.LoginAsync(app, "office");
        var commune = app.Data.CommuneId;
        // Two tabs open on a series nobody has set yet.
        var (_, first) = await office.GetAsync(Page);
        var (_, second) = await office.GetAsync(Page);
        var seenFirst = VersionOf(first, commune, "NQ/ĐU");
        var seenSecond = VersionOf(second, commune, "NQ/ĐU");

        (await PostAsync(office, commune, "NQ/ĐU", "38", seenFirst)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stale = await PostAsync(office, commune, "NQ/ĐU", "50", seenSecond);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.Content.ReadAsStringAsync()).ShouldContain("vừa có thay đổi");
        (await LastNumberAsync(commune, "NQ/ĐU")).ShouldBe(37, "the first save stands");

        // Once the series has its row, a form loaded before the next change is stale as well.
        var (_, third) = await office.GetAsync(Page);
        var seen = VersionOf(third, commune, "NQ/ĐU");
        (await PostAsync(office, commune, "NQ/ĐU", "40", seen)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(office, commune, "NQ/ĐU", "45", seen)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await LastNumberAsync(commune, "NQ/ĐU")).ShouldBe(39);
    }

    [Fact]
    public async Task Two_first_saves_of_one_series_at_once_leave_one_and_tell_the_other()
    {
        var one = await Browser.LoginAsync(app, "office");
        var other = await Browser.LoginAsync(app, "office");
        var cell = app.Data.CellB;
        var (_, page) = await one.GetAsync(Page);
        var seen = VersionOf(page, cell, "NQ/CB");
        var answers = await Task.WhenAll(PostAsync(one, cell, "NQ/CB", "12", seen), PostAsync(other, cell, "NQ/CB", "20", seen));
        answers.Count(a => a.StatusCode == HttpStatusCode.Redirect).ShouldBe(1, string.Join(", ", answers.Select(a => a.StatusCode)));
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBe(1);
        var kept = answers[0].StatusCode == HttpStatusCode.Redirect ? 11 : 19;
        (await LastNumberAsync(cell, "NQ/CB")).ShouldBe(kept);
    }

    [Fact]
    public async Task The_trail_names_the_body_and_type_of_the_series_changed()
    {
        var office = await Browser.LoginAsync(app, "office");
        var sub = app.Data.SubCommitteeId;
        var (_, page) = await office.GetAsync(Page);
        var type = page.QuerySelectorAll($"[data-series^='{sub}/']").Select(r => r.GetAttribute("data-series")![(S(sub).Length + 1)..]).First();
        (await PostAsync(office, sub, type, "9", VersionOf(page, sub, type))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (_, page) = await office.GetAsync(Page);
        (await PostAsync(office, sub, type, "22", VersionOf(page, sub, type))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var admin = await Browser.LoginAsync(app, "admin");
        var (_, trail) = await admin.GetAsync("/Admin/Audit?EntityType=DocumentCounter");
        var text = trail.Body!.TextContent;
        text.ShouldContain($"{type} của Đảng bộ bộ phận Khối Trường, nhiệm kỳ 2025–2030");
    }

    [Fact]
    public async Task Every_save_button_says_whose_series_it_saves_and_a_refused_field_points_to_its_message()
    {
        var office = await Browser.LoginAsync(app, "office");
        var (_, page) = await office.GetAsync(Page);
        var rows = page.QuerySelectorAll("[data-series]").ToList();
        rows.Count.ShouldBeGreaterThan(3);
        var names = rows.Select(r => r.QuerySelector("button")!.TextContent.Trim()).ToList();
        names.Distinct().Count().ShouldBe(rows.Count, "each button's accessible name is its own");
        Row(page, app.Data.CellA, "NQ/CB").QuerySelector("button")!.TextContent.ShouldContain("NQ/CB của Chi bộ Ấp Mỹ Lợi");

        var refused = await PostAsync(office, app.Data.CellA, "NQ/CB", "abc", VersionOf(page, app.Data.CellA, "NQ/CB"), "2026-08-03");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var after = await ParseAsync(refused);
        var row = Row(after, app.Data.CellA, "NQ/CB");
        var next = row.QuerySelector("input[name=next]")!;
        next.GetAttribute("aria-invalid").ShouldBe("true");
        next.GetAttribute("value").ShouldBe("abc");
        var described = after.GetElementById(next.GetAttribute("aria-describedby")!)!;
        described.TextContent.ShouldContain("không đọc được");
        var from = row.QuerySelector("input[name=startsOn]")!;
        from.GetAttribute("value").ShouldBe("03/08/2026", "what the user sent is kept, shown as dd/MM/yyyy (decision 0027)");
        from.HasAttribute("aria-invalid").ShouldBeFalse("the date was fine");
        // The other rows are not marked.
        after.QuerySelectorAll("[aria-invalid]").Length.ShouldBe(1);
    }

    [Fact]
    public async Task The_messages_name_their_field_and_the_terms_dates()
    {
        var office = await Browser.LoginAsync(app, "office");
        var cell = app.Data.CellA;
        var (_, page) = await office.GetAsync(Page);

        var noType = await office.PostRawAsync(Page, [new("organisationId", S(cell)), new("next", "5"), new("version", "")], Page);
        noType.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var noTypeText = (await ParseAsync(noType)).QuerySelector("#number-error")!.TextContent;
        noTypeText.ShouldContain("Hãy nhập loại văn bản.");
        noTypeText.ShouldNotContain("type");

        var badDate = await PostAsync(office, cell, "NQ/CB", "5", VersionOf(page, cell, "NQ/CB"), "abc");
        badDate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var badDatePage = await ParseAsync(badDate);
        badDatePage.QuerySelector("#number-error")!.TextContent.ShouldContain("không hợp lệ cho ngày bắt đầu đánh số");
        Row(badDatePage, cell, "NQ/CB").QuerySelector("input[name=startsOn]")!.GetAttribute("aria-invalid").ShouldBe("true");

        // June 2025 reads as inside "2025–2030"; the message gives the term's first and last day.
        var june = await PostAsync(office, cell, "NQ/CB", "5", VersionOf(page, cell, "NQ/CB"), "2025-06-15");
        june.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var juneText = (await ParseAsync(june)).QuerySelector("#number-error")!.TextContent;
        juneText.ShouldContain("từ 01/07/2025 đến 30/06/2030");

        // Both fields wrong: both said at once, each field marked.
        var both = await ParseAsync(await PostAsync(office, cell, "NQ/CB", "abc", VersionOf(page, cell, "NQ/CB"), "2025-06-15"));
        Row(both, cell, "NQ/CB").QuerySelectorAll("[aria-invalid=true]").Select(i => i.GetAttribute("name")).ShouldBe(["next", "startsOn"]);
        Row(both, cell, "NQ/CB").QuerySelector(".series-error")!.TextContent.ShouldContain("01/07/2025");
        (await LastNumberAsync(cell, "NQ/CB")).ShouldBeNull("nothing was saved");
    }

    [Fact]
    public async Task The_next_number_is_read_as_the_timeline_reads_a_typed_one()
    {
        var office = await Browser.LoginAsync(app, "office");
        var commune = app.Data.CommuneId;
        var (_, page) = await office.GetAsync(Page);
        var type = page.QuerySelectorAll($"[data-series^='{commune}/']").Select(r => r.GetAttribute("data-series")![(S(commune).Length + 1)..]).First(t => t != "NQ/ĐU");
        var version = VersionOf(page, commune, type);
        foreach (var (typed, message) in new[]
        {
            ("15-NQ/CB", $"sổ này mang số loại {type}, không phải “NQ/CB”"),
            ("mười lăm", "không đọc được"),
            ("0", "phải từ 1 đến"),
            ("", "Hãy nhập số tiếp theo"),
        })
        {
            var refused = await PostAsync(office, commune, type, typed, version);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, typed);
            (await ParseAsync(refused)).QuerySelector("#number-error")!.TextContent.ShouldContain(message, customMessage: typed);
        }
        (await LastNumberAsync(commune, type)).ShouldBeNull();

        var set = await PostAsync(office, commune, type, $"15-{type.ToLowerInvariant()}", version);
        set.StatusCode.ShouldBe(HttpStatusCode.Redirect, await set.Content.ReadAsStringAsync());
        (await LastNumberAsync(commune, type)).ShouldBe(14);
        (_, page) = await office.GetAsync(Page);
        page.QuerySelector(".alert-success")?.TextContent.ShouldContain($"là 15-{type}");
    }
}

public sealed class NumbersPageTests_Sqlite(SqliteApp app) : NumbersPageTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class NumbersPageTests_Postgres(PostgresApp app) : NumbersPageTests<PostgresApp>(app), IClassFixture<PostgresApp>;
