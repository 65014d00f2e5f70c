using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Plan;

/// <summary>
/// Figures are computed once per change (decision 0035): kept under the data versions, the scope and the day, computed
/// again after any write of the commune, for another scope or on another day, and never kept for the system's scope.
/// </summary>
public abstract class FigureCacheTests<TApp>(TApp app) where TApp : AppFactory
{
    private DataScope Office => new(false, app.Data.CommuneId, true, [app.Data.CellA, app.Data.CellB], [], null, Roles.CommuneOffice);

    private DataScope SecretaryOfA => new(false, app.Data.CommuneId, false, [app.Data.CellA], [app.Data.CellA], null, Roles.CellSecretary);

    /// <summary>Reads the figure "t" under <paramref name="scope"/>; returns how many times it had to be computed so far.</summary>
    private async Task<int> ReadAsync(DataScope scope, string name, Func<int> compute)
    {
        using var s = app.Services.CreateScope();
        s.ServiceProvider.GetRequiredService<CurrentScope>().Set(scope);
        var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
        return await s.ServiceProvider.GetRequiredService<FigureCache>().GetAsync(db, name, "", () => Task.FromResult(compute()), default);
    }

    [Fact]
    public async Task A_figure_is_computed_once_per_change_of_the_data_per_scope_and_per_day()
    {
        var computed = 0;
        int Compute() => ++computed;
        var name = "test-" + Guid.NewGuid().ToString("N");

        (await ReadAsync(Office, name, Compute)).ShouldBe(1);
        (await ReadAsync(Office, name, Compute)).ShouldBe(1, "the same data, scope and day: the kept result");

        // Another user's scope (fewer cells): computed for it, never the office's result.
        (await ReadAsync(SecretaryOfA, name, Compute)).ShouldBe(2);
        (await ReadAsync(SecretaryOfA, name, Compute)).ShouldBe(2);

        // Any write of the commune, whatever it touches, on whichever server: computed again.
        using (var s = app.Services.CreateScope())
        {
            s.ServiceProvider.GetRequiredService<CurrentScope>().Set(Office);
            var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Hamlets.Add(new Core.Organisations.Hamlet { CommuneId = app.Data.CommuneId, Name = "Ấp " + name, Population = 100, Households = 20 });
            await db.SaveChangesAsync();
        }
        (await ReadAsync(Office, name, Compute)).ShouldBe(3);
        (await ReadAsync(Office, name, Compute)).ShouldBe(3);

        // The commune's alert thresholds make the work list's tasks: a change of them is a change of the data.
        using (var s = app.Services.CreateScope())
        {
            s.ServiceProvider.GetRequiredService<CurrentScope>().Set(Office);
            var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
            var settings = db.NotificationSettings.SingleOrDefault();
            if (settings is null) db.NotificationSettings.Add(settings = new Core.Notifications.NotificationSettings { CommuneId = app.Data.CommuneId });
            settings.NoMentorDays += 7;
            await db.SaveChangesAsync();
        }
        (await ReadAsync(Office, name, Compute)).ShouldBe(4);

        // The next day: deadlines and "this year" may have moved.
        app.Clock.Advance(TimeSpan.FromDays(1));
        (await ReadAsync(Office, name, Compute)).ShouldBe(5);

        // The system's scope sees every commune: no one version covers it, so nothing is kept.
        (await ReadAsync(DataScope.System, name, Compute)).ShouldBe(6);
        (await ReadAsync(DataScope.System, name, Compute)).ShouldBe(7);
    }

    [Fact]
    public async Task A_request_that_writes_reads_its_figures_at_the_versions_after_its_own_write()
    {
        // One context (one request): a figure read, then a write, then the figure again: computed again, not the result
        // kept under the versions the request read before writing.
        using var s = app.Services.CreateScope();
        s.ServiceProvider.GetRequiredService<CurrentScope>().Set(Office);
        var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
        var cache = s.ServiceProvider.GetRequiredService<FigureCache>();
        var name = "test-" + Guid.NewGuid().ToString("N");
        var computed = 0;
        Task<int> ReadAsync() => cache.GetAsync(db, name, "", () => Task.FromResult(++computed), default);
        (await ReadAsync()).ShouldBe(1);
        (await ReadAsync()).ShouldBe(1);
        db.Hamlets.Add(new Core.Organisations.Hamlet { CommuneId = app.Data.CommuneId, Name = "Ấp " + name, Population = 10, Households = 2 });
        await db.SaveChangesAsync();
        (await ReadAsync()).ShouldBe(2, "the request's own write raised the version: its later figures are of the data after it");
    }

