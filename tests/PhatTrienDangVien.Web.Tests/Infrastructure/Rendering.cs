using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Shouldly;

namespace PhatTrienDangVien.Web.Tests.Infrastructure;

/// <summary>
/// Office files printed as a user prints them: LibreOffice (headless) to PDF, poppler to text and PNG. One working
/// folder per test holds the files and LibreOffice's own profile, so parallel tests never share a locked profile;
/// every tool is killed after a time limit instead of hanging the run.
/// </summary>
internal sealed partial class Rendering : IDisposable
{
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(3);

    public string Work { get; }

    public Rendering(string prefix) => Work = Directory.CreateTempSubdirectory(prefix).FullName;

    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public void Dispose() => Directory.Delete(Work, recursive: true);

    public string PathOf(string fileName) => Path.Combine(Work, fileName);

    /// <summary>Runs a tool and returns its output; a non-zero exit or a hang fails the test with the tool's own words.</summary>
    public async Task<string> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Work };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // LibreOffice keeps a profile in HOME as well as the one named below: ours, never the user's.
        start.Environment["HOME"] = Work;
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(s_limit);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in {s_limit.TotalMinutes} minutes.");
        }
        p.ExitCode.ShouldBe(0, $"{file} {string.Join(' ', arguments)}: {await error}");
        return await output;
    }

    /// <summary>Writes the files and converts them all in one LibreOffice start (a start costs seconds); returns the PDFs' paths.</summary>
    public async Task<List<string>> ToPdfAsync(IEnumerable<(string Name, byte[] Content)> files)
    {
        var paths = new List<string>();
        foreach (var (name, content) in files)
        {
            var path = PathOf(name);
            await File.WriteAllBytesAsync(path, content);
            paths.Add(path);
        }
        await RunAsync("soffice", ["--headless", "--norestore", $"-env:UserInstallation=file://{Work}/lo-profile", "--convert-to", "pdf", "--outdir", Work, .. paths]);
        var pdfs = paths.Select(p => Path.ChangeExtension(p, ".pdf")).ToList();
        // LibreOffice exits 0 without a PDF when the module for the file is missing (Writer alone and an .xlsx): test.sh
        // installs Calc too.
        foreach (var pdf in pdfs) File.Exists(pdf).ShouldBeTrue($"LibreOffice made no {Path.GetFileName(pdf)} (for a spreadsheet it needs libreoffice-calc)");
        return pdfs;
    }

    public async Task<string> ToPdfAsync(string name, byte[] content) => (await ToPdfAsync([(name, content)]))[0];

    public async Task<int> PagesAsync(string pdf) =>
        int.Parse(PagesLine().Match(await RunAsync("pdfinfo", pdf)).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>The text of one page as printed (pdftotext -layout: the columns of a line stay on one line).</summary>
    public Task<string> PageTextAsync(string pdf, int page) => RunAsync("pdftotext", "-layout", "-f", $"{page}", "-l", $"{page}", pdf, "-");

    /// <summary>The words with their boxes (pdftotext -bbox, an HTML page per PDF page).</summary>
    public Task<string> BoxesAsync(string pdf) => RunAsync("pdftotext", "-bbox", pdf, "-");

    /// <summary>The first page as a PNG, kept under the test output's screenshots folder to be looked at.</summary>
    public async Task<FileInfo> ScreenshotAsync(string pdf, string keptAs, int dpi = 80)
    {
        var stem = Path.Combine(Work, Path.GetFileNameWithoutExtension(pdf));
        await RunAsync("pdftoppm", "-png", "-r", $"{dpi}", "-f", "1", "-l", "1", "-singlefile", pdf, stem);
        Directory.CreateDirectory(ScreenshotDirectory);
        var png = new FileInfo(stem + ".png");
        png.CopyTo(Path.Combine(ScreenshotDirectory, keptAs), overwrite: true);
        return png;
    }

    [GeneratedRegex(@"Pages:\s+(\d+)")]
    private static partial Regex PagesLine();
}
