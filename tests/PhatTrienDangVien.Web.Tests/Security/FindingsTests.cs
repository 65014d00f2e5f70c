using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Security;

/// <summary>The application with every log line kept, so a test can look for what must never be logged.</summary>
public abstract class LoggedApp(Engine engine) : AppFactory(engine)
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddProvider(Logs));
    }
}

public sealed class LoggedSqliteApp() : LoggedApp(Engine.Sqlite);

public sealed class LoggedPostgresApp() : LoggedApp(Engine.Postgres);

/// <summary>
/// One regression test per finding of the outside test of issue 9 ("What was found"), on both engines: each input that
/// once gave a server error or was stored is now a Vietnamese refusal that changes nothing.
/// </summary>
public abstract class FindingsTests<TApp>(TApp app) where TApp : LoggedApp
{
    private static string S(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private Task<long> AuditTailAsync() =>
        app.WithSystemScopeAsync(async db => await db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => (long?)a.Id) ?? 0);

    [Theory]
    [InlineData("/Members/Edit/{member}", "Member.IsExempt")]
    [InlineData("/Members/Edit/{member}", "Person.IsYouthUnionMember")]
    [InlineData("/Candidates/Edit/{candidate}", "Person.IsTradeUnionMember")]
    public async Task A_check_box_posted_with_a_value_that_is_not_true_or_false_is_refused_and_not_logged(string page, string field)
    {
        var url = page.Replace("{member}", S(app.Data.MemberA), StringComparison.Ordinal).Replace("{candidate}", S(app.Data.CandidateA), StringComparison.Ordinal);
        var b = await Browser.LoginAsync(app, "office");
        var before = await AuditTailAsync();
        var posted = "GIATRI-" + new string('x', 100_000);
        var r = await b.PostFormAsync(url, new() { [field] = posted });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var text = await r.Content.ReadAsStringAsync();
        text.ShouldContain("chỉ có thể đánh dấu hoặc bỏ đánh dấu");
        text.ShouldNotContain(posted[..200]);
        (await AuditTailAsync()).ShouldBe(before);
        app.Logs.Lines.ShouldNotContain(l => l.Contains("GIATRI-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Posting_to_a_page_that_only_shows_gives_no_server_error()
    {
        var pages = Crawler.PagesWithoutValues(app);
        pages.Count.ShouldBeGreaterThan(25);
        var b = await Browser.LoginAsync(app, "admin");
        var errors = new List<string>();
        foreach (var page in pages.Where(p => !p.Contains("Logout", StringComparison.Ordinal)))
        {
            var r = await b.PostRawAsync(page, [new("x", "1")], "/");
            if ((int)r.StatusCode >= 500) errors.Add($"POST {page}: {(int)r.StatusCode}");
        }
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_cell_targets_form_saves_more_than_127_cells()
    {
        var cells = await app.WithSystemScopeAsync(async db =>
        {
            var existing = await db.Organisations.CountAsync(o => o.CommuneId == app.Data.CommuneId && o.Kind == OrganisationKind.Cell);
            for (var i = existing; i < 160; i++)
                db.Organisations.Add(new Organisation
                {
                    CommuneId = app.Data.CommuneId, Name = $"Chi bộ Thử {i:000}", Kind = OrganisationKind.Cell, CellKind = CellKind.Hamlet,
                    ParentId = app.Data.CommuneId, IsActive = true,
                });
            await db.SaveChangesAsync();
            return await db.Organisations.CountAsync(o => o.CommuneId == app.Data.CommuneId && o.Kind == OrganisationKind.Cell && o.IsActive);
        });
        cells.ShouldBeGreaterThanOrEqualTo(160);
        var office = await Browser.LoginAsync(app, "office");
        var (_, doc) = await office.GetAsync("/Targets/Cells/2027");
        var values = new Dictionary<string, string>();
        foreach (var input in doc.QuerySelectorAll("input[name$='.CellId']").OfType<IHtmlInputElement>())
            values[input.Name![..^".CellId".Length] + ".Count"] = "0";
        values.Count.ShouldBeGreaterThanOrEqualTo(160);
        var r = await office.PostFormAsync("/Targets/Cells/2027", values);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("-1")]
    public async Task A_cell_target_no_cell_could_reach_is_refused_in_vietnamese(string count)
    {
        var office = await Browser.LoginAsync(app, "office");
        var (_, doc) = await office.GetAsync("/Targets/Cells/2028");
        var first = doc.QuerySelectorAll("input[name$='.CellId']").OfType<IHtmlInputElement>().First().Name![..^".CellId".Length];
        var before = await AuditTailAsync();
        var r = await office.PostFormAsync("/Targets/Cells/2028", new() { [first + ".Count"] = count });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AuditTailAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("Input.UserName", "")]
    [InlineData("Input.Role", "")]
    [InlineData("Input.Role", "SuperAdmin")]
    public async Task An_account_form_without_a_user_name_or_a_known_role_is_refused_in_vietnamese(string field, string value)
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var before = await AuditTailAsync();
        var create = await admin.PostFormAsync("/Admin/Users/Create", new()
        {
            ["Input.UserName"] = "thu.rong", ["Input.FullName"] = "Đặng Văn Thử", ["Input.Role"] = "Inspector", [field] = value,
        });
        create.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var inspector = await app.WithSystemScopeAsync(db => db.Users.Where(u => u.UserName == "inspector").Select(u => u.Id).SingleAsync());
        if (field == "Input.Role")
        {
            var edit = await admin.PostFormAsync($"/Admin/Users/Edit/{inspector}", new() { [field] = value });
            edit.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }
        (await AuditTailAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("MinAgeMonths", "99999999999")]
    [InlineData("MinAgeMonths", "-1")]
    [InlineData("ProbationMonths", "1e309")]
    public async Task A_rule_value_beyond_its_meaning_is_refused(string key, string value)
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var before = await AuditTailAsync();
        var r = await admin.PostRawAsync("/Rules",
            [new("Input.Key", key), new("Input.Value", value), new("Input.EffectiveFrom", "2030-01-01"), new("Input.Citation", "Thử")], "/Rules");
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AuditTailAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_date_at_the_end_of_the_calendar_on_a_form_is_refused()
    {
        var office = await Browser.LoginAsync(app, "office");
        var before = await AuditTailAsync();
        var r = await office.PostFormAsync($"/Members/Edit/{app.Data.MemberA}", new() { ["Member.CeremonyDate"] = "9999-12-31" });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AuditTailAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("/person/fullName", "\"\"")]
    [InlineData("/person/fullName", "\"LONG\"")]
    [InlineData("/person/generalEducationGrade", "-1")]
    [InlineData("/person/generalEducationGrade", "2147483647")]
    [InlineData("/person/gender", "7")]
    [InlineData("/person/dateOfBirth", "null")]
    [InlineData("/person/dateOfBirth", "\"1899-12-31\"")]
    [InlineData("/member/cellId", "null")]
    [InlineData("/member/status", "42")]
    [InlineData("/member/notes", "\"LONG\"")]
    public async Task The_api_refuses_what_the_form_refuses(string path, string json)
    {
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var body = (await office.GetFromJsonAsync<JsonObject>($"/api/members/{app.Data.MemberB}"))!;
        var keys = path.Trim('/').Split('/');
        var value = json == "\"LONG\"" ? JsonValue.Create(new string('a', 100_000)) : JsonNode.Parse(json);
        ((JsonObject)body[keys[0]]!)[keys[1]] = value;
        var before = await AuditTailAsync();
        var r = await office.PutAsync($"/api/members/{app.Data.MemberB}", Json(body.ToJsonString()));
        ((int)r.StatusCode).ShouldBeInRange(400, 422, await r.Content.ReadAsStringAsync());
        (await r.Content.ReadAsStringAsync()).ShouldNotContain(new string('a', 200));
        (await AuditTailAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("""{"kind":"Introduction","date":"2026-06-01","path":7,"introducers":[{"memberId":1,"togetherSince":"2020-01-01"}]}""")]
    [InlineData("""{"kind":"PersonalHistory","date":"2026-06-01","people":[{"relationship":"Cha","fullName":"Võ Văn Hùng","result":9}]}""")]
    [InlineData("""{"kind":"AwarenessClass","date":"2026-06-01","certificateNumber":"1/CN","certificateDate":"9999-12-31"}""")]
    [InlineData("""{"kind":"Introduction","date":"2026-06-01","path":"TwoMembers","introducers":[{"memberId":1,"togetherSince":"0001-01-01"}]}""")]
    [InlineData("""{"kind":"SourcePool","date":"2026-06-01","note":"a\u0000b"}""")]
    [InlineData("""{"kind":"SourcePool","date":null}""")]
    [InlineData("""{"kind":"SourcePool"}""")]
    public async Task A_step_with_an_undefined_choice_or_an_impossible_date_is_refused_before_anything_is_stored(string body)
    {
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var before = await AuditTailAsync();
        var r = await office.PostAsync($"/api/candidates/{app.Data.CandidateB}/steps", Json(body));
        ((int)r.StatusCode).ShouldBeInRange(400, 422, await r.Content.ReadAsStringAsync());
        (await AuditTailAsync()).ShouldBe(before);
    }
}

public sealed class FindingsTests_Sqlite(LoggedSqliteApp app) : FindingsTests<LoggedSqliteApp>(app), IClassFixture<LoggedSqliteApp>;

public sealed class FindingsTests_Postgres(LoggedPostgresApp app) : FindingsTests<LoggedPostgresApp>(app), IClassFixture<LoggedPostgresApp>;
