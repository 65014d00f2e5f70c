using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PhatTrienDangVien.Web.Documents;

/// <summary>
/// Writes a default template in the layout of party documents (Hướng dẫn 36-HD/VPTW): A4, Times New Roman, the
/// borderless header table (superior and issuing body, "ĐẢNG CỘNG SẢN VIỆT NAM", number, place and date), the type
/// of document, the body in 14 points, the signature block and "Nơi nhận:". Every run carries its font and size, so
/// the file looks the same in Word, LibreOffice and after an administrator's edits.
/// </summary>
public sealed class DocxWriter
{
    public const string Font = "Times New Roman";
    // A4 and the margins of Hướng dẫn 36 (top and bottom 20 mm, left 30 mm, right 20 mm), in twentieths of a point.
    private const int PageWidth = 11906, PageHeight = 16838, MarginTop = 1134, MarginBottom = 1134, MarginLeft = 1701, MarginRight = 1134;
    public const int TextWidth = PageWidth - MarginLeft - MarginRight;

    private readonly List<OpenXmlElement> _body = [];

    public sealed record Style(double Size = 14, bool Bold = false, bool Italic = false, bool Underline = false);

    public static readonly Style Body = new();

    /// <summary>A party body's document: the header table with the number line when <paramref name="numbered"/>.</summary>
    public DocxWriter PartyHeader(bool numbered = true, string right1 = "ĐẢNG CỘNG SẢN VIỆT NAM")
    {
        var left = new List<Paragraph>
        {
            Line("{{cap_tren}}", new Style(14), JustificationValues.Center),
            Line("{{co_quan}}", new Style(14, Bold: true), JustificationValues.Center),
            Line("*", new Style(14), JustificationValues.Center),
        };
        if (numbered) left.Add(Line("Số {{so}}", new Style(14), JustificationValues.Center));
        var right = new List<Paragraph>
        {
            Line(right1, new Style(15, Bold: true, Underline: true), JustificationValues.Center),
            Line("", new Style(8), JustificationValues.Center),
            Line("{{dia_danh}}, ngày {{ngay}} tháng {{thang}} năm {{nam}}", new Style(14, Italic: true), JustificationValues.Center),
        };
        _body.Add(TwoColumns(left, right, 4100));
        return Gap();
    }

    /// <summary>A mass organisation's document (Youth Union, Trade Union): its own bodies on the left, its motto on the right.</summary>
    public DocxWriter OrganisationHeader(string superior, string issuer, string number, string[] right)
    {
        var left = new List<Paragraph>
        {
            Line(superior, new Style(14), JustificationValues.Center),
            Line(issuer, new Style(14, Bold: true), JustificationValues.Center),
            Line("***", new Style(14), JustificationValues.Center),
            Line("Số " + number, new Style(14), JustificationValues.Center),
        };
        var r = right.Select((t, i) => Line(t, new Style(i == 0 ? 13 : 14, Bold: true, Underline: i == right.Length - 1), JustificationValues.Center)).ToList();
        r.Add(Line("", new Style(8), JustificationValues.Center));
        r.Add(Line("{{dia_danh}}, ngày {{ngay}} tháng {{thang}} năm {{nam}}", new Style(14, Italic: true), JustificationValues.Center));
        _body.Add(TwoColumns(left, r, 4100));
        return Gap();
    }

    /// <summary>A paper written by a person (application, introduction, self-review): only the party's name, centred.</summary>
    public DocxWriter PersonalHeader()
    {
        _body.Add(Line("ĐẢNG CỘNG SẢN VIỆT NAM", new Style(15, Bold: true, Underline: true), JustificationValues.Center));
        _body.Add(Line("", new Style(8), JustificationValues.Center));
        _body.Add(Line("{{dia_danh}}, ngày {{ngay}} tháng {{thang}} năm {{nam}}", new Style(14, Italic: true), JustificationValues.Right));
        return Gap();
    }

