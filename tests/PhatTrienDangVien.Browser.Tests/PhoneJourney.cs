using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Candidates;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Browser.Tests;

/// <summary>
/// The cell secretary and the mentor on a 390×844 phone (issue 11), on the demo commune: from the home page to a
/// recorded step and to a written assessment, every tap counted. Screenshots <c>phone-*.png</c> are kept.
/// </summary>
[Trait("Category", "Browser")]
public sealed class PhoneJourney(DemoBrowserApp app) : IClassFixture<DemoBrowserApp>
{
    /// <summary>The most taps from the home page to a recorded step that the issue allows.</summary>
    private const int MaxTaps = 4;

    [Fact]
    public async Task The_cell_secretary_records_the_next_step_in_at_most_four_taps_from_the_home_page()
    {
        var page = await PhoneAsync();
        await app.SignInAsync(page, "bithu", Web.Demo.DemoSeeder.DemoPassword);
        await page.GotoAsync(app.BaseUrl + "/");
        await BrowserApp.ScreenshotAsync(page, "phone-01-secretary-home");
        // The first step the home page offers the secretary, whatever it is that day: its button is tap 1.
        var (candidate, kind) = await FirstHomeStepAsync(page);

        var taps = new Taps(page, app.BaseUrl);
        await taps.HomeItemAsync(candidate);
        await page.WaitForURLAsync($"**/Candidates/Step/{candidate}?kind=*");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe(StepNames.Of(kind));
        // Prefilled: today's date and the step; nothing else is required.
        (await page.GetByLabel("Ngày", new() { Exact = true }).InputValueAsync()).ShouldNotBeNullOrEmpty();
        await NoSidewaysScrollAsync(page);
        await BrowserApp.ScreenshotAsync(page, "phone-02-secretary-step-form");

        // What the paper gives besides what the form fills in: the mentor chosen (a list: open it, pick one), or the
        // certificate's number for a class (its date is filled with the step's), or the document's.
        string expected;
        switch (StepForm.GroupOf(kind))
        {
            case StepForm.FieldGroup.Mentor:
                var list = page.GetByLabel("Đảng viên chính thức giúp đỡ");
                var first = (await list.Locator("option").AllAsync()).Skip(1).First();
                // The timeline names the mentor without the birth year a repeated name carries in the list.
                expected = (await first.InnerTextAsync()).Trim().Split(" (sinh năm ")[0];
                await taps.ChooseAsync(list, await first.GetAttributeAsync("value") ?? "");
                break;
            case StepForm.FieldGroup.Class:
                expected = "15/GCN";
                await taps.TypeAsync(page.GetByLabel("Số giấy chứng nhận", new() { Exact = true }), expected);
                break;
            case StepForm.FieldGroup.Simple or StepForm.FieldGroup.Ceremony:
                expected = "15-BB/CB";
                await taps.TypeAsync(page.GetByLabel("Số văn bản", new() { Exact = true }), expected);
                break;
            default:
                throw new InvalidOperationException($"The journey does not fill the form of {kind}; the home page offered it first.");
        }
        await taps.TapAsync(page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }));
        await page.WaitForURLAsync($"**/Candidates/Timeline/{candidate}");

        (await page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Đã ghi" }).InnerTextAsync()).ShouldContain(StepNames.Of(kind));
        (await page.Locator("#steps tbody tr").First.InnerTextAsync()).ShouldContain(expected);
        taps.Count.ShouldBeLessThanOrEqualTo(MaxTaps, string.Join(" → ", taps.Log));
        await NoSidewaysScrollAsync(page);
        await BrowserApp.ScreenshotAsync(page, "phone-03-secretary-timeline-after");
        await ScreenAsync(page, "phone-03a-secretary-timeline-top", null);
        await ScreenAsync(page, "phone-03b-secretary-timeline-steps", page.Locator("#steps"));

        // The history is a list of steps: one "Đính kèm" per step opens that step's upload, no file input shows before it.
        (await page.Locator("#steps input[type=file]").First.IsVisibleAsync()).ShouldBeFalse();
        var attach = page.Locator("#steps tbody tr").First.Locator("details.attach > summary");
        (await attach.InnerTextAsync()).ShouldContain("Đính kèm");
        await attach.TapAsync();
        (await page.Locator("#steps tbody tr").First.Locator("input[type=file]").IsVisibleAsync()).ShouldBeTrue();
        await ScreenAsync(page, "phone-04-secretary-attach-open", page.Locator("#steps tbody tr").First);
        await TouchTargetsAsync(page);
    }

    [Fact]
    public async Task The_mentor_writes_an_assessment_from_the_home_page()
    {
        var (candidate, kind) = await NextStepAsync(Roles.Mentor, "giupdo", k => k == AdmissionStepKind.MentorAssessment);
        kind.ShouldBe(AdmissionStepKind.MentorAssessment);
        var page = await PhoneAsync();
        await app.SignInAsync(page, "giupdo", Web.Demo.DemoSeeder.DemoPassword);
        await page.GotoAsync(app.BaseUrl + "/");
        await BrowserApp.ScreenshotAsync(page, "phone-11-mentor-home");

        var taps = new Taps(page, app.BaseUrl);
        await taps.HomeItemAsync(candidate);
        await page.WaitForURLAsync($"**/Candidates/Step/{candidate}?kind=*");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe(StepNames.Of(AdmissionStepKind.MentorAssessment));
        // The mentor writes in their own name: the list offers them alone, already chosen.
        (await page.GetByLabel("Đảng viên chính thức giúp đỡ").InputValueAsync()).ShouldNotBeNullOrEmpty();
        await NoSidewaysScrollAsync(page);
        await BrowserApp.ScreenshotAsync(page, "phone-12-mentor-assessment-form");

        await taps.TypeAsync(page.GetByLabel("Ghi chú, nhận xét"), "Tích cực tham gia sinh hoạt Đoàn, gương mẫu ở địa phương.");
        await taps.TapAsync(page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }));
        await page.WaitForURLAsync($"**/Candidates/Timeline/{candidate}");
        (await page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Đã ghi" }).InnerTextAsync()).ShouldContain(StepNames.Of(AdmissionStepKind.MentorAssessment));
        (await page.Locator("#steps tbody tr").First.InnerTextAsync()).ShouldContain("gương mẫu ở địa phương");
        taps.Count.ShouldBeLessThanOrEqualTo(MaxTaps, string.Join(" → ", taps.Log));
        await NoSidewaysScrollAsync(page);
        await BrowserApp.ScreenshotAsync(page, "phone-13-mentor-timeline-after");
        await TouchTargetsAsync(page);
    }

    [Fact]
    public async Task The_committee_member_taps_the_dashboards_inspection_and_rating_figures_and_the_lists_on_a_phone()
    {
        var page = await PhoneAsync();
        await app.SignInAsync(page, "capuy", Web.Demo.DemoSeeder.DemoPassword);
        foreach (var (path, shot) in new[] { ("/Dashboard", "phone-21-committee-dashboard"), ("/Inspections?Show=Actions", "phone-22-committee-inspections"), ("/Ratings?Year=2025", "phone-23-committee-ratings") })
        {
            await page.GotoAsync(app.BaseUrl + path);
            await NoSidewaysScrollAsync(page);
            await BrowserApp.ScreenshotAsync(page, shot);
            // Each figure that opens a list, and each link of a list's card, is a 44-px target.
            var small = await page.EvaluateAsync<string[]>("""
                Array.from(document.querySelectorAll('main a[data-figure]:not(.card), main table.list-cards td a'))
                  .filter(e => e.offsetParent !== null && (e.getBoundingClientRect().height < 44 || e.getBoundingClientRect().width < 24))
                  .map(e => e.textContent.trim() + ' ' + Math.round(e.getBoundingClientRect().width) + '×' + Math.round(e.getBoundingClientRect().height))
                """);
            small.ShouldBeEmpty(path);
            (await AxeCheck.ProblemsAsync(page, shot)).ShouldBeEmpty();
        }
        (await page.Locator("main a[data-figure]").CountAsync()).ShouldBeGreaterThan(0);
    }

    /// <summary>
    /// The candidate the home page would offer first to this account for a step of the wanted kind (the soonest due),
    /// and that step, read through the same engine and the same choice as the timeline's big button.
    /// </summary>
    private async Task<(int Candidate, AdmissionStepKind Kind)> NextStepAsync(string role, string login, Func<AdmissionStepKind, bool> wanted)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == login);
        var query = db.Candidates.AsNoTracking().Where(c => c.CommuneId == user.CommuneId);
        query = role == Roles.Mentor ? query.Where(c => c.MentorMemberId == user.MemberId) : query.Where(c => c.CellId == user.OrganisationId);
        var ids = await query.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        var cases = scope.ServiceProvider.GetRequiredService<AdmissionCases>();
        var calendar = await scope.ServiceProvider.GetRequiredService<CalendarService>().GetAsync(CancellationToken.None);
        var found = new List<(int Id, AdmissionStepKind Kind, DateOnly Due)>();
        var seen = new List<string>();
        foreach (var id in ids)
        {
            var loaded = (await cases.LoadAsync(id, CancellationToken.None))!;
            var today = loaded.Context.Today;
            var next = Deadlines.NextAction(loaded.Case, loaded.Rules, calendar, today);
            var allowed = loaded.Case.AllowedNext(loaded.Rules, today).Where(k => PermissionTable.Allows(role, PermissionTable.ForStep(k))).ToList();
            seen.Add($"{id}: {StepForm.PrimaryKind(next, allowed)}");
            if (StepForm.PrimaryKind(next, allowed) is { } kind && wanted(kind))
                found.Add((id, kind, next?.DueDate ?? DateOnly.MaxValue));
        }
        found.ShouldNotBeEmpty($"the demo gives {login} a candidate with a step to record ({string.Join(", ", seen)})");
        var first = found.OrderBy(f => f.Due).ThenBy(f => f.Id).First();
        return (first.Id, first.Kind);
    }

    /// <summary>The first button of the home page that opens a step's form: its candidate and the step.</summary>
    private static async Task<(int Candidate, AdmissionStepKind Kind)> FirstHomeStepAsync(IPage page)
    {
        var links = await page.Locator("main a[data-action][href^='/Candidates/Step/']").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
        links.ShouldNotBeEmpty("the secretary's home page offers a step to record");
        var match = System.Text.RegularExpressions.Regex.Match(links[0], @"^/Candidates/Step/(\d+)\?kind=(\w+)$");
        match.Success.ShouldBeTrue(links[0]);
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Enum.Parse<AdmissionStepKind>(match.Groups[2].Value));
    }

    private async Task<IPage> PhoneAsync()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        var page = await context.NewPageAsync();
        // The demo commune's pages read every case: on a loaded two-core machine a page can take longer than the default.
        page.SetDefaultTimeout(90_000);
        page.SetDefaultNavigationTimeout(90_000);
        return page;
    }

    /// <summary>What the phone's screen shows (not the whole page) with <paramref name="at"/> at its top: one look, as a person sees it.</summary>
    private static async Task ScreenAsync(IPage page, string name, ILocator? at)
    {
        if (at is null) await page.EvaluateAsync("window.scrollTo(0, 0)");
        else await at.EvaluateAsync("e => e.scrollIntoView()");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.ScreenshotDirectory, name + ".png") });
    }

    private static async Task NoSidewaysScrollAsync(IPage page) =>
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth")).ShouldBeLessThanOrEqualTo(0, page.Url);

    /// <summary>Every visible button and button-like summary of the timeline's actions is at least 44 px high.</summary>
    private static async Task TouchTargetsAsync(IPage page)
    {
        var small = await page.EvaluateAsync<string[]>("""
            Array.from(document.querySelectorAll('main #record-next, main #allowed-steps summary, main #steps summary.btn, main #steps button, main .step-buttons .btn'))
              .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
              .map(e => e.textContent.trim() + ' ' + e.getBoundingClientRect().height)
            """);
        small.ShouldBeEmpty();
    }

    /// <summary>
    /// Counts what a person does with a finger: a tap on a link or button, a tap into a field before typing. Typing
    /// itself is not a tap.
    /// </summary>
    private sealed class Taps(IPage page, string baseUrl)
    {
        public int Count => Log.Count;
        public List<string> Log { get; } = [];

        public async Task TapAsync(ILocator target)
        {
            Log.Add(await target.InnerTextAsync());
            await target.TapAsync();
        }

        public async Task TypeAsync(ILocator field, string text)
        {
            Log.Add("ô " + await field.GetAttributeAsync("name"));
            await field.TapAsync();
            await field.FillAsync(text);
        }

        /// <summary>A list (a select): on a phone, one tap opens it and one picks the line.</summary>
        public async Task ChooseAsync(ILocator list, string value)
        {
            Log.Add("mở danh sách " + await list.GetAttributeAsync("name"));
            Log.Add("chọn " + value);
            await list.SelectOptionAsync(value);
        }

        /// <summary>Tap 1: the home page's button for the candidate's step. It must be there: the journey starts at home.</summary>
        public async Task HomeItemAsync(int candidate)
        {
            new Uri(page.Url).AbsolutePath.ShouldBe("/");
            var item = page.Locator($"main a[data-action][href^='/Candidates/Step/{candidate}?']");
            (await item.CountAsync()).ShouldBeGreaterThan(0, $"the home page offers no button for candidate {candidate} ({baseUrl})");
            await TapAsync(item.First);
        }
    }
}
