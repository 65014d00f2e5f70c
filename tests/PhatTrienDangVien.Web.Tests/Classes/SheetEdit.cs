using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PhatTrienDangVien.Web.Tests.Classes;

/// <summary>
/// Types into a downloaded .xlsx as the centre's clerk would in Excel: a value in the cell of a person's row under a
/// header, the file saved again (Open XML, so the rest of the workbook is untouched).
/// </summary>
internal static class SheetEdit
{
    public static byte[] Set(byte[] xlsx, params (string Person, string Header, object? Value)[] edits)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var doc = SpreadsheetDocument.Open(stream, true))
        {
            var book = doc.WorkbookPart!;
            var shared = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var part = (WorksheetPart)book.GetPartById(book.Workbook.Sheets!.Elements<Sheet>().First().Id!);
            var rows = part.Worksheet.Descendants<Row>().ToList();
            string Text(Cell c) => c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)]
                : c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "";
            static string Column(string reference) => new([.. reference.TakeWhile(char.IsLetter)]);
            var header = rows.First(r => r.Elements<Cell>().Any(c => Text(c) == "Họ và tên"));
            var columns = header.Elements<Cell>().ToDictionary(Text, c => Column(c.CellReference!.Value!));
            foreach (var (person, head, value) in edits)
            {
                var row = rows.First(r => r.RowIndex!.Value > header.RowIndex!.Value
                    && r.Elements<Cell>().Any(c => Column(c.CellReference!.Value!) == columns["Họ và tên"] && Text(c) == person));
                var reference = columns[head] + row.RowIndex!.Value.ToString(CultureInfo.InvariantCulture);
                var cell = row.Elements<Cell>().FirstOrDefault(c => c.CellReference!.Value == reference);
                if (cell is null)
                {
                    cell = new Cell { CellReference = reference };
                    var after = row.Elements<Cell>().LastOrDefault(c => Order(c.CellReference!.Value!) < Order(reference));
                    if (after is null) row.PrependChild(cell);
                    else after.InsertAfterSelf(cell);
                }
                cell.RemoveAllChildren();
                cell.CellFormula = null;
                switch (value)
                {
                    case null:
                        cell.DataType = null;
                        break;
                    case double or int or decimal:
                        cell.DataType = null;
                        cell.CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                        break;
                    default:
                        cell.DataType = CellValues.InlineString;
                        cell.InlineString = new InlineString(new Text(Convert.ToString(value, CultureInfo.InvariantCulture)!));
                        break;
                }
            }
            part.Worksheet.Save();
        }
        return stream.ToArray();
    }

    private static int Order(string reference)
    {
        var letters = new string([.. reference.TakeWhile(char.IsLetter)]);
        var n = letters.Aggregate(0, (a, ch) => a * 26 + (ch - 'A' + 1));
        return n * 1_000_000 + int.Parse(reference[letters.Length..], CultureInfo.InvariantCulture);
    }
}
