using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
/// Numbers written on steps and numbers the software gives are one register (issue 10, decision 0021 addendum): a
/// step's own number is reserved when the step is recorded, refused when another paper holds it, written back on the
/// step when the software gives it, and never passes the register's largest number. Each test uses its own series.
/// </summary>
public abstract class DocumentNumberStepTests<TApp>(TApp app) where TApp : AppFactory
{
    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    private Task<List<Docs.NumberedPaper>> HeldAsync(int step) =>
        app.WithSystemScopeAsync(db => db.NumberedPapers.AsNoTracking().Where(p => p.StepId == step).ToListAsync());

    private Task<string?> StepNumberAsync(int step) =>
        app.WithSystemScopeAsync(db => db.AdmissionSteps.Where(s => s.Id == step).Select(s => s.DocumentNumber).SingleAsync());

    /// <summary>A case of cell A from the pool to its cell vote (the steps before it in the months after <paramref name="pooled"/>), the vote with its resolution's number.</summary>
    private async Task<(int Case, int Vote)> CellVoteAsync(string name, string personId, DateOnly pooled, DateOnly vote, string number)
    {
        var e = await AdmissionHttp.NewCandidateAsync(app, app.Data.CellA, name, personId, pooled.AddYears(-23));
        Task Rec(AdmissionStepKind kind, Web.Admission.StepData data) => RecordAsync(app.Services, e, kind, data);
        await Rec(AdmissionStepKind.SourcePool, new() { Date = pooled });
        await Rec(AdmissionStepKind.MentorAssigned, new() { Date = pooled.AddDays(3), MentorMemberId = app.Data.MentorMemberA });
        await Rec(AdmissionStepKind.AwarenessClass, new() { Date = pooled.AddDays(58), CertificateNumber = "7/CN", CertificateDate = pooled.AddDays(58) });
        await Rec(AdmissionStepKind.Application, new() { Date = pooled.AddDays(84) });
        await Rec(AdmissionStepKind.PersonalHistory, new() { Date = pooled.AddDays(119), People = [new() { Relationship = "Bản thân", FullName = name, Result = VerificationResult.Verified }] });
        await Rec(AdmissionStepKind.Introduction, new()
        {
            Date = pooled.AddDays(147), Path = IntroductionPath.TwoMembers,
            Introducers = [new() { MemberId = app.Data.MemberA, TogetherSince = D("2015-01-01") }, new() { MemberId = app.Data.CommitteeMemberId, TogetherSince = D("2015-01-01") }],
        });
        await Rec(AdmissionStepKind.Opinions, new() { Date = pooled.AddDays(161) });
        await Rec(AdmissionStepKind.CellVote, new() { Date = vote, For = 3, Against = 0, Present = 3, DocumentNumber = number });
        return (e, await StepAsync(app, e, AdmissionStepKind.CellVote));
    }

