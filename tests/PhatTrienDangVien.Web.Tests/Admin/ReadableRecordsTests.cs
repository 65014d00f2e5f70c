using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Demo;
using PhatTrienDangVien.Web.Tests.Demo;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Admin;

/// <summary>
/// No history or audit page shows text meant for programmers: on the demo commune, after a change of every kind of
/// record a user can make there, the audit page filtered to each kind of record and the change history of records of
/// each kind are read as a user reads them, and fail on an enum member's name, an English type name, a GUID, an ISO
/// date, a field name ending in "Id", true/false, JSON, a temporary key, an id where a name belongs or a login name
/// where the person's full name is known.
/// </summary>
public abstract partial class ReadableRecordsTests<TApp>(TApp app) where TApp : DemoAppFactory
{
    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")] private static partial Regex Guid();
    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}")] private static partial Regex IsoDate();
    [GeneratedRegex(@"\b[A-Za-z]*Id\b")] private static partial Regex IdField();
    [GeneratedRegex(@"\b(true|false|True|False)\b")] private static partial Regex Boolean();
    [GeneratedRegex(@"[{}\[\]]")] private static partial Regex Json();
    [GeneratedRegex(@"-\d{4,}")] private static partial Regex TemporaryKey();
    [GeneratedRegex(@"\b[A-Z][a-z]+[A-Z][A-Za-z]*\b")] private static partial Regex PascalCase();

    /// <summary>Every enum member name (three letters or more) and every entity type name of the application.</summary>
    private static readonly HashSet<string> s_codeWords = CodeWords();

    private static HashSet<string> CodeWords()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assembly in new[] { typeof(Core.Admission.AdmissionStepKind).Assembly, typeof(AuditView).Assembly })
            foreach (var type in assembly.GetTypes().Where(t => t.IsEnum && t.Namespace?.StartsWith("PhatTrienDangVien", StringComparison.Ordinal) == true))
                foreach (var name in Enum.GetNames(type).Where(n => n.Length >= 3)) words.Add(name);
        return words;
    }

    private static List<string> Problems(string where, string text, IReadOnlyCollection<string> typeNames, IReadOnlyCollection<string> logins)
    {
        var found = new List<string>();
        void Check(Regex r, string what)
        {
            foreach (Match m in r.Matches(text)) found.Add($"{where}: {what} “{m.Value}”");
        }
        Check(Guid(), "GUID");
        Check(IsoDate(), "ISO date");
        Check(IdField(), "id field");
        Check(Boolean(), "true/false");
        Check(Json(), "JSON");
        Check(TemporaryKey(), "temporary key");
        Check(PascalCase(), "code name");
        foreach (Match word in Regex.Matches(text, @"\b[A-Za-z]{3,}\b"))
        {
            if (s_codeWords.Contains(word.Value)) found.Add($"{where}: enum member “{word.Value}”");
            if (typeNames.Contains(word.Value)) found.Add($"{where}: type name “{word.Value}”");
        }
        return found;
    }

    // "Label: old → new": a field that names a record shows its name, never a bare number.
    private static IEnumerable<string> IdValues(string where, IElement changes)
    {
        var idLabels = AuditView.Labels.Where(l => l.Key.EndsWith("Id", StringComparison.Ordinal)).Select(l => l.Value).ToHashSet();
        foreach (var line in changes.QuerySelectorAll("div"))
        {
            var label = line.QuerySelector(".fw-semibold")?.TextContent.Trim() ?? "";
            if (!idLabels.Contains(label)) continue;
            var values = line.TextContent[(line.TextContent.IndexOf(':', StringComparison.Ordinal) + 1)..].Split('→').Select(v => v.Trim());
            foreach (var v in values.Where(v => Regex.IsMatch(v, @"^-?\d+$"))) yield return $"{where}: “{label}” shows the number {v}";
        }
    }

    private static readonly SemaphoreSlim s_once = new(1, 1);

    /// <summary>
    /// The administrator, after changes of the kinds the demo's seeding leaves out, made once through the pages as an
    /// office makes them: a candidate's notes, an account's e-mail, a calendar day, a rule's new version.
    /// </summary>
    private async Task<Browser> AdminAsync()
    {
        var admin = await Browser.LoginAsync(app, "quantri", DemoSeeder.DemoPassword);
        await s_once.WaitAsync();
        try
        {
            var done = await app.WithSystemScopeAsync((db, _) => db.AuditEntries.AnyAsync(a => a.UserName == "quantri" && a.EntityType == "Candidate"));
            if (done) return admin;
            // The mentor changes through a step of the case; the candidate's own fields through its form.
            var candidate = await app.WithSystemScopeAsync((db, _) => db.Candidates.Where(c => c.Status == Core.People.CandidateStatus.Active)
                .OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
            var saved = await admin.PostFormAsync($"/Candidates/Edit/{candidate}", new() { ["Candidate.Notes"] = "Chăm chỉ, nhiệt tình", ["Candidate.Strengths"] = "Gương mẫu" });
            saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
            var account = await app.WithSystemScopeAsync((db, _) => db.Users.Where(u => u.UserName == "giupdo").Select(u => u.Id).SingleAsync());
            var user = await admin.PostFormAsync($"/Admin/Users/Edit/{account}", new() { ["Input.Email"] = "giupdo@nhonmy.vn" });
            ((int)user.StatusCode).ShouldBeLessThan(400, await user.Content.ReadAsStringAsync());
            var day = await admin.PostRawAsync("/Calendar?handler=Add",
                [new("Input.Date", "2027-01-04"), new("Input.Kind", "DayOff"), new("Input.Name", "Nghỉ bù Tết dương lịch")], "/Calendar");
            ((int)day.StatusCode).ShouldBeLessThan(400, await day.Content.ReadAsStringAsync());
            var rule = await admin.PostRawAsync("/Rules",
                [new("Input.Key", "ProbationMonths"), new("Input.Value", "12"), new("Input.EffectiveFrom", "2027-01-01"), new("Input.Citation", "Điều lệ Đảng, Điều 5")], "/Rules");
            ((int)rule.StatusCode).ShouldBeLessThan(400, await rule.Content.ReadAsStringAsync());
            return admin;
        }
        finally
        {
            s_once.Release();
        }
    }

    private async Task<(List<string> Types, List<string> Logins, Dictionary<string, List<string>> Samples)> TrailAsync() =>
        await app.WithSystemScopeAsync(async (db, _) =>
        {
            var types = db.Model.GetEntityTypes().Select(t => t.ClrType.Name).Where(n => n.Length >= 4).Distinct().ToList();
            // Logins of accounts with a full name: the full name is what a reader knows them by.
            var logins = await db.Users.Where(u => u.FullName != "").Select(u => u.UserName!).ToListAsync();
            // The administrator reads the trail of their commune.
            var commune = await db.Users.Where(u => u.UserName == "quantri").Select(u => u.CommuneId).SingleAsync();
            var entries = await db.AuditEntries.AsNoTracking().Where(a => a.CommuneId == commune).Select(a => new { a.EntityType, a.EntityId }).ToListAsync();
            var samples = entries.GroupBy(a => a.EntityType).ToDictionary(g => g.Key, g => g.Select(a => a.EntityId).Distinct().Take(3).ToList());
            return (types, logins, samples);
        });

    [Fact]
    public async Task The_audit_page_of_every_kind_of_record_reads_in_words()
    {
        var admin = await AdminAsync();
        var (types, logins, samples) = await TrailAsync();
        var problems = new List<string>();
        foreach (var (type, _) in samples)
        {
            var url = $"/Admin/Audit?EntityType={Uri.EscapeDataString(type)}&q.PageSize=200";
            var (response, doc) = await admin.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            var rows = doc.QuerySelectorAll("table.audit tbody tr[data-row]");
            rows.Length.ShouldBeGreaterThan(0, url);
            foreach (var row in rows)
            {
                problems.AddRange(Problems(url, row.TextContent, types, []));
                if (row.QuerySelector(".changes") is { } changes) problems.AddRange(IdValues(url, changes));
                var who = row.QuerySelector("[data-who]")?.TextContent.Trim() ?? row.Children[1].TextContent.Trim();
                if (logins.Contains(who)) problems.Add($"{url}: login “{who}” instead of the full name");
            }
            // The filter itself names the kind of record in words.
            problems.AddRange(Problems(url + " (bộ lọc)", doc.QuerySelector("form.filters")?.TextContent ?? "", types, []));
        }
        problems.Distinct().Take(60).ShouldBeEmpty();
        samples.Count.ShouldBeGreaterThanOrEqualTo(10, "the demo trail holds too few kinds of record to say much");
    }

    [Fact]
    public async Task The_change_history_of_candidates_members_and_accounts_reads_in_words()
    {
        var admin = await AdminAsync();
        var (types, logins, _) = await TrailAsync();
        var pages = await app.WithSystemScopeAsync(async (db, _) =>
        {
            var candidates = await db.Candidates.OrderByDescending(c => c.MentorMemberId != null).ThenBy(c => c.Id).Select(c => c.Id).Take(3).ToListAsync();
            var members = await db.Members.OrderByDescending(m => m.CeremonyDate).Select(m => m.Id).Take(3).ToListAsync();
            // The province board's accounts belong to no commune: a commune's administrator does not see them.
            var users = await db.Users.Where(u => u.CommuneId > 0).Select(u => u.Id).ToListAsync();
            return candidates.SelectMany(id => new[] { $"/Candidates/Details/{id}", $"/Candidates/Timeline/{id}" })
                .Concat(members.Select(id => $"/Members/Details/{id}")).Concat(users.Select(id => $"/Admin/Users/Edit/{id}")).ToList();
        });
        var problems = new List<string>();
        var histories = 0;
        foreach (var url in pages)
        {
            var (response, doc) = await admin.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            foreach (var history in doc.QuerySelectorAll("[data-history]"))
            {
                histories++;
                problems.AddRange(Problems(url, history.TextContent, types, []));
                foreach (var changes in history.QuerySelectorAll(".changes")) problems.AddRange(IdValues(url, changes));
                foreach (var who in history.QuerySelectorAll("[data-who]").Select(w => w.TextContent.Trim()))
                    if (logins.Contains(who)) problems.Add($"{url}: login “{who}” instead of the full name");
            }
            foreach (var who in doc.QuerySelectorAll("[data-recorded-by]").Select(w => w.TextContent.Trim()))
                if (logins.Contains(who)) problems.Add($"{url}: “Người ghi” shows the login “{who}”");
        }
        problems.Distinct().Take(60).ShouldBeEmpty();
        histories.ShouldBeGreaterThanOrEqualTo(pages.Count(p => !p.Contains("Timeline", StringComparison.Ordinal)), "a page without its change history");
    }
}

public sealed class ReadableRecordsTests_Sqlite(DemoSqliteApp app) : ReadableRecordsTests<DemoSqliteApp>(app), IClassFixture<DemoSqliteApp>;
