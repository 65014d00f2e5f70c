using System.Diagnostics;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Documents.FormCases;

namespace PhatTrienDangVien.Web.Tests.Documents;

/// <summary>
/// One form through LibreOffice (headless, .docx → PDF) and poppler (first page → PNG at 80 dpi): the PNG is kept under
/// the test output's screenshots folder, so the layout can be looked at; the PDF's text proves the fonts rendered.
/// </summary>
public sealed class FormRenderingTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    private static async Task<string> RunAsync(string file, string arguments, string workDir)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workDir };
        // LibreOffice keeps a profile in HOME: one of our own, so parallel runs never share a locked profile.
        start.Environment["HOME"] = workDir;
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(cts.Token);
        p.ExitCode.ShouldBe(0, $"{file} {arguments}: {await error}");
        return await output;
    }

    [Fact]
    public async Task A_form_converts_to_pdf_and_its_first_page_renders_as_an_image()
    {
        var cases = await EnsureAsync(app);
        var b = await Browser.LoginAsync(app, "secretary");
        var work = Directory.CreateTempSubdirectory("ptdv-form-").FullName;
        try
        {
            foreach (var (form, kind) in new[] { ("6-KND", AdmissionStepKind.CellVote), ("9-KND", AdmissionStepKind.Decision), ("1-KND", AdmissionStepKind.Application) })
            {
                var docx = Path.Combine(work, form + ".docx");
                await File.WriteAllBytesAsync(docx, await IssueAsync(form == "9-KND" ? await Browser.LoginAsync(app, "office") : b, cases.A, await StepAsync(app, cases.A, kind), form));
                await RunAsync("libreoffice", $"--headless --norestore -env:UserInstallation=file://{work}/lo-profile --convert-to pdf --outdir {work} {docx}", work);
                var pdf = Path.Combine(work, form + ".pdf");
                File.Exists(pdf).ShouldBeTrue();
                await RunAsync("pdftoppm", $"-png -r 80 -f 1 -l 1 -singlefile {pdf} {Path.Combine(work, form)}", work);
                var png = Path.Combine(work, form + ".png");
                new FileInfo(png).Length.ShouldBeGreaterThan(10_000);
                Directory.CreateDirectory(ScreenshotDirectory);
                File.Copy(png, Path.Combine(ScreenshotDirectory, $"form-{form}.png"), overwrite: true);
                if (form == "6-KND")
                {
                    var text = await RunAsync("pdftotext", $"-layout -f 1 -l 1 {pdf} -", work);
                    text.ShouldContain("ĐẢNG CỘNG SẢN VIỆT NAM");
                    text.ShouldContain("NGHỊ QUYẾT");
                    text.ShouldContain("Số 1-NQ/CB");
                    text.ShouldContain("đạt 100,00%");
                    // One page: the resolution fits A4 as a party resolution does.
                    var info = await RunAsync("pdfinfo", pdf, work);
                    info.ShouldContain("A4");
                }
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>How a signature block's own lines begin (pdftotext -layout puts "Nơi nhận:" and "T/M …" on one line).</summary>
    private static readonly string[] s_signatureLines = ["Nơi nhận", "T/M", "K/T", "NGƯỜI", "BÍ THƯ", "PHÓ BÍ THƯ", "CHỦ TỊCH", "(Ký", "- ", "ĐẢNG VIÊN", "…"];

    [Fact]
    public async Task No_form_of_a_complete_case_leaves_the_signature_alone_on_its_last_page()
    {
        var cases = await EnsureAsync(app);
        var b = await Browser.LoginAsync(app, "office");
        var work = Directory.CreateTempSubdirectory("ptdv-pages-").FullName;
        try
        {
            var forms = Web.Documents.FormCatalog.All.Where(f => f.Step is not null && f.Issuer != Web.Documents.FormIssuer.TradeUnion).ToList();
            forms.Count.ShouldBeGreaterThan(10);
            foreach (var form in forms)
            {
                // Candidate A has every step from the decision on; B has the introductions and the sub-committee's report.
                var candidate = form.Key is "3-KND" or "4-KND" or "7-KND" ? cases.B : cases.A;
                var docx = Path.Combine(work, form.Key + ".docx");
                await File.WriteAllBytesAsync(docx, await IssueAsync(b, candidate, await StepAsync(app, candidate, form.Step!.Value), form.Key, form.Key == "3-KND" ? 1 : 0));
                await RunAsync("libreoffice", $"--headless --norestore -env:UserInstallation=file://{work}/lo-profile --convert-to pdf --outdir {work} {docx}", work);
                var pdf = Path.Combine(work, form.Key + ".pdf");
                var info = await RunAsync("pdfinfo", pdf, work);
                var pages = int.Parse(info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                if (pages == 1) continue;
                var last = await RunAsync("pdftotext", $"-layout -f {pages} -l {pages} {pdf} -", work);
                var first = last.Split('\n').Select(l => l.Trim()).First(l => l.Length > 0);
                s_signatureLines.ShouldNotContain(start => first.StartsWith(start, StringComparison.Ordinal), $"{form.Code}: page {pages} begins with the signature block: “{first}”");
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
