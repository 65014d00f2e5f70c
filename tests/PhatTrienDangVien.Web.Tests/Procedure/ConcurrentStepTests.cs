using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Procedure;

/// <summary>Two people recording on the same case at the same moment: the second records nothing.</summary>
public abstract class ConcurrentStepTests<TApp>(TApp app) where TApp : AppFactory
{
    [Fact]
    public async Task The_second_of_two_simultaneous_steps_on_one_case_is_refused_and_records_nothing()
    {
        using var first = app.Services.CreateScope();
        using var second = app.Services.CreateScope();
        foreach (var s in new[] { first, second }) s.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var a = first.ServiceProvider.GetRequiredService<RecordStep>();
        var b = second.ServiceProvider.GetRequiredService<RecordStep>();
        // Both open the case before either records: both see an empty history, where a source-pool step is allowed.
        var caseA = (await first.ServiceProvider.GetRequiredService<AdmissionCases>().LoadAsync(app.Data.CandidateB, CancellationToken.None))!;
        var caseB = (await second.ServiceProvider.GetRequiredService<AdmissionCases>().LoadAsync(app.Data.CandidateB, CancellationToken.None))!;
        var input = new SimpleStepInput { Date = new DateOnly(2026, 1, 5) };
        await a.ApplyAsync(caseA, (c, x) => c.RecordSourcePool(input, x), [], CancellationToken.None);
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => b.ApplyAsync(caseB, (c, x) => c.RecordSourcePool(input, x), [], CancellationToken.None));
        var steps = await app.WithSystemScopeAsync(db => db.AdmissionSteps.CountAsync(s => s.CandidateId == app.Data.CandidateB));
        steps.ShouldBe(1);
    }
}

public sealed class ConcurrentStepTests_Sqlite(SqliteApp app) : ConcurrentStepTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ConcurrentStepTests_Postgres(PostgresApp app) : ConcurrentStepTests<PostgresApp>(app), IClassFixture<PostgresApp>;
