using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Exits;

/// <summary>
/// Screening and exits (plan point P10): the cell proposes, the office records the decision, the member's status follows
/// both ways; who may do what, within which cells; and the membership figures against a hand count, equal to their lists.
/// </summary>
public abstract class ExitTests<TApp>(TApp app) where TApp : AppFactory
{
    private static async Task<(HttpStatusCode Status, string Body, int Id)> WriteAsync(HttpClient client, object input, int? id = null, int version = 0)
    {
        var r = id is null
            ? await client.PostAsJsonAsync("/api/member-exits", new { input, version })
            : await client.PutAsJsonAsync($"/api/member-exits/{id}", new { input, version });
        var text = await r.Content.ReadAsStringAsync();
        var key = r.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt32() : 0;
        return (r.StatusCode, text, key);
    }

    private Task<MemberStatus> StatusAsync(int memberId) =>
        app.WithSystemScopeAsync(db => db.Members.Where(m => m.Id == memberId).Select(m => m.Status).SingleAsync());

    /// <summary>Three official members of cell A who will leave; two admitted in the term (A in 2025, B in 2026); one of B
    /// brought in from a register as already moved away in 2026 (no exit record).</summary>
    private async Task<(int X1, int X2, int X3)> SeedAsync()
    {
        var d = app.Data;
        return await app.WithSystemScopeAsync(async db =>
        {
            Member M(string name, string id, int cell, DateOnly ceremony, MemberStatus status = MemberStatus.Official, DateOnly? statusDate = null) => new()
            {
                CommuneId = d.CommuneId, CellId = cell, Status = status, StatusDate = statusDate, CeremonyDate = ceremony,
                OfficialDate = status == MemberStatus.Probationary ? null : ceremony.AddYears(1),
                Person = TestData.NewPerson(d.CommuneId, name, id, null, 1980, Gender.Male),
            };
            var x1 = M("Huỳnh Văn Một", "089080001101", d.CellA, new(2010, 1, 1));
            var x2 = M("Huỳnh Văn Hai", "089080001102", d.CellA, new(2010, 1, 1));
            var x3 = M("Huỳnh Văn Ba", "089080001103", d.CellA, new(2010, 1, 1));
            db.Members.AddRange(x1, x2, x3,
                M("Đặng Thị Năm", "089080001105", d.CellA, new(2025, 9, 1), MemberStatus.Probationary),
                M("Đặng Thị Sáu", "089080001106", d.CellB, new(2026, 4, 1), MemberStatus.Probationary),
                M("Đặng Văn Bảy", "089080001107", d.CellB, new(2000, 1, 1), MemberStatus.TransferredOut, new(2026, 2, 2)));
            await db.SaveChangesAsync();
            return (x1.Id, x2.Id, x3.Id);
        });
    }

