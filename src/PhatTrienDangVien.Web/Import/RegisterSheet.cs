using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace PhatTrienDangVien.Web.Import;

/// <summary>A column of the file: its letter and its header as written.</summary>
public sealed record SheetColumn(string Letter, string Header);

/// <summary>
/// One data row: its row number in Excel (1-based) and its cells by column letter; the sheet it is on when the register
/// spans several sheets (null for one), and whether Excel hides it (a filter).
/// </summary>
public sealed record SheetRow(int Number, IReadOnlyDictionary<string, object?> Cells)
{
    public string? Sheet { get; init; }
    public int SheetOrder { get; init; }
    public bool Hidden { get; init; }
}

/// <summary>A visible sheet holding data that was not read, and why (Vietnamese).</summary>
public sealed record SkippedSheet(string Name, string Why);

/// <summary>The footer left out below one sheet's table: its first row and how many rows.</summary>
public sealed record SheetFooter(string Sheet, int FirstRow, int Rows);

/// <summary>
/// The table found in a workbook: which sheet, which row holds the headers, the columns and the rows below; and the rows
/// left out below the table (totals, place and date, signatures) from <see cref="FooterRow"/> on.
/// </summary>
public sealed partial record RegisterSheet(string SheetName, int HeaderRow, IReadOnlyList<SheetColumn> Columns, IReadOnlyList<SheetRow> Rows,
    int FooterRows = 0, int? FooterRow = null)
{
    /// <summary>The text of the title rows above the header ("DANH SÁCH QUẦN CHÚNG ƯU TÚ…"): it tells what the list is.</summary>
    public string Title { get; init; } = "";

    /// <summary>The sheets read, in order: the first with a header row, then every other visible sheet with the same columns.</summary>
    public IReadOnlyList<string> Sheets { get; init; } = [];

    /// <summary>Visible sheets holding data whose header row is missing or differs: not read, named in a warning.</summary>
    public IReadOnlyList<SkippedSheet> SkippedSheets { get; init; } = [];

    /// <summary>Each read sheet's footer.</summary>
    public IReadOnlyList<SheetFooter> Footers { get; init; } = [];

    /// <summary>Header rows repeated inside the data (registers printed per page and pasted together): skipped.</summary>
    public int RepeatedHeaders { get; init; }

    /// <summary>Larger files are refused before they are opened: a commune's register is well under 2 MB.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 20_000;
    private const int MaxColumns = 80;
    private const int HeaderSearchRows = 30;
    // Blank lines, subtotals and the signature block below a full register still fit under the row limit.
    private const int BlankRowAllowance = 1_000;

    public const string NotXlsx = "Tệp này không phải là tệp Excel .xlsx (Excel 2007 trở về sau). Nếu là tệp .xls hoặc .csv, hãy mở bằng Excel và lưu lại dưới dạng “Sổ làm việc Excel (.xlsx)”.";
    public const string Empty = "Tệp trống: không có dữ liệu nào để nhập.";
    public static string TooLarge => $"Tệp quá lớn (tối đa {MaxBytes / 1024 / 1024} MB). Một danh sách đảng viên thường dưới 2 MB; hãy xóa ảnh, trang tính thừa rồi lưu lại.";
    public const string ExpandsTooFar = "Tệp Excel này khi mở ra quá lớn so với một danh sách đảng viên (có thể chứa nhiều ô định dạng thừa, một ô dài quá 32.767 ký tự, hoặc bị hỏng). Hãy chép phần danh sách sang một tệp Excel mới rồi lưu lại.";
    public const string NoHeader = "Không tìm thấy dòng tiêu đề trong tệp: cần một dòng có ít nhất cột “Họ và tên” và một cột khác như “Ngày sinh”, “Chi bộ”, “Số CCCD” (xem tệp mẫu). Nếu danh sách nằm ở trang tính khác, hãy để nó ở trang đầu hoặc xóa các trang khác.";
    public static string TooManyRows => $"Tệp có quá {MaxRows:N0} dòng dữ liệu; hãy chia thành nhiều tệp.".Replace(",", ".", StringComparison.Ordinal);

    /// <summary>
    /// Reads the first sheet that has a header row (a row naming "Họ và tên" and at least one other known column, found
    /// below any title rows, merged or not), and every later visible sheet with the same columns; the rows under each
    /// header up to its footer.
    /// Never throws for a bad file: the error is a Vietnamese message.
    /// </summary>
    public static (RegisterSheet? Sheet, string? Error) Read(byte[] content, ImportKind kind, IReadOnlyDictionary<string, ImportField>? remembered)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0) return (null, Empty);
        if (content.Length > MaxBytes) return (null, TooLarge);
        // A zip starts with "PK"; anything else (an old .xls, a CSV, a renamed picture) is not an .xlsx.
        if (content.Length < 4 || content[0] != 'P' || content[1] != 'K') return (null, NotXlsx);
        try
        {
            var hiddenByPart = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
            var (bounded, rowsBeyond) = SheetBounds.Clamp(content, MaxRows + HeaderSearchRows + BlankRowAllowance, MaxColumns, hiddenByPart);
            if (bounded is null) return (null, ExpandsTooFar);
            if (rowsBeyond) return (null, TooManyRows);
            content = bounded;
            // Hidden sheets are skipped: an office keeps last year's list or a scratch copy there, and nobody would
            // expect what they cannot see to come in.
            List<string> sheets;
            using (var s = new MemoryStream(content, writable: false))
                sheets = [.. MiniExcel.GetSheetInformations(s).Where(i => i.State == SheetState.Visible).Select(i => i.Name)];
            if (sheets.Count == 0) return (null, NotXlsx);
            // A register split over sheets (one per cell) is read whole: every visible sheet whose header row names the
            // same fields in the same columns as the first; the others that hold data are named as skipped.
            var read = new List<(string Name, RegisterSheet? Sheet, bool HasData)>();
            var dateShift = WorkbookSheets.Uses1904(content) ? WorkbookSheets.Days1904 : 0;
            foreach (var name in sheets)
            {
                var (sheet, hasData, error) = ReadSheet(content, name, kind, remembered, dateShift);
                if (error is not null) return (null, error);
                read.Add((name, sheet, hasData));
            }
            var first = read.FirstOrDefault(r => r.Sheet is not null).Sheet;
            if (first is null) return (null, read.Any(r => r.HasData) ? NoHeader : Empty);
            var layout = Layout(first.Columns, kind, remembered);
            var included = read.Where(r => r.Sheet is { } x && (ReferenceEquals(x, first) || Layout(x.Columns, kind, remembered) == layout)).Select(r => r.Sheet!).ToList();
            var skipped = read.Where(r => r.HasData && !included.Any(x => ReferenceEquals(x, r.Sheet))).Select(r => new SkippedSheet(r.Name, r.Sheet is null
                ? "không có dòng tiêu đề"
                : $"các cột khác với trang “{first.SheetName}”")).ToList();
            if (included.Sum(x => x.Rows.Count) > MaxRows) return (null, TooManyRows);
            var parts = hiddenByPart.Count > 0 ? WorkbookSheets.Parts(content) : [];
            var several = included.Count > 1;
            var rows = new List<SheetRow>();
            for (var i = 0; i < included.Count; i++)
            {
                var x = included[i];
                var hidden = parts.TryGetValue(x.SheetName, out var part) && hiddenByPart.TryGetValue(part, out var h) ? h : null;
                rows.AddRange(x.Rows.Select(r => r with { Sheet = several ? x.SheetName : null, SheetOrder = i, Hidden = hidden?.Contains(r.Number) == true }));
            }
            return (first with
            {
                Rows = rows, FooterRows = included.Sum(x => x.FooterRows), Sheets = [.. included.Select(x => x.SheetName)], SkippedSheets = skipped,
                RepeatedHeaders = included.Sum(x => x.RepeatedHeaders),
                Footers = [.. included.Where(x => x.FooterRow is not null).Select(x => new SheetFooter(x.SheetName, x.FooterRow!.Value, x.FooterRows))],
            }, null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException
            or FormatException or ArgumentException or NotSupportedException or KeyNotFoundException or IndexOutOfRangeException
            or NullReferenceException or InvalidCastException or OverflowException)
        {
            // A damaged or foreign zip (a .docx, a file cut short): whatever the reader trips on, the user hears one thing.
            return (null, NotXlsx);
        }
    }

    private static (RegisterSheet? Sheet, bool HasData, string? Error) ReadSheet(byte[] content, string sheetName, ImportKind kind,
        IReadOnlyDictionary<string, ImportField>? remembered, int dateShift)
    {
        using var stream = new MemoryStream(content, writable: false);
        // Merged areas are already filled cell by cell by SheetBounds: the reader's own filling would read the sheet
        // through once more to find them, for the same values.
        var config = new OpenXmlConfiguration { FillMergedCells = false };
        var number = 0;
        var hasData = false;
        int? headerRow = null;
        string? nameColumn = null;
        int? footerRow = null;
        var footerRows = 0;
        List<SheetColumn> columns = [];
        var rows = new List<SheetRow>();
        var title = new List<string>();
        var repeated = 0;
        foreach (IDictionary<string, object?> raw in MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheetName, excelType: ExcelType.XLSX, configuration: config))
        {
            number++;
            var cells = raw.Take(MaxColumns).ToDictionary(c => c.Key, c => Clean(c.Value, dateShift), StringComparer.Ordinal);
            var empty = cells.Values.All(v => v is null);
            hasData |= !empty;
            if (headerRow is null)
            {
                if (number > HeaderSearchRows) return (null, hasData, null);
                if (empty) continue;
                if (!IsHeader(cells, kind, remembered))
                {
                    title.AddRange(cells.Values.OfType<string>().Distinct());
                    continue;
                }
                headerRow = number;
                columns = [.. cells.Where(c => c.Value is not null).Select(c => new SheetColumn(c.Key, Convert.ToString(c.Value, CultureInfo.InvariantCulture)!.Trim()))];
                nameColumn = columns.FirstOrDefault(c => Field(c.Header, kind, remembered) == ImportField.FullName)?.Letter;
                continue;
            }
            if (empty) continue;
            if (IsHeader(cells, kind, remembered))
            {
                repeated++;
                continue;
            }
            // Everything from the first totals or signature line down is the register's footer, not members.
            if (footerRow is null && IsFooter(cells, nameColumn)) footerRow = number;
            if (footerRow is not null)
            {
                footerRows++;
                continue;
            }
            if (rows.Count >= MaxRows) return (null, true, TooManyRows);
            rows.Add(new SheetRow(number, cells));
        }
        if (headerRow is null) return (null, hasData, null);
        // Lines after the last named row (a signer's title typed in another column, a stray note) belong to the footer too.
        while (nameColumn is not null && rows.Count > 1 && rows[^1].Cells.GetValueOrDefault(nameColumn) is null)
        {
            footerRow = rows[^1].Number;
            footerRows++;
            rows.RemoveAt(rows.Count - 1);
        }
        return (new RegisterSheet(sheetName, headerRow.Value, columns, DropNumbering(rows), footerRows, footerRow) { Title = string.Join(" ", title), RepeatedHeaders = repeated }, true, null);
    }

    [GeneratedRegex(@"^(tong cong|tong so|nguoi lap bieu|nguoi lap|nguoi ky|xac nhan|t m|tm|thu truong|lap bieu)( |$)")]
    private static partial Regex FooterStart();

    [GeneratedRegex(@"(^| )ngay( .*)? thang( .*)? nam( |$)")]
    private static partial Regex PlaceAndDate();

    /// <summary>
    /// A totals, "Người lập biểu", "Xác nhận" or "…, ngày … tháng … năm …" line: its first filled cell says so, and its
    /// name cell is empty or is that line (a total written across the name column). A member's row always has a name.
    /// </summary>
    private static bool IsFooter(Dictionary<string, object?> cells, string? nameColumn)
    {
        static bool Marks(object? v) => v is string s && ImportFields.FoldHeader(s) is var f && (FooterStart().IsMatch(f) || PlaceAndDate().IsMatch(f));
        var name = nameColumn is null ? null : cells.GetValueOrDefault(nameColumn);
        return (name is null || Marks(name)) && Marks(cells.Values.FirstOrDefault(v => v is not null));
    }

    /// <summary>Blank text is an empty cell; a formula's cached error ("#N/A") is one too, reported by the field's check.</summary>
    /// <remarks>A date cell of a workbook counting from 1904 is moved by <paramref name="dateShift"/> days (the reader counts from 1900).</remarks>
    private static object? Clean(object? v, int dateShift) => v switch
    {
        string s when string.IsNullOrWhiteSpace(s) => null,
        DateTime d when dateShift != 0 => d.AddDays(dateShift),
        _ => v,
    };

    private static bool IsHeader(Dictionary<string, object?> cells, ImportKind kind, IReadOnlyDictionary<string, ImportField>? remembered)
    {
        var fields = cells.Values.OfType<string>().Select(h => Field(h, kind, remembered)).Where(f => f != ImportField.None).ToHashSet();
        return fields.Contains(ImportField.FullName) && fields.Count >= 2;
    }

    /// <summary>What each column of a header row holds (its field, or its folded header when it names none): two sheets of one register agree on it.</summary>
    private static string Layout(IEnumerable<SheetColumn> columns, ImportKind kind, IReadOnlyDictionary<string, ImportField>? remembered) =>
        string.Join("|", columns.Select(c => Field(c.Header, kind, remembered) is var f && f != ImportField.None ? $"{c.Letter}={f}" : $"{c.Letter}:{ImportFields.FoldHeader(c.Header)}"));

    /// <summary>
    /// The remembered mapping of this commune first, then the usual headers. A remembered "ignore" never hides the name
    /// column: one choice made on an abandoned preview would otherwise refuse every later file of the commune, the
    /// template included, before any page where it could be undone.
    /// </summary>
    public static ImportField Field(string header, ImportKind kind, IReadOnlyDictionary<string, ImportField>? remembered)
    {
        var guess = ImportFields.Guess(header, kind);
        if (remembered is null || !remembered.TryGetValue(ImportFields.FoldHeader(header), out var f)) return guess;
        return f == ImportField.None && guess == ImportField.FullName ? guess : f;
    }

    /// <summary>The row of column numbers many registers have under the header ("(1)", "(2)"…, or 1, 2, 3…).</summary>
    private static List<SheetRow> DropNumbering(List<SheetRow> rows)
    {
        if (rows.Count > 0 && rows[0].Cells.Values.Where(v => v is not null).All(IsColumnNumber)) rows.RemoveAt(0);
        return rows;
    }

    private static bool IsColumnNumber(object? v)
    {
        var s = Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim().Trim('(', ')') ?? "";
        return s.Length is > 0 and <= 3 && s.All(char.IsDigit);
    }
}
