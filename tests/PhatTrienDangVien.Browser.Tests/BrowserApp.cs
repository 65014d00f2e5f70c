using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using Xunit;

namespace PhatTrienDangVien.Browser.Tests;

/// <summary>
/// The application on a real Kestrel port with a fresh SQLite file, and Debian's Chromium driven by Playwright.
/// </summary>
public class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"ptdv-browser-{Guid.NewGuid():N}.db");
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    /// <summary>The journeys' day: 20/11/2026 in Vietnam. The clock runs from there at real speed (timers and sign-in
    /// cookies behave as in production), so "this year" and the figures do not change with the day the suite runs.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(7));

    public static DateOnly StartDay => DateOnly.FromDateTime(Start.DateTime);

    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        var chromium = FindChromium();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
        await SeedAsync();
    }

    /// <summary>Data a journey starts from; none for the first-start journey.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    private static string FindChromium()
    {
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" })
            if (File.Exists(candidate)) return candidate;
        throw new InvalidOperationException("Chromium is not installed (apt-get install chromium); ./test.sh installs it.");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // EF's check that a context serves one operation at a time: off in the installed application, on here.
        builder.UseSetting("Database:ThreadSafetyChecks", "true");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={_db}");
        // No daily backup into the source tree while the journeys run.
        builder.UseSetting("Backup:Enabled", "false");
        // No alert run at start-up either: it would race the journey's own data (DemoBrowserApp makes the day's alerts
        // after seeding, the way the installed application has them).
        builder.UseSetting("Notifications:Background", "false");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(_clock);
        });
    }

    private readonly ShiftedClock _clock = new(Start);

    /// <summary>Moves the application's clock on (a class's days pass); sign-in cookies may expire with it.</summary>
    public void Advance(TimeSpan by) => _clock.Advance(by);

    /// <summary>Real time moved to <paramref name="start"/> when the application starts.</summary>
    private sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
    {
        private TimeSpan _shift = start - System.GetUtcNow();

        public void Advance(TimeSpan by) => _shift += by;

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Signs in through the form as a person would, then passes the second factor as a person with an authenticator
    /// app would: the code of the account's key for the second step, or — an administrator or office account without
    /// one, which the application sends to the enrolment page — enrolling with the key the page shows.
    /// </summary>
    public async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GotoAsync($"{BaseUrl}/Account/Login");
        await page.GetByLabel("Tên đăng nhập").FillAsync(user);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await LeaveAsync(page, "/Account/Login", user);
        if (new Uri(page.Url).AbsolutePath == "/Account/LoginTwoFactor")
        {
            await page.GetByLabel("Mã xác thực").FillAsync(Web.Tests.Infrastructure.Totp.Next(await AuthenticatorKeyAsync(user), Services.GetRequiredService<TimeProvider>()));
            await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận" }).ClickAsync();
            await LeaveAsync(page, "/Account/LoginTwoFactor", user);
        }
        else if (new Uri(page.Url).AbsolutePath == "/Account/TwoFactor")
        {
            await EnrolAsync(page, Services.GetRequiredService<TimeProvider>());
            await page.GotoAsync(BaseUrl + "/");
        }
    }

    /// <summary>On the enrolment page: adds the shown key to "the app" and confirms with its code. The code is the one
    /// for the application's clock (the journeys' shifted day), as a phone set to that day would show.</summary>
    public static async Task EnrolAsync(IPage page, TimeProvider clock)
    {
        var key = await page.Locator("[data-authenticator-key]").GetAttributeAsync("data-authenticator-key");
        await page.GetByLabel("Mã 6 chữ số trên ứng dụng").FillAsync(Web.Tests.Infrastructure.Totp.Next(key!, clock));
        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận và bật" }).ClickAsync();
        await page.Locator("[data-recovery-codes]").WaitForAsync();
    }

    private async Task<string> AuthenticatorKeyAsync(string user)
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Web.Authorization.CurrentScope>().Set(Web.Authorization.DataScope.System);
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Web.Data.AppUser>>();
        return (await users.GetAuthenticatorKeyAsync((await users.FindByNameAsync(user))!))!;
    }

    /// <summary>Waits for the sign-in form <paramref name="path"/> to give way to the next page; a refusal fails at once
    /// with what the form said (and a screenshot), not after the page's whole timeout with no reason.</summary>
    private static async Task LeaveAsync(IPage page, string path, string user)
    {
        var left = page.WaitForURLAsync(u => new Uri(u).AbsolutePath != path);
        var refused = page.Locator(".validation-summary-errors li, .field-validation-error, [data-rate-limited]").First
            .WaitForAsync(new() { State = WaitForSelectorState.Visible });
        // The waiter that loses the race ends with the page (a timeout or "target closed"), observed here.
        _ = left.ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        _ = refused.ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        await Task.WhenAny(left, refused);
        // Only a message shown on the form itself is a refusal; anything else is the navigation's own outcome.
        if (!refused.IsCompletedSuccessfully || left.IsCompletedSuccessfully || new Uri(page.Url).AbsolutePath != path)
        {
            await left;
            return;
        }
        var said = await page.Locator(".validation-summary-errors li, .field-validation-error, [data-rate-limited]").AllInnerTextsAsync();
        await TryScreenshotAsync(page, $"signin-refused-{user}");
        throw new InvalidOperationException(
            $"{user}: {path} refused at {DateTimeOffset.UtcNow:HH:mm:ss.fff} UTC: {string.Join(" | ", said.Select(t => t.Trim()).Where(t => t.Length > 0))}");
    }

    /// <summary>A screenshot for a failure's record; a page that cannot be drawn any more leaves none.</summary>
    public static async Task TryScreenshotAsync(IPage page, string name)
    {
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true, Timeout = 10_000 });
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // The failure itself is what is reported.
        }
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" })
            if (File.Exists(f)) File.Delete(f);
        GC.SuppressFinalize(this);
    }
}
