using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Export;
using PhatTrienDangVien.Web.Planning;
using L = PhatTrienDangVien.Web.Pages.Shared.Lookups;

namespace PhatTrienDangVien.Web.Reports;

/// <summary>Danh sách đảng viên mới kết nạp in a period: the people of <see cref="PlanData.NewMembersAsync"/>, in the
/// order of the admitted list (ceremony date), with the facts the structure report counts.</summary>
public sealed class NewMembersReport
{
    public const string Heading = "Danh sách đảng viên mới kết nạp";

    public sealed record Row(NewMember Member, string FullName, string Cell, string? Hamlet, string? Occupation, IReadOnlyList<string> Sources,
        Core.People.DatePrecision DateOfBirthPrecision = Core.People.DatePrecision.Day)
    {
        public int AgeAtAdmission => Age.FullYears(Member.DateOfBirth, Member.AdmittedOn);
    }

    public required ReportPeriod Period { get; init; }
    public required PlanData.Selection Selection { get; init; }
    public IReadOnlyList<Row> Rows { get; private init; } = [];

    public static async Task<NewMembersReport> ComputeAsync(AppDbContext db, PlanData.Selection selection, ReportPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(period);
        var admitted = await PlanData.NewMembersAsync(db, selection.CellIds, period.From, period.To, ct);
        var ids = admitted.Select(m => m.MemberId).ToList();
        var facts = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => new
        {
            m.Id, m.Person.FullName, Cell = m.Cell.Name, Hamlet = m.Person.Hamlet != null ? m.Person.Hamlet.Name : null, m.Person.Occupation, m.Person.DateOfBirthPrecision,
        }).ToDictionaryAsync(m => m.Id, ct);
        var sources = await db.SourceCategories.AsNoTracking().ToDictionaryAsync(s => s.Code, s => s.Name, ct);
        var rows = admitted.OrderBy(m => m.AdmittedOn).ThenBy(m => m.MemberId).Select(m =>
        {
            var f = facts[m.MemberId];
            return new Row(m, f.FullName, f.Cell, f.Hamlet, f.Occupation, [.. m.SourceCodes.Select(c => sources.GetValueOrDefault(c, c))], f.DateOfBirthPrecision);
        }).ToList();
        // Counted once, with the rows: the page reads the counts twice (summary line, totals row) and the file once more.
        return new NewMembersReport { Period = period, Selection = selection, Rows = rows, Counts = NewMemberCounts.Of(rows.Select(r => r.Member)) };
    }

    public static string General(NewMember m) => m.GeneralEducationGrade is { } g ? $"{g}/12" : "";

    public static readonly IReadOnlyList<Field<Row>> Fields =
    [
        new("Họ và tên", r => r.FullName), new("Giới tính", r => L.GenderName(r.Member.Gender)),
        new("Ngày sinh", r => Pages.Shared.Dates.Cell(r.Member.DateOfBirth, r.DateOfBirthPrecision), ColumnFormat.Date), new("Tuổi khi kết nạp", r => r.AgeAtAdmission, ColumnFormat.Number),
        new("Dân tộc", r => Ethnicities.Find(r.Member.EthnicityCode)?.Name), new("Tôn giáo", r => Religions.Find(r.Member.ReligionCode)?.Name),
        new("Đoàn viên", r => r.Member.IsYouthUnionMember ? "x" : ""), new("Học vấn", r => General(r.Member)),
        new("Chuyên môn", r => ProfessionalEducationLevels.Find(r.Member.ProfessionalEducationCode)?.Name), new("Nghề nghiệp", r => r.Occupation),
        new("Nơi cư trú (ấp)", r => r.Hamlet), new("Chi bộ", r => r.Cell), new("Ngày kết nạp", r => r.Member.AdmittedOn, ColumnFormat.Date),
        new("Nguồn", r => string.Join("; ", r.Sources)), new("Ghi nhận", r => r.Member.FromRegister ? "Từ sổ đảng viên" : "Qua phần mềm"),
    ];

    /// <summary>The totals row: the count, then the parts counted under their column.</summary>
    public object?[] Totals()
    {
        var c = Counts;
        string N(int n) => n.ToString("N0", L.Vietnamese);
        return [null, $"Tổng cộng: {N(c.Count)} người", $"Nữ: {N(c.Women)}", null, $"Trẻ: {N(c.Young)}",
            $"Dân tộc thiểu số: {N(c.EthnicMinority)}", $"Có tôn giáo: {N(c.Religious)}",
            N(c.YouthUnion), $"12/12: {N(c.General12)}", null, null, null, null, null, null,
            $"Từ sổ: {N(c.FromRegister)}"];
    }

    /// <summary>The parts counted (the summary line and the totals row; the province's line of this commune).</summary>
    public NewMemberCounts Counts { get; private init; } = NewMemberCounts.None;

    public async Task<Sheet> SheetAsync(Exporter exporter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        var sheet = await exporter.SheetAsync("Đảng viên mới", $"{Heading} {Period.Title}", [Period.Window, Selection.Name],
            [new("TT", ColumnFormat.Number), .. Exporter.Columns(Fields)], ct);
        sheet.Rows.AddRange(Rows.Select((r, i) => new object?[] { i + 1 }.Concat(Fields.Select(f => f.Value(r))).ToArray()));
        sheet.Totals = Totals();
        return sheet;
    }
}
