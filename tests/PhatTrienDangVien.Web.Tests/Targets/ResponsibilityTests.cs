using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Admission.AdmissionHttp;

namespace PhatTrienDangVien.Web.Tests.Targets;

/// <summary>
/// The responsibility map: assignments added and ended (never deleted), overlaps refused, the committee member's own
/// page with the right counts, and the committee member's scope following the assignments. Today is 20/11/2026.
/// </summary>
public abstract class ResponsibilityTests<TApp>(TApp app) where TApp : AppFactory
{
    private TestData D => app.Data;

    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static bool Refused(HttpResponseMessage r) => r.StatusCode == HttpStatusCode.Forbidden
        || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/Account/Denied", StringComparison.Ordinal));

    /// <summary>Lê Văn Cường (the committee account, cell A) and Phạm Thị Dung (cell B) sit on the commune committee.</summary>
    private Task<int> EnsureCommitteeAsync() => app.WithSystemScopeAsync(async db =>
    {
        foreach (var m in await db.Members.Where(m => m.Id == D.CommitteeMemberId || m.Id == D.MemberB).ToListAsync())
            m.Positions |= CommitteePositions.CommuneCommitteeMember;
        return await db.SaveChangesAsync();
    });

    private Task<List<CellResponsibility>> AssignmentsAsync(int memberId, int cellId) => app.WithSystemScopeAsync(db =>
        db.CellResponsibilities.AsNoTracking().Where(r => r.MemberId == memberId && r.CellId == cellId).OrderBy(r => r.From).ToListAsync());

    private static async Task<HttpResponseMessage> EndAsync(Browser b, CellResponsibility r, string endOn) =>
        await b.PostRawAsync("/Responsibilities?handler=End", [new("id", S(r.Id)), new("version", S(r.Version)), new("endOn", endOn)], "/Responsibilities");