    [Fact]
    public async Task A_kept_list_counts_one_result_per_fifty_rows_against_the_capacity()
    {
        // A server that keeps four results: a list of 150 rows counts four and is kept; one of 250 counts six and is
        // not (it is computed at each read), so that lists of a province's members cannot crowd a server's memory.
        using var small = app.WithWebHostBuilder(b => b.UseSetting("Figures:MaxEntries", "4"));
        var computed = 0;
        async Task<int> ReadRowsAsync(int rows)
        {
            using var s = small.Services.CreateScope();
            s.ServiceProvider.GetRequiredService<CurrentScope>().Set(Office);
            var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
            var list = await s.ServiceProvider.GetRequiredService<FigureCache>().GetRowsAsync(db, "rows-" + rows, "",
                () => { computed++; return Task.FromResult<IReadOnlyList<int>>([.. Enumerable.Range(0, rows)]); }, default);
            list.Count.ShouldBe(rows);
            return computed;
        }
        (await ReadRowsAsync(150)).ShouldBe(1);
        (await ReadRowsAsync(150)).ShouldBe(1, "150 rows count four of the four: kept");
        (await ReadRowsAsync(250)).ShouldBe(2);
        (await ReadRowsAsync(250)).ShouldBe(3, "250 rows count six of the four: never kept");
    }