    public DocxWriter Title(string title, string? subtitle = null)
    {
        _body.Add(Line(title, new Style(16, Bold: true), JustificationValues.Center, before: 240));
        if (subtitle is not null) _body.Add(Line(subtitle, new Style(14, Bold: true), JustificationValues.Center));
        _body.Add(Line("-----", new Style(14), JustificationValues.Center, after: 120));
        return this;
    }

    /// <summary>
    /// A body paragraph: justified, first line indented; <c>**bold**</c> spans are written bold. A text ending in
    /// <see cref="FormCatalog.HandWritten"/> is a heading to be answered by hand: it is followed by dotted lines instead.
    /// </summary>
    public DocxWriter P(string text, bool indent = true)
    {
        if (text.EndsWith(FormCatalog.HandWritten, StringComparison.Ordinal))
        {
            P(text[..^FormCatalog.HandWritten.Length].TrimEnd(), indent);
            return Dotted(2);
        }
        var p = new Paragraph(Props(JustificationValues.Both, after: 80, firstLine: indent ? 567 : 0));
        var bold = false;
        foreach (var part in text.Split("**"))
        {
            if (part.Length > 0) p.Append(RunOf(part, new Style(14, Bold: bold)));
            bold = !bold;
        }
        _body.Add(p);
        return this;
    }

    /// <summary>Lines to write on by hand: a dotted tab leader across the whole text width (no dots to count or wrap).</summary>
    public DocxWriter Dotted(int lines)
    {
        for (var i = 0; i < lines; i++)
        {
            var props = new ParagraphProperties(
                new Tabs(new TabStop { Val = TabStopValues.Right, Leader = TabStopLeaderCharValues.Dot, Position = TextWidth }),
                new SpacingBetweenLines { Before = "0", After = "60" }, new Justification { Val = JustificationValues.Left });
            var rp = new RunProperties(Fonts(), new FontSize { Val = "28" }, new FontSizeComplexScript { Val = "28" });
            _body.Add(new Paragraph(props, new Run(rp, new TabChar())));
        }
        return this;
    }

    public DocxWriter Center(string text, Style style)
    {
        _body.Add(Line(text, style, JustificationValues.Center, after: 80));
        return this;
    }

    public DocxWriter Gap()
    {
        _body.Add(Line("", new Style(10), JustificationValues.Left));
        return this;
    }

    /// <summary>
    /// The signature block: "Nơi nhận:" and its lines on the left (none for a personal paper), on the right who signs
    /// for whom (bold capitals), the space for the signature and the signer's name.
    /// </summary>
    public DocxWriter Signature(string[] recipients, string[] capacity, string name)
    {
        var left = new List<Paragraph>();
        if (recipients.Length > 0)
        {
            left.Add(Line("Nơi nhận:", new Style(12, Bold: true, Italic: true), JustificationValues.Left));
            left.AddRange(recipients.Select(r => Line("- " + r, new Style(11), JustificationValues.Left)));
        }
        else left.Add(Line("", Body, JustificationValues.Left));
        var right = capacity.Select(c => Line(c, new Style(14, Bold: true), JustificationValues.Center)).ToList();
        right.Add(Line("(Ký, ghi rõ họ tên)", new Style(13, Italic: true), JustificationValues.Center));
        for (var i = 0; i < 2; i++) right.Add(Line("", Body, JustificationValues.Center));
        right.Add(Line(name, new Style(14, Bold: true), JustificationValues.Center));
        // The last lines of the body go with the signature: a signature alone on a page is no paper (13-KNĐ did so).
        foreach (var before in _body.TakeLast(2).OfType<Paragraph>()) KeepWithNext(before);
        var gap = Line("", new Style(6), JustificationValues.Left);
        KeepWithNext(gap);
        _body.Add(gap);
        // Inside the block too: Word keeps the table's rows with what follows only if each paragraph says so.
        foreach (var p in left.Concat(right).SkipLast(1)) KeepWithNext(p);
        _body.Add(TwoColumns(left, right, 4300));
        return this;
    }

