using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Browser.Tests;

/// <summary>
/// Every page each demo role can reach from its menu, and one page of each kind of record it can open from there
/// (a member, a candidate's timeline and profile, an organisation, a hamlet, a school, a target), checked with axe
/// (<see cref="AxeCheck"/>) on a desktop (1,366 px) and on a 390-px phone. A role's pages are all checked before it
/// fails, so that the message lists every violation of that role, page by page.
/// </summary>
[Trait("Category", "Browser")]
public sealed partial class AxeSweep(DemoBrowserApp app) : IClassFixture<DemoBrowserApp>
{
    /// <summary>The demo logins (README "Dữ liệu mẫu"): administrator, office, committee member, cell secretary, mentor, inspector, province board.</summary>
    public static readonly TheoryData<string> Roles = new() { "quantri", "vanphong", "capuy", "bithu", "giupdo", "kiemtra", "bantochuc" };

    private static readonly (int Width, int Height, string Name)[] s_screens = [(1366, 900, "desktop"), (390, 844, "phone")];

    /// <summary>A record of each kind, found on the pages the role visits; the first link of each is checked.</summary>
    [GeneratedRegex(@"^/(Members/Details|Candidates/Timeline|Candidates/Details|Organisations/Edit|Hamlets/Edit|Schools/Edit|Classes/Details|Classes/Nominate|Classes/Results|Propaganda/Edit)/\d+$|^/Targets/(Year|Term|Cells)(\?.*)?$")]
    private static partial Regex DetailPage();

    [Theory, MemberData(nameof(Roles))]
    public async Task Every_page_a_role_reaches_has_no_serious_or_critical_axe_violation(string user)
    {
        var page = await app.NewPageAsync();
        // The demo commune's reports read every case: on a loaded two-core machine a page can take longer than 30 s.
        page.SetDefaultTimeout(120_000);
        page.SetDefaultNavigationTimeout(120_000);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await app.SignInAsync(page, user, Web.Demo.DemoSeeder.DemoPassword);
        await page.GotoAsync(app.BaseUrl + "/");
        var menu = await LinksAsync(page, "nav.navbar a[href^='/']");
        var toVisit = new List<string> { "/" };
        toVisit.AddRange(menu.Where(h => !h.Contains("handler=", StringComparison.Ordinal) && h != "/"));
        var problems = new List<string>();
        var kinds = new HashSet<string>();
        for (var i = 0; i < toVisit.Count; i++)
        {
            var path = toVisit[i];
            foreach (var (width, height, screen) in s_screens)
            {
                await page.SetViewportSizeAsync(width, height);
                var name = $"{user}-{screen}-{path}";
                try
                {
                    var response = await page.GotoAsync(app.BaseUrl + path);
                    if (response is null || response.Status >= 400)
                    {
                        problems.Add($"{name}: HTTP {response?.Status}");
                        continue;
                    }
                    problems.AddRange((await AxeCheck.ProblemsAsync(page, name)).Select(p => $"{name}\n{p}"));
                }
                catch (Exception e) when (e is PlaywrightException or TimeoutException)
                {
                    // A page that does not load (or navigates away while axe reads it) is named with the sweep's time so
                    // far and the browser's message, and the sweep goes on: one slow page must not hide the rest.
                    problems.Add($"{name}: {e.GetType().Name} after {watch.Elapsed.TotalSeconds:0} s of the sweep: {e.Message.Split('\n')[0]}");
                    await BrowserApp.TryScreenshotAsync(page, "axe-broken-" + user + "-" + screen + "-" + i);
                }
            }
            // One record of each kind the role can open from what it has seen (list pages lead to them).
            List<string> links;
            try
            {
                links = await LinksAsync(page, "main a[href^='/']");
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                problems.Add($"{user}-{path}: its links could not be read: {e.Message.Split('\n')[0]}");
                continue;
            }
            foreach (var link in links)
            {
                var m = DetailPage().Match(link);
                if (!m.Success) continue;
                var kind = m.Groups[1].Success ? m.Groups[1].Value : "Targets/" + m.Groups[2].Value;
                if (kinds.Add(kind) && !toVisit.Contains(link)) toVisit.Add(link);
            }
        }
        // The list kept beside the screenshots, to read when the message is long.
        await File.WriteAllLinesAsync(Path.Combine(BrowserApp.ScreenshotDirectory, $"axe-{user}.txt"), [.. toVisit, "", .. problems]);
        problems.ShouldBeEmpty($"{user}: {toVisit.Count} pages at 1,366 and 390 px:\n{string.Join("\n", toVisit)}");
    }

    [Fact]
    public async Task Backups_fit_a_390_px_phone_without_sideways_scrolling()
    {
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        await app.SignInAsync(page, "quantri", Web.Demo.DemoSeeder.DemoPassword);
        await page.SetViewportSizeAsync(390, 844);
        var response = await page.GotoAsync(app.BaseUrl + "/Admin/Backups");
        response!.Status.ShouldBe(200);
        await BrowserApp.ScreenshotAsync(page, "phone-admin-backups");
        // Nothing wider than the screen: the page does not scroll sideways (a wide table scrolls inside its own box).
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        (await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 391 && !e.closest('.table-responsive')).map(e => e.tagName + '.' + e.className)"))
            .ShouldBeEmpty();
        // Every control can be reached and pressed with a finger.
        var small = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('main button, main a.btn, main input[type=submit]')].filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height < 44; }).map(e => e.textContent.trim())");
        small.ShouldBeEmpty();
        await AxeCheck.AssertCleanAsync(page, "quantri-phone-/Admin/Backups");
    }

    private static async Task<List<string>> LinksAsync(IPage page, string selector) =>
        [.. (await page.EvaluateAsync<string[]>($"() => [...document.querySelectorAll(\"{selector}\")].map(a => a.getAttribute('href'))"))
            .Where(h => !string.IsNullOrEmpty(h) && !h.StartsWith("//", StringComparison.Ordinal)).Distinct()];
}
