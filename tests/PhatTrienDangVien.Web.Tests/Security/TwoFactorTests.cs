using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Cli;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Account;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Security;

/// <summary>
/// The second factor: enrolment with a code computed here as an authenticator app would, the second sign-in step,
/// recovery codes used once, turning it off with the password, the gate that keeps an administrator or office user
/// without one on the enrolment page (and the API at 403), and the command line's reset.
/// </summary>
public abstract class TwoFactorTests<TApp>(TApp app) where TApp : AppFactory
{
    private async Task CreateUserAsync(string userName, string role)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        await scope.ServiceProvider.GetRequiredService<CreateAccount>().CreateAsync(userName, TestData.Password, "Người dùng " + userName, role, app.Data.CommuneId);
    }

    private async Task<AppUser> UserAsync(string userName) =>
        await app.WithSystemScopeAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));

    private async Task<List<string>> TrailAsync(string userName) =>
        await app.WithSystemScopeAsync(db => db.AuditEntries.Where(a => a.EntityType == AccessTrail.EntityType && a.UserName == userName)
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

    private static async Task<HttpResponseMessage> PasswordAsync(Browser b, string user) =>
        await b.PostFormAsync("/Account/Login", new() { ["UserName"] = user, ["Password"] = TestData.Password });

    /// <summary>Enrols the signed-in user in <paramref name="b"/>; returns the key and the recovery codes shown.</summary>
    private async Task<(string Key, List<string> Codes)> EnrolAsync(Browser b)
    {
        var (page, doc) = await b.GetAsync("/Account/TwoFactor");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var key = doc.QuerySelector("[data-authenticator-key]")!.GetAttribute("data-authenticator-key")!;
        var done = await b.PostFormAsync("/Account/TwoFactor?handler=Enable", new() { ["Code"] = Totp.Next(key, app) });
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync(await done.Content.ReadAsStringAsync(), CancellationToken.None);
        return (key, shown.QuerySelectorAll("[data-recovery-codes] li").Select(li => li.TextContent.Trim()).ToList());
    }

    [Fact]
    public async Task Enrolment_with_a_real_code_then_the_second_step_asks_for_it()
    {
        await CreateUserAsync("kiemtra.hai", Roles.Inspector);
        var b = Browser.Anonymous(app);
        (await PasswordAsync(b, "kiemtra.hai")).Headers.Location!.ToString().ShouldBe("/");

        var (_, page) = await b.GetAsync("/Account/TwoFactor");
        var key = page.QuerySelector("[data-authenticator-key]")!.GetAttribute("data-authenticator-key")!;
        key.Length.ShouldBeGreaterThanOrEqualTo(16);
        page.Body!.TextContent.ShouldContain(TwoFactor.Grouped(key));
        page.Body!.TextContent.ShouldContain($"otpauth://totp/PT%C4%90V:kiemtra.hai?secret={key}");
        page.QuerySelector("img[src^='data:image/png;base64,']").ShouldNotBeNull();
        page.QuerySelector("[data-two-factor-required]").ShouldBeNull("an inspector may enrol but is not required to");

        // A wrong code changes nothing.
        var wrongCode = Totp.Code(key) == "123456" ? "654321" : "123456";
        var wrong = await b.PostFormAsync("/Account/TwoFactor?handler=Enable", new() { ["Code"] = wrongCode });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("Mã không đúng");
        (await UserAsync("kiemtra.hai")).TwoFactorEnabled.ShouldBeFalse();

        var done = await b.PostFormAsync("/Account/TwoFactor?handler=Enable", new() { ["Code"] = Totp.Next(key, app) });
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await done.Content.ReadAsStringAsync()).ShouldContain("Mã khôi phục (chỉ hiện một lần)");
        (await UserAsync("kiemtra.hai")).TwoFactorEnabled.ShouldBeTrue();
        // The session goes on after enrolment (the cookie was issued again with the new security stamp).
        (await b.Client.GetAsync("/Members")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await b.GetAsync("/Account/TwoFactor")).Document.QuerySelector("[data-recovery-codes]").ShouldBeNull("shown once only");

        // Next sign-in: the password leads to the second step, which refuses a wrong code and takes the right one.
        var next = Browser.Anonymous(app);
        var password = await PasswordAsync(next, "kiemtra.hai");
        password.Headers.Location!.ToString().ShouldContain("/Account/LoginTwoFactor");
        (await next.Client.GetAsync("/Members")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "not signed in before the code");
        var refused = await next.PostFormAsync(password.Headers.Location!.ToString(), new() { ["Code"] = wrongCode });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain(LoginTwoFactorModel.WrongCode);
        var accepted = await next.PostFormAsync(password.Headers.Location!.ToString(), new() { ["Code"] = Totp.Next(key, app) });
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await next.Client.GetAsync("/Members")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await TrailAsync("kiemtra.hai")).ShouldBe([AccessTrail.SignedIn, AccessTrail.TwoFactorEnabled, AccessTrail.TwoFactorRefused, AccessTrail.SignedIn]);
        // The secret never reaches the audit trail.
        (await app.WithSystemScopeAsync(db => db.AuditEntries.CountAsync(a => a.Changes.Contains(key)))).ShouldBe(0);
    }

    [Fact]
    public async Task A_code_is_accepted_once_and_an_older_one_not_at_all()
    {
        await CreateUserAsync("kiemtra.bay", Roles.Inspector);
        var b = Browser.Anonymous(app);
        await PasswordAsync(b, "kiemtra.bay");
        var (key, _) = await EnrolAsync(b);
        app.Clock.Advance(TimeSpan.FromSeconds(90)); // the enrolment's code is well behind
        var now = app.Clock.GetUtcNow();

        var first = Browser.Anonymous(app);
        var step = (await PasswordAsync(first, "kiemtra.bay")).Headers.Location!.ToString();
        (await first.PostFormAsync(step, new() { ["Code"] = Totp.Code(key, now) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await first.Client.GetAsync("/Members")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Someone who saw the code (over a shoulder, a phished form) uses it at once: refused.
        var second = Browser.Anonymous(app);
        step = (await PasswordAsync(second, "kiemtra.bay")).Headers.Location!.ToString();
        var replay = await second.PostFormAsync(step, new() { ["Code"] = Totp.Code(key, now) });
        replay.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await replay.Content.ReadAsStringAsync()).ShouldContain(LoginTwoFactorModel.WrongCode);
        // The code of 30 s earlier is still inside the window allowed for a phone's clock, but older than the one used.
        var older = await second.PostFormAsync(step, new() { ["Code"] = Totp.Code(key, now.AddSeconds(-30)) });
        older.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await second.Client.GetAsync("/Members")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "not signed in");

        // The next code is accepted: the refusals were about reuse, not about the clock.
        app.Clock.Advance(TimeSpan.FromSeconds(2)); // past the throttle's delay after two failures
        var next = await second.PostFormAsync(step, new() { ["Code"] = Totp.Code(key, now.AddSeconds(30)) });
        next.StatusCode.ShouldBe(HttpStatusCode.Redirect, await next.Content.ReadAsStringAsync());
        (await TrailAsync("kiemtra.bay")).TakeLast(4).ShouldBe([AccessTrail.SignedIn, AccessTrail.TwoFactorRefused, AccessTrail.TwoFactorRefused, AccessTrail.SignedIn]);
    }

    [Fact]
    public async Task A_copied_two_factor_cookie_cannot_finish_a_second_sign_in()
    {
        await CreateUserAsync("kiemtra.tam", Roles.Inspector);
        var b = Browser.Anonymous(app);
        await PasswordAsync(b, "kiemtra.tam");
        var (key, _) = await EnrolAsync(b);

        // The two-factor cookie is copied between the password and the code; the owner then finishes the sign-in.
        var (client, cookies, password) = await CookieLogin.PasswordStepAsync(app, "kiemtra.tam");
        var location = password.Headers.Location!.ToString();
        location.ShouldContain("/Account/LoginTwoFactor");
        var owner = await CookieLogin.SecondStepAsync(client, cookies, location, Totp.Next(key, app));
        owner.StatusCode.ShouldBe(HttpStatusCode.Redirect, await owner.Content.ReadAsStringAsync());
        CookieLogin.AuthCookie(owner).ShouldNotBeEmpty();

        // The copy, even with a fresh valid code, leads back to the login form and makes no session.
        var copy = await CookieLogin.SecondStepAsync(client, cookies, location, Totp.Next(key, app));
        copy.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        copy.Headers.Location!.ToString().ShouldContain("/Account/Login");
        copy.Headers.Location!.ToString().ShouldNotContain("TwoFactor");
        CookieLogin.AuthCookie(copy).ShouldBeEmpty();
        (await TrailAsync("kiemtra.tam")).Count(a => a == AccessTrail.SignedIn).ShouldBe(2, "the enrolment's sign-in and the owner's");
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        await CreateUserAsync("kiemtra.ba", Roles.Inspector);
        var b = Browser.Anonymous(app);
        await PasswordAsync(b, "kiemtra.ba");
        var (_, codes) = await EnrolAsync(b);
        codes.Count.ShouldBe(10);
        codes.Distinct().Count().ShouldBe(10);

        var first = Browser.Anonymous(app);
        var step = (await PasswordAsync(first, "kiemtra.ba")).Headers.Location!.ToString();
        // Typed as a person would: lower case, without the dash.
        var used = await first.PostFormAsync(step, new() { ["Code"] = codes[3].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() });
        used.StatusCode.ShouldBe(HttpStatusCode.Redirect, await used.Content.ReadAsStringAsync());

        var again = Browser.Anonymous(app);
        step = (await PasswordAsync(again, "kiemtra.ba")).Headers.Location!.ToString();
        var reused = await again.PostFormAsync(step, new() { ["Code"] = codes[3] });
        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TrailAsync("kiemtra.ba")).ShouldContain(AccessTrail.RecoveryCodeUsed);
        (await TrailAsync("kiemtra.ba")).Last().ShouldBe(AccessTrail.TwoFactorRefused);
    }

    [Fact]
    public async Task An_account_disabled_between_the_password_and_the_code_is_refused_without_spending_its_recovery_code()
    {
        await CreateUserAsync("kiemtra.sau", Roles.Inspector);
        var b = Browser.Anonymous(app);
        await PasswordAsync(b, "kiemtra.sau");
        var (_, codes) = await EnrolAsync(b);

        var halfway = Browser.Anonymous(app);
        var step = (await PasswordAsync(halfway, "kiemtra.sau")).Headers.Location!.ToString();
        step.ShouldContain("/Account/LoginTwoFactor");
        await app.WithSystemScopeAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "kiemtra.sau");
            user.IsActive = false;
            return await db.SaveChangesAsync();
        });
        var refused = await halfway.PostFormAsync(step, new() { ["Code"] = codes[0] });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain(SignInRules.Disabled);
        (await TrailAsync("kiemtra.sau")).Last().ShouldBe(AccessTrail.TwoFactorRefused);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        (await users.CountRecoveryCodesAsync(await users.FindByNameAsync("kiemtra.sau") ?? throw new InvalidOperationException())).ShouldBe(10);
    }

    [Fact]
    public async Task Turning_the_second_factor_off_needs_the_password()
    {
        await CreateUserAsync("kiemtra.bon", Roles.Inspector);
        var b = Browser.Anonymous(app);
        await PasswordAsync(b, "kiemtra.bon");
        await EnrolAsync(b);

        var wrong = await b.PostFormAsync("/Account/TwoFactor?handler=Disable", new() { ["Password"] = "Khong-dung-123" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await UserAsync("kiemtra.bon")).TwoFactorEnabled.ShouldBeTrue();
        var off = await b.PostFormAsync("/Account/TwoFactor?handler=Disable", new() { ["Password"] = TestData.Password });
        off.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await UserAsync("kiemtra.bon")).TwoFactorEnabled.ShouldBeFalse();
        (await b.Client.GetAsync("/Members")).StatusCode.ShouldBe(HttpStatusCode.OK, "the session goes on");
        (await PasswordAsync(Browser.Anonymous(app), "kiemtra.bon")).Headers.Location!.ToString().ShouldBe("/");
        (await TrailAsync("kiemtra.bon")).TakeLast(2).ShouldBe([AccessTrail.TwoFactorDisabled, AccessTrail.SignedIn]);
    }

    [Fact]
    public async Task An_administrator_without_a_second_factor_can_only_enrol_and_the_API_says_why()
    {
        await CreateUserAsync("quantri.moi", Roles.Administrator);
        var b = Browser.Anonymous(app);
        (await PasswordAsync(b, "quantri.moi")).Headers.Location!.ToString().ShouldBe(TwoFactorGate.EnrolPath);

        var users = await b.Client.GetAsync("/Admin/Users");
        users.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        users.Headers.Location!.ToString().ShouldBe(TwoFactorGate.EnrolPath);
        var api = await b.Client.GetAsync("/api/members");
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await api.Content.ReadAsStringAsync()).ShouldContain("phải bật xác thực hai bước");
        var (enrolPage, doc) = await b.GetAsync(TwoFactorGate.EnrolPath);
        enrolPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        doc.QuerySelector("[data-two-factor-required]").ShouldNotBeNull();

        await EnrolAsync(b);
        (await b.Client.GetAsync("/Admin/Users")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await b.Client.GetAsync("/api/members")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_cell_secretary_is_not_asked_for_a_second_factor()
    {
        var b = Browser.Anonymous(app);
        (await PasswordAsync(b, "secretary")).Headers.Location!.ToString().ShouldBe("/");
        (await b.Client.GetAsync("/Members")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await b.Client.GetAsync("/api/members")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_command_line_resets_a_lost_second_factor()
    {
        await CreateUserAsync("quantri.mat", Roles.Administrator);
        var b = Browser.Anonymous(app);
        await PasswordAsync(b, "quantri.mat");
        var (key, _) = await EnrolAsync(b);

        var output = new StringWriter();
        var code = await AdminCommands.RunAsync(app.Services, LaunchOptions.Parse(["reset-password", "--user", "quantri.mat", "--password", "Sen-hong-4321", "--reset-2fa"]), output);
        code.ShouldBe(0, output.ToString());
        output.ToString().ShouldContain("Đã tắt xác thực hai bước");
        (await UserAsync("quantri.mat")).TwoFactorEnabled.ShouldBeFalse();
        (await b.Client.GetAsync("/Members")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the old session ended");

        // Signing in again leads to a new enrolment, with a new key.
        var again = Browser.Anonymous(app);
        (await again.PostFormAsync("/Account/Login", new() { ["UserName"] = "quantri.mat", ["Password"] = "Sen-hong-4321" })).Headers.Location!.ToString()
            .ShouldBe(TwoFactorGate.EnrolPath);
        var (newKey, _) = await EnrolAsync(again);
        newKey.ShouldNotBe(key);
        (await TrailAsync("dòng lệnh")).ShouldContain(AccessTrail.TwoFactorReset);
    }
}

public sealed class TwoFactorTests_Sqlite(SqliteApp app) : TwoFactorTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TwoFactorTests_Postgres(PostgresApp app) : TwoFactorTests<PostgresApp>(app), IClassFixture<PostgresApp>;
