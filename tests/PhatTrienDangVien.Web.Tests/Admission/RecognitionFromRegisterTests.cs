using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Tests.Import;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Admission.AdmissionHttp;
using static PhatTrienDangVien.Web.Tests.Import.ImportPages;

namespace PhatTrienDangVien.Web.Tests.Admission;

/// <summary>
/// A probationary member brought in from the register (admitted before the software, so without a case) goes through
/// probation and recognition: "Mở hồ sơ xét công nhận chính thức" on the member page or by API, the steps, the forms,
/// the member made official; the refusals, the scope, the Probation report and the import's undo. This class owns its
/// application (and clock): the journey moves time.
/// </summary>
public abstract class RecognitionFromRegisterTests<TApp>(TApp app) where TApp : AppFactory
{
    private static readonly string[] s_header =
        ["STT", "Họ và tên", "Ngày, tháng, năm sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Tình trạng", "Ngày quyết định kết nạp", "Số quyết định kết nạp", "Chi bộ"];

    /// <summary>Imports the rows (as the commune office, by API) and returns the batch's id.</summary>
    private async Task<int> ImportAsync(params XCell[][] rows)
    {
        var file = Xlsx.Build(new XSheet("Danh sách", [[.. s_header.Select(h => (XCell)h)], .. rows]));
        var office = (await Browser.LoginAsync(app, "office")).Client;
        async Task<JsonElement> Post(string url, byte[]? body)
        {
            using var content = new ByteArrayContent(body ?? []);
            content.Headers.ContentType = new MediaTypeHeaderValue(Web.Api.ImportApi.XlsxType);
            var r = await office.PostAsync(url, content);
            var text = await r.Content.ReadAsStringAsync();
            r.StatusCode.ShouldBe(HttpStatusCode.Created, text);
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        var preview = await Post("/api/imports?kind=Members&fileName=du-bi.xlsx", file);
        preview.GetProperty("canCommit").GetBoolean().ShouldBeTrue(preview.ToString());
        return (await Post($"/api/imports/{preview.Str("token")}/commit", null)).GetProperty("id").GetInt32();
    }

    private Task<Member> MemberAsync(string name) =>
        app.WithSystemScopeAsync(db => db.Members.AsNoTracking().Include(m => m.Person).SingleAsync(m => m.Person.FullName == name));

    private static async Task<(HttpStatusCode Status, JsonElement Body)> OpenByApiAsync(HttpClient client, int memberId)
    {
        var r = await client.PostAsync($"/api/members/{memberId}/recognition-case", null);
        var text = await r.Content.ReadAsStringAsync();
        return (r.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static Task<HttpResponseMessage> OpenByPageAsync(Browser b, int memberId) =>
        b.PostRawAsync($"/Members/Details/{memberId}?handler=OpenRecognition", [], "/");

    /// <summary>The Probation report's total and the row of <paramref name="name"/> (its cells and its links).</summary>
    private static async Task<(int Total, int WithoutClass, AngleSharp.Dom.IElement Row)> ProbationRowAsync(Browser b, string name)
    {
        var (r, doc) = await b.GetAsync("/Reports/Probation");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = doc.QuerySelectorAll("#report-rows tbody tr[data-row]");
        var row = rows.Single(x => x.Children[1].TextContent.Contains(name, StringComparison.Ordinal));
        var without = rows.Count(x => x.Children[6].TextContent.Trim() == "Chưa ghi nhận");
        return (int.Parse(doc.QuerySelector("#total-probationary")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture), without, row);
    }

    [Fact]
    public async Task An_imported_probationary_member_goes_through_recognition_and_becomes_official()
    {
        var data = app.Data;
        var batch = await ImportAsync(Row(1, "Huỳnh Thị Dự Bị", "12/03/1995", "Nữ", "19/12/2025", null, "Dự bị", "05/12/2025", "45-QĐ/ĐU", "Chi bộ Ấp Mỹ Lợi"));
        var member = await MemberAsync("Huỳnh Thị Dự Bị");
        member.Status.ShouldBe(MemberStatus.Probationary);
        member.ImportBatchId.ShouldBe(batch);
        var secretary = await Browser.LoginAsync(app, "secretary");

        // Before: the report sends the secretary to the member page's action, which offers it (with a confirmation).
        var (totalBefore, withoutClassBefore, before) = await ProbationRowAsync(secretary, "Huỳnh Thị Dự Bị");
        before.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldContain($"/Members/Details/{member.Id}#open-recognition");
        before.TextContent.ShouldContain("Từ sổ đảng viên");
        var (_, page) = await secretary.GetAsync($"/Members/Details/{member.Id}");
        var form = page.QuerySelector("form#open-recognition")!;
        form.GetAttribute("data-confirm")!.ShouldContain("19/12/2025");
        form.TextContent.ShouldContain("Mở hồ sơ xét công nhận chính thức");

        // Opened on the page: the timeline, its first steps copied from the register.
        var opened = await OpenByPageAsync(secretary, member.Id);
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect, await opened.Content.ReadAsStringAsync());
        var location = opened.Headers.Location!.ToString();
        location.ShouldStartWith("/Candidates/Timeline/");
        var caseId = int.Parse(location["/Candidates/Timeline/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var candidate = await app.WithSystemScopeAsync(db => db.Candidates.AsNoTracking().SingleAsync(c => c.Id == caseId));
        candidate.PersonId.ShouldBe(member.PersonId);
        candidate.CellId.ShouldBe(data.CellA);
        candidate.Status.ShouldBe(CandidateStatus.Admitted);
        candidate.ImportBatchId.ShouldBeNull();

        var t = await TimelineAsync(secretary.Client, caseId);
        t.Str("stage").ShouldBe("Probation");
        t.StepCount().ShouldBe(2);
        var steps = t.GetProperty("steps").EnumerateArray().ToList();
        steps.Select(s => s.Str("kind")).ShouldBe(["Decision", "Ceremony"]);
        steps[0].Str("documentNumber").ShouldBe("45-QĐ/ĐU");
        // The register's decision number holds its place in the committee's series, as a recorded step's does.
        (await app.WithSystemScopeAsync(db => db.NumberedPapers.AsNoTracking().Where(p => p.CandidateId == caseId).Select(p => new { p.Serial, p.FormCode }).SingleAsync()))
            .ShouldBe(new { Serial = 45, FormCode = "9-KND" });
        steps.ShouldAllBe(s => s.Str("note").Contains("Ghi từ sổ đảng viên") && !s.GetProperty("isLate").GetBoolean());
        t.GetProperty("keyDates").Date("decision").ShouldBe(D("2025-12-05"));
        t.GetProperty("keyDates").Date("ceremony").ShouldBe(D("2025-12-19"));
        t.GetProperty("keyDates").Date("probationEnd").ShouldBe(D("2026-12-19"));
        // The ceremony's own deadline was never the software's to keep: not judged.
        t.GetProperty("deadlines").EnumerateArray().Select(d => d.Str("kind")).ShouldBe(["NewMemberClass", "RecognitionVote"]);
        var allowed = t.GetProperty("allowedNext").EnumerateArray().Select(k => k.Str("kind")).ToList();
        allowed.ShouldContain("ProbationMentorAssigned");
        allowed.ShouldContain("NewMemberClass");
        var (_, timelinePage) = await secretary.GetAsync($"/Candidates/Timeline/{caseId}");
        timelinePage.QuerySelector("#steps")!.TextContent.ShouldContain("Ghi từ sổ đảng viên");
        (await app.WithSystemScopeAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Candidate) && a.EntityId == caseId.ToString()))).ShouldBeTrue();

        // The member page now leads to the case, and offers no second one; the page and the API refuse it alike.
        (_, page) = await secretary.GetAsync($"/Members/Details/{member.Id}");
        page.QuerySelector("form#open-recognition").ShouldBeNull();
        page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldContain($"/Candidates/Timeline/{caseId}");
        var again = await OpenByPageAsync(secretary, member.Id);
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await again.Content.ReadAsStringAsync()).ShouldContain("đã có hồ sơ kết nạp");
        var (apiAgain, problem) = await OpenByApiAsync(secretary.Client, member.Id);
        apiAgain.ShouldBe(HttpStatusCode.BadRequest);
        problem.Str("detail").ShouldContain("đã có hồ sơ kết nạp");
        (await app.WithSystemScopeAsync(db => db.Candidates.CountAsync(c => c.PersonId == member.PersonId))).ShouldBe(1);

        // The report counts her once, now through the case, still as admitted before the software.
        var (totalAfter, withoutClassAfter, after) = await ProbationRowAsync(secretary, "Huỳnh Thị Dự Bị");
        totalAfter.ShouldBe(totalBefore);
        withoutClassAfter.ShouldBe(withoutClassBefore);
        after.QuerySelector("a")!.GetAttribute("href").ShouldBe($"/Candidates/Timeline/{caseId}");
        after.TextContent.ShouldContain("Từ sổ đảng viên");
        // So do the term's figures: the ceremony copied into the case is not one held through the procedure.
        var admitted = await app.WithSystemScopeAsync(db => Web.Planning.PlanData.NewMembersAsync(db, [data.CellA], D("2025-12-19"), D("2025-12-19"), default));
        admitted.Single(m => m.MemberId == member.Id).FromRegister.ShouldBeTrue();
        var reconciled = await app.WithSystemScopeAsync(db => new Web.Planning.Reconciliation(db, app.Services.GetRequiredService<TimeProvider>()).ForCurrentTermAsync(default));
        reconciled.RegisterOnly.Select(r => r.MemberId).ShouldContain(member.Id);

        // The import cannot be taken back from under the case.
        var undo = await (await Browser.LoginAsync(app, "office")).Client.PostAsync($"/api/imports/batches/{batch}/undo", null);
        var refusal = await undo.Content.ReadAsStringAsync();
        undo.IsSuccessStatusCode.ShouldBeFalse(refusal);
        refusal.ShouldContain("đã mở hồ sơ xét kết nạp hoặc xét công nhận chính thức");
        (await app.WithSystemScopeAsync(db => db.Members.AnyAsync(m => m.Id == member.Id))).ShouldBeTrue();
        (await app.WithSystemScopeAsync(db => db.AdmissionSteps.CountAsync(s => s.CandidateId == caseId))).ShouldBe(2);

        // Probation as for a member admitted here: mentor, class, then the vote once the 12 months are over.
        await StepAsync(secretary.Client, caseId, new { kind = "ProbationMentorAssigned", date = "2026-11-20", mentorMemberId = data.MentorMemberA });
        t = await StepAsync(secretary.Client, caseId, new { kind = "NewMemberClass", date = "2026-11-20", certificateNumber = "77/GCN-TTCT", certificateDate = "2026-11-20" });
        t.GetProperty("nextAction").Str("kind").ShouldBe("RecognitionVote");
        t.GetProperty("nextAction").Date("notBefore").ShouldBe(D("2026-12-19"));
        var early = await PostAsync(secretary.Client, caseId, new { kind = "RecognitionVote", date = "2026-11-20", @for = 3, against = 0, present = 3 });
        early.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);

