using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Shouldly;

namespace PhatTrienDangVien.Web.Tests.Reports;

/// <summary>
/// A produced .xlsx opened with the Open XML SDK, as Excel would read it: each sheet's cells by row as text (a number
/// in invariant form, a date cell as dd/MM/yyyy), and the facts of its layout (frozen rows, print setup).
/// </summary>
public sealed class XlsxFile
{
    public sealed class Tab
    {
        public required string Name { get; init; }
        /// <summary>Rows by their 1-based number; a missing cell is "".</summary>
        public required SortedDictionary<int, List<string>> Rows { get; init; }
        public int? FrozenRows { get; init; }
        public bool Landscape { get; init; }
        public uint? PaperSize { get; init; }
        public uint? FitToWidth { get; init; }
        public uint? FitToHeight { get; init; }
        public bool FitToPage { get; init; }
        public string? PrintTitles { get; init; }
        public int ColumnsWithWidth { get; init; }
        public List<uint> BoldRows { get; init; } = [];
        /// <summary>The heights set on rows (points), by row number; a row without one is absent.</summary>
        public Dictionary<int, double> RowHeights { get; init; } = [];
        /// <summary>Each column's width in Excel's unit, in column order.</summary>
        public List<double> Widths { get; init; } = [];

        /// <summary>The header row: the row just above the frozen split.</summary>
        public List<string> Header => Rows[FrozenRows!.Value];

        /// <summary>The rows under the header, the totals row included when there is one.</summary>
        public List<List<string>> Body => [.. Rows.Where(r => r.Key > FrozenRows!.Value).Select(r => r.Value)];

        public List<string> Column(int index) => [.. Body.Select(r => index < r.Count ? r[index] : "")];

        /// <summary>The text of the title rows, above the header.</summary>
        public List<string> Titles => [.. Rows.Where(r => r.Key < FrozenRows!.Value).Select(r => string.Join(" ", r.Value.Where(v => v.Length > 0)))];

        public IEnumerable<string> AllText => Rows.Values.SelectMany(r => r);

        /// <summary>The cells written as text (row, column 0-based): these wrap; numbers and dates do not.</summary>
        public HashSet<(int Row, int Column)> TextCells { get; init; } = [];

        /// <summary>A4 landscape less the writer's 0.5 in + 0.4 in margins, in points, worked out here.</summary>
        public const double PrintableWidthPoints = (297 / 25.4 - 0.9) * 72;

        /// <summary>The scale fit-to-width prints at: the printable width over the columns' width (a unit is 6 pt, a
        /// "0" of Times New Roman 12), never above 100 %.</summary>
        public double PrintScale => Math.Min(1, PrintableWidthPoints / (Widths.Sum() * 6));

        /// <summary>
        /// What a reader would find wrong on screen or paper: a wrapped header or text cell whose row is shorter than its
        /// lines (estimated as ceil(length × char width ÷ (column width − 1)): a letter of Times New Roman is about 0.85 of the “0” the width counts, bold 0.95), a column narrower than its
        /// header's longest word, a print scale under 70 %.
        /// </summary>
        public List<string> LayoutProblems()
        {
            var problems = new List<string>();
            const double line = 15;
            var header = FrozenRows!.Value;
            for (var c = 0; c < Header.Count; c++)
                if (Widths[c] < Header[c].Split(' ').Max(w => w.Length) + 1) problems.Add($"{Name}: column “{Header[c]}” ({Widths[c]}) is narrower than its header's longest word");
            foreach (var (r, values) in Rows.Where(r => r.Key >= header))
            {
                var bold = r == header || r == Rows.Keys.Max();
                var needed = Enumerable.Range(0, values.Count).Where(c => TextCells.Contains((r, c)) && c < Widths.Count)
                    .Select(c => values[c].Split('\n').Sum(p => Math.Max(1, (int)Math.Ceiling(p.Length * (bold ? 0.95 : 0.85) / (Widths[c] - 1)))))
                    .DefaultIfEmpty(1).Max();
                var height = RowHeights.GetValueOrDefault(r, line);
                if (needed > 1 && height < needed * line) problems.Add($"{Name}: row {r} needs {needed} lines and is {height} pt tall");
            }
            if (PrintScale < 0.7) problems.Add($"{Name}: fit to width prints at {PrintScale:P0}");
            return problems;
        }
    }

