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

    protected TApp App => app;

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

    [Fact]
    public async Task The_provinces_reports_read_every_commune_and_save_nothing()
    {
        var demo = await DemoCommuneAsync();
        var read = await ReadAsync(DataScope.ProvinceReader);
        read["Member"].ShouldContain(demo);
        read["Member"].ShouldContain(app.Data.CommuneId);
        using var s = app.Services.CreateScope();
        s.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.ProvinceReader);
        var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
        var hamlet = await db.Hamlets.OrderBy(h => h.Id).FirstAsync();
        var name = hamlet.Name;
        hamlet.Name += " (sửa)";
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        (await app.WithSystemScopeAsync((x, _) => x.Hamlets.Where(h => h.Id == hamlet.Id).Select(h => h.Name).SingleAsync())).ShouldBe(name);
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

public sealed class CommuneIsolationTests_Sqlite(TwoCommunesSqliteApp app) : CommuneIsolationTests<TwoCommunesSqliteApp>(app), IClassFixture<TwoCommunesSqliteApp>
{
    private static readonly MethodInfo s_planOf = typeof(CommuneIsolationTests_Sqlite).GetMethod(nameof(PlanOfAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>SQLite's plan for reading every row of <typeparamref name="T"/> under the context's scope, with the filters' values bound.</summary>
    private static async Task<List<string>> PlanOfAsync<T>(AppDbContext db) where T : class
    {
        // ToQueryString gives the filters' values as ".param set @name value" lines before the statement.
        var lines = db.Set<T>().ToQueryString().Split('\n');
        var sql = string.Join('\n', lines.Where(l => !l.StartsWith(".param set ", StringComparison.Ordinal)));
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var line in lines.Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)))
            {
                var parts = line[".param set ".Length..].Split(' ', 2);
                var p = command.CreateParameter();
                p.ParameterName = parts[0];
                p.Value = parts[1].StartsWith('\'') ? parts[1][1..^1].Replace("''", "'", StringComparison.Ordinal)
                    : parts[1] == "NULL" ? DBNull.Value : long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
                command.Parameters.Add(p);
            }
            var plan = new List<string>();
            using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
            // The plan of the table read, not of a filter's subquery: its alias is the statement's first FROM.
            var alias = System.Text.RegularExpressions.Regex.Match(sql, "FROM \"\\w+\" AS \"(\\w+)\"").Groups[1].Value;
            return [.. plan.Where(d => d.EndsWith(" " + alias, StringComparison.Ordinal) || d.Contains(" " + alias + " ", StringComparison.Ordinal))];
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The commune filter reads one commune's rows through the CommuneId index (decision 0039): a filter SQLite cannot
    /// serve by an index (<c>@unrestricted OR CommuneId = @commune</c> was one) reads every commune's rows on every query.
    /// A class and a centre are read by the communes they serve as well as their host's (an OR with their seats or
    /// communes): a few rows a year per commune, read whole.
    /// </summary>
    [Fact]
    public async Task Under_a_communes_scope_sqlite_reads_each_commune_table_by_its_index()
    {
        using var s = App.Services.CreateScope();
        s.ServiceProvider.GetRequiredService<CurrentScope>().Set(TwoCommunesApp.OfficeOf(App.Data.CommuneId));
        var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
        var scans = new List<string>();
        var read = 0;
        foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && !t.HasSharedClrType && t.BaseType is null
            && t.FindProperty("CommuneId") is not null && t.GetDeclaredQueryFilters().Count > 0
            && t.ClrType != typeof(Core.Classes.PartyClass) && t.ClrType != typeof(Core.Organisations.PoliticalCenter)))
        {
            var plan = await (Task<List<string>>)s_planOf.MakeGenericMethod(type.ClrType).Invoke(null, [db])!;
            plan.ShouldNotBeEmpty(type.ClrType.Name);
            read++;
            if (plan.Any(d => d.StartsWith("SCAN ", StringComparison.Ordinal))) scans.Add($"{type.ClrType.Name}: {string.Join("; ", plan)}");
        }
        read.ShouldBeGreaterThan(30);
        scans.ShouldBeEmpty();
    }
}

public sealed class CommuneIsolationTests_Postgres(TwoCommunesPostgresApp app) : CommuneIsolationTests<TwoCommunesPostgresApp>(app), IClassFixture<TwoCommunesPostgresApp>;
