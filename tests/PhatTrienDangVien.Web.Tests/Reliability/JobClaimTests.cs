using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Reliability;

/// <summary>Scheduled work claimed in the database runs once across servers; a claim its server left unfinished is taken over, once.</summary>
public abstract class JobClaimTests<TApp>(TApp app) where TApp : AppFactory
{
    private JobClaims Claims => app.Services.GetRequiredService<JobClaims>();

    [Fact]
    public async Task Of_many_servers_claiming_one_days_work_at_once_exactly_one_gets_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = "test:once:" + Guid.NewGuid().ToString("N");
        // Separate instances, as separate servers would have; all at the same moment.
        var servers = Enumerable.Range(0, 8).Select(_ => ActivatorUtilities.CreateInstance<JobClaims>(app.Services)).ToList();
        var won = await Task.WhenAll(servers.Select(s => Task.Run(() => s.TryClaimAsync(key, TimeSpan.FromMinutes(30), ct), ct)));
        won.Count(w => w).ShouldBe(1);
        (await app.WithSystemScopeAsync(db => db.JobClaims.CountAsync(c => c.Key == key))).ShouldBe(1);
    }

    [Fact]
    public async Task A_claim_left_unfinished_is_taken_over_once_it_is_stale_and_a_finished_one_never()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = "test:stale:" + Guid.NewGuid().ToString("N");
        (await Claims.TryClaimAsync(key, TimeSpan.FromMinutes(30), ct)).ShouldBeTrue();
        // Its server died: within the limit nobody takes it, past it one server does.
        (await Claims.TryClaimAsync(key, TimeSpan.FromMinutes(30), ct)).ShouldBeFalse();
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        var takers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Claims.TryClaimAsync(key, TimeSpan.FromMinutes(30), ct)));
        takers.Count(t => t).ShouldBe(1);
        await Claims.FinishAsync(key, ct);
        app.Clock.Advance(TimeSpan.FromHours(2));
        (await Claims.TryClaimAsync(key, TimeSpan.FromMinutes(30), ct)).ShouldBeFalse();
        // Work given back (a mail server down) is claimed again on the next tick.
        var given = "test:release:" + Guid.NewGuid().ToString("N");
        (await Claims.TryClaimAsync(given, TimeSpan.FromMinutes(30), ct)).ShouldBeTrue();
        await Claims.ReleaseAsync(given, ct);
        (await Claims.TryClaimAsync(given, TimeSpan.FromMinutes(30), ct)).ShouldBeTrue();
    }
}

public sealed class JobClaimTests_Sqlite(SqliteApp app) : JobClaimTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class JobClaimTests_Postgres(PostgresApp app) : JobClaimTests<PostgresApp>(app), IClassFixture<PostgresApp>;
