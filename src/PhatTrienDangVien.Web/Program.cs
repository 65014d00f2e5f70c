using PhatTrienDangVien.Web.Cli;
using PhatTrienDangVien.Web.Api;
using PhatTrienDangVien.Web.Backups;
using PhatTrienDangVien.Web.Setup;

var launch = LaunchOptions.Parse(args);
var builder = WebApplication.CreateBuilder(launch.ConfigurationArgs);
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

await DatabaseSetup.MigrateAsync(app.Services);
await FirstRun.PrepareAsync(app.Services, launch.Demo, Console.Out);

app.UseWebPipeline();
app.MapWebEndpoints();
await app.RunAsync();
return 0;
public partial class Program;
