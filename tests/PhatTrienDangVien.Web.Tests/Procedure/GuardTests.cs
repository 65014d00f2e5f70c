using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Procedure;

/// <summary>Input that must be refused cleanly: foreign ids, commune-only fields, dates outside the calendar.</summary>
public abstract class GuardTests<TApp>(TApp app) where TApp : AppFactory
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_mentor_from_another_cell_is_refused_and_nothing_is_recorded()
    {
        var b = await Browser.LoginAsync(app, "office");
        await b.PostFormAsync($"/Candidates/Step/{app.Data.CandidateA}?kind=SourcePool", new() { ["Form.Date"] = "2026-01-05" });
        var before = await app.WithSystemScopeAsync(db => db.AdmissionSteps.CountAsync(s => s.CandidateId == app.Data.CandidateA));
        var r = await b.PostFormAsync($"/Candidates/Step/{app.Data.CandidateA}?kind=MentorAssigned",
            new() { ["Form.Date"] = "2026-01-10", ["Form.MentorMemberId"] = Id(app.Data.MemberB) });
        r.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await r.Content.ReadAsStringAsync()).ShouldContain("cùng chi bộ");
        (await app.WithSystemScopeAsync(db => db.AdmissionSteps.CountAsync(s => s.CandidateId == app.Data.CandidateA))).ShouldBe(before);
        var nonexistent = await b.PostFormAsync($"/Candidates/Step/{app.Data.CandidateA}?kind=MentorAssigned",
            new() { ["Form.Date"] = "2026-01-10", ["Form.MentorMemberId"] = "987654" });
        nonexistent.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_mentor_named_when_adding_a_candidate_is_a_recorded_step_and_cannot_be_changed_on_the_form_later()
    {
        var b = await Browser.LoginAsync(app, "secretary");
        var r = await b.PostFormAsync("/Candidates/Edit", new()
        {
            ["Person.FullName"] = "Mai Thị Thu Hà", ["Person.DateOfBirth"] = "2001-08-19", ["Person.Gender"] = "Female",
            ["Candidate.CellId"] = Id(app.Data.CellA), ["Candidate.AddedOn"] = "2026-09-01", ["Candidate.SourceCategoryIds"] = Id(app.Data.SourceCategoryId),
            ["Candidate.MentorMemberId"] = Id(app.Data.MentorMemberA),
        });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        var id = int.Parse(r.Headers.Location!.ToString().Split('/').Last(), CultureInfo.InvariantCulture);
        var kinds = await app.WithSystemScopeAsync(db => db.AdmissionSteps.Where(s => s.CandidateId == id).OrderBy(s => s.Id).Select(s => s.Kind).ToListAsync());
        kinds.ShouldBe([Core.Admission.AdmissionStepKind.SourcePool, Core.Admission.AdmissionStepKind.MentorAssigned]);

        // The form keeps the mentor as it is (saving other fields works); a different one is refused with where to change it.
        var keep = await b.PostFormAsync($"/Candidates/Edit/{id}", new() { ["Candidate.Strengths"] = "Nhiệt tình" });
        keep.StatusCode.ShouldBe(HttpStatusCode.Redirect, await keep.Content.ReadAsStringAsync());
        var edit = await b.PostFormAsync($"/Candidates/Edit/{id}", new() { ["Candidate.MentorMemberId"] = Id(app.Data.MemberA) });
        edit.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await edit.Content.ReadAsStringAsync()).ShouldContain("Quá trình kết nạp");
        (await app.WithSystemScopeAsync(db => db.Candidates.Where(c => c.Id == id).Select(c => c.MentorMemberId).SingleAsync())).ShouldBe(app.Data.MentorMemberA);
    }

    [Fact]
    public async Task A_cell_secretary_cannot_give_committee_positions()
    {
        var b = await Browser.LoginAsync(app, "secretary");
        var r = await b.PostFormAsync($"/Members/Edit/{app.Data.MemberA}", new() { ["Member.Positions"] = "CommuneCommitteeMember" });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        var positions = await app.WithSystemScopeAsync(db => db.Members.Where(m => m.Id == app.Data.MemberA).Select(m => m.Positions).SingleAsync());
        positions.ShouldBe(CommitteePositions.None);
    }

    [Theory]
    [InlineData("/api/calendar/working-days?from=2199-12-20&days=30")]
    [InlineData("/api/calendar/working-days?from=2200-01-01&days=1")]
    public async Task The_calendar_api_refuses_dates_beyond_its_range_with_a_problem(string url)
    {
        var r = await Browser.Anonymous(app).Client.GetAsync(url);
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("2199");
    }

    [Theory]
    [InlineData("/Admin/Audit?From=0001-01-01")]
    [InlineData("/Admin/Audit?To=9999-12-31")]
    [InlineData("/Members?q.Page=2147483647")]
    [InlineData("/Calendar?Year=1")]
    public async Task Out_of_range_query_values_give_no_server_error(string url)
    {
        var b = await Browser.LoginAsync(app, "admin");
        var r = await b.Client.GetAsync(url);
        ((int)r.StatusCode).ShouldBeLessThan(500, url);
    }

    [Fact]
    public async Task A_deactivated_account_is_only_named_as_such_after_the_right_password()
    {
        await app.WithSystemScopeAsync(async db =>
        {
            var u = await db.Users.SingleAsync(x => x.UserName == "inspector");
            u.IsActive = false;
            return await db.SaveChangesAsync();
        });
        var wrong = await Browser.Anonymous(app).PostFormAsync("/Account/Login", new() { ["UserName"] = "inspector", ["Password"] = "sai-mat-khau-1" });
        var text = await wrong.Content.ReadAsStringAsync();
        text.ShouldContain(Pages.Account.LoginModel.Refused);
        text.ShouldNotContain("vô hiệu hóa");
        var right = await Browser.Anonymous(app).PostFormAsync("/Account/Login", new() { ["UserName"] = "inspector", ["Password"] = TestData.Password });
        (await right.Content.ReadAsStringAsync()).ShouldContain("vô hiệu hóa");
    }
}

public sealed class GuardTests_Sqlite(SqliteApp app) : GuardTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class GuardTests_Postgres(PostgresApp app) : GuardTests<PostgresApp>(app), IClassFixture<PostgresApp>;
