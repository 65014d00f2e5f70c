using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using PhatTrienDangVien.Web.Backups;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Reliability;

/// <summary>
/// Crash safety with the real application as a process: killed with SIGKILL under concurrent writers (SQLite), and
/// its PostgreSQL server stopped and started under load. Every write the server acknowledged must be there afterwards.
/// A few seconds each in the normal run; PTDV_FULL=1 runs longer with more writers.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const string User = "quantri.thu";
    private const string Password = "Sen-hong-2025-x";

    private static int Writers => AppProcess.FullMode ? 16 : 4;
    private static TimeSpan Load => AppProcess.FullMode ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(3);

    /// <summary>To the test's output, and appended to the file PTDV_FIGURES names (the runner keeps a passing test's output to itself).</summary>
    private void Figure(string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("PTDV_FIGURES") is { Length: > 0 } file)
            File.AppendAllText(file, $"{DateTime.UtcNow:u} {(AppProcess.FullMode ? "full" : "short")}: {line}{Environment.NewLine}");
    }

    [Fact]
    public async Task Sqlite_killed_under_concurrent_writers_keeps_every_acknowledged_write_and_stays_sound()
    {
        var dir = Directory.CreateTempSubdirectory("ptdv-crash-");
        var db = Path.Combine(dir.FullName, "ptdv.db");
        string[] config = [$"--ConnectionStrings:Default=Data Source={db}", $"--Backup:Folder={Path.Combine(dir.FullName, "backups")}"];
        var port = AppProcess.FreePort();
        try
        {
            var writers = new HamletWriters();
            await using (var app = await AppProcess.StartAsync(port, config))
            {
                await app.SetUpAsync(User, Password);
                var browsers = new List<Infrastructure.Browser>();
                for (var i = 0; i < Writers; i++) browsers.Add(await app.LoginAsync(User, Password));
                using var stop = new CancellationTokenSource();
                var load = writers.RunAsync(browsers, "Ấp ghi thử", stop.Token);
                await Task.Delay(Load);
                var sw = Stopwatch.StartNew();
                // Killed mid-way: the writers are still sending.
                await app.KillAsync();
                await stop.CancelAsync();
                await load;
                Figure($"killed after {writers.Acknowledged.Count} acknowledged writes ({Writers} writers), {writers.Failures} cut off; kill took {sw.ElapsedMilliseconds} ms");
            }
            writers.Acknowledged.Count.ShouldBeGreaterThan(0);

            await using (var again = await AppProcess.StartAsync(port, config))
            {
                var stored = await HamletWriters.StoredAsync(await again.LoginAsync(User, Password));
                writers.Acknowledged.Where(n => !stored.Contains(n)).ShouldBeEmpty("every acknowledged write survives the kill");
            }
            SqliteConnection.ClearAllPools();
            await using var conn = new SqliteConnection($"Data Source={db};Pooling=False");
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA integrity_check";
            (await cmd.ExecuteScalarAsync()).ShouldBe("ok");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Postgres_stopped_under_load_gives_a_vietnamese_page_and_the_app_recovers_by_itself()
    {
        await using var server = await ThrowawayPostgres.StartAsync();
        var connection = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "ptdv_crash" }.ToString();
        await server.ExecuteAsync("CREATE DATABASE ptdv_crash");
        var dir = Directory.CreateTempSubdirectory("ptdv-crash-pg-");
        var port = AppProcess.FreePort();
        try
        {
            await using var app = await AppProcess.StartAsync(port,
                ["--Database:Provider=Postgres", $"--ConnectionStrings:Default={connection}", $"--Backup:Folder={dir.FullName}"]);
            await app.SetUpAsync(User, Password);
            var browsers = new List<Infrastructure.Browser>();
            for (var i = 0; i < Writers; i++) browsers.Add(await app.LoginAsync(User, Password));
            var watcher = browsers[0];
            var writers = new HamletWriters();
            using var stop = new CancellationTokenSource();
            var load = writers.RunAsync(browsers.Skip(1).ToList(), "Ấp ghi thử", stop.Token);
            await Task.Delay(Load);

            // The server goes away as in a crash (no checkpoint), with the writers still sending.
            await server.StopAsync();
            var (down, page) = await watcher.GetAsync("/Hamlets");
            down.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            page.Body!.TextContent.ShouldContain("Cơ sở dữ liệu tạm thời không trả lời");
            page.Body.TextContent.ShouldNotContain("Exception");
            var api = await watcher.Client.GetAsync("/api/hamlets");
            api.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await api.Content.ReadAsStringAsync()).ShouldContain("Cơ sở dữ liệu tạm thời không trả lời");
            await Task.Delay(Load / 3);

            // Back again: the application recovers without being restarted.
            var sw = Stopwatch.StartNew();
            await server.StartAgainAsync();
            var startup = sw.ElapsedMilliseconds;
            sw.Restart();
            var recovered = false;
            while (sw.Elapsed < TimeSpan.FromSeconds(60) && !recovered)
            {
                recovered = (await watcher.Client.GetAsync("/Hamlets")).StatusCode == HttpStatusCode.OK;
                if (!recovered) await Task.Delay(200);
            }
            recovered.ShouldBeTrue("the application answers again once the database is back");
            Figure($"PostgreSQL took {startup} ms to start (crash recovery); the application answered again {sw.ElapsedMilliseconds} ms after");
            await Task.Delay(Load / 2);
            await stop.CancelAsync();
            await load;

            var stored = await HamletWriters.StoredAsync(watcher);
            Figure($"{writers.Acknowledged.Count} acknowledged writes ({Writers - 1} writers), {writers.Failures} refused while down; statuses {string.Join(", ", writers.Statuses.GroupBy(s => s).Select(g => $"{g.Key}×{g.Count()}"))}");
            writers.Acknowledged.Count.ShouldBeGreaterThan(0);
            writers.Acknowledged.Where(n => !stored.Contains(n)).ShouldBeEmpty("every acknowledged write survives the restart");
            writers.Statuses.ShouldNotContain(500, "a database outage is a 503, never a server error");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }
}

