using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.People;

/// <summary>Input a client can send that once gave a server error: each is now a Vietnamese 400 and changes nothing.</summary>
public abstract class BadInputTests<TApp>(TApp app) where TApp : AppFactory
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("""{"kind":"PersonalHistory","date":"2026-01-06","people":[null]}""")]
    [InlineData("""{"kind":"Introduction","date":"2026-01-06","path":"TwoMembers","introducers":[null]}""")]
    [InlineData("""{"kind":"Application","date":"2026-01-06","people":[null],"introducers":null}""")]
    public async Task Null_entries_in_a_steps_lists_are_refused_without_a_server_error(string body)
    {
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var r = await office.PostAsync($"/api/candidates/{app.Data.CandidateB}/steps", Json(body));
        ((int)r.StatusCode).ShouldBeLessThan(500, await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Control_and_direction_override_characters_are_refused_by_the_form_and_the_api_alike()
    {
        var b = await Browser.LoginAsync(app, "office");
        string Name() => app.WithSystemScopeAsync(db => db.Members.Where(m => m.Id == app.Data.MemberB).Select(m => m.Person.FullName).SingleAsync()).Result;
        var before = Name();

        var form = await b.PostFormAsync($"/Members/Edit/{app.Data.MemberB}", new() { ["Person.FullName"] = "Phạm Thị \u202EgnuD" });
        form.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await form.Content.ReadAsStringAsync()).ShouldContain("chứa ký tự điều khiển, ký tự ẩn hoặc ký tự đảo chiều văn bản không được phép");

        var json = (await b.Client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/members/{app.Data.MemberB}"))!;
        json["person"]!["fullName"] = "Phạm Thị\u0000 Dung";
        var api = await b.Client.PutAsJsonAsync($"/api/members/{app.Data.MemberB}", json);
        ((int)api.StatusCode).ShouldBeInRange(400, 422);
        (await api.Content.ReadAsStringAsync()).ShouldContain("chứa ký tự điều khiển, ký tự ẩn hoặc ký tự đảo chiều văn bản không được phép");
        Name().ShouldBe(before);

        // Line breaks in notes are text, not control characters.
        var notes = await b.PostFormAsync($"/Members/Edit/{app.Data.MemberB}", new() { ["Member.Notes"] = "Dòng một\r\nDòng hai" });
        notes.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect, await notes.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_posted_id_field_never_overrides_the_record_the_url_names()
    {
        var b = await Browser.LoginAsync(app, "office");
        var occupationOfB = await app.WithSystemScopeAsync(db => db.Members.Where(m => m.Id == app.Data.MemberB).Select(m => m.Person.Occupation).SingleAsync());
        var r = await b.PostFormAsync($"/Members/Edit/{app.Data.MemberA}",
            new() { ["id"] = app.Data.MemberB.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Person.Occupation"] = "Thợ may (thử id)" });
        r.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        (await app.WithSystemScopeAsync(db => db.Members.Where(m => m.Id == app.Data.MemberA).Select(m => m.Person.Occupation).SingleAsync()))
            .ShouldBe("Thợ may (thử id)");
        (await app.WithSystemScopeAsync(db => db.Members.Where(m => m.Id == app.Data.MemberB).Select(m => m.Person.Occupation).SingleAsync()))
            .ShouldBe(occupationOfB);
    }

    [Fact]
    public async Task A_candidate_without_a_list_of_sources_is_refused_in_vietnamese()
    {
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var r = await office.PostAsync("/api/candidates", Json($$$"""
            {"person":{"fullName":"Lư Văn Nguồn","dateOfBirth":"2000-01-01","gender":"Male"},
             "candidate":{"cellId":{{{app.Data.CellA}}},"addedOn":"2026-01-05","sourceCategoryIds":null}}
            """));
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("Hãy chọn ít nhất một nguồn");
    }

    [Fact]
    public async Task A_birth_or_ceremony_date_at_the_end_of_the_calendar_is_refused_without_a_server_error()
    {
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var member = (await office.GetFromJsonAsync<JsonObject>($"/api/members/{app.Data.MemberA}"))!;
        member["person"]!["dateOfBirth"] = "9999-12-31";
        var r = await office.PutAsJsonAsync($"/api/members/{app.Data.MemberA}", member);
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        member = (await office.GetFromJsonAsync<JsonObject>($"/api/members/{app.Data.MemberA}"))!;
        member["member"]!["ceremonyDate"] = "9999-12-31";
        r = await office.PutAsJsonAsync($"/api/members/{app.Data.MemberA}", member);
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("1900–2199");
    }

    [Theory]
    [InlineData("MinAgeMonths", "2147483648")]
    [InlineData("ProbationMonths", "100000")]
    public async Task A_rule_value_no_office_could_mean_is_refused_before_it_breaks_every_step(string key, string value)
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var r = await admin.PostRawAsync("/Rules",
            [new("Input.Key", key), new("Input.Value", value), new("Input.EffectiveFrom", "2030-01-01"), new("Input.Citation", "Thử")], "/Rules");
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("tối đa là");
    }
}

public sealed class BadInputTests_Sqlite(SqliteApp app) : BadInputTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class BadInputTests_Postgres(PostgresApp app) : BadInputTests<PostgresApp>(app), IClassFixture<PostgresApp>;
