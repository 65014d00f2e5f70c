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
        var a = first.ServiceProvider.GetRequiredService<AdmissionService>();
        var b = second.ServiceProvider.GetRequiredService<AdmissionService>();
        // Both open the case before either records: both see an empty history, where a source-pool step is allowed.
        var caseA = (await a.LoadAsync(app.Data.CandidateB))!;
        var caseB = (await b.LoadAsync(app.Data.CandidateB))!;
        var input = new SimpleStepInput { Date = new DateOnly(2026, 1, 5) };
        await a.RecordAsync(caseA, (c, x) => c.RecordSourcePool(input, x));
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => b.RecordAsync(caseB, (c, x) => c.RecordSourcePool(input, x)));
        var steps = await app.WithSystemScopeAsync(db => db.AdmissionSteps.CountAsync(s => s.CandidateId == app.Data.CandidateB));
        steps.ShouldBe(1);
    }
}

public sealed class ConcurrentStepTests_Sqlite(SqliteApp app) : ConcurrentStepTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ConcurrentStepTests_Postgres(PostgresApp app) : ConcurrentStepTests<PostgresApp>(app), IClassFixture<PostgresApp>;
