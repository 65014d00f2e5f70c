using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Reliability;

/// <summary>
/// Contexts are pooled (decision 0040): one serves a request and goes back. What the request was allowed to see must
/// not stay with it: a context back in the pool, or one taken from EF's factory without being handed a scope, sees
/// nothing.
/// </summary>
public abstract class ContextPoolTests<TApp>(TApp app) where TApp : AppFactory
{
    [Fact]
    public async Task A_context_back_in_the_pool_forgets_its_request_s_scope_and_one_never_served_sees_nothing()
    {
        var office = new DataScope(false, app.Data.CommuneId, true, [app.Data.CellA, app.Data.CellB], [], null, Roles.CommuneOffice);
        AppDbContext served;
        using (var s = app.Services.CreateScope())
        {
            s.ServiceProvider.GetRequiredService<CurrentScope>().Set(office);
            served = s.ServiceProvider.GetRequiredService<AppDbContext>();
            (await served.Members.CountAsync()).ShouldBeGreaterThan(0);
            served.Scope.ShouldBe(office);
        }
        // The request is over: the context is back in the pool, with the empty scope.
        served.Scope.ShouldBe(DataScope.Nothing);

        // Taken from EF's factory directly (not through the request's registration): no scope handed, no rows.
        using (var s = app.Services.CreateScope())
        {
            s.ServiceProvider.GetRequiredService<CurrentScope>().Set(office);
            await using var unserved = (AppDbContext?)s.ServiceProvider.GetService<IDbContextFactory<SqliteAppDbContext>>()?.CreateDbContext()
                ?? s.ServiceProvider.GetRequiredService<IDbContextFactory<PostgresAppDbContext>>().CreateDbContext();
            (await unserved.Members.CountAsync()).ShouldBe(0);
            (await unserved.Candidates.CountAsync()).ShouldBe(0);
        }
    }
}

public sealed class ContextPoolTests_Sqlite(SqliteApp app) : ContextPoolTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ContextPoolTests_Postgres(PostgresApp app) : ContextPoolTests<PostgresApp>(app), IClassFixture<PostgresApp>;
