using System.Net;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using PhatTrienDangVien.Web.Tests.Security;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Province;

/// <summary>
/// Several communes in one database: a user of one commune reaches nothing of another's, whatever the record. Every
/// entity of the model is read under each commune's scope, so a new entity, or a filter that loses its commune check,
/// fails here.
/// </summary>
public abstract class CommuneIsolationTests<TApp>(TApp app) where TApp : TwoCommunesApp
{
    private static readonly MethodInfo s_communesOf = typeof(CommuneIsolationTests<TApp>).GetMethod(nameof(CommunesOfAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The communes of the rows read (a null commune, an installation-wide row, is none).</summary>
    private static async Task<List<int>> CommunesOfAsync<T>(AppDbContext db) where T : class =>
        [.. (await db.Set<T>().Select(e => EF.Property<int?>(e, "CommuneId")).Distinct().ToListAsync()).OfType<int>()];

    private async Task<int> DemoCommuneAsync() =>
        await app.WithSystemScopeAsync((db, _) => db.Organisations.Where(o => o.IsDemo && o.Kind == OrganisationKind.CommuneCommittee).Select(o => o.Id).SingleAsync());

    /// <summary>For each entity with a commune, the communes whose rows a scope reads.</summary>
    private async Task<Dictionary<string, List<int>>> ReadAsync(DataScope scope)
    {
        using var s = app.Services.CreateScope();
        s.ServiceProvider.GetRequiredService<CurrentScope>().Set(scope);
        var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
        var seen = new Dictionary<string, List<int>>();
        foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && !t.HasSharedClrType && t.FindProperty("CommuneId") is not null && t.BaseType is null))
            seen[type.ClrType.Name] = await (Task<List<int>>)s_communesOf.MakeGenericMethod(type.ClrType).Invoke(null, [db])!;
        return seen;
    }

    /// <summary>
    /// Read across communes on purpose, each checked elsewhere: accounts (sign-in finds a user by name before any scope;
    /// the accounts pages filter by commune, <c>UserAdminTests</c>) and a class's seats (read through the class, whose
    /// filter admits the communes sharing it; a column of the host commune would let the seats be filtered too).
    /// </summary>
    private static readonly HashSet<string> s_sharedOnPurpose = ["AppUser", "ClassQuota"];

    [Fact]
    public async Task Under_a_communes_scope_every_entity_reads_that_commune_only()
    {
        var demo = await DemoCommuneAsync();
        var test = app.Data.CommuneId;
        var all = await ReadAsync(DataScope.System);
        var withoutCommune = await app.WithSystemScopeAsync((db, _) => Task.FromResult(db.Model.GetEntityTypes()
            .Where(t => !t.IsOwned() && t.FindProperty("CommuneId") is null).Select(t => t.ClrType.Name).Order().ToList()));
        TestContext.Current.TestOutputHelper?.WriteLine("Without a commune: " + string.Join(", ", withoutCommune));
        TestContext.Current.TestOutputHelper?.WriteLine("Not in the demo: " + string.Join(", ", all.Where(e => !e.Value.Contains(demo)).Select(e => e.Key)));
        // The records a commune must never show another are there to be hidden.
        foreach (var entity in new[] { "Organisation", "Member", "Candidate", "CellTarget", "YearTarget", "Notification", "MemberExit", "InspectionSession", "QualityRatingRecord", "AuditEntry" })
            all[entity].ShouldContain(demo, entity);
        var leaks = new List<string>();
        foreach (var (mine, other) in new[] { (test, demo), (demo, test) })
        {
            foreach (var (entity, communes) in await ReadAsync(TwoCommunesApp.OfficeOf(mine)))
                if (communes.Contains(other) && !s_sharedOnPurpose.Contains(entity)) leaks.Add($"{entity} (a user of commune {mine} reads commune {other}'s rows)");
            // The rows without a commune of their own are reached through their candidate: none of the other commune's.
            var theirs = await app.WithSystemScopeAsync(async (db, _) => (
                Candidates: await db.Candidates.Where(c => c.CommuneId == other).Select(c => c.Id).ToListAsync(),
                Attachments: await db.StepAttachments.Where(a => db.AdmissionSteps.Any(x => x.Id == a.StepId && db.Candidates.Any(c => c.Id == x.CandidateId && c.CommuneId == other))).Select(a => a.Id).ToListAsync()));
            theirs.Candidates.ShouldNotBeEmpty();
            if (other == demo) theirs.Attachments.ShouldNotBeEmpty();
            using var s = app.Services.CreateScope();
            s.ServiceProvider.GetRequiredService<CurrentScope>().Set(TwoCommunesApp.OfficeOf(mine));
            var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.AdmissionSteps.AnyAsync(x => theirs.Candidates.Contains(x.CandidateId))) leaks.Add($"StepRecord (commune {mine} reads {other}'s)");
            if (await db.Set<Core.People.CandidateSource>().AnyAsync(x => theirs.Candidates.Contains(x.CandidateId))) leaks.Add($"CandidateSource (commune {mine} reads {other}'s)");
            if (await db.StepAttachments.AnyAsync(a => theirs.Attachments.Contains(a.Id))) leaks.Add($"StepAttachment (commune {mine} reads {other}'s)");
        }
        leaks.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_province_board_reads_the_one_commune_it_looks_into_and_none_without_a_choice()
    {
        var demo = await DemoCommuneAsync();
        var test = app.Data.CommuneId;
        var leaks = new List<string>();
        foreach (var (mine, other) in new[] { (test, demo), (demo, test) })
        {
            var read = await ReadAsync(Web.Province.ProvinceFigures.ViewOf(mine));
            read["Member"].ShouldContain(mine);
            foreach (var (entity, communes) in read)
                if (communes.Contains(other) && !s_sharedOnPurpose.Contains(entity)) leaks.Add($"{entity} (the board looking into {mine} reads {other}'s rows)");
        }
        // No choice, or a choice the scope middleware refused: no commune's rows at all.
        foreach (var (entity, communes) in await ReadAsync(new DataScope(false, 0, false, [], [], null, Roles.ProvinceBoard)))
            if (communes.Any(c => c > 0) && !s_sharedOnPurpose.Contains(entity)) leaks.Add($"{entity} (the board with no commune chosen reads {string.Join(", ", communes)})");
        leaks.ShouldBeEmpty();
    }

