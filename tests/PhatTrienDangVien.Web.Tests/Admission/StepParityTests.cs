using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using AngleSharp.Html.Parser;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Calendar;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using K = PhatTrienDangVien.Core.Admission.AdmissionStepKind;

namespace PhatTrienDangVien.Web.Tests.Admission;

/// <summary>
/// The step form and the API decide the same, for every kind of step and every role: both refuse what the permission
/// table denies the role, and for the rest both record, or both refuse with the same rule, or both reject the same
/// input. Each attempt is made on two cases in the same state (one per entry point), at three points of the procedure:
/// just entered the pool, ready for the cell's vote, and twelve months into probation.
/// </summary>
public abstract class StepParityTests<TApp>(TApp app) where TApp : AppFactory
{
    private static readonly DateOnly s_attemptDate = new(2026, 11, 16);
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static readonly TheoryData<string> AllRoles = [.. Roles.All];

    private enum Fixture { InPool, ReadyForVote, InProbation }

    [Theory, MemberData(nameof(AllRoles))]
    public async Task The_form_and_the_api_decide_the_same_for_every_kind_of_step(string role)
    {
        var kinds = Enum.GetValues<K>();
        var pairs = new Dictionary<(Fixture, K), (int Page, int Api)>();
        foreach (var fixture in Enum.GetValues<Fixture>())
            foreach (var kind in kinds)
                pairs[(fixture, kind)] = (await CaseAsync(fixture), await CaseAsync(fixture));

        var b = await Browser.LoginAsync(app, TestData.UserOfRole[role]);
        var (_, home) = await b.GetAsync("/");
        var token = home.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var decisions = new List<string>();
        var log = new List<string>();
        foreach (var ((fixture, kind), (pageCase, apiCase)) in pairs)
        {
            var data = Attempt(kind);
            var page = await ByPageAsync(b, pageCase, kind, data, token);
            var api = await ByApiAsync(b, apiCase, kind, data);
            var what = $"{role}, {kind} at {fixture}";
            if (!PermissionTable.Allows(role, PermissionTable.ForStep(kind)))
            {
                page.ShouldBe("forbidden", what + " by the form");
                api.ShouldBe("forbidden", what + " by the API");
            }
            else
            {
                page.ShouldBe(api, what + ": the form and the API differ");
            }
            decisions.Add(page);
            log.Add($"{what}: {page}");
        }
        // Not a comparison of two failures: a role that may record does record.
        if (PermissionTable.Allows(role, Permission.RecordStep)) decisions.Count(d => d == "done").ShouldBeGreaterThanOrEqualTo(12, string.Join("\n", log));
        if (PermissionTable.Allows(role, Permission.WriteAssessment)) decisions.Count(d => d == "done").ShouldBeGreaterThanOrEqualTo(2, string.Join("\n", log));
    }

    /// <summary>What a user sends for each kind: valid fields, so that the decision is the rules' and the permissions'.</summary>
    private StepData Attempt(K kind)
    {
        var d = app.Data;
        var data = new StepData { Date = s_attemptDate, DocumentNumber = "01-TEST", Note = "Ghi nhận thử." };
        switch (kind)
        {
            case K.MentorAssigned or K.MentorAssessment or K.ProbationMentorAssigned:
                data.MentorMemberId = d.MentorMemberA;
                break;
            case K.AwarenessClass or K.NewMemberClass:
                data.CertificateNumber = "77/CN";
                data.CertificateDate = s_attemptDate;
                break;
            case K.PersonalHistory:
                data.People = [new RelativeData { Relationship = "Cha", FullName = "Võ Văn Thử", Result = VerificationResult.Verified }];
                break;
            case K.Introduction:
                data.Path = IntroductionPath.TwoMembers;
                data.Introducers = [new IntroducerData { MemberId = d.MemberA, TogetherSince = new DateOnly(2020, 1, 1) },
                                    new IntroducerData { MemberId = d.CommitteeMemberId, TogetherSince = new DateOnly(2020, 1, 1) }];
                break;
            case K.CellVote or K.SubCommitteeVote or K.RecognitionVote:
                (data.For, data.Against, data.Present, data.ExcludedAbsent) = (3, 0, 3, 0);
                break;
            case K.Decision:
                data.ReceivedByCellOn = s_attemptDate;
                data.DecidingBody = "Ban Thường vụ Đảng ủy xã";
                break;
            case K.DecisionExtension or K.Removal or K.Withdrawal:
                data.Reason = "Lý do ghi để thử.";
                break;
        }
        return data;
    }

