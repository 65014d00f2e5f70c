using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Tests.Admission;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Documents.FormCases;
using static PhatTrienDangVien.Web.Tests.Infrastructure.Steps;
using Docs = PhatTrienDangVien.Web.Documents;

namespace PhatTrienDangVien.Web.Tests.Documents;

/// <summary>
/// Document numbers as an office keeps them (issue 10): in the order of the papers' dates, from where the office says
/// its register stands, a number typed from the register checked against the papers already numbered, and the
/// committee's numbers spent only by users whose scope reaches the committee. Each test uses its own series.
/// </summary>
public abstract class DocumentNumberTests<TApp>(TApp app) where TApp : AppFactory
{
    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    private Task<int> IssuedCountAsync(int step) => app.WithSystemScopeAsync(db => db.IssuedDocuments.CountAsync(d => d.StepId == step));

    [Fact]
    public async Task A_paper_dated_before_the_latest_numbered_one_is_dotted_unless_its_number_is_typed()
    {
        var cases = await EnsureAsync(app);
        var secretary = await Browser.LoginAsync(app, "secretary");
        var vote = await StepAsync(app, cases.A, AdmissionStepKind.CellVote);
        var recognition = await StepAsync(app, cases.A, AdmissionStepKind.RecognitionVote);

        // The recognition vote of 6/8/2027 is issued first: it takes the series' first number.
        (await IssuedNumberAsync(await PostIssueAsync(secretary, cases.A, recognition, "13-KND", null), "13-KND")).ShouldBe("Số 1-NQ/CB");

        // The resolution of 1/7/2026 comes after it in the click order, not in the register: the page says so.
        var (_, timeline) = await secretary.GetAsync($"/Candidates/Timeline/{cases.A}");
        var why = timeline.QuerySelector($".forms[data-step='{vote}'] .issue-form[data-form='6-KND'] .number-why")!.TextContent;
        why.ShouldContain("sớm hơn văn bản đã đánh số gần nhất của sổ (ngày 06/08/2027)");
        why.ShouldContain("“Số ……”");
        timeline.QuerySelector($".forms[data-step='{vote}'] .issue-form[data-form='6-KND'] input[name=number]").ShouldNotBeNull();

        // Issued without a number: dotted, written by hand; the counter does not move.
        (await IssuedNumberAsync(await PostIssueAsync(secretary, cases.A, vote, "6-KND", null), "6-KND")).ShouldBe("Số ……-NQ/CB");
        var counter = await app.WithSystemScopeAsync(db => db.DocumentCounters.SingleAsync(c => c.OrganisationId == app.Data.CellA && c.DocumentType == "NQ/CB" && c.LatestPaperDate != null && c.LatestPaperDate.Value.Year >= 2026));
        counter.LastNumber.ShouldBe(1);

        // Issued again with the number from the cell's register: the paper takes it, and the counter moves past it.
        (await IssuedNumberAsync(await PostIssueAsync(secretary, cases.A, vote, "6-KND", "Số 7-nq/cb"), "6-KND")).ShouldBe("Số 7-NQ/CB");
        (await app.WithSystemScopeAsync(db => db.DocumentCounters.SingleAsync(c => c.Id == counter.Id))).LastNumber.ShouldBe(7);
        // From then on the paper keeps that number; a different one is refused and nothing is kept.
        (await IssuedNumberAsync(await PostIssueAsync(secretary, cases.A, vote, "6-KND", null), "6-KND")).ShouldBe("Số 7-NQ/CB");
        var before = await IssuedCountAsync(vote);
        (await RefusalAsync(secretary, await PostIssueAsync(secretary, cases.A, vote, "6-KND", "8"), cases.A)).ShouldContain("đã lập với số 7-NQ/CB");
        (await IssuedCountAsync(vote)).ShouldBe(before);
        // The recognition vote keeps its own number too.
        (await IssuedNumberAsync(await PostIssueAsync(secretary, cases.A, recognition, "13-KND", null), "13-KND")).ShouldBe("Số 1-NQ/CB");
    }

