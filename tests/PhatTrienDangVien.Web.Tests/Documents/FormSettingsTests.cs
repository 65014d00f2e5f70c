using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Documents.FormCases;
using Docs = PhatTrienDangVien.Web.Documents;

namespace PhatTrienDangVien.Web.Tests.Documents;

/// <summary>The rules every paper shares: one way of writing a rate and a date.</summary>
public sealed class FormFormatTests
{
    [Theory]
    [InlineData(84, 89, "94,38%")]
    [InlineData(29, 30, "96,67%")]
    [InlineData(3, 3, "100,00%")]
    [InlineData(2, 3, "66,67%")]
    [InlineData(1, 8, "12,50%")]
    [InlineData(0, 0, "……%")]
    public void Every_rate_has_two_decimals(int part, int of, string expected) => Docs.FormValues.Percent(part, of).ShouldBe(expected);

    [Fact]
    public void A_date_known_to_its_year_is_written_as_the_year()
    {
        Docs.FormValues.Date(new DateOnly(1980, 1, 1), DatePrecision.Year).ShouldBe("1980");
        Docs.FormValues.Date(new DateOnly(1980, 3, 1), DatePrecision.Month).ShouldBe("03/1980");
        Docs.FormValues.Date(new DateOnly(1980, 3, 5), DatePrecision.Day).ShouldBe("05/03/1980");
        Docs.FormValues.Date(null, DatePrecision.Year).ShouldBe(Docs.FormCatalog.Dots);
        Web.Pages.Shared.Dates.Cell(new DateOnly(1980, 1, 1), DatePrecision.Year).ShouldBe("1980");
        Web.Pages.Shared.Dates.Cell(new DateOnly(1980, 1, 1), DatePrecision.Day).ShouldBe(new DateOnly(1980, 1, 1));
    }
}

/// <summary>
/// The committee's superior body, signer and place set on /Documents and printed on its papers; the API that issues a
/// form through the same command as the timeline; the recorded vote figures on a past vote's timeline.
/// </summary>
public abstract class FormSettingsTests<TApp>(TApp app) where TApp : AppFactory
{
    private static string Body(byte[] docx) => Docs.DocxTemplate.PlainText(docx);

    /// <summary>The lines of the signature block (right cell of the last table); a line break inside a paragraph splits it.</summary>
    private static List<string> SignatureLines(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var cell = doc.MainDocumentPart!.Document!.Body!.Elements<Table>().Last().Descendants<TableCell>().Last();
        return [.. cell.Elements<Paragraph>().SelectMany(p => string.Concat(p.Descendants().Select(e => e switch { Text t => t.Text, Break => "\n", _ => "" })).Split('\n'))
            .Where(t => t.Length > 0)];
    }

