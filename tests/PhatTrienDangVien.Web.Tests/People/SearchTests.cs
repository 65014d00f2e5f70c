using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Demo;
using PhatTrienDangVien.Web.Tests.Demo;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.People;

/// <summary>
/// The header's search on the demo commune: "nguyen van" finds members and candidates alike, each saying which it is,
/// its cell and status, counted by hand from the database; a cell secretary finds only their cell's people; the API
/// answers the same as the page.
/// </summary>
public abstract class SearchTests<TApp>(TApp app) where TApp : DemoAppFactory
{
    private const string Password = DemoSeeder.DemoPassword;

    private static List<IElement> Rows(IHtmlDocument page) => [.. page.QuerySelectorAll("#search-results [data-row]")];

    private static async Task<IHtmlDocument> OpenAsync(Browser b, string url)
    {
        var (response, page) = await b.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return page;
    }

    /// <summary>Members of every status and candidates not yet admitted whose folded name holds <paramref name="folded"/>, in <paramref name="cellId"/> or everywhere.</summary>
    private Task<(int Members, int Candidates)> HandCountAsync(string folded, int? cellId = null) => app.WithSystemScopeAsync(async (db, _) =>
    (
        await db.Members.CountAsync(m => m.Person.FullNameFolded.Contains(folded) && (cellId == null || m.CellId == cellId)),
        await db.Candidates.CountAsync(c => c.Person.FullNameFolded.Contains(folded) && c.Status != CandidateStatus.Admitted && (cellId == null || c.CellId == cellId))
    ));

