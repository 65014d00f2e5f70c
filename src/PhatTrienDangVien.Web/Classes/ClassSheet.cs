using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using PhatTrienDangVien.Core.Classes;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Export;
using PhatTrienDangVien.Web.Import;

namespace PhatTrienDangVien.Web.Classes;

/// <summary>
/// The class's list as the centre works on it: one .xlsx with each approved person of the commune (name, date of birth,
/// cell, hamlet, education, source), a column per day of the class for attendance ("x" present), and the columns the
/// centre fills in (mark, result, grade, certificate number and date, reason of a fail). The same file comes back as the
/// results sheet: its rows are matched to the people by name and date of birth, and go to <see cref="RecordClassResults"/>
/// (the results page's command), so a returned sheet is checked exactly as typed results are.
/// </summary>
public static class ClassSheet
{
    public const string SheetName = "Danh sách học viên";
    public const string Present = "x";
    public static readonly string[] ResultHeaders = ["Điểm bài thu hoạch", "Kết quả (Đạt/Không đạt)", "Xếp loại", "Số giấy chứng nhận", "Ngày cấp giấy chứng nhận", "Lý do không đạt"];
    private static readonly string[] s_personHeaders = ["Họ và tên", "Ngày sinh", "Giới tính", "Chi bộ", "Ấp", "Trình độ học vấn", "Nguồn"];

    /// <summary>An approved person with what the centre's list shows of them.</summary>
    public sealed record Person(int EnrolmentId, string FullName, string NameSortKey, DateOnly DateOfBirth, DatePrecision BirthPrecision, Gender Gender,
        string Cell, string? Hamlet, int? Grade, string Sources, string Attendance, decimal? Score, ClassResult Result, string? GradeOfResult,
        string? CertificateNumber, DateOnly? CertificateDate, string? FailReason, string? Occupation, string? Workplace);

    public static async Task<List<Person>> PeopleAsync(AppDbContext db, int classId, CancellationToken ct)
    {
        var rows = await db.ClassEnrolments.AsNoTracking().Where(e => e.ClassId == classId && e.Status == EnrolmentStatus.Approved)
            .Select(e => new
            {
                e.Id, e.Candidate.Person.FullName, e.Candidate.Person.NameSortKey, e.Candidate.Person.DateOfBirth, e.Candidate.Person.DateOfBirthPrecision,
                e.Candidate.Person.Gender, Cell = db.Organisations.Where(o => o.Id == e.CellId).Select(o => o.Name).FirstOrDefault() ?? "",
                Hamlet = e.Candidate.Person.Hamlet != null ? e.Candidate.Person.Hamlet.Name : null, e.Candidate.Person.GeneralEducationGrade,
                Sources = e.Candidate.Sources.Select(s => s.SourceCategory.Name).ToList(),
                e.Attendance, e.Score, e.Result, e.Grade, e.CertificateNumber, e.CertificateDate, e.FailReason,
                e.Candidate.Person.Occupation, e.Candidate.Person.Workplace,
            }).ToListAsync(ct);
        return [.. rows.Select(r => new Person(r.Id, r.FullName, r.NameSortKey, r.DateOfBirth, r.DateOfBirthPrecision, r.Gender, r.Cell, r.Hamlet,
                r.GeneralEducationGrade, string.Join(", ", r.Sources), r.Attendance, r.Score, r.Result, r.Grade, r.CertificateNumber, r.CertificateDate, r.FailReason,
                r.Occupation, r.Workplace))
            .OrderBy(p => p.NameSortKey, StringComparer.Ordinal)];
    }

    public static string DayHeader(DateOnly day) => "Ngày " + day.ToString("dd/MM", CultureInfo.InvariantCulture);

