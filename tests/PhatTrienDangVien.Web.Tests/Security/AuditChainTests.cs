using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Cli;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Setup;
using PhatTrienDangVien.Web.Tests.Demo;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Security;

/// <summary>
/// The audit rows of each commune (and of the installation) form one linear hash chain, even when several
/// connections write at once; the integrity page shows the commune's chain, and an edited row turns it red.
/// </summary>
public abstract class AuditChainTests<TApp>(TApp app) where TApp : AppFactory
{
    private static async Task<List<AuditEntry>> ChainAsync(AppDbContext db, int chain) =>
        await db.AuditEntries.AsNoTracking().Where(a => a.Chain == chain).OrderBy(a => a.Seq).ToListAsync();

    [Fact]
    public async Task Concurrent_writers_keep_every_chain_linear()
    {
        var commune = app.Data.CommuneId;
        var before = await app.WithSystemScopeAsync(async db => (await ChainAsync(db, commune)).Count + (await ChainAsync(db, 0)).Count);
        const int writers = 6, each = 10;
        // Separate scopes, so separate contexts and connections; half save synchronously, half asynchronously,
        // two rows of two chains in some saves (the chains are locked in order: no deadlock).
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < each; i++)
            {
                using var scope = app.Services.CreateScope();
                scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.AuditEntries.Add(Row(i % 3 == 0 ? null : commune, $"w{w}-{i}"));
                if (i % 4 == 1) db.AuditEntries.Add(Row(i % 2 == 0 ? commune : null, $"w{w}-{i}b"));
                if (w % 2 == 0) await db.SaveChangesAsync();
                else db.SaveChanges();
            }
        })).ToList();
        await Task.WhenAll(tasks);

        var added = writers * each + writers * Enumerable.Range(0, each).Count(i => i % 4 == 1);
        await app.WithSystemScopeAsync(async db =>
        {
            var rows = 0;
            foreach (var chain in new[] { 0, commune })
            {
                var list = await ChainAsync(db, chain);
                rows += list.Count;
                var prev = AuditChain.Genesis;
                for (var i = 0; i < list.Count; i++)
                {
                    list[i].Seq.ShouldBe(i + 1, $"chain {chain}: no gap, no duplicate");
                    list[i].PrevHash.ShouldBe(prev, $"chain {chain}, row {i + 1}: no fork");
                    AuditChain.HashOf(list[i]).ShouldBe(list[i].Hash);
                    prev = list[i].Hash;
                }
                var tail = await db.AuditTails.SingleAsync(t => t.Chain == chain);
                tail.Seq.ShouldBe(list.Count);
                tail.Hash.ShouldBe(prev);
            }
            rows.ShouldBe(before + added);
            return 0;
        });
        using var verify = app.Services.CreateScope();
        verify.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var reports = await verify.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        reports.ShouldAllBe(r => r.Ok && r.SealChecked);
    }

    [Fact]
    public async Task The_integrity_page_shows_the_communes_chain_and_an_edited_row()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var (ok, page) = await admin.GetAsync("/Admin/Audit/Verify");
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        var sections = page.QuerySelectorAll("section[data-chain]");
        sections.Select(s => s.GetAttribute("data-chain")).ShouldBe([app.Data.CommuneId.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            "an administrator sees the commune's chain only");
        sections[0].GetAttribute("data-ok").ShouldBe("true");
        sections[0].TextContent.ShouldContain("Nhật ký toàn vẹn");

        // Someone with the database edits a row behind the application's back.
        var victim = await app.WithSystemScopeAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Chain == app.Data.CommuneId).OrderBy(a => a.Seq).Skip(2).FirstAsync());
        await app.WithSystemScopeAsync(db => db.AuditEntries.Where(a => a.Id == victim.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.UserName, "kẻ gian")));
        try
        {
            var (_, broken) = await admin.GetAsync("/Admin/Audit/Verify");
            var section = broken.QuerySelector("section[data-chain]")!;
            section.GetAttribute("data-ok").ShouldBe("false");
            section.TextContent.ShouldContain("KHÔNG toàn vẹn");
            // The row by its place in the chain and what it says; its database key is for the command line only.
            var altered = section.QuerySelector("li[data-kind=Altered]")!.TextContent;
            altered.ShouldContain($"Dòng số {victim.Seq} ");
            altered.ShouldNotContain($"mã {victim.Id}");
        }
        finally
        {
            await app.WithSystemScopeAsync(db => db.AuditEntries.Where(a => a.Id == victim.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.UserName, victim.UserName)));
        }
        var (_, again) = await admin.GetAsync("/Admin/Audit/Verify");
        again.QuerySelector("section[data-chain]")!.GetAttribute("data-ok").ShouldBe("true");

        // A user without the audit permission cannot open it.
        var secretary = await Browser.LoginAsync(app, "secretary");
        var refused = await secretary.Client.GetAsync("/Admin/Audit/Verify");
        refused.StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    internal static AuditEntry Row(int? commune, string user) => new()
    {
        CommuneId = commune, AtUtc = DateTime.UtcNow, UserName = user, EntityType = AccessTrail.EntityType, EntityId = "",
        Action = "Thử", Changes = "{\"List\":[null,\"Thử nghiệm\"]}",
    };
}

public sealed class AuditChainTests_Sqlite(SqliteApp app) : AuditChainTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class AuditChainTests_Postgres(PostgresApp app) : AuditChainTests<PostgresApp>(app), IClassFixture<PostgresApp>;

/// <summary>verify-audit on the demo as seeded: every chain whole, exit code 0.</summary>
public abstract class AuditDemoTests<TApp>(TApp app) where TApp : DemoAppFactory
{
    [Fact]
    public async Task Verify_audit_reports_the_untouched_demo_whole()
    {
        var output = new StringWriter();
        var code = await AdminCommands.RunAsync(app.Services, LaunchOptions.Parse(["verify-audit"]), output);
        code.ShouldBe(0, output.ToString());
        output.ToString().ShouldContain("Nhật ký toàn vẹn");
        output.ToString().ShouldContain("Đuôi chuỗi có niêm phong hợp lệ");
        output.ToString().ShouldNotContain("VẤN ĐỀ");
    }
}

public sealed class AuditDemoTests_Sqlite(DemoSqliteApp app) : AuditDemoTests<DemoSqliteApp>(app), IClassFixture<DemoSqliteApp>;

public sealed class AuditDemoTests_Postgres(DemoPostgresApp app) : AuditDemoTests<DemoPostgresApp>(app), IClassFixture<DemoPostgresApp>;
