using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Infrastructure;

public enum Engine { Sqlite, Postgres }

/// <summary>
/// The real application on a real database of its own: a fresh SQLite file, or a fresh database on the
/// PostgreSQL server that ./test.sh starts (PTDV_TEST_PG). Seeded with <see cref="TestData"/>.
/// </summary>
public abstract class AppFactory(Engine engine) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string PostgresVariable = "PTDV_TEST_PG";

    private readonly string _name = "ptdv_test_" + Guid.NewGuid().ToString("N")[..12];
    private string? _sqliteFile;

    public Engine Engine { get; } = engine;
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero));
    public TestData Data { get; private set; } = null!;

    public string ConnectionString => Engine == Engine.Sqlite
        ? $"Data Source={_sqliteFile}"
        : new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _name }.ToString();

    private static string ServerConnectionString => Environment.GetEnvironmentVariable(PostgresVariable)
        ?? throw new InvalidOperationException($"PostgreSQL tests need {PostgresVariable} (a server connection string). Run ./test.sh, which starts a throw-away server.");

    public async ValueTask InitializeAsync()
    {
        if (Engine == Engine.Sqlite)
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), _name + ".db");
        }
        else
        {
            await using var conn = new NpgsqlConnection(ServerConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        // Starting the server runs the migrations, as the real start does.
        _ = Server;
        Data = await TestData.SeedAsync(Services);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Engine.ToString());
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public async Task<T> WithSystemScopeAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
                if (File.Exists(f)) File.Delete(f);
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(ServerConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp() : AppFactory(Engine.Sqlite);

public sealed class PostgresApp() : AppFactory(Engine.Postgres);
