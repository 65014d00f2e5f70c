using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Demo;
using PhatTrienDangVien.Web.Tests.Demo;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Security;

/// <summary>Every log message at every level, of every category (the framework's too), with its exception and scopes.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs sink, string category) : ILogger
    {
        public IDisposable BeginScope<TState>(TState state) where TState : notnull
        {
            sink.Messages.Enqueue($"scope {category}: {Describe(state)}");
            return NullScope.Instance;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Messages.Enqueue($"{logLevel} {category}[{eventId}]: {formatter(state, exception)} | {Describe(state)} | {exception}");

        // The structured values too: a value a message template leaves out still goes to a structured sink.
        private static string Describe(object? state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : state?.ToString() ?? "";
    }

    private sealed class NullScope : IDisposable
    {
        public static readonly NullScope Instance = new();
        public void Dispose() { }
    }
}

/// <summary>The demo commune with every log message captured from the first start on.</summary>
public sealed class LoggedDemoApp() : DemoAppFactory(Engine.Sqlite)
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            // A rule for this provider beats the configured levels (Microsoft.AspNetCore: Warning…): it hears everything.
            services.Configure<LoggerFilterOptions>(o =>
            {
                o.MinLevel = LogLevel.Trace;
                o.Rules.Add(new LoggerFilterRule(typeof(CapturedLogs).FullName, null, LogLevel.Trace, null));
            });
        });
    }
}

/// <summary>
/// No citizen ID or phone number of the demo reaches a log message or an exception text, at any level, whatever the
/// request: lists, person pages, exports, the API, the full numbers shown on request, and failing writes that carry a
/// citizen ID in a wrong form, someone else's, or of the wrong JSON type.
/// </summary>
public sealed partial class LogScanTests(LoggedDemoApp app) : IClassFixture<LoggedDemoApp>
{
    [GeneratedRegex("[0-9]{10,}")]
    private static partial Regex DigitRuns();

    /// <summary>Every 10- and 12-digit window of every run of digits that is one of <paramref name="numbers"/>.</summary>
    private static List<string> Leaks(IEnumerable<string> messages, HashSet<string> numbers)
    {
        var found = new List<string>();
        foreach (var message in messages)
            foreach (Match run in DigitRuns().Matches(message))
                foreach (var length in new[] { 10, 12 })
                    for (var i = 0; i + length <= run.Length; i++)
                    {
                        var window = run.Value.Substring(i, length);
                        if (numbers.Contains(window)) found.Add(window + " in: " + message[..Math.Min(300, message.Length)]);
                    }
        return found;
    }

    /// <summary>
    /// The framework writes each request's line, query string included, at Information: a list searched by a citizen ID
    /// (<c>/Members?Search=0890…</c>) would put the number in the log. The shipped levels keep those lines out.
    /// </summary>
    [Fact]
    public void The_shipped_log_levels_keep_the_request_lines_and_the_database_commands_out_of_the_log()
    {
        var config = app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        ((int)Enum.Parse<LogLevel>(config["Logging:LogLevel:Microsoft.AspNetCore"]!)).ShouldBeGreaterThanOrEqualTo((int)LogLevel.Warning);
        ((int)Enum.Parse<LogLevel>(config["Logging:LogLevel:Microsoft.EntityFrameworkCore"]!)).ShouldBeGreaterThanOrEqualTo((int)LogLevel.Warning);
    }

