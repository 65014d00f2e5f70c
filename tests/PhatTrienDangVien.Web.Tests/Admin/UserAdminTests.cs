using System.Net;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Setup;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Admin.AdminTestKit;

namespace PhatTrienDangVien.Web.Tests.Admin;

public abstract class UserAdminTests<TApp>(TApp app) where TApp : AppFactory
{
    public static readonly TheoryData<string> AllRoles = [.. Roles.All];

    private TestData D => app.Data;

    private static async Task<string> ShownPasswordAsync(Browser admin)
    {
        var (page, doc) = await admin.GetAsync("/Admin/Users");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var code = doc.QuerySelector(".new-password code");
        code.ShouldNotBeNull("the generated password is shown after the redirect");
        // Shown once: the next visit no longer has it.
        var (_, again) = await admin.GetAsync("/Admin/Users");
        again.QuerySelector(".new-password").ShouldBeNull();
        return code.TextContent;
    }

    [Theory, MemberData(nameof(AllRoles))]
    public async Task Creating_an_account_for_each_role_works_and_the_shown_password_signs_in(string role)
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var userName = "moi." + role.ToLowerInvariant();
        var r = await admin.PostFormAsync("/Admin/Users/Create", new()
        {
            ["Input.UserName"] = userName,
            ["Input.FullName"] = "Đặng Thị Mới",
            ["Input.Role"] = role,
            ["Input.CellId"] = role == Roles.CellSecretary ? S(D.CellA) : "",
            ["Input.MemberId"] = role is Roles.Mentor or Roles.CommitteeMember ? S(D.MentorMemberA) : "",
        });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        r.Headers.Location!.ToString().ShouldBe("/Admin/Users");

        var user = (await FindUserAsync(app, userName)).ShouldNotBeNull();
        user.Role.ShouldBe(role);
        user.FullName.ShouldBe("Đặng Thị Mới");
        user.CommuneId.ShouldBe(D.CommuneId);
        user.IsActive.ShouldBeTrue();
        user.OrganisationId.ShouldBe(role == Roles.CellSecretary ? D.CellA : null);
        user.MemberId.ShouldBe(role is Roles.Mentor or Roles.CommitteeMember ? D.MentorMemberA : null);

