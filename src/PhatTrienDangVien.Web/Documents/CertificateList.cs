using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Documents;

/// <summary>
/// The certificate list of an awareness class. Classes are not records yet (issue 12): the list is every visible
/// candidate whose awareness-class step falls in the chosen period, with the certificate from the step. Not numbered
/// and not kept (it is not a paper of one case); its download is on the access trail.
/// </summary>
public sealed class CertificateList(AppDbContext db, Access access, FormTemplates templates, FormValues values, AccessTrail trail, TimeProvider clock)
{
    public sealed record Row(string FullName, DateOnly BirthDate, Core.People.DatePrecision BirthPrecision, string Cell, string CertificateNumber, DateOnly? CertificateDate, DateOnly ClassDate);

    public async Task<List<Row>> RowsAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var steps = await db.AdmissionSteps.AsNoTracking()
            .Where(s => s.Kind == AdmissionStepKind.AwarenessClass && s.Date >= from && s.Date <= to)
            .Join(db.Candidates, s => s.CandidateId, c => c.Id, (s, c) => new { Step = s, c.Person.FullName, c.Person.NameSortKey, c.Person.DateOfBirth, c.Person.DateOfBirthPrecision, Cell = c.Cell.Name })
            .ToListAsync(ct);
        return steps.OrderBy(x => x.NameSortKey, StringComparer.Ordinal).Select(x =>
        {
            var cls = x.Step.ReadDetails<ClassDetails>();
            return new Row(x.FullName, x.DateOfBirth, x.DateOfBirthPrecision, x.Cell, cls?.CertificateNumber ?? "", cls?.CertificateDate, x.Step.Date);
        }).ToList();
    }

    public async Task<Outcome<(byte[] Content, int Rows)>> BuildAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (!access.Has(Permission.IssueForms)) return Outcome<(byte[], int)>.Forbidden();
        if (from is null || to is null) return Outcome<(byte[], int)>.Invalid("From", "Hãy chọn từ ngày và đến ngày của lớp học.");
        if (to < from) return Outcome<(byte[], int)>.Invalid("To", "“Đến ngày” phải sau “từ ngày”.");
        var rows = await RowsAsync(from.Value, to.Value, ct);
        if (rows.Count == 0) return Outcome<(byte[], int)>.Invalid("From", "Không có quần chúng nào học lớp bồi dưỡng nhận thức về Đảng trong khoảng thời gian này.");
        var form = FormCatalog.Find(FormCatalog.CertificateListKey)!;
        var communeId = access.Scope.CommuneId;
        var commune = await values.CommuneAsync(communeId, ct);
        var v = FormValues.CommitteePaper(commune, Core.Common.VietnamTime.Today(clock));
        v["tu_ngay"] = FormValues.Date(from);
        v["den_ngay"] = FormValues.Date(to);
        v["so_nguoi"] = rows.Count.ToString(CultureInfo.InvariantCulture);
        var items = rows.Select((r, i) => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["stt"] = (i + 1).ToString(CultureInfo.InvariantCulture),
            ["ho_ten"] = r.FullName,
            ["ngay_sinh"] = FormValues.Date(r.BirthDate, r.BirthPrecision),
            ["chi_bo"] = r.Cell,
            ["so_giay_chung_nhan"] = r.CertificateNumber.Length > 0 ? r.CertificateNumber : FormCatalog.Dots,
            ["ngay_giay_chung_nhan"] = FormValues.Date(r.CertificateDate),
        }).ToList();
        var template = await templates.CurrentAsync(communeId, form, ct);
        // A template stored before packages were checked may still hold what is now refused: it is not filled.
        if (DocxPackage.Problem(template.Content) is { } unsafeTemplate)
            return Outcome<(byte[], int)>.Invalid("Template", unsafeTemplate + " (mẫu đang dùng; quản trị hãy thay hoặc về mẫu mặc định.)");
        var bytes = DocxTemplate.Fill(template.Content, v, "stt", items);
        await trail.ExportedAsync("Danh sách cấp giấy chứng nhận lớp nhận thức về Đảng", rows.Count, ct);
        return Outcome<(byte[], int)>.Done((bytes, rows.Count));
    }
}
