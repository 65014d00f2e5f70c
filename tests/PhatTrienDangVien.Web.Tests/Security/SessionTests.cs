using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Setup;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Security;

/// <summary>A sign-in cookie handled by hand, as someone who copied it would: no cookie jar, no redirects followed.</summary>
internal static class CookieLogin
{
    public static async Task<string> SignInAsync(WebApplicationFactory<Program> app, string user, string password = TestData.Password)
    {
        var (client, cookies, r) = await PasswordStepAsync(app, user, password);
        if (r.Headers.Location!.ToString().Contains("/Account/LoginTwoFactor", StringComparison.Ordinal))
        {
            r = await SecondStepAsync(client, cookies, r.Headers.Location!.ToString(), Totp.Next(await Browser.AuthenticatorKeyAsync(app, user), app));
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        }
        return AuthCookie(r);
    }

    /// <summary>The sign-in cookie a response set (it may come in chunks: ptdv.auth=chunks-2; ptdv.authC1=…).</summary>
    public static string AuthCookie(HttpResponseMessage r) =>
        string.Join("; ", Cookies(r).Where(c => c.StartsWith("ptdv.auth", StringComparison.Ordinal)));

    /// <summary>The password step: the client, the cookies it holds after it (antiforgery and, with a second factor,
    /// the two-factor cookie), and the answer.</summary>
    public static async Task<(HttpClient Client, string Cookies, HttpResponseMessage Answer)> PasswordStepAsync(WebApplicationFactory<Program> app, string user, string password = TestData.Password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var form = await client.GetAsync("/Account/Login");
        var antiforgery = Cookies(form).Single(c => c.StartsWith("ptdv.af=", StringComparison.Ordinal));
        var doc = new HtmlParser().ParseDocument(await form.Content.ReadAsStringAsync());
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent([new("UserName", user), new("Password", password), new("__RequestVerificationToken", token)]),
        };
        post.Headers.Add("Cookie", antiforgery);
        var r = await client.SendAsync(post);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        return (client, string.Join("; ", Cookies(r).Prepend(antiforgery)), r);
    }

    /// <summary>The second step with <paramref name="cookies"/> as given (a copy works the same): the form's
    /// antiforgery token is taken from the step's page, or from the login form when the step sends the client away.</summary>
    public static async Task<HttpResponseMessage> SecondStepAsync(HttpClient client, string cookies, string location, string code)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, location);
        get.Headers.Add("Cookie", cookies);
        var page = await client.SendAsync(get);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            using var login = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
            login.Headers.Add("Cookie", cookies);
            page = await client.SendAsync(login);
        }
        var step = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        using var post = new HttpRequestMessage(HttpMethod.Post, location)
        {
            Content = new FormUrlEncodedContent([
                new("Code", code),
                new("__RequestVerificationToken", step.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]),
        };
        post.Headers.Add("Cookie", cookies);
        return await client.SendAsync(post);
    }

    public static async Task<HttpResponseMessage> GetWithAsync(WebApplicationFactory<Program> app, string url, string cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    public static bool SignedIn(HttpResponseMessage r) => r.StatusCode == HttpStatusCode.OK;

    private static IEnumerable<string> Cookies(HttpResponseMessage r) =>
        r.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];
}

/// <summary>Sessions end when they should, on every copy of the cookie (issue: a cookie copied before logout kept working).</summary>
public abstract class SessionTests<TApp>(TApp app) where TApp : AppFactory
{
    [Fact]
    public async Task Signing_out_ends_every_copy_of_the_session_at_once()
    {
        var cookie = await CookieLogin.SignInAsync(app, "inspector");
        CookieLogin.SignedIn(await CookieLogin.GetWithAsync(app, "/Members", cookie)).ShouldBeTrue();

        // The user signs out in their browser; someone kept a copy of the cookie.
        var b = await Browser.LoginAsync(app, "inspector");
        var logout = await b.PostRawAsync("/Account/Logout", [], "/");
        logout.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var copied = await CookieLogin.GetWithAsync(app, "/Members", cookie);
        copied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        copied.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    [Fact]
    public async Task A_new_password_for_a_common_one_is_refused_in_Vietnamese()
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var create = scope.ServiceProvider.GetRequiredService<CreateAccount>();
        foreach (var weak in new[] { "password12", "qwerty1234", "1234567890a", "nguoidung.moi2025" })
        {
            var outcome = await create.HandleAsync(Input(), weak, app.Data.CommuneId, CancellationToken.None);
            outcome.IsDone.ShouldBeFalse(weak);
            string.Join(" ", outcome.Errors.Select(e => e.Message)).ShouldContain("Mật khẩu", customMessage: weak);
        }
        (await create.HandleAsync(Input(), "Tre-xanh-7-mua", app.Data.CommuneId, CancellationToken.None)).IsDone.ShouldBeTrue();
    }

