using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Browser.Tests;

/// <summary>
/// The header, date boxes and file pickers as an English-language Chromium shows them (issue 11): the menu on one line
/// at 1,280 px and unclipped at 1,000 px, the counts beside the toggler on a 390-px phone, menu text at 4.5:1 or more,
/// and no "mm/dd/yyyy", "Choose File" or "No file chosen" anywhere — with JavaScript on and off.
/// </summary>
[Trait("Category", "Browser")]
public sealed class LayoutJourney(DemoBrowserApp app) : IClassFixture<DemoBrowserApp>
{
    private async Task<IPage> EnglishPageAsync(int width, int height, bool javaScript = true)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-US", ViewportSize = new ViewportSize { Width = width, Height = height }, JavaScriptEnabled = javaScript,
        });
        var page = await context.NewPageAsync();
        // The demo commune's pages read every case: on a loaded two-core machine a page can take longer than 30 s.
        page.SetDefaultTimeout(120_000);
        page.SetDefaultNavigationTimeout(120_000);
        return page;
    }

    /// <summary>The visible items of the bar: brand, top-level menu entries, the counts, the toggler.</summary>
    private const string BarItems = "nav.navbar .navbar-brand, nav.navbar .navbar-nav > .nav-item > .nav-link, nav.navbar .nav-quick-link, nav.navbar .navbar-toggler";

    private sealed class Box
    {
        public double Top { get; set; }
        public double Bottom { get; set; }
        public double Left { get; set; }
        public double Right { get; set; }
        public double Width { get; set; }
        public double Height { get; set; }
    }

    private static async Task<Box[]> VisibleBoxesAsync(IPage page, string selector) =>
        await page.EvaluateAsync<Box[]>(@"sel => [...document.querySelectorAll(sel)]
            .filter(e => e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden')
            .map(e => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height }; })", selector);

    [Fact]
    public async Task The_header_is_one_line_at_1280_unclipped_at_1000_and_shows_the_counts_on_a_phone()
    {
        // The administrator has the widest menu.
        var page = await EnglishPageAsync(1280, 900);
        await app.SignInAsync(page, "quantri", Web.Demo.DemoSeeder.DemoPassword);
        await page.GotoAsync(app.BaseUrl + "/");

        // 1,280 px: every item on one row, the bar as high as that row, nothing past the right edge.
        var items = await VisibleBoxesAsync(page, BarItems);
        items.Length.ShouldBeGreaterThan(10);
        var nav = (await VisibleBoxesAsync(page, "nav.navbar")).Single();
        var tallest = items.Max(i => i.Height);
        foreach (var i in items)
        {
            i.Top.ShouldBeGreaterThanOrEqualTo(nav.Top);
            i.Bottom.ShouldBeLessThanOrEqualTo(nav.Bottom);
            i.Right.ShouldBeLessThanOrEqualTo(1280);
        }
        (items.Max(i => i.Top) - items.Min(i => i.Top)).ShouldBeLessThan(tallest / 2, "the menu wraps to a second row");
        nav.Height.ShouldBeLessThan(tallest * 2, "the bar is one row high");
        await BrowserApp.ScreenshotAsync(page, "layout-01-header-1280");

        // Every report under "Báo cáo"; none left under "Quy định".
        await page.GetByRole(AriaRole.Button, new() { Name = "Báo cáo", Exact = true }).ClickAsync();
        var reports = page.Locator("nav .dropdown-menu.show");
        foreach (var href in new[] { "/Reports/Progress", "/Reports/Development", "/Reports/NewMembers", "/Reports/Candidates", "/Reports/Probation", "/Reports/Hamlets", "/Reports/Reconciliation" })
            (await reports.Locator($"a[href='{href}']").IsVisibleAsync()).ShouldBeTrue(href);
        (await page.Locator("nav .dropdown-menu a[href^='/Reports/']").CountAsync()).ShouldBe(7);
        await page.Keyboard.PressAsync("Escape");

        // The account menu: name, role, password, second factor, sign out.
        await page.GetByRole(AriaRole.Button, new() { Name = "Tài khoản", Exact = true }).ClickAsync();
        var account = page.Locator("#account-menu .dropdown-menu");
        (await account.InnerTextAsync()).ShouldContain("Quản trị hệ thống");
        foreach (var name in new[] { "Đổi mật khẩu", "Xác thực hai bước" })
            (await account.GetByRole(AriaRole.Link, new() { Name = name }).IsVisibleAsync()).ShouldBeTrue(name);
        (await account.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).IsVisibleAsync()).ShouldBeTrue();
        await page.Keyboard.PressAsync("Escape");

        // Menu text on the red bar: at least 4.5:1 (WCAG AA), measured from the colours the browser computed.
        var ratios = await page.EvaluateAsync<double[]>(@"() => {
            const lum = c => { const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const bar = getComputedStyle(document.querySelector('nav.navbar')).backgroundColor;
            return [...document.querySelectorAll('nav.navbar .navbar-brand, nav.navbar .navbar-nav > .nav-item > .nav-link, nav.navbar .nav-quick-link')]
              .filter(e => e.offsetParent !== null)
              .map(e => { const a = lum(getComputedStyle(e).color), b = lum(bar); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); });
        }");
        ratios.ShouldNotBeEmpty();
        ratios.Min().ShouldBeGreaterThanOrEqualTo(4.5);

        // The first Tab reaches "Bỏ qua menu", which moves past the menu.
        await page.GotoAsync(app.BaseUrl + "/Members");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()")).ShouldBe("Bỏ qua menu");
        await page.Keyboard.PressAsync("Enter");
        (await page.EvaluateAsync<string>("() => document.activeElement.id")).ShouldBe("main");

        // 1,000 px: the menu folds behind the toggler; nothing of the bar or the opened menu is cut at the right.
        await page.SetViewportSizeAsync(1000, 900);
        foreach (var i in await VisibleBoxesAsync(page, BarItems)) i.Right.ShouldBeLessThanOrEqualTo(1000);
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(1000);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mở menu" }).ClickAsync();
        await page.Locator("#mainNav.show").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Báo cáo", Exact = true }).ClickAsync();
        foreach (var i in await VisibleBoxesAsync(page, "#mainNav .nav-link, #mainNav .dropdown-menu.show .dropdown-item"))
            i.Right.ShouldBeLessThanOrEqualTo(1000);
        await BrowserApp.ScreenshotAsync(page, "layout-02-menu-1000");
        await page.Context.CloseAsync();

        // A phone: the office (who has unread notifications and overdue steps in the demo) sees both counts without
        // opening the menu, each a link of at least 44 × 44 px named with its count.
        // The alerts of the journeys' day, as the nightly run makes them (the office receives the overdue ones).
        await app.Services.GetRequiredService<Web.Notifications.AlertGenerator>().RunAsync(BrowserApp.StartDay, TestContext.Current.CancellationToken);
        var phone = await EnglishPageAsync(390, 844);
        await app.SignInAsync(phone, "vanphong", Web.Demo.DemoSeeder.DemoPassword);
        await phone.GotoAsync(app.BaseUrl + "/");
        (await phone.Locator("#mainNav").IsVisibleAsync()).ShouldBeFalse();
        (await phone.Locator("#overdue-count").IsVisibleAsync()).ShouldBeTrue();
        (await phone.Locator("#unread-count").IsVisibleAsync()).ShouldBeTrue();
        var work = phone.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^Việc cần làm \d+ quá hạn$") });
        var unread = phone.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^Thông báo \d+ chưa đọc$") });
        foreach (var link in new[] { work, unread, phone.GetByRole(AriaRole.Button, new() { Name = "Mở menu" }) })
        {
            var box = (await link.BoundingBoxAsync())!;
            box.Width.ShouldBeGreaterThanOrEqualTo(44);
            box.Height.ShouldBeGreaterThanOrEqualTo(44);
            (box.X + box.Width).ShouldBeLessThanOrEqualTo(390);
        }
        await BrowserApp.ScreenshotAsync(phone, "layout-03-phone-header");
        await unread.ClickAsync();
        await phone.WaitForURLAsync("**/Notifications**");

        // The member list as cards: dates whole, pager buttons 44 px high.
        await phone.GotoAsync(app.BaseUrl + "/Members");
        foreach (var cell in await VisibleBoxesAsync(phone, "table.list-cards tbody td, table.list-cards tbody td time")) cell.Right.ShouldBeLessThanOrEqualTo(390);
        foreach (var link in await VisibleBoxesAsync(phone, ".pagination .page-link, th a.sort")) link.Height.ShouldBeGreaterThanOrEqualTo(44);
        (await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        var card = phone.Locator("table.list-cards tbody tr").First;
        (await card.EvaluateAsync<string>("tr => getComputedStyle(tr).display")).ShouldBe("block");
        (await card.Locator("td[data-label='Ngày sinh']").InnerTextAsync()).Trim().ShouldMatch(@"^(\d{2}/\d{2}/\d{4}|\d{2}/\d{4}|\d{4})$");
        (await card.Locator("td[data-label='Ngày sinh']").EvaluateAsync<string>("td => getComputedStyle(td, '::before').content")).ShouldBe("\"Ngày sinh: \"");
        await BrowserApp.ScreenshotAsync(phone, "layout-04-members-cards");
    }

    [Fact]
    public async Task Dates_and_file_pickers_show_no_english_browser_text_with_or_without_javascript()
    {
        int member;
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            member = await db.Members.Where(m => m.CeremonyDate != null && m.Person.DateOfBirthPrecision == PhatTrienDangVien.Core.People.DatePrecision.Day).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        }
        var page = await EnglishPageAsync(390, 844);
        await app.SignInAsync(page, "vanphong", Web.Demo.DemoSeeder.DemoPassword);
        await page.GotoAsync($"{app.BaseUrl}/Members/Edit/{member}");

        // Every date is a dd/mm/yyyy text box; the browser's own date input is only the invisible picker behind the button.
        var boxes = page.Locator("input[data-date-input]");
        (await boxes.CountAsync()).ShouldBeGreaterThan(3);
        foreach (var box in await boxes.AllAsync())
        {
            (await box.GetAttributeAsync("type")).ShouldBe("text");
            (await box.GetAttributeAsync("placeholder")).ShouldBe("dd/mm/yyyy");
            (await box.InputValueAsync()).ShouldMatch(@"^(\d{2}/\d{2}/\d{4})?$");
            var b = (await box.BoundingBoxAsync())!;
            (b.X + b.Width).ShouldBeLessThanOrEqualTo(390);
        }
        (await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('input[type=date]')].every(e => e.classList.contains('date-proxy') && getComputedStyle(e).opacity === '0' && e.getAttribute('aria-hidden') === 'true' && e.tabIndex === -1)")).ShouldBeTrue();
        (await page.Locator("body").InnerTextAsync()).ShouldNotContain("mm/dd/yyyy", Case.Insensitive);

        // The calendar button beside each box; a day picked there comes back as dd/mm/yyyy.
        var pick = page.Locator("input[name='Member.CeremonyDate'] ~ button.date-pick");
        var pickBox = (await pick.BoundingBoxAsync())!;
        pickBox.Width.ShouldBeGreaterThanOrEqualTo(44);
        pickBox.Height.ShouldBeGreaterThanOrEqualTo(44);
        var ceremony = await page.Locator("input[name='Member.CeremonyDate']").InputValueAsync();
        await pick.ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.EvaluateAsync(@"() => { const box = document.querySelector(""input[name='Member.CeremonyDate']""); const proxy = box.parentElement.querySelector('.date-proxy');
            proxy.value = '2005-05-19'; proxy.dispatchEvent(new Event('change', { bubbles: true })); }");
        (await page.Locator("input[name='Member.CeremonyDate']").InputValueAsync()).ShouldBe("19/05/2005");
        // Put back: the member's other dates follow from the ceremony's.
        await page.Locator("input[name='Member.CeremonyDate']").FillAsync(ceremony);

        // A shape that is no date is stopped in the browser with a Vietnamese message; a day that does not exist is
        // refused by the server in Vietnamese; a date typed dd/mm/yyyy is saved.
        var birth = page.GetByLabel("Ngày sinh", new() { Exact = true });
        await birth.FillAsync("hôm qua");
        (await page.EvaluateAsync<string>(@"() => { const e = document.querySelector(""input[name='Person.DateOfBirth']""); e.form.checkValidity(); return e.validationMessage; }"))
            .ShouldBe("Hãy nhập ngày theo dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 25/06/2026.");
        await birth.FillAsync("31/02/1978");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await page.Locator("[data-valmsg-for='Person.DateOfBirth']").GetByText("không hợp lệ cho Ngày sinh", new() { Exact = false }).WaitForAsync();
        await BrowserApp.ScreenshotAsync(page, "layout-05-bad-date");
        await page.GetByLabel("Ngày sinh", new() { Exact = true }).FillAsync("02/09/1978");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await page.WaitForURLAsync("**/Members/Details/*");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("02/09/1978");
        (await page.Locator("main").InnerTextAsync()).ShouldContain(ceremony);

        // A file picker: the browser's "Choose File" button is hidden; "Chọn tệp…" and the chosen name, inside 390 px.
        await page.GotoAsync(app.BaseUrl + "/Import");
        var native = (await page.Locator("input[type=file]").BoundingBoxAsync())!;
        native.Width.ShouldBeLessThanOrEqualTo(1);
        var choose = page.Locator("label.file-button");
        (await choose.InnerTextAsync()).ShouldBe("Chọn tệp…");
        (await page.Locator(".file-names").InnerTextAsync()).ShouldBe("Chưa chọn tệp");
        var file = Path.Combine(Path.GetTempPath(), "danh-sach-dang-vien.xlsx");
        await File.WriteAllBytesAsync(file, [0x50, 0x4B, 0x03, 0x04]);
        await page.Locator("input[type=file]").SetInputFilesAsync(file);
        (await page.Locator(".file-names").InnerTextAsync()).ShouldBe("danh-sach-dang-vien.xlsx");
        foreach (var b in await VisibleBoxesAsync(page, ".file-field, .file-field > *")) (b.Right).ShouldBeLessThanOrEqualTo(390);
        await BrowserApp.ScreenshotAsync(page, "layout-06-file-picker");
        await page.Context.CloseAsync();

        // Without JavaScript the date box is still a dd/mm/yyyy text box that posts and binds.
        var plain = await EnglishPageAsync(1280, 900, javaScript: false);
        await app.SignInAsync(plain, "vanphong", Web.Demo.DemoSeeder.DemoPassword);
        await plain.GotoAsync($"{app.BaseUrl}/Members/Edit/{member}");
        (await plain.Locator("input[type=date]").CountAsync()).ShouldBe(0);
        (await plain.GetByLabel("Ngày sinh", new() { Exact = true }).InputValueAsync()).ShouldBe("02/09/1978");
        await plain.GetByLabel("Ngày sinh", new() { Exact = true }).FillAsync("03/09/1978");
        await plain.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await plain.WaitForURLAsync("**/Members/Details/*");
        (await plain.Locator("main").InnerTextAsync()).ShouldContain("03/09/1978");
    }
}
