using System.Globalization;
using System.Text.RegularExpressions;
using PhatTrienDangVien.Web.Export;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Reports;

/// <summary>
/// Report files through LibreOffice Calc (headless, .xlsx → PDF) and poppler, as the reviewer looked at them: the
/// wrapped header shows every word, a long list runs onto several pages one page wide, and the print is not shrunk
/// below 70 % (the height of a printed word). First pages are kept as PNG under the test output's screenshots folder.
/// </summary>
public sealed partial class XlsxRenderingTests(SqliteApp app) : IClassFixture<SqliteApp>, IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await ReportData.SeedAsync(app);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private sealed record Word(string Text, int Page, double Height);

    /// <summary>The PDF's words with their page and box height (pdftotext -bbox), to measure the print scale.</summary>
    private static async Task<List<Word>> WordsAsync(Rendering r, string pdf)
    {
        var html = await r.BoxesAsync(pdf);
        var words = new List<Word>();
        var page = 0;
        foreach (var line in html.Split('\n'))
        {
            if (line.Contains("<page ", StringComparison.Ordinal)) page++;
            var m = WordBox().Match(line);
            if (!m.Success) continue;
            double D(string g) => double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
            words.Add(new Word(System.Net.WebUtility.HtmlDecode(m.Groups["w"].Value), page, D("y2") - D("y1")));
        }
        return words;
    }

    private static async Task<(string Pdf, List<Word> Words)> RenderAsync(Rendering r, byte[] xlsx, string name)
    {
        var pdf = await r.ToPdfAsync(name + ".xlsx", xlsx);
        await r.ScreenshotAsync(pdf, $"xlsx-{name}.png", dpi: 60);
        return (pdf, await WordsAsync(r, pdf));
    }

    [Fact]
    public async Task Reports_print_with_whole_headers_one_page_wide_many_pages_tall_and_at_a_readable_size()
    {
        var b = await Browser.LoginAsync(app, "office");
        using var r = new Rendering("ptdv-xlsx-");
        // The development report's header "Chỉ tiêu năm 2026" wraps: every word of it is printed.
        var development = await (await b.Client.GetAsync("/Reports/Development?handler=Xlsx&Period=year&Year=2026")).Content.ReadAsByteArrayAsync();
        var (_, words) = await RenderAsync(r, development, "development");
        // (The PDF splits a word at a glyph the font lacks, "Ch" + "ỉ": the page's words are read joined up.)
        var page1 = string.Concat(words.Where(w => w.Page == 1).Select(w => w.Text));
        foreach (var word in new[] { "Chỉtiêunăm", "Tỷlệđạt", "Dântộcthiểusố" }) page1.ShouldContain(word);

        // A long new-members list with long notes: the columns of the real report, 150 people.
        var real = XlsxFile.Read(await (await b.Client.GetAsync("/Reports/NewMembers?handler=Xlsx&Period=year&Year=2026")).Content.ReadAsByteArrayAsync())[0];
        var sheet = new Sheet
        {
            Name = "Đảng viên mới", Committee = "Đảng bộ xã Thử Nghiệm", Heading = "Danh sách đảng viên mới kết nạp năm 2026",
            Subtitles = ["Từ ngày 01/01/2026 đến ngày 31/12/2026"], Produced = new DateOnly(2026, 11, 20),
            Columns = [.. real.Header.Select(h => new Column(h))],
        };
        // The four people of the test data over and over, each with a long list of sources.
        var people = real.Body.SkipLast(1).ToList();
        var source = real.Header.IndexOf("Nguồn");
        for (var i = 0; i < 150; i++)
            sheet.Rows.Add([.. people[i % people.Count].Select((v, c) => (object?)(c == 0 ? (i + 1).ToString(CultureInfo.InvariantCulture)
                : c == source ? "Đoàn viên thanh niên, hội viên hội phụ nữ, người lao động ở doanh nghiệp tư nhân" : v))]);
        var (pdf, listWords) = await RenderAsync(r, Xlsx.Write(sheet), "new-members");
        var pages = await r.PagesAsync(pdf);
        pages.ShouldBeGreaterThan(2, "one page wide, as many pages tall as the rows need");
        // Times New Roman 12 printed at 100 % gives words about 13 pt tall: at 70 % about 9.
        var heights = listWords.Where(w => w.Text == "viên").Select(w => w.Height).Order().ToList();
        heights.ShouldNotBeEmpty();
        heights[heights.Count / 2].ShouldBeGreaterThan(12 * 0.7, "the print is not shrunk below 70 %");
    }

    [GeneratedRegex("""<word xMin="(?<x1>[\d.]+)" yMin="(?<y1>[\d.]+)" xMax="(?<x2>[\d.]+)" yMax="(?<y2>[\d.]+)">(?<w>[^<]*)</word>""")]
    private static partial Regex WordBox();
}
