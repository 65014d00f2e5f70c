using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Evaluations;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Evaluations;

/// <summary>Each cell's development results for a year (what the rating and an inspection put beside their figures), against a hand count.</summary>
public abstract class CellDevelopmentTests<TApp>(TApp app) where TApp : AppFactory
{
    [Fact]
    public async Task A_cells_development_facts_match_a_hand_count()
    {
        var d = app.Data;
        // Cell A: target 2 for 2026, one member admitted 1/5/2026 (one in 2025 does not count), candidate A mentored and
        // through the class (certificate 6/3/2026, valid). Cell B: candidate B, no mentor, no class, no target.
        await app.WithSystemScopeAsync(async db =>
        {
            db.CellTargets.Add(new Core.Targets.CellTarget { CommuneId = d.CommuneId, CellId = d.CellA, Year = 2026, Count = 2 });
            foreach (var (name, id, ceremony) in new[] { ("Lâm Văn Tư", "089080002201", new DateOnly(2026, 5, 1)), ("Lâm Văn Năm", "089080002202", new DateOnly(2025, 11, 1)) })
                db.Members.Add(new Member
                {
                    CommuneId = d.CommuneId, CellId = d.CellA, Status = MemberStatus.Probationary, CeremonyDate = ceremony,
                    Person = TestData.NewPerson(d.CommuneId, name, id, null, 1998, Core.Reference.Gender.Male),
                });
            return await db.SaveChangesAsync();
        });
        await Steps.RecordAsync(app.Services, d.CandidateA, AdmissionStepKind.SourcePool, new() { Date = Steps.D("2026-01-05") });
        await Steps.RecordAsync(app.Services, d.CandidateA, AdmissionStepKind.MentorAssigned, new() { Date = Steps.D("2026-01-10"), MentorMemberId = d.MentorMemberA });
        await Steps.RecordAsync(app.Services, d.CandidateA, AdmissionStepKind.AwarenessClass,
            new() { Date = Steps.D("2026-03-06"), CertificateNumber = "1/CN", CertificateDate = Steps.D("2026-03-06") });

        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var rows = await scope.ServiceProvider.GetRequiredService<CellDevelopment>().ForYearAsync([d.CellA, d.CellB], 2026, new DateOnly(2026, 11, 20), CancellationToken.None);

        var a = rows.Single(r => r.CellId == d.CellA);
        a.Facts.Target.ShouldBe(2);
        a.Facts.Admitted.ShouldBe(1);
        a.Facts.Pool.ShouldBe(1);
        a.Facts.Trained.ShouldBe(1);
        a.Facts.WithoutMentor.ShouldBe(0);
        a.Facts.OpenCases.ShouldBe(1);
        a.First.ShouldBe(new DateOnly(2026, 1, 1));
        var b = rows.Single(r => r.CellId == d.CellB);
        b.Facts.Target.ShouldBe(0);
        b.Facts.Admitted.ShouldBe(0);
        b.Facts.Pool.ShouldBe(1);
        b.Facts.Trained.ShouldBe(0);
        b.Facts.WithoutMentor.ShouldBe(1);
        b.LateSteps.ShouldBe(0);
        // The certificate runs out after 60 months: by 2031 candidate A is no longer counted as trained.
        var later = await scope.ServiceProvider.GetRequiredService<CellDevelopment>().ForYearAsync([d.CellA], 2031, new DateOnly(2031, 3, 7), CancellationToken.None);
        later.Single().Facts.Trained.ShouldBe(0);
    }
}

public sealed class CellDevelopmentTests_Sqlite(SqliteApp app) : CellDevelopmentTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class CellDevelopmentTests_Postgres(PostgresApp app) : CellDevelopmentTests<PostgresApp>(app), IClassFixture<PostgresApp>;
