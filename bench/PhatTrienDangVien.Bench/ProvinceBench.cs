using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Demo;
using PhatTrienDangVien.Web.Province;

/// <summary>
/// A generated province (issue 14): the demo commune and <c>communes − 1</c> more made by the same generator, each with
/// its own place name, seed, login prefix and citizen IDs (deterministic: the same count gives the same province).
/// Then the province board's table over all of them: the first view (every commune computed) and the next views
/// (the figures kept per commune data version), against a raw SQL count over the same rows in the same run.
/// </summary>
internal static class ProvinceBench
{
    // Two syllables of Mekong-delta place names: 24 × 24 distinct names, enough for a province.
    private static readonly string[] s_first = ["Bình", "An", "Phú", "Mỹ", "Long", "Tân", "Hòa", "Thạnh", "Phước", "Vĩnh", "Nhơn", "Hưng",
        "Định", "Lợi", "Thuận", "Khánh", "Châu", "Hội", "Tây", "Đông", "Kiến", "Vọng", "Thới", "Lạc"];
    private static readonly string[] s_second = ["Thạnh", "Hòa", "Phú", "Lợi", "An", "Hưng", "Thuận", "Điền", "Tân", "Mỹ", "Bình", "Long",
        "Xuân", "Đức", "Thành", "Lộc", "Hiệp", "Quới", "Trung", "Hậu", "Nghĩa", "Phong", "Khánh", "Phước"];

    /// <summary>The place name of the generated commune <paramref name="index"/> (1, 2, …): never "Nhơn Mỹ", never twice.</summary>
    public static string Place(int index)
    {
        var k = index * 7 % (s_first.Length * s_second.Length);
        var name = s_first[k / s_second.Length] + " " + s_second[k % s_second.Length];
        return name == "Nhơn Mỹ" || s_first[k / s_second.Length] == s_second[k % s_second.Length] ? name + " " + index : name;
    }

    public static async Task RunAsync(IServiceProvider services, int communes)
    {
        var (existing, seeded) = await GenerateAsync(services, communes);
        var (members, candidates, steps, users) = await CountAsync(services, async db => (
            await db.Members.CountAsync(), await db.Candidates.CountAsync(c => c.Status == PhatTrienDangVien.Core.People.CandidateStatus.Active),
            await db.AdmissionSteps.CountAsync(), await db.Users.CountAsync()));
        Console.WriteLine($"province: {communes} communes ({communes - existing} generated in {seeded:0} s, {(communes > existing ? seeded / (communes - existing) : 0):0.0} s each), "
            + $"{members} members, {candidates} candidates in the pipeline, {steps} steps, {users} accounts");

        var province = services.GetRequiredService<IServiceScopeFactory>();
        async Task<double> TableAsync()
        {
            using var scope = province.CreateScope();
            var w = Stopwatch.StartNew();
            var rows = await scope.ServiceProvider.GetRequiredService<ProvinceFigures>().RowsAsync(false, CancellationToken.None);
            if (rows.Count != communes) throw new InvalidOperationException($"{rows.Count} rows for {communes} communes");
            return w.Elapsed.TotalMilliseconds;
        }
        var first = await TableAsync();
        // The forecasts computed in the background after the first view are let finish, as a server would between views.
        await services.GetRequiredService<FigureCache>().WhenIdleAsync();
        var warm = new List<double>();
        for (var i = 0; i < 7; i++) warm.Add(await TableAsync());
        warm.Sort();
        var raw = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var w = Stopwatch.StartNew();
            await CountAsync(services, db => db.Members.GroupBy(m => m.CommuneId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
            raw.Add(w.Elapsed.TotalMilliseconds);
        }
        raw.Sort();
        // A write in one commune (its data version raised, as every save does): that commune's line is computed again,
        // its forecast in the background while the last one is shown; the other lines are read as kept.
        var changed = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            await CountAsync(services, db => db.Database.ExecuteSqlRawAsync(
                "UPDATE \"DataVersions\" SET \"Value\" = \"Value\" + 1 WHERE \"CommuneId\" = (SELECT MIN(\"CommuneId\") FROM \"DataVersions\" WHERE \"CommuneId\" > 0)"));
            changed.Add(await TableAsync());
            await services.GetRequiredService<FigureCache>().WhenIdleAsync();
        }
        changed.Sort();

        Console.WriteLine($"province table, first view (every commune computed): {first:0} ms");
        Console.WriteLine($"province table, next views: median {warm[3]:0} ms (min {warm[0]:0}, max {warm[6]:0}); "
            + $"raw SQL members per commune: median {raw[3]:0.0} ms; ratio {warm[3] / raw[3]:0}");
        Console.WriteLine($"province table after a write in one commune: median {changed[2]:0} ms (min {changed[0]:0}, max {changed[4]:0})");
        await NewMembersReportAsync(services);
    }

