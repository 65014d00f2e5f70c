using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Security;

/// <summary>The fuzz run's own application (it changes data), with every log line it writes kept.</summary>
public sealed class FuzzApp() : LoggedApp(Engine.Sqlite);

/// <summary>Keeps every message (and exception text) the application logs, at the levels configured for production.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>
/// A bounded fuzz run generated from the application itself: every page each role can reach (crawled from the menu and
/// the route table), every form on those pages posted with one field at a time replaced by a hostile value, every query
/// value and id in their addresses replaced likewise, and every API endpoint called with its JSON bodies mutated leaf by
/// leaf. It asserts that no response is a server error, that a refused request changes nothing (no audit row appears),
/// that no bad value is stored, that no posted value reaches the log, and that no posted script comes back unescaped.
/// Short mode (the suite) samples a few thousand requests with a fixed seed; <c>PTDV_FUZZ=full</c> runs them all.
/// </summary>
public sealed class FuzzTests(FuzzApp app, ITestOutputHelper output) : IClassFixture<FuzzApp>
{
    private const string Marker = "FUZZMARK";
    private const string Script = "<script>alert('ptdv')</script>";

    private static readonly bool s_full = Environment.GetEnvironmentVariable("PTDV_FUZZ") == "full";

    private static readonly string[] s_values =
    [
        "", Marker + new string('x', s_full ? 100_000 : 5_000), "-1", "2147483648", "99999999999", "9999-12-31", "0001-01-01",
        "31/12/9999", "abc", "\u0001\u202E", "1e309", Script, "NaN", "  ", "0", "2147483647",
    ];

    private readonly List<string> _errors = [];
    private readonly List<string> _changed = [];
    private readonly List<string> _echoed = [];
    private readonly Random _random = new(20261203);
    private int _requests;

    [Fact]
    public async Task No_request_gives_a_server_error_changes_anything_when_refused_or_stores_a_bad_value()
    {
        var budgetPerRole = s_full ? int.MaxValue : 700;
        string[] roles = s_full ? [.. Roles.All] : [Roles.Administrator, Roles.CommuneOffice, Roles.CellSecretary, Roles.Mentor];
        foreach (var role in roles) await FuzzPagesAsync(role, budgetPerRole);
        foreach (var role in s_full ? roles : [Roles.CommuneOffice, Roles.Mentor]) await FuzzApiAsync(role, s_full ? int.MaxValue : 600);

        output.WriteLine($"{_requests} requests; {_errors.Count} server errors; {_changed.Count} refused requests that changed data");
        foreach (var e in _errors.Take(40)) output.WriteLine(e);
        _requests.ShouldBeGreaterThan(2_000);
        _errors.ShouldBeEmpty();
        _changed.ShouldBeEmpty();
        _echoed.ShouldBeEmpty();
        var bad = await app.WithSystemScopeAsync(StoredValueScan.RunAsync);
        bad.ShouldBeEmpty();
        // A posted value never reaches the log, whatever failed (the marker is in the long value of every field).
        app.Logs.Lines.Where(l => l.Contains(Marker, StringComparison.Ordinal)).Take(3).ShouldBeEmpty();
    }

    // ---- pages ----