        Today(app, D("2026-12-21"));
        secretary = await Browser.LoginAsync(app, "secretary");
        t = await StepAsync(secretary.Client, caseId, new { kind = "RecognitionVote", date = "2026-12-21", @for = 3, against = 0, present = 3 });
        t.Str("stage").ShouldBe("RecognitionApproved");
        var vote = t.LastStep();

        // 13-KNĐ from the case: her name, the ceremony, the admission decision as the register had it.
        var f13 = await secretary.Client.PostAsync($"/api/candidates/{caseId}/steps/{vote.GetProperty("id").GetInt32()}/forms/13-KND", null);
        f13.StatusCode.ShouldBe(HttpStatusCode.OK, await f13.Content.ReadAsStringAsync());
        var text = Web.Documents.DocxTemplate.PlainText(await f13.Content.ReadAsByteArrayAsync());
        text.ShouldContain("Huỳnh Thị Dự Bị");
        text.ShouldContain("được kết nạp vào Đảng ngày 19/12/2025");
        text.ShouldContain("Quyết định kết nạp số 45-QĐ/ĐU ngày 05/12/2025");
        text.ShouldContain("kể từ ngày 19/12/2026");
        foreach (var key in new[] { "10-KND", "11-KND", "12-KND" })
            (await secretary.Client.PostAsync($"/api/candidates/{caseId}/steps/{vote.GetProperty("id").GetInt32()}/forms/{key}", null)).StatusCode.ShouldBe(HttpStatusCode.OK, key);

