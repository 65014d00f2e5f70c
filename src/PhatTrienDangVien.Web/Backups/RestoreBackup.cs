using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Setup;

namespace PhatTrienDangVien.Web.Backups;

/// <summary>
/// Puts a backup back onto the configured database (the <c>restore</c> command). It checks the file first (it opens,
/// it is this application's database, no migration is newer than this version knows), keeps a backup of the current
/// database in the backup folder ("before-restore-…"), then replaces the data and brings the schema up to date.
/// </summary>
/// <remarks>
/// SQLite: the online backup API copies the file onto the live database under SQLite's locks, so even a running
/// server sees the old or the new database whole, never a mixture. PostgreSQL: <c>pg_restore --clean --if-exists
/// --single-transaction</c>: a failure leaves the database as it was.
/// </remarks>
public sealed class RestoreBackup(IServiceScopeFactory scopes, BackupService backups, TimeProvider clock)
{
    public async Task<(bool Ok, string Message)> RestoreAsync(string input, CancellationToken ct)
    {
        var file = Path.GetFullPath(input);
        if (!File.Exists(file)) return (false, $"Không tìm thấy tệp {file}.");
        bool sqlite;
        string liveConnection;
        string[] known;
        using (var scope = SystemScope(out var db))
        {
            sqlite = db.Database.IsSqlite();
            liveConnection = db.Database.GetConnectionString()!;
            known = db.Database.GetMigrations().ToArray();
        }
        var check = sqlite ? CheckSqlite(file, known) : CheckPostgresDump(file);
        if (check is not null) return (false, check);

        // The current data first: a restore of the wrong file can itself be undone.
        var stamp = VietnamTime.Local(clock.GetUtcNow().UtcDateTime).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var safety = Path.Combine(backups.Folder, $"before-restore-{stamp}{(sqlite ? ".db" : ".dump")}");
        var copy = await backups.RunNowAsync(BackupKind.Command, null, safety, ct: ct);
        if (!copy.Succeeded) return (false, $"Không sao lưu được dữ liệu hiện tại nên chưa phục hồi: {copy.Message}");

        // The versions of the data about to be replaced, read last: a write after this read is covered by the floor.
        Dictionary<int, long> versions;
        using (var scope = SystemScope(out var db)) versions = await DataVersions.AllAsync(db, ct);

        if (sqlite)
        {
            await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
            await using (var target = new SqliteConnection(new SqliteConnectionStringBuilder(liveConnection) { Pooling = false }.ToString()))
            {
                await source.OpenAsync(ct);
                await target.OpenAsync(ct);
                source.BackupDatabase(target);
            }
            SqliteConnection.ClearAllPools();
        }
        else
        {
            var pgRestore = PostgresTools.Find("pg_restore", backups.Options.PostgresBin);
            if (pgRestore is null) return (false, "Không tìm thấy pg_restore: hãy cài công cụ PostgreSQL hoặc đặt Backup:PostgresBin.");
            var (code, errors) = await PostgresTools.RunAsync(pgRestore, liveConnection,
                ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
                    "--dbname", PostgresTools.DatabaseName(liveConnection), file], ct);
            Npgsql.NpgsqlConnection.ClearAllPools();
            if (code != 0) return (false, $"pg_restore dừng với mã {code}; cơ sở dữ liệu giữ nguyên như trước. {errors}");
        }

        // A backup of an older version gets this version's schema.
        using (var scope = SystemScope(out var restored))
        {
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider, ct);
            await DataVersions.MovePastAsync(restored, versions, clock, ct);
        }
        await backups.RecordAsync(BackupKind.Restore, file, true, $"Bản sao dữ liệu trước khi phục hồi: {safety}", ct);
        return (true, $"Đã phục hồi từ {file}. Dữ liệu trước khi phục hồi được giữ tại {safety}.");
    }

    /// <summary>Null when the file is a sound SQLite database of this application; otherwise why it is refused.</summary>
    internal static string? CheckSqlite(string file, IReadOnlyCollection<string> knownMigrations)
    {
        try
        {
            using var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA quick_check";
            if (cmd.ExecuteScalar() as string != "ok") return $"Tệp {file} bị hỏng (kiểm tra toàn vẹn không đạt); không phục hồi.";
            cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
            if (Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
                return $"Tệp {file} không phải bản sao lưu của Phát triển Đảng viên (không có bảng lịch sử cấu trúc); không phục hồi.";
            cmd.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"";
            using var reader = cmd.ExecuteReader();
            var newer = new List<string>();
            while (reader.Read())
                if (!knownMigrations.Contains(reader.GetString(0))) newer.Add(reader.GetString(0));
            if (newer.Count > 0)
                return $"Bản sao lưu được tạo bởi phiên bản mới hơn của ứng dụng ({string.Join(", ", newer)}); hãy cập nhật ứng dụng trước khi phục hồi.";
            return null;
        }
        catch (SqliteException)
        {
            return $"Tệp {file} không phải cơ sở dữ liệu SQLite hoặc không đọc được; không phục hồi.";
        }
    }

    /// <summary>pg_dump's custom format starts with "PGDMP"; anything else is refused before pg_restore sees it.</summary>
    internal static string? CheckPostgresDump(string file)
    {
        var head = new byte[5];
        using (var stream = File.OpenRead(file))
            if (stream.Read(head, 0, 5) < 5 || System.Text.Encoding.ASCII.GetString(head) != "PGDMP")
                return $"Tệp {file} không phải bản sao lưu PostgreSQL dạng pg_dump -Fc; không phục hồi.";
        return null;
    }

    private IServiceScope SystemScope(out AppDbContext db)
    {
        var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return scope;
    }
}
