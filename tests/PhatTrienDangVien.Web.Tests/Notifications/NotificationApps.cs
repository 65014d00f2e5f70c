using Microsoft.AspNetCore.Hosting;
using PhatTrienDangVien.Web.Tests.Infrastructure;

namespace PhatTrienDangVien.Web.Tests.Notifications;

/// <summary>The test application without the hourly background run: the tests call the generator themselves.</summary>
public abstract class NotificationAppFactory(Engine engine) : AppFactory(engine)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:Background", "false");
    }
}

public sealed class NotificationSqliteApp() : NotificationAppFactory(Engine.Sqlite);

public sealed class NotificationPostgresApp() : NotificationAppFactory(Engine.Postgres);
