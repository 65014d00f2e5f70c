using Npgsql;

namespace PhatTrienDangVien.Web.Tests.Infrastructure;

/// <summary>
/// A database of one test fixture's own: a fresh SQLite file, or a fresh database on the PostgreSQL server that
/// ./test.sh starts (PTDV_TEST_PG); removed afterwards.
/// </summary>
public sealed class TestDatabase(Engine engine, string prefix)
{
    public const string PostgresVariable = "PTDV_TEST_PG";

    private readonly string _name = prefix + Guid.NewGuid().ToString("N")[..12];

    public Engine Engine { get; } = engine;

    private string SqliteFile => Path.Combine(Path.GetTempPath(), _name + ".db");

    /// <summary>The fixture's own backup folder (Backup:Folder), removed with the database.</summary>
    public string BackupFolder => Path.Combine(Path.GetTempPath(), _name + "-backups");

    public string ConnectionString => Engine == Engine.Sqlite
        ? $"Data Source={SqliteFile}"
        : new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _name }.ToString();

    private static string ServerConnectionString => Environment.GetEnvironmentVariable(PostgresVariable)
        ?? throw new InvalidOperationException($"PostgreSQL tests need {PostgresVariable} (a server connection string). Run ./test.sh, which starts a throw-away server.");

    public async Task CreateAsync()
    {
        if (Engine == Engine.Sqlite) return; // the application creates the file when it migrates
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task DropAsync()
    {
        if (Directory.Exists(BackupFolder)) Directory.Delete(BackupFolder, recursive: true);
        if (Engine == Engine.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { SqliteFile, SqliteFile + "-wal", SqliteFile + "-shm" })
                if (File.Exists(f)) File.Delete(f);
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
