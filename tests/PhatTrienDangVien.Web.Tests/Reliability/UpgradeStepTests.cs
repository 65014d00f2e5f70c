using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Setup;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Reliability;

/// <summary>
/// The upgrade's one-time steps (linking the audit rows written before the chain, entering the papers numbered before
/// the register) run at a start until they have finished once, then are skipped; a database without that record runs
/// them (the audit chain's shows it: its rows are rewritten to their old state). Each class has its own application: the test rewrites
/// its audit rows.
/// </summary>
public abstract class UpgradeStepTests<TApp>(TApp app) where TApp : AppFactory
{
    private Task<int> UnlinkedAsync() => app.WithSystemScopeAsync(db => db.AuditEntries.CountAsync(a => a.Seq < 0));

    private Task<List<string>> FinishedAsync() => app.WithSystemScopeAsync(db => db.JobClaims.AsNoTracking()
        .Where(c => c.Key.StartsWith("upgrade:") && c.FinishedAtUtc != null).Select(c => c.Key).OrderBy(k => k).ToListAsync());

    [Fact]
    public async Task A_start_skips_the_steps_finished_once_and_runs_those_not_recorded()
    {
        var ct = TestContext.Current.CancellationToken;
        (await FinishedAsync()).ShouldBe([UpgradeSteps.AuditChain, UpgradeSteps.NumberedPapers], "the application's first start ran them to their end");

        // The state the AuditChain migration leaves: every row numbered -Id, no hash, no tail.
        await app.WithSystemScopeAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Seq" = -"Id", "PrevHash" = '', "Hash" = ''""", ct);
            return await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditTails" """, ct);
        });
        var legacy = await UnlinkedAsync();
        legacy.ShouldBeGreaterThan(0);

        await DatabaseSetup.MigrateAsync(app.Services, ct);
        (await UnlinkedAsync()).ShouldBe(legacy, "a finished step is not looked at again");

        await app.WithSystemScopeAsync(db => db.JobClaims.Where(c => c.Key.StartsWith("upgrade:")).ExecuteDeleteAsync(ct));
        await DatabaseSetup.MigrateAsync(app.Services, ct);
        (await UnlinkedAsync()).ShouldBe(0, "a database without the record (restored from an older copy) runs the step");
        (await FinishedAsync()).ShouldBe([UpgradeSteps.AuditChain, UpgradeSteps.NumberedPapers]);

        // Recorded once: a further start changes nothing.
        await DatabaseSetup.MigrateAsync(app.Services, ct);
        (await app.WithSystemScopeAsync(db => db.JobClaims.CountAsync(c => c.Key == UpgradeSteps.AuditChain, ct))).ShouldBe(1);
    }
}

public sealed class UpgradeStepTests_Sqlite(SqliteApp app) : UpgradeStepTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class UpgradeStepTests_Postgres(PostgresApp app) : UpgradeStepTests<PostgresApp>(app), IClassFixture<PostgresApp>;
