using System.Net;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Security;

/// <summary>
/// Sign-ins, refused sign-ins, sign-outs and exports of personal data are on the audit trail; every response but the
/// application's own assets says "no-store", and error responses carry the security headers too.
/// </summary>
public abstract class TrailAndHeaderTests<TApp>(TApp app) where TApp : AppFactory
{
    private Task<List<AuditEntry>> AccessRowsAsync() =>
        app.WithSystemScopeAsync(db => db.AuditEntries.Where(a => a.EntityType == AccessTrail.EntityType).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task The_icon_every_page_declares_is_served()
    {
        // Declared, a browser does not ask for /favicon.ico (which would be a 404 on every first page).
        var (_, page) = await Browser.Anonymous(app).GetAsync("/Account/Login");
        var href = page.QuerySelector("link[rel=icon]")!.GetAttribute("href")!;
        var icon = await Browser.Anonymous(app).Client.GetAsync(href);
        icon.StatusCode.ShouldBe(HttpStatusCode.OK);
        icon.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
    }

    [Fact]
    public async Task The_refusal_page_names_whom_to_ask_by_the_users_role()
    {
        // The office is whom the others ask; the office itself asks the commune's administrator.
        foreach (var (user, ask) in new[] { ("office", "quản trị hệ thống của xã"), ("secretary", "Văn phòng Đảng ủy xã"), ("admin", "Bảng quyền theo vai trò") })
        {
            var b = await Browser.LoginAsync(app, user);
            var (response, page) = await b.GetAsync("/Account/Denied");
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            page.QuerySelector("#denied-ask")!.TextContent.ShouldContain(ask, Case.Sensitive, user);
        }
        // A province page is the board's, whatever the commune role; someone not signed in is asked to sign in.
        var office = await Browser.LoginAsync(app, "office");
        var (_, province) = await office.GetAsync("/Account/Denied?ReturnUrl=%2FProvince%2FCommunes");
        province.QuerySelector("#denied-ask")!.TextContent.ShouldContain("dành cho Ban Tổ chức Tỉnh ủy");
        var (_, anonymous) = await Browser.Anonymous(app).GetAsync("/Account/Denied");
        anonymous.QuerySelector("#denied-ask")!.TextContent.ShouldContain("Hãy đăng nhập");
    }

    [Fact]
    public async Task Sign_ins_sign_outs_and_exports_are_on_the_trail()
    {
        var before = (await AccessRowsAsync()).Count;
        var refused = await Browser.Anonymous(app).PostFormAsync("/Account/Login", new() { ["UserName"] = "office", ["Password"] = "Sai-mat-khau-9" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var b = await Browser.LoginAsync(app, "office");
        var export = await b.Client.GetAsync("/Members?handler=Export");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var exportedRows = (await export.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;
        (await b.PostRawAsync("/Account/Logout", [], "/Members")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var rows = (await AccessRowsAsync()).Skip(before).ToList();
        rows.Select(r => r.Action).ShouldBe([AccessTrail.SignInRefused, AccessTrail.SignedIn, AccessTrail.Exported, AccessTrail.SignedOut]);
        rows.ShouldAllBe(r => r.UserName == "office");
        rows[2].Changes.ShouldContain($"\"Rows\":[null,{exportedRows}]");
        rows[2].Changes.ShouldContain("Đảng viên");
        rows[1].CommuneId.ShouldBe(app.Data.CommuneId);

        // The audit page names them in Vietnamese.
        var admin = await Browser.LoginAsync(app, "admin");
        var (_, page) = await admin.GetAsync("/Admin/Audit");
        page.Body!.TextContent.ShouldContain("Truy cập, xuất dữ liệu");
        page.Body!.TextContent.ShouldContain("Xuất danh sách");
    }

    [Fact]
    public async Task Responses_with_personal_data_are_not_stored_and_errors_carry_the_security_headers()
    {
        var b = await Browser.LoginAsync(app, "office");
        var page = await b.Client.GetAsync("/Members");
        page.Headers.CacheControl!.NoStore.ShouldBeTrue();
        page.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("form-action 'self'");
        page.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("base-uri 'none'");
        var export = await b.Client.GetAsync("/Candidates?handler=Export");
        export.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var api = await b.Client.GetAsync("/api/members");
        api.Headers.CacheControl!.NoStore.ShouldBeTrue();

        var css = await b.Client.GetAsync("/css/site.css");
        css.StatusCode.ShouldBe(HttpStatusCode.OK);
        (css.Headers.CacheControl?.NoStore ?? false).ShouldBeFalse("the application's own assets may be cached");

        var missing = await b.Client.GetAsync("/api/members/999999999");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        missing.Headers.Contains("Content-Security-Policy").ShouldBeTrue();
        var anonymous = await Browser.Anonymous(app).Client.GetAsync("/api/members");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
    }
}

public sealed class TrailAndHeaderTests_Sqlite(SqliteApp app) : TrailAndHeaderTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TrailAndHeaderTests_Postgres(PostgresApp app) : TrailAndHeaderTests<PostgresApp>(app), IClassFixture<PostgresApp>;
