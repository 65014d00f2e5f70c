using System.Net;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Tests.Admin;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Security;

/// <summary>
/// The trail holds what the Personal Data Protection Law asks: a role changed (old and new, in Vietnamese on the
/// account's history), personal data read through the API (one row per request: which list, how many rows).
/// </summary>
public abstract class TrailCompletenessTests<TApp>(TApp app) where TApp : AppFactory
{
    [Fact]
    public async Task A_role_change_by_the_edit_form_is_on_the_trail_with_the_old_and_new_role()
    {
        var target = await AdminTestKit.CreateUserAsync(app, "doi.vaitro.vet", Roles.Mentor);
        var admin = await Browser.LoginAsync(app, "admin");
        var r = await admin.PostFormAsync($"/Admin/Users/Edit/{target.Id}", new()
        {
            ["Input.Role"] = Roles.CellSecretary, ["Input.CellId"] = AdminTestKit.S(app.Data.CellB),
        });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());

        var row = await app.WithSystemScopeAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(AppUser) && a.EntityId == target.Id && a.Action == "Sửa").OrderBy(a => a.Id).LastAsync());
        row.Changes.ShouldContain($"\"Role\":[\"{Roles.Mentor}\",\"{Roles.CellSecretary}\"]");
        row.UserName.ShouldBe("admin");
        row.CommuneId.ShouldBe(app.Data.CommuneId);

        var (_, page) = await admin.GetAsync($"/Admin/Users/Edit/{target.Id}");
        var history = page.Body!.TextContent;
        history.ShouldContain("Vai trò");
        history.ShouldContain(Roles.DisplayName(Roles.Mentor));
        history.ShouldContain(Roles.DisplayName(Roles.CellSecretary));
    }

    [Fact]
    public async Task Api_reads_of_people_are_on_the_trail_one_row_per_request()
    {
        var b = await Browser.LoginAsync(app, "office");
        var before = await app.WithSystemScopeAsync(db => db.AuditEntries.CountAsync(a => a.Action == AccessTrail.ReadByApi));
        (await b.Client.GetAsync("/api/members?pageSize=2")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await b.Client.GetAsync("/api/candidates")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await b.Client.GetAsync($"/api/candidates/{app.Data.CandidateA}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await b.Client.GetAsync($"/api/members/{app.Data.MemberA}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await b.Client.GetAsync("/api/members/999999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var rows = await app.WithSystemScopeAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == AccessTrail.ReadByApi)
            .OrderBy(a => a.Id).ToListAsync());
        rows = rows.Skip(before).ToList();
        rows.Count.ShouldBe(4, "a record not found reads nothing");
        rows.ShouldAllBe(a => a.UserName == "office" && a.EntityType == AccessTrail.EntityType && a.CommuneId == app.Data.CommuneId);
        rows[0].Changes.ShouldContain("\"List\":[null,\"Đảng viên\"]");
        rows[0].Changes.ShouldContain("\"Rows\":[null,2]");
        var candidates = await app.WithSystemScopeAsync(db => db.Candidates.CountAsync());
        rows[1].Changes.ShouldContain("Quần chúng ưu tú");
        rows[1].Changes.ShouldContain($"\"Rows\":[null,{Math.Min(candidates, 50)}]");
        rows[2].Changes.ShouldContain($"\"Record\":[null,{app.Data.CandidateA}]");
        rows[3].Changes.ShouldContain($"\"Record\":[null,{app.Data.MemberA}]");

        // The audit page names them.
        var admin = await Browser.LoginAsync(app, "admin");
        var (_, page) = await admin.GetAsync("/Admin/Audit?Action=" + Uri.EscapeDataString(AccessTrail.ReadByApi));
        page.Body!.TextContent.ShouldContain(AccessTrail.ReadByApi);
        // The record read by its person's name, never by its key.
        var name = await app.WithSystemScopeAsync(db => db.Candidates.Where(c => c.Id == app.Data.CandidateA).Select(c => c.Person.FullName).SingleAsync());
        page.Body!.TextContent.ShouldContain("Hồ sơ: (trống) → " + name);
        page.Body!.TextContent.ShouldNotContain("Mã hồ sơ");
    }
}

public sealed class TrailCompletenessTests_Sqlite(SqliteApp app) : TrailCompletenessTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TrailCompletenessTests_Postgres(PostgresApp app) : TrailCompletenessTests<PostgresApp>(app), IClassFixture<PostgresApp>;
