using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PhatTrienDangVien.Web.Import;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Import;

/// <summary>
/// Workbooks that declare or reach far beyond the register they hold: the reader must not build the empty sheet out to
/// its declared corner (a 2 KB file kept a core busy for minutes before the cut), nor drop a value silently.
/// </summary>
public sealed class ImportBoundsTests
{
    private static byte[] Register(int rows)
    {
        var data = new List<IReadOnlyList<XCell>> { new XCell[] { "Họ và tên", "Ngày sinh", "Chi bộ" } };
        for (var i = 0; i < rows; i++) data.Add(new XCell[] { $"Nguyễn Văn Số {i + 1}", "15/03/1980", "Chi bộ Ấp Mỹ Lợi" });
        return Xlsx.Build(new XSheet("Danh sách", data));
    }

    /// <summary>The file with its first sheet's dimension set, and a cell written at <paramref name="strayAt"/>.</summary>
    private static byte[] Widen(byte[] xlsx, string dimension, (uint Row, string Reference, string? Text)? strayAt = null)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var doc = SpreadsheetDocument.Open(stream, true))
        {
            var ws = doc.WorkbookPart!.WorksheetParts.First().Worksheet;
            ws.InsertAt(new SheetDimension { Reference = dimension }, 0);
            if (strayAt is { } s)
            {
                var cell = new Cell { CellReference = s.Reference };
                if (s.Text is not null)
                {
                    cell.DataType = CellValues.InlineString;
                    cell.InlineString = new InlineString(new Text(s.Text));
                }
                ws.GetFirstChild<SheetData>()!.Append(new Row(cell) { RowIndex = s.Row });
            }
            ws.Save();
        }
        return stream.ToArray();
    }

    // A hang is the failure these guard against: the timeout ends the test instead of the whole run.
    private static Task<(RegisterSheet? Sheet, string? Error)> ReadAsync(byte[] file, ImportKind kind, IReadOnlyDictionary<string, ImportField>? remembered, CancellationToken ct) =>
        Task.Run(() => RegisterSheet.Read(file, kind, remembered), ct).WaitAsync(ct);

    [Fact(Timeout = 120_000)]
    public async Task A_sheet_declared_to_the_last_cell_of_Excel_reads_as_the_register_it_holds()
    {
        var file = Widen(Register(3), "A1:XFD1048576", (1_048_576, "XFD1048576", null));
        var (sheet, error) = await ReadAsync(file, ImportKind.Members, null, TestContext.Current.CancellationToken);
        error.ShouldBeNull();
        sheet!.Rows.Count.ShouldBe(3);
        sheet.Rows[2].Cells["A"].ShouldBe("Nguyễn Văn Số 3");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_register_whose_dimension_reaches_column_XFD_reads_every_row()
    {
        var file = Widen(Register(2_000), "A1:XFD2001");
        var (sheet, error) = await ReadAsync(file, ImportKind.Members, null, TestContext.Current.CancellationToken);
        error.ShouldBeNull();
        sheet!.Rows.Count.ShouldBe(2_000);
        sheet.Columns.Select(c => c.Header).ShouldBe(["Họ và tên", "Ngày sinh", "Chi bộ"]);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_value_far_below_the_register_is_not_dropped_but_refuses_the_file()
    {
        var file = Widen(Register(3), "A1:C500000", (500_000, "B500000", "Trần Thị Cuối"));
        var (sheet, error) = await ReadAsync(file, ImportKind.Members, null, TestContext.Current.CancellationToken);
        sheet.ShouldBeNull();
        error.ShouldBe(RegisterSheet.TooManyRows);
    }
}
