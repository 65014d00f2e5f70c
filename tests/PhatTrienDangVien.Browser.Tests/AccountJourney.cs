using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Setup;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Browser.Tests;

/// <summary>One commune and its administrator (who chose their own password, so is not forced to change it).</summary>
public sealed class AccountBrowserApp : BrowserApp
{
    public const string AdminPassword = "Sen-hong-2025";

    protected override async Task SeedAsync()
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var commune = await CommuneSetup.CreateAsync(db, "Đảng bộ xã Nhơn Mỹ", 2025, 2030, isDemo: false);
        await scope.ServiceProvider.GetRequiredService<CreateAccount>().CreateAsync("quantri", AdminPassword, "Nguyễn Văn Quản", Roles.Administrator, commune.Id);
    }
}

/// <summary>
/// A new office user's first day on a 390×844 phone: the administrator creates the account and hands the password
/// over; the user is taken to "Đổi mật khẩu", chooses their own, is taken to the second factor's enrolment (numbered
/// steps, the key in groups of four), and finds "Tài khoản của tôi". Then the administrator resets the lost second
/// factor, after a confirmation. No page is wider than the phone; screenshots are kept (account-*.png).
/// </summary>
[Trait("Category", "Browser")]
public sealed class AccountJourney(AccountBrowserApp app) : IClassFixture<AccountBrowserApp>
{
    private static async Task NoSidewaysScrollAsync(IPage page, string name)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        width.ShouldBeLessThanOrEqualTo(390, $"{name} is wider than the phone");
        await BrowserApp.ScreenshotAsync(page, "account-" + name);
    }

    [Fact]
    public async Task A_new_user_changes_the_handed_over_password_enrols_and_finds_their_account_on_a_phone()
    {
        var admin = await app.NewPageAsync();
        var confirmations = new List<string>();
        admin.Dialog += async (_, dialog) =>
        {
            confirmations.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        await app.SignInAsync(admin, "quantri", AccountBrowserApp.AdminPassword);
        await admin.GotoAsync(app.BaseUrl + "/Admin/Users/Create");
        await admin.GetByLabel("Tên đăng nhập").FillAsync("vp.moi");
        await admin.GetByLabel("Họ và tên").FillAsync("Trần Thị Mới");
        await admin.GetByLabel("Vai trò").SelectOptionAsync(Roles.CommuneOffice);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Tạo tài khoản" }).ClickAsync();
        await admin.WaitForURLAsync("**/Admin/Users");
        var handedOver = (await admin.Locator(".new-password code").InnerTextAsync()).Trim();
        (await admin.Locator("tr[data-user='vp.moi'] .status").InnerTextAsync()).ShouldContain("Chờ đổi mật khẩu");

        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var phone = await context.NewPageAsync();
        await app.SignInAsync(phone, "vp.moi", handedOver);
        new Uri(phone.Url).AbsolutePath.ShouldBe(PasswordChangeGate.PasswordPath);
        (await phone.Locator("[data-password-forced]").IsVisibleAsync()).ShouldBeTrue();
        (await phone.Locator("[data-password-rules]").InnerTextAsync()).ShouldContain("Ít nhất 10 ký tự");
        await NoSidewaysScrollAsync(phone, "password-forced");
        // Another page leads back until the password is changed.
        await phone.GotoAsync(app.BaseUrl + "/Members");
        new Uri(phone.Url).AbsolutePath.ShouldBe(PasswordChangeGate.PasswordPath);

        await phone.GetByLabel("Mật khẩu hiện tại").FillAsync(handedOver);
        await phone.GetByLabel("Mật khẩu mới", new() { Exact = true }).FillAsync("van-phong-dang-uy-7");
        await phone.GetByLabel("Nhập lại mật khẩu mới").FillAsync("van-phong-dang-uy-7");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Đổi mật khẩu" }).ClickAsync();
        // An office account needs a second factor: the enrolment comes next.
        await phone.WaitForURLAsync("**/Account/TwoFactor");
        var key = (await phone.Locator("[data-authenticator-key]").InnerTextAsync()).Trim();
        key.ShouldMatch("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", "the key in groups of four");
        (await phone.Locator("ol.two-factor-steps > li").CountAsync()).ShouldBe(3);
        await NoSidewaysScrollAsync(phone, "two-factor-enrol");
        await BrowserApp.EnrolAsync(phone, app.Services.GetRequiredService<TimeProvider>());
        await NoSidewaysScrollAsync(phone, "two-factor-codes");

        await phone.GotoAsync(app.BaseUrl + "/Account");
        (await phone.Locator("[data-account-facts]").InnerTextAsync()).ShouldContain("Văn phòng Đảng ủy xã");
        (await phone.Locator("[data-two-factor-state]").InnerTextAsync()).ShouldBe("đang bật");
        await NoSidewaysScrollAsync(phone, "mine");
        await phone.GotoAsync(app.BaseUrl + "/Account/Password");
        await NoSidewaysScrollAsync(phone, "password");

        // The phone is lost: the administrator resets the second factor, after confirming.
        await admin.GotoAsync(app.BaseUrl + "/Admin/Users");
        await admin.Locator("tr[data-user='vp.moi']").GetByRole(AriaRole.Button, new() { Name = "Xóa xác thực hai bước" }).ClickAsync();
        await admin.WaitForURLAsync("**/Admin/Users**");
        confirmations.ShouldContain(m => m.Contains("Xóa xác thực hai bước của vp.moi", StringComparison.Ordinal));
        (await admin.Locator(".alert-success").InnerTextAsync()).ShouldContain("Đã xóa xác thực hai bước của vp.moi");
        // The phone's session has ended.
        await phone.GotoAsync(app.BaseUrl + "/Account");
        new Uri(phone.Url).AbsolutePath.ShouldBe("/Account/Login");
        await context.CloseAsync();
    }
}
