using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PhatTrienDangVien.Web.Backups;
using PhatTrienDangVien.Web.Cli;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Reliability;

/// <summary>
/// Backups kept proven: a backup taken while the application runs gives back exactly the data of its moment after a
/// restore, old files are pruned to the newest N, the administrator is warned when the last backup is old, and the
/// daily backup is taken once a day even by two instances of the service sharing the database.
/// </summary>
public abstract class BackupTests<TApp>(TApp app) where TApp : AppFactory
{
    private static readonly string[] s_checkedTables =
        ["Organisations", "People", "Members", "Candidates", "Hamlets", "AdmissionSteps", "AuditEntries", "AspNetUsers", "__EFMigrationsHistory"];

    private BackupService Backups => app.Services.GetRequiredService<BackupService>();

    /// <summary>Row counts and a SHA-256 of every value of the checked tables, in key order.</summary>
    private async Task<Dictionary<string, (long Rows, string Hash)>> FingerprintAsync() => await app.WithSystemScopeAsync(async db =>
    {
        var result = new Dictionary<string, (long, string)>();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        try
        {
            foreach (var table in s_checkedTables)
            {
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
                await using var reader = await cmd.ExecuteReaderAsync();
                var text = new StringBuilder();
                long rows = 0;
                while (await reader.ReadAsync())
                {
                    rows++;
                    for (var i = 0; i < reader.FieldCount; i++)
                        text.Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('\u001f');
                    text.Append('\n');
                }
                result[table] = (rows, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))));
            }
        }
        finally
        {
            await conn.CloseAsync();
        }
        return result;
    });

    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var code = await AdminCommands.RunAsync(app.Services, LaunchOptions.Parse(args), output);
        return (code, output.ToString());
    }

    [Fact]
    public async Task A_backup_taken_while_running_restores_exactly_its_data_after_a_change()
    {
        var before = await FingerprintAsync();
        var run = await Backups.RunNowAsync(BackupKind.Command, null);
        run.Succeeded.ShouldBeTrue(run.Message);
        File.Exists(run.FilePath).ShouldBeTrue();
        run.SizeBytes!.Value.ShouldBeGreaterThan(1000);

        // A change after the backup: a renamed person (with its audit row) and a new hamlet.
        var admin = await Browser.LoginAsync(app, "admin");
        (await admin.PostFormAsync("/Hamlets/Edit", new() { ["Input.Name"] = "Ấp sau sao lưu", ["Input.Population"] = "10", ["Input.Households"] = "3" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await app.WithSystemScopeAsync(async db =>
        {
            var p = await db.People.OrderBy(x => x.Id).FirstAsync();
            p.FullName = "Tên đã đổi sau sao lưu";
            return await db.SaveChangesAsync();
        });
        var changed = await FingerprintAsync();
        changed["Hamlets"].Rows.ShouldBe(before["Hamlets"].Rows + 1);
        changed["People"].Hash.ShouldNotBe(before["People"].Hash);

        // Refused without confirmation, and refused for a file that is not a backup: nothing changes.
        var unconfirmed = await RunAsync("restore", "--input", run.FilePath!);
        unconfirmed.Code.ShouldBe(2);
        unconfirmed.Output.ShouldContain("--yes");
        var junk = Path.Combine(app.BackupFolder, "khong-phai-sao-luu.db");
        await File.WriteAllTextAsync(junk, "đây không phải cơ sở dữ liệu");
        var refused = await RunAsync("restore", "--input", junk, "--yes");
        refused.Code.ShouldBe(1);
        refused.Output.ShouldContain("không phục hồi");
        (await FingerprintAsync()).ShouldBe(changed);

        var versionsBefore = await app.WithSystemScopeAsync(db => Web.Data.DataVersions.AllAsync(db, default));
        var restored = await RunAsync("restore", "--input", run.FilePath!, "--yes");
        restored.Code.ShouldBe(0, restored.Output);
        restored.Output.ShouldContain("Đã phục hồi");
        (await FingerprintAsync()).ShouldBe(before);
        // No data version moves back: a figure kept under the replaced data's version is never taken for the restored data.
        var versionsAfter = await app.WithSystemScopeAsync(db => Web.Data.DataVersions.AllAsync(db, default));
        versionsBefore.ShouldNotBeEmpty();
        foreach (var (commune, value) in versionsBefore) versionsAfter[commune].ShouldBeGreaterThan(value, $"commune {commune}");
        // The data as it was just before the restore was kept.
        Directory.GetFiles(app.BackupFolder, "before-restore-*").ShouldNotBeEmpty();
        // The restore is in the (restored) history.
        (await Backups.RecentAsync(5, default)).ShouldContain(r => r.Kind == BackupKind.Restore && r.Succeeded);
        // The application still works on the restored data.
        var (page, doc) = await (await Browser.LoginAsync(app, "admin")).GetAsync("/Hamlets");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        doc.Body!.TextContent.ShouldNotContain("Ấp sau sao lưu");
    }

    [Fact]
    public async Task Only_the_newest_n_backup_files_are_kept()
    {
        var folder = Path.Combine(app.BackupFolder, "keep");
        Directory.CreateDirectory(folder);
        // Files that are not this service's backups are never removed.
        await File.WriteAllTextAsync(Path.Combine(folder, "ghi-chu.txt"), "x");
        await File.WriteAllTextAsync(Path.Combine(folder, "before-restore-20200101-000000.db"), "x");
        var service = ActivatorUtilities.CreateInstance<BackupService>(app.Services,
            Options.Create(new BackupOptions { Folder = folder, Keep = 3 }));
        var made = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var run = await service.RunNowAsync(BackupKind.Command, null);
            run.Succeeded.ShouldBeTrue(run.Message);
            made.Add(Path.GetFileName(run.FilePath!));
        }
        made.Distinct().Count().ShouldBe(5);
        var left = service.Files().Select(f => f.Name).ToList();
        left.ShouldBe(made.TakeLast(3).Reverse().ToList());
        File.Exists(Path.Combine(folder, "ghi-chu.txt")).ShouldBeTrue();
        File.Exists(Path.Combine(folder, "before-restore-20200101-000000.db")).ShouldBeTrue();
    }

    [Fact]
    public async Task Many_presses_of_the_button_never_remove_the_daily_backups()
    {
        var folder = Path.Combine(app.BackupFolder, "manual-" + Guid.NewGuid().ToString("N")[..6]);
        var service = ActivatorUtilities.CreateInstance<BackupService>(app.Services,
            Options.Create(new BackupOptions { Folder = folder, Keep = 3, KeepManual = 2 }));
        var daily = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var run = await service.RunNowAsync(BackupKind.Command, null);
            run.Succeeded.ShouldBeTrue(run.Message);
            daily.Add(Path.GetFileName(run.FilePath!));
        }
        await app.WithSystemScopeAsync(db => db.BackupRuns.Where(r => r.Kind == BackupKind.Manual).ExecuteDeleteAsync());
        var manual = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            // Each press past the cooldown, so that every one writes a file.
            app.Clock.Advance(BackupService.ManualCooldown + TimeSpan.FromSeconds(1));
            var run = await service.RunNowAsync(BackupKind.Manual, "admin", communeId: app.Data.CommuneId);
            run.Succeeded.ShouldBeTrue(run.Message);
            manual.Add(Path.GetFileName(run.FilePath!));
        }
        var left = service.Files().Select(f => f.Name).ToList();
        left.ShouldBe(manual.TakeLast(2).Reverse().Concat(Enumerable.Reverse(daily)).ToList());
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(folder).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            foreach (var f in service.Files()) File.GetUnixFileMode(f.FullName).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite, f.Name);
        }
    }

    [Fact]
    public async Task A_second_press_within_five_minutes_is_refused_and_writes_nothing()
    {
        await app.WithSystemScopeAsync(db => db.BackupRuns.Where(r => r.Kind == BackupKind.Manual).ExecuteDeleteAsync());
        app.Clock.Advance(BackupService.ManualCooldown + TimeSpan.FromSeconds(1));
        var admin = await Browser.LoginAsync(app, "admin");
        (await admin.PostFormAsync("/Admin/Backups", new())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var files = Backups.Files().Count;
        var runs = await app.WithSystemScopeAsync(db => db.BackupRuns.CountAsync());

        // Fifteen presses at once: none gets through.
        var presses = await Task.WhenAll(Enumerable.Range(0, 15).Select(_ => Backups.RunNowAsync(BackupKind.Manual, "admin", communeId: app.Data.CommuneId)));
        presses.ShouldAllBe(r => !r.Succeeded && r.Message!.Contains("hãy đợi 5 phút"));
        (await admin.PostFormAsync("/Admin/Backups", new())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, page) = await admin.GetAsync("/Admin/Backups");
        page.Body!.TextContent.ShouldContain("hãy đợi 5 phút giữa hai lần bấm");
        Backups.Files().Count.ShouldBe(files);
        (await app.WithSystemScopeAsync(db => db.BackupRuns.CountAsync())).ShouldBe(runs);

        // After the window, the button works again.
        app.Clock.Advance(BackupService.ManualCooldown + TimeSpan.FromSeconds(1));
        (await Backups.RunNowAsync(BackupKind.Manual, "admin", communeId: app.Data.CommuneId)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task The_administrator_is_warned_when_the_last_backup_is_three_days_old()
    {
        await app.WithSystemScopeAsync(db => db.BackupRuns.ExecuteDeleteAsync());
        var admin = await Browser.LoginAsync(app, "admin");
        var (_, none) = await admin.GetAsync("/");
        none.QuerySelector("#backup-warning")!.TextContent.ShouldContain("chưa có bản sao lưu thành công");
        // Those who do not manage backups are not told.
        var (_, office) = await (await Browser.LoginAsync(app, "office")).GetAsync("/");
        office.QuerySelector("#backup-warning").ShouldBeNull();
        (await (await Browser.LoginAsync(app, "office")).Client.GetAsync("/Admin/Backups")).StatusCode.ShouldNotBe(HttpStatusCode.OK);

        // The button (with its confirmation) backs up now.
        var (_, page) = await admin.GetAsync("/Admin/Backups");
        page.QuerySelector("form[data-confirm] #backup-now").ShouldNotBeNull();
        var pressed = await admin.PostFormAsync("/Admin/Backups", new());
        pressed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, after) = await admin.GetAsync("/Admin/Backups");
        after.QuerySelector("#backup-warning").ShouldBeNull();
        after.QuerySelector("#backup-runs tbody")!.TextContent.ShouldContain("Thành công");
        after.QuerySelector("#backup-runs tbody")!.TextContent.ShouldContain("admin");

        app.Clock.Advance(TimeSpan.FromDays(3));
        var again = await Browser.LoginAsync(app, "admin");
        var (_, old) = await again.GetAsync("/");
        old.QuerySelector("#backup-warning")!.TextContent.ShouldContain("cách đây 3 ngày");
        var (_, list) = await again.GetAsync("/Admin/Backups");
        list.QuerySelector("#backup-page-warning")!.TextContent.ShouldContain("3 ngày");
    }

    [Fact]
    public async Task A_daily_backup_whose_server_died_is_taken_over_once_its_claim_is_stale_and_not_before()
    {
        var folder = Path.Combine(app.BackupFolder, "taken-over");
        var service = ActivatorUtilities.CreateInstance<BackupService>(app.Services,
            Options.Create(new BackupOptions { Folder = folder, Hour = 0, Keep = 10, Enabled = true }));
        // A day no other test of the class has backed up (they share the application and its clock).
        app.Clock.Advance(TimeSpan.FromDays(30));
        var key = BackupService.ScheduledKey(Core.Common.VietnamTime.Today(app.Clock));
        // Another server claimed today's backup an hour ago and has not finished: it may still be working.
        var claimed = app.Clock.GetUtcNow().UtcDateTime.AddHours(-1);
        await app.WithSystemScopeAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO "JobClaims" ("Key", "Server", "ClaimedAtUtc") VALUES ({"backup:" + key}, {"may-chu-khac:1"}, {claimed})
            """));
        (await service.RunScheduledAsync()).ShouldBeNull();
        Directory.Exists(folder).ShouldBeFalse();

        // Past the stale limit it died: this server takes the day over, once.
        app.Clock.Advance(BackupService.StaleClaim);
        var run = await service.RunScheduledAsync();
        run.ShouldNotBeNull();
        run.Succeeded.ShouldBeTrue(run.Message);
        Directory.GetFiles(folder, "ptdv-*").Length.ShouldBe(1);
        (await service.RunScheduledAsync()).ShouldBeNull();
        (await app.WithSystemScopeAsync(db => db.JobClaims.SingleAsync(c => c.Key == "backup:" + key))).FinishedAtUtc.ShouldNotBeNull();
        // The next test of the class starts on a day nobody has backed up.
        app.Clock.Advance(TimeSpan.FromDays(1));
    }

    [Fact]
    public async Task Two_instances_of_the_daily_service_take_one_backup_per_day()
    {
        var folder = Path.Combine(app.BackupFolder, "daily");
        var options = Options.Create(new BackupOptions { Folder = folder, Hour = 0, Keep = 10, Enabled = true });
        var services = Enumerable.Range(0, 2).Select(_ =>
            ActivatorUtilities.CreateInstance<BackupBackgroundService>(app.Services, ActivatorUtilities.CreateInstance<BackupService>(app.Services, options))).ToList();
        var day1 = BackupService.ScheduledKey(Core.Common.VietnamTime.Today(app.Clock));
        foreach (var s in services) await s.StartAsync(default);
        try
        {
            await WaitForAsync(day1);
            // Both instances have had their first turn; only one took the day's backup.
            await Task.Delay(1500);
            Directory.GetFiles(folder, "ptdv-*").Length.ShouldBe(1);
            // Counted by this test's days: other tests of the class take scheduled backups of their own days.
            (await app.WithSystemScopeAsync(db => db.BackupRuns.CountAsync(r => r.Kind == BackupKind.Scheduled && r.Key == day1))).ShouldBe(1);

            // Later the same day: nothing more. The next day: one more.
            app.Clock.Advance(BackupBackgroundService.Interval);
            await Task.Delay(1000);
            Directory.GetFiles(folder, "ptdv-*").Length.ShouldBe(1);
            app.Clock.Advance(TimeSpan.FromDays(1));
            var day2 = BackupService.ScheduledKey(Core.Common.VietnamTime.Today(app.Clock));
            await WaitForAsync(day2);
            await Task.Delay(1500);
            Directory.GetFiles(folder, "ptdv-*").Length.ShouldBe(2);
            (await app.WithSystemScopeAsync(db => db.BackupRuns.CountAsync(r => r.Kind == BackupKind.Scheduled && (r.Key == day1 || r.Key == day2)))).ShouldBe(2);
        }
        finally
        {
            foreach (var s in services) await s.StopAsync(default);
        }
    }

    private async Task WaitForAsync(string key)
    {
        for (var i = 0; i < 300; i++)
        {
            var run = await app.WithSystemScopeAsync(db => db.BackupRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key));
            if (run?.FinishedAtUtc is not null)
            {
                run.Succeeded.ShouldBeTrue(run.Message);
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"no finished backup {key}");
    }
}

public sealed class BackupSqliteApp() : AppFactory(Engine.Sqlite);

public sealed class BackupPostgresApp() : AppFactory(Engine.Postgres);

public sealed class BackupTests_Sqlite(BackupSqliteApp app) : BackupTests<BackupSqliteApp>(app), IClassFixture<BackupSqliteApp>;

public sealed class BackupTests_Postgres(BackupPostgresApp app) : BackupTests<BackupPostgresApp>(app), IClassFixture<BackupPostgresApp>;

/// <summary>Where the backups go when no folder is set: beside the SQLite file, wherever it was put.</summary>
public sealed class BackupFolderTests
{
    private static Microsoft.Extensions.Configuration.IConfiguration Settings(params (string Key, string Value)[] values) =>
        new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Unset_the_folder_is_beside_the_database_file()
    {
        var root = Path.Combine(Path.GetTempPath(), "ptdv-backup-folder-" + Guid.NewGuid().ToString("N"));
        try
        {
            var elsewhere = Path.Combine(root, "o-dia-D", "PTDV");
            BackupService.DefaultFolder(Settings(("ConnectionStrings:Default", $"Data Source={Path.Combine(elsewhere, "ptdv.db")}")), Path.Combine(root, "app"))
                .ShouldBe(Path.Combine(elsewhere, "backups"));
            // The default file (data/ptdv.db under the application's folder): data/backups, as before.
            BackupService.DefaultFolder(Settings(), Path.Combine(root, "app")).ShouldBe(Path.Combine(root, "app", "data", "backups"));
            BackupService.DefaultFolder(Settings(("Database:Provider", "Postgres")), Path.Combine(root, "app")).ShouldBe(Path.Combine(root, "app", "data", "backups"));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
