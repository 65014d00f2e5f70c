using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Admission.AdmissionHttp;

namespace PhatTrienDangVien.Web.Tests.Admission;

/// <summary>
/// One candidate of cell A through the whole procedure by API, the clock moving as real time would. This class owns
/// its application (and clock): no other test moves time under it.
/// </summary>
public abstract class AdmissionJourneyTests<TApp>(TApp app) where TApp : AppFactory
{
    [Fact]
    public async Task A_candidate_goes_from_the_source_pool_to_official_member_by_api()
    {
        var data = app.Data;
        var id = data.CandidateA;
        var client = (await Browser.LoginAsync(app, "secretary")).Client;
        async Task<HttpClient> DayAsync(string day)
        {
            Today(app, D(day));
            // A sign-in does not last weeks of (fake) time: the secretary signs in again, as they would.
            return (await Browser.LoginAsync(app, "secretary")).Client;
        }

        // The fixture's clock starts on Friday 20/11/2026.
        VietnamToday(app).ShouldBe(D("2026-11-20"));
        var t = await TimelineAsync(client, id);
        t.Str("stage").ShouldBe("NotStarted");
        t.GetProperty("steps").GetArrayLength().ShouldBe(0);
        t.GetProperty("nextAction").Str("kind").ShouldBe("SourcePool");

        t = await StepAsync(client, id, new { kind = "SourcePool", date = "2026-11-20", note = "Đoàn viên ưu tú" });
        t.Str("stage").ShouldBe("SourcePool");
        t.Str("stageName").ShouldBe("Quần chúng ưu tú");
        var first = t.LastStep();
        first.Str("kindName").ShouldBe("Đưa vào danh sách quần chúng ưu tú");
        first.Str("recordedBy").ShouldBe("secretary");
        first.Str("recordedAtUtc").ShouldBe("2026-11-20T03:00:00Z");
        first.Str("note").ShouldBe("Đoàn viên ưu tú");

        client = await DayAsync("2026-11-23");
        t = await StepAsync(client, id, new { kind = "MentorAssigned", date = "2026-11-23", documentNumber = "05-QĐ/CB", mentorMemberId = data.MentorMemberA });
        t.GetProperty("candidate").GetProperty("mentorMemberId").GetInt32().ShouldBe(data.MentorMemberA);

        client = await DayAsync("2026-12-04");
        await StepAsync(client, id, new { kind = "AwarenessClass", date = "2026-12-04", certificateNumber = "125/GCN-TTCT", certificateDate = "2026-12-04" });
        client = await DayAsync("2026-12-14");
        await StepAsync(client, id, new { kind = "Application", date = "2026-12-14" });
        client = await DayAsync("2027-01-15");
        await StepAsync(client, id, new
        {
            kind = "PersonalHistory", date = "2027-01-15",
            people = new[]
            {
                new { relationship = "Bản thân", fullName = "Võ Minh Đức", result = "Verified" },
                new { relationship = "Cha", fullName = "Võ Văn Hải", result = "Verified" },
                new { relationship = "Mẹ", fullName = "Lê Thị Hoa", result = "ExemptPartyMember" },
            },
        });
        client = await DayAsync("2027-01-20");
        t = await StepAsync(client, id, new
        {
            kind = "Introduction", date = "2027-01-20", path = "TwoMembers",
            introducers = new[] { new { memberId = data.MemberA, togetherSince = "2024-06-01" }, new { memberId = data.CommitteeMemberId, togetherSince = "2025-01-10" } },
        });
        var intro = t.LastStep().GetProperty("details");
        intro.GetProperty("introducers")[0].GetProperty("monthsTogether").GetInt32().ShouldBe(31);
        intro.GetProperty("introducers")[1].GetProperty("monthsTogether").GetInt32().ShouldBe(24);
        client = await DayAsync("2027-01-25");
        await StepAsync(client, id, new { kind = "Opinions", date = "2027-01-25", documentNumber = "5-KNĐ" });

        // Cell vote on Monday 1/2/2027: 3 official members, 2 needed.
        client = await DayAsync("2027-02-01");
        t = await StepAsync(client, id, new { kind = "CellVote", date = "2027-02-01", documentNumber = "06-NQ/CB", @for = 3, against = 0, present = 3 });
        t.Str("stage").ShouldBe("CellApproved");
        var vote = t.LastStep();
        vote.Str("outcome").ShouldBe("Approved");
        vote.GetProperty("details").GetProperty("denominator").GetInt32().ShouldBe(3);
        vote.GetProperty("details").GetProperty("votesNeeded").GetInt32().ShouldBe(2);
        t.GetProperty("keyDates").Date("cellResolution").ShouldBe(D("2027-02-01"));

        // 60 working days from 1/2/2027, asked of the public calendar: Tết Đinh Mùi (6/2/2027) lies inside.
        var wd = await client.GetFromJsonAsync<JsonElement>("/api/calendar/working-days?from=2027-02-01&days=60");
        var decisionDue = wd.Date("result");
        // 60 working days are 12 weeks (84 days) without holidays; Tết adds at least its weekdays off.
        decisionDue.ShouldBeGreaterThan(D("2027-02-01").AddDays(84 + 3));
        wd.GetProperty("holidaysSkipped").EnumerateArray().Select(h => h.Date("date")).ShouldContain(D("2027-02-08"));
        var next = t.GetProperty("nextAction");
        next.Str("kind").ShouldBe("Decision");
        next.Date("dueDate").ShouldBe(decisionDue);
        next.GetProperty("workingDaysLeft").GetInt32().ShouldBe(60);
        var deadline = t.GetProperty("deadlines").EnumerateArray().Single(d => d.Str("kind") == "Decision");
        deadline.Date("dueDate").ShouldBe(decisionDue);
        deadline.Str("ruleKey").ShouldBe("DecisionDeadlineWorkingDays");

        client = await DayAsync("2027-03-17");
        t = await StepAsync(client, id, new { kind = "Decision", date = "2027-03-15", documentNumber = "123-QĐ/ĐU", receivedByCellOn = "2027-03-17", decidingBody = "Ban Thường vụ Đảng ủy xã" });
        t.Str("stage").ShouldBe("Decided");
        t.LastStep().GetProperty("isLate").GetBoolean().ShouldBeFalse();
        var ceremonyDue = (await client.GetFromJsonAsync<JsonElement>("/api/calendar/working-days?from=2027-03-17&days=30")).Date("result");
        t.GetProperty("nextAction").Date("dueDate").ShouldBe(ceremonyDue);

        client = await DayAsync("2027-03-26");
        t = await StepAsync(client, id, new { kind = "Ceremony", date = "2027-03-26" });
        t.Str("stage").ShouldBe("Probation");
        t.GetProperty("keyDates").Date("ceremony").ShouldBe(D("2027-03-26"));
        t.GetProperty("keyDates").Date("probationEnd").ShouldBe(D("2028-03-26"));
        t.GetProperty("keyDates").Date("decision").ShouldBe(D("2027-03-15"));
        t.GetProperty("keyDates").GetProperty("official").ValueKind.ShouldBe(JsonValueKind.Null);
        t.GetProperty("nextAction").Str("kind").ShouldBe("NewMemberClass");
        t.GetProperty("nextAction").Date("dueDate").ShouldBe(D("2028-03-26"));
        t.GetProperty("candidate").Str("status").ShouldBe("Admitted");

        var personId = await app.WithSystemScopeAsync(db => db.Candidates.Where(c => c.Id == id).Select(c => c.PersonId).SingleAsync());
        var member = await app.WithSystemScopeAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.PersonId == personId));
        member.Status.ShouldBe(MemberStatus.Probationary);
        member.CellId.ShouldBe(data.CellA);
        member.CeremonyDate.ShouldBe(D("2027-03-26"));
        member.AdmissionDecisionDate.ShouldBe(D("2027-03-15"));
        member.AdmissionDecisionNumber.ShouldBe("123-QĐ/ĐU");

        client = await DayAsync("2027-03-29");
        await StepAsync(client, id, new { kind = "ProbationMentorAssigned", date = "2027-03-29", mentorMemberId = data.MentorMemberA });
        client = await DayAsync("2027-06-10");
        t = await StepAsync(client, id, new { kind = "NewMemberClass", date = "2027-06-10", certificateNumber = "88/GCN-TTCT", certificateDate = "2027-06-10" });
        next = t.GetProperty("nextAction");
        next.Str("kind").ShouldBe("RecognitionVote");
        next.Date("notBefore").ShouldBe(D("2028-03-26"));
        var reviewDue = (await client.GetFromJsonAsync<JsonElement>("/api/calendar/working-days?from=2028-03-26&days=30")).Date("result");
        next.Date("dueDate").ShouldBe(reviewDue);
        t.GetProperty("allowedNext").EnumerateArray().Select(k => k.Str("kind")).ShouldNotContain("RecognitionVote");

        // A year later: probation has ended (Sunday 26/3/2028); the new member does not vote yet, 3 official members do.
        client = await DayAsync("2028-03-27");
        t = await TimelineAsync(client, id);
        t.GetProperty("allowedNext").EnumerateArray().Select(k => k.Str("kind")).ShouldContain("RecognitionVote");
        t = await StepAsync(client, id, new { kind = "RecognitionVote", date = "2028-03-27", documentNumber = "13-KNĐ", @for = 3, against = 0, present = 3 });
        t.Str("stage").ShouldBe("RecognitionApproved");
        t.LastStep().GetProperty("details").GetProperty("members").GetInt32().ShouldBe(3);

        client = await DayAsync("2028-04-05");
        t = await StepAsync(client, id, new { kind = "RecognitionDecision", date = "2028-04-05", documentNumber = "200-QĐ/ĐU" });
        t.Str("stage").ShouldBe("Official");
        t.GetProperty("nextAction").ValueKind.ShouldBe(JsonValueKind.Null);
        t.GetProperty("keyDates").Date("official").ShouldBe(D("2028-03-26"));
        t.GetProperty("steps").GetArrayLength().ShouldBe(14);
        t.GetProperty("steps").EnumerateArray().All(s => !s.GetProperty("isLate").GetBoolean()).ShouldBeTrue();

        member = await app.WithSystemScopeAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.PersonId == personId));
        member.Status.ShouldBe(MemberStatus.Official);
        member.OfficialDate.ShouldBe(D("2027-03-26").AddMonths(12));
        member.OfficialDate.ShouldBe(D("2028-03-26"));
        (await app.WithSystemScopeAsync(db => db.AdmissionSteps.CountAsync(s => s.CandidateId == id))).ShouldBe(14);
    }
}

public sealed class AdmissionJourneyTests_Sqlite(SqliteApp app) : AdmissionJourneyTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class AdmissionJourneyTests_Postgres(PostgresApp app) : AdmissionJourneyTests<PostgresApp>(app), IClassFixture<PostgresApp>;
