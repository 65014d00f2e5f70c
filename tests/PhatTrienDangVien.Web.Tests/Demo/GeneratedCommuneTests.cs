using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Demo;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Demo;

/// <summary>
/// The province generator (bench/province) makes more communes with the demo's generator, each its own: a second one
/// seeded beside the demo has its own name in its organisations, its own logins, its own citizen IDs (the province
/// code and its seed in them), a commune of the demo's size, and no second province board.
/// </summary>
public sealed class GeneratedCommuneTests(DemoSqliteApp app) : IClassFixture<DemoSqliteApp>
{
    [Fact]
    public async Task A_generated_commune_beside_the_demo_is_its_own()
    {
        var id = await app.WithSystemScopeAsync(async (_, services) =>
        {
            using var scope = services.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
            return await scope.ServiceProvider.GetRequiredService<DemoSeeder>()
                .SeedCommuneAsync(new DemoSeeder.Variant("Tân Hòa", 7, "x007.", "091", WithProvinceBoard: false));
        });
        await app.WithSystemScopeAsync(async (db, _) =>
        {
            (await db.Organisations.Where(o => o.Id == id).Select(o => o.Name).SingleAsync()).ShouldBe("Đảng bộ xã Tân Hòa");
            var orgs = await db.Organisations.Where(o => o.CommuneId == id).Select(o => o.Name).ToListAsync();
            orgs.ShouldContain("Chi bộ Trường THCS Tân Hòa");
            orgs.ShouldNotContain(n => n.Contains("Nhơn Mỹ", StringComparison.Ordinal));
            // The demo's size and shape: about 1,300 members in 25 cells, a pool of about 150.
            (await db.Members.CountAsync(m => m.CommuneId == id && (m.Status == MemberStatus.Official || m.Status == MemberStatus.Probationary))).ShouldBeInRange(1150, 1450);
            (await db.Organisations.CountAsync(o => o.CommuneId == id && o.Kind == OrganisationKind.Cell)).ShouldBe(25);
            (await db.Candidates.CountAsync(c => c.CommuneId == id && c.Status == CandidateStatus.Active)).ShouldBeInRange(120, 180);
            // Its own citizen IDs: the province code, then gender, century and year, then the seed.
            var ids = await db.People.Where(p => p.CommuneId == id && p.CitizenId != null).Select(p => p.CitizenId!).ToListAsync();
            ids.ShouldNotBeEmpty();
            ids.ShouldAllBe(c => c.StartsWith("091", StringComparison.Ordinal) && c.Substring(6, 3) == "007");
            // Its own logins; one province board in the installation.
            var logins = await db.Users.Where(u => u.CommuneId == id).Select(u => u.UserName!).ToListAsync();
            logins.Order().ShouldBe(DemoSeeder.Logins.Where(l => l.Role != Roles.ProvinceBoard).Select(l => "x007." + l.User).Order());
            (await db.Users.CountAsync(u => u.Role == Roles.ProvinceBoard)).ShouldBe(1);
            return 0;
        });
    }
}