    /// <summary>A bordered table with a header row and one row of placeholders, repeated per item when filled.</summary>
    public DocxWriter ListTable((string Header, string Cell, int Width)[] columns)
    {
        var borders = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(new TableWidth { Width = TextWidth.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            borders, new TableLayout { Type = TableLayoutValues.Fixed }));
        table.Append(new TableGrid(columns.Select(c => new GridColumn { Width = c.Width.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        header.Append(columns.Select(c => Cell(c.Width, Line(c.Header, new Style(13, Bold: true), JustificationValues.Center))));
        table.Append(header);
        table.Append(new TableRow(columns.Select(c => Cell(c.Width, Line(c.Cell, new Style(13), c.Cell == "{{ho_ten}}" ? JustificationValues.Left : JustificationValues.Center)))));
        _body.Add(table);
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            // The document's defaults too, so a line an administrator adds in Word starts in the party's font and size.
            styles.Styles = new Styles(new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                    new FontSize { Val = "28" }, new FontSizeComplexScript { Val = "28" }, new Languages { Val = "vi-VN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))));
            var body = new Body();
            foreach (var e in _body) body.Append(e);
            body.Append(new SectionProperties(
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight, Header = 720, Footer = 720, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Table TwoColumns(IEnumerable<Paragraph> left, IEnumerable<Paragraph> right, int leftWidth)
    {
        var none = new TableBorders(new TopBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None },
            new LeftBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
            new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None });
        var rightWidth = TextWidth - leftWidth;
        var table = new Table(new TableProperties(
            new TableWidth { Width = TextWidth.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            none, new TableLayout { Type = TableLayoutValues.Fixed },
            new TableCellMarginDefault(new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa }, new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa })));
        table.Append(new TableGrid(new GridColumn { Width = leftWidth.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new GridColumn { Width = rightWidth.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        // A signature block or a header is never cut across two pages.
        table.Append(new TableRow(new TableRowProperties(new CantSplit()), Cell(leftWidth, [.. left]), Cell(rightWidth, [.. right])));
        return table;
    }

    private static TableCell Cell(int width, params Paragraph[] content)
    {
        var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }));
        cell.Append(content);
        return cell;
    }

    private static void KeepWithNext(Paragraph p)
    {
        var props = p.ParagraphProperties ?? p.PrependChild(new ParagraphProperties());
        if (props.KeepNext is null) props.PrependChild(new KeepNext());
    }

    private static Paragraph Line(string text, Style style, JustificationValues align, int before = 0, int after = 0)
    {
        var p = new Paragraph(Props(align, before: before, after: after));
        if (text.Length > 0) p.Append(RunOf(text, style));
        else p.ParagraphProperties!.Append(new ParagraphMarkRunProperties(Fonts(), new FontSize { Val = HalfPoints(style.Size) }));
        return p;
    }

    private static ParagraphProperties Props(JustificationValues align, int before = 0, int after = 0, int firstLine = 0)
    {
        var props = new ParagraphProperties(
            new SpacingBetweenLines { Before = before.ToString(System.Globalization.CultureInfo.InvariantCulture), After = after.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (firstLine > 0) props.Append(new Indentation { FirstLine = firstLine.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        props.Append(new Justification { Val = align });
        return props;
    }

    private static Run RunOf(string text, Style style)
    {
        var rp = new RunProperties(Fonts());
        if (style.Bold) rp.Append(new Bold());
        if (style.Italic) rp.Append(new Italic());
        // Schema order: the size comes before the underline.
        rp.Append(new FontSize { Val = HalfPoints(style.Size) }, new FontSizeComplexScript { Val = HalfPoints(style.Size) });
        if (style.Underline) rp.Append(new Underline { Val = UnderlineValues.Single });
        return new Run(rp, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static RunFonts Fonts() => new() { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font };

    private static string HalfPoints(double points) => ((int)Math.Round(points * 2)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
