using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Setup;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Browser.Tests;

/// <summary>A commune with a hamlet cell (few members for its population) and a school cell with nobody in its pool.</summary>
public sealed class PlanBrowserApp : BrowserApp
{
    protected override async Task SeedAsync()
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var commune = await CommuneSetup.CreateAsync(db, "Đảng bộ xã Nhơn Mỹ", 2025, 2030, isDemo: false);
        var hamlet = new Hamlet { CommuneId = commune.Id, Name = "Ấp Mỹ An", Population = 3200, Households = 840 };
        db.Hamlets.Add(hamlet);
        await db.SaveChangesAsync();
        Organisation Cell(string name, CellKind kind) => new()
        {
            CommuneId = commune.Id, Name = name, Kind = OrganisationKind.Cell, CellKind = kind, ParentId = commune.Id,
            HamletId = kind == CellKind.Hamlet ? hamlet.Id : null,
        };
        var hamletCell = Cell("Chi bộ Ấp Mỹ An", CellKind.Hamlet);
        var school = Cell("Chi bộ Trường THCS Nhơn Mỹ", CellKind.School);
        db.Organisations.AddRange(hamletCell, school);
        await db.SaveChangesAsync();
        for (var i = 0; i < 4; i++)
        {
            var name = $"Trần Văn Sĩ {i + 1}";
            db.Members.Add(new Member
            {
                CommuneId = commune.Id, CellId = hamletCell.Id, Status = MemberStatus.Official,
                Person = new Person { CommuneId = commune.Id, FullName = name,
                    Gender = Gender.Male, DateOfBirth = new DateOnly(1970 + i, 1, 1), HamletId = hamlet.Id, CitizenId = $"08907000030{i}" },
            });
        }
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<CreateAccount>().CreateAsync("vanphong", "Sen-hong-2025", "Văn phòng Đảng ủy", Roles.CommuneOffice, commune.Id);
    }
}

[Trait("Category", "Browser")]
public sealed class PlanJourney(PlanBrowserApp app) : IClassFixture<PlanBrowserApp>
{
    [Fact]
    public async Task Set_targets_allocate_to_cells_open_the_dashboard_and_follow_a_gap_to_its_list()
    {
        var page = await app.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        await app.SignInAsync(page, "vanphong", "Sen-hong-2025");
        await page.WaitForURLAsync(app.BaseUrl + "/");

        // The term target, adopted by a resolution.
        await page.GotoAsync($"{app.BaseUrl}/Targets");
        await page.GetByText("Nhập / sửa chỉ tiêu nhiệm kỳ").ClickAsync();
        await page.GetByLabel("Chỉ tiêu cả nhiệm kỳ (đảng viên mới)").FillAsync("130");
        await page.GetByLabel("Số nghị quyết").FillAsync("01-NQ/ĐH");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await page.WaitForURLAsync("**/Targets**");
        (await page.Locator("#term-target").InnerTextAsync()).ShouldBe("130");

        // Yearly targets: 26 a year by the default spread.
        await page.GetByRole(AriaRole.Button, new() { Name = "Chia đều chỉ tiêu nhiệm kỳ cho các năm" }).ClickAsync();
        await page.WaitForURLAsync("**/Targets**");
        dialogs.ShouldContain(m => m.Contains("chia đều", StringComparison.Ordinal), "replacing the yearly targets asks first");
        var years = await page.Locator("td.year-target").AllInnerTextsAsync();
        years.ShouldBe(["26", "26", "26", "26", "26"]);

        // This year's allocation to the two cells.
        var year = BrowserApp.StartDay.Year;
        await page.GotoAsync($"{app.BaseUrl}/Targets/Cells/{year}");
        var counts = page.GetByLabel("Chỉ tiêu", new() { Exact = true });
        await counts.Nth(0).FillAsync("20");
        await counts.Nth(1).FillAsync("6");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu phân bổ" }).ClickAsync();
        await page.WaitForURLAsync("**/Targets/Cells/**");
        await BrowserApp.ScreenshotAsync(page, "20-cell-allocation");

        // The dashboard answers with the targets, and a gap figure opens the list behind it.
        await page.GotoAsync($"{app.BaseUrl}/Dashboard");
        (await page.Locator("#term-target").InnerTextAsync()).ShouldBe("130");
        // Charts are drawn by the vendored Chart.js (a canvas that stays blank would have no size set by it).
        (await page.Locator("#years-chart").GetAttributeAsync("style") ?? "").ShouldContain("height");
        // On a phone the charts keep a readable height (a fixed ratio made the years' chart a 40-px strip).
        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        (await page.EvaluateAsync<int>("() => document.getElementById('years-chart').clientHeight")).ShouldBeGreaterThanOrEqualTo(200);
        (await page.EvaluateAsync<int>("() => document.getElementById('funnel-chart').clientHeight")).ShouldBeGreaterThanOrEqualTo(300);
        await BrowserApp.ScreenshotAsync(page, "21-dashboard-phone");
        await page.SetViewportSizeAsync(1280, 900);
        (await page.Locator("#year-target").InnerTextAsync()).ShouldBe("26");
        (await page.Locator("#gap-no-candidates").InnerTextAsync()).ShouldBe("2");
        await BrowserApp.ScreenshotAsync(page, "21-dashboard");
        // The forecast page shows its check against the past and the monthly chances by stage, with their headers.
        await page.GotoAsync($"{app.BaseUrl}/Dashboard/Forecast");
        (await page.Locator("#backtest-verdict").InnerTextAsync()).ShouldContain("Chưa kiểm tra được"); // nothing recorded a year ago
        (await page.GetByRole(AriaRole.Columnheader, new() { Name = "Đang ở bước" }).CountAsync()).ShouldBe(1);
        await BrowserApp.ScreenshotAsync(page, "21-forecast");
        await page.GotoAsync($"{app.BaseUrl}/Dashboard");
        await page.Locator("#gap-hamlets").ClickAsync();
        await page.WaitForURLAsync("**/Dashboard/Gaps**");
        (await page.Locator("#gap-list tbody").InnerTextAsync()).ShouldContain("Ấp Mỹ An");
        (await page.Locator("#gap-list tbody tr").CountAsync()).ShouldBe(int.Parse(await page.Locator("#list-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture));
        await BrowserApp.ScreenshotAsync(page, "22-gap-hamlets");
    }
}
