using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
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
    private readonly TestDatabase _database = new(engine, "ptdv_test_");

    public Engine Engine { get; } = engine;
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero));
    public TestData Data { get; private set; } = null!;

    public string ConnectionString => _database.ConnectionString;

    public string BackupFolder => _database.BackupFolder;

    public async ValueTask InitializeAsync()
    {
        await _database.CreateAsync();
        // Starting the server runs the migrations, as the real start does.
        _ = Server;
        Data = await TestData.SeedAsync(Services);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Each application's static-file version stamps would hold an inotify instance (the user's limit is 128, and a run
        // keeps more applications alive than that); the polling watcher holds none. test.sh sets it for every process too.
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "1");
        builder.UseEnvironment("Testing");
        // EF's check that a context serves one operation at a time: off in the installed application, on here.
        builder.UseSetting("Database:ThreadSafetyChecks", "true");
        builder.UseSetting("Database:Provider", Engine.ToString());
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        // The daily backup would start with the host; tests run it when they mean to, into a folder of their own.
        builder.UseSetting("Backup:Enabled", "false");
        // The province table is kept ready in the background only when a test calls ProvinceWarmth itself (ProvinceBoardTests).
        builder.UseSetting("Province:Warm", "false");
        builder.UseSetting("Backup:Folder", _database.BackupFolder);
        // Every test client comes from the same (unknown) address: the per-address sign-in limit would count them all
        // together. ThrottlingTests runs with the real limit.
        builder.UseSetting("SignIn:AddressPermitLimit", "100000");
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
        await _database.DropAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp() : AppFactory(Engine.Sqlite);

public sealed class PostgresApp() : AppFactory(Engine.Postgres);