    [Fact]
    public async Task An_assignment_is_added_and_ended_never_deleted_and_an_overlap_is_refused()
    {
        await EnsureCommitteeAsync();
        var office = await Browser.LoginAsync(app, "office");
        var (_, map) = await office.GetAsync("/Responsibilities");
        map.QuerySelector($"#by-cell tr[data-cell='{D.CellB}']")!.ClassList.ShouldContain("unassigned");

        var r = await office.PostFormAsync("/Responsibilities", new() { ["Input.MemberId"] = S(D.MemberB), ["Input.CellId"] = S(D.CellB), ["Input.From"] = "2026-01-01" });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var rows = await AssignmentsAsync(D.MemberB, D.CellB);
        rows.Count.ShouldBe(1);
        (_, map) = await office.GetAsync("/Responsibilities");
        map.QuerySelector($"#by-cell tr[data-cell='{D.CellB}']")!.ClassList.ShouldNotContain("unassigned");
        map.QuerySelector($"#by-cell tr[data-cell='{D.CellB}']")!.TextContent.ShouldContain("Phạm Thị Dung");
        map.QuerySelector($"#by-member tr[data-member='{D.MemberB}']")!.TextContent.ShouldContain("Chi bộ Trường Tiểu học");

        r = await office.PostFormAsync("/Responsibilities", new() { ["Input.MemberId"] = S(D.MemberB), ["Input.CellId"] = S(D.CellB), ["Input.From"] = "2026-06-01", ["Input.To"] = "2026-12-31" });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("trùng nhau");
        (await AssignmentsAsync(D.MemberB, D.CellB)).Count.ShouldBe(1);

        (await EndAsync(office, rows[0], "2026-11-20")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var ended = (await AssignmentsAsync(D.MemberB, D.CellB)).Single();
        ended.To.ShouldBe(D("2026-11-19"));
        (_, map) = await office.GetAsync("/Responsibilities");
        map.QuerySelector($"#by-cell tr[data-cell='{D.CellB}']")!.ClassList.ShouldContain("unassigned");
        map.QuerySelector($"#assignments tr[data-id='{ended.Id}']").ShouldNotBeNull("an ended assignment stays in the history");

        // The period after the end is free again.
        r = await office.PostFormAsync("/Responsibilities", new() { ["Input.MemberId"] = S(D.MemberB), ["Input.CellId"] = S(D.CellB), ["Input.From"] = "2026-12-01" });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AssignmentsAsync(D.MemberB, D.CellB)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Ending_with_a_stale_version_changes_nothing()
    {
        await EnsureCommitteeAsync();
        var id = await app.WithSystemScopeAsync(async db =>
        {
            var r = new CellResponsibility { CommuneId = D.CommuneId, MemberId = D.MemberB, CellId = D.CellA, From = D("2024-01-01"), To = D("2025-12-31") };
            db.CellResponsibilities.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });
        var stale = await app.WithSystemScopeAsync(db => db.CellResponsibilities.AsNoTracking().SingleAsync(r => r.Id == id));
        await app.WithSystemScopeAsync(async db =>
        {
            (await db.CellResponsibilities.SingleAsync(r => r.Id == id)).To = D("2026-12-31");
            return await db.SaveChangesAsync();
        });
        var office = await Browser.LoginAsync(app, "office");
        // The map again with both versions side by side (it used to redirect with a bare message).
        var r = await EndAsync(office, stale, "2026-03-01");
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await r.Content.ReadAsStringAsync()).ShouldContain("vừa được người khác sửa");
        (await app.WithSystemScopeAsync(db => db.CellResponsibilities.SingleAsync(r => r.Id == id))).To.ShouldBe(D("2026-12-31"));
    }

    [Fact]
    public async Task Only_the_office_and_admins_change_the_map()
    {
        await EnsureCommitteeAsync();
        var before = await app.WithSystemScopeAsync(db => db.CellResponsibilities.CountAsync());
        foreach (var user in new[] { "committee", "secretary", "inspector", "mentor" })
        {
            var b = await Browser.LoginAsync(app, user);
            var r = await b.PostRawAsync("/Responsibilities",
                [new("Input.MemberId", S(D.MemberB)), new("Input.CellId", S(D.CellA)), new("Input.From", "2030-01-01")], "/Responsibilities");
            Refused(r).ShouldBeTrue($"{user}: {r.StatusCode}");
        }
        (await app.WithSystemScopeAsync(db => db.CellResponsibilities.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task The_committee_members_page_shows_their_cells_with_the_right_counts()
    {
        await EnsureCommitteeAsync();
        var office = await Browser.LoginAsync(app, "admin");
        // Cell A: one case whose decision is overdue, one admitted this year through its case, one member entered with
        // a ceremony this year, one from last year, and a candidate with no mentor. Cell B is not theirs.
        var overdue = await NewCandidateAsync(app, D.CellA, "Đặng Văn Quá", "089201000011", D("2001-02-03"));
        await ToCellVoteAsync(office.Client, D, overdue, D("2026-01-05"));
        await StepAsync(office.Client, overdue, new { kind = "CellVote", date = "2026-02-02", @for = 3, against = 0, present = 3 });
        var admitted = await NewCandidateAsync(app, D.CellA, "Ngô Thị Kết", "089301000012", D("2001-04-05"));
        await ToCellVoteAsync(office.Client, D, admitted, D("2026-01-05"));
        await StepAsync(office.Client, admitted, new { kind = "CellVote", date = "2026-02-02", @for = 3, against = 0, present = 3 });
        await StepAsync(office.Client, admitted, new { kind = "Decision", date = "2026-03-02", documentNumber = "10-QĐ/ĐU", receivedByCellOn = "2026-03-03", decidingBody = "Ban Thường vụ Đảng ủy xã" });
        await StepAsync(office.Client, admitted, new { kind = "Ceremony", date = "2026-03-10" });
        await NewCandidateAsync(app, D.CellA, "Mai Văn Mới", "089202000013", D("2002-01-01"));
        await app.WithSystemScopeAsync(async db =>
        {
            db.Members.Add(new Member
            {
                CommuneId = D.CommuneId, CellId = D.CellA, Status = MemberStatus.Probationary, CeremonyDate = D("2026-05-01"),
                Person = TestData.NewPerson(D.CommuneId, "Trương Văn Nạp", "089099000014", null, 1999),
            });
            db.Members.Add(new Member
            {
                CommuneId = D.CommuneId, CellId = D.CellA, Status = MemberStatus.Probationary, CeremonyDate = D("2025-12-20"),
                Person = TestData.NewPerson(D.CommuneId, "Lý Văn Cũ", "089098000015", null, 1998),
            });
            db.Members.Add(new Member
            {
                CommuneId = D.CommuneId, CellId = D.CellB, Status = MemberStatus.Probationary, CeremonyDate = D("2026-05-01"),
                Person = TestData.NewPerson(D.CommuneId, "Hồ Văn Khác", "089097000016", null, 1997),
            });
            db.CellTargets.Add(new CellTarget { CommuneId = D.CommuneId, CellId = D.CellA, Year = 2026, Count = 7 });
            return await db.SaveChangesAsync();
        });
        var expected = await app.WithSystemScopeAsync(async db => new
        {
            Pool = await db.Candidates.CountAsync(c => c.CellId == D.CellA && c.Status == CandidateStatus.Active),
            NoMentor = await db.Candidates.CountAsync(c => c.CellId == D.CellA && c.Status == CandidateStatus.Active && c.MentorMemberId == null),
        });
        expected.NoMentor.ShouldBeGreaterThanOrEqualTo(1);

        var committee = await Browser.LoginAsync(app, "committee");
        var mine = await committee.Client.GetAsync("/Responsibilities/Mine");
        mine.Headers.Location!.ToString().ShouldBe($"/Responsibilities/Member/{D.CommitteeMemberId}");
        var (r, page) = await committee.GetAsync($"/Responsibilities/Member/{D.CommitteeMemberId}");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelectorAll("#my-cells tbody tr").Select(t => t.GetAttribute("data-cell")).ShouldBe([S(D.CellA)]);
        var row = page.QuerySelector($"#my-cells tr[data-cell='{D.CellA}']")!;
        row.QuerySelector(".target")!.TextContent.Trim().ShouldBe("7");
        row.QuerySelector(".admitted")!.TextContent.Trim().ShouldBe("2", "Ngô Thị Kết (case and member record, once) and Trương Văn Nạp");
        row.QuerySelector(".pool")!.TextContent.Trim().ShouldBe(S(expected.Pool));
        row.QuerySelector(".overdue")!.TextContent.Trim().ShouldBe("1");
        row.QuerySelector(".no-mentor")!.TextContent.Trim().ShouldBe(S(expected.NoMentor));
        row.QuerySelector(".no-mentor a")!.GetAttribute("href").ShouldBe($"/Candidates?OrgId={D.CellA}&NoMentor=true");
        page.Body!.TextContent.ShouldContain("Đặng Văn Quá");

        // The office sees the same page.
        (await office.Client.GetAsync($"/Responsibilities/Member/{D.CommitteeMemberId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_committee_member_cannot_open_another_committee_members_page()
    {
        await EnsureCommitteeAsync();
        var committee = await Browser.LoginAsync(app, "committee");
        Refused(await committee.Client.GetAsync($"/Responsibilities/Member/{D.MemberB}")).ShouldBeTrue();
        foreach (var user in new[] { "secretary", "mentor" })
        {
            var b = await Browser.LoginAsync(app, user);
            Refused(await b.Client.GetAsync($"/Responsibilities/Member/{D.CommitteeMemberId}")).ShouldBeTrue(user);
        }
        var inspector = await Browser.LoginAsync(app, "inspector");
        (await inspector.Client.GetAsync($"/Responsibilities/Member/{D.MemberB}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_committee_members_scope_follows_their_assignments()
    {
        await EnsureCommitteeAsync();
        var committee = await Browser.LoginAsync(app, "committee");
        Refused(await committee.Client.GetAsync($"/Members/Details/{D.MemberB}")).ShouldBeFalse("404 is also hidden; see below");
        (await committee.Client.GetAsync($"/Members/Details/{D.MemberB}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var office = await Browser.LoginAsync(app, "office");
        (await office.PostFormAsync("/Responsibilities", new() { ["Input.MemberId"] = S(D.CommitteeMemberId), ["Input.CellId"] = S(D.CellB), ["Input.From"] = "2026-11-01" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await committee.Client.GetAsync($"/Members/Details/{D.MemberB}")).StatusCode.ShouldBe(HttpStatusCode.OK, "the same session sees cell B at once");
        var (_, page) = await committee.GetAsync($"/Responsibilities/Member/{D.CommitteeMemberId}");
        page.QuerySelectorAll("#my-cells tbody tr").Select(t => t.GetAttribute("data-cell")).ShouldBe([S(D.CellA), S(D.CellB)], ignoreOrder: true);

        var assignment = (await AssignmentsAsync(D.CommitteeMemberId, D.CellB)).Single(a => a.To is null);
        (await EndAsync(office, assignment, "2026-11-20")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await committee.Client.GetAsync($"/Members/Details/{D.MemberB}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (_, page) = await committee.GetAsync($"/Responsibilities/Member/{D.CommitteeMemberId}");
        page.QuerySelectorAll("#my-cells tbody tr").Select(t => t.GetAttribute("data-cell")).ShouldBe([S(D.CellA)]);
    }
}

public sealed class ResponsibilityTests_Sqlite(SqliteApp app) : ResponsibilityTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ResponsibilityTests_Postgres(PostgresApp app) : ResponsibilityTests<PostgresApp>(app), IClassFixture<PostgresApp>;
