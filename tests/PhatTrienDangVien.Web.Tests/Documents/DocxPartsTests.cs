using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PhatTrienDangVien.Web.Documents;
using Shouldly;
using Xunit;
using V = DocumentFormat.OpenXml.Vml;

namespace PhatTrienDangVien.Web.Tests.Documents;

/// <summary>
/// Placeholders outside the body — a header, a footer, a footnote, an endnote, a text box inside a header — are found
/// when a template is checked and filled when a paper is issued (a footer's "{{khong_biet}}" was once accepted and printed).
/// </summary>
public sealed class DocxPartsTests
{
    private static Paragraph P(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    /// <summary>A .docx with text in every kind of part beside the body.</summary>
    private static byte[] Docx(string body, string header, string headerBox, string footer, string footnote, string endnote)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var h = main.AddNewPart<HeaderPart>();
            // A text box as Word 2003-compatible VML: its paragraphs are under the header, inside the shape.
            h.Header = new Header(P(header), new Paragraph(new Run(new Picture(new V.Shape(new V.TextBox(new TextBoxContent(P(headerBox))))))));
            var f = main.AddNewPart<FooterPart>();
            f.Footer = new Footer(P(footer));
            var fn = main.AddNewPart<FootnotesPart>();
            fn.Footnotes = new Footnotes(new Footnote(P(footnote)) { Id = 1 });
            var en = main.AddNewPart<EndnotesPart>();
            en.Endnotes = new Endnotes(new Endnote(P(endnote)) { Id = 1 });
            var section = new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(h) },
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(f) });
            main.Document = new Document(new Body(P(body), section));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static List<string> TextsOf(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var doc = WordprocessingDocument.Open(stream, false);
        var main = doc.MainDocumentPart!;
        IEnumerable<OpenXmlElement> roots = [main.Document!.Body!, .. main.HeaderParts.Select(p => p.Header!), .. main.FooterParts.Select(p => p.Footer!), main.FootnotesPart!.Footnotes!, main.EndnotesPart!.Endnotes!];
        return [.. roots.SelectMany(r => r.Descendants<Paragraph>()).Where(p => !p.Descendants<Paragraph>().Any()).Select(p => string.Concat(p.Descendants<Text>().Select(t => t.Text)))];
    }

    [Fact]
    public void Placeholders_in_headers_footers_notes_and_text_boxes_are_found_and_filled()
    {
        var docx = Docx("Thân {{ho_ten}}", "Đầu trang {{chi_bo}}", "Khung {{so}}", "Chân trang {{khong_biet}}", "Chú thích {{ngay_sinh}}", "Chú thích cuối {{dang_uy}}");
        var found = DocxTemplate.Placeholders(docx);
        found.ShouldBe(["ho_ten", "chi_bo", "so", "khong_biet", "ngay_sinh", "dang_uy"], ignoreOrder: true);
        Placeholders.Unknown(found).ShouldBe(["khong_biet"]);

        var filled = DocxTemplate.Fill(docx, new Dictionary<string, string>
        {
            ["ho_ten"] = "Võ Minh Đức", ["chi_bo"] = "Chi bộ Ấp Mỹ Lợi", ["so"] = "3-NQ/CB", ["khong_biet"] = "x",
            ["ngay_sinh"] = "15/03/2000", ["dang_uy"] = "Đảng ủy xã Thử Nghiệm",
        });
        var texts = TextsOf(filled);
        texts.ShouldBe(["Thân Võ Minh Đức", "Đầu trang Chi bộ Ấp Mỹ Lợi", "Khung 3-NQ/CB", "Chân trang x", "Chú thích 15/03/2000", "Chú thích cuối Đảng ủy xã Thử Nghiệm"], ignoreOrder: true);
        string.Concat(texts).ShouldNotContain("{{");
    }

    [Fact]
    public void An_unclosed_placeholder_is_named_as_typed_with_what_it_lacks()
    {
        var found = DocxTemplate.Placeholders(Docx("Họ tên {{ho_ten", "", "", "", "", ""));
        var unknown = Placeholders.Unknown(found);
        unknown.ShouldBe(["{{ho_ten"]);
        var shown = FormTemplates.Shown(unknown[0]);
        shown.ShouldBe("“{{ho_ten” (thiếu “}}”)");
        shown.ShouldNotContain("{{{{");
        FormTemplates.Shown("ten_sai").ShouldBe("{{ten_sai}}");
    }
}
