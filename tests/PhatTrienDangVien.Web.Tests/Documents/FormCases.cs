using System.Collections.Concurrent;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Tests.Admission;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using static PhatTrienDangVien.Web.Tests.Infrastructure.Steps;

namespace PhatTrienDangVien.Web.Tests.Documents;

/// <summary>
/// The cases the form tests fill papers for, recorded once per application through <see cref="RecordStep"/>:
/// candidate A of cell A through the whole procedure (two introducers), candidate B of cell B (under the
/// sub-committee) introduced by the Youth Union up to the sub-committee's vote, and candidate C of cell A voted on
/// in the previous term. The clock ends on 12/8/2027.
/// </summary>
internal sealed record FormCases(int A, int B, int C)
{
    private static readonly ConcurrentDictionary<AppFactory, Task<FormCases>> s_seeded = new();

    public static Task<FormCases> EnsureAsync(AppFactory app) => s_seeded.GetOrAdd(app, SeedAsync);

    private static async Task<FormCases> SeedAsync(AppFactory app)
    {
        var d = app.Data;
        var s = app.Services;
        await CandidateAApprovedByCellAsync(s, d);
        await RecordAsync(s, d.CandidateA, AdmissionStepKind.Decision, new() { Date = D("2026-07-20"), ReceivedByCellOn = D("2026-07-22") });
        await RecordAsync(s, d.CandidateA, AdmissionStepKind.Ceremony, new() { Date = D("2026-08-05") });
        await RecordAsync(s, d.CandidateA, AdmissionStepKind.ProbationMentorAssigned, new() { Date = D("2026-08-06"), MentorMemberId = d.MentorMemberA });
        await RecordAsync(s, d.CandidateA, AdmissionStepKind.NewMemberClass, new() { Date = D("2026-09-10"), CertificateNumber = "88/GCN", CertificateDate = D("2026-09-10") });
        AdmissionHttp.Today(app, D("2027-08-12"));
        await RecordAsync(s, d.CandidateA, AdmissionStepKind.RecognitionVote, new() { Date = D("2027-08-06"), For = 3, Against = 0, Present = 3 });
        await RecordAsync(s, d.CandidateA, AdmissionStepKind.RecognitionDecision, new() { Date = D("2027-08-10") });

        // Cell B: its one official member mentors, sits on the sub-committee; the candidate is a Youth Union member.
        await app.WithSystemScopeAsync(async db =>
        {
            var member = await db.Members.SingleAsync(m => m.Id == d.MemberB);
            member.Positions |= CommitteePositions.SubCommitteeMember;
            var person = await db.Candidates.Where(c => c.Id == d.CandidateB).Select(c => c.Person).SingleAsync();
            person.IsYouthUnionMember = true;
            // The secretary signs the cell's papers.
            var cellA = await db.Organisations.SingleAsync(o => o.Id == d.CellA);
            cellA.SecretaryMemberId = d.CommitteeMemberId;
            // A cell of fewer than 3 official members may not vote (Quy định 294-QĐ/TW): two more for cell B.
            foreach (var (name, id) in new[] { ("Bùi Văn Giang", "089075000011"), ("Mai Thị Hằng", "089178000012") })
                db.Members.Add(new Member
                {
                    CommuneId = d.CommuneId, CellId = d.CellB, Status = MemberStatus.Official,
                    Person = TestData.NewPerson(d.CommuneId, name, id, null, 1978), CeremonyDate = D("2010-05-19"), OfficialDate = D("2011-05-19"),
                });
            db.Terms.Add(new Term { CommuneId = d.CommuneId, StartYear = 2020, EndYear = 2025 });
            return await db.SaveChangesAsync();
        });
        Task B(AdmissionStepKind kind, PhatTrienDangVien.Web.Admission.StepData data) => RecordAsync(s, d.CandidateB, kind, data);
        await B(AdmissionStepKind.SourcePool, new() { Date = D("2026-01-05") });
        await B(AdmissionStepKind.MentorAssigned, new() { Date = D("2026-01-10"), MentorMemberId = d.MemberB });
        await B(AdmissionStepKind.AwarenessClass, new() { Date = D("2026-03-06"), CertificateNumber = "2/CN", CertificateDate = D("2026-03-06") });
        await B(AdmissionStepKind.Application, new() { Date = D("2026-04-01") });
        await B(AdmissionStepKind.PersonalHistory, new() { Date = D("2026-05-04"), People = [new() { Relationship = "Bản thân", FullName = "Huỳnh Ngọc Ánh", Result = VerificationResult.Verified }] });
        await B(AdmissionStepKind.Introduction, new() { Date = D("2026-06-01"), Path = IntroductionPath.YouthUnion, OrganisationResolutionNumber = "15-NQ/ĐTN",
            Introducers = [new() { MemberId = d.MemberB, TogetherSince = D("2020-01-01") }] });
        await B(AdmissionStepKind.Opinions, new() { Date = D("2026-06-15") });
        await B(AdmissionStepKind.CellVote, new() { Date = D("2026-07-01"), For = 3, Against = 0, Present = 3 });
        await B(AdmissionStepKind.SubCommitteeVote, new() { Date = D("2026-07-10"), For = 1, Against = 0, Present = 1 });

        var c = await AdmissionHttp.NewCandidateAsync(app, d.CellA, "Đặng Thu Trang", "089300000077", D("2000-03-15"));
        Task C(AdmissionStepKind kind, PhatTrienDangVien.Web.Admission.StepData data) => RecordAsync(s, c, kind, data);
        await C(AdmissionStepKind.SourcePool, new() { Date = D("2025-01-06") });
        await C(AdmissionStepKind.MentorAssigned, new() { Date = D("2025-01-10"), MentorMemberId = d.MentorMemberA });
        await C(AdmissionStepKind.AwarenessClass, new() { Date = D("2025-03-06"), CertificateNumber = "3/CN", CertificateDate = D("2025-03-06") });
        await C(AdmissionStepKind.Application, new() { Date = D("2025-04-01") });
        await C(AdmissionStepKind.PersonalHistory, new() { Date = D("2025-05-05"), People = [new() { Relationship = "Bản thân", FullName = "Đặng Thu Trang", Result = VerificationResult.Verified }] });
        await C(AdmissionStepKind.Introduction, new()
        {
            Date = D("2025-06-02"), Path = IntroductionPath.TwoMembers,
            Introducers = [new() { MemberId = d.MemberA, TogetherSince = D("2020-01-01") }, new() { MemberId = d.CommitteeMemberId, TogetherSince = D("2020-01-01") }],
        });
        await C(AdmissionStepKind.Opinions, new() { Date = D("2025-06-16") });
        await C(AdmissionStepKind.CellVote, new() { Date = D("2025-06-25"), For = 3, Against = 0, Present = 3 });
        return new FormCases(d.CandidateA, d.CandidateB, c);
    }

