using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Reliability;

/// <summary>
/// How the database options shape every query (decision 0040): a list in a query is one parameter, so a statement
/// does not change with the list's length and EF keeps its SQL (EF 10's default wrote one parameter per element and
/// generated the statement again at each execution); EF's thread-safety check is on in the suite.
/// </summary>
public abstract class QueryShapeTests<TApp>(TApp app) where TApp : AppFactory
{
    [Fact]
    public async Task A_list_in_a_query_is_one_parameter_whatever_its_length()
    {
        var sql = await app.WithSystemScopeAsync(db =>
        {
            string Sql(List<int> cells) => db.Members.Where(m => cells.Contains(m.CellId)).Select(m => m.Id).ToQueryString();
            return Task.FromResult((Two: Sql([1, 2]), Five: Sql([1, 2, 3, 4, 5])));
        });
        // ToQueryString writes the parameters' values first; the statement itself must be the same.
        static string Statement(string s) => s[s.IndexOf("SELECT", StringComparison.Ordinal)..];
        Statement(sql.Five).ShouldBe(Statement(sql.Two));
        // And the rows are those of the list: the translation is not only stable but right.
        var cell = app.Data.CellA;
        var found = await app.WithSystemScopeAsync(db => { List<int> one = [cell]; return db.Members.CountAsync(m => one.Contains(m.CellId)); });
        found.ShouldBe(await app.WithSystemScopeAsync(db => db.Members.CountAsync(m => m.CellId == cell)));
        found.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_suite_runs_with_EF_s_thread_safety_check_on() =>
        (await app.WithSystemScopeAsync(db => Task.FromResult(db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.ThreadSafetyChecksEnabled)))
            .ShouldBeTrue();
}

public sealed class QueryShapeTests_Sqlite(SqliteApp app) : QueryShapeTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class QueryShapeTests_Postgres(PostgresApp app) : QueryShapeTests<PostgresApp>(app), IClassFixture<PostgresApp>;
