using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PhatTrienDangVien.Web.Export;

/// <summary>How a column's values are written: text, a whole number, a date (a real Excel date shown dd/MM/yyyy, so that
/// the office can sort and filter by it), or a share (0.25 shown 25,0 %).</summary>
/// <summary>How a column's numbers show: <see cref="Number"/> whole ("#,##0"), <see cref="OneDecimal"/> with one decimal
/// (a pace of 3.5 a month is not 4), <see cref="Percent"/> a share with one decimal.</summary>
public enum ColumnFormat { Text, Number, Date, Percent, OneDecimal }

public sealed record Column(string Header, ColumnFormat Format = ColumnFormat.Text);

/// <summary>
/// One sheet of a workbook as the office sends it up: the committee's name, the heading, the lines that say the period
/// or the filter, the date it was produced, then the table with its header (frozen and repeated on every printed page)
/// and an optional totals row. Values are <see cref="string"/>, numbers, <see cref="DateOnly"/> or null.
/// </summary>
public sealed class Sheet
{
    public required string Name { get; init; }
    public required string Committee { get; init; }
    public required string Heading { get; init; }
    public IReadOnlyList<string> Subtitles { get; init; } = [];
    public required DateOnly Produced { get; init; }
    public required IReadOnlyList<Column> Columns { get; init; }
    public List<object?[]> Rows { get; } = [];
    public object?[]? Totals { get; set; }

    /// <summary>The row (1-based) of the table's header: the title rows, one empty row, then the header.</summary>
    public int HeaderRow => 3 + Subtitles.Count + 2;
}

