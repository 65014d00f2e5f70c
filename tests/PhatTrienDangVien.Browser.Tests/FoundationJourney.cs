using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhatTrienDangVien.Web.Setup;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Browser.Tests;

[Trait("Category", "Browser")]
public sealed class FoundationJourney(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Setup_login_create_cell_member_candidate_and_find_the_candidate_without_diacritics()
    {
        var page = await app.NewPageAsync();
        var token = app.Services.GetRequiredService<SetupToken>().Value;

        // 1. The one-time setup page.
        await page.GotoAsync($"{app.BaseUrl}/Setup?token={token}");
        await page.GetByLabel("Tên Đảng bộ").FillAsync("Đảng bộ xã Nhơn Mỹ");
        await page.GetByLabel("Họ và tên").FillAsync("Trần Văn Quản");
        await page.GetByLabel("Tên đăng nhập").FillAsync("quantri");
        await page.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync("Sen-hong-2025");
        await page.GetByLabel("Nhập lại mật khẩu").FillAsync("Sen-hong-2025");
        await page.GetByRole(AriaRole.Button, new() { Name = "Khởi tạo" }).ClickAsync();
        // The administrator must enrol a second factor before anything else (decision 0016).
        await page.WaitForURLAsync("**/Account/TwoFactor");
        await BrowserApp.EnrolAsync(page, app.Services.GetRequiredService<TimeProvider>());
        await BrowserApp.ScreenshotAsync(page, "01-after-setup");

        // 2. Log out and log in again (password, then the app's code), as the next working day starts.
        // "Đăng xuất" sits in the account menu.
        await page.GetByRole(AriaRole.Button, new() { Name = "Tài khoản", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await page.WaitForURLAsync("**/Account/Login");
        await app.SignInAsync(page, "quantri", "Sen-hong-2025");
        await page.WaitForURLAsync(app.BaseUrl + "/");

        // 3. A cell.
        await page.GotoAsync($"{app.BaseUrl}/Organisations/Edit");
        await page.GetByLabel("Tên").First.FillAsync("Chi bộ Ấp Mỹ Hòa");
        await page.GetByLabel("Cấp").SelectOptionAsync("Cell");
        await page.GetByLabel("Loại chi bộ").SelectOptionAsync("Hamlet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await page.WaitForURLAsync("**/Organisations");
        (await page.Locator(".tree").InnerTextAsync()).ShouldContain("Chi bộ Ấp Mỹ Hòa");
        await BrowserApp.ScreenshotAsync(page, "02-cell-created");

        // 4. A member of that cell.
        await page.GotoAsync($"{app.BaseUrl}/Members/Edit");
        await page.GetByLabel("Họ và tên").FillAsync("Nguyễn Văn Tâm");
        await page.GetByLabel("Ngày sinh").FillAsync("1978-09-02");
        await page.GetByLabel("Số CCCD").FillAsync("089078001234");
        await page.GetByLabel("Chi bộ", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Chi bộ Ấp Mỹ Hòa" });
        await page.GetByLabel("Ngày lễ kết nạp").FillAsync("2005-05-19");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await page.WaitForURLAsync("**/Members/Details/*");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Nguyễn Văn Tâm");
        await BrowserApp.ScreenshotAsync(page, "03-member-added");

        // 5. A candidate in the source pool.
        await page.GotoAsync($"{app.BaseUrl}/Candidates/Edit");
        await page.GetByLabel("Họ và tên").FillAsync("Đặng Thị Ngọc Ánh");
        await page.GetByLabel("Giới tính").SelectOptionAsync("Female");
        await page.GetByLabel("Ngày sinh").FillAsync("2002-05-10");
        await page.GetByLabel("Chi bộ", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Chi bộ Ấp Mỹ Hòa" });
        await page.GetByLabel("Đoàn viên, thanh niên").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await page.WaitForURLAsync("**/Candidates/Details/*");
        (await page.Locator(".alert-success").InnerTextAsync()).ShouldContain("Đặng Thị Ngọc Ánh");
        await BrowserApp.ScreenshotAsync(page, "04-candidate-added");

        // 6. Found by a search typed without diacritics.
        await page.GotoAsync($"{app.BaseUrl}/Candidates");
        await page.GetByLabel("Tìm kiếm").FillAsync("dang thi ngoc anh");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await page.WaitForURLAsync("**/Candidates?Search=*");
        var rows = page.Locator("tbody tr");
        (await rows.CountAsync()).ShouldBe(1);
        (await rows.First.InnerTextAsync()).ShouldContain("Đặng Thị Ngọc Ánh");
        await BrowserApp.ScreenshotAsync(page, "05-candidate-found");
    }
}
