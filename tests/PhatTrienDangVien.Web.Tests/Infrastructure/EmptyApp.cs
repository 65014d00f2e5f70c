using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Infrastructure;

/// <summary>A first start: a new database with no commune and no user, as a commune office gets it.</summary>
public abstract class EmptyAppFactory(Engine engine) : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _name = "ptdv_empty_" + Guid.NewGuid().ToString("N")[..12];

    public Engine Engine { get; } = engine;

    public string ConnectionString => Engine == Engine.Sqlite
        ? $"Data Source={Path.Combine(Path.GetTempPath(), _name + ".db")}"
        : new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(AppFactory.PostgresVariable)
            ?? throw new InvalidOperationException($"PostgreSQL tests need {AppFactory.PostgresVariable}; run ./test.sh.")) { Database = _name }.ToString();

    public async ValueTask InitializeAsync()
    {
        if (Engine == Engine.Postgres)
        {
            await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable(AppFactory.PostgresVariable));
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Engine.ToString());
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Engine == Engine.Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable(AppFactory.PostgresVariable));
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        GC.SuppressFinalize(this);
    }
}

public sealed class EmptySqliteApp() : EmptyAppFactory(Engine.Sqlite);

public sealed class EmptyPostgresApp() : EmptyAppFactory(Engine.Postgres);