    [Fact]
    public async Task The_dashboard_reads_kept_figures_until_a_write_and_then_shows_the_write()
    {
        var figures = app.Services.GetRequiredService<FigureCache>();
        var office = await Browser.LoginAsync(app, "office");
        async Task<string> GapAsync()
        {
            var (response, page) = await office.GetAsync("/Dashboard");
            response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
            return page.QuerySelector("#gap-hamlets")!.TextContent;
        }
        var before = await GapAsync();
        // A forecast of earlier data (another test's) may be being computed again in the background.
        await figures.WhenIdleAsync();
        var computed = figures.Computed;
        (await GapAsync()).ShouldBe(before);
        (await office.GetAsync("/Dashboard/Forecast")).Response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        await figures.WhenIdleAsync();
        var afterForecast = figures.Computed;
        (await GapAsync()).ShouldBe(before);
        figures.Computed.ShouldBe(afterForecast, "nothing changed: the dashboard computes nothing");
        (afterForecast - computed).ShouldBeLessThanOrEqualTo(1, "the forecast page shares the plan and the forecast with the dashboard; only its check against the past is its own");

        (await office.PostFormAsync("/Hamlets/Edit", new() { ["Input.Name"] = "Ấp Số Liệu Mới", ["Input.Population"] = "6000", ["Input.Households"] = "1500" }))
            .StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        (await GapAsync()).ShouldBe((int.Parse(before, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_header_keeps_the_communes_name_until_it_is_renamed()
    {
        var office = await Browser.LoginAsync(app, "office");
        async Task<string> HeaderAsync() => (await office.GetAsync("/")).Document.QuerySelector("#scope-line")!.TextContent.Trim();
        var name = await app.WithSystemScopeAsync(db => db.Organisations.Where(o => o.Id == app.Data.CommuneId).Select(o => o.Name).SingleAsync());
        (await HeaderAsync()).ShouldBe(name);
        var figures = app.Services.GetRequiredService<FigureCache>();
        await figures.WhenIdleAsync();
        var computed = figures.Computed;
        (await HeaderAsync()).ShouldBe(name, "read again from the kept figures");
        figures.Computed.ShouldBe(computed, "nothing changed: the name is not read again");

        // The name is kept under the data version: the rename is a write, and the next page shows it.
        await RenameAsync(name + " (mới)");
        try
        {
            (await HeaderAsync()).ShouldBe(name + " (mới)");
        }
        finally
        {
            await RenameAsync(name);
        }
        (await HeaderAsync()).ShouldBe(name);

        Task<int> RenameAsync(string to) => app.WithSystemScopeAsync(async db =>
        {
            (await db.Organisations.SingleAsync(o => o.Id == app.Data.CommuneId)).Name = to;
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task After_a_change_the_last_result_is_shown_with_its_time_while_the_new_one_is_computed_in_the_background()
    {
        var figures = app.Services.GetRequiredService<FigureCache>();
        var name = "slow-" + Guid.NewGuid().ToString("N");
        var computed = 0;
        async Task<FigureCache.Latest<string>> ReadAsync()
        {
            using var s = app.Services.CreateScope();
            s.ServiceProvider.GetRequiredService<CurrentScope>().Set(SecretaryOfA);
            var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
            // The background computation runs in a scope of its own: it must see the same data scope.
            return await figures.GetLatestAsync(db, name, "", (d, _) =>
                Task.FromResult($"{Interlocked.Increment(ref computed)} for cells {string.Join(',', d.Scope.CellIds)}"), default);
        }
        var first = await ReadAsync();
        first.ShouldBe(first with { Value = $"1 for cells {app.Data.CellA}", Current = true });
        (await ReadAsync()).ShouldBe(first);

        await app.WithSystemScopeAsync(db =>
        {
            db.Hamlets.Add(new Core.Organisations.Hamlet { CommuneId = app.Data.CommuneId, Name = "Ấp " + name, Population = 10, Households = 2 });
            return db.SaveChangesAsync();
        });
        // The last result at once, marked as being recomputed; the new one once the background work is done.
        var during = await ReadAsync();
        during.Value.ShouldBe(first.Value);
        during.Current.ShouldBeFalse();
        await figures.WhenIdleAsync();
        var after = await ReadAsync();
        after.Value.ShouldBe($"2 for cells {app.Data.CellA}");
        after.Current.ShouldBeTrue();
        computed.ShouldBe(2);
    }

    [Fact]
    public async Task The_forecast_page_says_when_its_forecast_was_computed_and_when_a_new_one_is_on_its_way()
    {
        var office = await Browser.LoginAsync(app, "office");
        // Before the term target: no forecast, and that is kept too; entering the target must not show "no target"
        // again while the first forecast is computed.
        (await office.GetAsync("/Dashboard/Forecast")).Response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        await app.WithSystemScopeAsync(async db =>
        {
            if (db.TermTargets.Any()) return 0;
            var term = db.Terms.Single();
            db.TermTargets.Add(new Core.Targets.TermTarget { CommuneId = app.Data.CommuneId, TermId = term.Id, Count = 130 });
            return await db.SaveChangesAsync();
        });
        var figures = app.Services.GetRequiredService<FigureCache>();
        async Task<AngleSharp.Dom.IElement> TimeAsync(string page)
        {
            var (response, doc) = await office.GetAsync(page);
            response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
            return doc.QuerySelector("#forecast-time").ShouldNotBeNull();
        }
        await figures.WhenIdleAsync();
        var fresh = await TimeAsync("/Dashboard/Forecast");
        fresh.GetAttribute("data-current").ShouldBe("1");
        fresh.TextContent.ShouldContain("theo số liệu hiện tại");
        (await TimeAsync("/Dashboard")).GetAttribute("data-current").ShouldBe("1");

        (await office.PostFormAsync("/Hamlets/Edit", new() { ["Input.Name"] = "Ấp Dự Báo Mới", ["Input.Population"] = "700", ["Input.Households"] = "150" }))
            .StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        var stale = await TimeAsync("/Dashboard/Forecast");
        stale.GetAttribute("data-current").ShouldBe("0");
        stale.TextContent.ShouldContain("Đang tính lại theo số liệu mới");
        await figures.WhenIdleAsync();
        (await TimeAsync("/Dashboard/Forecast")).GetAttribute("data-current").ShouldBe("1");
    }
}

public sealed class FigureCacheTests_Sqlite(SqliteApp app) : FigureCacheTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class FigureCacheTests_Postgres(PostgresApp app) : FigureCacheTests<PostgresApp>(app), IClassFixture<PostgresApp>;