    /// <summary>The communes up to <paramref name="communes"/> (the demo's first), made by the demo's generator; the
    /// statistics brought up to date. Returns how many were there before and the seconds taken.</summary>
    public static async Task<(int Existing, double Seconds)> GenerateAsync(IServiceProvider services, int communes)
    {
        var watch = Stopwatch.StartNew();
        var existing = await CountAsync(services, db => Communes.All(db).CountAsync());
        for (var i = existing; i < communes; i++)
        {
            using var scope = services.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>()
                .SeedCommuneAsync(new DemoSeeder.Variant(Place(i), i, $"x{i:000}.", "091", WithProvinceBoard: false));
            // SQLite keeps no statistics of its own: the planner is told the tables' sizes as they grow.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (!db.Database.ProviderName!.Contains("Npgsql", StringComparison.Ordinal)) await db.Database.ExecuteSqlRawAsync("ANALYZE");
            if ((i + 1) % 5 == 0) Console.WriteLine($"  {i + 1} communes, {watch.Elapsed.TotalSeconds:0} s");
        }
        await CountAsync(services, async db =>
        {
            // Bulk writes leave PostgreSQL's statistics behind: the planner must see the real row counts.
            if (db.Database.ProviderName!.Contains("Npgsql", StringComparison.Ordinal)) await db.Database.ExecuteSqlRawAsync("ANALYZE");
            return 0;
        });
        return (existing, watch.Elapsed.TotalSeconds);
    }

    /// <summary>The new-members report of last year over every commune, each time computed afresh (it is not kept),
    /// against a raw SQL count of the same year's admissions per commune.</summary>
    public static async Task NewMembersReportAsync(IServiceProvider services)
    {
        var province = services.GetRequiredService<IServiceScopeFactory>();
        var today = PhatTrienDangVien.Core.Common.VietnamTime.Today(services.GetRequiredService<TimeProvider>());
        var year = new PhatTrienDangVien.Web.Reports.ReportPeriod(PhatTrienDangVien.Web.Reports.ReportPeriod.Year, new DateOnly(today.Year - 1, 1, 1),
            new DateOnly(today.Year - 1, 12, 31), $"năm {today.Year - 1}");
        var report = new List<double>();
        var admitted = 0;
        List<ProvinceNewMembers.Row> rows = [];
        for (var i = 0; i < 5; i++)
        {
            using var scope = province.CreateScope();
            var w = Stopwatch.StartNew();
            rows = await scope.ServiceProvider.GetRequiredService<ProvinceNewMembers>().RowsAsync(year, false, CancellationToken.None);
            report.Add(w.Elapsed.TotalMilliseconds);
            admitted = rows.Sum(r => r.Counts.Count);
        }
        // Up to 20 communes spread over the list, each line against the commune's own report of the year read under the
        // commune's scope (every column): a line that counts too many or too few fails the run.
        var step = Math.Max(1, rows.Count / 20);
        for (var i = 0; i < rows.Count; i += step)
        {
            using var scope = province.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(ProvinceFigures.ViewOf(rows[i].Id));
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var own = await PhatTrienDangVien.Web.Reports.NewMembersReport.ComputeAsync(db,
                await PhatTrienDangVien.Web.Planning.PlanData.SelectAsync(db, null, CancellationToken.None) ?? throw new InvalidOperationException($"commune {rows[i].Id} has no committee"),
                year, CancellationToken.None);
            if (own.Counts != rows[i].Counts)
                throw new InvalidOperationException($"commune {rows[i].Id}: the province's line {rows[i].Counts} differs from its own report {own.Counts}");
        }
        report.Sort();
        var rawReport = new List<double>();
        var rawAdmitted = 0;
        for (var i = 0; i < 5; i++)
        {
            var w = Stopwatch.StartNew();
            rawAdmitted = (await CountAsync(services, db => db.Members.Where(m => m.CeremonyDate >= year.From && m.CeremonyDate <= year.To)
                .GroupBy(m => m.CommuneId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())).Sum(g => g.Count);
            rawReport.Add(w.Elapsed.TotalMilliseconds);
        }
        rawReport.Sort();

        Console.WriteLine($"new-members report {year.Title}, every commune: median {report[2]:0} ms (min {report[0]:0}, max {report[4]:0}), {admitted} admitted; "
            + $"raw SQL admissions per commune: median {rawReport[2]:0.0} ms ({rawAdmitted}); ratio {report[2] / rawReport[2]:0}");
        if (admitted > rawAdmitted) throw new InvalidOperationException($"the report counts {admitted} admitted, more than the {rawAdmitted} the register holds");
    }

    private static async Task<T> CountAsync<T>(IServiceProvider services, Func<AppDbContext, Task<T>> read)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
