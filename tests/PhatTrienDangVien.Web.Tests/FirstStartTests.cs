using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Cli;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Demo;
using PhatTrienDangVien.Web.Setup;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests;

/// <summary>
/// A fresh installation: the one-time setup page, then the admin command line and the demo commune.
/// The steps build on each other, so they run as one test per engine.
/// </summary>
public abstract class FirstStartTests<TApp>(TApp app) where TApp : EmptyAppFactory
{
    private async Task<T> SystemAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var code = await AdminCommands.RunAsync(app.Services, LaunchOptions.Parse(args), output);
        return (code, output.ToString());
    }

    [Fact]
    public async Task Setup_then_command_line_then_demo()
    {
        var token = app.Services.GetRequiredService<SetupToken>().Value;
        var b = Browser.Anonymous(app);

        // A wrong token is refused and creates nothing.
        var (wrong, wrongPage) = await b.GetAsync("/Setup?token=sai");
        wrong.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        wrongPage.Body!.TextContent.ShouldContain("Liên kết khai báo không đúng");

        var bad = await b.PostFormAsync($"/Setup?token={token}", new()
        {
            ["Input.CommuneName"] = "Đảng bộ xã Nhơn Mỹ", ["Input.TermStart"] = "2030", ["Input.TermEnd"] = "2025",
            ["Input.FullName"] = "Trần Văn Quản", ["Input.UserName"] = "quantri.xa", ["Input.Password"] = "Sen-hong-2025", ["Input.ConfirmPassword"] = "Sen-hong-2025",
        });
        (await bad.Content.ReadAsStringAsync()).ShouldContain("Nhiệm kỳ không hợp lệ");
        (await SystemAsync(db => db.Organisations.CountAsync())).ShouldBe(0);
        (await SystemAsync(db => db.Users.CountAsync())).ShouldBe(0);

        var ok = await b.PostFormAsync($"/Setup?token={token}", new()
        {
            ["Input.CommuneName"] = "Đảng bộ xã Nhơn Mỹ", ["Input.TermStart"] = "2025", ["Input.TermEnd"] = "2030",
            ["Input.FullName"] = "Trần Văn Quản", ["Input.UserName"] = "quantri.xa", ["Input.Password"] = "Sen-hong-2025", ["Input.ConfirmPassword"] = "Sen-hong-2025",
        });
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ok.Content.ReadAsStringAsync());
        var commune = await SystemAsync(db => db.Organisations.SingleAsync());
        commune.Name.ShouldBe("Đảng bộ xã Nhơn Mỹ");
        commune.CommuneId.ShouldBe(commune.Id);
        (await SystemAsync(db => db.Terms.SingleAsync())).EndYear.ShouldBe(2030);
        (await SystemAsync(db => db.SourceCategories.CountAsync())).ShouldBe(11);

        // Once a user exists the page is closed, even with the right token.
        var (again, againPage) = await Browser.Anonymous(app).GetAsync($"/Setup?token={token}");
        again.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        againPage.Body!.TextContent.ShouldContain("đã được khởi tạo");

        // The command line.
        (await RunAsync("create-admin", "--help")).Output.ShouldContain("create-admin --user");
        (await RunAsync("--help")).Output.ShouldContain("reset-password");
        var created = await RunAsync("create-admin", "--user", "quantri2", "--password", "Sen-hong-9876", "--name", "Lê Thị Quyên");
        created.Code.ShouldBe(0, created.Output);
        var weak = await RunAsync("create-admin", "--user", "quantri3", "--password", "ngan");
        weak.Code.ShouldBe(1);
        weak.Output.ShouldContain("ít nhất 10 ký tự");
        var reset = await RunAsync("reset-password", "--user", "quantri2");
        reset.Code.ShouldBe(0);
        var newPassword = reset.Output.Trim().Split(' ').Last();
        await Browser.LoginAsync(app, "quantri2", newPassword);
        (await RunAsync("reset-password", "--user", "khongco")).Code.ShouldBe(1);

        // The demo commune beside the real one: about 1,300 members, 25 cells, 2 sub-committees, 15 hamlets, ~150 candidates.
        var demo = await RunAsync("seed-demo");
        demo.Code.ShouldBe(0, demo.Output);
        demo.Output.ShouldContain("vanphong");
        var demoCommune = await SystemAsync(db => db.Organisations.SingleAsync(o => o.IsDemo && o.Kind == OrganisationKind.CommuneCommittee));
        var members = await SystemAsync(db => db.Members.CountAsync(m => m.CommuneId == demoCommune.Id));
        members.ShouldBeInRange(1250, 1350);
        (await SystemAsync(db => db.Organisations.CountAsync(o => o.CommuneId == demoCommune.Id && o.Kind == OrganisationKind.Cell))).ShouldBe(25);
        (await SystemAsync(db => db.Organisations.CountAsync(o => o.CommuneId == demoCommune.Id && o.Kind == OrganisationKind.SubCommittee))).ShouldBe(2);
        (await SystemAsync(db => db.Hamlets.CountAsync(h => h.CommuneId == demoCommune.Id))).ShouldBe(15);
        // Active candidates: the admitted and withdrawn ones keep their candidate record (and history) besides.
        (await SystemAsync(db => db.Candidates.CountAsync(c => c.CommuneId == demoCommune.Id && c.Status == CandidateStatus.Active))).ShouldBeInRange(130, 170);
        (await SystemAsync(db => db.People.CountAsync(p => p.CommuneId == demoCommune.Id && p.FullName.StartsWith("Nguyễn ")))).ShouldBeGreaterThan(300);
        foreach (var (user, _, _) in DemoSeeder.Logins)
            await Browser.LoginAsync(app, user, DemoSeeder.DemoPassword);
        (await RunAsync("seed-demo")).Output.ShouldContain("không tạo lại");

        // The demo data says so on every page.
        var office = await Browser.LoginAsync(app, "vanphong", DemoSeeder.DemoPassword);
        var (_, home) = await office.GetAsync("/");
        home.QuerySelector(".demo-banner")!.TextContent.ShouldContain("DỮ LIỆU MẪU");
        var real = await Browser.LoginAsync(app, "quantri2", newPassword);
        var (_, realHome) = await real.GetAsync("/");
        realHome.QuerySelector(".demo-banner").ShouldBeNull();

        if (app.Engine == Engine.Sqlite)
        {
            var target = Path.Combine(Path.GetTempPath(), $"ptdv-backup-{Guid.NewGuid():N}.db");
            var backup = await RunAsync("backup", "--output", target);
            backup.Code.ShouldBe(0, backup.Output);
            await using var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={target};Mode=ReadOnly");
            await copy.OpenAsync();
            await using var cmd = copy.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM Members";
            Convert.ToInt32(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(members + 0);
            (await RunAsync("backup", "--output", target)).Code.ShouldBe(1, "an existing file is never overwritten");
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(target);
        }
        else
        {
            // pg_dump -Fc into the backup folder, found on the PATH or under /usr/lib/postgresql.
            var backup = await RunAsync("backup");
            backup.Code.ShouldBe(0, backup.Output);
            backup.Output.ShouldContain(".dump");
        }
    }
}

public sealed class FirstStartTests_Sqlite(EmptySqliteApp app) : FirstStartTests<EmptySqliteApp>(app), IClassFixture<EmptySqliteApp>;

public sealed class FirstStartTests_Postgres(EmptyPostgresApp app) : FirstStartTests<EmptyPostgresApp>(app), IClassFixture<EmptyPostgresApp>;
