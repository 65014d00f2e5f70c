using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Admin.AdminTestKit;

namespace PhatTrienDangVien.Web.Tests.Admin;

/// <summary>
/// A user's own account: changing the password (wrong current one, the rules, the old one failing after), the forced
/// change after an administrator handed a password over (pages redirected, the API at 403), the administrator's resets
/// of a password and of a second factor, "Tài khoản của tôi" with the e-mail, and the trail in Vietnamese.
/// </summary>
public abstract class OwnAccountTests<TApp>(TApp app) where TApp : AppFactory
{
    private const string NewPassword = "hop-chi-bo-thu-5";

    private static Task<HttpResponseMessage> ChangeAsync(Browser b, string current, string next, string? confirm = null) =>
        b.PostFormAsync("/Account/Password", new()
        {
            ["Input.CurrentPassword"] = current, ["Input.NewPassword"] = next, ["Input.ConfirmPassword"] = confirm ?? next,
        });

    private Task<List<AuditEntry>> TrailAsync(string entityId) =>
        app.WithSystemScopeAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityId == entityId).OrderBy(a => a.Id).ToListAsync());

    private Task<List<AuditRow>> ReadableAsync(IReadOnlyList<AuditEntry> entries) =>
        app.WithSystemScopeAsync(db => new AuditView(db).RowsAsync(entries, CancellationToken.None));

    [Fact]
    public async Task A_wrong_current_password_is_refused_and_changes_nothing()
    {
        var user = await CreateUserAsync(app, "mk.sai", Roles.Inspector);
        var b = await Browser.LoginAsync(app, "mk.sai");
        var r = await ChangeAsync(b, "Khong-phai-mk-1", NewPassword);
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain(ChangeOwnPassword.WrongCurrent);
        var after = (await FindUserAsync(app, "mk.sai"))!;
        after.PasswordHash.ShouldBe(user.PasswordHash);
        after.SecurityStamp.ShouldBe(user.SecurityStamp);
        (await AttemptLoginAsync(app, "mk.sai", TestData.Password)).ShouldBe("OK");
        (await TrailAsync(user.Id)).ShouldNotContain(a => a.Action == AccessTrail.PasswordChanged);
    }

    [Fact]
    public async Task The_rules_are_shown_before_typing_and_a_weak_or_mistyped_password_is_refused_in_Vietnamese()
    {
        var user = await CreateUserAsync(app, "mk.yeu", Roles.Inspector);
        var b = await Browser.LoginAsync(app, "mk.yeu");
        var (_, page) = await b.GetAsync("/Account/Password");
        var rules = page.QuerySelector("[data-password-rules]").ShouldNotBeNull().TextContent;
        rules.ShouldContain("Ít nhất 10 ký tự");
        rules.ShouldContain("chữ số (0–9)");

        var tooShort = await ChangeAsync(b, TestData.Password, "ngan1");
        tooShort.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await tooShort.Content.ReadAsStringAsync();
        html.ShouldContain("Mật khẩu phải có ít nhất 10 ký tự.");
        html.ShouldNotContain("Passwords must");

        (await (await ChangeAsync(b, TestData.Password, "khongcochuso")).Content.ReadAsStringAsync())
            .ShouldContain("Mật khẩu phải có ít nhất một chữ số (0–9).");
        (await (await ChangeAsync(b, TestData.Password, NewPassword, NewPassword + "x")).Content.ReadAsStringAsync())
            .ShouldContain(ChangeOwnPassword.Mismatch);
        (await (await ChangeAsync(b, TestData.Password, TestData.Password)).Content.ReadAsStringAsync())
            .ShouldContain(ChangeOwnPassword.SameAsCurrent);
        (await FindUserAsync(app, "mk.yeu"))!.PasswordHash.ShouldBe(user.PasswordHash);
    }

    [Fact]
    public async Task A_changed_password_replaces_the_old_one_ends_other_sessions_and_is_on_the_trail_without_the_password()
    {
        var user = await CreateUserAsync(app, "mk.doi", Roles.Inspector);
        var other = await Browser.LoginAsync(app, "mk.doi");
        var b = await Browser.LoginAsync(app, "mk.doi");
        var r = await ChangeAsync(b, TestData.Password, NewPassword);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        r.Headers.Location!.ToString().ShouldBe("/Account");

        // This session goes on with its re-issued cookie; the one on another device ends.
        (await b.Client.GetAsync("/Account")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var stale = await other.Client.GetAsync("/Account");
        stale.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        stale.Headers.Location!.ToString().ShouldContain("/Account/Login");

        (await AttemptLoginAsync(app, "mk.doi", TestData.Password)).ShouldContain(Pages.Account.LoginModel.Refused);
        (await AttemptLoginAsync(app, "mk.doi", NewPassword)).ShouldBe("OK");

        var trail = await TrailAsync(user.Id);
        var changed = trail.Single(a => a.Action == AccessTrail.PasswordChanged);
        changed.UserName.ShouldBe("mk.doi");
        trail.ShouldAllBe(a => !a.Changes.Contains(NewPassword) && !a.Changes.Contains(TestData.Password));
    }

    [Fact]
    public async Task An_account_the_administrator_created_must_change_its_password_first_on_pages_and_in_the_API()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var created = await admin.PostFormAsync("/Admin/Users/Create", new()
        {
            ["Input.UserName"] = "moi.buoc", ["Input.FullName"] = "Lê Văn Mới", ["Input.Role"] = Roles.Inspector,
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var (_, list) = await admin.GetAsync("/Admin/Users");
        var handedOver = list.QuerySelector(".new-password code")!.TextContent;
        list.QuerySelector("tr[data-user='moi.buoc'] .status")!.TextContent.ShouldContain("Chờ đổi mật khẩu");
        var user = (await FindUserAsync(app, "moi.buoc"))!;
        user.MustChangePassword.ShouldBeTrue();
        (await FindUserAsync(app, "admin"))!.MustChangePassword.ShouldBeFalse("an account given its own password is not forced");

        var b = Browser.Anonymous(app);
        var login = await b.PostFormAsync("/Account/Login", new() { ["UserName"] = "moi.buoc", ["Password"] = handedOver });
        login.Headers.Location!.ToString().ShouldBe(PasswordChangeGate.PasswordPath);
        foreach (var url in new[] { "/", "/Members", "/Account", "/Candidates" })
        {
            var page = await b.Client.GetAsync(url);
            page.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            page.Headers.Location!.ToString().ShouldBe(PasswordChangeGate.PasswordPath, url);
        }
        var (shown, form) = await b.GetAsync(PasswordChangeGate.PasswordPath);
        shown.StatusCode.ShouldBe(HttpStatusCode.OK);
        form.QuerySelector("[data-password-forced]").ShouldNotBeNull();
        (await b.Client.GetAsync("/css/site.css")).StatusCode.ShouldBe(HttpStatusCode.OK, "static files stay open");

        var api = await b.Client.GetAsync("/api/organisations");
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await api.Content.ReadAsStringAsync();
        problem.ShouldContain(PasswordChangeGate.ApiTitle);
        problem.ShouldContain("/api/me/password");

        // The API's own change is open to the gate, and takes the same command's answers.
        var wrong = await b.Client.PostAsJsonAsync("/api/me/password", new { currentPassword = "sai-mat-khau-9", newPassword = NewPassword, confirmPassword = NewPassword });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain(ChangeOwnPassword.WrongCurrent);
        (await FindUserAsync(app, "moi.buoc"))!.MustChangePassword.ShouldBeTrue();

        var done = await b.Client.PostAsJsonAsync("/api/me/password", new { currentPassword = handedOver, newPassword = NewPassword, confirmPassword = NewPassword });
        done.StatusCode.ShouldBe(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        (await FindUserAsync(app, "moi.buoc"))!.MustChangePassword.ShouldBeFalse();
        // The re-issued cookie no longer carries the flag: the same session reaches the API and the pages.
        (await b.Client.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await b.Client.GetAsync("/Members")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The account's history says in words that the obligation was lifted.
        var rows = await ReadableAsync((await TrailAsync(user.Id)).Where(a => a.EntityType == nameof(AppUser)).ToList());
        rows.SelectMany(r => r.Changes).ShouldContain(c => c.Field == "Phải đổi mật khẩu khi đăng nhập"
            && string.Equals(c.Old, "có", StringComparison.OrdinalIgnoreCase) && string.Equals(c.New, "không", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_forced_change_on_the_page_leads_on_to_the_home_page()
    {
        var target = await CreateUserAsync(app, "dat.lai", Roles.CellSecretary);
        var admin = await Browser.LoginAsync(app, "admin");
        (await PostHandlerAsync(admin, $"/Admin/Users?handler=ResetPassword&id={target.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, list) = await admin.GetAsync("/Admin/Users");
        var handedOver = list.QuerySelector(".new-password code")!.TextContent;
        (await FindUserAsync(app, "dat.lai"))!.MustChangePassword.ShouldBeTrue();

        var reset = (await TrailAsync(target.Id)).Single(a => a.Action == AccessTrail.PasswordReset);
        reset.UserName.ShouldBe("admin", "the trail names who reset it");
        (await ReadableAsync([reset])).Single().Changes.ShouldContain(c => c.Field == "Họ và tên" && c.New == "Người thử dat.lai");

        var b = Browser.Anonymous(app);
        (await b.PostFormAsync("/Account/Login", new() { ["UserName"] = "dat.lai", ["Password"] = handedOver }))
            .Headers.Location!.ToString().ShouldBe(PasswordChangeGate.PasswordPath);
        var r = await ChangeAsync(b, handedOver, NewPassword);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        r.Headers.Location!.ToString().ShouldBe("/");
        (await b.Client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_administrator_resets_a_lost_second_factor_with_a_trail_row_but_not_their_own()
    {
        var target = await CreateUserAsync(app, "mat.dt", Roles.Inspector);
        await WithUserManagerAsync(app, async users =>
        {
            await TwoFactor.EnableWithKnownKeyAsync(users, (await users.FindByIdAsync(target.Id))!, TestData.AuthenticatorKey);
            return true;
        });
        var session = await Browser.LoginAsync(app, "mat.dt");
        var admin = await Browser.LoginAsync(app, "admin");
        var (_, list) = await admin.GetAsync("/Admin/Users");
        list.QuerySelector("tr[data-user='mat.dt'] form[action*='ResetTwoFactor'] button[data-confirm]").ShouldNotBeNull("asks before it resets");

        (await PostHandlerAsync(admin, $"/Admin/Users?handler=ResetTwoFactor&id={target.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var user = (await FindUserAsync(app, "mat.dt"))!;
        user.TwoFactorEnabled.ShouldBeFalse();
        (await Browser.AuthenticatorKeyAsync(app, "mat.dt")).ShouldNotBe(TestData.AuthenticatorKey, "the old key is forgotten");
        var stale = await session.Client.GetAsync("/Members");
        stale.Headers.Location!.ToString().ShouldContain("/Account/Login");
        var row = (await TrailAsync(target.Id)).Single(a => a.Action == AccessTrail.TwoFactorReset);
        row.UserName.ShouldBe("admin");
        // The user signs in with the password alone (an inspector is not required to enrol again).
        (await Browser.Anonymous(app).PostFormAsync("/Account/Login", new() { ["UserName"] = "mat.dt", ["Password"] = TestData.Password }))
            .Headers.Location!.ToString().ShouldBe("/");

        var me = (await FindUserAsync(app, "admin"))!;
        var own = await PostHandlerAsync(admin, $"/Admin/Users?handler=ResetTwoFactor&id={me.Id}");
        own.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await own.Content.ReadAsStringAsync()).ShouldContain(ResetTwoFactor.NotYourself);
        (await FindUserAsync(app, "admin"))!.TwoFactorEnabled.ShouldBeTrue();
        // Nor their own password: the new one would be shown nowhere and the session ended, locking them out.
        var stamp = me.SecurityStamp;
        var ownPassword = await PostHandlerAsync(admin, $"/Admin/Users?handler=ResetPassword&id={me.Id}");
        ownPassword.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ownPassword.Content.ReadAsStringAsync()).ShouldContain(ResetPassword.NotYourself);
        var after = (await FindUserAsync(app, "admin"))!;
        after.SecurityStamp.ShouldBe(stamp);
        after.MustChangePassword.ShouldBeFalse();
        (await admin.Client.GetAsync("/Admin/Users")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Only an administrator: the office cannot reset anyone's factor.
        var office = await Browser.LoginAsync(app, "office");
        IsDenied(await PostHandlerAsync(office, $"/Admin/Users?handler=ResetTwoFactor&id={me.Id}")).ShouldBeTrue();
    }

    [Fact]
    public async Task My_account_shows_who_I_am_and_saves_my_email()
    {
        var b = await Browser.LoginAsync(app, "secretary");
        var (page, doc) = await b.GetAsync("/Account");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var facts = doc.QuerySelector("[data-account-facts]")!.TextContent;
        facts.ShouldContain("Người dùng secretary");
        facts.ShouldContain("Bí thư chi bộ");
        doc.QuerySelector("[data-account-scope]")!.TextContent.ShouldContain("Chi bộ Ấp Mỹ Lợi");
        doc.QuerySelector("a[href='/Account/Password']").ShouldNotBeNull();
        doc.QuerySelector("a[href='/Account/TwoFactor']").ShouldNotBeNull();

        var bad = await b.PostFormAsync("/Account", new() { ["Email"] = "khong-phai-thu" }, handler: "Email");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("Địa chỉ e-mail không hợp lệ.");
        (await FindUserAsync(app, "secretary"))!.Email.ShouldBeNull();
        // What [EmailAddress] lets through and no mail server delivers to.
        foreach (var undeliverable in new[] { "a@b", "\"<img src=x onerror=alert(1)>\"@x.vn", "bi thu@nhonmy.vn", "bithu@nhonmy..vn" })
        {
            var refused = await b.PostFormAsync("/Account", new() { ["Email"] = undeliverable }, handler: "Email");
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, undeliverable);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("Địa chỉ e-mail không hợp lệ.");
            (await FindUserAsync(app, "secretary"))!.Email.ShouldBeNull(undeliverable);
        }

        var ok = await b.PostFormAsync("/Account", new() { ["Email"] = "bithu@nhonmy.vn" }, handler: "Email");
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ok.Content.ReadAsStringAsync());
        (await FindUserAsync(app, "secretary"))!.Email.ShouldBe("bithu@nhonmy.vn");
        // The session goes on after the address is saved (no new security stamp for a digest address).
        var (still, again) = await b.GetAsync("/Account");
        still.StatusCode.ShouldBe(HttpStatusCode.OK);
        InputValue(again, "Email").ShouldBe("bithu@nhonmy.vn");
        await b.PostFormAsync("/Account", new() { ["Email"] = "" }, handler: "Email");
        (await FindUserAsync(app, "secretary"))!.Email.ShouldBeNull();
    }
}

public sealed class OwnAccountTests_Sqlite(SqliteApp app) : OwnAccountTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class OwnAccountTests_Postgres(PostgresApp app) : OwnAccountTests<PostgresApp>(app), IClassFixture<PostgresApp>;