    private static NewUserInput Input() => new() { UserName = "nguoidung.moi", FullName = "Người dùng mới", Role = Roles.Inspector };
}

public sealed class SessionTests_Sqlite(SqliteApp app) : SessionTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class SessionTests_Postgres(PostgresApp app) : SessionTests<PostgresApp>(app), IClassFixture<PostgresApp>;

/// <summary>
/// An hour without a request ends a session; activity renews it, but ten hours after the password was typed it ends
/// anyway. Its own application: the test moves the clock.
/// </summary>
public sealed class SessionLifetimeTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Idle_for_an_hour_or_ten_hours_after_sign_in_ends_the_session()
    {
        var idle = await CookieLogin.SignInAsync(app, "inspector");
        var busy = await CookieLogin.SignInAsync(app, "office");
        // Nine hours of work, a request every 50 minutes: the busy session lives on, renewed each time.
        for (var i = 0; i < 11; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(50));
            var r = await CookieLogin.GetWithAsync(app, "/Members", busy);
            CookieLogin.SignedIn(r).ShouldBeTrue($"after {(i + 1) * 50} minutes");
            if (r.Headers.TryGetValues("Set-Cookie", out var renewed) && renewed.Any(c => c.StartsWith("ptdv.auth", StringComparison.Ordinal)))
                busy = string.Join("; ", renewed.Select(c => c.Split(';')[0]).Where(c => c.StartsWith("ptdv.auth", StringComparison.Ordinal)));
        }
        CookieLogin.SignedIn(await CookieLogin.GetWithAsync(app, "/Members", idle)).ShouldBeFalse("nine hours without a request");
        app.Clock.Advance(TimeSpan.FromMinutes(55)); // 10 h 05 after sign-in, 55 minutes after the last request
        CookieLogin.SignedIn(await CookieLogin.GetWithAsync(app, "/Members", busy)).ShouldBeFalse("ten hours after the password");
    }
}

/// <summary>
/// Behind a reverse proxy that terminates HTTPS: the forwarded scheme is believed from a known proxy (loopback), so
/// the sign-in cookie is Secure and HSTS is sent; from an unknown address the header is ignored.
/// </summary>
public sealed class ProxyApp : AppFactory
{
    public ProxyApp() : base(Engine.Sqlite) { }

    public System.Net.IPAddress Remote { get; set; } = System.Net.IPAddress.Loopback;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new RemoteAddress(this)));
    }

    private sealed class RemoteAddress(ProxyApp app) : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => b =>
        {
            b.Use(n => ctx =>
            {
                ctx.Connection.RemoteIpAddress = app.Remote;
                return n(ctx);
            });
            next(b);
        };
    }
}

public sealed class ProxyTests(ProxyApp app) : IClassFixture<ProxyApp>
{
    [Fact]
    public async Task Behind_an_https_proxy_cookies_are_secure_and_hsts_is_sent()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        // Not "localhost": browsers ignore HSTS there, and the middleware leaves it out.
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://ptdv.example.vn/Account/Login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        var r = await client.SendAsync(request);
        r.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("ptdv.af=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        r.Headers.TryGetValues("Strict-Transport-Security", out var hsts).ShouldBeTrue();
        hsts!.Single().ShouldContain("max-age=31536000");

        app.Remote = System.Net.IPAddress.Parse("203.0.113.9");
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "http://ptdv.example.vn/Account/Login");
        spoofed.Headers.Add("X-Forwarded-Proto", "https");
        var s = await client.SendAsync(spoofed);
        s.Headers.GetValues("Set-Cookie").ShouldNotContain(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        s.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
        app.Remote = System.Net.IPAddress.Loopback;
    }
}