    public List<Tab> Tabs { get; } = [];

    /// <summary>What the SDK's validator finds wrong with the file against the Office 2019 schema (what Excel would refuse or repair).</summary>
    public List<string> SchemaErrors { get; } = [];

    public Tab this[int index] => Tabs[index];

    public static XlsxFile Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var doc = SpreadsheetDocument.Open(stream, false);
        var book = doc.WorkbookPart.ShouldNotBeNull();
        var shared = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var formats = book.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var fonts = book.WorkbookStylesPart.Stylesheet.Fonts!.Elements<Font>().ToList();
        var file = new XlsxFile();
        file.SchemaErrors.AddRange(new DocumentFormat.OpenXml.Validation.OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019)
            .Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        var sheets = book.Workbook.Sheets!.Elements<Sheet>().ToList();
        var titles = book.Workbook.DefinedNames?.Elements<DefinedName>().ToList() ?? [];
        for (var i = 0; i < sheets.Count; i++)
        {
            var part = (WorksheetPart)book.GetPartById(sheets[i].Id!);
            var ws = part.Worksheet;
            var rows = new SortedDictionary<int, List<string>>();
            var bold = new List<uint>();
            var heights = new Dictionary<int, double>();
            var textCells = new HashSet<(int, int)>();
            foreach (var row in ws.Descendants<Row>())
            {
                var values = new List<string>();
                var rowBold = false;
                foreach (var cell in row.Elements<Cell>())
                {
                    var col = ColumnIndex(cell.CellReference!.Value!);
                    while (values.Count < col) values.Add("");
                    var format = cell.StyleIndex is { } si ? formats[(int)si.Value] : null;
                    if (format?.FontId is { } fid && fonts[(int)fid.Value].Bold is not null && cell is { CellValue: not null } or { InlineString: not null }) rowBold = true;
                    values.Add(Text(cell, shared, format));
                    if (cell.DataType?.Value is { } type && (type == CellValues.InlineString || type == CellValues.SharedString)) textCells.Add(((int)row.RowIndex!.Value, col));
                }
                rows[(int)row.RowIndex!.Value] = values;
                if (row.CustomHeight?.Value == true && row.Height?.Value is { } h) heights[(int)row.RowIndex!.Value] = h;
                if (rowBold) bold.Add(row.RowIndex!.Value);
            }
            var pane = ws.Descendants<Pane>().FirstOrDefault();
            var setup = ws.GetFirstChild<PageSetup>();
            file.Tabs.Add(new Tab
            {
                Name = sheets[i].Name!,
                Rows = rows,
                FrozenRows = pane?.State?.Value == PaneStateValues.Frozen ? (int?)pane.VerticalSplit!.Value : null,
                Landscape = setup?.Orientation?.Value == OrientationValues.Landscape,
                PaperSize = setup?.PaperSize?.Value,
                FitToWidth = setup?.FitToWidth?.Value,
                FitToHeight = setup?.FitToHeight?.Value,
                FitToPage = ws.SheetProperties?.PageSetupProperties?.FitToPage?.Value == true,
                PrintTitles = titles.FirstOrDefault(t => t.Name == "_xlnm.Print_Titles" && t.LocalSheetId?.Value == (uint)i)?.Text,
                ColumnsWithWidth = ws.Descendants<Column>().Count(c => c.CustomWidth?.Value == true && c.Width?.Value > 0),
                BoldRows = bold,
                RowHeights = heights,
                TextCells = textCells,
                Widths = [.. ws.Descendants<Column>().OrderBy(c => c.Min!.Value).Select(c => c.Width?.Value ?? 0)],
            });
        }
        return file;
    }

    private static string Text(Cell cell, List<string> shared, CellFormat? format)
    {
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString) return shared[int.Parse(raw, CultureInfo.InvariantCulture)];
        if (raw.Length == 0) return "";
        // Dates are numbers shown with a date format: read them as the office sees them.
        if (format?.NumberFormatId?.Value is 14 or 164)
            return DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(raw, CultureInfo.InvariantCulture))).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        return double.Parse(raw, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }

    private static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter)) n = n * 26 + (ch - 'A' + 1);
        return n - 1;
    }
}