    public static Sheet Build(PartyClass cls, IReadOnlyList<Person> people, string committee, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(cls);
        ArgumentNullException.ThrowIfNull(people);
        var days = Enumerable.Range(0, cls.Days).Select(d => cls.OpensOn.AddDays(d)).ToList();
        var sheet = new Sheet
        {
            Name = SheetName, Committee = committee, Heading = "Danh sách học viên " + cls.Name,
            Subtitles = [$"{cls.Center.Name}, từ ngày {cls.OpensOn:dd/MM/yyyy} đến ngày {cls.ClosesOn:dd/MM/yyyy}",
                $"Điểm danh: ghi “{Present}” vào ngày có mặt. Khi đạt: xếp loại ({string.Join(", ", ClassRules.Grades(cls.ResultScale))}), số và ngày cấp giấy chứng nhận; khi không đạt: lý do."],
            Produced = today,
            Columns = [new Column(Exporter.Number, ColumnFormat.Number), new Column(s_personHeaders[0]), new Column(s_personHeaders[1], ColumnFormat.Date),
                .. s_personHeaders[2..].Select(h => new Column(h)), .. days.Select(d => new Column(DayHeader(d))),
                new Column(ResultHeaders[0], ColumnFormat.OneDecimal), new Column(ResultHeaders[1]), new Column(ResultHeaders[2]), new Column(ResultHeaders[3]),
                new Column(ResultHeaders[4], ColumnFormat.Date), new Column(ResultHeaders[5])],
        };
        var n = 0;
        foreach (var p in people)
            sheet.Rows.Add([++n, p.FullName, p.BirthPrecision == DatePrecision.Day ? p.DateOfBirth : Pages.Shared.Dates.Text(p.DateOfBirth, p.BirthPrecision),
                Pages.Shared.Lookups.GenderName(p.Gender), p.Cell, p.Hamlet, p.Grade is { } g ? EducationLevels.FormatGeneral(g) : null, p.Sources,
                .. days.Select((_, i) => (object?)(p.Attendance.Length == days.Count ? (p.Attendance[i] == '1' ? Present : null) : null)),
                p.Score, p.Result == ClassResult.None ? null : ClassWords.Result(p.Result), p.GradeOfResult, p.CertificateNumber, p.CertificateDate, p.FailReason]);
        return sheet;
    }

    /// <summary>A row of the returned sheet, matched to its person, or the reasons it could not be read.</summary>
    public sealed record ReadRow(int Line, string FullName, ResultInput? Input, IReadOnlyList<string> Problems);

    public const int MaxRows = 1000;

    /// <summary>Reads the returned sheet; every problem names its line. Rows are matched to <paramref name="people"/> by name and date of birth.</summary>
    public static (List<ReadRow> Rows, string? Error) Read(byte[] content, PartyClass cls, IReadOnlyList<Person> people, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(cls);
        ArgumentNullException.ThrowIfNull(people);
        if (content.Length == 0) return ([], RegisterSheet.Empty);
        if (content.Length > RegisterSheet.MaxBytes) return ([], RegisterSheet.TooLarge);
        if (content.Length < 4 || content[0] != 'P' || content[1] != 'K') return ([], RegisterSheet.NotXlsx);
        try
        {
            var (bounded, beyond) = SheetBounds.Clamp(content, MaxRows + 20, 120);
            if (bounded is null) return ([], RegisterSheet.ExpandsTooFar);
            if (beyond) return ([], $"Tệp có quá {MaxRows} dòng: một lớp không có nhiều học viên như vậy.");
            string? sheetName;
            using (var s = new MemoryStream(bounded, writable: false))
                sheetName = MiniExcel.GetSheetInformations(s).FirstOrDefault(i => i.State == SheetState.Visible)?.Name;
            if (sheetName is null) return ([], RegisterSheet.NotXlsx);
            var shift = WorkbookSheets.Uses1904(bounded) ? WorkbookSheets.Days1904 : 0;
            using var stream = new MemoryStream(bounded, writable: false);
            Dictionary<string, string>? columns = null;
            var rows = new List<ReadRow>();
            var line = 0;
            foreach (IDictionary<string, object?> raw in MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheetName, excelType: ExcelType.XLSX,
                         configuration: new OpenXmlConfiguration { FillMergedCells = false }))
            {
                line++;
                var cells = raw.ToDictionary(c => c.Key, c => c.Value switch
                {
                    string x when string.IsNullOrWhiteSpace(x) => null,
                    DateTime d when shift != 0 => d.AddDays(shift),
                    var v => v,
                });
                if (columns is null)
                {
                    // A title line may repeat a text across its cells; the first column of each header counts.
                    var headers = cells.Where(c => c.Value is string).GroupBy(c => VietnameseText.Fold(((string)c.Value!).Trim()))
                        .ToDictionary(g => g.Key, g => g.First().Key);
                    if (headers.ContainsKey(VietnameseText.Fold(s_personHeaders[0])) && headers.ContainsKey(VietnameseText.Fold(s_personHeaders[1])))
                        columns = headers;
                    continue;
                }
                string? Cell(string header) => columns.TryGetValue(VietnameseText.Fold(header), out var letter) ? Text(cells.GetValueOrDefault(letter)) : null;
                object? Raw(string header) => columns.TryGetValue(VietnameseText.Fold(header), out var letter) ? cells.GetValueOrDefault(letter) : null;
                var name = Cell(s_personHeaders[0]);
                if (name is null)
                {
                    // The count line and the signatures under the table have no name: the table ends there.
                    if (cells.Values.Any(v => v is not null)) break;
                    continue;
                }
                rows.Add(Row(line, VietnameseText.Normalize(name)!, Raw, Cell, cls, people, today));
            }
            if (columns is null) return ([], "Không tìm thấy dòng tiêu đề có cột “Họ và tên” và “Ngày sinh”: hãy dùng tệp danh sách tải từ trang của lớp.");
            if (rows.Count == 0) return ([], "Tệp không có dòng học viên nào.");
            foreach (var twice in rows.Where(r => r.Input is not null).GroupBy(r => r.Input!.EnrolmentId).Where(g => g.Count() > 1))
                foreach (var r in twice.Skip(1))
                    rows[rows.IndexOf(r)] = r with { Input = null, Problems = [.. r.Problems, $"trùng với dòng {twice.First().Line} (cùng một người)"] };
            return (rows, null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException
            or FormatException or ArgumentException or NotSupportedException or KeyNotFoundException or IndexOutOfRangeException
            or NullReferenceException or InvalidCastException or OverflowException)
        {
            return ([], RegisterSheet.NotXlsx);
        }
    }