    private async Task FuzzPagesAsync(string role, int budget)
    {
        var user = TestData.UserOfRole[role];
        var b = await Browser.LoginAsync(app, user);
        var crawl = await Crawler.CrawlAsync(app, b, s_full ? 400 : 90);
        _requests += crawl.Requests;
        _errors.AddRange(crawl.Errors.Select(e => $"{role} {e}"));
        var (pages, forms) = (crawl.Pages, crawl.Forms);
        var work = new List<Func<Task>>();
        foreach (var url in pages)
        {
            foreach (var bad in BadAddresses(url))
                work.Add(() => SendAsync(user, b, HttpMethod.Get, bad, null, $"{role} GET {bad}"));
        }
        foreach (var form in forms)
        {
            var token = form.Fields.FirstOrDefault(f => f.Name == "__RequestVerificationToken");
            foreach (var field in form.Fields.Where(f => f.Name != "__RequestVerificationToken").DistinctBy(f => f.Name))
                foreach (var value in Pick(s_values, s_full ? s_values.Length : 3))
                    work.Add(() => SendFormAsync(user, b, form, field.Name, value, role));
            // The same field twice with two values, and no antiforgery token at all.
            if (form.Fields.FirstOrDefault(f => f.Name != "__RequestVerificationToken") is { } first)
                work.Add(() => SendFormAsync(user, b, form, first.Name, "abc", role, twice: true));
            if (token is not null && form.Method == "post")
                work.Add(() => SendAsync(user, b, HttpMethod.Post, form.Action,
                    new FormUrlEncodedContent(form.Fields.Where(f => f != token).Select(f => new KeyValuePair<string, string>(f.Name, f.Value))), $"{role} POST {form.Action} without token"));
        }
        foreach (var step in Pick(work, Math.Min(budget, work.Count))) await step();
    }

    private IEnumerable<T> Pick<T>(IReadOnlyList<T> items, int count) =>
        count >= items.Count ? items : items.OrderBy(_ => _random.Next()).Take(count).ToList();

    private IEnumerable<string> BadAddresses(string url)
    {
        var parts = url.Split('?', 2);
        var path = parts[0];
        foreach (Match m in Regex.Matches(path, "/[0-9]+(?=/|$)"))
            foreach (var v in Pick(["0", "-1", "2147483648", "abc", "99999999999"], s_full ? 5 : 2))
                yield return path[..m.Index] + "/" + v + path[(m.Index + m.Length)..] + (parts.Length > 1 ? "?" + parts[1] : "");
        if (parts.Length < 2) yield break;
        var query = parts[1].Split('&').Select(p => p.Split('=', 2)).ToList();
        foreach (var (q, i) in query.Select((q, i) => (q, i)))
            foreach (var v in Pick(s_values, s_full ? s_values.Length : 2))
                yield return path + "?" + string.Join("&", query.Select((x, j) => x[0] + "=" + (j == i ? Uri.EscapeDataString(v) : x.ElementAtOrDefault(1) ?? "")));
    }

    private Task SendFormAsync(string user, Browser b, Crawler.Form form, string field, string value, string role, bool twice = false)
    {
        var fields = form.Fields.Where(f => f.Sent || f.Name == field).DistinctBy(f => f.Kind is "checkbox" or "radio" && f.Name == field ? f.Name : f.Name + "|" + f.Value)
            .Select(f => new KeyValuePair<string, string>(f.Name, f.Name == field && !twice ? value : f.Value)).ToList();
        if (twice) fields.Add(new(field, value));
        var what = $"{role} {form.Method.ToUpperInvariant()} {form.Action} [{field}={Preview(value)}{(twice ? " twice" : "")}] (form on {form.Page})";
        if (form.Method == "get")
        {
            var url = form.Action.Split('?')[0] + "?" + string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
            return SendAsync(user, b, HttpMethod.Get, url, null, what);
        }
        return SendAsync(user, b, HttpMethod.Post, form.Action, new FormUrlEncodedContent(fields), what);
    }

    private static string Preview(string v) => v.Length > 20 ? v[..12] + $"…({v.Length})" : v;

    private async Task SendAsync(string user, Browser b, HttpMethod method, string url, HttpContent? content, string what)
    {
        var before = method == HttpMethod.Get ? 0 : await AuditTailAsync();
        using var request = new HttpRequestMessage(method, url) { Content = content };
        var response = await b.Client.SendAsync(request);
        _requests++;
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (status >= 500) _errors.Add($"{what}: {status} {Excerpt(body)}");
        if (body.Contains(Script, StringComparison.Ordinal) && response.Content.Headers.ContentType?.MediaType == "text/html") _echoed.Add(what);
        var location = response.Headers.Location?.ToString() ?? "";
        var refused = status is >= 400 and < 500 || location.Contains("/Account/Denied", StringComparison.Ordinal) || location.Contains("/Account/Login", StringComparison.Ordinal);
        if (refused && method != HttpMethod.Get && await AuditTailAsync() != before) _changed.Add($"{what}: {status} but the audit grew");
        if (location.Contains("/Account/Login", StringComparison.Ordinal)) await SignInAgainAsync(user, b);
    }

