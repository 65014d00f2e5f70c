using System.Net;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Documents.FormCases;

namespace PhatTrienDangVien.Web.Tests.Documents;

/// <summary>An administrator's replacement template: refused when it names an unknown placeholder or is no .docx, used when valid.</summary>
public abstract class TemplateTests<TApp>(TApp app) where TApp : AppFactory
{
    /// <summary>A .docx as Word writes it after editing: each placeholder cut across runs of different formatting.</summary>
    private static byte[] Docx(params string[][] paragraphsOfRuns)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            foreach (var runs in paragraphsOfRuns)
                body.Append(new Paragraph(runs.Select((t, i) => new Run(new RunProperties(i % 2 == 1 ? new Bold() : new Italic()), new Text(t) { Space = SpaceProcessingModeValues.Preserve }))));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static async Task<HttpResponseMessage> UploadAsync(Browser b, string form, string fileName, byte[] content)
    {
        var (_, page) = await b.GetAsync("/Documents");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var multipart = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "file", fileName },
        };
        return await b.Client.PostAsync($"/Documents?handler=Upload&form={form}", multipart);
    }

    [Fact]
    public async Task A_template_with_an_unknown_placeholder_or_not_a_docx_is_refused_and_a_valid_one_is_used_until_reset()
    {
        var cases = await EnsureAsync(app);
        var office = await Browser.LoginAsync(app, "office");
        var (list, html) = await office.GetAsync("/Documents");
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.QuerySelector("[data-form='6-KND'] details")!.TextContent.ShouldContain("{{tan_thanh}}");
        html.QuerySelector("[data-form='6-KND'] details")!.TextContent.ShouldContain("Số tán thành");
        var current = await office.Client.GetAsync("/Documents?handler=Download&form=5-KND");
        Docs(await current.Content.ReadAsByteArrayAsync()).ShouldContain("ho_ten");

        async Task<int> Templates() => await app.WithSystemScopeAsync(db => db.FormTemplates.CountAsync());
        var before = await Templates();
        var unknown = await UploadAsync(office, "5-KND", "mau.docx", Docx(["Họ tên: {{ho_", "ten}} — {{ten_", "sai}}"]));
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var message = await unknown.Content.ReadAsStringAsync();
        message.ShouldContain("{{ten_sai}}");
        message.ShouldNotContain("{{ho_ten}},");
        var notWord = await UploadAsync(office, "5-KND", "mau.docx", "PK\u0003\u0004 không phải Word"u8.ToArray());
        notWord.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await notWord.Content.ReadAsStringAsync()).ShouldContain("không phải văn bản Word (.docx) hợp lệ");
        (await Templates()).ShouldBe(before);

        // Valid: placeholders split across runs, as Word leaves them.
        var valid = Docx(["Mẫu của xã ", "{{dia", "_danh}}", ": quần chúng {{ho_", "ten", "}}, sinh ngày {{ngay_sinh}}."], ["Chi bộ: {{", "chi_bo}}"]);
        var ok = await UploadAsync(office, "5-KND", "Mẫu 5 của xã.docx", valid);
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ok.Content.ReadAsStringAsync());
        try
        {
            var (_, after) = await office.GetAsync("/Documents");
            after.QuerySelector("[data-form='5-KND']")!.TextContent.ShouldContain("Mẫu 5 của xã.docx");
            var secretary = await Browser.LoginAsync(app, "secretary");
            var step = await StepAsync(app, cases.A, AdmissionStepKind.Opinions);
            var issued = await IssueAsync(secretary, cases.A, step, "5-KND");
            Paragraphs(issued).ShouldBe(["Mẫu của xã Thử Nghiệm: quần chúng Võ Minh Đức, sinh ngày 15/03/2000.", "Chi bộ: Chi bộ Ấp Mỹ Lợi"]);
            var kept = await app.WithSystemScopeAsync(db => db.IssuedDocuments.Where(d => d.StepId == step).OrderByDescending(d => d.Id).Select(d => d.TemplateSha256).FirstAsync());
            kept.ShouldBe(Web.Documents.DocxTemplate.Sha256(valid));
            var downloaded = await office.Client.GetAsync("/Documents?handler=Download&form=5-KND");
            (await downloaded.Content.ReadAsByteArrayAsync()).ShouldBe(valid);
        }
        finally
        {
            var reset = await office.PostRawAsync("/Documents?handler=Reset&form=5-KND", [], "/Documents");
            reset.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        (await Templates()).ShouldBe(before);
        var secretaryAgain = await Browser.LoginAsync(app, "secretary");
        var back = await IssueAsync(secretaryAgain, cases.A, await StepAsync(app, cases.A, AdmissionStepKind.Opinions), "5-KND");
        Paragraphs(back).ShouldContain("TỔNG HỢP Ý KIẾN NHẬN XÉT");
        // The change and its reset are on the audit trail, with the file's name.
        var audited = await app.WithSystemScopeAsync(db => db.AuditEntries.Where(a => a.EntityType == "FormTemplate").Select(a => a.Action).ToListAsync());
        audited.Count.ShouldBeGreaterThanOrEqualTo(2);
        // The trail names the form as the guidance writes it, never by its ASCII key.
        var admin = await Browser.LoginAsync(app, "admin");
        var (_, trail) = await admin.GetAsync("/Admin/Audit?EntityType=FormTemplate");
        trail.Body!.TextContent.ShouldContain("5-KNĐ");
        trail.Body!.TextContent.ShouldNotContain("5-KND");
    }

    private static string Docs(byte[] docx) => Web.Documents.DocxTemplate.PlainText(docx);
}

public sealed class TemplateTests_Sqlite(SqliteApp app) : TemplateTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TemplateTests_Postgres(PostgresApp app) : TemplateTests<PostgresApp>(app), IClassFixture<PostgresApp>;