    [Fact]
    public async Task A_steps_own_number_is_reserved_when_recorded_and_one_held_by_another_paper_is_refused_by_form_and_API()
    {
        var cases = await EnsureAsync(app);
        var office = await Browser.LoginAsync(app, "office");
        var decisionA = await StepAsync(app, cases.A, AdmissionStepKind.Decision);

        // A's decision carries no number: the software gives the series' first, and writes it on the step and the
        // member's record (the ceremony was recorded before, with no decision number to copy).
        (await IssuedNumberAsync(await PostIssueAsync(office, cases.A, decisionA, "9-KND", null), "9-KND")).ShouldBe("Số 1-QĐ/ĐU");
        (await StepNumberAsync(decisionA)).ShouldBe("1-QĐ/ĐU");
        (await app.WithSystemScopeAsync(db => db.Members.Where(m => m.Person.FullName == "Võ Minh Đức").Select(m => m.AdmissionDecisionNumber).SingleAsync()))
            .ShouldBe("1-QĐ/ĐU");
        var (_, timeline) = await office.GetAsync($"/Candidates/Timeline/{cases.A}");
        timeline.Body!.TextContent.ShouldContain("1-QĐ/ĐU");
        var trail = await app.WithSystemScopeAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "StepRecord" && e.EntityId == S(decisionA)));
        trail.ShouldBeGreaterThan(1, "the number written on the step is audited");

        // B's decision typed with A's number: refused by the API and by the form, naming the paper; nothing kept.
        var stepsBefore = await app.WithSystemScopeAsync(db => db.AdmissionSteps.CountAsync(s => s.CandidateId == cases.B));
        var api = await office.Client.PostAsJsonAsync($"/api/candidates/{cases.B}/steps",
            new { kind = "Decision", date = "2026-08-03", documentNumber = "1-QĐ/ĐU", receivedByCellOn = "2026-08-05" });
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Content.ReadAsStringAsync()).ShouldContain("Số văn bản 1-QĐ/ĐU đã dùng cho 9-KNĐ của Võ Minh Đức");
        var page = await office.PostRawAsync($"/Candidates/Step/{cases.B}?kind=Decision",
            [new("Kind", "Decision"), new("Form.Date", "2026-08-03"), new("Form.DocumentNumber", "1-QĐ/ĐU"), new("Form.ReceivedByCellOn", "2026-08-05")],
            $"/Candidates/Step/{cases.B}?kind=Decision");
        page.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync()).ShouldContain("đã dùng cho 9-KNĐ của Võ Minh Đức");
        (await app.WithSystemScopeAsync(db => db.AdmissionSteps.CountAsync(s => s.CandidateId == cases.B))).ShouldBe(stepsBefore);

        // A free number is accepted and held for B's 9-KNĐ; the series moves past it.
        var ok = await office.Client.PostAsJsonAsync($"/api/candidates/{cases.B}/steps",
            new { kind = "Decision", date = "2026-08-03", documentNumber = "2-QĐ/ĐU", receivedByCellOn = "2026-08-05" });
        ok.StatusCode.ShouldBe(HttpStatusCode.Created, await ok.Content.ReadAsStringAsync());
        var decisionB = await StepAsync(app, cases.B, AdmissionStepKind.Decision);
        var held = (await HeldAsync(decisionB)).ShouldHaveSingleItem();
        (held.Serial, held.FormCode, held.Variant).ShouldBe((2, "9-KND", 0));
        (await app.WithSystemScopeAsync(db => db.DocumentCounters.SingleAsync(c => c.Id == held.CounterId))).LastNumber.ShouldBe(2);

        // Auto-numbering does not give it again: A's recognition decision (10/8/2027) takes 3.
        var recognitionA = await StepAsync(app, cases.A, AdmissionStepKind.RecognitionDecision);
        (await IssuedNumberAsync(await PostIssueAsync(office, cases.A, recognitionA, "QD-CNCT", null), "QD-CNCT")).ShouldBe("Số 3-QĐ/ĐU");
        (await StepNumberAsync(recognitionA)).ShouldBe("3-QĐ/ĐU");

        // B's paper finds its own reservation and keeps it; no second row.
        (await IssuedNumberAsync(await PostIssueAsync(office, cases.B, decisionB, "9-KND", null), "9-KND")).ShouldBe("Số 2-QĐ/ĐU");
        (await HeldAsync(decisionB)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_steps_number_another_paper_held_before_reservations_is_left_to_that_paper_and_this_one_takes_a_typed_number()
    {
        var cases = await EnsureAsync(app);
        var secretary = await Browser.LoginAsync(app, "secretary");
        var recognitionVote = await StepAsync(app, cases.A, AdmissionStepKind.RecognitionVote);
        var cellVote = await StepAsync(app, cases.A, AdmissionStepKind.CellVote);
        (await IssuedNumberAsync(await PostIssueAsync(secretary, cases.A, recognitionVote, "13-KND", null), "13-KND")).ShouldBe("Số 1-NQ/CB");
        // As a database from before reservations holds it: the cell vote written with the same number, and B's cell
        // vote (cell B) with a number nobody holds.
        var cellVoteB = await StepAsync(app, cases.B, AdmissionStepKind.CellVote);
        await app.WithSystemScopeAsync(db => db.AdmissionSteps.Where(s => s.Id == cellVote).ExecuteUpdateAsync(u => u.SetProperty(s => s.DocumentNumber, "1-NQ/CB")));
        await app.WithSystemScopeAsync(db => db.AdmissionSteps.Where(s => s.Id == cellVoteB).ExecuteUpdateAsync(u => u.SetProperty(s => s.DocumentNumber, "9-NQ/CB")));

        // On start: the free one is reserved and moves its series; the held one is left (the other paper keeps it).
        (await app.WithSystemScopeAsync(db => Docs.NumberedPaperBackfill.RunAsync(db))).ShouldBeGreaterThanOrEqualTo(1);
        var reserved = (await HeldAsync(cellVoteB)).ShouldHaveSingleItem();
        (reserved.Serial, reserved.FormCode).ShouldBe((9, "6-KND"));
        (await app.WithSystemScopeAsync(db => db.DocumentCounters.SingleAsync(c => c.Id == reserved.CounterId))).LastNumber.ShouldBe(9);
        (await HeldAsync(cellVote)).ShouldBeEmpty();
        (await app.WithSystemScopeAsync(db => Docs.NumberedPaperBackfill.RunAsync(db))).ShouldBe(0, "entered once");

        // The timeline says so and offers the box; issuing without a number is refused, naming the holder.
        var (_, timeline) = await secretary.GetAsync($"/Candidates/Timeline/{cases.A}");
        var why = timeline.QuerySelector($".forms[data-step='{cellVote}'] .issue-form[data-form='6-KND'] .number-why")!.TextContent;
        why.ShouldContain("Số 1-NQ/CB ghi ở bước đã dùng cho một văn bản khác");
        timeline.QuerySelector($".forms[data-step='{cellVote}'] .issue-form[data-form='6-KND'] input[name=number]").ShouldNotBeNull();
        var refused = await RefusalAsync(secretary, await PostIssueAsync(secretary, cases.A, cellVote, "6-KND", null), cases.A);
        refused.ShouldContain("Số 1-NQ/CB ghi ở bước này đã dùng cho 13-KNĐ của Võ Minh Đức");
        (await app.WithSystemScopeAsync(db => db.IssuedDocuments.CountAsync(d => d.StepId == cellVote))).ShouldBe(0);
        // The number from the register is typed: the paper takes it; the step's number stays as written.
        (await IssuedNumberAsync(await PostIssueAsync(secretary, cases.A, cellVote, "6-KND", "5"), "6-KND")).ShouldBe("Số 5-NQ/CB");
        (await HeldAsync(cellVote)).ShouldHaveSingleItem().Serial.ShouldBe(5);
        (await StepNumberAsync(cellVote)).ShouldBe("1-NQ/CB");
        // The paper whose own number is free keeps refusing another typed one.
        var office = await Browser.LoginAsync(app, "office");
        (await RefusalAsync(office, await PostIssueAsync(office, cases.B, cellVoteB, "6-KND", "10"), cases.B)).ShouldContain("đã ghi số văn bản 9-NQ/CB");
        (await IssuedNumberAsync(await PostIssueAsync(office, cases.B, cellVoteB, "6-KND", null), "6-KND")).ShouldBe("Số 9-NQ/CB");
    }

    [Fact]
    public async Task A_step_before_any_term_is_issued_with_its_own_number_and_entered_once_a_term_covers_it()
    {
        await EnsureAsync(app);
        var secretary = await Browser.LoginAsync(app, "secretary");
        // Terms start on 1/7/2020: a cell vote of March 2020 with its resolution's number.
        var (e, vote) = await CellVoteAsync("Lâm Thị Yến", "089300000091", D("2019-01-07"), D("2020-03-10"), "77-NQ/CB");
        (await HeldAsync(vote)).ShouldBeEmpty("no term, no series");
        (await app.WithSystemScopeAsync(db => Docs.NumberedPaperBackfill.RunAsync(db))).ShouldBe(0, "a paper before every term waits for one");

        var (_, timeline) = await secretary.GetAsync($"/Candidates/Timeline/{e}");
        timeline.QuerySelector($".forms[data-step='{vote}'] .issue-form[data-form='6-KND'] .number-why")!.TextContent.ShouldContain("Dùng số đã ghi ở bước: 77-NQ/CB.");
        (await IssuedNumberAsync(await PostIssueAsync(secretary, e, vote, "6-KND", null), "6-KND")).ShouldBe("Số 77-NQ/CB");

        // The office records that the 2020–2025 congress met on 1/3/2020: the term now covers the vote, and its number
        // enters cell A's series of that term with the save (a start no longer looks for such papers).
        var office = await Browser.LoginAsync(app, "office");
        var term = await app.WithSystemScopeAsync(db => db.Terms.AsNoTracking().SingleAsync(t => t.StartYear == 2020));
        var saved = await office.PostFormAsync($"/Targets/Term/{term.Id}", new() { ["Count"] = "100", ["TermStart"] = "2020-03-01" });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var entered = (await HeldAsync(vote)).ShouldHaveSingleItem();
        (entered.Serial, entered.FormCode, entered.PaperDate).ShouldBe((77, "6-KND", D("2020-03-10")));
        var counter = await app.WithSystemScopeAsync(db => db.DocumentCounters.AsNoTracking().SingleAsync(c => c.Id == entered.CounterId));
        (counter.TermId, counter.OrganisationId, counter.DocumentType, counter.LastNumber).ShouldBe((term.Id, app.Data.CellA, "NQ/CB", 77));
        (await app.WithSystemScopeAsync(db => Docs.NumberedPaperBackfill.RunAsync(db))).ShouldBe(0, "nothing left for a start");
    }

    [Fact]
    public async Task A_steps_number_missing_from_the_register_is_entered_by_the_days_sweep_after_the_alerts()
    {
        await EnsureAsync(app);
        // A cell vote of March 2021 (the 2020–2025 term) with its resolution's number, reserved when recorded (below the
        // 77 the test above enters in the same series, whichever runs first).
        var (_, vote) = await CellVoteAsync("Lâm Thị Hồng", "089300000092", D("2020-08-03"), D("2021-03-10"), "70-NQ/CB");
        var reserved = (await HeldAsync(vote)).ShouldHaveSingleItem();

        // As if the step had been recorded in the very instant its term's new dates were saved (the save read the old
        // ones): its number is out of the register, where another paper could take it.
        await app.WithSystemScopeAsync(db => db.NumberedPapers.Where(p => p.StepId == vote).ExecuteDeleteAsync());
        (await HeldAsync(vote)).ShouldBeEmpty();

        // The day's run (the alerts, then the sweep of the last two days' papers) enters it again in cell A's series, once.
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var alerts = app.Services.GetRequiredService<Web.Notifications.AlertGenerator>();
        await alerts.RunAsync(today);
        var entered = (await HeldAsync(vote)).ShouldHaveSingleItem();
        (entered.CounterId, entered.Serial, entered.FormCode, entered.PaperDate).ShouldBe((reserved.CounterId, 70, "6-KND", D("2021-03-10")));
        (await app.WithSystemScopeAsync(db => Docs.NumberedPaperBackfill.RunAsync(db))).ShouldBe(0, "entered once");

        // A step recorded three days ago is not the day's sweep's (papers left out for good are not read every day);
        // the run over every paper (the upgrade's, at a start) enters it.
        var threeDaysAgo = clock.GetUtcNow().UtcDateTime.AddDays(-3);
        await app.WithSystemScopeAsync(db => db.AdmissionSteps.Where(s => s.Id == vote).ExecuteUpdateAsync(u => u.SetProperty(s => s.RecordedAtUtc, threeDaysAgo)));
        await app.WithSystemScopeAsync(db => db.NumberedPapers.Where(p => p.StepId == vote).ExecuteDeleteAsync());
        await alerts.RunAsync(today);
        (await HeldAsync(vote)).ShouldBeEmpty("the day's sweep reads the last two days");
        (await app.WithSystemScopeAsync(db => Docs.NumberedPaperBackfill.RunAsync(db))).ShouldBe(1, "every paper");
        (await HeldAsync(vote)).ShouldHaveSingleItem().Serial.ShouldBe(70);
    }

    [Fact]
    public async Task Auto_numbering_stops_at_the_largest_number()
    {
        var cases = await EnsureAsync(app);
        var office = await Browser.LoginAsync(app, "office");
        var decision = await StepAsync(app, cases.A, AdmissionStepKind.Decision);
        // The committee's resolutions have reached 99,999 this term.
        var termId = (await app.WithSystemScopeAsync(db => db.Terms.ToListAsync())).Single(t => t.Start <= D("2026-07-20") && D("2026-07-20") <= t.End).Id;
        await app.WithSystemScopeAsync(db =>
        {
            db.DocumentCounters.Add(new Docs.DocumentCounter
            {
                CommuneId = app.Data.CommuneId, TermId = termId, OrganisationId = app.Data.CommuneId, DocumentType = "NQ/ĐU",
                LastNumber = Docs.DocumentNumbering.MaxNumber, StartsOn = D("2026-01-01"),
            });
            return db.SaveChangesAsync();
        });
        var (_, timeline) = await office.GetAsync($"/Candidates/Timeline/{cases.A}");
        var why = timeline.QuerySelector($".forms[data-step='{decision}'] .issue-form[data-form='8-KND'] .number-why")!.TextContent;
        why.ShouldNotContain("100000");
        why.ShouldContain("99.999");
        var refused = await RefusalAsync(office, await PostIssueAsync(office, cases.A, decision, "8-KND", null), cases.A);
        refused.ShouldContain("đã dùng đến số 99999-NQ/ĐU");
        (await app.WithSystemScopeAsync(db => db.IssuedDocuments.CountAsync(d => d.StepId == decision && d.FormCode == "8-KND"))).ShouldBe(0);
        // A free number from the register is still taken.
        (await IssuedNumberAsync(await PostIssueAsync(office, cases.A, decision, "8-KND", "12"), "8-KND")).ShouldBe("Số 12-NQ/ĐU");
    }

    [Fact]
    public async Task A_lost_race_says_what_happened()
    {
        // The same paper issued by someone else as 61 while 60 was typed: 60 was free, the paper keeps 61.
        var same = Docs.IssueForm.RaceMessage("61-NQ/CB", "60", typedHeld: false, stepOwn: null);
        same.ShouldContain("61-NQ/CB");
        same.ShouldNotContain("“60” vừa được dùng");
        Docs.IssueForm.RaceMessage(null, "60", typedHeld: true, stepOwn: null).ShouldContain("Số “60” vừa được dùng cho văn bản khác");
        Docs.IssueForm.RaceMessage(null, "60", typedHeld: false, stepOwn: null).ShouldContain("“60” vẫn chưa ai dùng");
        // A paper carrying the step's own number takes no "next number".
        var own = Docs.IssueForm.RaceMessage(null, null, typedHeld: false, stepOwn: "420-QĐ/ĐU");
        own.ShouldContain("420-QĐ/ĐU");
        own.ShouldNotContain("số tiếp theo");
        Docs.IssueForm.RaceMessage(null, null, typedHeld: false, stepOwn: null).ShouldContain("số tiếp theo");
        await Task.CompletedTask;
    }
}

public sealed class DocumentNumberStepTests_Sqlite(SqliteApp app) : DocumentNumberStepTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class DocumentNumberStepTests_Postgres(PostgresApp app) : DocumentNumberStepTests<PostgresApp>(app), IClassFixture<PostgresApp>;