    private async Task SaveSettingsAsync(Browser b, string superior, string signer, bool deputy, string place)
    {
        var version = await app.WithSystemScopeAsync(db => db.FormSettings.Select(s => (int?)s.Version).FirstOrDefaultAsync());
        var r = await b.PostRawAsync("/Documents?handler=Settings",
            [new("Settings.SuperiorBody", superior), new("Settings.SignerName", signer), new("Settings.SignerIsDeputy", deputy ? "true" : "false"),
             new("Settings.PlaceName", place), new("Settings.Version", (version ?? 0).ToString(CultureInfo.InvariantCulture))], "/Documents");
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_committees_papers_carry_the_superior_body_the_signer_and_the_place_set_on_the_templates_page()
    {
        var cases = await EnsureAsync(app);
        var office = await Browser.LoginAsync(app, "office");
        var secretary = await Browser.LoginAsync(app, "secretary");
        var decision = await StepAsync(app, cases.A, AdmissionStepKind.Decision);

        // Nothing set: dotted, to be written by hand.
        // The committee's papers are the office's to issue (a cell's secretary records the step, not the committee's number).
        var before = await IssueAsync(office, cases.A, decision, "8-KND");
        Header(before).Left[0].ShouldBe("ĐẢNG BỘ ………………");
        SignatureLines(before).ShouldBe(["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "(Ký, ghi rõ họ tên)", "………………"]);

        await SaveSettingsAsync(office, "Đảng bộ tỉnh  An Giang", "Nguyễn Văn Tâm", deputy: false, place: "");
        var f8 = await IssueAsync(office, cases.A, decision, "8-KND");
        Header(f8).Left[0].ShouldBe("ĐẢNG BỘ TỈNH AN GIANG");
        Header(f8).Right[^1].ShouldStartWith("Thử Nghiệm, ngày ");
        SignatureLines(f8).ShouldBe(["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "(Ký, ghi rõ họ tên)", "Nguyễn Văn Tâm"]);

        // A deputy signs in the secretary's stead; the place is set apart from the commune's name.
        await SaveSettingsAsync(office, "Đảng bộ tỉnh An Giang", "Trần Văn Phó", deputy: true, place: "Nhơn Mỹ");
        foreach (var (kind, form) in new[] { (AdmissionStepKind.Decision, "9-KND"), (AdmissionStepKind.RecognitionDecision, "15-KND"), (AdmissionStepKind.RecognitionDecision, "QD-CNCT") })
        {
            var file = await IssueAsync(office, cases.A, await StepAsync(app, cases.A, kind), form);
            Body(file).ShouldNotContain("{{", customMessage: form);
            Header(file).Left[0].ShouldBe("ĐẢNG BỘ TỈNH AN GIANG", form);
            Header(file).Right[^1].ShouldStartWith("Nhơn Mỹ, ngày ", customMessage: form);
            SignatureLines(file).ShouldBe(["T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ", "PHÓ BÍ THƯ", "(Ký, ghi rõ họ tên)", "Trần Văn Phó"], customMessage: form);
        }
        // The cell's paper keeps the commune as superior and its secretary as signer.
        var f6 = await IssueAsync(secretary, cases.A, await StepAsync(app, cases.A, AdmissionStepKind.CellVote), "6-KND");
        Header(f6).Left[0].ShouldBe("ĐẢNG BỘ XÃ THỬ NGHIỆM");
        SignatureLines(f6)[^1].ShouldBe("Lê Văn Cường");

        var list = await office.Client.GetAsync("/Documents/Certificates?handler=Download&From=2026-03-01&To=2026-03-31");
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        var listFile = await list.Content.ReadAsByteArrayAsync();
        Header(listFile).Left[0].ShouldBe("ĐẢNG BỘ TỈNH AN GIANG");
        SignatureLines(listFile)[^1].ShouldBe("Trần Văn Phó");

        // Audited with Vietnamese labels; the page shows what is saved.
        var audit = await app.WithSystemScopeAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(Docs.FormSetting)).OrderBy(a => a.Id).ToListAsync());
        audit.Count.ShouldBe(2);
        audit[^1].UserName.ShouldBe("office");
        audit[^1].Changes.ShouldContain("Trần Văn Phó");
        var (_, page) = await office.GetAsync("/Documents");
        page.QuerySelector("#Settings_SuperiorBody")!.GetAttribute("value").ShouldBe("Đảng bộ tỉnh An Giang");
        page.QuerySelector("#Settings_SignerIsDeputy")!.HasAttribute("checked").ShouldBeTrue();

        // A cell secretary does not manage the templates: refused, nothing changes.
        var refused = await secretary.PostRawAsync("/Documents?handler=Settings", [new("Settings.SignerName", "Người khác")], "/Candidates/Timeline/" + cases.A);
        (refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect or HttpStatusCode.BadRequest).ShouldBeTrue(refused.StatusCode.ToString());
        (await app.WithSystemScopeAsync(db => db.FormSettings.Select(s => s.SignerName).SingleAsync())).ShouldBe("Trần Văn Phó");

        // A stale form (someone saved meanwhile) is refused, not written over.
        var stale = await office.PostRawAsync("/Documents?handler=Settings",
            [new("Settings.SuperiorBody", "Khác"), new("Settings.SignerName", "Khác"), new("Settings.Version", "0")], "/Documents");
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.WithSystemScopeAsync(db => db.FormSettings.Select(s => s.SuperiorBody).SingleAsync())).ShouldBe("Đảng bộ tỉnh An Giang");
    }

    [Fact]
    public async Task The_api_issues_a_form_through_the_same_command_as_the_timeline()
    {
        var cases = await EnsureAsync(app);
        var secretary = await Browser.LoginAsync(app, "secretary");
        var step = await StepAsync(app, cases.A, AdmissionStepKind.RecognitionVote);
        var fromPage = await IssueAsync(secretary, cases.A, step, "13-KND");

        var r = await secretary.Client.PostAsync($"/api/candidates/{cases.A}/steps/{step}/forms/13-KND", null);
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        var fromApi = await r.Content.ReadAsByteArrayAsync();
        // The same paper: the same number, the same text, kept with the step like the page's.
        Header(fromApi).Left[^1].ShouldBe(Header(fromPage).Left[^1]);
        Body(fromApi).ShouldBe(Body(fromPage));
        var kept = await app.WithSystemScopeAsync(db => db.IssuedDocuments.Where(d => d.StepId == step && d.FormCode == "13-KND").OrderBy(d => d.Id).ToListAsync());
        kept[^1].Content.ShouldBe(fromApi);

        // Another cell's step through one's own candidate, or another cell's candidate: not found, nothing kept.
        var otherStep = await StepAsync(app, cases.B, AdmissionStepKind.CellVote);
        var count = await app.WithSystemScopeAsync(db => db.IssuedDocuments.CountAsync());
        (await secretary.Client.PostAsync($"/api/candidates/{cases.A}/steps/{otherStep}/forms/6-KND", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary.Client.PostAsync($"/api/candidates/{cases.B}/steps/{otherStep}/forms/6-KND", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // A form the step does not have: a Vietnamese message.
        var wrong = await secretary.Client.PostAsync($"/api/candidates/{cases.A}/steps/{step}/forms/9-KND", null);
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("không có biểu mẫu này");
        // A mentor reads the case but issues nothing.
        var mentor = await Browser.LoginAsync(app, "mentor");
        (await mentor.Client.PostAsync($"/api/candidates/{cases.A}/steps/{step}/forms/13-KND", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithSystemScopeAsync(db => db.IssuedDocuments.CountAsync())).ShouldBe(count);
    }

    [Fact]
    public async Task A_past_votes_timeline_shows_the_figures_recorded_with_the_vote_after_old_members_are_added()
    {
        var cases = await EnsureAsync(app);
        var secretary = await Browser.LoginAsync(app, "secretary");
        var vote = await StepAsync(app, cases.A, AdmissionStepKind.CellVote);
        // A member admitted long ago, entered only now (as an import of the old register does).
        await app.WithSystemScopeAsync(async db =>
        {
            db.Members.Add(new Member
            {
                CommuneId = app.Data.CommuneId, CellId = app.Data.CellA, Status = MemberStatus.Official,
                Person = TestData.NewPerson(app.Data.CommuneId, "Đặng Văn Cũ", "089060000099", null, 1960),
                CeremonyDate = new DateOnly(1990, 2, 3), OfficialDate = new DateOnly(1991, 2, 3),
            });
            return await db.SaveChangesAsync();
        });

        var (_, page) = await secretary.GetAsync($"/Candidates/Timeline/{cases.A}");
        var counted = page.QuerySelectorAll("details.counted").First(d => d.ParentElement!.ParentElement!.QuerySelector("td")!.TextContent.Contains("01/07/2026", StringComparison.Ordinal));
        var summary = counted.QuerySelector("summary")!.TextContent;
        summary.ShouldContain("Khi biểu quyết: 3 đảng viên chính thức, 3 người được tính");
        counted.QuerySelector(".register-now")!.TextContent.ShouldContain("chi bộ có 4 đảng viên chính thức, khác số đã ghi khi biểu quyết");
        counted.QuerySelectorAll("li").Length.ShouldBe(4);
        // The paper of that vote says what the timeline says.
        var f6 = Body(await IssueAsync(secretary, cases.A, vote, "6-KND"));
        f6.ShouldContain("Tổng số đảng viên chính thức: 3 đồng chí; số được tính để biểu quyết: 3 đồng chí");
    }
}

public sealed class FormSettingsTests_Sqlite(SqliteApp app) : FormSettingsTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class FormSettingsTests_Postgres(PostgresApp app) : FormSettingsTests<PostgresApp>(app), IClassFixture<PostgresApp>;
