using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PhatTrienDangVien.Web.Tests.Import;

/// <summary>A cell as an office leaves it: text, a number, an Excel date (a serial with a date format), or a formula with its cached value.</summary>
public abstract record XCell
{
    public static implicit operator XCell(string? s) => s is null ? new XEmpty() : new XText(s);
    public static implicit operator XCell(double d) => new XNumber(d);
    public static implicit operator XCell(int d) => new XNumber(d);
}

public sealed record XEmpty : XCell;
public sealed record XText(string Value) : XCell;
public sealed record XNumber(double Value) : XCell;
/// <summary>A date cell: the serial number with the built-in date format 14 (what Excel stores for a typed date).</summary>
public sealed record XDate(DateTime Value) : XCell;
public sealed record XFormula(string Formula, string? Cached) : XCell;

/// <summary>One sheet of a workbook to build; <paramref name="Hidden"/>: rows (1-based) a filter hides, as Excel marks them.</summary>
public sealed record XSheet(string Name, IReadOnlyList<IReadOnlyList<XCell>> Rows, IReadOnlyList<string>? Merged = null, IReadOnlyList<int>? Hidden = null);

/// <summary>Builds real .xlsx files with the OpenXml SDK, as Excel writes them (shared strings, styles, merged cells).</summary>
public static class Xlsx
{
    public static byte[] Build(params XSheet[] sheets)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var styles = wb.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()), new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()), new CellStyleFormats(new CellFormat()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var shared = wb.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable();
            var strings = new List<string>();
            var sheetList = wb.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var s in sheets)
            {
                var part = wb.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < s.Rows.Count; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    if (s.Hidden?.Contains(r + 1) == true) row.Hidden = true;
                    for (var c = 0; c < s.Rows[r].Count; c++)
                    {
                        var cell = Cell(s.Rows[r][c], Letter(c) + (r + 1).ToString(CultureInfo.InvariantCulture), strings);
                        if (cell is not null) row.Append(cell);
                    }
                    data.Append(row);
                }
                var ws = new Worksheet(data);
                if (s.Merged is { Count: > 0 } merged) ws.Append(new MergeCells(merged.Select(m => new MergeCell { Reference = m })));
                part.Worksheet = ws;
                sheetList.Append(new Sheet { Id = wb.GetIdOfPart(part), SheetId = id++, Name = s.Name });
            }
            foreach (var text in strings) shared.SharedStringTable.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        }
        return stream.ToArray();
    }

    public static string Letter(int column) => column < 26 ? ((char)('A' + column)).ToString() : Letter(column / 26 - 1) + (char)('A' + column % 26);

    private static Cell? Cell(XCell value, string reference, List<string> strings)
    {
        switch (value)
        {
            case XText t:
                var index = strings.IndexOf(t.Value);
                if (index < 0)
                {
                    strings.Add(t.Value);
                    index = strings.Count - 1;
                }
                return new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(CultureInfo.InvariantCulture)) };
            case XNumber n:
                return new Cell { CellReference = reference, CellValue = new CellValue(n.Value.ToString(CultureInfo.InvariantCulture)) };
            case XDate d:
                return new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(d.Value.ToOADate().ToString(CultureInfo.InvariantCulture)) };
            case XFormula f:
                var cell = new Cell { CellReference = reference, CellFormula = new CellFormula(f.Formula) };
                if (f.Cached is not null)
                {
                    cell.DataType = CellValues.String;
                    cell.CellValue = new CellValue(f.Cached);
                }
                return cell;
            default:
                return null;
        }
    }
}
