// Speed figures that the README and docs/benchmarks.md quote, measured on real parts: the demo commune seeded
// into a fresh SQLite file (or the PostgreSQL server of PTDV_BENCH_PG), then the dashboard's heavy pieces over it.
// Run: dotnet run -c Release --project bench/PhatTrienDangVien.Bench [-- import [rows] | -- province [communes] | -- national [communes]]
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Api;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Demo;
using PhatTrienDangVien.Web.Planning;
using PhatTrienDangVien.Web.Setup;

// PTDV_BENCH_SQLITE names a SQLite file to use and keep (a generated province read again without generating it).
var kept = Environment.GetEnvironmentVariable("PTDV_BENCH_SQLITE");
var file = kept ?? Path.Combine(Path.GetTempPath(), $"ptdv-bench-{Guid.NewGuid():N}.db");
var pg = Environment.GetEnvironmentVariable("PTDV_BENCH_PG");
var builder = WebApplication.CreateBuilder(pg is null
    ? ["--Database:Provider=Sqlite", $"--ConnectionStrings:Default=Data Source={file}", "--Notifications:Background=false"]
    : ["--Database:Provider=Postgres", $"--ConnectionStrings:Default={pg}", "--Notifications:Background=false"]);
builder.Logging.ClearProviders();
builder.Services.AddDatabase(builder.Configuration, builder.Environment.ContentRootPath).AddIdentityAndAuthorization().AddApplication().AddWebUi().AddApi();
await using var app = builder.Build();
await DatabaseSetup.MigrateAsync(app.Services);

using var scope = app.Services.CreateScope();
scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

var watch = Stopwatch.StartNew();
await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
Console.WriteLine($"seed-demo: {watch.Elapsed.TotalSeconds:0.0} s ({await db.Members.CountAsync()} members, {await db.AdmissionSteps.CountAsync()} steps)");

// `-- province [communes]`: a generated province (100 communes by default) and the province board's table over it.
if (args.Length > 0 && args[0] == "province")
{
    await ProvinceBench.RunAsync(app.Services, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100);
    if (pg is null && kept is null)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
    }
    return;
}

// `-- national [communes] [template]`: the national set on PostgreSQL (3,321 communes by default, copies of a generated
// province of 100) and the national new-members report over it.
if (args.Length > 0 && args[0] == "national")
{
    if (pg is null) throw new InvalidOperationException("The national set is made on PostgreSQL: set PTDV_BENCH_PG.");
    await NationalBench.RunAsync(app.Services, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3321,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100);
    return;
}

// `-- import [rows]`: the Excel import of a register of that many members (10,000 by default) into the demo commune.
if (args.Length > 0 && args[0] == "import")
{
    // Each run adds its register to the commune: a kept file would grow by 10,000 members a run.
    if (kept is not null) throw new InvalidOperationException("The import benchmark runs on a fresh file: unset PTDV_BENCH_SQLITE.");
    await ImportBench.RunAsync(app.Services, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
    if (pg is null && kept is null)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
    }
    return;
}

var cells = await db.Organisations.Where(o => o.Kind == PhatTrienDangVien.Core.Organisations.OrganisationKind.Cell).Select(o => o.Id).ToListAsync();
var cases = await PhatTrienDangVien.Web.Planning.PlanData.CasesAsync(db, cells, CancellationToken.None);
var input = new ForecastInput(cases, PlanTerm.FromYears(2025, 2030, 130), DateOnly.FromDateTime(DateTime.UtcNow), Options: new() { Runs = 5000 });
Forecast.Run(input with { Options = new() { Runs = 10 } });
var times = new List<double>();
for (var i = 0; i < 5; i++)
{
    watch.Restart();
    var f = Forecast.Run(input);
    times.Add(watch.Elapsed.TotalMilliseconds);
    if (i == 0)
    {
        Console.WriteLine($"forecast: {f.OpenCases} open cases, {f.NewCandidatesPerYear} new entrants a year, 5000 runs; term {f.TermTotal.P10}–{f.TermTotal.P90} "
            + $"(median {f.TermTotal.P50}, admitted so far {f.AdmittedSoFar}), reaching {f.Term.Target}: {f.ProbabilityText}; "
            + $"need {f.Need.ExtraCandidates} by {f.Need.NeededBy:dd/MM/yyyy} (share admitted by term end {f.Need.ConversionFromPool})");
        Console.WriteLine("  years: " + string.Join(", ", f.Years.Select(y => $"{y.Year} {y.Admissions.P10}–{y.Admissions.P90}")));
        foreach (var h in f.Hazards)
        {
            Console.WriteLine($"  {h.Stage,-20} waiting {h.Waiting,3}; a month by band (move on/leave, months seen): "
                + string.Join(", ", h.Bands.Select(b => $"{b.AdvanceWithinMonth:P1}/{b.LeaveWithinMonth:P1} ({b.ExposureMonths:0})")));
        }
    }
}
times.Sort();
Console.WriteLine($"forecast 5000 runs: median {times[2]:0} ms (min {times[0]:0}, max {times[4]:0})");
var today = input.AsOf;
Measure("forecast 1000 runs (dashboard)", () => Forecast.Run(input with { Options = new() { Runs = 1000 } }));
Measure("forecast 3000 runs (forecast page)", () => Forecast.Run(input with { Options = new() { Runs = 3000 } }));
var bt = ForecastBacktest.Run(cases, today, 12, new ForecastOptions { Runs = 3000 });
Console.WriteLine($"backtest: {bt.OpenCases} open cases on {bt.From:dd/MM/yyyy}, range {bt.Forecast.P10}–{bt.Forecast.P90}, actual {bt.Actual}");
Measure("backtest 3000 runs (forecast page)", () => ForecastBacktest.Run(cases, today, 12, new ForecastOptions { Runs = 3000 }));

var work = scope.ServiceProvider.GetRequiredService<WorkList>();
work.Today.ToString();
times.Clear();
for (var i = 0; i < 5; i++)
{
    watch.Restart();
    var items = await work.ItemsAsync(CancellationToken.None);
    times.Add(watch.Elapsed.TotalMilliseconds);
}
times.Sort();
Console.WriteLine($"work list over the commune: median {times[2]:0} ms (min {times[0]:0}, max {times[4]:0})");

if (pg is null && kept is null)
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
}

// Wall time and the process's CPU time per call (5 calls, medians): the forecast runs on one thread, so on a shared
// machine the CPU time is the better figure of its cost.
static void Measure(string what, Action action)
{
    var wall = new List<double>();
    var cpu = new List<double>();
    var process = Process.GetCurrentProcess();
    for (var i = 0; i < 5; i++)
    {
        process.Refresh();
        var c0 = process.TotalProcessorTime;
        var w = Stopwatch.StartNew();
        action();
        wall.Add(w.Elapsed.TotalMilliseconds);
        process.Refresh();
        cpu.Add((process.TotalProcessorTime - c0).TotalMilliseconds);
    }

    wall.Sort();
    cpu.Sort();
    Console.WriteLine($"{what}: median {wall[2]:0} ms wall (min {wall[0]:0}, max {wall[4]:0}), {cpu[2]:0} ms CPU");
}