    [Fact]
    public async Task An_exit_goes_from_the_cells_proposal_to_the_decision_and_the_membership_figures_count_it()
    {
        var d = app.Data;
        var (x1, x2, x3) = await SeedAsync();
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var secretary = (await Browser.LoginAsync(app, "secretary")).Client;
        var inspector = (await Browser.LoginAsync(app, "inspector")).Client;
        var removal = new { memberId = x1, kind = "RemovedFromRoll", ground = "AbsentOrUnpaidDues", status = "Proposed", proposedOn = "2026-10-01", proposalNumber = "05-NQ/CB",
            reason = "Không sinh hoạt chi bộ các tháng 6, 7, 8/2026 không có lý do." };

        // The cell secretary proposes within the cell, and only proposes.
        var (s, body, _) = await WriteAsync(secretary, removal with { memberId = d.MemberB });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("không có trong phạm vi được giao");
        (s, body, _) = await WriteAsync(secretary, removal with { status = "Decided" });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("quyết định, khai trừ, chuyển sinh hoạt đi và từ trần do văn phòng Đảng ủy ghi");
        (s, body, _) = await WriteAsync(secretary, new { memberId = x1, kind = "RemovedFromRoll", status = "Proposed", proposedOn = "2026-10-01", proposalNumber = "05-NQ/CB", reason = "X" });
        ((int)s).ShouldBeInRange(400, 422);
        body.ShouldContain("phải nêu căn cứ");
        (s, body, _) = await WriteAsync(secretary, removal with { proposedOn = "2026-12-01" });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("không thể sau hôm nay");
        var (created, _, exitId) = await WriteAsync(secretary, removal);
        created.ShouldBe(HttpStatusCode.Created);
        (s, body, _) = await WriteAsync(secretary, removal);
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("đã có một đề nghị đang chờ quyết định");
        (await StatusAsync(x1)).ShouldBe(MemberStatus.Official);

        // The inspector reads and writes nothing.
        (await WriteAsync(inspector, removal with { memberId = x2 })).Status.ShouldBe(HttpStatusCode.Forbidden);
        var pending = await inspector.GetFromJsonAsync<JsonElement>("/api/member-exits?show=Pending");
        pending.GetArrayLength().ShouldBe(1);
        pending[0].GetProperty("kindText").GetString().ShouldBe("Xóa tên");

        // The office records the decision; the member leaves the roll on its date. The cell no longer changes it.
        var decision = removal with { status = "Decided" };
        (s, body, _) = await WriteAsync(office, new { decision.memberId, decision.kind, decision.ground, decision.status, decision.proposedOn, decision.proposalNumber, decision.reason,
            decidedOn = "2026-09-20", decisionNumber = "45-QĐ/ĐU", decidingBody = "Ban Thường vụ Đảng ủy xã" }, exitId);
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("không thể trước ngày chi bộ đề nghị (01/10/2026)");
        var decided = new { decision.memberId, decision.kind, decision.ground, decision.status, decision.proposedOn, decision.proposalNumber, decision.reason,
            decidedOn = "2026-10-20", decisionNumber = "45-QĐ/ĐU", decidingBody = "Ban Thường vụ Đảng ủy xã", barsReadmission = true };
        (s, body, _) = await WriteAsync(office, decided, exitId);
        s.ShouldBe(HttpStatusCode.OK, body);
        (await StatusAsync(x1)).ShouldBe(MemberStatus.Removed);
        (await WriteAsync(secretary, removal, exitId, 1)).Body.ShouldContain("chỉ văn phòng Đảng ủy sửa");

        // The office records a transfer (where to is required) and a death; the member form no longer changes a status off the roll.
        (s, body, _) = await WriteAsync(office, new { memberId = x2, kind = "TransferredOut", status = "Decided", decidedOn = "2026-05-05" });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("nơi chuyển sinh hoạt đến");
        (await WriteAsync(office, new { memberId = x2, kind = "TransferredOut", status = "Decided", decidedOn = "2026-05-05", destination = "Đảng bộ phường Long Xuyên" })).Status.ShouldBe(HttpStatusCode.Created);
        (await WriteAsync(office, new { memberId = x3, kind = "Deceased", status = "Decided", decidedOn = "2025-12-01" })).Status.ShouldBe(HttpStatusCode.Created);
        (await WriteAsync(office, new { memberId = x3, kind = "Deceased", status = "Decided", decidedOn = "2025-12-02" })).Body.ShouldContain("đã ra khỏi danh sách");
        var member = (await office.GetFromJsonAsync<JsonObject>($"/api/members/{x2}"))!;
        ((JsonObject)member["member"]!)["status"] = "Official";
        var put = await office.PutAsync($"/api/members/{x2}", new StringContent(member.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        ((int)put.StatusCode).ShouldBeInRange(400, 422);
        (await put.Content.ReadAsStringAsync()).ShouldContain("Biến động đảng viên");

        // Hand count. Term from 1/7/2025: 2025 — admitted 1 (A, 1/9), left 1 (death 1/12); 2026 — admitted 2 (B 1/4 and
        // the base data's none), left 3 (transfer of the register 2/2, transfer 5/5, xóa tên 20/10): net −1.
        var figures = await office.GetFromJsonAsync<JsonElement>("/api/membership-figures");
        var years = figures.GetProperty("years").EnumerateArray().ToList();
        var y2025 = years.Single(y => y.GetProperty("label").GetString() == "2025");
        var y2026 = years.Single(y => y.GetProperty("label").GetString() == "2026");
        y2025.GetProperty("admitted").GetInt32().ShouldBe(1);
        y2025.GetProperty("left").GetInt32().ShouldBe(1);
        y2025.GetProperty("leftBy").GetProperty("Deceased").GetInt32().ShouldBe(1);
        y2026.GetProperty("admitted").GetInt32().ShouldBe(1);
        y2026.GetProperty("left").GetInt32().ShouldBe(3);
        y2026.GetProperty("leftBy").GetProperty("TransferredOut").GetInt32().ShouldBe(2);
        y2026.GetProperty("leftBy").GetProperty("Removed").GetInt32().ShouldBe(1);
        y2026.GetProperty("net").GetInt32().ShouldBe(-2);
        figures.GetProperty("total").GetProperty("net").GetInt32().ShouldBe(-2);
        figures.GetProperty("pending").GetInt32().ShouldBe(0);

        // The page shows the same figures, each the count of the list it opens.
        var browser = await Browser.LoginAsync(app, "office");
        var (page, doc) = await browser.GetAsync("/Exits");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var link in doc.QuerySelectorAll("#membership a[data-figure]:not([data-figure='admitted'])"))
        {
            var (listPage, list) = await browser.GetAsync(link.GetAttribute("href")!);
            listPage.StatusCode.ShouldBe(HttpStatusCode.OK);
            list.QuerySelector("#list-count")!.TextContent.Trim().ShouldBe(link.TextContent.Trim(), link.GetAttribute("href"));
        }
        doc.QuerySelector("#membership tr[data-period='2026'] [data-figure='left']")!.TextContent.Trim().ShouldBe("3");
        // The year's development report has the same change, each figure its list, and the same in its workbook.
        var (_, report) = await browser.GetAsync("/Reports/Development?Period=year&Year=2026");
        var change = report.QuerySelector("#membership-change")!;
        change.QuerySelector("[data-figure=left]")!.TextContent.Trim().ShouldBe("3");
        change.QuerySelector("[data-figure=left-TransferredOut]")!.TextContent.Trim().ShouldBe("2");
        change.TextContent.ShouldContain("−2");
        foreach (var link in change.QuerySelectorAll("a[data-figure]"))
        {
            var (_, list) = await browser.GetAsync(link.GetAttribute("href")!);
            list.QuerySelector("#list-count")!.TextContent.Trim().ShouldBe(link.TextContent.Trim(), link.GetAttribute("href"));
        }
        var xlsx = await browser.Client.GetByteArrayAsync("/Reports/Development?handler=Xlsx&Period=year&Year=2026");
        var tab = Reports.XlsxFile.Read(xlsx).Tabs.Single(t => t.Name == "Biến động");
        var net = tab.Rows.Values.Single(r => r.Contains("Tăng (+) / giảm (−)"));
        net[net.IndexOf("Tăng (+) / giảm (−)") + 1].ShouldBe("-2");
        tab.Rows.Values.Single(r => r.Contains("Ra khỏi danh sách: chuyển sinh hoạt đi")).ShouldContain("2");
        var (_, left2026) = await browser.GetAsync("/Exits?From=2026-01-01&To=2026-12-31");
        left2026.Body!.TextContent.ShouldContain("Từ sổ đảng viên");
        left2026.Body.TextContent.ShouldContain("Đảng bộ phường Long Xuyên");

        // The secretary's scope: cell A only (the register's transfer in cell B is not theirs).
        var mine = await secretary.GetFromJsonAsync<JsonElement>("/api/membership-figures");
        mine.GetProperty("years").EnumerateArray().Single(y => y.GetProperty("label").GetString() == "2026").GetProperty("left").GetInt32().ShouldBe(2);

        // Undoing the decision (back to a proposal) gives the member back their status; deleting the proposal leaves no trace.
        (s, body, _) = await WriteAsync(office, removal, exitId, 1);
        s.ShouldBe(HttpStatusCode.OK, body);
        (await StatusAsync(x1)).ShouldBe(MemberStatus.Official);
        (await office.DeleteAsync($"/api/member-exits/{exitId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await office.GetFromJsonAsync<JsonElement>("/api/member-exits?show=Pending")).GetArrayLength().ShouldBe(0);
        (await StatusAsync(x1)).ShouldBe(MemberStatus.Official);
    }

    [Fact]
    public async Task A_person_who_left_is_voted_on_again_only_after_the_waiting_period_with_the_provinces_consent()
    {
        var d = app.Data;
        // Lâm Thị Y, an official member of cell A, removed (xóa tên) by the committee's decision of 1/8/2023.
        var y = await app.WithSystemScopeAsync(async db =>
        {
            var m = new Member
            {
                CommuneId = d.CommuneId, CellId = d.CellA, Status = MemberStatus.Official, CeremonyDate = new DateOnly(2015, 5, 1), OfficialDate = new DateOnly(2016, 5, 1),
                Person = TestData.NewPerson(d.CommuneId, "Lâm Thị Y", "089185001201", null, 1985, Gender.Female),
            };
            db.Members.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var exit = await WriteAsync(office, new { memberId = y, kind = "RemovedFromRoll", ground = "NoProgressAfterHelp", status = "Decided", proposedOn = "2023-07-15", proposalNumber = "04-NQ/CB",
            reason = "Chi bộ giúp đỡ 12 tháng không tiến bộ.", decidedOn = "2023-08-01", decisionNumber = "77-QĐ/ĐU", decidingBody = "Ban Thường vụ Đảng ủy xã" });
        exit.Status.ShouldBe(HttpStatusCode.Created);

        // The office opens her case for re-admission, on the same person record; once. The API gives the page's warnings.
        var opened = await office.PostAsync($"/api/members/{y}/readmission-case", null);
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var openedBody = await opened.Content.ReadFromJsonAsync<JsonElement>();
        var candidate = openedBody.GetProperty("id").GetInt32();
        openedBody.GetProperty("warnings").ValueKind.ShouldBe(JsonValueKind.Array);
        var again = await office.PostAsync($"/api/members/{y}/readmission-case", null);
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await again.Content.ReadAsStringAsync()).ShouldContain("đã có hồ sơ đang xem xét");
        // While that case is open, the exit cannot be undone: she would be a member and a candidate at once.
        var undo = await office.DeleteAsync($"/api/member-exits/{exit.Id}");
        undo.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await undo.Content.ReadAsStringAsync()).ShouldContain("đang có hồ sơ xin kết nạp lại");
        // By page the refusal goes back to the record, whose form saves (never deletes) from there on.
        var exitPage = new Browser(office);
        var refused = await exitPage.PostRawAsync($"/Exits/Edit/{exit.Id}?handler=Delete", [], $"/Exits/Edit/{exit.Id}");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldBe($"/Exits/Edit/{exit.Id}");
        var (_, back) = await exitPage.GetAsync($"/Exits/Edit/{exit.Id}");
        back.QuerySelector("[role=alert]")!.TextContent.ShouldContain("đang có hồ sơ xin kết nạp lại");
        var (_, atHandler) = await exitPage.GetAsync($"/Exits/Edit/{exit.Id}?handler=Delete");
        atHandler.QuerySelector("#exit-form")!.GetAttribute("action").ShouldBe($"/Exits/Edit/{exit.Id}");
        (await WriteAsync(office, new { memberId = y, kind = "RemovedFromRoll", ground = "NoProgressAfterHelp", status = "NotApproved", proposedOn = "2023-07-15", proposalNumber = "04-NQ/CB",
            reason = "Chi bộ giúp đỡ 12 tháng không tiến bộ.", decidedOn = "2023-08-01", decisionNumber = "77-QĐ/ĐU", decidingBody = "Ban Thường vụ Đảng ủy xã" }, exit.Id, 0)).Body.ShouldContain("đang có hồ sơ xin kết nạp lại");

        Task Step(Core.Admission.AdmissionStepKind kind, Web.Admission.StepData data) => Steps.RecordAsync(app.Services, candidate, kind, data);
        await Step(Core.Admission.AdmissionStepKind.SourcePool, new() { Date = Steps.D("2026-01-05") });
        await Step(Core.Admission.AdmissionStepKind.MentorAssigned, new() { Date = Steps.D("2026-01-10"), MentorMemberId = d.MentorMemberA });
        await Step(Core.Admission.AdmissionStepKind.AwarenessClass, new() { Date = Steps.D("2026-03-06"), CertificateNumber = "9/CN", CertificateDate = Steps.D("2026-03-06") });
        await Step(Core.Admission.AdmissionStepKind.Application, new() { Date = Steps.D("2026-04-01") });
        await Step(Core.Admission.AdmissionStepKind.PersonalHistory, new() { Date = Steps.D("2026-05-04"),
            People = [new() { Relationship = "Cha", FullName = "Lâm Văn Hai", Result = Core.Admission.VerificationResult.Verified }] });
        await Step(Core.Admission.AdmissionStepKind.Introduction, new()
        {
            Date = Steps.D("2026-06-01"), Path = Core.Admission.IntroductionPath.TwoMembers,
            Introducers = [new() { MemberId = d.MemberA, TogetherSince = Steps.D("2020-01-01") }, new() { MemberId = d.CommitteeMemberId, TogetherSince = Steps.D("2020-01-01") }],
        });
        await Step(Core.Admission.AdmissionStepKind.Opinions, new() { Date = Steps.D("2026-06-15") });

        // Every official member of the cell that day votes for (how many depends on what else this class's tests recorded).
        int voters;
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<Web.Authorization.CurrentScope>().Set(Web.Authorization.DataScope.System);
            voters = (await scope.ServiceProvider.GetRequiredService<Web.Admission.VoterRegister>().CellAsync(d.CellA, Steps.D("2026-08-03"), CancellationToken.None)).Official;
        }
        // A month short of 36 months: refused. After it, without the province's consent: refused. With it: recorded.
        var early = await Should.ThrowAsync<InvalidOperationException>(() => Step(Core.Admission.AdmissionStepKind.CellVote,
            new() { Date = Steps.D("2026-07-01"), For = voters, Against = 0, Present = voters, ReadmissionConsentDocument = "512-CV/TU" }));
        early.Message.ShouldContain("chỉ xét kết nạp lại từ ngày 01/08/2026");
        (await Should.ThrowAsync<InvalidOperationException>(() => Step(Core.Admission.AdmissionStepKind.CellVote,
            new() { Date = Steps.D("2026-08-03"), For = voters, Against = 0, Present = voters }))).Message.ShouldContain("Ban Thường vụ Tỉnh ủy");
        var browser = await Browser.LoginAsync(app, "secretary");
        var (page, doc) = await browser.GetAsync($"/Candidates/Step/{candidate}?kind=CellVote");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        doc.QuerySelector("#readmission")!.TextContent.ShouldContain("01/08/2023");
        await Step(Core.Admission.AdmissionStepKind.CellVote, new() { Date = Steps.D("2026-08-03"), For = voters, Against = 0, Present = voters, ReadmissionConsentDocument = "512-CV/TU" });
    }
}

/// <summary>An exit and the procedure: a member who left is not carried on by the procedure, and a decision is undone only while it stands.</summary>
public abstract class ExitProcedureTests<TApp>(TApp app) where TApp : AppFactory
{
    [Fact]
    public async Task The_procedure_stops_for_a_member_who_left_and_an_exit_is_undone_only_while_the_member_is_as_it_left_them()
    {
        var d = app.Data;
        await Steps.CandidateAApprovedByCellAsync(app.Services, d);
        await Steps.RecordAsync(app.Services, d.CandidateA, Core.Admission.AdmissionStepKind.Decision,
            new Web.Admission.StepData { Date = Steps.D("2026-08-10"), DocumentNumber = "112-QĐ/ĐU", ReceivedByCellOn = Steps.D("2026-08-12") });
        await Steps.RecordAsync(app.Services, d.CandidateA, Core.Admission.AdmissionStepKind.Ceremony, new Web.Admission.StepData { Date = Steps.D("2026-09-10") });
        var member = await app.WithSystemScopeAsync(db => db.Members.Where(m => m.Person.FullName == "Võ Minh Đức").Select(m => m.Id).SingleAsync());
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var r = await office.PostAsJsonAsync("/api/member-exits", new { input = new { memberId = member, kind = "TransferredOut", decidedOn = "2026-10-01", destination = "Đảng bộ xã Bình Hòa" }, version = 0 });
        r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        var exit = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => Steps.RecordAsync(app.Services, d.CandidateA, Core.Admission.AdmissionStepKind.NewMemberClass,
            new Web.Admission.StepData { Date = Steps.D("2026-10-15"), CertificateNumber = "3/CN", CertificateDate = Steps.D("2026-10-15") }));
        refused.Message.ShouldContain("đã ra khỏi danh sách");

        // Something else wrote the member's status since (here by hand): the transfer is no longer undone.
        await app.WithSystemScopeAsync(async db =>
        {
            var m = await db.Members.SingleAsync(x => x.Id == member);
            m.StatusDate = new DateOnly(2026, 10, 2);
            return await db.SaveChangesAsync();
        });
        var delete = await office.DeleteAsync($"/api/member-exits/{exit}");
        delete.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await delete.Content.ReadAsStringAsync()).ShouldContain("đã thay đổi sau quyết định này");
    }
}

public sealed class ExitTests_Sqlite(SqliteApp app) : ExitTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ExitTests_Postgres(PostgresApp app) : ExitTests<PostgresApp>(app), IClassFixture<PostgresApp>;

public sealed class ExitProcedureTests_Sqlite(SqliteApp app) : ExitProcedureTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ExitProcedureTests_Postgres(PostgresApp app) : ExitProcedureTests<PostgresApp>(app), IClassFixture<PostgresApp>;