    private static async Task<string> ByPageAsync(Browser b, int candidateId, K kind, StepData data, string token)
    {
        var url = $"/Candidates/Step/{candidateId}?kind={kind}";
        var form = FormFields(data).Append(new("__RequestVerificationToken", token)).Append(new("Kind", kind.ToString()));
        var r = await b.Client.PostAsync(url, new FormUrlEncodedContent(form));
        var body = await r.Content.ReadAsStringAsync();
        return r.StatusCode switch
        {
            HttpStatusCode.Redirect when r.Headers.Location!.ToString().Contains("/Account/Denied", StringComparison.Ordinal) => "forbidden",
            HttpStatusCode.Redirect when r.Headers.Location!.ToString().Contains("/Candidates/Timeline/", StringComparison.Ordinal) => "done",
            HttpStatusCode.Forbidden => "forbidden",
            HttpStatusCode.NotFound => "not found",
            HttpStatusCode.BadRequest => "invalid",
            HttpStatusCode.Conflict => "conflict",
            HttpStatusCode.UnprocessableEntity =>
                "refused: " + new HtmlParser().ParseDocument(body).QuerySelector("#refusal")?.GetAttribute("data-rule"),
            _ => $"{(int)r.StatusCode} {r.Headers.Location}",
        };
    }

