using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Cli;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Demo;

/// <summary>
/// A new database with only the demo commune, seeded by the <c>seed-demo</c> command on a fixed day
/// (<see cref="Today"/>, from a fake clock), so that the histories and the counts below are stable.
/// </summary>
public abstract class DemoAppFactory(Engine engine, DateTimeOffset? now = null) : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>20/11/2026 10:00 in Vietnam.</summary>
    public static readonly DateOnly Today = new(2026, 11, 20);

    private readonly string _name = "ptdv_demo_" + Guid.NewGuid().ToString("N")[..12];

    public Engine Engine { get; } = engine;
    public FakeTimeProvider Clock { get; } = new(now ?? new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero));
    public TimeSpan SeedTime { get; private set; }
    public string SeedOutput { get; private set; } = "";

    private string ConnectionString => Engine == Engine.Sqlite
        ? $"Data Source={SqliteFile}"
        : new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _name }.ToString();

    private string SqliteFile => Path.Combine(Path.GetTempPath(), _name + ".db");

    private static string ServerConnectionString => Environment.GetEnvironmentVariable(AppFactory.PostgresVariable)
        ?? throw new InvalidOperationException($"PostgreSQL tests need {AppFactory.PostgresVariable}; run ./test.sh.");

    public async ValueTask InitializeAsync()
    {
        if (Engine == Engine.Postgres)
        {
            await using var conn = new NpgsqlConnection(ServerConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        _ = Server;
        var output = new StringWriter();
        var watch = Stopwatch.StartNew();
        var code = await AdminCommands.RunAsync(Services, LaunchOptions.Parse(["seed-demo"]), output);
        SeedTime = watch.Elapsed;
        SeedOutput = output.ToString();
        if (code != 0) throw new InvalidOperationException("seed-demo failed: " + SeedOutput);
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

    public async Task<T> WithSystemScopeAsync<T>(Func<AppDbContext, IServiceProvider, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Engine == Engine.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { SqliteFile, SqliteFile + "-wal", SqliteFile + "-shm" })
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

public sealed class DemoSqliteApp() : DemoAppFactory(Engine.Sqlite);

public sealed class DemoPostgresApp() : DemoAppFactory(Engine.Postgres);
