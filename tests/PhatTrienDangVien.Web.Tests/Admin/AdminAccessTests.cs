using System.Net;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Admin.AdminTestKit;

namespace PhatTrienDangVien.Web.Tests.Admin;

/// <summary>
/// The administration pages, for reading and for writing: each role reaches exactly what the permission table gives it
/// (the administrator everything, the inspection committee the audit trail, nobody else any of them).
/// </summary>
public abstract class AdminAccessTests<TApp>(TApp app) where TApp : AppFactory
{
    public static readonly TheoryData<string> NonAdminRoles =
        [Roles.CommuneOffice, Roles.CommitteeMember, Roles.CellSecretary, Roles.Mentor, Roles.Inspector];

    private async Task<string> AdminIdAsync() => (await FindUserAsync(app, "admin"))!.Id;

    private async Task<(string Url, Permission Needs)[]> PagesAsync() =>
    [
        ("/Admin/Users", Permission.ManageUsers), ("/Admin/Users/Create", Permission.ManageUsers),
        ($"/Admin/Users/Edit/{await AdminIdAsync()}", Permission.ManageUsers), ("/Admin/Permissions", Permission.ManageUsers),
        ("/Admin/Audit", Permission.ReadAudit), ("/Admin/Audit?handler=Export", Permission.ReadAudit),
        ("/Admin/SourceCategories", Permission.ManageReferenceLists), ("/Admin/SourceCategories/Edit", Permission.ManageReferenceLists),
        ($"/Admin/SourceCategories/Edit/{S(app.Data.SourceCategoryId)}", Permission.ManageReferenceLists),
    ];

    [Fact]
    public async Task The_administrator_opens_every_admin_page()
    {
        var b = await Browser.LoginAsync(app, "admin");
        foreach (var (url, _) in await PagesAsync())
            (await b.Client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK, url);
    }

    [Theory, MemberData(nameof(NonAdminRoles))]
    public async Task Other_roles_open_only_the_admin_pages_their_permissions_give(string role)
    {
        var b = await Browser.LoginAsync(app, TestData.UserOfRole[role]);
        foreach (var (url, needs) in await PagesAsync())
        {
            var r = await b.Client.GetAsync(url);
            if (PermissionTable.Allows(role, needs)) r.StatusCode.ShouldBe(HttpStatusCode.OK, $"{role} GET {url}");
            else IsDenied(r).ShouldBeTrue($"{role} GET {url}: {r.StatusCode} {r.Headers.Location}");
        }
    }

    [Theory, MemberData(nameof(NonAdminRoles))]
    public async Task Other_roles_cannot_post_to_any_admin_page_and_nothing_changes(string role)
    {
        var b = await Browser.LoginAsync(app, TestData.UserOfRole[role]);
        var adminId = await AdminIdAsync();
        var source = S(app.Data.SourceCategoryId);
        var posts = new (string Url, Dictionary<string, string> Form)[]
        {
            ("/Admin/Users/Create", new() { ["Input.UserName"] = "hacker", ["Input.FullName"] = "Kẻ lạ", ["Input.Role"] = Roles.Administrator }),
            ($"/Admin/Users/Edit/{adminId}", new() { ["Input.FullName"] = "Bị sửa", ["Input.Role"] = Roles.Inspector }),
            ($"/Admin/Users?handler=Deactivate&id={adminId}", []),
            ($"/Admin/Users?handler=ResetPassword&id={adminId}", []),
            ($"/Admin/Users?handler=Unlock&id={adminId}", []),
            ("/Admin/SourceCategories/Edit", new() { ["Input.Code"] = "LA", ["Input.Name"] = "Nguồn lạ" }),
            ($"/Admin/SourceCategories/Edit/{source}", new() { ["Input.Name"] = "Bị đổi tên", ["Version"] = "0" }),
            ($"/Admin/SourceCategories?handler=Delete&id={source}&version=0", []),
            ($"/Admin/SourceCategories?handler=Deactivate&id={source}&version=0", []),
        };
        foreach (var (url, form) in posts)
        {
            var r = await b.PostRawAsync(url, form, "/");
            IsDenied(r).ShouldBeTrue($"{role} POST {url}: {r.StatusCode} {r.Headers.Location}");
        }

        var admin = (await FindUserAsync(app, "admin"))!;
        admin.IsActive.ShouldBeTrue();
        admin.FullName.ShouldBe("Người dùng admin");
        admin.Role.ShouldBe(Roles.Administrator);
        (await FindUserAsync(app, "hacker")).ShouldBeNull();
        var category = await app.WithSystemScopeAsync(db => db.SourceCategories.AsNoTracking().FirstAsync(s => s.Id == app.Data.SourceCategoryId));
        category.IsActive.ShouldBeTrue();
        category.Name.ShouldNotBe("Bị đổi tên");
        (await app.WithSystemScopeAsync(db => db.SourceCategories.AnyAsync(s => s.Code == "LA"))).ShouldBeFalse();
        await Browser.LoginAsync(app, "admin");
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_login_page()
    {
        var b = Browser.Anonymous(app);
        var r = await b.Client.GetAsync("/Admin/Users");
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        r.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }
}

public sealed class AdminAccessTests_Sqlite(SqliteApp app) : AdminAccessTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class AdminAccessTests_Postgres(PostgresApp app) : AdminAccessTests<PostgresApp>(app), IClassFixture<PostgresApp>;
