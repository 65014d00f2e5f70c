using PhatTrienDangVien.Core.Admission;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Admission.AdmissionHttp;

namespace PhatTrienDangVien.Web.Tests.Admission;

/// <summary>
/// Refusals, bad input, scope and the rules listing of the admission API. The clock is not moved here: every test
/// makes a case of its own, dated in November 2026 up to the fixture's today (20/11/2026).
/// </summary>
public abstract class AdmissionApiTests<TApp>(TApp app) where TApp : AppFactory
{
    private TestData Data => app.Data;

    private Task<int> StepsInDbAsync(int candidateId) => app.WithSystemScopeAsync(db => db.AdmissionSteps.CountAsync(s => s.CandidateId == candidateId));

    private static void ShouldBeRefused(HttpStatusCode status, JsonElement problem, string rule, bool namesTheRule = true)
    {
        status.ShouldBe(HttpStatusCode.UnprocessableEntity, problem.ToString());
        problem.GetProperty("status").GetInt32().ShouldBe(422);
        problem.Str("rule").ShouldBe(rule);
        problem.Str("citation").ShouldNotBeNullOrWhiteSpace();
        if (namesTheRule) problem.Str("detail").ShouldContain("Quy định:");
    }

    [Fact]
    public async Task Refused_steps_return_422_with_the_rule_and_leave_the_timeline_unchanged()
    {
        var client = (await Browser.LoginAsync(app, "secretary")).Client;
        var id = await NewCandidateAsync(app, Data.CellA, "Đặng Văn Khoa", "089095000101", D("1995-05-10"));
        var t = await ToCellVoteAsync(client, Data, id, D("2026-11-02"), stopBeforeIntroduction: true);
        t.Str("stage").ShouldBe("HistoryVerified");

        // The cell cannot vote before the introduction.
        var (status, problem) = await PostAsync(client, id, new { kind = "CellVote", date = "2026-11-10", @for = 3, against = 0, present = 3 });
        ShouldBeRefused(status, problem, "StepOrder");
        problem.Str("detail").ShouldContain("Nghị quyết chi bộ đề nghị kết nạp");
        var after = await TimelineAsync(client, id);
        after.StepCount().ShouldBe(5);
        after.Str("stage").ShouldBe("HistoryVerified");
        (await StepsInDbAsync(id)).ShouldBe(5);

        await StepAsync(client, id, new
        {
            kind = "Introduction", date = "2026-11-10", path = "TwoMembers",
            introducers = new[] { new { memberId = Data.MemberA, togetherSince = "2020-01-01" }, new { memberId = Data.CommitteeMemberId, togetherSince = "2020-01-01" } },
        });
        await StepAsync(client, id, new { kind = "Opinions", date = "2026-11-11" });

        // A vote dated tomorrow (today is 20/11/2026).
        (status, problem) = await PostAsync(client, id, new { kind = "CellVote", date = "2026-11-21", @for = 3, against = 0, present = 3 });
        ShouldBeRefused(status, problem, "StepDate");
        problem.Str("detail").ShouldContain("21/11/2026");

        // More votes than voters present.
        (status, problem) = await PostAsync(client, id, new { kind = "CellVote", date = "2026-11-12", @for = 3, against = 1, present = 3 });
        ShouldBeRefused(status, problem, "VoteCounts");

        // Cell A has no exempted or transferred member: none can be left out of the denominator.
        (status, problem) = await PostAsync(client, id, new { kind = "CellVote", date = "2026-11-12", @for = 2, against = 0, present = 2, excludedAbsent = 1 });
        ShouldBeRefused(status, problem, "VoteCounts", namesTheRule: false);
        problem.Str("detail").ShouldContain("từ 0 đến 0");

        // Dated before the previous step.
        (status, problem) = await PostAsync(client, id, new { kind = "CellVote", date = "2026-11-09", @for = 3, against = 0, present = 3 });
        ShouldBeRefused(status, problem, "StepDate");

        after = await TimelineAsync(client, id);
        after.StepCount().ShouldBe(7);
        after.Str("stage").ShouldBe("OpinionsCollected");
        after.GetProperty("keyDates").GetProperty("cellResolution").ValueKind.ShouldBe(JsonValueKind.Null);
        (await StepsInDbAsync(id)).ShouldBe(7);
    }

