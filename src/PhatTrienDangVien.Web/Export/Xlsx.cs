using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PhatTrienDangVien.Web.Export;

/// <summary>How a column's values are written: text, a whole number, a date (a real Excel date shown dd/MM/yyyy, so that
/// the office can sort and filter by it), or a share (0.25 shown 25,0 %).</summary>
public enum ColumnFormat { Text, Number, Date, Percent }

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

    // Style indices into the stylesheet below.
    private const uint Committee = 1, Heading = 2, Subtitle = 3, Header = 4, Text = 5, Number = 6, Date = 7, Percent = 8,
        TotalText = 9, TotalNumber = 10, TotalPercent = 11, TotalDate = 12;

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

    private static Worksheet Worksheet(Sheet s)
    {
        var width = Math.Max(1, s.Columns.Count);
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

        Line(s.Committee.ToUpper(CultureInfo.GetCultureInfo("vi-VN")), Committee);
        var heading = Line(s.Heading.ToUpper(CultureInfo.GetCultureInfo("vi-VN")), Heading);
        heading.Height = 24;
        heading.CustomHeight = true;
        Merge(r);
        foreach (var line in s.Subtitles) { Line(line, Subtitle); Merge(r); }
        Line(ProducedLabel + Pages.Shared.Dates.Text(s.Produced), Subtitle);
        Merge(r);
        data.Append(new Row { RowIndex = ++r });

        var header = new Row { RowIndex = ++r };
        for (var c = 0; c < s.Columns.Count; c++) header.Append(TextCell(Ref(c, r), s.Columns[c].Header, Header));
        data.Append(header);
        foreach (var values in s.Rows) data.Append(ValueRow(s.Columns, values, ++r, total: false));
        if (s.Totals is { } totals) data.Append(ValueRow(s.Columns, totals, ++r, total: true));

        var sheet = new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = s.HeaderRow, TopLeftCell = Ref(0, (uint)s.HeaderRow + 1), ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
            }, new Selection { Pane = PaneValues.BottomLeft })
            { WorkbookViewId = 0 }),
            Widths(s),
            data);
        if (merges.HasChildren) sheet.Append(merges);
        sheet.Append(
            new PageMargins { Left = 0.5, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
            // A4 (9), landscape, one page wide and as many pages tall as the rows need.
            new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 },
            new HeaderFooter(new OddFooter("&CTrang &P/&N")));
        return sheet;
    }

    private static Row ValueRow(IReadOnlyList<Column> columns, object?[] values, uint r, bool total)
    {
        var row = new Row { RowIndex = r };
        for (var c = 0; c < columns.Count; c++)
        {
            var value = c < values.Length ? values[c] : null;
            var reference = Ref(c, r);
            row.Append(value switch
            {
                null => new Cell { CellReference = reference, StyleIndex = total ? TotalText : Text },
                string text => TextCell(reference, text, total ? TotalText : Text),
                DateOnly d => NumberCell(reference, d.ToDateTime(TimeOnly.MinValue).ToOADate(), total ? TotalDate : Date),
                int or long or double or decimal => NumberCell(reference, Convert.ToDouble(value, CultureInfo.InvariantCulture),
                    columns[c].Format == ColumnFormat.Percent ? (total ? TotalPercent : Percent) : (total ? TotalNumber : Number)),
                _ => TextCell(reference, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", total ? TotalText : Text),
            });
        }
        return row;
    }

    /// <summary>Each column as wide as its longest value or the longest word of its header (headers wrap), within limits.</summary>
    private static Columns Widths(Sheet s)
    {
        var cols = new Columns();
        for (var c = 0; c < s.Columns.Count; c++)
        {
            var column = s.Columns[c];
            var longest = column.Header.Split(' ').Max(w => w.Length);
            foreach (var values in s.Rows.Append(s.Totals ?? []))
            {
                var value = c < values.Length ? values[c] : null;
                var length = value switch
                {
                    null => 0,
                    DateOnly => 10,
                    string text => text.Length,
                    double or decimal when column.Format == ColumnFormat.Percent => 7,
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture)!.Length + 2,
                };
                longest = Math.Max(longest, length);
            }
            var width = Math.Clamp(longest + 3, 6, 48);
            cols.Append(new DocumentFormat.OpenXml.Spreadsheet.Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = width, CustomWidth = true });
        }
        return cols;
    }

    private static Cell TextCell(string reference, string text, uint style) => new()
    {
        CellReference = reference, StyleIndex = style, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Clean(text))),
    };

    private static Cell NumberCell(string reference, double value, uint style) => new()
    {
        CellReference = reference, StyleIndex = style, CellValue = new CellValue(value),
    };

    /// <summary>Characters XML cannot carry (a control character pasted into a note) are dropped, not sent as a broken file.</summary>
    private static string Clean(string text)
    {
        if (!text.Any(ch => ch < 0x20 && ch is not '\t' and not '\n' and not '\r')) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text) if (ch >= 0x20 || ch is '\t' or '\n' or '\r') sb.Append(ch);
        return sb.ToString();
    }

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
        static Font F(bool bold = false, bool italic = false, double size = 12)
        {
            var f = new Font();
            if (bold) f.Append(new Bold());
            if (italic) f.Append(new Italic());
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
        const uint date = 164, percent = 165, number = 3;
        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = date, FormatCode = "dd/mm/yyyy" },
                new NumberingFormat { NumberFormatId = percent, FormatCode = "0.0%" }),
            new Fonts(F(), F(bold: true), F(bold: true, size: 14), F(italic: true)),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE7E6E6" }) { PatternType = PatternValues.Solid })),
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin),
            new CellFormats(
                X(0),
                X(1),
                X(2, h: HorizontalAlignmentValues.Center),
                X(3, h: HorizontalAlignmentValues.Center),
                X(1, border: 1, fill: 2, h: HorizontalAlignmentValues.Center, wrap: true),
                X(0, border: 1, wrap: true),
                X(0, border: 1, numFmt: number),
                X(0, border: 1, numFmt: date, h: HorizontalAlignmentValues.Center),
                X(0, border: 1, numFmt: percent),
                X(1, border: 1, wrap: true),
                X(1, border: 1, numFmt: number),
                X(1, border: 1, numFmt: percent),
                X(1, border: 1, numFmt: date, h: HorizontalAlignmentValues.Center)));
    }
}
