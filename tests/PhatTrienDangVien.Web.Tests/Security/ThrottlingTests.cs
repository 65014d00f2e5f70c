using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Pages.Account;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Security;

/// <summary>
/// The application with the real per-address limit (<see cref="AddressLimit"/> sign-in posts). The test server has
/// no client address; each request comes from the loopback proxy, so the X-Forwarded-For a test sets is believed
/// by the real forwarded-headers middleware, as behind nginx.
/// </summary>
public abstract class ThrottledApp(Engine engine) : AppFactory(engine)
{
    public const int AddressLimit = 10;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SignIn:AddressPermitLimit", AddressLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, FromLoopbackProxy>());
    }

    private sealed class FromLoopbackProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext ctx, RequestDelegate nextDelegate) =>
            {
                ctx.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextDelegate(ctx);
            });
            next(app);
        };
    }
}

public sealed class ThrottledSqliteApp() : ThrottledApp(Engine.Sqlite);

public sealed class ThrottledPostgresApp() : ThrottledApp(Engine.Postgres);

/// <summary>
/// Nobody can lock an account by failing on purpose; failures of a name slow its answers down (held on the
/// application's clock, measured here on the fake one), an address that tries too much gets 429, and an unknown name
/// is answered exactly as a known one.
/// </summary>
public abstract class ThrottlingTests<TApp>(TApp app) where TApp : ThrottledApp
{
    private Browser From(string address)
    {
        var b = Browser.Anonymous(app);
        b.Client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return b;
    }