    [Fact]
    public async Task A_vote_below_two_thirds_of_the_denominator_is_refused_and_the_cell_may_vote_again()
    {
        // A cell of 5 official members, one of them exempted (miễn sinh hoạt): absent, they leave the denominator (4, 3 needed).
        var cellId = await app.WithSystemScopeAsync(async db =>
        {
            var cell = new Organisation
            {
                CommuneId = Data.CommuneId, Name = "Chi bộ Ấp Tân Hòa",
                Kind = OrganisationKind.Cell, ParentId = Data.CommuneId, CellKind = CellKind.Hamlet,
            };
            db.Organisations.Add(cell);
            await db.SaveChangesAsync();
            for (var i = 0; i < 5; i++)
            {
                db.Members.Add(new Member
                {
                    CommuneId = Data.CommuneId, CellId = cell.Id, Status = MemberStatus.Official, IsExempt = i == 4,
                    OfficialDate = new DateOnly(2015, 1, 1),
                    Person = TestData.NewPerson(Data.CommuneId, $"Đảng viên Tân Hòa {i + 1}", $"08907000020{i}", null, 1970),
                });
            }
            db.Members.Add(new Member
            {
                CommuneId = Data.CommuneId, CellId = cell.Id, Status = MemberStatus.Probationary,
                Person = TestData.NewPerson(Data.CommuneId, "Đảng viên dự bị Tân Hòa", "089070000299", null, 1990),
            });
            await db.SaveChangesAsync();
            return cell.Id;
        });
        var client = (await Browser.LoginAsync(app, "office")).Client;
        var id = await NewCandidateAsync(app, cellId, "Trịnh Thị Mai", "089196000102", D("1996-02-29"));
        var mentor = await app.WithSystemScopeAsync(db => db.Members.Where(m => m.CellId == cellId && m.Status == MemberStatus.Official)
            .OrderBy(m => m.Id).Select(m => m.Id).FirstAsync());
        await ToCellVoteAsync(client, Data, id, D("2026-11-02"), mentorMemberId: mentor);

        // One exempted member absent: the denominator is 4 and 2 votes of 4 are refused (3 needed); nothing is recorded.
        var before = await TimelineAsync(client, id);
        var (status, problem) = await PostAsync(client, id, new { kind = "CellVote", date = "2026-11-12", documentNumber = "01-NQ/CB", @for = 2, against = 2, present = 4, excludedAbsent = 1 });
        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        problem.Str("rule").ShouldBe(RuleParameterKeys.VoteNumerator);
        problem.Str("detail").ShouldContain("2/4");
        problem.Str("detail").ShouldContain("chưa đủ 3");
        var after = await TimelineAsync(client, id);
        after.StepCount().ShouldBe(before.StepCount());
        after.Str("stage").ShouldBe("OpinionsCollected");
        after.GetProperty("nextAction").Str("kind").ShouldBe("CellVote");

        // Present everyone: the denominator is 5 and 3 votes of 5 are not 2/3 (4 needed).
        (status, problem) = await PostAsync(client, id, new { kind = "CellVote", date = "2026-11-16", @for = 3, against = 2, present = 5 });
        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        problem.Str("detail").ShouldContain("chưa đủ 4");

        var t = await StepAsync(client, id, new { kind = "CellVote", date = "2026-11-19", @for = 3, against = 1, present = 4, excludedAbsent = 1 });
        t.LastStep().GetProperty("details").GetProperty("members").GetInt32().ShouldBe(5);
        t.LastStep().GetProperty("details").GetProperty("denominator").GetInt32().ShouldBe(4);
        t.LastStep().GetProperty("details").GetProperty("votesNeeded").GetInt32().ShouldBe(3);
        t.LastStep().Str("outcome").ShouldBe("Approved");
        t.Str("stage").ShouldBe("CellApproved");
        t.GetProperty("keyDates").Date("cellResolution").ShouldBe(D("2026-11-19"));
    }

