using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.People;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Security;

/// <summary>What the reviewers of issue 9 broke from outside, each now held, on both engines.</summary>
public abstract class ReviewFindingsTests<TApp>(TApp app) where TApp : AppFactory
{
    private static StringContent Json(string text, string charset = "utf-8") =>
        new(text, Encoding.UTF8, "application/json") { Headers = { ContentType = new("application/json") { CharSet = charset } } };

    /// <summary>Member A (cell A, the secretary's) with the given citizen ID and hamlet, as the API takes it.</summary>
    private async Task<HttpResponseMessage> PutCitizenIdAsync(HttpClient client, string citizenId, int hamletId)
    {
        var body = (await client.GetFromJsonAsync<JsonObject>($"/api/members/{app.Data.MemberA}"))!;
        var person = (JsonObject)body["person"]!;
        // Born 1985, a woman: the century-and-gender digit (1) and the year (85) of the numbers tried here agree.
        person["dateOfBirth"] = "1985-03-01";
        person["gender"] = "Female";
        person["citizenId"] = citizenId;
        person["hamletId"] = hamletId;
        return await client.PutAsync($"/api/members/{app.Data.MemberA}", Json(body.ToJsonString()));
    }

    [Fact]
    public async Task A_taken_citizen_id_is_said_only_once_everything_else_passes_and_is_on_the_trail()
    {
        var secretary = (await Browser.LoginAsync(app, "secretary")).Client;
        // Member B's number, with a hamlet that does not exist: only the hamlet is refused, nothing says the number is taken.
        var probe = await PutCitizenIdAsync(secretary, "089185000004", 987_654);
        probe.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var text = await probe.Content.ReadAsStringAsync();
        text.ShouldContain("Ấp không tồn tại");
        text.ShouldNotContain("đã có trong hệ thống");

        var before = await TakenRowsAsync();
        var real = await PutCitizenIdAsync(secretary, "089185000004", app.Data.HamletA);
        real.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await real.Content.ReadAsStringAsync()).ShouldContain("đã có trong hệ thống");
        (await TakenRowsAsync()).ShouldBe(before + 1);
    }

    private Task<int> TakenRowsAsync() =>
        app.WithSystemScopeAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.Action == AccessTrail.CitizenIdTaken));

    [Fact]
    public async Task A_user_who_may_not_see_citizen_ids_sets_at_most_thirty_a_day()
    {
        // The committee member in charge of cell A (the other test of this class uses the secretary's day).
        var committeeId = await app.WithSystemScopeAsync(db => db.Users.Where(u => u.UserName == "committee").Select(u => u.Id).SingleAsync());
        await app.WithSystemScopeAsync(async db =>
        {
            // Thirty numbers set by this user within the day, as the audit records them.
            for (var i = 0; i < CitizenIdGuard.DailyLimit; i++)
                db.AuditEntries.Add(new AuditEntry
                {
                    CommuneId = app.Data.CommuneId, AtUtc = app.Clock.GetUtcNow().UtcDateTime.AddHours(-1), UserId = committeeId, UserName = "committee",
                    EntityType = "Person", EntityId = "1", Action = "Sửa", Changes = """{"CitizenId":[null,"x"]}""",
                });
            return await db.SaveChangesAsync();
        });
        var committee = (await Browser.LoginAsync(app, "committee")).Client;
        var r = await PutCitizenIdAsync(committee, "089185000099", app.Data.HamletA);
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("đã nhập 30 số CCCD");
        // The office, who may see the numbers, is not limited.
        var office = (await Browser.LoginAsync(app, "office")).Client;
        (await PutCitizenIdAsync(office, "089185000099", app.Data.HamletA)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("foo")]
    public async Task A_body_in_a_character_set_the_application_cannot_read_is_refused_not_a_server_error(string charset)
    {
        var office = await Browser.LoginAsync(app, "office");
        var api = await office.Client.PostAsync("/api/members", Json("{}", charset));
        api.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await api.Content.ReadAsStringAsync()).ShouldContain("UTF-8");
        var form = new StringContent("UserName=a&Password=b", Encoding.UTF8);
        form.Headers.ContentType = new("application/x-www-form-urlencoded") { CharSet = charset };
        var login = await Browser.Anonymous(app).Client.PostAsync("/Account/Login", form);
        login.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        login.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task A_form_with_a_stale_token_gets_a_vietnamese_page()
    {
        var b = await Browser.LoginAsync(app, "office");
        var r = await b.Client.PostAsync("/Notifications", new FormUrlEncodedContent([new("__RequestVerificationToken", "cu-roi")]));
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("Biểu mẫu đã cũ hoặc không hợp lệ");
    }

    [Fact]
    public async Task A_name_that_is_no_account_is_kept_only_by_its_start_a_password_typed_there_is_not_stored()
    {
        var r = await Browser.Anonymous(app).PostFormAsync("/Account/Login", new() { ["UserName"] = "MatKhauBiMat-2025", ["Password"] = "x-1234567890" });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var names = await app.WithSystemScopeAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .Where(a => a.Action == AccessTrail.SignInRefused).Select(a => a.UserName).ToListAsync());
        names.ShouldNotContain(n => n.Contains("MatKhauBiMat", StringComparison.Ordinal));
        names.ShouldContain("Ma… (tên không có, 17 ký tự)");
    }

    [Fact]
    public async Task An_unknown_step_kind_is_not_echoed_whole()
    {
        var office = await Browser.LoginAsync(app, "office");
        var r = await office.Client.PostAsync($"/api/candidates/{app.Data.CandidateB}/steps", Json("{\"kind\":\"A" + new string('B', 5000) + "\"}"));
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldNotContain(new string('B', 100));
    }
}

public sealed class ReviewFindingsTests_Sqlite(SqliteApp app) : ReviewFindingsTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ReviewFindingsTests_Postgres(PostgresApp app) : ReviewFindingsTests<PostgresApp>(app), IClassFixture<PostgresApp>;
