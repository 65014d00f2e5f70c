using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Web.Backups;
using PhatTrienDangVien.Web.Setup;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using PhatTrienDangVien.Web.Tests.Reliability;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Province;

/// <summary>The test commune on a PostgreSQL database of its own, which two application processes then share.</summary>
public sealed class SharedPostgresApp() : AppFactory(Engine.Postgres);

/// <summary>
/// A province runs two application servers behind a reverse proxy on one PostgreSQL (docs/deploy.md). Here: two real
/// processes of the built application on two ports, sharing the database and the key-ring certificate. A user signed in
/// on one goes on on the other (the cookie and the form's antiforgery token are read by either), a write on one shows on
/// the other's dashboard at once (no figure kept in one server's memory), and the day's scheduled work (the alerts and
/// the daily backup) is done by one of them only (decision 0034).
/// </summary>
public sealed class TwoServerTests(SharedPostgresApp app) : IClassFixture<SharedPostgresApp>
{
    [Fact]
    public async Task Two_servers_share_the_sign_in_the_figures_and_do_the_day_s_work_once()
    {
        var backups = Directory.CreateTempSubdirectory("ptdv-two-servers-");
        try
        {
            string[] config =
            [
                "--Database:Provider=Postgres", $"--ConnectionStrings:Default={app.ConnectionString}",
                // One certificate for both: it encrypts the key ring in the database that signs the cookies and tokens.
                $"--DataProtection:CertificatePath={app.Services.GetRequiredService<KeyRingCertificate>().Path}",
                // Both run their schedules, as two production servers do: the backup is due from midnight.
                "--Notifications:Background=true", "--Backup:Enabled=true", "--Backup:Hour=0", $"--Backup:Folder={backups.FullName}",
            ];
            var starting = new[] { AppProcess.StartAsync(AppProcess.FreePort(), config), AppProcess.StartAsync(AppProcess.FreePort(), config) };
            await using var one = await starting[0];
            await using var two = await starting[1];

            // The same browser (its cookies) before both: a proxy may send each request to either server.
            var jar = new CookieContainer();
            Browser On(AppProcess server) => new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = jar })
            {
                BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(60),
            });
            var onOne = On(one);
            var onTwo = On(two);

            // Signed in on the first, with the second factor on the second.
            var login = await onOne.PostFormAsync("/Account/Login", new() { ["UserName"] = "office", ["Password"] = TestData.Password });
            login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var second = login.Headers.Location!.ToString();
            second.ShouldContain("/Account/LoginTwoFactor");
            (await onTwo.PostFormAsync(second, new() { ["Code"] = Totp.Next(TestData.AuthenticatorKey, TimeProvider.System) }))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect, "the second factor is accepted by the other server");

            // Both dashboards read once (a server that kept figures in memory would keep these).
            var before = await GapHamletsAsync(onOne);
            (await GapHamletsAsync(onTwo)).ShouldBe(before);

            // A form opened on one server and sent to the other: the antiforgery token is valid on both.
            var (_, form) = await onOne.GetAsync("/Hamlets/Edit");
            var fields = Browser.FormValues(form);
            fields.RemoveAll(f => f.Key is "Input.Name" or "Input.Population" or "Input.Households");
            fields.AddRange([new("Input.Name", "Ấp Hai Máy Chủ"), new("Input.Population", "5000"), new("Input.Households", "1200")]);
            var saved = await onTwo.Client.PostAsync("/Hamlets/Edit", new FormUrlEncodedContent(fields));
            saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());

            // The write on the second is on the first's dashboard at once (a hamlet of 5,000 people and no member).
            (await GapHamletsAsync(onOne)).ShouldBe(before + 1);
            (await GapHamletsAsync(onTwo)).ShouldBe(before + 1);
            // And the other way round.
            (await onOne.PostFormAsync("/Hamlets/Edit", new() { ["Input.Name"] = "Ấp Máy Chủ Một", ["Input.Population"] = "4000", ["Input.Households"] = "900" }))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await GapHamletsAsync(onTwo)).ShouldBe(before + 2);

            // The day's work: both servers' schedules ran their first turn at start; one of them did each job.
            var today = VietnamTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var servers = new[] { one.ServerName, two.ServerName };
            var alerts = await WaitForAsync(db => db.JobClaims.AsNoTracking().SingleOrDefaultAsync(c => c.Key == "alerts:" + today && c.FinishedAtUtc != null));
            servers.ShouldContain(alerts.Server);
            var backup = await WaitForAsync(db => db.JobClaims.AsNoTracking().SingleOrDefaultAsync(c => c.Key == "backup:scheduled:" + today && c.FinishedAtUtc != null));
            servers.ShouldContain(backup.Server);
            // Each server has ticked again by now (the backup's timer every 15 minutes is too slow to wait for: the
            // first turn of both is what races).
            var runs = await app.WithSystemScopeAsync(db => db.BackupRuns.AsNoTracking().Where(r => r.Kind == BackupKind.Scheduled).ToListAsync());
            runs.Count.ShouldBe(1, string.Join("; ", runs.Select(r => r.Key)));
            runs[0].Succeeded.ShouldBeTrue(runs[0].Message);
            Directory.GetFiles(backups.FullName, "ptdv-*").Length.ShouldBe(1);
            (one.Output + two.Output).ShouldNotContain("Unhandled exception");
        }
        finally
        {
            backups.Delete(recursive: true);
        }
    }

    private static async Task<int> GapHamletsAsync(Browser b)
    {
        var (response, page) = await b.GetAsync("/Dashboard");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, response.Headers.Location?.ToString());
        return int.Parse(page.QuerySelector("#gap-hamlets")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<T> WaitForAsync<T>(Func<Data.AppDbContext, Task<T?>> read) where T : class
    {
        for (var i = 0; i < 300; i++)
        {
            if (await app.WithSystemScopeAsync(read) is { } found) return found;
            await Task.Delay(200);
        }
        throw new TimeoutException("the scheduled work was not done within a minute");
    }
}
