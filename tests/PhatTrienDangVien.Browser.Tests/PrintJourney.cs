using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Cli;
using PhatTrienDangVien.Web.Data;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Browser.Tests;

/// <summary>The demo commune, seeded by the <c>seed-demo</c> command on the journeys' day.</summary>
public sealed class DemoBrowserApp : BrowserApp
{
    protected override async Task SeedAsync()
    {
        var output = new StringWriter();
        if (await AdminCommands.RunAsync(Services, LaunchOptions.Parse(["seed-demo"]), output) != 0)
            throw new InvalidOperationException("seed-demo failed: " + output);
        // The day's alerts, as the installed application's start-up run makes them once the demo is there (the
        // background run is off in the journeys: started with the server, it raced the seeding, so that a journey
        // found the alerts made or not by chance).
        await Services.GetRequiredService<Web.Notifications.AlertGenerator>().RunAsync(StartDay, CancellationToken.None);
    }
}

/// <summary>
/// Reports, lists and a person's timeline printed from the browser on A4: in print media the menu, filters and buttons
/// are gone, every column is shown, the table header repeats; each is printed to a PDF kept with the screenshots
/// (<c>print-*.pdf</c>) so that the pages can be looked at.
/// </summary>
[Trait("Category", "Browser")]
public sealed class PrintJourney(DemoBrowserApp app) : IClassFixture<DemoBrowserApp>
{
    [Fact]
    public async Task Reports_lists_and_a_timeline_print_on_A4_without_menu_filters_or_buttons()
    {
        int timeline;
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // A case with a long history: the one with the most steps.
            timeline = await db.AdmissionSteps.GroupBy(s => s.CandidateId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync();
        }
        var page = await app.NewPageAsync();
        // The demo commune's reports read every case: on a loaded two-core machine a page can take longer than the default 30 s.
        page.SetDefaultTimeout(120_000);
        page.SetDefaultNavigationTimeout(120_000);
        await app.SignInAsync(page, "vanphong", Web.Demo.DemoSeeder.DemoPassword);
        var pages = new Dictionary<string, string>
        {
            ["development"] = "/Reports/Development?Period=year",
            ["new-members"] = "/Reports/NewMembers?Period=year",
            ["candidates"] = "/Reports/Candidates",
            ["probation"] = "/Reports/Probation",
            ["hamlets"] = "/Reports/Hamlets",
            ["members"] = "/Members?q.PageSize=60",
            ["work"] = "/Work?Show=all",
            ["timeline"] = $"/Candidates/Timeline/{timeline}",
        };
        foreach (var (name, url) in pages)
        {
            await page.GotoAsync(app.BaseUrl + url);
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            (await page.Locator("nav.navbar").IsVisibleAsync()).ShouldBeFalse(name);
            (await page.Locator("form.filters").First.IsVisibleAsync()).ShouldBeFalse(name);
            (await page.Locator("[data-print]").First.IsVisibleAsync()).ShouldBeFalse(name);
            if (await page.Locator("[data-export]").CountAsync() > 0) (await page.Locator("[data-export]").First.IsVisibleAsync()).ShouldBeFalse(name);
            (await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('thead')).display")).ShouldBe("table-header-group", name);
            // Columns a narrow screen hides are printed.
            (await page.EvaluateAsync<int>("() => [...document.querySelectorAll('main td, main th')].filter(c => getComputedStyle(c).display === 'none' && !c.closest('.d-print-none')).length"))
                .ShouldBe(0, name);
            var pdf = Path.Combine(BrowserApp.ScreenshotDirectory, $"print-{name}.pdf");
            await page.PdfAsync(new PagePdfOptions { Path = pdf, PreferCSSPageSize = true, PrintBackground = true });
            new FileInfo(pdf).Length.ShouldBeGreaterThan(10_000, name);
            await page.EmulateMediaAsync(new() { Media = Media.Screen });
        }

        // On a 390-px phone the report pages scroll their tables, not the page.
        await page.SetViewportSizeAsync(390, 844);
        foreach (var (name, url) in pages.Where(p => p.Value.StartsWith("/Reports/", StringComparison.Ordinal)))
        {
            await page.GotoAsync(app.BaseUrl + url);
            (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, name);
            await BrowserApp.ScreenshotAsync(page, "phone-report-" + name);
        }
    }

    /// <summary>The templates page on a 390-px phone: every form's buttons within the screen, nothing scrolls sideways.</summary>
    [Fact]
    public async Task The_templates_page_fits_a_phone()
    {
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        page.SetDefaultNavigationTimeout(120_000);
        await app.SignInAsync(page, "vanphong", Web.Demo.DemoSeeder.DemoPassword);
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(app.BaseUrl + "/Documents");
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        // Every upload button lies inside the screen (none pushed off to the right inside a scrolled table).
        (await page.EvaluateAsync<int>("() => [...document.querySelectorAll('#templates button, #templates a.btn')].filter(b => b.getBoundingClientRect().right > 390).length")).ShouldBe(0);
        await BrowserApp.ScreenshotAsync(page, "phone-documents");
    }
}