    private static async Task<string> ByApiAsync(Browser b, int candidateId, K kind, StepData data)
    {
        var json = JsonSerializer.SerializeToNode(data, s_json)!.AsObject();
        json["kind"] = kind.ToString();
        var r = await b.Client.PostAsJsonAsync($"/api/candidates/{candidateId}/steps", json);
        return r.StatusCode switch
        {
            HttpStatusCode.Created => "done",
            HttpStatusCode.Forbidden => "forbidden",
            HttpStatusCode.NotFound => "not found",
            HttpStatusCode.BadRequest => "invalid",
            HttpStatusCode.Conflict => "conflict",
            HttpStatusCode.UnprocessableEntity => "refused: " + (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString(),
            _ => $"{(int)r.StatusCode}",
        };
    }

    /// <summary>The fields a browser posts for the step form (Form.X, Form.People[0].FullName…).</summary>
    private static IEnumerable<KeyValuePair<string, string>> FormFields(StepData d)
    {
        static string S(object v) => v switch
        {
            DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool flag => flag ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString()!,
        };
        foreach (var p in typeof(StepData).GetProperties())
        {
            var value = p.GetValue(d);
            if (value is null or System.Collections.IList) continue;
            yield return new($"Form.{p.Name}", S(value));
        }
        for (var i = 0; i < d.People.Count; i++)
        {
            yield return new($"Form.People[{i}].Relationship", d.People[i].Relationship!);
            yield return new($"Form.People[{i}].FullName", d.People[i].FullName!);
            yield return new($"Form.People[{i}].Result", d.People[i].Result!.Value.ToString());
        }
        for (var i = 0; i < d.Introducers.Count; i++)
        {
            yield return new($"Form.Introducers[{i}].MemberId", S(d.Introducers[i].MemberId!.Value));
            yield return new($"Form.Introducers[{i}].TogetherSince", S(d.Introducers[i].TogetherSince!.Value));
        }
    }

    private static int s_people;

    /// <summary>
    /// A candidate of cell A followed by the test mentor, with the history of the fixture, written straight from the
    /// Core engine's own records (what the command would write, without recording each step again per case).
    /// </summary>
    private Task<int> CaseAsync(Fixture fixture) => app.WithSystemScopeAsync(async db =>
    {
        var d = app.Data;
        var n = Interlocked.Increment(ref s_people);
        var person = TestData.NewPerson(d.CommuneId, $"Quần Chúng Thử {n}", null!, null, 2000);
        person.CitizenId = null;
        var candidate = new Candidate { CommuneId = d.CommuneId, CellId = d.CellA, AddedOn = new DateOnly(2025, 1, 10), Person = person, MentorMemberId = d.MentorMemberA };
        db.Candidates.Add(candidate);
        await db.SaveChangesAsync();
        var history = History(fixture, candidate.Id, person.DateOfBirth);
        db.AdmissionSteps.AddRange(history);
        if (fixture == Fixture.InProbation)
        {
            candidate.Status = CandidateStatus.Admitted;
            db.Members.Add(new Member
            {
                CommuneId = d.CommuneId, PersonId = person.Id, CellId = d.CellA, Status = MemberStatus.Probationary,
                CeremonyDate = history[^1].Date, StatusDate = history[^1].Date, AdmissionDecisionDate = history[^2].Date,
            });
        }
        await db.SaveChangesAsync();
        return candidate.Id;
    });

    private List<StepRecord> History(Fixture fixture, int candidateId, DateOnly born)
    {
        var d = app.Data;
        var c = new AdmissionCase(candidateId, born);
        var calendar = new WorkingDayCalendar();
        StepContext At(string iso)
        {
            var day = DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return new StepContext(RuleBook.Defaults, calendar, day, day.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc), "thử");
        }
        DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var steps = new List<StepRecord>
        {
            c.RecordSourcePool(new SimpleStepInput { Date = Day("2025-01-10") }, At("2025-01-10")),
        };
        if (fixture == Fixture.InPool) return steps;
        steps.Add(c.RecordMentorAssigned(new MentorInput { Date = Day("2025-01-15"), MentorMemberId = d.MentorMemberA }, At("2025-01-15")));
        steps.Add(c.RecordAwarenessClass(new ClassInput { Date = Day("2025-03-03"), CertificateNumber = "1/CN", CertificateDate = Day("2025-03-03") }, At("2025-03-03")));
        steps.Add(c.RecordApplication(new SimpleStepInput { Date = Day("2025-04-01") }, At("2025-04-01")));
        steps.Add(c.RecordPersonalHistory(new PersonalHistoryInput
        {
            Date = Day("2025-05-02"), People = [new RelativeVerification { Relationship = "Cha", FullName = "Võ Văn Cha", Result = VerificationResult.Verified }],
        }, At("2025-05-02")));
        steps.Add(c.RecordIntroduction(new IntroductionInput
        {
            Date = Day("2025-06-02"), Path = IntroductionPath.TwoMembers,
            Introducers = [new IntroducerInput { MemberId = d.MemberA, Status = MemberStatus.Official, OfficialSince = new DateOnly(2011, 5, 19), TogetherSince = new DateOnly(2020, 1, 1) },
                           new IntroducerInput { MemberId = d.CommitteeMemberId, Status = MemberStatus.Official, OfficialSince = new DateOnly(2011, 5, 19), TogetherSince = new DateOnly(2020, 1, 1) }],
        }, At("2025-06-02")));
        steps.Add(c.RecordOpinions(new SimpleStepInput { Date = Day("2025-06-16") }, At("2025-06-16")));
        if (fixture == Fixture.ReadyForVote) return steps;
        steps.Add(c.RecordCellVote(new CellVoteInput { Date = Day("2025-07-01"), For = 3, Against = 0, Present = 3 }, new CellRoster(3, 0, false), At("2025-07-01")));
        steps.Add(c.RecordDecision(new DecisionInput { Date = Day("2025-08-01"), ReceivedByCellOn = Day("2025-08-04") }, At("2025-08-04")));
        steps.Add(c.RecordCeremony(new CeremonyInput { Date = Day("2025-08-20") }, At("2025-08-20")));
        return steps;
    }
}

public sealed class StepParityTests_Sqlite(SqliteApp app) : StepParityTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class StepParityTests_Postgres(PostgresApp app) : StepParityTests<PostgresApp>(app), IClassFixture<PostgresApp>;
