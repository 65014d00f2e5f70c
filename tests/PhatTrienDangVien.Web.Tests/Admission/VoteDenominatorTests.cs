using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Admission;

/// <summary>
/// The 2/3 denominator counts the cell's official members on the vote date, from the membership history, not those of
/// today. Cell A of the test commune has three members official since 19/05/2011 (admitted 19/05/2010); today is 20/11/2026.
/// </summary>
public abstract class VoteDenominatorTests<TApp>(TApp app) where TApp : AppFactory
{
    private static DateOnly D(string iso) => Steps.D(iso);

    [Fact]
    public async Task A_vote_is_counted_as_the_cell_stood_on_its_date_through_admissions_recognitions_removals_and_transfers()
    {
        var d = app.Data;
        await app.WithSystemScopeAsync(async db =>
        {
            Member M(string name, string cccd, int cell, MemberStatus status, string ceremony, string? official, string? statusDate = null) => new()
            {
                CommuneId = d.CommuneId, CellId = cell, Status = status, CeremonyDate = D(ceremony), OfficialDate = official is null ? null : D(official),
                StatusDate = statusDate is null ? null : D(statusDate), Person = TestData.NewPerson(d.CommuneId, name, cccd, null, 1990),
            };
            db.Members.AddRange(
                // Admitted 10/01/2024, official from 10/01/2025.
                M("Hồ Văn Sau", "089090000801", d.CellA, MemberStatus.Official, "2024-01-10", "2025-01-10"),
                // Official since 2011, removed from the roll on 01/04/2026.
                M("Hồ Văn Thôi", "089090000802", d.CellA, MemberStatus.Removed, "2010-05-19", "2011-05-19", "2026-04-01"),
                // Probationary since 01/09/2026: never a voter yet.
                M("Hồ Thị Dự", "089390000803", d.CellA, MemberStatus.Probationary, "2026-09-01", null),
                // Official since 2011 in cell B; moves to cell A below (today).
                M("Hồ Văn Chuyển", "089090000804", d.CellB, MemberStatus.Official, "2010-05-19", "2011-05-19"));
            await db.SaveChangesAsync();
            return 0;
        });

        var office = (await Browser.LoginAsync(app, "office")).Client;
        var movedId = await app.WithSystemScopeAsync(db => db.Members.Where(m => m.Person.CitizenId == "089090000804").Select(m => m.Id).SingleAsync());
        var moved = (await office.GetFromJsonAsync<JsonObject>($"/api/members/{movedId}"))!;
        moved["member"]!["cellId"] = d.CellA;
        (await office.PutAsJsonAsync($"/api/members/{movedId}", moved)).StatusCode.ShouldBe(HttpStatusCode.OK);

        async Task<int> OfficialInA(string on)
        {
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
            return (await scope.ServiceProvider.GetRequiredService<VoterRegister>().CellAsync(d.CellA, D(on), CancellationToken.None)).Official;
        }
        // By hand: the three of 2011; "Sau" from 10/01/2025; "Thôi" until 31/03/2026; "Chuyển" from today; "Dự" never.
        (await OfficialInA("2024-12-01")).ShouldBe(3 + 1);          // Thôi, not yet Sau
        (await OfficialInA("2025-02-01")).ShouldBe(3 + 1 + 1);      // Thôi and Sau
        (await OfficialInA("2026-03-31")).ShouldBe(5);
        (await OfficialInA("2026-04-01")).ShouldBe(4);              // removed that day
        (await OfficialInA("2026-11-19")).ShouldBe(4);              // "Chuyển" still in cell B yesterday
        (await OfficialInA("2026-11-20")).ShouldBe(5);              // and in cell A from today

        // The list beside the vote is the same people, by name.
        var (_, form) = await (await Browser.LoginAsync(app, "office")).GetAsync($"/Candidates/Step/{d.CandidateA}?kind=CellVote");
        var counted = form.QuerySelectorAll("#counted li").Select(li => li.TextContent).ToList();
        counted.Count.ShouldBe(5);
        counted.ShouldContain(n => n.StartsWith("Hồ Văn Chuyển", StringComparison.Ordinal));
        counted.ShouldNotContain(n => n.StartsWith("Hồ Thị Dự", StringComparison.Ordinal));
    }
}

public sealed class VoteDenominatorTests_Sqlite(SqliteApp app) : VoteDenominatorTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class VoteDenominatorTests_Postgres(PostgresApp app) : VoteDenominatorTests<PostgresApp>(app), IClassFixture<PostgresApp>;