    private static ReadRow Row(int line, string name, Func<string, object?> raw, Func<string, string?> cell, PartyClass cls, IReadOnlyList<Person> people, DateOnly today)
    {
        var problems = new List<string>();
        var (born, bornError) = ImportDates.Read(raw(s_personHeaders[1]), today);
        if (bornError is not null) problems.Add($"ngày sinh {bornError}");
        var folded = VietnameseText.Fold(name);
        var matches = people.Where(p => VietnameseText.Fold(p.FullName) == folded && (born is null || p.DateOfBirth == born.Value.Date)).ToList();
        if (matches.Count > 1 && cell(s_personHeaders[3]) is { } cellName)
            matches = [.. matches.Where(p => VietnameseText.Fold(p.Cell) == VietnameseText.Fold(cellName))];
        if (matches.Count == 0) problems.Add("không có người này (họ tên, ngày sinh) trong danh sách được duyệt của xã ở lớp này");
        else if (matches.Count > 1) problems.Add("có hai người cùng họ tên, ngày sinh trong lớp: hãy ghi đúng chi bộ");

        var attendance = new char[cls.Days];
        var anyDay = false;
        for (var d = 0; d < cls.Days; d++)
        {
            var day = cls.OpensOn.AddDays(d);
            var mark = cell(DayHeader(day));
            anyDay |= mark is not null;
            switch (mark is null ? "" : VietnameseText.Fold(mark))
            {
                case "" or "0" or "v" or "vang" or "-" or "k" or "khong":
                    attendance[d] = '0';
                    break;
                case "x" or "1" or "co" or "co mat" or "c" or "+" or "\u2713" or "\u2714":
                    attendance[d] = '1';
                    break;
                default:
                    attendance[d] = '0';
                    problems.Add($"ngày {day:dd/MM}: “{Pages.Shared.VietnameseModelBinding.Cut(mark)}” không rõ có mặt hay vắng (ghi “{Present}” khi có mặt, để trống khi vắng)");
                    break;
            }
        }
        decimal? score = null;
        if (raw(ResultHeaders[0]) is { } s)
        {
            if (s is double or int or long or decimal) score = Convert.ToDecimal(s, CultureInfo.InvariantCulture);
            else if (decimal.TryParse(Text(s)!.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)) score = parsed;
            else problems.Add($"điểm “{Pages.Shared.VietnameseModelBinding.Cut(Text(s))}” không phải là số");
        }
        var resultText = cell(ResultHeaders[1]);
        var result = resultText is null ? ClassResult.None
            : VietnameseText.Fold(resultText) switch { "dat" => ClassResult.Passed, "khong dat" => ClassResult.Failed, _ => (ClassResult?)null };
        if (result is null) problems.Add($"kết quả “{Pages.Shared.VietnameseModelBinding.Cut(resultText)}” phải là “Đạt” hoặc “Không đạt”");
        var (issued, issuedError) = ImportDates.Read(raw(ResultHeaders[4]), today);
        if (issuedError is not null) problems.Add($"ngày cấp giấy chứng nhận {issuedError}");
        else if (issued is { Precision: not DatePrecision.Day }) problems.Add("ngày cấp giấy chứng nhận cần đủ ngày, tháng, năm");
        if (problems.Count > 0 || matches.Count != 1) return new ReadRow(line, name, null, problems);
        return new ReadRow(line, name, new ResultInput
        {
            EnrolmentId = matches[0].EnrolmentId, Attendance = anyDay ? new string(attendance) : "", Score = score, Result = result!.Value,
            Grade = cell(ResultHeaders[2]), CertificateNumber = cell(ResultHeaders[3]), CertificateDate = issued?.Date, FailReason = cell(ResultHeaders[5]),
        }, []);
    }

    private static string? Text(object? v) => v switch
    {
        null => null,
        DateTime d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        double x => x.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() is { Length: > 0 } t ? t : null,
    };
}
