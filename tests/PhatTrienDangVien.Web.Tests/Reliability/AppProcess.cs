using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;

namespace PhatTrienDangVien.Web.Tests.Reliability;

/// <summary>
/// The real application as a child process (the built PhatTrienDangVien.Web.dll, Production environment), so that a
/// test can kill it with SIGKILL and start it again on the same database.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _setupUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>How the application names itself in the claims on scheduled work (<c>JobClaims.Server</c>).</summary>
    public string ServerName => $"{Environment.MachineName}:{_process.Id}";

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>PTDV_FULL=1: the long run with more writers; otherwise a few seconds, in the normal test run.</summary>
    public static bool FullMode => Environment.GetEnvironmentVariable("PTDV_FULL") == "1";

    public static string WebDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PhatTrienDangVien.slnx"))) dir = dir.Parent;
        dir.ShouldNotBeNull("repository root");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var bin = Path.Combine(dir.FullName, "src", "PhatTrienDangVien.Web", "bin", configuration);
        var dll = Directory.GetFiles(bin, "PhatTrienDangVien.Web.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).First();
        return dll;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the application on a free port with the given configuration and waits until it answers.</summary>
    public static async Task<AppProcess> StartAsync(int port, IEnumerable<string> configuration)
    {
        var dll = WebDll();
        var url = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls=" + url);
        psi.ArgumentList.Add("--Notifications:Background=false");
        psi.ArgumentList.Add("--Backup:Enabled=false");
        // Every writer signs in from the same address: the per-address sign-in limit would count them all together.
        psi.ArgumentList.Add("--SignIn:AddressPermitLimit=100000");
        psi.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        foreach (var c in configuration) psi.ArgumentList.Add(c);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(psi)!;
        var app = new AppProcess(process, url);
        process.OutputDataReceived += (_, e) => app.Received(e.Data);
        process.ErrorDataReceived += (_, e) => app.Received(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited) throw new InvalidOperationException("the application stopped: " + app.Output);
            try
            {
                var r = await probe.GetAsync(url + "/Account/Login");
                if (r.StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the application did not answer: " + app.Output);
    }

    private void Received(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (line.Contains("/Setup?token=", StringComparison.Ordinal)) _setupUrl.TrySetResult(line[line.IndexOf("http", StringComparison.Ordinal)..].Trim());
    }

    public Browser NewBrowser() =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(Url),
            Timeout = TimeSpan.FromSeconds(60),
        });

    /// <summary>The first start: the one-time setup page creates the commune and its administrator.</summary>
    public async Task SetUpAsync(string user, string password)
    {
        var setup = await _setupUrl.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var path = new Uri(setup).PathAndQuery;
        var r = await NewBrowser().PostFormAsync(path, new()
        {
            ["Input.CommuneName"] = "Đảng bộ xã Thử Sự Cố", ["Input.TermStart"] = "2025", ["Input.TermEnd"] = "2030",
            ["Input.FullName"] = "Quản Trị Thử", ["Input.UserName"] = user, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
        });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
    }

    // The administrator must have a second factor: the first sign-in enrols it as a user would, later ones give its
    // code — also after a restart of the process, so the key outlives this instance (one per user name).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> s_authenticatorKeys = new();

    public async Task<Browser> LoginAsync(string user, string password)
    {
        var b = NewBrowser();
        var r = await b.PostFormAsync("/Account/Login", new() { ["UserName"] = user, ["Password"] = password });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, "login");
        var location = r.Headers.Location?.ToString() ?? "";
        if (location.Contains("/Account/LoginTwoFactor", StringComparison.Ordinal))
        {
            var step = await b.PostFormAsync(location, new() { ["Code"] = Totp.Next(s_authenticatorKeys.TryGetValue(user, out var known) ? known : throw new InvalidOperationException("no key enrolled yet"), TimeProvider.System) });
            step.StatusCode.ShouldBe(HttpStatusCode.Redirect, "second factor");
        }
        else if (location.EndsWith("/Account/TwoFactor", StringComparison.Ordinal) || (await b.Client.GetAsync("/")).Headers.Location?.ToString().EndsWith("/Account/TwoFactor", StringComparison.Ordinal) == true)
        {
            var (_, page) = await b.GetAsync("/Account/TwoFactor");
            var key = s_authenticatorKeys[user] = page.QuerySelector("[data-authenticator-key]")!.GetAttribute("data-authenticator-key")!;
            var enrol = await b.PostFormAsync("/Account/TwoFactor?handler=Enable", new() { ["Code"] = Totp.Next(key, TimeProvider.System) });
            enrol.StatusCode.ShouldBe(HttpStatusCode.OK, "enrolment");
        }
        return b;
    }

    /// <summary>SIGKILL: no shutdown, no flush, as a power cut of the process.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}

/// <summary>Writers creating hamlets through the form, each name recorded only once the server acknowledged it.</summary>
public sealed class HamletWriters
{
    private readonly List<string> _acknowledged = [];
    private int _failures;

    public IReadOnlyList<string> Acknowledged { get { lock (_acknowledged) return _acknowledged.ToList(); } }

    public int Failures => _failures;

    public List<int> Statuses { get; } = [];

    public Task RunAsync(IReadOnlyList<Browser> writers, string prefix, CancellationToken stop) =>
        Task.WhenAll(writers.Select((b, w) => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var name = $"{prefix} {w}-{i}";
                try
                {
                    var r = await b.PostFormAsync("/Hamlets/Edit", new() { ["Input.Name"] = name, ["Input.Population"] = "100", ["Input.Households"] = "20" });
                    lock (Statuses) Statuses.Add((int)r.StatusCode);
                    if (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location?.ToString() == "/Hamlets")
                        lock (_acknowledged) _acknowledged.Add(name);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ShouldAssertException or IOException)
                {
                    // The server is down or the page is the outage page: this write was not acknowledged.
                    Interlocked.Increment(ref _failures);
                    await Task.Delay(50, CancellationToken.None);
                }
            }
        }, CancellationToken.None)));

    public static async Task<HashSet<string>> StoredAsync(Browser b)
    {
        var json = await b.Client.GetStringAsync("/api/hamlets");
        var list = System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(h => h.GetProperty("name").GetString()!).ToHashSet();
        return list;
    }
}