    [Fact]
    public async Task Introducers_status_and_youth_union_membership_come_from_the_register_not_from_the_client()
    {
        var probationaryId = await app.WithSystemScopeAsync(async db =>
        {
            var m = new Member
            {
                CommuneId = Data.CommuneId, CellId = Data.CellA, Status = MemberStatus.Probationary, CeremonyDate = new DateOnly(2026, 5, 19),
                Person = TestData.NewPerson(Data.CommuneId, "Mai Văn Dự", "089098000103", null, 1998),
            };
            db.Members.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
        var client = (await Browser.LoginAsync(app, "secretary")).Client;
        var id = await NewCandidateAsync(app, Data.CellA, "Lý Thanh Tâm", "089201000104", D("2001-08-08"));
        await ToCellVoteAsync(client, Data, id, D("2026-11-02"), stopBeforeIntroduction: true);

        // A client claiming official status has no field to do it in: the register says probationary.
        var (status, problem) = await PostAsync(client, id, new
        {
            kind = "Introduction", date = "2026-11-10", path = "TwoMembers",
            introducers = new object[]
            {
                new { memberId = Data.MemberA, togetherSince = "2020-01-01" },
                new { memberId = probationaryId, togetherSince = "2020-01-01", status = "Official", officialSince = "2020-01-01" },
            },
        });
        ShouldBeRefused(status, problem, "IntroducerIsOfficial");

        // The person record says the applicant is not a Youth Union member; the client's claim is ignored.
        (status, problem) = await PostAsync(client, id, new
        {
            kind = "Introduction", date = "2026-11-10", path = "YouthUnion", organisationResolutionNumber = "12-NQ/ĐTN",
            applicantIsYouthUnionMember = true,
            introducers = new[] { new { memberId = Data.MemberA, togetherSince = "2020-01-01" } },
        });
        ShouldBeRefused(status, problem, "YouthUnionMembership");

        // Together for 11 months only.
        (status, problem) = await PostAsync(client, id, new
        {
            kind = "Introduction", date = "2026-11-10", path = "TwoMembers",
            introducers = new[] { new { memberId = Data.MemberA, togetherSince = "2020-01-01" }, new { memberId = Data.CommitteeMemberId, togetherSince = "2025-12-10" } },
        });
        ShouldBeRefused(status, problem, "IntroducerMinMonthsTogether");
        problem.Str("detail").ShouldContain("11 tháng");

        await app.WithSystemScopeAsync(async db =>
        {
            var person = await db.Candidates.Where(c => c.Id == id).Select(c => c.Person).SingleAsync();
            person.IsYouthUnionMember = true;
            return await db.SaveChangesAsync();
        });
        var t = await StepAsync(client, id, new
        {
            kind = "Introduction", date = "2026-11-10", path = "YouthUnion", organisationResolutionNumber = "12-NQ/ĐTN",
            introducers = new[] { new { memberId = Data.MemberA, togetherSince = "2020-01-01" } },
        });
        t.Str("stage").ShouldBe("Introduced");
        t.LastStep().GetProperty("details").Str("path").ShouldBe("YouthUnion");
        (await StepsInDbAsync(id)).ShouldBe(6);
    }

    [Fact]
    public async Task Bad_input_is_a_400_problem_in_vietnamese_and_saves_nothing()
    {
        var client = (await Browser.LoginAsync(app, "secretary")).Client;
        var id = await NewCandidateAsync(app, Data.CellA, "Phan Quốc Bảo", "089099000105", D("1999-12-31"));

        var (status, problem) = await PostAsync(client, id, new { kind = "Coronation", date = "2026-11-02" });
        status.ShouldBe(HttpStatusCode.BadRequest);
        problem.Str("detail").ShouldContain("Loại bước \"Coronation\" không có trong thủ tục");

        (status, _) = await PostAsync(client, id, new { kind = "9", date = "2026-11-02" });
        status.ShouldBe(HttpStatusCode.BadRequest);
        // Two names joined by a comma were ORed into a third step (SourcePool|MentorAssigned = 3, the assessment).
        foreach (var joined in new[] { "SourcePool,MentorAssigned", "Ceremony, Decision", "SourcePool|Application" })
        {
            (status, problem) = await PostAsync(client, id, new { kind = joined, date = "2026-11-02" });
            status.ShouldBe(HttpStatusCode.BadRequest, joined);
            problem.Str("detail").ShouldContain("không có trong thủ tục");
            (await client.GetAsync($"/Candidates/Step/{id}?kind={Uri.EscapeDataString(joined)}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, joined);
        }
        (await StepsInDbAsync(id)).ShouldBe(0);
        // A bad value in the address is said to be in the address, not in a body there is none of.
        var query = await client.GetAsync("/api/candidates?page=abc");
        query.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var queryProblem = System.Text.Json.JsonDocument.Parse(await query.Content.ReadAsStringAsync()).RootElement;
        queryProblem.Str("detail").ShouldContain("tham số trên địa chỉ");
        queryProblem.Str("detail").ShouldNotContain("JSON");

        (status, problem) = await PostAsync(client, id, new { kind = "SourcePool" });
        status.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("date")[0].GetString()!.ShouldContain("Hãy nhập ngày");

        await StepAsync(client, id, new { kind = "SourcePool", date = "2026-11-02" });
        (status, problem) = await PostAsync(client, id, new { kind = "MentorAssigned", date = "2026-11-03" });
        status.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("mentorMemberId")[0].GetString()!.ShouldContain("Hãy chọn đảng viên giúp đỡ");

        // A member who does not exist is refused by the same rule as a member of another cell, and no id is echoed back.
        (status, problem) = await PostAsync(client, id, new { kind = "MentorAssigned", date = "2026-11-03", mentorMemberId = 999_999 });
        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        problem.Str("detail").ShouldContain("đảng viên chính thức của cùng chi bộ");
        problem.Str("rule").ShouldBe("MentorEligibility");

        (status, problem) = await PostAsync(client, id, new { kind = "CellVote", date = "2026-11-03", @for = 3, present = 3 });
        status.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("against")[0].GetString()!.ShouldContain("không tán thành");

        var raw = await client.PostAsync($"/api/candidates/{id}/steps", new StringContent("{\"kind\":\"Application\",\"date\":\"03/11/2026\"}", Encoding.UTF8, "application/json"));
        raw.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await raw.Content.ReadFromJsonAsync<JsonElement>()).Str("detail").ShouldContain("YYYY-MM-DD");

        (await StepsInDbAsync(id)).ShouldBe(1);
        (await TimelineAsync(client, id)).Str("stage").ShouldBe("SourcePool");
    }

    [Fact]
    public async Task A_user_of_cell_A_cannot_read_or_write_a_case_of_cell_B_and_the_inspector_cannot_write()
    {
        var secretary = (await Browser.LoginAsync(app, "secretary")).Client;
        var r = await secretary.GetAsync($"/api/candidates/{Data.CandidateB}/timeline");
        r.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await r.Content.ReadAsStringAsync()).ShouldNotContain("Huỳnh Ngọc Ánh");
        var (status, _) = await PostAsync(secretary, Data.CandidateB, new { kind = "SourcePool", date = "2026-11-02" });
        status.ShouldBe(HttpStatusCode.NotFound);

        var mentor = (await Browser.LoginAsync(app, "mentor")).Client;
        (await mentor.GetAsync($"/api/candidates/{Data.CandidateB}/timeline")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (status, _) = await PostAsync(mentor, Data.CandidateA, new { kind = "SourcePool", date = "2026-11-02" });
        status.ShouldBe(HttpStatusCode.Forbidden);

        var inspector = (await Browser.LoginAsync(app, "inspector")).Client;
        (await inspector.GetAsync($"/api/candidates/{Data.CandidateB}/timeline")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (status, _) = await PostAsync(inspector, Data.CandidateB, new { kind = "SourcePool", date = "2026-11-02" });
        status.ShouldBe(HttpStatusCode.Forbidden);
        (status, _) = await PostAsync(inspector, Data.CandidateA, new { kind = "SourcePool", date = "2026-11-02" });
        status.ShouldBe(HttpStatusCode.Forbidden);

        var anonymous = Browser.Anonymous(app).Client;
        (await anonymous.GetAsync($"/api/candidates/{Data.CandidateA}/timeline")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/rules")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await StepsInDbAsync(Data.CandidateB)).ShouldBe(0);
        (await StepsInDbAsync(Data.CandidateA)).ShouldBe(0);
    }

    [Fact]
    public async Task The_rules_listing_gives_every_parameter_in_force_with_its_citation()
    {
        var client = (await Browser.LoginAsync(app, "mentor")).Client;
        var rules = await client.GetFromJsonAsync<JsonElement>("/api/rules");
        rules.Date("date").ShouldBe(D("2026-11-20"));
        var inForce = rules.GetProperty("inForce").EnumerateArray().ToDictionary(r => r.Str("key"));
        inForce.Count.ShouldBe(18);
        inForce["DecisionDeadlineWorkingDays"].GetProperty("value").GetDecimal().ShouldBe(60m);
        inForce["DecisionDeadlineWorkingDays"].GetProperty("isConfirmed").GetBoolean().ShouldBeFalse();
        inForce["DecisionDeadlineWorkingDays"].Str("citation").ShouldContain("294-QĐ/TW");
        inForce["MinAgeMonths"].GetProperty("value").GetDecimal().ShouldBe(216m);
        inForce["MinAgeMonths"].GetProperty("isConfirmed").GetBoolean().ShouldBeTrue();
        inForce["ProbationMonths"].Str("unit").ShouldBe("tháng");
        inForce["ProbationMonths"].Str("citation").ShouldBe("Điều lệ Đảng, Điều 5");
        rules.GetProperty("versions").GetArrayLength().ShouldBeGreaterThanOrEqualTo(18);
    }
}

public sealed class AdmissionApiTests_Sqlite(SqliteApp app) : AdmissionApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class AdmissionApiTests_Postgres(PostgresApp app) : AdmissionApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
