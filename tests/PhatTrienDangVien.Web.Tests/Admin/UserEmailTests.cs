using System.Net;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Admin;

/// <summary>The administrator records where an account's alert digest goes.</summary>
public abstract class UserEmailTests<TApp>(TApp app) where TApp : AppFactory
{
    [Fact]
    public async Task An_account_gets_an_email_address_and_a_malformed_one_is_refused()
    {
        var b = await Browser.LoginAsync(app, "admin");
        var bad = await b.PostFormAsync("/Admin/Users/Create", new()
        {
            ["Input.UserName"] = "vanthu", ["Input.FullName"] = "Đinh Thị Văn Thư", ["Input.Role"] = "CommuneOffice", ["Input.Email"] = "khong-phai-thu",
        });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("Địa chỉ thư điện tử không hợp lệ.");
        (await app.WithSystemScopeAsync(db => db.Users.AnyAsync(u => u.UserName == "vanthu"))).ShouldBeFalse();

        var ok = await b.PostFormAsync("/Admin/Users/Create", new()
        {
            ["Input.UserName"] = "vanthu", ["Input.FullName"] = "Đinh Thị Văn Thư", ["Input.Role"] = "CommuneOffice", ["Input.Email"] = "vanthu@nhonmy.example",
        });
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ok.Content.ReadAsStringAsync());
        var user = await app.WithSystemScopeAsync(db => db.Users.SingleAsync(u => u.UserName == "vanthu"));
        user.Email.ShouldBe("vanthu@nhonmy.example");

        var edit = await b.PostFormAsync($"/Admin/Users/Edit/{user.Id}", new() { ["Input.Email"] = "thu.dinh@nhonmy.example" });
        edit.StatusCode.ShouldBe(HttpStatusCode.Redirect, await edit.Content.ReadAsStringAsync());
        (await app.WithSystemScopeAsync(db => db.Users.Where(u => u.UserName == "vanthu").Select(u => u.Email).SingleAsync())).ShouldBe("thu.dinh@nhonmy.example");
    }
}

public sealed class UserEmailTests_Sqlite(SqliteApp app) : UserEmailTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class UserEmailTests_Postgres(PostgresApp app) : UserEmailTests<PostgresApp>(app), IClassFixture<PostgresApp>;
