using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Demo;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Province;

/// <summary>
/// The 2025 mergers: the small test commune merged into the demo commune by the province board. Its records and their
/// history are the receiving commune's afterwards, its targets are added, its accounts no longer sign in, and both
/// audit chains still verify. On both engines: the merge is bulk SQL.
/// </summary>
public abstract class CommuneMergeTests<TApp>(TApp app) where TApp : TwoCommunesApp
{
    [Fact]
    public async Task A_merged_commune_keeps_its_history_in_the_receiving_commune()
    {
        var test = app.Data.CommuneId;
        var demo = await app.WithSystemScopeAsync((db, _) => db.Organisations.Where(o => o.IsDemo && o.Kind == OrganisationKind.CommuneCommittee).Select(o => o.Id).SingleAsync());
        // A term target of the test commune for the same term as the demo's, to be added to it.
        await app.WithSystemScopeAsync(async (db, _) =>
        {
            var term = await db.Terms.SingleAsync(t => t.CommuneId == test);
            db.TermTargets.Add(new TermTarget { CommuneId = test, TermId = term.Id, Count = 12, ResolutionNumber = "05-NQ/ĐU" });
            return await db.SaveChangesAsync();
        });
        var before = await CountsAsync(demo, test);
        before.TestMembers.ShouldBeGreaterThan(0);
        before.TestCandidates.ShouldBeGreaterThan(0);
        var office = await Browser.LoginAsync(app, "vanphong", DemoSeeder.DemoPassword);
        var (_, dashboard) = await office.GetAsync("/Dashboard");
        var targetBefore = int.Parse(dashboard.QuerySelector("#term-target")!.TextContent.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        (await office.Client.GetAsync($"/Candidates/Timeline/{app.Data.CandidateA}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var board = await Browser.LoginAsync(app, "bantochuc", DemoSeeder.DemoPassword);
        // Nothing chosen, or the same commune twice: a message, nothing moved.
        var none = await board.PostRawAsync("/Province/Communes?handler=Merge", [new("fromId", ""), new("intoId", "")], "/Province/Communes");
        none.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var same = await board.PostRawAsync("/Province/Communes?handler=Merge",
            [new("fromId", test.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("intoId", test.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("confirmed", "true")], "/Province/Communes");
        same.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CountsAsync(demo, test)).ShouldBe(before);

        // The choice is asked once more with both names; nothing moves before.
        var asked = await board.PostRawAsync("/Province/Communes?handler=Merge",
            [new("fromId", test.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("intoId", demo.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/Province/Communes");
        asked.StatusCode.ShouldBe(HttpStatusCode.OK);
        var askedPage = await asked.Content.ReadAsStringAsync();
        askedPage.ShouldContain("Hợp nhất Đảng bộ xã Thử Nghiệm vào Đảng bộ xã Nhơn Mỹ");
        (await CountsAsync(demo, test)).ShouldBe(before);
        // Confirmed on that page after the test commune was renamed meanwhile: refused, nothing moved; its name back.
        var confirm = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(askedPage).QuerySelector("#merge-confirm form")!;
        string Field(string name) => confirm.QuerySelector($"input[name='{name}']")!.GetAttribute("value")!;
        var renamed = await board.PostRawAsync($"/Province/Communes?handler=Rename&id={test}", [new("name", "Đảng bộ xã Thử Nghiệm Mới"), new("version", Field("fromVersion"))], "/Province/Communes");
        renamed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stale = await board.PostRawAsync("/Province/Communes?handler=Merge",
            [new("fromId", Field("fromId")), new("intoId", Field("intoId")), new("fromVersion", Field("fromVersion")), new("intoVersion", Field("intoVersion")), new("confirmed", "true")], "/Province/Communes");
        stale.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await stale.Content.ReadAsStringAsync()).ShouldContain("đã được sửa (đổi tên, lưu trữ…): hãy xem lại danh sách rồi hợp nhất lần nữa");
        (await CountsAsync(demo, test)).ShouldBe(before);
        var current = await app.WithSystemScopeAsync((db, _) => db.Organisations.Where(o => o.Id == test).Select(o => o.Version).SingleAsync());
        (await board.PostRawAsync($"/Province/Communes?handler=Rename&id={test}",
            [new("name", "Đảng bộ xã Thử Nghiệm"), new("version", current.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/Province/Communes")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // A confirmation without the versions the page carries (made by hand) is only asked again.
        var unversioned = await board.PostRawAsync("/Province/Communes?handler=Merge",
            [new("fromId", test.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("intoId", demo.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("confirmed", "true")], "/Province/Communes");
        unversioned.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await unversioned.Content.ReadAsStringAsync()).ShouldContain("Hợp nhất Đảng bộ xã Thử Nghiệm vào Đảng bộ xã Nhơn Mỹ");
        (await CountsAsync(demo, test)).ShouldBe(before);
        var versions = await app.WithSystemScopeAsync((db, _) => db.Organisations.Where(o => o.Id == test || o.Id == demo).ToDictionaryAsync(o => o.Id, o => o.Version));
        var merged = await board.PostRawAsync("/Province/Communes?handler=Merge",
            [new("fromId", test.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("intoId", demo.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("fromVersion", versions[test].ToString(System.Globalization.CultureInfo.InvariantCulture)), new("intoVersion", versions[demo].ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("confirmed", "true")], "/Province/Communes");
        merged.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Every record of the test commune is the demo commune's now; the steps of its cases are all there.
        var after = await CountsAsync(demo, test);
        after.DemoMembers.ShouldBe(before.DemoMembers + before.TestMembers);
        after.DemoCandidates.ShouldBe(before.DemoCandidates + before.TestCandidates);
        after.DemoCells.ShouldBe(before.DemoCells + before.TestCells);
        (after.TestMembers, after.TestCandidates, after.TestCells).ShouldBe((0, 0, 0));
        after.Steps.ShouldBe(before.Steps);
        await app.WithSystemScopeAsync(async (db, _) =>
        {
            // The old commune's top organisations stand under the receiving committee; its sources are the demo's categories.
            (await db.Organisations.Where(o => o.Id == app.Data.SubCommitteeId).Select(o => o.ParentId).SingleAsync()).ShouldBe(demo);
            (await db.CandidateSources.Where(s => s.CandidateId == app.Data.CandidateA).Select(s => s.SourceCategory.CommuneId).ToListAsync()).ShouldAllBe(c => c == demo);
            var old = await db.Organisations.SingleAsync(o => o.Id == test);
            (old.IsActive, old.MergedIntoId).ShouldBe((false, (int?)demo));
            return 0;
        });

        // The demo's office reads the old commune's case with its history, and its dashboard adds the old target.
        var timeline = await office.Client.GetAsync($"/Candidates/Timeline/{app.Data.CandidateA}");
        timeline.StatusCode.ShouldBe(HttpStatusCode.OK);
        var (_, dashboardAfter) = await office.GetAsync("/Dashboard");
        int.Parse(dashboardAfter.QuerySelector("#term-target")!.TextContent.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(targetBefore + 12);
        // On the province's table (archived shown) the old commune's line has no plan: its target counts once, in the demo's.
        var (_, table) = await board.GetAsync("/Province?Archived=true");
        table.QuerySelector($"#communes tr[data-commune='{test}'] [data-target]")!.GetAttribute("data-target").ShouldBeNullOrEmpty();

        // The old commune's accounts are refused; it cannot be merged again; the board's list says where it went.
        var refused = await new Browser(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }))
            .PostFormAsync("/Account/Login", new() { ["UserName"] = "office", ["Password"] = TestData.Password });
        (await refused.Content.ReadAsStringAsync()).ShouldContain("đã được lưu trữ");
        var again = await board.PostRawAsync("/Province/Communes?handler=Merge",
            [new("fromId", test.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("intoId", demo.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("confirmed", "true")], "/Province/Communes");
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        // Merged, it is not brought back (its records are the demo's now).
        (await board.PostRawAsync($"/Province/Communes?handler=Archive&id={test}&archived=false", [], "/Province/Communes")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var (_, list) = await board.GetAsync("/Province/Communes");
        list.QuerySelector($"#commune-list tr[data-commune='{test}']")!.TextContent.ShouldContain("Đã hợp nhất vào Đảng bộ xã Nhơn Mỹ");

        // The merge is on both communes' trails, and both chains still verify.
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var db = scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>();
        // Each commune's, and the installation's (the board reads it before choosing a commune), naming the merged one.
        (await db.AuditEntries.Where(a => a.Action == AccessTrail.Merged).Select(a => a.CommuneId).ToListAsync()).Order()
            .ShouldBe(new int?[] { null, demo, test }.Order());
        (await db.AuditEntries.SingleAsync(a => a.Action == AccessTrail.Merged && a.CommuneId == null)).EntityId
            .ShouldBe(test.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var reports = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        reports.ShouldAllBe(r => r.Ok);
    }

    private sealed record Counts(int DemoMembers, int TestMembers, int DemoCandidates, int TestCandidates, int DemoCells, int TestCells, int Steps);

    private Task<Counts> CountsAsync(int demo, int test) => app.WithSystemScopeAsync(async (db, _) => new Counts(
        await db.Members.CountAsync(m => m.CommuneId == demo), await db.Members.CountAsync(m => m.CommuneId == test),
        await db.Candidates.CountAsync(c => c.CommuneId == demo), await db.Candidates.CountAsync(c => c.CommuneId == test),
        await db.Organisations.CountAsync(o => o.CommuneId == demo && o.Kind == OrganisationKind.Cell),
        await db.Organisations.CountAsync(o => o.CommuneId == test && o.Kind == OrganisationKind.Cell),
        await db.AdmissionSteps.CountAsync()));
}

public sealed class CommuneMergeTests_Sqlite(TwoCommunesSqliteApp app) : CommuneMergeTests<TwoCommunesSqliteApp>(app), IClassFixture<TwoCommunesSqliteApp>;

public sealed class CommuneMergeTests_Postgres(TwoCommunesPostgresApp app) : CommuneMergeTests<TwoCommunesPostgresApp>(app), IClassFixture<TwoCommunesPostgresApp>;
