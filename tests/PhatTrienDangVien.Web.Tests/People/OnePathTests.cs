using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Tests.Admission;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.People;

/// <summary>
/// Members and candidates are written by one command each, whether by form or by API: the two bugs that came from two
/// paths stay fixed, and neither path loses an edit to a save made in between (both versions shown, nothing overwritten).
/// </summary>
public abstract class OnePathTests<TApp>(TApp app) where TApp : AppFactory
{
    private static int s_people;
    private static string S(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<JsonObject> CreateAsync(HttpClient client, string kind, int? mentor = null)
    {
        var n = Interlocked.Increment(ref s_people);
        object body = kind == "members"
            ? new { person = new { fullName = $"Đào Văn Thử {Words(n)}", dateOfBirth = "1985-04-30", gender = "Male" }, member = new { cellId = app.Data.CellA, status = "Official" } }
            : new
            {
                person = new { fullName = $"Mai Thị Thử {Words(n)}", dateOfBirth = "2001-02-03", gender = "Female" },
                candidate = new { cellId = app.Data.CellA, addedOn = "2026-09-01", sourceCategoryIds = new[] { app.Data.SourceCategoryId }, mentorMemberId = mentor },
            };
        var r = await client.PostAsJsonAsync($"/api/{kind}", body);
        r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        return (await r.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    // Names have no digits: the people forms refuse them.
    private static string Words(int n) => string.Concat(n.ToString(CultureInfo.InvariantCulture).Select(Digit)).Trim();

    private static string Digit(char c) => c switch
    {
        '0' => "Không", '1' => "Một", '2' => "Hai", '3' => "Ba", '4' => "Bốn", '5' => "Năm", '6' => "Sáu", '7' => "Bảy", '8' => "Tám", _ => "Chín",
    } + " ";

    [Fact]
    public async Task Changing_the_mentor_through_the_candidates_api_is_refused_and_the_timeline_keeps_its_mentor_step()
    {
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var created = await CreateAsync(office, "candidates", mentor: app.Data.MentorMemberA);
        var id = (int)created["id"]!;
        created["candidate"]!["mentorMemberId"] = app.Data.MemberA;
        var put = await office.PutAsJsonAsync($"/api/candidates/{id}", created);
        put.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await put.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("candidate.mentorMemberId")[0].GetString()!.ShouldContain("Quá trình kết nạp");

        var stored = await app.WithSystemScopeAsync(db => db.Candidates.Where(c => c.Id == id).Select(c => c.MentorMemberId).SingleAsync());
        stored.ShouldBe(app.Data.MentorMemberA);
        var timeline = await AdmissionHttp.TimelineAsync(office, id);
        var mentorSteps = timeline.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("kind").GetString() == "MentorAssigned").ToList();
        mentorSteps.Count.ShouldBe(1);
        mentorSteps[0].GetProperty("details").GetProperty("mentorMemberId").GetInt32().ShouldBe(app.Data.MentorMemberA);

        // The same body with the mentor as it is saves (the other fields may change).
        created["candidate"]!["mentorMemberId"] = app.Data.MentorMemberA;
        created["candidate"]!["strengths"] = "Tích cực trong Đoàn";
        (await office.PutAsJsonAsync($"/api/candidates/{id}", created)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_mentor_records_an_assessment_of_their_own_candidate_by_the_api_as_on_the_form()
    {
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var id = (int)(await CreateAsync(office, "candidates", mentor: app.Data.MentorMemberA))["id"]!;
        var mentor = await Browser.LoginAsync(app, "mentor");
        var (status, body) = await AdmissionHttp.PostAsync(mentor.Client, id,
            new { kind = "MentorAssessment", date = "2026-10-01", mentorMemberId = app.Data.MentorMemberA, note = "Tiến bộ rõ." });
        status.ShouldBe(HttpStatusCode.Created, body.ToString());
        var form = await mentor.PostFormAsync($"/Candidates/Step/{id}?kind=MentorAssessment",
            new() { ["Form.Date"] = "2026-10-02", ["Form.MentorMemberId"] = S(app.Data.MentorMemberA), ["Form.Note"] = "Vẫn tiến bộ." });
        form.StatusCode.ShouldBe(HttpStatusCode.Redirect, await form.Content.ReadAsStringAsync());
        // Not someone else's step, by either path.
        (status, _) = await AdmissionHttp.PostAsync(mentor.Client, id, new { kind = "Application", date = "2026-10-03" });
        status.ShouldBe(HttpStatusCode.Forbidden);
        var kinds = await app.WithSystemScopeAsync(db => db.AdmissionSteps.Where(s => s.CandidateId == id).Select(s => s.Kind).ToListAsync());
        kinds.Count(k => k == AdmissionStepKind.MentorAssessment).ShouldBe(2);
        kinds.ShouldNotContain(AdmissionStepKind.Application);
    }

    [Theory]
    [InlineData("members")]
    [InlineData("candidates")]
    public async Task An_edit_by_the_api_based_on_an_old_version_overwrites_nothing_and_shows_both_versions(string kind)
    {
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var created = await CreateAsync(office, kind);
        var id = (int)created["id"]!;
        var mine = JsonNode.Parse(created.ToJsonString())!.AsObject();
        var theirs = JsonNode.Parse(created.ToJsonString())!.AsObject();

        theirs["person"]!["occupation"] = "Nông dân";
        theirs["person"]!["hamletId"] = app.Data.HamletA;
        theirs["person"]!["ethnicityCode"] = "04";
        (await office.PutAsJsonAsync($"/api/{kind}/{id}", theirs)).StatusCode.ShouldBe(HttpStatusCode.OK);

        mine["person"]!["occupation"] = "Giáo viên";
        var stale = await office.PutAsJsonAsync($"/api/{kind}/{id}", mine);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var conflicts = (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conflicts").EnumerateArray()
            .ToDictionary(c => c.GetProperty("field").GetString()!, c => (c.GetProperty("yours").GetString(), c.GetProperty("theirs").GetString()));
        conflicts["Nghề nghiệp"].ShouldBe(("Giáo viên", "Nông dân"));
        // The hamlet by its name, never its id.
        conflicts["Ấp nơi cư trú"].ShouldBe((null, "Ấp Mỹ Lợi"));
        // A code of the national lists by its name too.
        conflicts["Dân tộc"].ShouldBe(("Kinh", Core.Reference.Ethnicities.Find("04")!.Name));

        var occupation = await app.WithSystemScopeAsync(db => kind == "members"
            ? db.Members.Where(m => m.Id == id).Select(m => m.Person.Occupation).SingleAsync()
            : db.Candidates.Where(c => c.Id == id).Select(c => c.Person.Occupation).SingleAsync());
        occupation.ShouldBe("Nông dân");
    }

    [Fact]
    public async Task A_step_kind_is_read_by_its_name_only_by_the_form_as_by_the_api()
    {
        var office = await Browser.LoginAsync(app, "office");
        var id = (int)(await CreateAsync(office.Client, "candidates"))["id"]!;
        var before = await app.WithSystemScopeAsync(db => db.AdmissionSteps.CountAsync(s => s.CandidateId == id));
        var form = await office.PostRawAsync($"/Candidates/Step/{id}?kind=2",
            [new("Form.Date", "2026-10-01"), new("Form.MentorMemberId", S(app.Data.MentorMemberA))], "/");
        form.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var (status, _) = await AdmissionHttp.PostAsync(office.Client, id, new { kind = "2", date = "2026-10-01", mentorMemberId = app.Data.MentorMemberA });
        status.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithSystemScopeAsync(db => db.AdmissionSteps.CountAsync(s => s.CandidateId == id))).ShouldBe(before);
    }

    [Fact]
    public async Task A_mentor_reads_their_own_name_on_the_candidates_they_follow_though_the_register_is_not_theirs_to_read()
    {
        var mentor = await Browser.LoginAsync(app, "mentor");
        var (r, doc) = await mentor.GetAsync($"/Candidates/Details/{app.Data.CandidateA}");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        doc.Body!.TextContent.ShouldContain("Trần Thị Bình");
        var (_, list) = await mentor.GetAsync("/Candidates");
        list.Body!.TextContent.ShouldContain("Trần Thị Bình");
        (await mentor.Client.GetAsync($"/api/members/{app.Data.MentorMemberA}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_register_row_of_a_member_admitted_through_a_case_does_not_contradict_the_case()
    {
        var memberId = await app.WithSystemScopeAsync(async db =>
        {
            var person = TestData.NewPerson(app.Data.CommuneId, "Đỗ Thị Kết Nạp", "089305000777", null, 2000, Core.Reference.Gender.Female);
            db.Candidates.Add(new Core.People.Candidate
            {
                CommuneId = app.Data.CommuneId, CellId = app.Data.CellA, AddedOn = new DateOnly(2025, 1, 5), Person = person,
                Status = Core.People.CandidateStatus.Admitted,
            });
            var member = new Core.People.Member
            {
                CommuneId = app.Data.CommuneId, CellId = app.Data.CellA, Person = person, Status = Core.People.MemberStatus.Probationary,
                AdmissionDecisionDate = new DateOnly(2026, 3, 2), CeremonyDate = new DateOnly(2026, 3, 20), StatusDate = new DateOnly(2026, 3, 20),
            };
            db.Members.Add(member);
            await db.SaveChangesAsync();
            return member.Id;
        });
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var stored = (await office.GetFromJsonAsync<JsonObject>($"/api/members/{memberId}"))!;
        var moved = JsonNode.Parse(stored.ToJsonString())!.AsObject();
        moved["member"]!["ceremonyDate"] = "2026-01-05";
        (await office.PutAsJsonAsync($"/api/members/{memberId}", moved)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var official = JsonNode.Parse(stored.ToJsonString())!.AsObject();
        official["member"]!["status"] = "Official";
        (await office.PutAsJsonAsync($"/api/members/{memberId}", official)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var notes = JsonNode.Parse(stored.ToJsonString())!.AsObject();
        notes["member"]!["notes"] = "Đang học lớp bồi dưỡng đảng viên mới.";
        (await office.PutAsJsonAsync($"/api/members/{memberId}", notes)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_records_change_history_reads_in_vietnamese_with_names_for_codes_and_ids()
    {
        var office = await Browser.LoginAsync(app, "office");
        var id = (int)(await CreateAsync(office.Client, "members"))["id"]!;
        var (_, doc) = await office.GetAsync($"/Members/Details/{id}");
        var history = doc.QuerySelector("details")!.TextContent;
        history.ShouldContain("Họ và tên");
        history.ShouldContain("Giới tính: (trống) → Nam");
        history.ShouldContain("Chi bộ: (trống) → Chi bộ Ấp Mỹ Lợi");
        history.ShouldContain("Tình trạng: (trống) → Chính thức");
        foreach (var raw in new[] { "FullName", "CommuneId", "CellId", "PersonId", "Gender:", "IsDemo", "-21474" })
            history.ShouldNotContain(raw);
    }

    [Fact]
    public async Task An_overlong_field_is_refused_in_vietnamese_the_same_by_the_api_and_the_form()
    {
        var office = await Browser.LoginAsync(app, "office");
        var created = await CreateAsync(office.Client, "members");
        var id = (int)created["id"]!;
        created["member"]!["notes"] = new string('x', 2001);
        var api = await office.Client.PutAsJsonAsync($"/api/members/{id}", created);
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("member.notes")[0].GetString()
            .ShouldBe("Ghi chú tối đa 2000 ký tự.");
        var form = await office.PostFormAsync($"/Members/Edit/{id}", new() { ["Member.Notes"] = new string('x', 2001) });
        form.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await form.Content.ReadAsStringAsync()).ShouldContain("Ghi chú tối đa 2000 ký tự.");
    }

    [Theory]
    [InlineData("Members")]
    [InlineData("Candidates")]
    public async Task An_edit_by_the_form_based_on_an_old_version_overwrites_nothing_shows_both_and_saves_when_sent_again(string page)
    {
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var id = (int)(await CreateAsync(office, page.ToLowerInvariant()))["id"]!;
        var url = $"/{page}/Edit/{id}";
        var a = await Browser.LoginAsync(app, "office");
        var b = await Browser.LoginAsync(app, "admin");
        var (_, opened) = await a.GetAsync(url);
        var aForm = Browser.FormValues(opened);

        (await b.PostFormAsync(url, new() { ["Person.Occupation"] = "Nông dân", ["Person.HamletId"] = S(app.Data.HamletA) }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        aForm.RemoveAll(f => f.Key == "Person.Occupation");
        aForm.Add(new("Person.Occupation", "Giáo viên"));
        var stale = await a.Client.PostAsync(url, new FormUrlEncodedContent(aForm));
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var doc = new HtmlParser().ParseDocument(await stale.Content.ReadAsStringAsync());
        var table = doc.QuerySelector(".conflict")!.TextContent;
        table.ShouldContain("Nghề nghiệp");
        table.ShouldContain("Nông dân");
        table.ShouldContain("Ấp Mỹ Lợi");
        table.ShouldNotContain($">{app.Data.HamletA}<");
        (await OccupationAsync(page, id)).ShouldBe("Nông dân");

        // Having seen the other version, the user saves theirs: the form now carries the current version.
        var again = await a.Client.PostAsync(url, new FormUrlEncodedContent(Browser.FormValues(doc)));
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect, await again.Content.ReadAsStringAsync());
        (await OccupationAsync(page, id)).ShouldBe("Giáo viên");
    }

    private Task<string?> OccupationAsync(string page, int id) => app.WithSystemScopeAsync(db => page == "Members"
        ? db.Members.Where(m => m.Id == id).Select(m => m.Person.Occupation).SingleAsync()
        : db.Candidates.Where(c => c.Id == id).Select(c => c.Person.Occupation).SingleAsync());
}

public sealed class OnePathTests_Sqlite(SqliteApp app) : OnePathTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class OnePathTests_Postgres(PostgresApp app) : OnePathTests<PostgresApp>(app), IClassFixture<PostgresApp>;