    [Fact]
    public async Task The_office_sets_where_the_committees_register_stands_and_a_typed_number_is_checked_against_it()
    {
        var cases = await EnsureAsync(app);
        var office = await Browser.LoginAsync(app, "office");
        var decision = await StepAsync(app, cases.A, AdmissionStepKind.Decision);
        var recognition = await StepAsync(app, cases.A, AdmissionStepKind.RecognitionDecision);
        // The commune moves onto the software for papers from 15/7/2026, having issued 37 resolutions this term.
        var (page, numbers) = await office.GetAsync("/Documents/Numbers");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var row = numbers.QuerySelector($"[data-series='{app.Data.CommuneId}/NQ/ĐU']")!;
        row.QuerySelector("input[name=next]")!.GetAttribute("value").ShouldBe("1");
        var version = row.QuerySelector("input[name=version]")!.GetAttribute("value")!;
        // A start after today is refused.
        var future = await office.PostRawAsync("/Documents/Numbers",
            [new("organisationId", S(app.Data.CommuneId)), new("type", "NQ/ĐU"), new("next", "38"), new("startsOn", "2099-01-01"), new("version", version)], "/Documents/Numbers");
        future.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await future.Content.ReadAsStringAsync()).ShouldContain("không sau hôm nay");
        var set = await office.PostRawAsync("/Documents/Numbers",
            [new("organisationId", S(app.Data.CommuneId)), new("type", "NQ/ĐU"), new("next", "38"), new("startsOn", "2026-07-15"), new("version", version)], "/Documents/Numbers");
        set.StatusCode.ShouldBe(HttpStatusCode.Redirect, await set.Content.ReadAsStringAsync());
        (_, numbers) = await office.GetAsync("/Documents/Numbers");
        numbers.QuerySelector($"[data-series='{app.Data.CommuneId}/NQ/ĐU'] .last-number")!.TextContent.ShouldContain("37-NQ/ĐU");
        numbers.QuerySelector($"[data-series='{app.Data.CommuneId}/NQ/ĐU']")!.TextContent.ShouldContain("15/07/2026");

        // Audited, by its Vietnamese name.
        var admin = await Browser.LoginAsync(app, "admin");
        var (_, trail) = await admin.GetAsync("/Admin/Audit?EntityType=DocumentCounter");
        trail.Body!.TextContent.ShouldContain("Sổ đánh số văn bản");
        trail.Body!.TextContent.ShouldContain("Đánh số trên phần mềm từ ngày");

        // The decision of 20/7/2026 is proposed the 38th, and takes it.
        var (_, timeline) = await office.GetAsync($"/Candidates/Timeline/{cases.A}");
        timeline.QuerySelector($".forms[data-step='{decision}'] .issue-form[data-form='8-KND'] .number-why")!.TextContent.ShouldContain("Số sẽ cấp: 38-NQ/ĐU");
        (await IssuedNumberAsync(await PostIssueAsync(office, cases.A, decision, "8-KND", null), "8-KND")).ShouldBe("Số 38-NQ/ĐU");
        // On the trail: the paper, without the introducer's place every form but 3-KNĐ leaves at 0.
        var (_, papers) = await admin.GetAsync("/Admin/Audit?EntityType=NumberedPaper");
        papers.Body!.TextContent.ShouldContain("8-KNĐ");
        papers.Body!.TextContent.ShouldNotContain("Người giới thiệu thứ");

