using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Setup;

public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/ptdv.db";

    public static bool IsPostgres(IConfiguration configuration) =>
        string.Equals(configuration["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>SQLite paths are taken relative to the content root so the file lands under data/ wherever the app starts.</summary>
    public static string SqliteConnectionString(IConfiguration configuration, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Default") ?? DefaultSqlite);
        if (!Path.IsPathRooted(builder.DataSource) && builder.DataSource != ":memory:")
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        var dir = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        builder.ForeignKeys = true;
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    /// <summary>
    /// A list in a query (`cellIds.Contains(x.CellId)`, every cell-scoped query filter) is sent as one parameter: a JSON
    /// array read by `json_each` on SQLite, an array compared by `= ANY` on PostgreSQL. EF 10's default sends one
    /// parameter per element, and a statement whose shape depends on the list's length is generated again at every
    /// execution: a fifth of everything the mix of pages allocated (docs/benchmarks.md). Decision 0040.
    /// </summary>
    private const ParameterTranslationMode OneParameterPerList = ParameterTranslationMode.Parameter;

    /// <summary>
    /// Contexts are taken from a pool rather than built for each request (decision 0040): building one built its options,
    /// compared them by reflection with those EF had seen, and resolved some fifty of EF's own services into a new
    /// scope: a sixth of what a page allocated (docs/benchmarks.md). A pooled context is handed the request's scope and
    /// audit identity as it is taken (AppDbContext.Serving); EF clears it when it goes back. The pool holds at most
    /// this many idle contexts; more concurrent requests still get one each.
    /// </summary>
    private const int PoolSize = 128;

    /// <summary>The request's (or job's) context: one from the pool, serving this DI scope's data scope and audit identity.</summary>
    private static void AddPooledContext<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> options)
        where TContext : AppDbContext
    {
        services.AddPooledDbContextFactory<TContext>(options, PoolSize);
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext()
            .Serving(sp.GetRequiredService<CurrentScope>(), sp.GetRequiredService<AuditContext>()));
    }

    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddScoped<CurrentScope>();
        services.AddScoped(sp => new AuditContext { Clock = sp.GetRequiredService<TimeProvider>(), SealKey = sp.GetService<KeyRingCertificate>()?.AuditSealKey });
        services.AddSingleton(TimeProvider.System);
        // Scheduled work done once across the servers sharing this database (alerts, digests, the daily backup).
        services.AddSingleton<Data.JobClaims>();
        services.AddKeyRingEncryption(configuration, contentRoot);
        // EF's check that a context is not used by two operations at once sets an AsyncLocal as each row is read (twice:
        // in and out), and each set copies the request's map of async-local values: the ratings page's 1,300 members
        // cost more in those copies than in the rows (docs/benchmarks.md). The check finds a programming error, not a
        // user's: the test suites run with it on (Database:ThreadSafetyChecks), the installed application without.
        var checks = configuration.GetValue("Database:ThreadSafetyChecks", false);
        if (IsPostgres(configuration))
        {
            var cs = configuration.GetConnectionString("Default")
                ?? throw new InvalidOperationException("ConnectionStrings:Default is required when Database:Provider is Postgres.");
            AddPooledContext<PostgresAppDbContext>(services, o => o.UseNpgsql(cs, p => p.UseParameterizedCollectionMode(OneParameterPerList))
                .EnableThreadSafetyChecks(checks));
        }
        else
        {
            var cs = SqliteConnectionString(configuration, contentRoot);
            AddPooledContext<SqliteAppDbContext>(services, o => o.UseSqlite(cs, p => p.UseParameterizedCollectionMode(OneParameterPerList))
                .EnableThreadSafetyChecks(checks));
        }
        return services;
    }

    /// <summary>Creates or upgrades the schema; SQLite gets WAL so that readers never wait for the writer.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // MigrateAsync alone builds the last migration's model, compares it with the code's and takes the migration lock at
        // every start, even when nothing is pending: asking for the pending list first spares that on an up-to-date file
        // (first answer 3,913 → 3,659 ms, medians of 5 alternated starts on the demo's SQLite file, docs/benchmarks.md).
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        // Once, on the first start after the upgrade, then recorded and skipped (UpgradeSteps): the rows written before
        // the audit chain existed are linked in their order; the papers numbered before the register are entered in it.
        var claims = scope.ServiceProvider.GetRequiredService<JobClaims>();
        var seal = scope.ServiceProvider.GetRequiredService<AuditContext>().SealKey;
        await OnceAsync(UpgradeSteps.AuditChain, () => AuditChain.LinkOldRowsAsync(db, seal, ct));
        await OnceAsync(UpgradeSteps.NumberedPapers, () => Documents.NumberedPaperBackfill.RunAsync(db, ct: ct));
        // Keys made before the key ring was encrypted hold their secret in clear, so anyone with the database could forge
        // a session with them (a key is accepted until revoked, expired or not). They go; the next request makes a new
        // encrypted one. Everyone signs in again once; the SMTP password must be typed again (the digest says so).
        var plain = await db.DataProtectionKeys.Where(k => k.Xml != null && k.Xml.Contains("<masterKey")).ToListAsync(ct);
        if (plain.Count > 0)
        {
            db.DataProtectionKeys.RemoveRange(plain);
            await db.SaveChangesAsync(ct);
        }

        async Task OnceAsync(string key, Func<Task> step)
        {
            if (await claims.IsFinishedAsync(key, ct)) return;
            await step();
            // Recorded as finished work; a claim another server left unfinished is taken over (the step is done).
            if (await claims.TryClaimAsync(key, TimeSpan.Zero, ct)) await claims.FinishAsync(key, ct);
        }
    }
}