    private static bool Hidden(HttpResponseMessage r) => r.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden
        || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/Account/Denied", StringComparison.Ordinal));

    [Fact]
    public async Task A_communes_office_reaches_nothing_of_another_commune_by_page_or_api()
    {
        var demo = await DemoCommuneAsync();
        var other = await app.WithSystemScopeAsync(async (db, _) =>
        {
            var candidate = await db.StepAttachments.Select(a => db.AdmissionSteps.Where(x => x.Id == a.StepId).Select(x => x.CandidateId).First()).FirstAsync();
            return new
            {
                Commune = await db.Organisations.Where(o => o.Id == demo).Select(o => o.Name).SingleAsync(),
                Member = await db.Members.Where(m => m.CommuneId == demo).OrderBy(m => m.Id).Select(m => new { m.Id, m.Person.FullName }).FirstAsync(),
                Candidate = await db.Candidates.Where(c => c.Id == candidate).Select(c => new { c.Id, c.Person.FullName }).SingleAsync(),
                Attachment = await db.StepAttachments.Select(a => a.Id).FirstAsync(),
                Cell = await db.Organisations.Where(o => o.CommuneId == demo && o.Kind == OrganisationKind.Cell).OrderBy(o => o.Id).Select(o => new { o.Id, o.Name }).FirstAsync(),
                Session = await db.InspectionSessions.Where(x => x.CommuneId == demo).Select(x => x.Id).FirstAsync(),
                Exit = await db.MemberExits.Where(x => x.CommuneId == demo).Select(x => x.Id).FirstAsync(),
                Class = await db.PartyClasses.Where(x => x.CommuneId == demo).Select(x => x.Id).FirstAsync(),
            };
        });
        var office = await Browser.LoginAsync(app, "office");
        foreach (var url in new[]
        {
            $"/Members/Details/{other.Member.Id}", $"/Members/Edit/{other.Member.Id}", $"/Candidates/Details/{other.Candidate.Id}",
            $"/Candidates/Edit/{other.Candidate.Id}", $"/Candidates/Timeline/{other.Candidate.Id}",
            $"/Candidates/Timeline/{other.Candidate.Id}?handler=File&attachmentId={other.Attachment}", $"/Organisations/Edit/{other.Cell.Id}",
            $"/Candidates?CellId={other.Cell.Id}", $"/Work?CellId={other.Cell.Id}", $"/Inspections/Session/{other.Session}",
            $"/Ratings/Edit?Year=2025&Kind=Cell&Id={other.Cell.Id}", $"/Exits/Edit/{other.Exit}", $"/Classes/Details/{other.Class}",
            $"/api/members/{other.Member.Id}", $"/api/candidates/{other.Candidate.Id}", $"/api/candidates/{other.Candidate.Id}/timeline",
            $"/api/organisations/{other.Cell.Id}", $"/api/inspection-sessions/{other.Session}", $"/api/classes/{other.Class}/sheet",
        })
        {
            var r = await office.Client.GetAsync(url);
            Hidden(r).ShouldBeTrue($"{url}: {(int)r.StatusCode}");
        }
        // No page the office can reach, nor a list of the API, names the other commune or its people.
        var crawl = await Crawler.CrawlAsync(app, office, 400);
        crawl.Errors.ShouldBeEmpty();
        crawl.Pages.Count.ShouldBeGreaterThan(50);
        var urls = crawl.Pages.Concat(["/api/members", "/api/candidates", "/api/organisations", "/api/me/tasks", "/api/inspections?year=2026",
            "/api/ratings?year=2025&kind=Cell", "/api/corrective-actions?year=2026"]);
        var shown = new List<string>();
        foreach (var url in urls)
        {
            var body = await office.Client.GetStringAsync(url);
            // A commune's name is public: the centre's page offers the installation's communes it may serve.
            var names = url.StartsWith("/Classes/CenterEdit", StringComparison.Ordinal) ? new[] { other.Member.FullName, other.Candidate.FullName, other.Cell.Name }
                : [other.Commune, other.Member.FullName, other.Candidate.FullName, other.Cell.Name];
            shown.AddRange(names.Where(name => body.Contains(name, StringComparison.Ordinal)).Select(name => $"{url} shows {name}"));
        }
        shown.ShouldBeEmpty();
        TestContext.Current.TestOutputHelper?.WriteLine($"{crawl.Pages.Count} pages read.");
    }
}

public sealed class CommuneIsolationTests_Sqlite(TwoCommunesSqliteApp app) : CommuneIsolationTests<TwoCommunesSqliteApp>(app), IClassFixture<TwoCommunesSqliteApp>;

public sealed class CommuneIsolationTests_Postgres(TwoCommunesPostgresApp app) : CommuneIsolationTests<TwoCommunesPostgresApp>(app), IClassFixture<TwoCommunesPostgresApp>;
