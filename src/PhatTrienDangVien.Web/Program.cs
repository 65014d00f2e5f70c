using PhatTrienDangVien.Web.Cli;
using PhatTrienDangVien.Web.Api;
using PhatTrienDangVien.Web.Backups;
using PhatTrienDangVien.Web.Setup;

var launch = LaunchOptions.Parse(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = launch.ConfigurationArgs,
    // A published build works beside its executable, not in the folder it was started from (ContentRoot).
    ContentRootPath = ContentRoot.Published(launch.ConfigurationArgs, AppContext.BaseDirectory),
});
// As a Windows service or a systemd unit: started, stopped and logged by the service manager (no-ops otherwise).
builder.Host.UseWindowsService(o => o.ServiceName = "PhatTrienDangVien").UseSystemd();
builder.Services
    .AddDatabase(builder.Configuration, builder.Environment.ContentRootPath)
    .AddIdentityAndAuthorization()
    .AddApplication()
    .AddWebUi()
    .AddApi()
    .AddBackups(builder.Configuration);

var app = builder.Build();

if (launch.Command is not null)
    return await AdminCommands.RunAsync(app.Services, launch, Console.Out);

// The web half of the start (the pipeline and every endpoint, the API's request delegates among them) needs nothing of
// the database half (the model, the migrations check, the upgrade steps): on two cores they are built side by side
// (decision 0042, docs/benchmarks.md).
var web = Task.Run(() => app.UseWebPipeline().MapWebEndpoints().BuildEndpoints());
await DatabaseSetup.MigrateAsync(app.Services);
await FirstRun.PrepareAsync(app.Services, launch.Demo, Console.Out);
await web;
await app.RunAsync();
return 0;
public partial class Program;