    private static string Excerpt(string body)
    {
        var m = Regex.Match(body, "<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline);
        return (m.Success ? m.Groups[1].Value : body.Length > 200 ? body[..200] : body).Trim();
    }

    private Task<long> AuditTailAsync() =>
        app.WithSystemScopeAsync(db => db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => (long?)a.Id).ContinueWith(t => t.Result ?? 0, TaskScheduler.Default));

    /// <summary>A hostile value may have ended the session (a changed own account): back in, as the same user.</summary>
    private async Task SignInAgainAsync(string user, Browser b)
    {
        await app.WithSystemScopeAsync(async db =>
        {
            var u = await db.Users.SingleAsync(x => x.UserName == user);
            u.IsActive = true;
            return await db.SaveChangesAsync();
        });
        (await b.PostFormAsync("/Account/Login", new() { ["UserName"] = user, ["Password"] = TestData.Password })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    // ---- API ----

    private async Task FuzzApiAsync(string role, int budget)
    {
        var user = TestData.UserOfRole[role];
        var b = await Browser.LoginAsync(app, user);
        var office = await Browser.LoginAsync(app, TestData.UserOfRole[Roles.CommuneOffice]);
        var d = app.Data;
        var work = new List<Func<Task>>();

        string[] gets =
        [
            "/api/members", "/api/candidates", "/api/organisations", "/api/hamlets", "/api/rules",
            $"/api/members/{d.MemberA}", $"/api/candidates/{d.CandidateA}", $"/api/candidates/{d.CandidateA}/timeline",
            $"/api/organisations/{d.CellA}", $"/api/hamlets/{d.HamletA}",
            "/api/members?search=a&cellId=1&page=1&pageSize=50", "/api/candidates?search=a&cellId=1&page=1&pageSize=50",
            "/api/calendar/lunar?date=2026-01-01", "/api/calendar/holidays?year=2026", "/api/calendar/working-days?from=2026-01-01&days=5",
        ];
        foreach (var url in gets)
            foreach (var bad in BadAddresses(url))
                work.Add(() => SendAsync(user, b, HttpMethod.Get, bad, null, $"{role} GET {bad}"));

        var member = (await office.Client.GetFromJsonAsync<JsonObject>($"/api/members/{d.MemberA}"))!;
        var candidate = (await office.Client.GetFromJsonAsync<JsonObject>($"/api/candidates/{d.CandidateA}"))!;
        var newMember = (JsonObject)member.DeepClone();
        ((JsonObject)newMember["person"]!)["citizenId"] = null;
        var newCandidate = (JsonObject)candidate.DeepClone();
        ((JsonObject)newCandidate["person"]!)["citizenId"] = null;
        var bodies = new List<(HttpMethod Method, string Url, JsonNode Template)>
        {
            (HttpMethod.Put, $"/api/members/{d.MemberA}", member),
            (HttpMethod.Post, "/api/members", newMember),
            (HttpMethod.Put, $"/api/candidates/{d.CandidateA}", candidate),
            (HttpMethod.Post, "/api/candidates", newCandidate),
        };
        foreach (var kind in Enum.GetNames<AdmissionStepKind>())
            bodies.Add((HttpMethod.Post, $"/api/candidates/{d.CandidateB}/steps", StepTemplate(kind, d)));

        foreach (var (method, url, template) in bodies)
        {
            foreach (var raw in new[] { "", "{", "null", "[]", "\"x\"", "{\"person\":null}", "{\"kind\":null}", "{\"kind\":\"" + Marker + "\"}" })
                work.Add(() => SendAsync(user, b, method, url, new StringContent(raw, Encoding.UTF8, "application/json"), $"{role} {method} {url} body {Preview(raw)}"));
            foreach (var (path, mutated) in Mutations(template))
                work.Add(() => SendAsync(user, b, method, url, new StringContent(mutated, Encoding.UTF8, "application/json"), $"{role} {method} {url} {path}"));
        }
        foreach (var step in Pick(work, Math.Min(budget, work.Count))) await step();
    }

    private static JsonObject StepTemplate(string kind, TestData d) => new()
    {
        ["kind"] = kind, ["date"] = "2026-06-01", ["documentNumber"] = "1/NQ", ["note"] = "Ghi chú", ["mentorMemberId"] = d.MentorMemberA,
        ["certificateNumber"] = "1/CN", ["certificateDate"] = "2026-03-06",
        ["people"] = new JsonArray(new JsonObject { ["relationship"] = "Cha", ["fullName"] = "Võ Văn Hùng", ["result"] = "Verified", ["note"] = "" }),
        ["path"] = "TwoMembers",
        ["introducers"] = new JsonArray(new JsonObject { ["memberId"] = d.MemberA, ["togetherSince"] = "2020-01-01" }),
        ["noYouthUnionOrganisation"] = false, ["organisationResolutionNumber"] = "2/NQ-ĐTN",
        ["for"] = 3, ["against"] = 0, ["present"] = 3, ["excludedAbsent"] = 0, ["over60ConsentDocument"] = null,
        ["receivedByCellOn"] = "2026-06-10", ["decidingBody"] = "Đảng ủy xã", ["lateConsentDocument"] = null, ["reason"] = "Lý do",
    };

    /// <summary>Each leaf (and each object or list) replaced by a hostile value, or removed.</summary>
    private IEnumerable<(string Path, string Body)> Mutations(JsonNode template)
    {
        JsonNode?[] values =
        [
            null, "", Marker + new string('x', s_full ? 100_000 : 5_000), -1, 2147483648L, 99999999999L, "9999-12-31", "0001-01-01",
            "abc", true, 1.5, new JsonArray(), new JsonObject(), "\u0001\u202E", Script, 2147483647,
        ];
        foreach (var path in Paths(template, ""))
        {
            foreach (var v in Pick(values, s_full ? values.Length : 3).Append(s_removed))
            {
                var copy = template.DeepClone();
                Set(copy, path, v?.DeepClone());
                yield return ($"{path}={(v == s_removed ? "(removed)" : Preview(v?.ToJsonString() ?? "null"))}", copy.ToJsonString());
            }
        }
    }

    private static readonly JsonNode s_removed = JsonValue.Create("__removed__")!;

    private static IEnumerable<string> Paths(JsonNode? node, string prefix)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    yield return prefix + "/" + k;
                    foreach (var p in Paths(v, prefix + "/" + k)) yield return p;
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return prefix + "/" + i;
                    foreach (var p in Paths(a[i], prefix + "/" + i)) yield return p;
                }
                break;
        }
    }

    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var keys = path.Trim('/').Split('/');
        var parent = root;
        foreach (var k in keys[..^1]) parent = parent is JsonArray arr ? arr[int.Parse(k, System.Globalization.CultureInfo.InvariantCulture)]! : parent[k]!;
        var last = keys[^1];
        var removed = value is JsonValue jv && jv.TryGetValue<string>(out var s) && s == "__removed__";
        if (parent is JsonArray array)
        {
            var i = int.Parse(last, System.Globalization.CultureInfo.InvariantCulture);
            if (removed) array.RemoveAt(i);
            else array[i] = value;
        }
        else if (parent is JsonObject obj)
        {
            if (removed) obj.Remove(last);
            else obj[last] = value;
        }
    }
}