        // Lowering the next number below what the software gave is refused, naming the number; nothing changes.
        var counter = await app.WithSystemScopeAsync(db => db.DocumentCounters.AsNoTracking().SingleAsync(c => c.OrganisationId == app.Data.CommuneId && c.DocumentType == "NQ/ĐU" && c.StartsOn != null));
        var lower = await office.PostRawAsync("/Documents/Numbers",
            [new("organisationId", S(app.Data.CommuneId)), new("type", "NQ/ĐU"), new("next", "30"), new("version", S(counter.Version))], "/Documents/Numbers");
        lower.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var lowerPage = await lower.Content.ReadAsStringAsync();
        lowerPage.ShouldContain("đã cấp số 38-NQ/ĐU");
        lowerPage.ShouldContain("từ 39 trở lên");
        (await app.WithSystemScopeAsync(db => db.DocumentCounters.SingleAsync(c => c.Id == counter.Id))).LastNumber.ShouldBe(38);

        // The recognition's resolution with a number typed from the register: checked, then taken.
        var kept = await IssuedCountAsync(recognition);
        foreach (var (typed, message) in new[]
        {
            ("38", "Số 38-NQ/ĐU đã dùng cho 8-KNĐ của Võ Minh Đức"),
            ("40-QĐ/ĐU", "mang số loại NQ/ĐU"),
            ("0", "phải từ 1 đến"),
            ("bốn mươi", "không đọc được"),
        })
            (await RefusalAsync(office, await PostIssueAsync(office, cases.A, recognition, "15-KND", typed), cases.A)).ShouldContain(message, customMessage: typed);
        (await IssuedCountAsync(recognition)).ShouldBe(kept);
        // A form the software does not number takes no typed number.
        var application = await StepAsync(app, cases.A, AdmissionStepKind.Application);
        (await RefusalAsync(office, await PostIssueAsync(office, cases.A, application, "1-KND", "5"), cases.A)).ShouldContain("không mang số văn bản");

        (await IssuedNumberAsync(await PostIssueAsync(office, cases.A, recognition, "15-KND", "40-nq/đu"), "15-KND")).ShouldBe("Số 40-NQ/ĐU");
        (await app.WithSystemScopeAsync(db => db.DocumentCounters.SingleAsync(c => c.Id == counter.Id))).LastNumber.ShouldBe(40, "a typed number above the counter moves it");

