using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Import;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Import;

/// <summary>
/// Files shaped to get round the reader's limits (the breaker's findings of issue 10): a worksheet stored under another
/// name, a cell far longer than Excel allows, hidden sheets, digits of other scripts in dates.
/// </summary>
public sealed class ImportHostileFileTests
{
    private static readonly DateOnly s_today = new(2026, 12, 3);

    private static List<IReadOnlyList<XCell>> Rows(params string[] names)
    {
        var data = new List<IReadOnlyList<XCell>> { new XCell[] { "Họ và tên", "Ngày sinh", "Chi bộ", "Ghi chú" } };
        data.AddRange(names.Select(n => (IReadOnlyList<XCell>)new XCell[] { n, "15/03/1980", "Chi bộ Ấp Mỹ Lợi", (string?)null }));
        return data;
    }

    /// <summary>The package with its entries renamed (the reader finds worksheets through relationships, not names).</summary>
    private static byte[] Rename(byte[] xlsx, Func<string, string> name)
    {
        using var output = new MemoryStream();
        using (var input = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read))
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var e in input.Entries)
            {
                using var from = e.Open();
                using var to = zip.CreateEntry(name(e.FullName)).Open();
                from.CopyTo(to);
            }
        }
        return output.ToArray();
    }

    private static byte[] Edit(byte[] xlsx, Action<WorkbookPart> edit)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var doc = SpreadsheetDocument.Open(stream, true)) edit(doc.WorkbookPart!);
        return stream.ToArray();
    }

    private static Task<(RegisterSheet? Sheet, string? Error)> ReadAsync(byte[] file, CancellationToken ct) =>
        Task.Run(() => RegisterSheet.Read(file, ImportKind.Members, null), ct).WaitAsync(ct);

    [Fact(Timeout = 60_000)]
    public async Task A_worksheet_stored_under_a_leading_slash_is_cut_to_the_register_like_any_other()
    {
        var wide = Edit(Xlsx.Build(new XSheet("Danh sách", Rows("Nguyễn Văn An", "Lê Thị Bình"))), wb =>
        {
            var ws = wb.WorksheetParts.First().Worksheet;
            ws.InsertAt(new SheetDimension { Reference = "A1:XFD1048576" }, 0);
            ws.GetFirstChild<SheetData>()!.Append(new Row(new Cell { CellReference = "XFD1048576" }) { RowIndex = 1_048_576 });
            ws.Save();
        });
        var file = Rename(wide, n => n.Contains("worksheets/", StringComparison.Ordinal) && !n.Contains("_rels", StringComparison.Ordinal) ? "/" + n : n);
        var (sheet, error) = await ReadAsync(file, TestContext.Current.CancellationToken);
        // Whether the reader then finds the renamed part or not, it answers at once and never reads a million rows.
        if (error is null) sheet!.Rows.Count.ShouldBe(2);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_cell_longer_than_Excel_holds_refuses_the_file_before_it_is_read()
    {
        var data = Rows("Nguyễn Văn An");
        data.Add(new XCell[] { "Trần Văn Dài", "15/03/1980", "Chi bộ Ấp Mỹ Lợi", new string('x', SheetBounds.MaxCellText + 1) });
        var (sheet, error) = await ReadAsync(Xlsx.Build(new XSheet("Danh sách", data)), TestContext.Current.CancellationToken);
        sheet.ShouldBeNull();
        error.ShouldBe(RegisterSheet.ExpandsTooFar);
    }

    [Fact]
    public async Task A_cell_as_long_as_Excel_allows_is_read()
    {
        var data = Rows("Nguyễn Văn An");
        data.Add(new XCell[] { "Trần Văn Dài", "15/03/1980", "Chi bộ Ấp Mỹ Lợi", new string('x', SheetBounds.MaxCellText) });
        var (sheet, error) = await ReadAsync(Xlsx.Build(new XSheet("Danh sách", data)), TestContext.Current.CancellationToken);
        error.ShouldBeNull();
        sheet!.Rows.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_hidden_sheet_is_not_read_even_when_it_comes_first(bool veryHidden)
    {
        var file = Edit(Xlsx.Build(new XSheet("Cũ 2019", Rows("Người Trong Trang Ẩn")), new XSheet("Danh sách", Rows("Nguyễn Văn An"))), wb =>
        {
            wb.Workbook.Sheets!.Elements<Sheet>().First().State = veryHidden ? SheetStateValues.VeryHidden : SheetStateValues.Hidden;
            wb.Workbook.Save();
        });
        var (sheet, error) = await ReadAsync(file, TestContext.Current.CancellationToken);
        error.ShouldBeNull();
        sheet!.SheetName.ShouldBe("Danh sách");
        sheet.Rows.Select(r => r.Cells["A"]).ShouldBe(["Nguyễn Văn An"]);
    }

    [Theory]
    [InlineData("１５/０３/１９８０", 1980, 3, 15, DatePrecision.Day)]
    [InlineData("١٥/٠٣/١٩٨٠", 1980, 3, 15, DatePrecision.Day)]
    [InlineData("１９８０", 1980, 1, 1, DatePrecision.Year)]
    [InlineData("０３/２０１０", 2010, 3, 1, DatePrecision.Month)]
    [InlineData("15/03/1980 00:00:00", 1980, 3, 15, DatePrecision.Day)]
    public void Digits_of_other_scripts_and_a_trailing_time_read_as_the_date_they_mean(string text, int y, int m, int d, DatePrecision p)
    {
        var (date, error) = ImportDates.Read(text, s_today);
        error.ShouldBeNull();
        date.ShouldBe(new ImportDate(new DateOnly(y, m, d), p));
    }

    [Theory]
    [InlineData("0000")]
    [InlineData("0001")]
    [InlineData("1e5")]
    [InlineData("2010-10-10 xyz")]
    public void A_year_zero_an_exponent_or_trailing_words_are_not_dates(string text)
    {
        var (date, error) = ImportDates.Read(text, s_today);
        date.ShouldBeNull();
        error.ShouldNotBeNullOrEmpty();
    }

    /// <summary>A workbook made on an old Mac counts its dates from 1904: the same date cell there is four years and a day later.</summary>
    [Fact]
    public async Task Dates_of_a_workbook_counting_from_1904_are_read_as_the_office_sees_them()
    {
        var born = new DateTime(1980, 3, 15);
        // The serial Excel stores for 15/03/1980 in a 1904 workbook is 1,462 less than in a 1900 one.
        var file = Xlsx.Build(new XSheet("DS", [
            new XCell[] { "Họ và tên", "Ngày sinh", "Chi bộ" },
            new XCell[] { "Mạc Văn Táo", new XDate(born.AddDays(-1462)), "Chi bộ Ấp Mỹ Lợi" }]));
        var (before, _) = await ReadAsync(file, TestContext.Current.CancellationToken);
        before!.Rows[0].Cells["B"].ShouldBe(born.AddDays(-1462));

        var mac = Edit(file, book => book.Workbook!.WorkbookProperties = new WorkbookProperties { Date1904 = true });
        var (sheet, error) = await ReadAsync(mac, TestContext.Current.CancellationToken);
        error.ShouldBeNull();
        sheet!.Rows[0].Cells["B"].ShouldBe(born);
    }
}
