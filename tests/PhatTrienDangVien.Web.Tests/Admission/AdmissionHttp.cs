using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;

namespace PhatTrienDangVien.Web.Tests.Admission;

/// <summary>Calls of the admission API as a client makes them, and the test's own calendar moves.</summary>
internal static class AdmissionHttp
{
    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Moves the fake clock to 10:00 in Vietnam on <paramref name="day"/> (never backwards).</summary>
    public static void Today(AppFactory app, DateOnly day)
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero);
        if (at > app.Clock.GetUtcNow()) app.Clock.SetUtcNow(at);
    }

    public static DateOnly VietnamToday(AppFactory app) => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(7));

    public static async Task<JsonElement> TimelineAsync(HttpClient client, int candidateId)
    {
        var r = await client.GetAsync($"/api/candidates/{candidateId}/timeline");
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, int candidateId, object step)
    {
        var r = await client.PostAsJsonAsync($"/api/candidates/{candidateId}/steps", step);
        var text = await r.Content.ReadAsStringAsync();
        return (r.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Posts a step that must be accepted; returns the new timeline.</summary>
    public static async Task<JsonElement> StepAsync(HttpClient client, int candidateId, object step)
    {
        var (status, body) = await PostAsync(client, candidateId, step);
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        return body.GetProperty("timeline");
    }

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static DateOnly Date(this JsonElement e, string name) => D(e.Str(name));

    public static int StepCount(this JsonElement timeline) => timeline.GetProperty("steps").GetArrayLength();

    public static JsonElement LastStep(this JsonElement timeline) => timeline.GetProperty("steps")[timeline.StepCount() - 1];

    /// <summary>A new candidate of <paramref name="cellId"/>, for a test that needs a case of its own.</summary>
    public static Task<int> NewCandidateAsync(AppFactory app, int cellId, string name, string citizenId, DateOnly born) =>
        app.WithSystemScopeAsync(async db =>
        {
            var person = TestData.NewPerson(app.Data.CommuneId, name, citizenId, null, born.Year);
            person.DateOfBirth = born;
            var c = new Candidate { CommuneId = app.Data.CommuneId, CellId = cellId, AddedOn = born.AddYears(20), Person = person };
            db.Candidates.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });

    /// <summary>Simple steps up to the stage where the cell may vote (opinions collected), dated from <paramref name="from"/> on, one day apart.</summary>
    public static async Task<JsonElement> ToCellVoteAsync(HttpClient client, TestData data, int candidateId, DateOnly from, bool stopBeforeIntroduction = false,
        int? mentorMemberId = null)
    {
        var d = from;
        string Next() { var s = Iso(d); d = d.AddDays(1); return s; }
        await StepAsync(client, candidateId, new { kind = "SourcePool", date = Next() });
        // The mentor is an official member of the candidate's own cell.
        await StepAsync(client, candidateId, new { kind = "MentorAssigned", date = Next(), mentorMemberId = mentorMemberId ?? data.MentorMemberA });
        var classDate = Next();
        await StepAsync(client, candidateId, new { kind = "AwarenessClass", date = classDate, certificateNumber = "CN-01/2026", certificateDate = classDate });
        await StepAsync(client, candidateId, new { kind = "Application", date = Next() });
        var t = await StepAsync(client, candidateId, new
        {
            kind = "PersonalHistory", date = Next(),
            people = new[] { new { relationship = "Bản thân", fullName = "Người vào Đảng", result = "Verified" } },
        });
        if (stopBeforeIntroduction) return t;
        await StepAsync(client, candidateId, new
        {
            kind = "Introduction", date = Next(), path = "TwoMembers",
            introducers = new[] { new { memberId = data.MemberA, togetherSince = "2020-01-01" }, new { memberId = data.CommitteeMemberId, togetherSince = "2020-01-01" } },
        });
        return await StepAsync(client, candidateId, new { kind = "Opinions", date = Next() });
    }
}