    [Fact]
    public async Task No_citizen_id_or_phone_number_of_the_demo_is_logged_whatever_the_request()
    {
        var people = await app.WithSystemScopeAsync((db, _) => db.People.Where(p => p.IsDemo).Select(p => new { p.Id, p.CitizenId, p.Phone }).ToListAsync());
        var numbers = people.SelectMany(p => new[] { p.CitizenId, p.Phone }).OfType<string>().ToHashSet();
        numbers.Count.ShouldBeGreaterThan(1000);

        // Seeding the demo (the migrations, the inserts) logged none.
        Leaks(app.Logs.Messages, numbers).ShouldBeEmpty();
        // The scan finds a number that is logged: a message written through the application's own logging.
        var probe = people.First(p => p.CitizenId is not null).CitizenId!;
        var logger = app.Services.GetRequiredService<ILogger<LogScanTests>>();
        // At Trace: the console (Information and up) never prints it, so test.sh's scan of the output stays clean.
        if (logger.IsEnabled(LogLevel.Trace)) logger.LogTrace("probe {Value}", probe);
        Leaks(app.Logs.Messages, numbers).ShouldContain(l => l.StartsWith(probe, StringComparison.Ordinal));
        app.Logs.Messages.Clear();

        var (memberId, candidateId, cellMemberIds) = await app.WithSystemScopeAsync(async (db, _) =>
        {
            var cell = await db.Organisations.Where(o => o.Name == "Chi bộ Ấp Nhơn Hòa").Select(o => o.Id).SingleAsync();
            var member = await db.Members.Where(m => m.CellId == cell && m.Person.CitizenId != null && m.Person.Phone != null).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
            var candidate = await db.Candidates.Where(c => c.CellId == cell && c.Status == CandidateStatus.Active).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            var others = await db.Members.Where(m => m.Id != member && m.Person.CitizenId != null).OrderBy(m => m.Id).Select(m => m.Person.CitizenId!).Take(2).ToListAsync();
            return (member, candidate, others);
        });
        var someoneElses = cellMemberIds[0];

        foreach (var (user, _, _) in DemoSeeder.Logins)
        {
            var b = await Browser.LoginAsync(app, user, DemoSeeder.DemoPassword);
            foreach (var url in new[]
            {
                "/", "/Members", "/Members?handler=Export", "/Candidates", "/Candidates?handler=Export", "/Work", "/Dashboard",
                $"/Members/Details/{memberId}", $"/Members/Edit/{memberId}", $"/Candidates/Details/{candidateId}", $"/Candidates/Timeline/{candidateId}",
                "/api/members?pageSize=500", "/api/candidates?pageSize=500", $"/api/members/{memberId}", $"/api/candidates/{candidateId}",
                $"/api/candidates/{candidateId}?showIdentifiers=true", "/Admin/Audit",
            })
                (await b.Client.GetAsync(url)).StatusCode.ShouldNotBe(HttpStatusCode.InternalServerError, $"{user} {url}");
            (await b.PostRawAsync($"/Members/Details/{memberId}?handler=Reveal", [], "/")).StatusCode.ShouldNotBe(HttpStatusCode.InternalServerError, user);
            (await b.PostRawAsync($"/Candidates/Details/{candidateId}?handler=ExportPerson", [], "/")).StatusCode.ShouldNotBe(HttpStatusCode.InternalServerError, user);
        }

        var office = await Browser.LoginAsync(app, "vanphong", DemoSeeder.DemoPassword);
        var stored = await app.WithSystemScopeAsync((db, _) => db.Members.Where(m => m.Id == memberId).Select(m => m.Person.CitizenId!).SingleAsync());
        // Failing form posts: a citizen ID in a wrong form, one of another person, a phone number in a wrong form.
        foreach (var (field, value) in new[]
        {
            ("Person.CitizenId", stored[..11] + "X"), ("Person.CitizenId", stored[..11]), ("Person.CitizenId", someoneElses),
            ("Person.CitizenId", "999" + stored[3..]), ("Person.Phone", "00" + stored[2..10]), ("Person.DateOfBirth", stored),
        })
        {
            var r = await office.PostFormAsync($"/Members/Edit/{memberId}", new() { [field] = value });
            r.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{field}={value}");
        }
        // The same by the API, and a new member with someone else's number; a number of the wrong JSON type.
        var body = (await office.Client.GetFromJsonAsync<JsonObject>($"/api/members/{memberId}"))!;
        foreach (var value in new[] { stored[..11] + "X", someoneElses, cellMemberIds[1] })
        {
            var copy = JsonNode.Parse(body.ToJsonString())!.AsObject();
            copy["person"]!["citizenId"] = value;
            (await office.Client.PutAsJsonAsync($"/api/members/{memberId}", copy)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }
        var created = JsonNode.Parse(body.ToJsonString())!.AsObject();
        created["person"]!["citizenId"] = someoneElses;
        created["person"]!["fullName"] = "Người Thử Trùng";
        (await office.Client.PostAsJsonAsync("/api/members", created)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var wrongType = body.ToJsonString().Replace("\"citizenId\":\"" + PhatTrienDangVien.Web.People.PersonalData.Mask(stored) + "\"",
            "\"citizenId\":" + stored, StringComparison.Ordinal);
        wrongType.ShouldContain("\"citizenId\":" + stored);
        using (var content = new StringContent(wrongType, System.Text.Encoding.UTF8, "application/json"))
            (await office.Client.PutAsync($"/api/members/{memberId}", content)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // Someone typing a citizen ID as their user name.
        (await Browser.Anonymous(app).PostFormAsync("/Account/Login", new() { ["UserName"] = stored, ["Password"] = "Sai-mat-khau-9" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        app.Logs.Messages.Count.ShouldBeGreaterThan(1000, "the framework's messages at every level are heard");
        Leaks(app.Logs.Messages, numbers).ShouldBeEmpty();
    }
}
