using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Admission;
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

/// <summary>A past day's figures (a session or rating seeded after the fact) read from that day's steps; a fixture of its own, as the steps recorded here would change the hand count above.</summary>
public abstract class CellDevelopmentPastTests<TApp>(TApp app) where TApp : AppFactory
{
    [Fact]
    public async Task A_past_days_figures_are_read_from_the_steps_of_that_day_and_today_they_agree_with_the_lists()
    {
        var d = app.Data;
        // Candidate A of cell A: entered the pool 5/1/2026, a mentor 10/1, the class 6/3; today is 20/11/2026.
        await Steps.RecordAsync(app.Services, d.CandidateA, AdmissionStepKind.SourcePool, new() { Date = Steps.D("2026-01-05") });
        await Steps.RecordAsync(app.Services, d.CandidateA, AdmissionStepKind.MentorAssigned, new() { Date = Steps.D("2026-01-10"), MentorMemberId = d.MentorMemberA });
        await Steps.RecordAsync(app.Services, d.CandidateA, AdmissionStepKind.AwarenessClass,
            new() { Date = Steps.D("2026-03-06"), CertificateNumber = "2/CN", CertificateDate = Steps.D("2026-03-06") });
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var development = scope.ServiceProvider.GetRequiredService<CellDevelopment>();
        async Task<Core.Evaluations.DevelopmentFacts> On(string day) =>
            (await development.ForYearAsync([d.CellA], 2026, Steps.D(day), CancellationToken.None)).Single().Facts;

        // 7/1: in the pool, no mentor yet, not trained; the case is open (the mentor step is due).
        var early = await On("2026-01-07");
        early.Pool.ShouldBe(1);
        early.WithoutMentor.ShouldBe(1);
        early.Trained.ShouldBe(0);
        early.OpenCases.ShouldBe(1);
        // 1/2: mentored, not yet through the class.
        var february = await On("2026-02-01");
        february.WithoutMentor.ShouldBe(0);
        february.Trained.ShouldBe(0);
        // 4/1, before the pool took them in: nobody.
        (await On("2026-01-04")).Pool.ShouldBe(0);
        // Read from the steps on today's date, the figures are the lists' own.
        var today = new DateOnly(2026, 11, 20);
        var book = await scope.ServiceProvider.GetRequiredService<RuleBookProvider>().GetAsync(CancellationToken.None);
        var validity = book.At(today).CertificateValidityMonths;
        var recorded = await development.AsRecordedAsync([d.CellA, d.CellB], today, book, CancellationToken.None);
        var standing = await development.AsTheyStandAsync([d.CellA, d.CellB], today, validity, CancellationToken.None);
        recorded.OrderBy(c => c.CandidateId).ShouldBe(standing.OrderBy(c => c.CandidateId));
    }
}

public sealed class CellDevelopmentTests_Sqlite(SqliteApp app) : CellDevelopmentTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class CellDevelopmentTests_Postgres(PostgresApp app) : CellDevelopmentTests<PostgresApp>(app), IClassFixture<PostgresApp>;

public sealed class CellDevelopmentPastTests_Sqlite(SqliteApp app) : CellDevelopmentPastTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class CellDevelopmentPastTests_Postgres(PostgresApp app) : CellDevelopmentPastTests<PostgresApp>(app), IClassFixture<PostgresApp>;
