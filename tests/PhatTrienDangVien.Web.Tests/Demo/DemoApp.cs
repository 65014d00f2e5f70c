using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
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

    private readonly TestDatabase _database = new(engine, "ptdv_demo_");

    public Engine Engine { get; } = engine;
    public FakeTimeProvider Clock { get; } = new(now ?? new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero));

    /// <summary>The day the demo was seeded on, in Vietnam (UTC+7), worked out from the fake clock by hand.</summary>
    public DateOnly SeededOn => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime.AddHours(7));
    public string SeedOutput { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        await _database.CreateAsync();
        _ = Server;
        var output = new StringWriter();
        var code = await AdminCommands.RunAsync(Services, LaunchOptions.Parse(["seed-demo"]), output);
        SeedOutput = output.ToString();
        if (code != 0) throw new InvalidOperationException("seed-demo failed: " + SeedOutput);
        await SeededAsync();
    }

    /// <summary>More data beside the demo, for a fixture that needs it (a second commune).</summary>
    protected virtual Task SeededAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Engine.ToString());
        builder.UseSetting("ConnectionStrings:Default", _database.ConnectionString);
        builder.UseSetting("SignIn:AddressPermitLimit", "100000");
        // The province table is kept ready in the background only when a test calls ProvinceWarmth itself: a round fired
        // by the test clock in the middle of a test would change the count of figures computed that tests compare.
        builder.UseSetting("Province:Warm", "false");
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
        await _database.DropAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class DemoSqliteApp() : DemoAppFactory(Engine.Sqlite);

public sealed class DemoPostgresApp() : DemoAppFactory(Engine.Postgres);

/// <summary>The demo seeded late in the term, 15/03/2029 (10:00 in Vietnam): its history must read as well then.</summary>
public sealed class DemoSqliteApp2029() : DemoAppFactory(Engine.Sqlite, s_late)
{
    internal static readonly DateTimeOffset s_late = new(2029, 3, 15, 3, 0, 0, TimeSpan.Zero);
}

public sealed class DemoPostgresApp2029() : DemoAppFactory(Engine.Postgres, DemoSqliteApp2029.s_late);
