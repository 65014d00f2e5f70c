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

/// <summary>A transfer typed in late counts from its own date; corrected admission dates move a one-cell history (own
/// application: the counts of cell A are compared with the same day before the changes).</summary>
public abstract class TransferDateTests<TApp>(TApp app) where TApp : AppFactory
{
    private static DateOnly D(string iso) => Steps.D(iso);

    [Fact]
    public async Task A_transfer_counts_from_its_own_date_and_corrected_admission_dates_move_the_history()
    {
        var d = app.Data;
        await app.WithSystemScopeAsync(async db =>
        {
            db.Members.AddRange(
                // Official since 2016 in cell B; the transfer to cell A decided on 01/08/2026 is typed in today (20/11/2026).
                new Member
                {
                    CommuneId = d.CommuneId, CellId = d.CellB, Status = MemberStatus.Official, CeremonyDate = D("2015-01-10"), OfficialDate = D("2016-01-10"),
                    Person = TestData.NewPerson(d.CommuneId, "Lâm Văn Chuyến", "089090000811", null, 1985),
                },
                // Typed in with a wrong ceremony date (30/10/2026): really admitted 10/01/2015, official 10/01/2016.
                new Member
                {
                    CommuneId = d.CommuneId, CellId = d.CellA, Status = MemberStatus.Probationary, CeremonyDate = D("2026-10-30"),
                    Person = TestData.NewPerson(d.CommuneId, "Lâm Thị Sửa", "089190000812", null, 1985),
                });
            await db.SaveChangesAsync();
            return 0;
        });
        async Task<int> OfficialInA(string on)
        {
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
            return (await scope.ServiceProvider.GetRequiredService<VoterRegister>().CellAsync(d.CellA, D(on), CancellationToken.None)).Official;
        }
        var before = await OfficialInA("2026-09-01");

        var office = (await Browser.LoginAsync(app, "office")).Client;
        var movedId = await app.WithSystemScopeAsync(db => db.Members.Where(m => m.Person.CitizenId == "089090000811").Select(m => m.Id).SingleAsync());
        var moved = (await office.GetFromJsonAsync<JsonObject>($"/api/members/{movedId}"))!;
        moved["member"]!["cellId"] = d.CellA;
        moved["member"]!["transferDate"] = "2014-01-01";
        var early = await office.PutAsJsonAsync($"/api/members/{movedId}", moved);
        var earlyBody = await early.Content.ReadAsStringAsync();
        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest, earlyBody);
        earlyBody.ShouldContain("Ngày chuyển phải sau ngày đảng viên bắt đầu sinh hoạt ở chi bộ hiện nay (10/01/2015)");
        moved["member"]!["transferDate"] = "2026-08-01";
        (await office.PutAsJsonAsync($"/api/members/{movedId}", moved)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var fixedId = await app.WithSystemScopeAsync(db => db.Members.Where(m => m.Person.CitizenId == "089190000812").Select(m => m.Id).SingleAsync());
        var fix = (await office.GetFromJsonAsync<JsonObject>($"/api/members/{fixedId}"))!;
        fix["member"]!["ceremonyDate"] = "2015-01-10";
        fix["member"]!["officialDate"] = "2016-01-10";
        fix["member"]!["status"] = "Official";
        (await office.PutAsJsonAsync($"/api/members/{fixedId}", fix)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // By hand: on 31/07/2026 neither counts in cell A (Chuyến is in B, Sửa's history began 30/10/2026 before the fix);
        // after: Chuyến from 01/08/2026, Sửa since 2016.
        (await OfficialInA("2026-07-31")).ShouldBe(before + 1);     // Sửa only
        (await OfficialInA("2026-08-01")).ShouldBe(before + 2);     // and Chuyến from the transfer's date
    }
}

public sealed class TransferDateTests_Sqlite(SqliteApp app) : TransferDateTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TransferDateTests_Postgres(PostgresApp app) : TransferDateTests<PostgresApp>(app), IClassFixture<PostgresApp>;