    private static (int Members, int Candidates) Counted(IHtmlDocument page)
    {
        var figures = page.QuerySelectorAll("#search-count strong").Select(s => int.Parse(s.TextContent.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToList();
        return (figures[0], figures[1]);
    }

    [Fact]
    public async Task Nguyen_van_without_diacritics_finds_members_and_candidates_each_saying_which()
    {
        var hand = await HandCountAsync("nguyen van");
        hand.Members.ShouldBeGreaterThan(0);
        hand.Candidates.ShouldBeGreaterThan(0);
        var b = await Browser.LoginAsync(app, "vanphong", Password);
        var page = await OpenAsync(b, "/Search?q=nguyen%20van");
        Counted(page).ShouldBe(hand);
        var rows = Rows(page);
        rows.ShouldAllBe(r => VietnameseText.Fold(r.QuerySelector("td a")!.TextContent).Contains("nguyen van", StringComparison.Ordinal));
        var members = rows.Where(r => r.GetAttribute("data-kind") == "member").ToList();
        var candidates = rows.Where(r => r.GetAttribute("data-kind") == "candidate").ToList();
        members.Count.ShouldBe(Math.Min(hand.Members, Web.Search.PeopleSearch.Limit));
        candidates.Count.ShouldBe(Math.Min(hand.Candidates, Web.Search.PeopleSearch.Limit));
        // Which kind in words, the member page or the timeline, a cell and a status or stage on every row.
        members.ShouldAllBe(r => r.QuerySelector("td[data-label='Là']")!.TextContent == "đảng viên" && r.QuerySelector("td a")!.GetAttribute("href")!.StartsWith("/Members/Details/"));
        candidates.ShouldAllBe(r => r.QuerySelector("td[data-label='Là']")!.TextContent == "quần chúng ưu tú" && r.QuerySelector("td a")!.GetAttribute("href")!.StartsWith("/Candidates/Timeline/"));
        rows.ShouldAllBe(r => r.QuerySelector("td[data-label='Chi bộ']")!.TextContent.StartsWith("Chi bộ") && r.QuerySelector("td[data-label='Tình trạng / giai đoạn']")!.TextContent.Length > 0);
        // Typed with its diacritics, the same people.
        Counted(await OpenAsync(b, "/Search?q=" + Uri.EscapeDataString("Nguyễn Văn"))).ShouldBe(hand);
    }

    [Fact]
    public async Task A_cell_secretary_finds_only_the_people_of_their_cell()
    {
        var (cell, outsider) = await app.WithSystemScopeAsync(async (db, _) =>
        {
            var cellId = (await db.Users.Where(u => u.UserName == "bithu").Select(u => u.OrganisationId).SingleAsync())!.Value;
            // A candidate of another cell whose whole name no one in the secretary's cell shares.
            var others = await db.Candidates.Where(c => c.CellId != cellId && c.Status == CandidateStatus.Active).Select(c => c.Person.FullNameFolded).ToListAsync();
            var inCell = await db.People.Where(p => db.Members.Any(m => m.PersonId == p.Id && m.CellId == cellId) || db.Candidates.Any(c => c.PersonId == p.Id && c.CellId == cellId))
                .Select(p => p.FullNameFolded).ToListAsync();
            return (cellId, others.First(o => !inCell.Any(n => n.Contains(o, StringComparison.Ordinal))));
        });
        var cellName = await app.WithSystemScopeAsync((db, _) => db.Organisations.Where(o => o.Id == cell).Select(o => o.Name).SingleAsync());
        var secretary = await Browser.LoginAsync(app, "bithu", Password);
        var page = await OpenAsync(secretary, "/Search?q=nguyen");
        Counted(page).ShouldBe(await HandCountAsync("nguyen", cell));
        Rows(page).ShouldNotBeEmpty();
        Rows(page).ShouldAllBe(r => r.QuerySelector("td[data-label='Chi bộ']")!.TextContent == cellName);
        Counted(await OpenAsync(secretary, "/Search?q=" + Uri.EscapeDataString(outsider))).ShouldBe((0, 0));
        // The office finds that person: the secretary's empty answer is the scope, not the spelling.
        var office = await Browser.LoginAsync(app, "vanphong", Password);
        Counted(await OpenAsync(office, "/Search?q=" + Uri.EscapeDataString(outsider))).Candidates.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_mentor_finds_their_candidates_and_no_member()
    {
        var b = await Browser.LoginAsync(app, "giupdo", Password);
        var page = await OpenAsync(b, "/Search?q=n");
        page.QuerySelector("#search-message")!.TextContent.ShouldContain("ít nhất 2");
        var theirs = await app.WithSystemScopeAsync(async (db, _) =>
        {
            var me = await db.Users.Where(u => u.UserName == "giupdo").Select(u => u.MemberId).SingleAsync();
            return await db.Candidates.Where(c => c.MentorMemberId == me && c.Status != CandidateStatus.Admitted).Select(c => c.Person.FullName).ToListAsync();
        });
        var first = theirs[0];
        var found = Rows(await OpenAsync(b, "/Search?q=" + Uri.EscapeDataString(VietnameseText.Fold(first))));
        found.ShouldContain(r => r.QuerySelector("td a")!.TextContent == first);
        found.ShouldAllBe(r => r.GetAttribute("data-kind") == "candidate");
    }

    [Theory]
    [InlineData("vanphong", "nguyen van")]
    [InlineData("bithu", "nguyen")]
    [InlineData("capuy", "tran thi")]
    public async Task The_api_answers_as_the_page(string user, string query)
    {
        var b = await Browser.LoginAsync(app, user, Password);
        var page = await OpenAsync(b, "/Search?q=" + Uri.EscapeDataString(query));
        var response = await b.Client.GetAsync("/api/search?q=" + Uri.EscapeDataString(query));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        (root.GetProperty("memberTotal").GetInt32(), root.GetProperty("candidateTotal").GetInt32()).ShouldBe(Counted(page));
        var fromApi = root.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("kind").GetString()!, i.GetProperty("url").GetString()!, i.GetProperty("fullName").GetString()!,
                i.GetProperty("birthYear").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), i.GetProperty("cell").GetString()!, i.GetProperty("status").GetString()!)).ToList();
        var fromPage = Rows(page).Select(r => (r.GetAttribute("data-kind")!, r.QuerySelector("td a")!.GetAttribute("href")!, r.QuerySelector("td a")!.TextContent,
            r.QuerySelector("td[data-label='Năm sinh']")!.TextContent,
            r.QuerySelector("td[data-label='Chi bộ']")!.TextContent, r.QuerySelector("td[data-label='Tình trạng / giai đoạn']")!.TextContent)).ToList();
        fromApi.ShouldBe(fromPage);
        fromApi.ShouldNotBeEmpty();
        // Too short: a Vietnamese problem, not a list of half the commune.
        var tooShort = await b.Client.GetAsync("/api/search?q=a");
        tooShort.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooShort.Content.ReadAsStringAsync()).ShouldContain("Hãy gõ ít nhất");
    }

    [Fact]
    public async Task The_header_holds_one_labelled_search_box_that_opens_the_search_page()
    {
        var b = await Browser.LoginAsync(app, "bithu", Password);
        var page = await OpenAsync(b, "/Candidates");
        var form = page.QuerySelectorAll("nav form[role=search]").ShouldHaveSingleItem();
        form.GetAttribute("action").ShouldBe("/Search");
        var input = form.QuerySelector("input[name=q]").ShouldNotBeNull();
        form.QuerySelector($"label[for='{input.Id}']")!.TextContent.ShouldNotBeEmpty();
    }
}

public sealed class SearchTests_Sqlite(DemoSqliteApp app) : SearchTests<DemoSqliteApp>(app), IClassFixture<DemoSqliteApp>;

public sealed class SearchTests_Postgres(DemoPostgresApp app) : SearchTests<DemoPostgresApp>(app), IClassFixture<DemoPostgresApp>;
