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
        s.ShouldBe(HttpStatusCode.Forbidden);
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
        (await WriteAsync(secretary, removal, exitId, 1)).Status.ShouldBe(HttpStatusCode.Forbidden);

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
        // Candidate A had been a member and was removed on 1/8/2023: the cell's vote of 1/7/2026 falls a month short of 36 months.
        await app.WithSystemScopeAsync(async db =>
        {
            var personId = await db.Candidates.Where(c => c.Id == d.CandidateA).Select(c => c.PersonId).SingleAsync();
            var member = new Member
            {
                CommuneId = d.CommuneId, CellId = d.CellA, PersonId = personId, Status = MemberStatus.Removed, StatusDate = new DateOnly(2023, 8, 1),
                CeremonyDate = new DateOnly(2020, 5, 1), OfficialDate = new DateOnly(2021, 5, 1),
            };
            db.Members.Add(member);
            await db.SaveChangesAsync();
            db.MemberExits.Add(new MemberExit
            {
                CommuneId = d.CommuneId, MemberId = member.Id, Kind = ExitKind.RemovedFromRoll, Ground = RemovalGround.NoProgressAfterHelp, Status = ExitStatus.Decided,
                DecidedOn = new DateOnly(2023, 8, 1), EffectiveOn = new DateOnly(2023, 8, 1), Reason = "Không tiến bộ.",
            });
            return await db.SaveChangesAsync();
        });
        var refused = await Should.ThrowAsync<InvalidOperationException>(() => Steps.CandidateAApprovedByCellAsync(app.Services, d));
        refused.Message.ShouldContain("chỉ xét kết nạp lại từ ngày 01/08/2026");
        var browser = await Browser.LoginAsync(app, "secretary");
        var (page, doc) = await browser.GetAsync($"/Candidates/Step/{d.CandidateA}?kind=CellVote");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        doc.QuerySelector("#readmission")!.TextContent.ShouldContain("01/08/2023");
        // After the wait, with the consent, the vote is recorded.
        await Steps.RecordAsync(app.Services, d.CandidateA, Core.Admission.AdmissionStepKind.CellVote,
            new Web.Admission.StepData { Date = Steps.D("2026-08-03"), For = 3, Against = 0, Present = 3, ReadmissionConsentDocument = "512-CV/TU" });
    }
}

public sealed class ExitTests_Sqlite(SqliteApp app) : ExitTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ExitTests_Postgres(PostgresApp app) : ExitTests<PostgresApp>(app), IClassFixture<PostgresApp>;
