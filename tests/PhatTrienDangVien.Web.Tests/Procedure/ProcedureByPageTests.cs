using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Procedure;

/// <summary>A cell secretary takes one candidate from the source pool to official member through the pages.</summary>
public abstract class ProcedureByPageTests<TApp>(TApp app) where TApp : AppFactory
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> StepAsync(Browser b, AdmissionStepKind kind, Dictionary<string, string> fields)
    {
        var url = $"/Candidates/Step/{app.Data.CandidateA}?kind={kind}";
        return await b.PostFormAsync(url, fields);
    }

    private async Task RecordAsync(Browser b, AdmissionStepKind kind, string date, Dictionary<string, string>? more = null)
    {
        var fields = new Dictionary<string, string>(more ?? []) { ["Form.Date"] = date };
        var r = await StepAsync(b, kind, fields);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{kind}: {await r.Content.ReadAsStringAsync()}");
    }

    private Task<List<StepRecord>> StepsAsync() =>
        app.WithSystemScopeAsync(db => db.AdmissionSteps.Where(s => s.CandidateId == app.Data.CandidateA).OrderBy(s => s.Id).ToListAsync());

    [Fact]
    public async Task From_source_pool_to_official_member_with_deadlines_on_the_timeline()
    {
        var b = await Browser.LoginAsync(app, "secretary");
        var d = app.Data;
        await RecordAsync(b, AdmissionStepKind.SourcePool, "2026-01-05");
        await RecordAsync(b, AdmissionStepKind.MentorAssigned, "2026-01-10", new() { ["Form.MentorMemberId"] = Id(d.MentorMemberA) });
        await RecordAsync(b, AdmissionStepKind.MentorAssessment, "2026-02-10", new() { ["Form.MentorMemberId"] = Id(d.MentorMemberA), ["Form.Note"] = "Tích cực, gương mẫu." });
        await RecordAsync(b, AdmissionStepKind.AwarenessClass, "2026-03-06", new() { ["Form.CertificateNumber"] = "125/CN-TTCT", ["Form.CertificateDate"] = "2026-03-06" });
        await RecordAsync(b, AdmissionStepKind.Application, "2026-04-01");
        await RecordAsync(b, AdmissionStepKind.PersonalHistory, "2026-05-04", new()
        {
            ["Form.People[0].Relationship"] = "Cha", ["Form.People[0].FullName"] = "Võ Văn Hùng", ["Form.People[0].Result"] = "Verified",
            ["Form.People[1].Relationship"] = "Mẹ", ["Form.People[1].FullName"] = "Lê Thị Mai", ["Form.People[1].Result"] = "ExemptPartyMember",
        });
        await RecordAsync(b, AdmissionStepKind.Introduction, "2026-06-01", new()
        {
            ["Form.Path"] = "TwoMembers",
            ["Form.Introducers[0].MemberId"] = Id(d.MemberA), ["Form.Introducers[0].TogetherSince"] = "2024-01-01",
            ["Form.Introducers[1].MemberId"] = Id(d.CommitteeMemberId), ["Form.Introducers[1].TogetherSince"] = "2025-06-01",
        });
        await RecordAsync(b, AdmissionStepKind.Opinions, "2026-06-15");

        // A vote below 2/3 of the 3 official members is refused by name and changes nothing.
        var before = (await StepsAsync()).Count;
        var refused = await StepAsync(b, AdmissionStepKind.CellVote, new() { ["Form.Date"] = "2026-07-01", ["Form.Present"] = "3", ["Form.For"] = "1", ["Form.Against"] = "2" });
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var refusal = await refused.Content.ReadAsStringAsync();
        refusal.ShouldContain("chưa đủ 2");
        refusal.ShouldContain("Điều lệ Đảng");
        (await StepsAsync()).Count.ShouldBe(before);

        // A step dated in the future is refused too.
        (await StepAsync(b, AdmissionStepKind.CellVote, new() { ["Form.Date"] = "2027-01-04", ["Form.Present"] = "3", ["Form.For"] = "3", ["Form.Against"] = "0" }))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        await RecordAsync(b, AdmissionStepKind.CellVote, "2026-07-01", new() { ["Form.Present"] = "3", ["Form.For"] = "3", ["Form.Against"] = "0", ["Form.DocumentNumber"] = "05-NQ/CB" });
        var (_, timeline) = await b.GetAsync($"/Candidates/Timeline/{d.CandidateA}");
        // 60 working days after 1/7/2026, counted by hand: 22 in July, 21 in August, then September without
        // 1–2/9 (Quốc khánh): the 60th is Friday 25/9/2026.
        timeline.QuerySelector("#next-due")!.TextContent.ShouldContain("25/09/2026");
        timeline.QuerySelector("#stage")!.TextContent.ShouldBe(StepNames.Of(AdmissionStage.CellApproved));

        await RecordAsync(b, AdmissionStepKind.Decision, "2026-08-10", new() { ["Form.DocumentNumber"] = "112-QĐ/ĐU", ["Form.ReceivedByCellOn"] = "2026-08-12" });
        await RecordAsync(b, AdmissionStepKind.Ceremony, "2026-09-10");
        (_, timeline) = await b.GetAsync($"/Candidates/Timeline/{d.CandidateA}");
        timeline.QuerySelector("#probation-end")!.TextContent.ShouldContain("10/09/2027");
        var member = await app.WithSystemScopeAsync(db => db.Members.Include(m => m.Person).SingleAsync(m => m.Person.FullName == "Võ Minh Đức"));
        member.Status.ShouldBe(MemberStatus.Probationary);
        member.CeremonyDate.ShouldBe(new DateOnly(2026, 9, 10));
        member.AdmissionDecisionDate.ShouldBe(new DateOnly(2026, 8, 10));

        // Recognition before the 12 months end is refused.
        (await StepAsync(b, AdmissionStepKind.RecognitionVote, new() { ["Form.Date"] = "2026-11-20", ["Form.Present"] = "3", ["Form.For"] = "3", ["Form.Against"] = "0" }))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        await RecordAsync(b, AdmissionStepKind.NewMemberClass, "2026-11-16", new() { ["Form.CertificateNumber"] = "88/CN", ["Form.CertificateDate"] = "2026-11-16" });
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 10, 4, 3, 0, 0, TimeSpan.Zero));
        b = await Browser.LoginAsync(app, "secretary"); // ten months later the old session has long expired
        await RecordAsync(b, AdmissionStepKind.RecognitionVote, "2027-09-20", new() { ["Form.Present"] = "3", ["Form.For"] = "3", ["Form.Against"] = "0" });
        // The decision is late compared with the meeting, yet the member is official from the end of the 12 months.
        await RecordAsync(b, AdmissionStepKind.RecognitionDecision, "2027-10-04", new() { ["Form.DocumentNumber"] = "301-QĐ/ĐU" });
        member = await app.WithSystemScopeAsync(db => db.Members.Include(m => m.Person).SingleAsync(m => m.Person.FullName == "Võ Minh Đức"));
        member.Status.ShouldBe(MemberStatus.Official);
        member.OfficialDate.ShouldBe(new DateOnly(2027, 9, 10));
        (_, timeline) = await b.GetAsync($"/Candidates/Timeline/{d.CandidateA}");
        timeline.QuerySelector("#stage")!.TextContent.ShouldBe(StepNames.Of(AdmissionStage.Official));
        timeline.QuerySelectorAll("#steps tbody tr").Length.ShouldBe(14);
    }

    [Fact]
    public async Task A_scan_of_the_signed_paper_is_kept_with_its_step_and_only_real_pdf_or_images_are_accepted()
    {
        var b = await Browser.LoginAsync(app, "office");
        // A case of its own in cell B, so that the other tests' steps do not interfere.
        var candidateId = await app.WithSystemScopeAsync(async db =>
        {
            var c = new Candidate { CommuneId = app.Data.CommuneId, CellId = app.Data.CellB, AddedOn = new DateOnly(2026, 1, 5),
                Person = TestData.NewPerson(app.Data.CommuneId, "Tô Thị Hạnh", "089302000777", null, 2002, Core.Reference.Gender.Female) };
            db.Candidates.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        var url = $"/Candidates/Step/{candidateId}?kind=SourcePool";
        async Task<HttpResponseMessage> PostAsync(string fileName, byte[] content)
        {
            var (_, doc) = await b.GetAsync(url);
            var form = new MultipartFormDataContent();
            foreach (var (k, v) in Browser.FormValues(doc)) form.Add(new StringContent(v), k);
            form.Add(new StringContent("2026-01-05"), "Form.Date");
            form.Add(new ByteArrayContent(content), "Files", fileName);
            return await b.Client.PostAsync(url, form);
        }
        var before = (await app.WithSystemScopeAsync(db => db.AdmissionSteps.CountAsync()));
        var refused = await PostAsync("bien-ban.html", "<html><script>alert(1)</script></html>"u8.ToArray());
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("không phải PDF, JPEG hay PNG");
        (await app.WithSystemScopeAsync(db => db.AdmissionSteps.CountAsync())).ShouldBe(before);

        var pdf = "%PDF-1.4\n% Biên bản họp chi bộ\n"u8.ToArray();
        var saved = await PostAsync("Biên bản.pdf", pdf);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var (_, timeline) = await b.GetAsync($"/Candidates/Timeline/{candidateId}");
        var link = timeline.QuerySelectorAll("#steps a").Single(a => a.TextContent.Contains("Biên bản.pdf", StringComparison.Ordinal));
        var file = await b.Client.GetAsync(link.GetAttribute("href"));
        file.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await file.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);
        // Opening a scan is on the access trail (who took which paper).
        var opened = await app.WithSystemScopeAsync(db => db.AuditEntries.Where(a => a.Action == Auditing.AccessTrail.Downloaded).ToListAsync());
        opened.ShouldHaveSingleItem().Changes.ShouldContain("Biên bản.pdf");
        opened[0].Changes.ShouldContain($"\"Record\":[null,{candidateId}]");

        // Cell A's secretary cannot fetch cell B's scan, even with its address.
        var secretary = await Browser.LoginAsync(app, "secretary");
        (await secretary.Client.GetAsync(link.GetAttribute("href"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var audit = await app.WithSystemScopeAsync(db => db.AuditEntries.SingleAsync(a => a.EntityType == "StepAttachment"));
        audit.Changes.ShouldContain("Biên bản.pdf");
        audit.Changes.ShouldNotContain("\"Content\":");
    }

    [Fact]
    public async Task The_mentor_may_only_write_assessments_and_others_cannot_reach_the_case()
    {
        var mentor = await Browser.LoginAsync(app, "mentor");
        (await mentor.Client.GetAsync($"/Candidates/Timeline/{app.Data.CandidateA}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var denied = await mentor.Client.GetAsync($"/Candidates/Step/{app.Data.CandidateA}?kind=CellVote");
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().ShouldContain("/Account/Denied");
        (await mentor.Client.GetAsync($"/Candidates/Step/{app.Data.CandidateA}?kind=MentorAssessment")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var secretary = await Browser.LoginAsync(app, "secretary");
        (await secretary.Client.GetAsync($"/Candidates/Timeline/{app.Data.CandidateB}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary.Client.GetAsync($"/Candidates/Step/{app.Data.CandidateB}?kind=SourcePool")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_work_list_shows_overdue_steps_and_the_header_counts_them()
    {
        // Candidate B (cell B) voted long ago with no decision: overdue for the office, invisible to cell A's secretary.
        await app.WithSystemScopeAsync(async db =>
        {
            var steps = new (AdmissionStepKind Kind, string Date, VoteOutcome? Outcome)[]
            {
                (AdmissionStepKind.SourcePool, "2025-09-01", null), (AdmissionStepKind.MentorAssigned, "2025-09-05", null),
                (AdmissionStepKind.AwarenessClass, "2025-10-01", null), (AdmissionStepKind.Application, "2025-10-15", null),
                (AdmissionStepKind.PersonalHistory, "2025-11-01", null), (AdmissionStepKind.Introduction, "2025-11-15", null),
                (AdmissionStepKind.Opinions, "2025-12-01", null), (AdmissionStepKind.CellVote, "2026-01-05", VoteOutcome.Approved),
            };
            foreach (var (kind, date, outcome) in steps)
                db.AdmissionSteps.Add(new StepRecord
                {
                    CandidateId = app.Data.CandidateB, Kind = kind, Date = DateOnly.Parse(date, CultureInfo.InvariantCulture), Outcome = outcome, RecordedBy = "test",
                    Details = kind switch
                    {
                        AdmissionStepKind.AwarenessClass => StepDetailsJson.Write(new ClassDetails { CertificateNumber = "1", CertificateDate = new DateOnly(2025, 10, 1) }),
                        AdmissionStepKind.PersonalHistory => StepDetailsJson.Write(new VerificationDetails { People = [new RelativeVerification { Relationship = "Cha", FullName = "A", Result = VerificationResult.Verified }] }),
                        AdmissionStepKind.CellVote => StepDetailsJson.Write(new CellVoteDetails { For = 3, Present = 3, Members = 3, Denominator = 3, VotesNeeded = 2, HasSubCommittee = true }),
                        _ => null,
                    },
                });
            return await db.SaveChangesAsync();
        });
        var office = await Browser.LoginAsync(app, "office");
        var (_, work) = await office.GetAsync("/Work?Show=overdue");
        var row = work.QuerySelectorAll("tbody tr").Single(tr => tr.TextContent.Contains("Huỳnh Ngọc Ánh", StringComparison.Ordinal));
        row.TextContent.ShouldContain(StepNames.Of(AdmissionStepKind.SubCommitteeVote));
        row.TextContent.ShouldContain("quá hạn");
        // The header counts once a minute per scope; the inspector's count is computed fresh here.
        var (_, header) = await (await Browser.LoginAsync(app, "inspector")).GetAsync("/");
        header.QuerySelector("#overdue-count")!.TextContent.ShouldContain("quá hạn");

        var secretary = await Browser.LoginAsync(app, "secretary");
        var (_, own) = await secretary.GetAsync("/Work?Show=all");
        own.Body!.TextContent.ShouldNotContain("Huỳnh Ngọc Ánh");
    }
}

public sealed class ProcedureByPageTests_Sqlite(SqliteApp app) : ProcedureByPageTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ProcedureByPageTests_Postgres(PostgresApp app) : ProcedureByPageTests<PostgresApp>(app), IClassFixture<PostgresApp>;
