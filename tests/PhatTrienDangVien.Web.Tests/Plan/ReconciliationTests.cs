using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Planning;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Plan;

/// <summary>
/// Admissions typed in the register count toward the term once, with or without a case; the reconciliation page lists
/// those without a case and the cases the register shows otherwise. Hand-made: the test commune's members were admitted
/// in 2010 (outside the 2025–2030 term, which runs 01/07/2025–30/06/2030).
/// </summary>
public abstract class ReconciliationTests<TApp>(TApp app) : IAsyncLifetime where TApp : AppFactory
{
    private int _registerOnly;
    private int _throughCase;
    private int _mismatch;

    public async ValueTask InitializeAsync()
    {
        var d = app.Data;
        (_registerOnly, _throughCase, _mismatch) = await app.WithSystemScopeAsync(async db =>
        {
            // Seeded once per database: the class's tests share the fixture.
            if (await db.People.AnyAsync(p => p.CitizenId == "089095000901"))
                return (await db.Members.Where(m => m.Person.CitizenId == "089095000901").Select(m => m.Id).SingleAsync(),
                    await db.Candidates.Where(c => c.Person.CitizenId == "089395000903").Select(c => c.Id).SingleAsync(),
                    await db.Candidates.Where(c => c.Person.CitizenId == "089095000904").Select(c => c.Id).SingleAsync());
            // Admitted on 01/02/2026, typed in the register (before the software).
            var early = new Member
            {
                CommuneId = d.CommuneId, CellId = d.CellA, Status = MemberStatus.Probationary, CeremonyDate = new DateOnly(2026, 2, 1),
                Person = TestData.NewPerson(d.CommuneId, "Tạ Văn Sổ", "089095000901", null, 1995),
            };
            // Admitted before the term: never listed.
            var before = new Member
            {
                CommuneId = d.CommuneId, CellId = d.CellA, Status = MemberStatus.Official, CeremonyDate = new DateOnly(2025, 6, 30),
                OfficialDate = new DateOnly(2026, 6, 30), Person = TestData.NewPerson(d.CommuneId, "Tạ Văn Trước", "089095000902", null, 1995),
            };
            var viaCase = new Candidate { CommuneId = d.CommuneId, CellId = d.CellA, AddedOn = new DateOnly(2025, 1, 6), Person = TestData.NewPerson(d.CommuneId, "Tạ Thị Hồ Sơ", "089395000903", null, 1995, Core.Reference.Gender.Female) };
            var odd = new Candidate { CommuneId = d.CommuneId, CellId = d.CellA, AddedOn = new DateOnly(2025, 1, 6), Person = TestData.NewPerson(d.CommuneId, "Tạ Văn Lệch", "089095000904", null, 1995) };
            db.AddRange(early, before, viaCase, odd);
            await db.SaveChangesAsync();
            // Ceremonies recorded as the procedure records them: a step and the register row it writes.
            foreach (var (c, ceremony, register) in new[] { (viaCase, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2)), (odd, new DateOnly(2026, 4, 6), new DateOnly(2026, 4, 7)) })
            {
                db.AdmissionSteps.Add(new StepRecord { CandidateId = c.Id, Kind = AdmissionStepKind.Ceremony, Date = ceremony, RecordedBy = "thử" });
                c.Status = CandidateStatus.Admitted;
                db.Members.Add(new Member { CommuneId = d.CommuneId, CellId = d.CellA, PersonId = c.PersonId, Status = MemberStatus.Probationary, CeremonyDate = register });
            }
            await db.SaveChangesAsync();
            return (early.Id, viaCase.Id, odd.Id);
        });
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Admissions_from_the_register_count_toward_the_term_once_with_or_without_a_case()
    {
        var counted = await app.WithSystemScopeAsync(db => PlanData.AdmittedIn(db.Members, [app.Data.CellA, app.Data.CellB],
            new DateOnly(2025, 7, 1), new DateOnly(2030, 6, 30)).Select(m => m.Person.FullName).ToListAsync());
        counted.Order().ShouldBe(["Tạ Thị Hồ Sơ", "Tạ Văn Lệch", "Tạ Văn Sổ"]);
    }

    [Fact]
    public async Task The_reconciliation_lists_register_only_admissions_and_cases_the_register_shows_otherwise()
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var result = await scope.ServiceProvider.GetRequiredService<Reconciliation>().ForCurrentTermAsync(CancellationToken.None);
        result.RegisterOnly.Select(r => (r.MemberId, r.Name, r.Ceremony)).ShouldBe([(_registerOnly, "Tạ Văn Sổ", new DateOnly(2026, 2, 1))]);
        result.Mismatches.Select(m => (m.CandidateId, m.CeremonyStep, m.RegisterCeremony)).ShouldBe([(_mismatch, new DateOnly(2026, 4, 6), (DateOnly?)new DateOnly(2026, 4, 7))]);
        result.Mismatches.ShouldNotContain(m => m.CandidateId == _throughCase);

        var office = await Browser.LoginAsync(app, "office");
        var (r, doc) = await office.GetAsync("/Reports/Reconciliation");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        doc.QuerySelector("#register-only-count")!.TextContent.ShouldBe("1");
        doc.QuerySelectorAll("#register-only tbody tr").Length.ShouldBe(1);
        doc.QuerySelector("#mismatches")!.TextContent.ShouldContain("07/04/2026");
    }
}

public sealed class ReconciliationTests_Sqlite(SqliteApp app) : ReconciliationTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ReconciliationTests_Postgres(PostgresApp app) : ReconciliationTests<PostgresApp>(app), IClassFixture<PostgresApp>;