/// <summary>
/// A PostgreSQL instance of one test's own (initdb and pg_ctl in a temp folder, on a free port), so that stopping it
/// disturbs no other test. Run as the postgres user when the tests run as root, as PostgreSQL requires.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _dir;
    private readonly int _port;

    private ThrowawayPostgres(string dir, int port)
    {
        _dir = dir;
        _port = port;
    }

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Pooling=false";

    private static string Tool(string name) => PostgresTools.Find(name, null) ?? throw new InvalidOperationException($"{name} not found");

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ptdv-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        if (Environment.UserName == "root") await RunAsync("chown", "postgres:postgres", dir);
        await AsPostgresAsync(Tool("initdb"), "-D", Path.Combine(dir, "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8");
        var pg = new ThrowawayPostgres(dir, AppProcess.FreePort());
        await pg.StartAgainAsync();
        return pg;
    }

    public Task StartAgainAsync() => AsPostgresAsync(Tool("pg_ctl"), "-D", Path.Combine(_dir, "data"), "-l", Path.Combine(_dir, "log"), "-w",
        "-o", $"-p {_port} -k {_dir} -c listen_addresses=127.0.0.1 -c max_connections=100", "start");

    /// <summary>Immediate: the server ends without a checkpoint, as in a crash; it recovers from its log on start.</summary>
    public Task StopAsync() => AsPostgresAsync(Tool("pg_ctl"), "-D", Path.Combine(_dir, "data"), "-m", "immediate", "-w", "stop");

    public async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static Task AsPostgresAsync(string exe, params string[] args) =>
        Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", exe, .. args]) : RunAsync(exe, args);

    private static async Task RunAsync(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{exe} {string.Join(' ', args)}: {await stdout} {await stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(_dir, recursive: true);
    }
}