    public static Task<int> StepAsync(AppFactory app, int candidateId, AdmissionStepKind kind) =>
        app.WithSystemScopeAsync(db => db.AdmissionSteps.Where(x => x.CandidateId == candidateId && x.Kind == kind).OrderByDescending(x => x.Id).Select(x => x.Id).FirstAsync());

    /// <summary>Issues a form from the timeline as the user would (one click) and returns the file.</summary>
    public static async Task<byte[]> IssueAsync(Browser b, int candidateId, int stepId, string form, int variant = 0)
    {
        var r = await b.PostRawAsync($"/Candidates/Timeline/{candidateId}?handler=Issue",
            [new("stepId", stepId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("form", form), new("variant", variant.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            $"/Candidates/Timeline/{candidateId}");
        r.StatusCode.ShouldBe(HttpStatusCode.OK, $"{form}: {r.Headers.Location} {await r.Content.ReadAsStringAsync()}");
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        return await r.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Issues a form from the timeline, with a number typed or not; the raw answer.</summary>
    public static Task<HttpResponseMessage> PostIssueAsync(Browser b, int candidate, int step, string form, string? number, bool confirm = false) =>
        b.PostRawAsync($"/Candidates/Timeline/{candidate}?handler=Issue",
            [new("stepId", step.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("form", form), new("variant", "0"), new("number", number ?? ""),
                .. confirm ? [new KeyValuePair<string, string>("confirmNumber", "true")] : Array.Empty<KeyValuePair<string, string>>()],
            $"/Candidates/Timeline/{candidate}");

    /// <summary>The number line of the issued paper's header ("Số 38-NQ/ĐU").</summary>
    public static async Task<string> IssuedNumberAsync(HttpResponseMessage r, string form)
    {
        r.StatusCode.ShouldBe(HttpStatusCode.OK, $"{form}: {r.Headers.Location}");
        return Header(await r.Content.ReadAsByteArrayAsync()).Left[^1];
    }

    /// <summary>The message the timeline shows after a refused issue (the redirect's next page).</summary>
    public static async Task<string> RefusalAsync(Browser b, HttpResponseMessage r, int candidate)
    {
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        var (_, page) = await b.GetAsync($"/Candidates/Timeline/{candidate}");
        return page.QuerySelector(".alert-danger")?.TextContent ?? "";
    }

    /// <summary>The paragraphs' texts of the body (tables included), in order.</summary>
    public static List<string> Paragraphs(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return [.. doc.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText)];
    }

    /// <summary>The texts of the header table: left cell's paragraphs, right cell's paragraphs.</summary>
    public static (List<string> Left, List<string> Right) Header(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var cells = doc.MainDocumentPart!.Document!.Body!.Elements<Table>().First().Descendants<TableCell>().ToList();
        return ([.. cells[0].Elements<Paragraph>().Select(p => p.InnerText)], [.. cells[1].Elements<Paragraph>().Select(p => p.InnerText)]);
    }
}