        var password = await ShownPasswordAsync(admin);
        password.ShouldStartWith("Ptdv-");
        await Browser.LoginAsync(app, userName, password);
    }

    [Fact]
    public async Task A_cell_secretary_without_a_cell_is_refused_and_no_account_is_created()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var r = await admin.PostFormAsync("/Admin/Users/Create", new()
        {
            ["Input.UserName"] = "bithu.thieu", ["Input.FullName"] = "Bí thư Thiếu", ["Input.Role"] = Roles.CellSecretary, ["Input.CellId"] = "",
        });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("Bí thư chi bộ phải gắn với một chi bộ.");
        (await FindUserAsync(app, "bithu.thieu")).ShouldBeNull();
    }

    [Fact]
    public async Task A_mentor_without_a_member_record_is_refused()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var r = await admin.PostFormAsync("/Admin/Users/Create", new()
        {
            ["Input.UserName"] = "giupdo.thieu", ["Input.FullName"] = "Người Giúp", ["Input.Role"] = Roles.Mentor, ["Input.MemberId"] = "",
        });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("Tài khoản này phải gắn với hồ sơ đảng viên của người dùng.");
        (await FindUserAsync(app, "giupdo.thieu")).ShouldBeNull();
    }

    [Fact]
    public async Task A_duplicate_user_name_is_refused()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var before = await app.WithSystemScopeAsync(db => db.Users.CountAsync());
        var r = await admin.PostFormAsync("/Admin/Users/Create", new()
        {
            ["Input.UserName"] = "office", ["Input.FullName"] = "Trùng Tên", ["Input.Role"] = Roles.CommuneOffice,
        });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("Tên đăng nhập “office” đã có người dùng.");
        (await app.WithSystemScopeAsync(db => db.Users.CountAsync())).ShouldBe(before);
        (await FindUserAsync(app, "office"))!.FullName.ShouldBe("Người dùng office");
    }

    [Fact]
    public async Task Deactivating_a_user_prevents_login_and_ends_their_open_session()
    {
        var target = await CreateUserAsync(app, "sap.nghi");
        await CreateUserAsync(app, "van.lam");
        var session = await Browser.LoginAsync(app, "sap.nghi");
        var bystander = await Browser.LoginAsync(app, "van.lam");
        var admin = await Browser.LoginAsync(app, "admin");

        var r = await PostHandlerAsync(admin, $"/Admin/Users?handler=Deactivate&id={target.Id}");
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await FindUserAsync(app, "sap.nghi"))!.IsActive.ShouldBeFalse();
        (await AttemptLoginAsync(app, "sap.nghi", TestData.Password)).ShouldContain("Tài khoản đã bị vô hiệu hóa");

        // The security stamp is checked on every request: the open session ends at once.
        var stale = await session.Client.GetAsync("/");
        stale.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        stale.Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await bystander.Client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK, "an unchanged account keeps its session");

        var (_, list) = await admin.GetAsync("/Admin/Users");
        list.QuerySelector("tr[data-user='sap.nghi'] .status")!.TextContent.ShouldContain("Đã vô hiệu hóa");

        (await PostHandlerAsync(admin, $"/Admin/Users?handler=Reactivate&id={target.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await FindUserAsync(app, "sap.nghi"))!.IsActive.ShouldBeTrue();
        await Browser.LoginAsync(app, "sap.nghi");
    }

    [Fact]
    public async Task The_administrator_cannot_deactivate_themselves()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var me = (await FindUserAsync(app, "admin"))!;
        var r = await PostHandlerAsync(admin, $"/Admin/Users?handler=Deactivate&id={me.Id}");
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("Đồng chí không thể tự vô hiệu hóa tài khoản của chính mình.");
        (await FindUserAsync(app, "admin"))!.IsActive.ShouldBeTrue();
    }

    [Fact]
    public async Task Wrong_passwords_slow_the_name_down_but_never_lock_the_account()
    {
        // The answers wait on the application's clock (a growing delay per name, decision 0016): it is moved on
        // while a request waits.
        async Task<string> ClockRunningAsync(Task<string> attempt)
        {
            while (!attempt.IsCompleted)
            {
                await Task.WhenAny(attempt, Task.Delay(15));
                if (!attempt.IsCompleted) app.Clock.Advance(TimeSpan.FromSeconds(1));
            }
            return await attempt;
        }
        await CreateUserAsync(app, "hay.quen");
        for (var i = 1; i <= 5; i++)
            (await ClockRunningAsync(AttemptLoginAsync(app, "hay.quen", "Sai-mat-khau-1"))).ShouldContain(Pages.Account.LoginModel.Refused, customMessage: $"attempt {i}");
        // Identity's lockout is off: the right password works once the delay has passed, and nothing is locked.
        (await ClockRunningAsync(AttemptLoginAsync(app, "hay.quen", TestData.Password))).ShouldBe("OK");
        (await FindUserAsync(app, "hay.quen"))!.LockoutEnd.ShouldBeNull();
        var admin = await Browser.LoginAsync(app, "admin");
        var (_, list) = await admin.GetAsync("/Admin/Users");
        list.QuerySelector("tr[data-user='hay.quen'] .status")!.TextContent.ShouldNotContain("Tạm khóa");
    }

    [Fact]
    public async Task Resetting_a_password_shows_a_new_one_once_and_the_old_one_stops_working()
    {
        var target = await CreateUserAsync(app, "doi.mk");
        var admin = await Browser.LoginAsync(app, "admin");
        (await PostHandlerAsync(admin, $"/Admin/Users?handler=ResetPassword&id={target.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var password = await ShownPasswordAsync(admin);
        password.ShouldNotBe(TestData.Password);
        (await AttemptLoginAsync(app, "doi.mk", TestData.Password)).ShouldContain("Tên đăng nhập hoặc mật khẩu không đúng");
        (await AttemptLoginAsync(app, "doi.mk", password)).ShouldBe("OK");
    }

    [Fact]
    public async Task The_list_filters_by_role_and_shows_the_role_in_Vietnamese()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var (_, doc) = await admin.GetAsync("/Admin/Users?Role=" + Roles.CellSecretary);
        var row = doc.QuerySelector("tr[data-user='secretary']").ShouldNotBeNull();
        row.TextContent.ShouldContain("Bí thư chi bộ");
        row.TextContent.ShouldContain("Chi bộ Ấp Mỹ Lợi");
        doc.QuerySelector("tr[data-user='mentor']").ShouldBeNull();
        doc.QuerySelector("tr[data-user='admin']").ShouldBeNull();

        var (_, all) = await admin.GetAsync("/Admin/Users");
        all.QuerySelector("tr[data-user='mentor']")!.TextContent.ShouldContain("Trần Thị Bình");
    }

    [Fact]
    public async Task Accounts_of_another_commune_are_neither_listed_nor_reachable()
    {
        var other = await app.WithSystemScopeAsync(db => CommuneSetup.CreateAsync(db, "Đảng bộ xã Bên Cạnh", 2025, 2030, isDemo: false));
        var stranger = await CreateUserAsync(app, "nguoi.xa", Roles.CommuneOffice, other.Id);
        var admin = await Browser.LoginAsync(app, "admin");

        var (_, list) = await admin.GetAsync("/Admin/Users?q.PageSize=200");
        list.QuerySelector("tr[data-user='nguoi.xa']").ShouldBeNull();
        list.QuerySelector("tr[data-user='office']").ShouldNotBeNull();
        (await admin.Client.GetAsync($"/Admin/Users/Edit/{stranger.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostHandlerAsync(admin, $"/Admin/Users?handler=Deactivate&id={stranger.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FindUserAsync(app, "nguoi.xa"))!.IsActive.ShouldBeTrue();
    }

    [Fact]
    public async Task Changing_the_role_and_cell_is_saved()
    {
        var target = await CreateUserAsync(app, "doi.vaitro", Roles.Mentor);
        var admin = await Browser.LoginAsync(app, "admin");
        var r = await admin.PostFormAsync($"/Admin/Users/Edit/{target.Id}", new()
        {
            ["Input.Role"] = Roles.CellSecretary, ["Input.CellId"] = S(D.CellB),
        });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        var user = (await FindUserAsync(app, "doi.vaitro"))!;
        user.Role.ShouldBe(Roles.CellSecretary);
        user.OrganisationId.ShouldBe(D.CellB);
        user.SecurityStamp.ShouldNotBe(target.SecurityStamp, "old sessions carry the old role and must end");
    }

    [Fact]
    public async Task Changing_a_secretary_to_no_cell_is_refused()
    {
        var target = await CreateUserAsync(app, "bithu.giu", Roles.CellSecretary);
        var admin = await Browser.LoginAsync(app, "admin");
        var r = await admin.PostFormAsync($"/Admin/Users/Edit/{target.Id}", new() { ["Input.CellId"] = "" });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("Bí thư chi bộ phải gắn với một chi bộ.");
        (await FindUserAsync(app, "bithu.giu"))!.OrganisationId.ShouldBe(D.CellA);
    }

    [Fact]
    public async Task Editing_with_a_stale_concurrency_stamp_shows_a_conflict_and_changes_nothing()
    {
        var target = await CreateUserAsync(app, "hai.nguoi.sua", Roles.CommuneOffice);
        var admin = await Browser.LoginAsync(app, "admin");
        var (_, form) = await admin.GetAsync($"/Admin/Users/Edit/{target.Id}");
        var staleStamp = InputValue(form, "ConcurrencyStamp");
        staleStamp.ShouldNotBeNullOrEmpty();

        // Another admin renames the account meanwhile.
        await WithUserManagerAsync(app, async users =>
        {
            var u = (await users.FindByIdAsync(target.Id))!;
            u.FullName = "Tên Người Khác Đặt";
            return await users.UpdateAsync(u);
        });

        var r = await admin.PostFormAsync($"/Admin/Users/Edit/{target.Id}", new()
        {
            ["ConcurrencyStamp"] = staleStamp, ["Input.FullName"] = "Tên Tôi Đặt", ["Input.Role"] = Roles.Inspector,
        });
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = await r.Content.ReadAsStringAsync();
        html.ShouldContain("Hồ sơ này vừa được người khác sửa sau khi đồng chí mở trang.");
        html.ShouldContain("Tên Người Khác Đặt");
        var user = (await FindUserAsync(app, "hai.nguoi.sua"))!;
        user.FullName.ShouldBe("Tên Người Khác Đặt");
        user.Role.ShouldBe(Roles.CommuneOffice);
    }
}

public sealed class UserAdminTests_Sqlite(SqliteApp app) : UserAdminTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class UserAdminTests_Postgres(PostgresApp app) : UserAdminTests<PostgresApp>(app), IClassFixture<PostgresApp>;