    /// <summary>Runs a request while moving the application's clock on by <paramref name="step"/> whenever it is
    /// waiting; returns the answer and how much application time it took.</summary>
    private async Task<(T Result, TimeSpan Waited)> WithClockAsync<T>(Func<Task<T>> request, TimeSpan? step = null)
    {
        var start = app.Clock.GetUtcNow();
        var task = request();
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(15));
            if (!task.IsCompleted) app.Clock.Advance(step ?? TimeSpan.FromSeconds(1));
        }
        return (await task, app.Clock.GetUtcNow() - start);
    }

    private Task<HttpResponseMessage> TryAsync(string address, string user, string password) =>
        From(address).PostFormAsync("/Account/Login", new() { ["UserName"] = user, ["Password"] = password });

    private async Task<int> StoredFailuresAsync(string name)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SignInThrottle>().RecentFailuresAsync(name, CancellationToken.None);
    }

    [Fact]
    public void The_delay_grows_0_0_1_2_4_8_16_then_stays_at_30_seconds()
    {
        Enumerable.Range(0, 10).Select(n => SignInThrottle.DelayAfter(n).TotalSeconds)
            .ShouldBe([0, 0, 1, 2, 4, 8, 16, 30, 30, 30]);
    }

    [Fact]
    public async Task Fifty_wrong_passwords_from_elsewhere_do_not_lock_the_administrator_out()
    {
        for (var i = 1; i <= 50; i++)
        {
            var (r, _) = await WithClockAsync(() => TryAsync($"203.0.113.{i}", "admin", $"Doan-sai-{i}x"), TimeSpan.FromSeconds(5));
            r.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"attempt {i}");
        }
        (await StoredFailuresAsync("admin")).ShouldBe(50);

        // The administrator, from the office: the answer is held back by what is left of the delay (30 s after the
        // last failure, on the application's clock) and then the right password works; the second factor follows.
        TimeSpan left;
        using (var scope = app.Services.CreateScope())
            left = await scope.ServiceProvider.GetRequiredService<SignInThrottle>().RemainingDelayAsync("admin", CancellationToken.None);
        left.ShouldBeGreaterThan(TimeSpan.FromSeconds(10));
        var admin = From("198.51.100.7");
        var answer = admin.PostFormAsync("/Account/Login", new() { ["UserName"] = "admin", ["Password"] = TestData.Password });
        app.Clock.Advance(left - TimeSpan.FromSeconds(2));
        await Task.WhenAny(answer, Task.Delay(1500));
        answer.IsCompleted.ShouldBeFalse("the answer waits for the delay");
        var (password, _) = await WithClockAsync(() => answer);
        password.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        password.Headers.Location!.ToString().ShouldContain("/Account/LoginTwoFactor");
        var code = Totp.Next(await Browser.AuthenticatorKeyAsync(app, "admin"), app);
        var (second, _) = await WithClockAsync(() => admin.PostFormAsync(password.Headers.Location!.ToString(), new() { ["Code"] = code }));
        second.StatusCode.ShouldBe(HttpStatusCode.Redirect, await second.Content.ReadAsStringAsync());
        (await admin.Client.GetAsync("/Admin/Users")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StoredFailuresAsync("admin")).ShouldBe(0, "a complete sign-in forgets the failures");
    }

    /// <summary>
    /// A wrong password for <paramref name="name"/>, whose answer must wait exactly <paramref name="expected"/> on
    /// the application's clock: not answered while the clock stands (real time is given for the request to reach its
    /// wait), nor a second before the delay, and answered once it has passed. Returns the refusal's message.
    /// </summary>
    private async Task<string> FailAfterDelayAsync(string address, string name, TimeSpan expected)
    {
        var b = From(address);
        var (_, form) = await b.GetAsync("/Account/Login");
        var fields = Browser.FormValues(form);
        fields.RemoveAll(f => f.Key is "UserName" or "Password");
        fields.Add(new("UserName", name));
        fields.Add(new("Password", "Sai-mat-khau-7"));
        var answer = b.Client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        if (expected > TimeSpan.Zero)
        {
            await Task.WhenAny(answer, Task.Delay(400));
            answer.IsCompleted.ShouldBeFalse($"{name}: answered before any of the {expected} delay passed");
            app.Clock.Advance(expected - TimeSpan.FromSeconds(1));
            await Task.WhenAny(answer, Task.Delay(400));
            answer.IsCompleted.ShouldBeFalse($"{name}: answered a second before the {expected} delay");
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var r = await answer.WaitAsync(TimeSpan.FromSeconds(30));
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var doc = await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync(await r.Content.ReadAsStringAsync(), CancellationToken.None);
        return doc.QuerySelector(".alert-danger")?.TextContent.Trim() ?? "";
    }

    [Fact]
    public async Task Each_failure_of_a_name_makes_its_next_answer_wait_longer()
    {
        for (var i = 1; i <= 6; i++)
        {
            (await FailAfterDelayAsync($"198.18.0.{i}", "secretary", SignInThrottle.DelayAfter(i - 1))).ShouldBe(LoginModel.Refused);
            (await StoredFailuresAsync("secretary")).ShouldBe(i);
        }
        // Fifteen quiet minutes forget them: the right password is answered at once.
        app.Clock.Advance(SignInThrottle.Window + TimeSpan.FromSeconds(1));
        (await StoredFailuresAsync("secretary")).ShouldBe(0);
        var ok = await TryAsync("198.18.0.99", "secretary", TestData.Password).WaitAsync(TimeSpan.FromSeconds(30));
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task An_unknown_name_gets_the_same_answers_and_the_same_delays_as_a_known_one()
    {
        foreach (var name in new[] { "mentor", "khong-co-ai-ten-nay" })
        {
            for (var i = 1; i <= 4; i++)
                (await FailAfterDelayAsync($"198.19.{name.Length}.{i}", name, SignInThrottle.DelayAfter(i - 1))).ShouldBe(LoginModel.Refused, name);
        }
        (await StoredFailuresAsync("khong-co-ai-ten-nay")).ShouldBe(4);
        (await StoredFailuresAsync("mentor")).ShouldBe(4);
    }

    [Fact]
    public async Task Too_many_sign_in_posts_from_one_address_get_429_with_a_Vietnamese_message_for_page_and_API()
    {
        for (var i = 0; i < ThrottledApp.AddressLimit; i++)
            (await TryAsync("192.0.2.50", $"ai-do-{i}", "Sai-mat-khau-9")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"attempt {i + 1}");

        var page = await TryAsync("192.0.2.50", "secretary", TestData.Password);
        page.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        page.Headers.RetryAfter.ShouldNotBeNull();
        (await page.Content.ReadAsStringAsync()).ShouldContain("Quá nhiều lần thử đăng nhập từ địa chỉ này; hãy thử lại sau");

        var json = From("192.0.2.50");
        json.Client.DefaultRequestHeaders.Add("Accept", "application/json");
        var api = await json.PostRawAsync("/Account/Login", [new("UserName", "secretary"), new("Password", TestData.Password)], "/Account/Login");
        api.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await api.Content.ReadAsStringAsync()).ShouldContain("Quá nhiều lần thử đăng nhập từ địa chỉ này; hãy thử lại sau");

        // The same page by another spelling of its address is the same limit (found by the review: "/Account/Login/").
        foreach (var variant in new[] { "/Account/Login/", "/account/login", "/Account/LoginTwoFactor/" })
        {
            var other = await json.PostRawAsync(variant, [new("UserName", "secretary"), new("Password", TestData.Password)], "/Account/Login");
            other.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, variant);
        }

        // Another address is not affected, and reading the form is not counted.
        (await TryAsync("192.0.2.51", "secretary", TestData.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await From("192.0.2.50").GetAsync("/Account/Login")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class ThrottlingTests_Sqlite(ThrottledSqliteApp app) : ThrottlingTests<ThrottledSqliteApp>(app), IClassFixture<ThrottledSqliteApp>;

public sealed class ThrottlingTests_Postgres(ThrottledPostgresApp app) : ThrottlingTests<ThrottledPostgresApp>(app), IClassFixture<ThrottledPostgresApp>;