        // The API takes the same number through the same command: 39 is free, 40 is not.
        // The decisions' series is at 1: 40 is far above it, so the API asks for the same confirmation as the page.
        var far = await office.Client.PostAsync($"/api/candidates/{cases.A}/steps/{decision}/forms/9-KND?number=40-QĐ/ĐU", null);
        far.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await far.Content.ReadAsStringAsync()).ShouldContain("Đúng số trong sổ văn bản");
        var used = await office.Client.PostAsync($"/api/candidates/{cases.A}/steps/{decision}/forms/9-KND?number=40-QĐ/ĐU&confirm=true", null);
        (await IssuedNumberAsync(used, "9-KND")).ShouldBe("Số 40-QĐ/ĐU", "the decisions are a series of their own");
        var apiRecognition = await office.Client.PostAsync($"/api/candidates/{cases.A}/steps/{recognition}/forms/QD-CNCT?number=40", null);
        apiRecognition.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await apiRecognition.Content.ReadAsStringAsync()).ShouldContain("Số 40-QĐ/ĐU đã dùng cho 9-KNĐ của Võ Minh Đức");
    }

    [Fact]
    public async Task A_typed_number_held_by_a_paper_the_user_may_not_see_is_refused_without_naming_it()
    {
        var cases = await EnsureAsync(app);
        var secretary = await Browser.LoginAsync(app, "secretary");
        // Two resolutions of cell A in the term 2020–2025: candidate C's, and candidate D's recorded here.
        var d = await AdmissionHttp.NewCandidateAsync(app, app.Data.CellA, "Tô Văn Dũng", "089300000078", D("2001-04-16"));
        Task Rec(AdmissionStepKind kind, Web.Admission.StepData data) => RecordAsync(app.Services, d, kind, data);
        await Rec(AdmissionStepKind.SourcePool, new() { Date = D("2025-01-06") });
        await Rec(AdmissionStepKind.MentorAssigned, new() { Date = D("2025-01-10"), MentorMemberId = app.Data.MentorMemberA });
        await Rec(AdmissionStepKind.AwarenessClass, new() { Date = D("2025-03-06"), CertificateNumber = "4/CN", CertificateDate = D("2025-03-06") });
        await Rec(AdmissionStepKind.Application, new() { Date = D("2025-04-01") });
        await Rec(AdmissionStepKind.PersonalHistory, new() { Date = D("2025-05-05"), People = [new() { Relationship = "Bản thân", FullName = "Tô Văn Dũng", Result = VerificationResult.Verified }] });
        await Rec(AdmissionStepKind.Introduction, new()
        {
            Date = D("2025-06-02"), Path = IntroductionPath.TwoMembers,
            Introducers = [new() { MemberId = app.Data.MemberA, TogetherSince = D("2020-01-01") }, new() { MemberId = app.Data.CommitteeMemberId, TogetherSince = D("2020-01-01") }],
        });
        await Rec(AdmissionStepKind.Opinions, new() { Date = D("2025-06-16") });
        await Rec(AdmissionStepKind.CellVote, new() { Date = D("2025-06-26"), For = 3, Against = 0, Present = 3 });

        var cVote = await StepAsync(app, cases.C, AdmissionStepKind.CellVote);
        (await IssuedNumberAsync(await PostIssueAsync(secretary, cases.C, cVote, "6-KND", null), "6-KND")).ShouldBe("Số 1-NQ/CB");
        // Candidate C moves to cell B: the cell A secretary no longer sees them, the office does.
        await app.WithSystemScopeAsync(async db =>
        {
            var c = await db.Candidates.SingleAsync(x => x.Id == cases.C);
            c.CellId = app.Data.CellB;
            return await db.SaveChangesAsync();
        });
        var dVote = await StepAsync(app, d, AdmissionStepKind.CellVote);
        var refused = await RefusalAsync(secretary, await PostIssueAsync(secretary, d, dVote, "6-KND", "1"), d);
        refused.ShouldContain("Số 1-NQ/CB đã dùng cho một văn bản khác");
        refused.ShouldNotContain("Đặng Thu Trang");
        (await IssuedCountAsync(dVote)).ShouldBe(0);
        (await IssuedNumberAsync(await PostIssueAsync(secretary, d, dVote, "6-KND", null), "6-KND")).ShouldBe("Số 2-NQ/CB");
    }

    [Fact]
    public async Task A_cell_secretary_is_not_offered_the_committees_papers_and_the_command_refuses_them()
    {
        var cases = await EnsureAsync(app);
        var secretary = await Browser.LoginAsync(app, "secretary");
        var decision = await StepAsync(app, cases.A, AdmissionStepKind.Decision);
        var vote = await StepAsync(app, cases.A, AdmissionStepKind.CellVote);

        var (_, timeline) = await secretary.GetAsync($"/Candidates/Timeline/{cases.A}");
        timeline.QuerySelector($".forms[data-step='{vote}'] .issue-form[data-form='6-KND'] button").ShouldNotBeNull("the cell's own paper is offered");
        foreach (var form in new[] { "8-KND", "9-KND" })
            timeline.QuerySelector($".forms[data-step='{decision}'] .issue-form[data-form='{form}']").ShouldBeNull(form);
        var recognition = await StepAsync(app, cases.A, AdmissionStepKind.RecognitionDecision);
        timeline.QuerySelector($".forms[data-step='{recognition}'] .issue-form").ShouldBeNull();

        var kept = await IssuedCountAsync(decision);
        var numbered = await app.WithSystemScopeAsync(db => db.NumberedPapers.CountAsync());
        (await secretary.Client.PostAsync($"/api/candidates/{cases.A}/steps/{decision}/forms/8-KND", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await secretary.Client.PostAsync($"/api/candidates/{cases.A}/steps/{decision}/forms/9-KND?number=5", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var page = await PostIssueAsync(secretary, cases.A, decision, "8-KND", null);
        (page.StatusCode == HttpStatusCode.Forbidden || (page.StatusCode == HttpStatusCode.Redirect && page.Headers.Location!.ToString().Contains("/Account/Denied", StringComparison.Ordinal)))
            .ShouldBeTrue($"{(int)page.StatusCode} {page.Headers.Location}");
        (await IssuedCountAsync(decision)).ShouldBe(kept);
        (await app.WithSystemScopeAsync(db => db.NumberedPapers.CountAsync())).ShouldBe(numbered, "no number spent");

        // The office, whose scope is the commune, is offered them.
        var office = await Browser.LoginAsync(app, "office");
        var (_, officeTimeline) = await office.GetAsync($"/Candidates/Timeline/{cases.A}");
        officeTimeline.QuerySelector($".forms[data-step='{decision}'] .issue-form[data-form='8-KND'] button").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_paper_numbered_before_the_register_existed_is_entered_in_it_on_start()
    {
        var cases = await EnsureAsync(app);
        var office = await Browser.LoginAsync(app, "office");
        var appraisal = await StepAsync(app, cases.B, AdmissionStepKind.SubCommitteeVote);
        (await IssuedNumberAsync(await PostIssueAsync(office, cases.B, appraisal, "7-KND", "12", confirm: true), "7-KND")).ShouldBe("Số 12-BC/ĐU");
        var held = await app.WithSystemScopeAsync(db => db.NumberedPapers.AsNoTracking().SingleAsync(p => p.StepId == appraisal));
        // As a database from before the DocumentNumbering migration holds it: the paper and its counter, not its number.
        await app.WithSystemScopeAsync(db => db.NumberedPapers.Where(p => p.Id == held.Id).ExecuteDeleteAsync());

        (await app.WithSystemScopeAsync(db => Docs.NumberedPaperBackfill.RunAsync(db))).ShouldBe(1);
        var entered = await app.WithSystemScopeAsync(db => db.NumberedPapers.AsNoTracking().SingleAsync(p => p.StepId == appraisal));
        (entered.CounterId, entered.Serial, entered.FormCode, entered.CandidateId).ShouldBe((held.CounterId, 12, "7-KND", cases.B));
        entered.PaperDate.ShouldBe(D("2026-07-10"));
        (await app.WithSystemScopeAsync(db => Docs.NumberedPaperBackfill.RunAsync(db))).ShouldBe(0, "entered once");

        // Issuing the paper again keeps its number.
        (await IssuedNumberAsync(await PostIssueAsync(office, cases.B, appraisal, "7-KND", null), "7-KND")).ShouldBe("Số 12-BC/ĐU");
    }

    [Fact]
    public async Task A_typed_number_far_above_the_next_is_taken_only_once_confirmed()
    {
        var cases = await EnsureAsync(app);
        var office = await Browser.LoginAsync(app, "office");
        // Candidate B's cell vote, on cell B's series (no other test of this class numbers it): 650 typed for 65.
        var vote = await StepAsync(app, cases.B, AdmissionStepKind.CellVote);
        var counterBefore = await app.WithSystemScopeAsync(db => db.DocumentCounters.AsNoTracking().Where(c => c.OrganisationId == app.Data.CellB && c.DocumentType == "NQ/CB")
            .Select(c => new { c.Id, c.LastNumber }).ToListAsync());
        var refused = await PostIssueAsync(office, cases.B, vote, "6-KND", "650");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, page) = await office.GetAsync($"/Candidates/Timeline/{cases.B}");
        (page.QuerySelector(".alert-danger")?.TextContent ?? "").ShouldContain("cao hơn số tiếp theo của sổ");
        // The same box comes back with what was typed, and the box to confirm it.
        var box = page.QuerySelector($".forms[data-step='{vote}'] .issue-form[data-form='6-KND']")!;
        box.QuerySelector("input[name=number]")!.GetAttribute("value").ShouldBe("650");
        box.QuerySelector("input[name=confirmNumber]").ShouldNotBeNull();
        box.QuerySelector("label[for$='-confirm']")!.TextContent.ShouldBe("Đúng số trong sổ văn bản");
        // Nothing spent; the next visit shows the plain box again.
        (await IssuedCountAsync(vote)).ShouldBe(0);
        (await app.WithSystemScopeAsync(db => db.DocumentCounters.AsNoTracking().Where(c => c.OrganisationId == app.Data.CellB && c.DocumentType == "NQ/CB")
            .Select(c => new { c.Id, c.LastNumber }).ToListAsync())).ShouldBe(counterBefore);
        (_, page) = await office.GetAsync($"/Candidates/Timeline/{cases.B}");
        page.QuerySelector($".forms[data-step='{vote}'] .issue-form[data-form='6-KND'] input[name=confirmNumber]").ShouldBeNull();

        // Confirmed: taken.
        (await IssuedNumberAsync(await PostIssueAsync(office, cases.B, vote, "6-KND", "650", confirm: true), "6-KND")).ShouldBe("Số 650-NQ/CB");
    }

    [Fact]
    public async Task The_rules_propose_the_kept_number_the_steps_own_the_next_or_dots()
    {
        var counter = new Docs.DocumentCounter { DocumentType = "NQ/ĐU", LastNumber = 37, StartsOn = D("2026-07-15"), LatestPaperDate = D("2026-08-01") };
        Docs.DocumentNumbering.Propose("NQ/ĐU", "12-NQ/ĐU", "9-NQ/ĐU", counter, D("2026-01-01")).Number.ShouldBe("12-NQ/ĐU");
        Docs.DocumentNumbering.Propose("NQ/ĐU", null, "9-NQ/ĐU", counter, D("2026-01-01")).Number.ShouldBe("9-NQ/ĐU");
        // The later bar names the reason: here the latest paper (1/8) is after the start (15/7).
        Docs.DocumentNumbering.Propose("NQ/ĐU", null, null, counter, D("2026-07-01")).Source.ShouldBe(Docs.NumberSource.DottedBeforeLatest);
        Docs.DocumentNumbering.Propose("NQ/ĐU", null, null, counter, D("2026-07-20")).Source.ShouldBe(Docs.NumberSource.DottedBeforeLatest);
        // The office set a start after the latest paper: before it, the start is the reason.
        var restarted = new Docs.DocumentCounter { DocumentType = "NQ/ĐU", LastNumber = 37, StartsOn = D("2026-09-01"), LatestPaperDate = D("2026-08-01") };
        Docs.DocumentNumbering.Propose("NQ/ĐU", null, null, restarted, D("2026-08-15")).Source.ShouldBe(Docs.NumberSource.DottedBeforeStart);
        Docs.DocumentNumbering.Propose("NQ/ĐU", null, null, restarted, D("2026-09-01")).Number.ShouldBe("38-NQ/ĐU");
        Docs.DocumentNumbering.Propose("NQ/ĐU", null, null, counter, D("2026-08-01")).Number.ShouldBe("38-NQ/ĐU");
        Docs.DocumentNumbering.Propose("NQ/ĐU", null, null, null, D("2020-08-01")).Number.ShouldBe("1-NQ/ĐU");
        Docs.DocumentNumbering.ParseTyped(" 38 - NQ/ĐU ", "NQ/ĐU").ShouldBe((38, null));
        Docs.DocumentNumbering.ParseTyped("38-NQ/CB", "NQ/ĐU").Error.ShouldNotBeNull();
        await Task.CompletedTask;
    }
}

public sealed class DocumentNumberTests_Sqlite(SqliteApp app) : DocumentNumberTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class DocumentNumberTests_Postgres(PostgresApp app) : DocumentNumberTests<PostgresApp>(app), IClassFixture<PostgresApp>;
