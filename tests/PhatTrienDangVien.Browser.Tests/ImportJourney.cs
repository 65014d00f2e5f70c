using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Import;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Browser.Tests;

/// <summary>
/// The import pages on a 390-px phone: the upload page with its history, the preview and the batch report do not
/// scroll sideways, and the history's "Hoàn tác" and who imported stay in view.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ImportJourney(DemoBrowserApp app) : IClassFixture<DemoBrowserApp>
{
    private static async Task NoSidewaysScrollAsync(IPage page, string name)
    {
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, name);
        await BrowserApp.ScreenshotAsync(page, "phone-" + name);
    }

    [Fact]
    public async Task Import_preview_and_batch_pages_fit_a_390_px_phone()
    {
        string cell, source, office;
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            cell = await db.Organisations.Where(o => o.Kind == Core.Organisations.OrganisationKind.Cell && o.IsActive).OrderBy(o => o.Id).Select(o => o.Name).FirstAsync();
            source = await db.SourceCategories.Where(s => s.IsActive).OrderBy(s => s.Id).Select(s => s.Name).FirstAsync();
            office = await db.Users.Where(u => u.UserName == "vanphong").Select(u => u.FullName).FirstAsync();
        }
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        page.SetDefaultNavigationTimeout(120_000);
        await app.SignInAsync(page, "vanphong", Web.Demo.DemoSeeder.DemoPassword);
        await page.SetViewportSizeAsync(390, 844);

        await page.GotoAsync(app.BaseUrl + "/Import");
        await NoSidewaysScrollAsync(page, "import");
        // The template of the commune, as an office would fill it: one row, its example.
        await page.SetInputFilesAsync("#file", new FilePayload
        {
            Name = "danh-sach-dien-thoai.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = ImportTemplate.Build(ImportKind.Members, cell, source),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và xem trước" }).ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/Import/Preview");
        await NoSidewaysScrollAsync(page, "import-preview");
        await page.Locator("button.import-commit").ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath.StartsWith("/Import/Batch/", StringComparison.Ordinal));
        await NoSidewaysScrollAsync(page, "import-batch");
        // The batch's own undo stays in view on a phone.
        var own = page.Locator(".import-undo button");
        var ownBox = (await own.BoundingBoxAsync()).ShouldNotBeNull();
        (ownBox.X + ownBox.Width).ShouldBeLessThanOrEqualTo(390);

        await page.GotoAsync(app.BaseUrl + "/Import");
        await NoSidewaysScrollAsync(page, "import-history");
        var card = page.Locator("[data-batch-card]").First;
        (await card.IsVisibleAsync()).ShouldBeTrue();
        var undo = card.GetByRole(AriaRole.Button, new() { Name = "Hoàn tác" });
        var box = (await undo.BoundingBoxAsync()).ShouldNotBeNull();
        (box.X + box.Width).ShouldBeLessThanOrEqualTo(390);
        (await card.TextContentAsync())!.ShouldContain("người nhập: " + office);
    }
}
