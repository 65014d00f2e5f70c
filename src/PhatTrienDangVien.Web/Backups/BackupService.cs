using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Backups;

/// <summary>
/// Takes a consistent backup of the running database, records its outcome in <see cref="BackupRun"/> and keeps the
/// newest <see cref="BackupOptions.Keep"/> files.
/// </summary>
/// <remarks>
/// SQLite: <c>VACUUM INTO</c>, not the online backup API. Both read one snapshot without stopping writers (WAL), but
/// VACUUM INTO writes a compact, self-contained file (no -wal beside it) in one statement and refuses to overwrite
/// an existing file, and the <c>backup</c> command already used it: one way for the schedule, the button and the
/// command. PostgreSQL: <c>pg_dump -Fc</c> (one snapshot, the format pg_restore --clean reads).
/// The file is written under a ".partial" name and renamed when complete, so a crash never leaves a half file that
/// looks like a backup.
/// </remarks>
public sealed class BackupService(IServiceScopeFactory scopes, IOptions<BackupOptions> options, IHostEnvironment env, TimeProvider clock,
    JobClaims jobs, ILogger<BackupService> log, IConfiguration configuration)
{
    /// <summary>The administrator is warned when the last successful backup is older than this.</summary>
    public static readonly TimeSpan WarnAfter = TimeSpan.FromDays(2);

    /// <summary>A scheduled backup claimed but not finished after this long (its server died) may be taken over.</summary>
    public static readonly TimeSpan StaleClaim = TimeSpan.FromHours(3);

    private const string Prefix = "ptdv-";

    /// <summary>The button's files: kept apart from the daily ones so that pressing it many times never prunes those.</summary>
    private const string ManualTag = "manual-";

    /// <summary>The button refuses a second backup this soon after the last one (each copy holds every citizen ID).</summary>
    public static readonly TimeSpan ManualCooldown = TimeSpan.FromMinutes(5);

    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public BackupOptions Options => options.Value;

    public string Folder => Path.GetFullPath(Options.Folder is { Length: > 0 } folder ? folder : DefaultFolder(configuration, env.ContentRootPath), env.ContentRootPath);

    /// <summary>Beside the database file, as its keys are: a file moved to another disk (Data Source=D:\PTDV\ptdv.db) takes
    /// its backups with it, not into the application's folder.</summary>
    public static string DefaultFolder(IConfiguration configuration, string contentRoot) =>
        Setup.DatabaseSetup.IsPostgres(configuration)
            ? Path.Combine(contentRoot, "data", "backups")
            : Path.Combine(Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
                Setup.DatabaseSetup.SqliteConnectionString(configuration, contentRoot)).DataSource) ?? contentRoot, "backups");

    public static string ScheduledKey(DateOnly day) => "scheduled:" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The daily backup, when its hour has come and no server has taken today's yet: claimed in <see cref="JobClaims"/>
    /// like the other scheduled work (a claim whose server died is taken over once it is <see cref="StaleClaim"/> old),
    /// its outcome recorded in <c>BackupRuns</c>. Returns null when there was nothing to do.
    /// </summary>
    public async Task<BackupRun?> RunScheduledAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (VietnamTime.Local(now.UtcDateTime).Hour < Math.Clamp(Options.Hour, 0, 23)) return null;
        var key = ScheduledKey(VietnamTime.DateOf(now));
        var claim = "backup:" + key;
        if (!await jobs.TryClaimAsync(claim, StaleClaim, ct)) return null;
        using (var scope = SystemScope(out var db))
            // The JobClaims claim made this server the only one: a row left by a dead server is restarted under its key.
            await ClaimAsync(db, key, BackupKind.Scheduled, null, ct, restart: true);
        var run = await ExecuteAsync(key, null, ct);
        // A failed backup is finished too: it is reported to the administrator, not retried by every server all day.
        await jobs.FinishAsync(claim, CancellationToken.None);
        return run;
    }

    /// <summary>A backup now: the administrator's button (<paramref name="requestedBy"/>, of commune
    /// <paramref name="communeId"/>) or the command line.</summary>
    /// <remarks>The button is refused (<see cref="IsRefusedForSeveralCommunes"/>, nothing written) when the installation
    /// serves other communes too: the file would hold every commune's data, which is the server operator's to copy.</remarks>
    public async Task<BackupRun> RunNowAsync(BackupKind kind, string? requestedBy, string? target = null, int? communeId = null,
        CancellationToken ct = default)
    {
        // The button is always pressed by a commune's administrator: without the commune the check below would refuse it
        // in every installation, with a reason that is not the real one.
        if (kind == BackupKind.Manual && communeId is null)
            throw new ArgumentNullException(nameof(communeId), "A manual backup is asked for by a commune's administrator.");
        var key = $"{kind.ToString().ToLowerInvariant()}:{Guid.NewGuid():N}";
        using (var scope = SystemScope(out var db))
        {
            if (kind == BackupKind.Manual && !await Authorization.InstallationRules.ServesOneCommuneAsync(db, communeId, ct))
                return new BackupRun
                {
                    Key = "", Kind = kind, StartedAtUtc = clock.GetUtcNow().UtcDateTime, Succeeded = false,
                    Message = Authorization.InstallationRules.BackupsRefused,
                };
            if (kind == BackupKind.Manual)
            {
                // The button: at most one per window. The check reads the last press; the claim's key names the window, so
                // of presses racing inside one window only one row is inserted (ON CONFLICT DO NOTHING).
                var now = clock.GetUtcNow().UtcDateTime;
                var since = now - ManualCooldown;
                var last = await db.BackupRuns.Where(r => r.Kind == BackupKind.Manual && r.StartedAtUtc > since).MaxAsync(r => (DateTime?)r.StartedAtUtc, ct);
                key = "manual:" + (now.Ticks / ManualCooldown.Ticks).ToString(CultureInfo.InvariantCulture);
                if (last is not null || !await ClaimAsync(db, key, kind, requestedBy, ct))
                    return new BackupRun
                    {
                        Key = "", Kind = kind, StartedAtUtc = now, Succeeded = false,
                        Message = $"Vừa có một bản sao lưu bấm tay (lúc {BackupStatus.Time(last ?? now)}); hãy đợi {ManualCooldown.TotalMinutes:0} phút giữa hai lần bấm.",
                    };
            }
            else
            {
                await ClaimAsync(db, key, kind, requestedBy, ct);
            }
        }
        return await ExecuteAsync(key, target, ct);
    }

    /// <summary>Whether <see cref="RunNowAsync"/> refused the button because the installation serves several communes.</summary>
    public static bool IsRefusedForSeveralCommunes(BackupRun run) =>
        run is { Id: 0, Kind: BackupKind.Manual } && run.Message == Authorization.InstallationRules.BackupsRefused;

    /// <summary>Records a restore (in the restored database, so its history says what happened to it).</summary>
    public async Task RecordAsync(BackupKind kind, string file, bool succeeded, string? message, CancellationToken ct)
    {
        var key = $"{kind.ToString().ToLowerInvariant()}:{Guid.NewGuid():N}";
        using var scope = SystemScope(out var db);
        await ClaimAsync(db, key, kind, null, ct);
        await FinishAsync(db, key, succeeded, file, File.Exists(file) ? new FileInfo(file).Length : null, message, ct);
    }

    public async Task<List<BackupRun>> RecentAsync(int count, CancellationToken ct)
    {
        using var scope = SystemScope(out var db);
        return await db.BackupRuns.AsNoTracking().OrderByDescending(r => r.StartedAtUtc).ThenByDescending(r => r.Id).Take(count).ToListAsync(ct);
    }

    /// <summary>When the newest successful backup finished, or null if there is none.</summary>
    public static Task<DateTime?> LastSuccessAsync(AppDbContext db, CancellationToken ct) =>
        db.BackupRuns.Where(r => r.Succeeded && r.Kind != BackupKind.Restore).MaxAsync(r => r.FinishedAtUtc, ct);

    public static bool IsStale(DateTime? lastSuccessUtc, DateTimeOffset now) =>
        lastSuccessUtc is null || now.UtcDateTime - DateTime.SpecifyKind(lastSuccessUtc.Value, DateTimeKind.Utc) > WarnAfter;

    private async Task<BackupRun> ExecuteAsync(string key, string? target, CancellationToken ct)
    {
        using var scope = SystemScope(out var db);
        string? file = null;
        try
        {
            file = await CreateFileAsync(db, target, key.StartsWith("manual:", StringComparison.Ordinal), ct);
            var size = new FileInfo(file).Length;
            await FinishAsync(db, key, true, file, size, null, ct);
            BackupLog.Done(log, size);
            Prune();
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            BackupLog.Failed(log, e.GetType().FullName);
            await FinishAsync(db, key, false, file, null, Describe(e), CancellationToken.None);
        }
        return await db.BackupRuns.AsNoTracking().SingleAsync(r => r.Key == key, CancellationToken.None);
    }

    private static string Describe(Exception e) => e switch
    {
        SqliteException s => $"SQLite: {s.Message}",
        _ => e.Message,
    };

    /// <summary>Writes the backup file and returns its full path.</summary>
    private async Task<string> CreateFileAsync(AppDbContext db, string? target, bool manual, CancellationToken ct)
    {
        var sqlite = db.Database.IsSqlite();
        var path = target is null ? NewFileName(sqlite ? ".db" : ".dump", manual) : Path.GetFullPath(target, env.ContentRootPath);
        if (File.Exists(path)) throw new IOException($"Tệp {path} đã tồn tại; không ghi đè.");
        var dir = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dir);
        }
        else
        {
            // Every backup holds every citizen ID: owner-only, like the key-ring certificate. The service's own folder is
            // tightened even when it already exists (made 0755 by an older version); a folder given on the command line is
            // the operator's and keeps its mode.
            Directory.CreateDirectory(dir, OwnerFolder);
            if (string.Equals(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar), Folder.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
                File.SetUnixFileMode(dir, OwnerFolder);
        }
        var partial = path + ".partial";
        if (File.Exists(partial)) File.Delete(partial);
        try
        {
            if (sqlite)
            {
                // VACUUM INTO reads one snapshot under SQLite's own locking: consistent while the app writes.
                await db.Database.ExecuteSqlAsync($"VACUUM INTO {partial}", ct);
            }
            else
            {
                var cs = db.Database.GetConnectionString()!;
                var pgDump = PostgresTools.Find("pg_dump", Options.PostgresBin)
                    ?? throw new InvalidOperationException("Không tìm thấy pg_dump: hãy cài công cụ PostgreSQL hoặc đặt Backup:PostgresBin.");
                var (code, errors) = await PostgresTools.RunAsync(pgDump, cs,
                    ["--format=custom", "--file", partial, "--dbname", PostgresTools.DatabaseName(cs)], ct);
                if (code != 0) throw new InvalidOperationException($"pg_dump dừng với mã {code}: {errors}");
            }
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(partial, OwnerFile);
            File.Move(partial, path);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
        return path;
    }

    private string NewFileName(string extension, bool manual)
    {
        var stamp = VietnamTime.Local(clock.GetUtcNow().UtcDateTime).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var name = Prefix + (manual ? ManualTag : "") + stamp;
        // A second backup in the same second gets a higher suffix than any kept one ("-02", "-03"…), never a pruned
        // file's name, so that it sorts as the newest.
        var taken = Files().Select(f => Path.GetFileNameWithoutExtension(f.Name)).Where(n => n == name || n.StartsWith(name + "-", StringComparison.Ordinal)).ToList();
        if (taken.Count == 0) return Path.Combine(Folder, name + extension);
        var next = taken.Select(n => n.Length > name.Length && int.TryParse(n[(name.Length + 1)..], CultureInfo.InvariantCulture, out var k) ? k : 1).Max() + 1;
        return Path.Combine(Folder, $"{name}-{next:00}{extension}");
    }

    /// <summary>The backup files of the folder, newest first (their names sort by time).</summary>
    public List<FileInfo> Files()
    {
        if (!Directory.Exists(Folder)) return [];
        return new DirectoryInfo(Folder).EnumerateFiles(Prefix + "*")
            .Where(f => f.Name.EndsWith(".db", StringComparison.Ordinal) || f.Name.EndsWith(".dump", StringComparison.Ordinal))
            // Without the extension, so that "ptdv-…-120000-2" (a second one in the same second) sorts after "ptdv-…-120000".
            .OrderByDescending(f => Path.GetFileNameWithoutExtension(f.Name).Replace(ManualTag, "", StringComparison.Ordinal), StringComparer.Ordinal).ToList();
    }

    private static bool IsManual(FileInfo f) => f.Name.StartsWith(Prefix + ManualTag, StringComparison.Ordinal);

    /// <summary>
    /// Removes the daily (and command-line) files beyond the newest <see cref="BackupOptions.Keep"/>, and the button's
    /// beyond the newest <see cref="BackupOptions.KeepManual"/>, each group on its own: the button never pushes a daily
    /// backup out. Only files named as this service names them.
    /// </summary>
    public int Prune()
    {
        var removed = 0;
        var files = Files();
        foreach (var old in files.Where(f => !IsManual(f)).Skip(Math.Max(1, Options.Keep)).Concat(files.Where(IsManual).Skip(Math.Max(1, Options.KeepManual))))
        {
            old.Delete();
            removed++;
        }
        return removed;
    }

    /// <summary>
    /// Inserts the run's row; false when its key is taken. With <paramref name="restart"/> (the daily backup, already
    /// claimed in JobClaims) a row of the same key left by a server that died is started again instead.
    /// </summary>
    private async Task<bool> ClaimAsync(AppDbContext db, string key, BackupKind kind, string? requestedBy, CancellationToken ct, bool restart = false)
    {
        var kindText = kind.ToString();
        var now = clock.GetUtcNow().UtcDateTime;
        var server = Environment.MachineName;
        return restart
            ? await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "BackupRuns" ("Key", "Kind", "StartedAtUtc", "Succeeded", "Server", "RequestedBy")
                VALUES ({key}, {kindText}, {now}, {false}, {server}, {requestedBy})
                ON CONFLICT ("Key") DO UPDATE SET "StartedAtUtc" = {now}, "Server" = {server}
                """, ct) == 1
            : await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "BackupRuns" ("Key", "Kind", "StartedAtUtc", "Succeeded", "Server", "RequestedBy")
                VALUES ({key}, {kindText}, {now}, {false}, {server}, {requestedBy})
                ON CONFLICT ("Key") DO NOTHING
                """, ct) == 1;
    }

    private async Task FinishAsync(AppDbContext db, string key, bool succeeded, string? file, long? size, string? message, CancellationToken ct)
    {
        var finished = clock.GetUtcNow().UtcDateTime;
        var text = message is { Length: > 2000 } ? message[..2000] : message;
        await db.BackupRuns.Where(r => r.Key == key).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.FinishedAtUtc, finished).SetProperty(r => r.Succeeded, succeeded)
            .SetProperty(r => r.FilePath, file).SetProperty(r => r.SizeBytes, size).SetProperty(r => r.Message, text), ct);
    }

    private IServiceScope SystemScope(out AppDbContext db)
    {
        var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return scope;
    }
}

/// <summary>Counts and exception types only: a message may name a path or a host.</summary>
internal static partial class BackupLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Backup written: {Bytes} bytes")]
    public static partial void Done(ILogger logger, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backup failed: {ExceptionType}; the outcome is on /Admin/Backups")]
    public static partial void Failed(ILogger logger, string? exceptionType);
}

/// <summary>What the administrator is told about the backups.</summary>
public static class BackupStatus
{
    public static string? Warning(DateTime? lastSuccessUtc, DateTimeOffset now)
    {
        if (!BackupService.IsStale(lastSuccessUtc, now)) return null;
        if (lastSuccessUtc is null) return "Cảnh báo: chưa có bản sao lưu thành công nào của cơ sở dữ liệu.";
        var days = (int)(now.UtcDateTime - DateTime.SpecifyKind(lastSuccessUtc.Value, DateTimeKind.Utc)).TotalDays;
        return $"Cảnh báo: lần sao lưu thành công gần nhất đã cách đây {days} ngày (lúc {Time(lastSuccessUtc.Value)}).";
    }

    /// <summary>Vietnam time, as every time the office reads.</summary>
    public static string Time(DateTime utc) =>
        Core.Common.VietnamTime.Local(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
