using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Infrastructure;

/// <summary>A first start: a new database with no commune and no user, as a commune office gets it.</summary>
public abstract class EmptyAppFactory(Engine engine) : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly TestDatabase _database = new(engine, "ptdv_empty_");

    public Engine Engine { get; } = engine;

    public async ValueTask InitializeAsync()
    {
        await _database.CreateAsync();
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Engine.ToString());
        builder.UseSetting("ConnectionStrings:Default", _database.ConnectionString);
        // The daily backup would start with the host; tests run it when they mean to, into a folder of their own.
        builder.UseSetting("Backup:Enabled", "false");
        // The province table is kept ready in the background only when a test calls ProvinceWarmth itself (ProvinceBoardTests).
        builder.UseSetting("Province:Warm", "false");
        builder.UseSetting("Backup:Folder", _database.BackupFolder);
        builder.UseSetting("SignIn:AddressPermitLimit", "100000");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DropAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class EmptySqliteApp() : EmptyAppFactory(Engine.Sqlite);

public sealed class EmptyPostgresApp() : EmptyAppFactory(Engine.Postgres);