/// <summary>
/// The one .xlsx writer (docs/decisions/0020-xlsx-writer.md): the Open XML SDK directly, because the frozen header,
/// the column widths, the print titles and the A4 landscape fit-to-width setup are each one element there.
/// </summary>
public static class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string ProducedLabel = "Ngày lập: ";
    /// <summary>Top right of every file's first row, as on a party document and the report's printed page.</summary>
    public const string PartyName = "ĐẢNG CỘNG SẢN VIỆT NAM";

    // Style indices into the stylesheet below.
    private const uint Committee = 1, Heading = 2, Subtitle = 3, Header = 4, Text = 5, Number = 6, Date = 7, Percent = 8,
        TotalText = 9, TotalNumber = 10, TotalPercent = 11, TotalDate = 12, Party = 13,
        Tenths = 14, TotalTenths = 15;

    public static byte[] Write(params Sheet[] sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new Workbook();
            book.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var list = book.Workbook.AppendChild(new Sheets());
            var names = new DefinedNames();
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < sheets.Length; i++)
            {
                var part = book.AddNewPart<WorksheetPart>();
                part.Worksheet = Worksheet(sheets[i]);
                var name = SheetName(sheets[i].Name, used);
                list.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = book.GetIdOfPart(part), SheetId = (uint)(i + 1), Name = name });
                // The header row printed again at the top of every page.
                names.Append(new DefinedName($"'{name}'!${sheets[i].HeaderRow}:${sheets[i].HeaderRow}")
                {
                    Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i,
                });
            }
            book.Workbook.Append(names);
            book.Workbook.Save();
        }
        return stream.ToArray();
    }

    // The arithmetic of the layout, in Excel's column-width unit (the width of a "0" in Times New Roman 12, 6 pt):
    // Excel and LibreOffice never grow a row for wrapped text in a file they open, so the writer sets each height.
    /// <summary>One line of Times New Roman 12, as Excel spaces it.</summary>
    public const double LinePoints = 15.75;
    private const double RowPadding = 3;
    /// <summary>An average letter of Vietnamese text against a "0" (measured on LibreOffice's print: about 0.8); a bold
    /// letter is wider. Slightly high on purpose: a row a little too tall is better than a line cut off.</summary>
    public const double CharWidth = 0.85, BoldCharWidth = 0.95;
    /// <summary>A column-width unit on paper, in points (8 px at 96 dpi).</summary>
    public const double UnitPoints = 6;
    /// <summary>A4 landscape (297 mm) less the left and right margins below (0.5 + 0.4 in), in points.</summary>
    public const double PrintableWidthPoints = 297 / 25.4 * 72 - (0.5 + 0.4) * 72;
    /// <summary>The smallest print scale fit-to-width may come to: below it, 12-point text is too small to read.</summary>
    public const double MinScale = 0.7;

    private static Worksheet Worksheet(Sheet s)
    {
        var width = Math.Max(1, s.Columns.Count);
        var widths = Widths(s);
        var data = new SheetData();
        uint r = 0;
        Row Line(string text, uint style)
        {
            var row = new Row { RowIndex = ++r };
            row.Append(TextCell(Ref(0, r), text, style));
            data.Append(row);
            return row;
        }
        var merges = new MergeCells();
        void Merge(uint row) { if (width > 1) merges.Append(new MergeCell { Reference = $"{Ref(0, row)}:{Ref(width - 1, row)}" }); }
        // A title line spans the table; a long one (a filter, the names of several cells) wraps within it.
        var across = widths.Sum();
        void Fit(Row row, string text) => SetHeight(row, Lines(text, across, CharWidth));

        // The head of a party document: the committee top left, the Party's name top right, each over half the table
        // (a one-column sheet puts the Party's name in the next column).
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        var committee = Line(s.Committee.ToUpper(vi), Committee);
        var left = width > 1 ? width / 2 : 1;
        committee.Append(TextCell(Ref(left, r), PartyName, Party));
        if (width > 1)
        {
            if (left > 1) merges.Append(new MergeCell { Reference = $"{Ref(0, r)}:{Ref(left - 1, r)}" });
            if (width - left > 1) merges.Append(new MergeCell { Reference = $"{Ref(left, r)}:{Ref(width - 1, r)}" });
        }
        SetHeight(committee, Math.Max(Lines(s.Committee, widths.Take(left).Sum(), BoldCharWidth),
            Lines(PartyName, width > 1 ? widths.Skip(left).Sum() : 12, BoldCharWidth)));
        var heading = Line(s.Heading.ToUpper(CultureInfo.GetCultureInfo("vi-VN")), Heading);
        heading.Height = 24 * Math.Max(1, Lines(s.Heading, across, BoldCharWidth * 14 / 12));
        heading.CustomHeight = true;
        Merge(r);
        foreach (var line in s.Subtitles) { Fit(Line(line, Subtitle), line); Merge(r); }
        Line(ProducedLabel + Pages.Shared.Dates.Text(s.Produced), Subtitle);
        Merge(r);
        data.Append(new Row { RowIndex = ++r });

        // The header always gets its height, so that a wrapped header shows whole even with no rows under it.
        var header = new Row { RowIndex = ++r };
        for (var c = 0; c < s.Columns.Count; c++) header.Append(TextCell(Ref(c, r), s.Columns[c].Header, Header));
        header.Height = Math.Max(1, s.Columns.Select((col, c) => Lines(col.Header, widths[c], BoldCharWidth)).DefaultIfEmpty(1).Max()) * LinePoints + RowPadding;
        header.CustomHeight = true;
        data.Append(header);
        foreach (var values in s.Rows) data.Append(ValueRow(s.Columns, widths, values, ++r, total: false));
        if (s.Totals is { } totals) data.Append(ValueRow(s.Columns, widths, totals, ++r, total: true));

        var sheet = new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = s.HeaderRow, TopLeftCell = Ref(0, (uint)s.HeaderRow + 1), ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
            }, new Selection { Pane = PaneValues.BottomLeft })
            { WorkbookViewId = 0 }),
            Columns(widths),
            data);
        if (merges.HasChildren) sheet.Append(merges);
        sheet.Append(
            new PageMargins { Left = 0.5, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
            // A4 (9), landscape, one page wide and as many pages tall as the rows need; the widths keep the scale
            // this takes at or above MinScale.
            new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 },
            new HeaderFooter(new OddFooter("&CTrang &P/&N")));
        return sheet;
    }

    private static void SetHeight(Row row, int lines)
    {
        if (lines <= 1) return;
        row.Height = lines * LinePoints + RowPadding;
        row.CustomHeight = true;
    }

    /// <summary>
    /// The lines a text takes in a column of <paramref name="width"/> units when its cell wraps: words go onto a line
    /// while they fit (a word longer than the line is broken, as Excel does), and a line break starts a new line.
    /// </summary>
    public static int Lines(string text, double width, double charWidth = CharWidth)
    {
        ArgumentNullException.ThrowIfNull(text);
        // The cell's padding takes about one unit.
        var capacity = Math.Max(1, (width - 1) / charWidth);
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            lines++;
            var line = 0.0;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line > 0 && line + 1 + word.Length > capacity) { lines++; line = 0; }
                line += (line > 0 ? 1 : 0) + word.Length;
                while (line > capacity) { lines++; line -= capacity; }
            }
        }
        return lines;
    }

    private static Row ValueRow(IReadOnlyList<Column> columns, double[] widths, object?[] values, uint r, bool total)
    {
        var row = new Row { RowIndex = r };
        var lines = 1;
        for (var c = 0; c < columns.Count; c++)
        {
            var value = c < values.Length ? values[c] : null;
            var reference = Ref(c, r);
            // Text cells wrap (the style says so); the row must be as tall as the longest of them.
            if (value is string wrapped) lines = Math.Max(lines, Lines(wrapped, widths[c], total ? BoldCharWidth : CharWidth));
            row.Append(value switch
            {
                null => new Cell { CellReference = reference, StyleIndex = total ? TotalText : Text },
                string text => TextCell(reference, text, total ? TotalText : Text),
                DateOnly d => NumberCell(reference, d.ToDateTime(TimeOnly.MinValue).ToOADate(), total ? TotalDate : Date),
                int or long or double or decimal => NumberCell(reference, Convert.ToDouble(value, CultureInfo.InvariantCulture),
                    columns[c].Format switch
                    {
                        ColumnFormat.Percent => total ? TotalPercent : Percent,
                        ColumnFormat.OneDecimal => total ? TotalTenths : Tenths,
                        _ => total ? TotalNumber : Number,
                    }),
                _ => TextCell(reference, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", total ? TotalText : Text),
            });
        }
        SetHeight(row, lines);
        return row;
    }

    /// <summary>
    /// Each column as wide as its longest value, and never narrower than its header's longest word (headers wrap
    /// between words, never inside one). When the columns together are wider than A4 landscape at
    /// <see cref="MinScale"/>, the widest text columns give up width and wrap (their rows grow taller) until the
    /// table fits that scale or every text column is down to its longest word.
    /// </summary>
    public static double[] Widths(Sheet s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var widths = new double[s.Columns.Count];
        var floors = new double[s.Columns.Count];
        for (var c = 0; c < s.Columns.Count; c++)
        {
            var column = s.Columns[c];
            var headerWord = Math.Ceiling(column.Header.Split(' ').Max(w => w.Length) * BoldCharWidth) + 2;
            // A header on at most about two lines where that costs little ("Chỉ tiêu / năm 2026"), not one word a line.
            var headerTwoLines = Math.Min(Math.Ceiling(column.Header.Length * BoldCharWidth / 2) + 2, 16);
            double longest = 0, longestWord = 0;
            var wraps = false;
            foreach (var values in s.Rows.Append(s.Totals ?? []))
            {
                var value = c < values.Length ? values[c] : null;
                var length = value switch
                {
                    null => 0,
                    DateOnly => 10,
                    string text => text.Split('\n').Max(p => p.Length),
                    double or decimal when column.Format == ColumnFormat.Percent => 7,
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture)!.Length + 2,
                };
                if (value is string t)
                {
                    wraps = true;
                    longestWord = Math.Max(longestWord, t.Split(' ', '\n').Max(w => w.Length));
                }
                longest = Math.Max(longest, length);
            }
            widths[c] = Math.Clamp(Math.Max(Math.Max(headerWord, headerTwoLines), longest + 3), 6, 40);
            // A text column may narrow to its longest word (at most 16: a longer one breaks); a number or a date may not.
            floors[c] = wraps && column.Format == ColumnFormat.Text ? Math.Max(Math.Max(headerWord, 6), Math.Min(longestWord + 2, 16)) : widths[c];
        }
        var budget = PrintableWidthPoints / UnitPoints / MinScale;
        while (widths.Sum() > budget)
        {
            var c = Enumerable.Range(0, widths.Length).Where(i => widths[i] > floors[i]).DefaultIfEmpty(-1).MaxBy(i => i < 0 ? 0 : widths[i] - floors[i]);
            if (c < 0) break;
            widths[c] = Math.Max(floors[c], widths[c] - 1);
        }
        return widths;
    }

    private static Columns Columns(double[] widths)
    {
        var cols = new Columns();
        for (var c = 0; c < widths.Length; c++)
            cols.Append(new DocumentFormat.OpenXml.Spreadsheet.Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = widths[c], CustomWidth = true });
        return cols;
    }

    private static Cell TextCell(string reference, string text, uint style) => new()
    {
        CellReference = reference, StyleIndex = style, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Application.TypedText.XmlSafe(text))),
    };

    private static Cell NumberCell(string reference, double value, uint style) => new()
    {
        CellReference = reference, StyleIndex = style, CellValue = new CellValue(value),
    };

    public static string Ref(int column, uint row)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name + row.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Excel refuses a sheet name longer than 31 characters, with []:*?/\ in it, or given twice.</summary>
    private static string SheetName(string wanted, HashSet<string> used)
    {
        var name = new string(wanted.Where(ch => !"[]:*?/\\'".Contains(ch, StringComparison.Ordinal)).ToArray()).Trim();
        if (name.Length == 0) name = "Trang";
        if (name.Length > 31) name = name[..31];
        var candidate = name;
        for (var i = 2; !used.Add(candidate); i++) candidate = name[..Math.Min(name.Length, 27)] + " (" + i.ToString(CultureInfo.InvariantCulture) + ")";
        return candidate;
    }

    private static Stylesheet Styles()
    {
        static Font F(bool bold = false, bool italic = false, double size = 12, bool underline = false)
        {
            var f = new Font();
            if (bold) f.Append(new Bold());
            if (italic) f.Append(new Italic());
            if (underline) f.Append(new Underline());
            f.Append(new FontSize { Val = size }, new FontName { Val = "Times New Roman" }, new FontFamilyNumbering { Val = 1 });
            return f;
        }
        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        static CellFormat X(uint font, uint border = 0, uint fill = 0, uint numFmt = 0, HorizontalAlignmentValues? h = null, bool wrap = false) => new(
            new Alignment { Horizontal = h, Vertical = VerticalAlignmentValues.Center, WrapText = wrap ? true : null })
        {
            FontId = font, BorderId = border, FillId = fill, NumberFormatId = numFmt, ApplyFont = true, ApplyBorder = border > 0, ApplyFill = fill > 0,
            ApplyNumberFormat = numFmt > 0, ApplyAlignment = true,
        };
        const uint date = 164, percent = 165, number = 3, oneDecimal = 166;
        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = date, FormatCode = "dd/mm/yyyy" },
                new NumberingFormat { NumberFormatId = percent, FormatCode = "0.0%" },
                new NumberingFormat { NumberFormatId = oneDecimal, FormatCode = "#,##0.0" }),
            new Fonts(F(), F(bold: true), F(bold: true, size: 14), F(italic: true), F(bold: true, underline: true)),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE7E6E6" }) { PatternType = PatternValues.Solid })),
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin),
            new CellFormats(
                X(0),
                X(1, h: HorizontalAlignmentValues.Center, wrap: true),
                X(2, h: HorizontalAlignmentValues.Center),
                X(3, h: HorizontalAlignmentValues.Center, wrap: true),
                X(1, border: 1, fill: 2, h: HorizontalAlignmentValues.Center, wrap: true),
                X(0, border: 1, wrap: true),
                X(0, border: 1, numFmt: number),
                X(0, border: 1, numFmt: date, h: HorizontalAlignmentValues.Center),
                X(0, border: 1, numFmt: percent),
                X(1, border: 1, wrap: true),
                X(1, border: 1, numFmt: number),
                X(1, border: 1, numFmt: percent),
                X(1, border: 1, numFmt: date, h: HorizontalAlignmentValues.Center),
                X(4, h: HorizontalAlignmentValues.Center, wrap: true),
                X(0, border: 1, numFmt: oneDecimal),
                X(1, border: 1, numFmt: oneDecimal)));
    }
}