        Today(app, D("2026-12-28"));
        secretary = await Browser.LoginAsync(app, "secretary");
        t = await StepAsync(secretary.Client, caseId, new { kind = "RecognitionDecision", date = "2026-12-28", documentNumber = "310-QĐ/ĐU" });
        t.Str("stage").ShouldBe("Official");
        t.GetProperty("keyDates").Date("official").ShouldBe(D("2026-12-19"));
        // The committee's resolution is issued by its office, on the committee's numbering (a cell's account may not).
        var office = await Browser.LoginAsync(app, "office");
        var f15 = await office.Client.PostAsync($"/api/candidates/{caseId}/steps/{t.LastStep().GetProperty("id").GetInt32()}/forms/15-KND", null);
        f15.StatusCode.ShouldBe(HttpStatusCode.OK, await f15.Content.ReadAsStringAsync());
        Web.Documents.DocxTemplate.PlainText(await f15.Content.ReadAsByteArrayAsync()).ShouldContain("là đảng viên chính thức kể từ ngày 19/12/2026");

        member = await MemberAsync("Huỳnh Thị Dự Bị");
        member.Status.ShouldBe(MemberStatus.Official);
        member.OfficialDate.ShouldBe(D("2026-12-19"));
        member.StatusDate.ShouldBe(D("2026-12-19"));
        (await ProbationRowsAsync(secretary)).ShouldNotContain("Huỳnh Thị Dự Bị");
    }

    [Fact]
    public async Task A_recognition_vote_short_of_two_thirds_offers_no_resolution_proposing_recognition()
    {
        await ImportAsync(Row(1, "Lâm Thị Chưa Đạt", "04/04/1996", "Nữ", "01/10/2025", null, "Dự bị", null, null, "Chi bộ Ấp Mỹ Lợi"));
        var member = await MemberAsync("Lâm Thị Chưa Đạt");
        var office = await Browser.LoginAsync(app, "office");
        var (created, opened) = await OpenByApiAsync(office.Client, member.Id);
        created.ShouldBe(HttpStatusCode.Created, opened.ToString());
        var caseId = opened.GetProperty("candidate").GetProperty("id").GetInt32();
        await StepAsync(office.Client, caseId, new { kind = "ProbationMentorAssigned", date = "2025-10-06", mentorMemberId = app.Data.MentorMemberA });
        await StepAsync(office.Client, caseId, new { kind = "NewMemberClass", date = "2026-03-02", certificateNumber = "12/GCN-TTCT", certificateDate = "2026-03-02" });
        var t = await StepAsync(office.Client, caseId, new { kind = "RecognitionVote", date = "2026-11-20", @for = 1, against = 1, present = 3 });
        var vote = t.LastStep().GetProperty("id").GetInt32();

        var (_, page) = await office.GetAsync($"/Candidates/Timeline/{caseId}");
        page.QuerySelector($".forms[data-step='{vote}'] .issue-form[data-form='13-KND']").ShouldBeNull("no resolution proposing recognition");
        page.QuerySelector($".forms[data-step='{vote}'] .issue-form[data-form='10-KND']").ShouldNotBeNull("the self-review stays");
        var refused = await office.Client.PostAsync($"/api/candidates/{caseId}/steps/{vote}/forms/13-KND", null);
        refused.IsSuccessStatusCode.ShouldBeFalse(await refused.Content.ReadAsStringAsync());
        (await app.WithSystemScopeAsync(db => db.IssuedDocuments.CountAsync(d => d.StepId == vote))).ShouldBe(0);
        (await app.WithSystemScopeAsync(db => db.NumberedPapers.CountAsync(d => d.StepId == vote))).ShouldBe(0);
    }

    private static async Task<string> ProbationRowsAsync(Browser b) => (await b.GetAsync("/Reports/Probation")).Document.QuerySelector("#report-rows")!.TextContent;

    [Fact]
    public async Task A_register_member_whose_probation_ends_soon_is_on_the_home_page_with_the_button_that_opens_the_case()
    {
        var today = VietnamToday(app);
        var ceremony = today.AddMonths(-12).AddDays(10);
        string Day(DateOnly d) => d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        await ImportAsync(Row(1, "Tạ Thị Sắp Hết", "02/02/1997", "Nữ", Day(ceremony), null, "Dự bị", null, null, "Chi bộ Ấp Mỹ Lợi"));
        var member = await MemberAsync("Tạ Thị Sắp Hết");
        var secretary = await Browser.LoginAsync(app, "secretary");

        async Task<JsonElement?> TaskAsync(Browser b)
        {
            var json = JsonDocument.Parse(await b.Client.GetStringAsync("/api/me/tasks")).RootElement.Clone();
            return json.GetProperty("sections").EnumerateArray().Where(x => x.Str("key") == "probation")
                .SelectMany(x => x.GetProperty("items").EnumerateArray()).Cast<JsonElement?>()
                .FirstOrDefault(i => i!.Value.Str("fullName") == "Tạ Thị Sắp Hết");
        }
        var item = (await TaskAsync(secretary)).ShouldNotBeNull("no case, yet her probation ends in 10 days");
        item.GetProperty("candidateId").ValueKind.ShouldBe(JsonValueKind.Null);
        item.GetProperty("memberId").GetInt32().ShouldBe(member.Id);
        item.Str("action").ShouldBe("Mở hồ sơ xét công nhận");
        item.Str("link").ShouldBe($"/Members/Details/{member.Id}#open-recognition");
        item.Str("dueDate").ShouldBe(ceremony.AddMonths(12).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        // The home page shows the same row, and its section's figure is the count of the work list it links to.
        var (_, home) = await secretary.GetAsync("/");
        var row = home.QuerySelector($"[data-task='m{member.Id}']").ShouldNotBeNull();
        row.QuerySelector("a")!.GetAttribute("href").ShouldBe($"/Members/Details/{member.Id}");
        row.QuerySelector("[data-action]")!.GetAttribute("href").ShouldBe($"/Members/Details/{member.Id}#open-recognition");
        var section = home.QuerySelector("section[data-section='probation']").ShouldNotBeNull();
        var (_, list) = await secretary.GetAsync("/Work?Show=tasks&Kind=ProbationEnding");
        section.GetAttribute("data-count").ShouldBe(list.QuerySelectorAll("tr[data-row]").Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        list.QuerySelectorAll("tr[data-row] a").Select(a => a.GetAttribute("href")).ShouldContain($"/Members/Details/{member.Id}");

        // Once her case is opened she is followed through it: the row leads to the timeline.
        var opened = await OpenByPageAsync(secretary, member.Id);
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var caseId = int.Parse(opened.Headers.Location!.ToString()["/Candidates/Timeline/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        item = (await TaskAsync(secretary)).ShouldNotBeNull();
        item.GetProperty("candidateId").GetInt32().ShouldBe(caseId);
        item.GetProperty("memberId").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Opening_the_same_members_case_several_times_at_once_makes_one_case()
    {
        await ImportAsync(Row(1, "Lâm Thị Một Hồ Sơ", "04/04/1996", "Nữ", "20/12/2025", null, "Dự bị", null, null, "Chi bộ Ấp Mỹ Lợi"));
        var member = await MemberAsync("Lâm Thị Một Hồ Sơ");
        var clients = new List<HttpClient>();
        for (int i = 0; i < 6; i++) clients.Add((await Browser.LoginAsync(app, i % 2 == 0 ? "office" : "secretary")).Client);

        // No unique index says one case per person: the check and the write must run under one lock (without it both
        // engines made six cases: each request checked before any had written).
        var answers = await Task.WhenAll(clients.Select(c => OpenByApiAsync(c, member.Id)));
        answers.Count(a => a.Status == HttpStatusCode.Created).ShouldBe(1, string.Join(" | ", answers.Select(a => a.Status)));
        foreach (var (status, body) in answers.Where(a => a.Status != HttpStatusCode.Created))
        {
            status.ShouldBeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.Conflict);
            body.Str("detail").ShouldNotBeNullOrWhiteSpace();
        }
        (await app.WithSystemScopeAsync(db => db.Candidates.CountAsync(c => c.PersonId == member.PersonId))).ShouldBe(1);
    }

    [Fact]
    public async Task The_page_and_the_api_refuse_alike_a_member_not_probationary_without_an_exact_ceremony_date_or_out_of_scope()
    {
        var data = app.Data;
        await ImportAsync(
            Row(1, "Phan Văn Chính", "01/02/1970", "Nam", "01/07/2000", "01/07/2001", "Chính thức", null, null, "Chi bộ Ấp Mỹ Lợi"),
            Row(2, "Phan Thị Tháng", "02/02/1996", "Nữ", "06/2026", null, "Dự bị", null, null, "Chi bộ Ấp Mỹ Lợi"),
            Row(3, "Phan Văn Trường", "03/03/1997", "Nam", "10/10/2025", null, "Dự bị", null, null, "Chi bộ Trường Tiểu học"));
        var official = await MemberAsync("Phan Văn Chính");
        var monthOnly = await MemberAsync("Phan Thị Tháng");
        monthOnly.CeremonyDatePrecision.ShouldBe(DatePrecision.Month);
        var otherCell = await MemberAsync("Phan Văn Trường");
        // A probationary member typed in without the ceremony's date.
        var noDate = await app.WithSystemScopeAsync(async db =>
        {
            var m = new Member { CommuneId = data.CommuneId, CellId = data.CellA, Status = MemberStatus.Probationary, Person = TestData.NewPerson(data.CommuneId, "Phan Thị Chưa Ngày", "089196001999", null, 1996, Core.Reference.Gender.Female) };
            db.Members.Add(m);
            await db.SaveChangesAsync();
            return m;
        });

        var secretary = await Browser.LoginAsync(app, "secretary");
        foreach (var (m, message) in new[]
        {
            (official, "Chỉ mở hồ sơ xét công nhận chính thức cho đảng viên dự bị."),
            (monthOnly, "chỉ có tháng hoặc năm của lễ kết nạp"),
            (noDate, "chưa có ngày lễ kết nạp"),
        })
        {
            var (_, page) = await secretary.GetAsync($"/Members/Details/{m.Id}");
            page.QuerySelector("form#open-recognition").ShouldBeNull(m.Person.FullName);
            var byPage = await OpenByPageAsync(secretary, m.Id);
            byPage.StatusCode.ShouldBe(HttpStatusCode.BadRequest, m.Person.FullName);
            (await byPage.Content.ReadAsStringAsync()).ShouldContain(message);
            var (status, problem) = await OpenByApiAsync(secretary.Client, m.Id);
            status.ShouldBe(HttpStatusCode.BadRequest);
            problem.Str("detail").ShouldContain(message);
        }
        (await app.WithSystemScopeAsync(db => db.Candidates.CountAsync(c => c.PersonId == official.PersonId || c.PersonId == monthOnly.PersonId || c.PersonId == noDate.PersonId)))
            .ShouldBe(0);
        // The Probation report does not send the secretary to a button the member page will not show.
        var (_, _, monthRow) = await ProbationRowAsync(secretary, "Phan Thị Tháng");
        monthRow.TextContent.ShouldNotContain("Mở hồ sơ xét công nhận");

        // Another cell's member is not there for this secretary, by either path.
        (await secretary.GetAsync($"/Members/Details/{otherCell.Id}")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await OpenByPageAsync(secretary, otherCell.Id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await OpenByApiAsync(secretary.Client, otherCell.Id)).Status.ShouldBe(HttpStatusCode.NotFound);

        // Who may not record the recognition steps sees no button and is refused: the inspector, a mentor.
        foreach (var user in new[] { "inspector", "mentor" })
        {
            var b = await Browser.LoginAsync(app, user);
            var (r, page) = await b.GetAsync($"/Members/Details/{otherCell.Id}");
            if (r.StatusCode == HttpStatusCode.OK) page.QuerySelector("form#open-recognition").ShouldBeNull(user);
            // A page's refusal is the "no permission" page (the cookie scheme's redirect), or not found out of scope.
            var byPage = await OpenByPageAsync(b, otherCell.Id);
            if (byPage.StatusCode != HttpStatusCode.NotFound)
                (byPage.Headers.Location?.ToString() ?? "").ShouldContain("/Account/Denied", customMessage: user);
            (await OpenByApiAsync(b.Client, otherCell.Id)).Status.ShouldBe(HttpStatusCode.Forbidden, user);
        }
        (await app.WithSystemScopeAsync(db => db.Candidates.AnyAsync(c => c.PersonId == otherCell.PersonId))).ShouldBeFalse();

        // The commune office covers every cell: by API, the same case the page would open.
        var office = await Browser.LoginAsync(app, "office");
        var (_, officePage) = await office.GetAsync($"/Members/Details/{otherCell.Id}");
        officePage.QuerySelector("form#open-recognition").ShouldNotBeNull();
        // The register has no decision for him: the confirmation promises only the ceremony.
        officePage.QuerySelector("form#open-recognition")!.GetAttribute("data-confirm")!.ShouldContain("Lễ kết nạp ngày 10/10/2025 (sổ không ghi ngày quyết định kết nạp)");
        var (created, timeline) = await OpenByApiAsync(office.Client, otherCell.Id);
        created.ShouldBe(HttpStatusCode.Created, timeline.ToString());
        timeline.Str("stage").ShouldBe("Probation");
        timeline.GetProperty("candidate").GetProperty("cellId").GetInt32().ShouldBe(data.CellB);
        timeline.GetProperty("keyDates").GetProperty("decision").ValueKind.ShouldBe(JsonValueKind.Null);
        timeline.GetProperty("keyDates").Date("ceremony").ShouldBe(D("2025-10-10"));
        timeline.StepCount().ShouldBe(1);
    }
}

public sealed class RecognitionFromRegisterTests_Sqlite(SqliteApp app) : RecognitionFromRegisterTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class RecognitionFromRegisterTests_Postgres(PostgresApp app) : RecognitionFromRegisterTests<PostgresApp>(app), IClassFixture<PostgresApp>;
