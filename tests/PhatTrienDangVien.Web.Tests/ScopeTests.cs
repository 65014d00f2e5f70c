using System.Net;
using System.Net.Http.Json;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests;

/// <summary>Every entity type: an account scoped to cell A cannot reach cell B's records, by page or by API.</summary>
public abstract class ScopeTests<TApp>(TApp app) where TApp : AppFactory
{
    public static readonly TheoryData<string> ScopedRoles = [Roles.CellSecretary, Roles.CommitteeMember, Roles.Mentor];

    private TestData D => app.Data;

    private static bool Hidden(HttpStatusCode code) => code is HttpStatusCode.NotFound or HttpStatusCode.Forbidden;

    private static bool Hidden(HttpResponseMessage r) =>
        Hidden(r.StatusCode) || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/Account/Denied", StringComparison.Ordinal));

    [Theory, MemberData(nameof(ScopedRoles))]
    public async Task A_user_scoped_to_cell_A_gets_nothing_of_cell_B_by_page(string role)
    {
        var b = await Browser.LoginAsync(app, TestData.UserOfRole[role]);
        foreach (var url in new[]
        {
            $"/Members/Details/{D.MemberB}", $"/Members/Edit/{D.MemberB}",
            $"/Candidates/Details/{D.CandidateB}", $"/Candidates/Edit/{D.CandidateB}",
            $"/Organisations/Edit/{D.CellB}",
            // A list filtered to a cell out of scope is not found, its exports too (not an empty file titled "all").
            $"/Candidates?CellId={D.CellB}", $"/Candidates?handler=Xlsx&CellId={D.CellB}", $"/Candidates?handler=Export&CellId={D.CellB}",
            $"/Work?CellId={D.CellB}", $"/Work?handler=Xlsx&CellId={D.CellB}",
        })
        {
            var r = await b.Client.GetAsync(url);
            Hidden(r).ShouldBeTrue($"{role} reached {url}: {r.StatusCode}");
        }
        var (_, members) = await b.GetAsync("/Members");
        members.Body!.TextContent.ShouldNotContain("Phạm Thị Dung");
        var (_, candidates) = await b.GetAsync("/Candidates");
        candidates.Body!.TextContent.ShouldNotContain("Huỳnh Ngọc Ánh");
        var (_, tree) = await b.GetAsync("/Organisations");
        tree.Body!.TextContent.ShouldNotContain("Chi bộ Trường Tiểu học");
    }

    [Theory, MemberData(nameof(ScopedRoles))]
    public async Task A_user_scoped_to_cell_A_gets_nothing_of_cell_B_by_api(string role)
    {
        var b = await Browser.LoginAsync(app, TestData.UserOfRole[role]);
        foreach (var url in new[] { $"/api/members/{D.MemberB}", $"/api/candidates/{D.CandidateB}", $"/api/organisations/{D.CellB}" })
            Hidden((await b.Client.GetAsync(url)).StatusCode).ShouldBeTrue($"{role} reached {url}");
        var list = await b.Client.GetStringAsync("/api/members");
        list.ShouldNotContain("Phạm Thị Dung");
        (await b.Client.GetStringAsync("/api/candidates")).ShouldNotContain("Huỳnh Ngọc Ánh");
        (await b.Client.GetStringAsync("/api/organisations")).ShouldNotContain("Trường Tiểu học");
        var put = await b.Client.PutAsJsonAsync($"/api/members/{D.MemberB}", new { });
        Hidden(put.StatusCode).ShouldBeTrue($"{role} could write member B: {put.StatusCode}");
    }

    [Fact]
    public async Task The_cell_secretary_sees_and_edits_own_cell()
    {
        var b = await Browser.LoginAsync(app, "secretary");
        (await b.Client.GetAsync($"/Members/Details/{D.MemberA}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await b.Client.GetAsync($"/Candidates/Edit/{D.CandidateA}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await b.Client.GetAsync($"/api/members/{D.MemberA}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_cell_secretary_cannot_put_a_new_member_into_another_cell()
    {
        var b = await Browser.LoginAsync(app, "secretary");
        var before = await app.WithSystemScopeAsync(db => Task.FromResult(db.Members.Count()));
        var r = await b.PostFormAsync("/Members/Edit", new()
        {
            ["Person.FullName"] = "Đoàn Văn Lạc", ["Person.DateOfBirth"] = "1990-01-01", ["Member.CellId"] = D.CellB.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("nằm ngoài phạm vi được giao");
        (await app.WithSystemScopeAsync(db => Task.FromResult(db.Members.Count()))).ShouldBe(before);
    }

    [Fact]
    public async Task The_mentor_sees_only_the_candidates_they_follow()
    {
        var b = await Browser.LoginAsync(app, "mentor");
        (await b.Client.GetAsync($"/Candidates/Details/{D.CandidateA}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        Hidden(await b.Client.GetAsync($"/Members/Details/{D.MemberA}")).ShouldBeTrue();
        Hidden(await b.Client.GetAsync($"/Candidates/Edit/{D.CandidateA}")).ShouldBeTrue("a mentor reads, the cell edits");
    }

    [Fact]
    public async Task The_inspector_reads_everything_and_changes_nothing()
    {
        var b = await Browser.LoginAsync(app, "inspector");
        (await b.Client.GetAsync($"/Members/Details/{D.MemberB}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await b.Client.GetAsync($"/Candidates/Details/{D.CandidateA}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        Hidden(await b.Client.GetAsync($"/Members/Edit/{D.MemberB}")).ShouldBeTrue();
        var put = await b.Client.PutAsJsonAsync($"/api/members/{D.MemberB}", new { });
        Hidden(put.StatusCode).ShouldBeTrue($"inspector PUT gave {put.StatusCode}");
    }

    [Fact]
    public async Task The_commune_office_sees_both_cells()
    {
        var b = await Browser.LoginAsync(app, "office");
        (await b.Client.GetAsync($"/Members/Details/{D.MemberB}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await b.Client.GetAsync($"/Candidates/Details/{D.CandidateB}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (_, tree) = await b.GetAsync("/Organisations");
        tree.Body!.TextContent.ShouldContain("Chi bộ Trường Tiểu học");
    }

    [Fact]
    public async Task Pages_and_api_need_a_login()
    {
        var b = Browser.Anonymous(app);
        var page = await b.Client.GetAsync("/Members");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await b.Client.GetAsync("/api/members")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

public sealed class ScopeTests_Sqlite(SqliteApp app) : ScopeTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ScopeTests_Postgres(PostgresApp app) : ScopeTests<PostgresApp>(app), IClassFixture<PostgresApp>;
