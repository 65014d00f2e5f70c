using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;

namespace PhatTrienDangVien.Browser.Tests;

/// <summary>
/// The accessibility check every journey can call on the page it stands on: axe-core (Deque.AxeCore.Playwright) with
/// the WCAG 2.0/2.1 level A and AA rules; a serious or critical violation fails, listed with the rule, its help text
/// and the selector of every element concerned, and the page is kept as a screenshot (<c>axe-NAME.png</c>).
/// </summary>
/// <remarks>Minor and moderate findings do not fail: they are judgement calls axe itself rates as such (a region
/// landmark, a heading order), while serious and critical ones are what a screen reader or a low-vision user trips on.</remarks>
public static class AxeCheck
{
    public static readonly IReadOnlyList<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly string[] s_failing = ["serious", "critical"];

    /// <summary>Fails when the page has a serious or critical violation; <paramref name="name"/> names the screenshot and the message.</summary>
    public static async Task AssertCleanAsync(IPage page, string name)
    {
        var problems = await ProblemsAsync(page, name);
        Assert.True(problems.Count == 0, $"axe: {name} ({page.Url})\n" + string.Join("\n", problems));
    }

    /// <summary>The serious and critical violations of the page, one line per rule with every target; empty when clean.
    /// A page with any is kept as a screenshot.</summary>
    public static async Task<List<string>> ProblemsAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] } });
        var problems = result.Violations
            .Where(v => s_failing.Contains(v.Impact, StringComparer.OrdinalIgnoreCase))
            .Select(v => $"  [{v.Impact}] {v.Id}: {v.Help} — " + string.Join(" | ", v.Nodes.Select(n => n.Target?.ToString() ?? n.Html)))
            .ToList();
        if (problems.Count > 0) await BrowserApp.ScreenshotAsync(page, "axe-" + Safe(name));
        return problems;
    }

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
}
