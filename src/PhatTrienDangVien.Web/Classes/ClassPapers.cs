using System.Globalization;
using PhatTrienDangVien.Core.Classes;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Documents;
using PhatTrienDangVien.Web.Export;

namespace PhatTrienDangVien.Web.Classes;

/// <summary>
/// What goes to and comes from the centre in its own files: the approved list as .xlsx (the results sheet it sends
/// back), the list as a Word letter in the party layout, and the certificates of the passes, one page each, from the
/// replaceable templates (Mẫu biểu mẫu Word). Each download is on the access trail. One class for the page and the API.
/// </summary>
public sealed class ClassPapers(AppDbContext db, Access access, FormValues values, PaperFiller filler, Exporter exporter, TimeProvider clock)
{
    public async Task<Outcome<Paper>> SheetAsync(int classId, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageClasses)) return Outcome<Paper>.Forbidden();
        if (await ClassAsync(classId, ct) is not { } cls) return Outcome<Paper>.NotFound();
        var people = await ClassSheet.PeopleAsync(db, classId, ct);
        if (people.Count == 0) return Outcome<Paper>.Invalid("", "Lớp chưa có học viên nào được duyệt trong phạm vi được giao.");
        var sheet = ClassSheet.Build(cls, people, await exporter.CommitteeAsync(ct), Today);
        var file = await exporter.FileAsync("Danh sách học viên " + cls.Name, exporter.Dated("danh-sach-hoc-vien"), people.Count, ct, sheet);
        return Outcome<Paper>.Done(new Paper(file.FileContents, file.FileDownloadName, Xlsx.ContentType));
    }

    public async Task<Outcome<Paper>> LetterAsync(int classId, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageClasses)) return Outcome<Paper>.Forbidden();
        if (await ClassAsync(classId, ct) is not { } cls) return Outcome<Paper>.NotFound();
        var people = await ClassSheet.PeopleAsync(db, classId, ct);
        if (people.Count == 0) return Outcome<Paper>.Invalid("", "Lớp chưa có học viên nào được duyệt: chưa có danh sách để gửi trung tâm.");
        var v = await CommonAsync(cls, ct);
        v["so_nguoi"] = people.Count.ToString(CultureInfo.InvariantCulture);
        var rows = people.Select((p, i) => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["stt"] = (i + 1).ToString(CultureInfo.InvariantCulture), ["ho_ten"] = p.FullName, ["ngay_sinh"] = FormValues.Date(p.DateOfBirth, p.BirthPrecision),
            ["chi_bo"] = p.Cell, ["ap"] = p.Hamlet ?? FormCatalog.Dots, ["trinh_do_hoc_van"] = p.Grade is { } g ? EducationLevels.FormatGeneral(g) : FormCatalog.Dots,
            ["nguon"] = p.Sources.Length > 0 ? p.Sources : FormCatalog.Dots,
        }).ToList();
        return await filler.FillAsync(FormCatalog.ClassListKey, v, rows, null, "danh-sach-hoc-vien", "Danh sách học viên gửi trung tâm chính trị", people.Count, ct);
    }

    public async Task<Outcome<Paper>> CertificatesAsync(int classId, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageClasses)) return Outcome<Paper>.Forbidden();
        if (await ClassAsync(classId, ct) is not { } cls) return Outcome<Paper>.NotFound();
        var passed = (await ClassSheet.PeopleAsync(db, classId, ct)).Where(p => p.Result == ClassResult.Passed).ToList();
        if (passed.Count == 0) return Outcome<Paper>.Invalid("", "Chưa có học viên nào đạt: chưa có giấy chứng nhận để in.");
        var v = await CommonAsync(cls, ct);
        var pages = passed.Select(p => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(v)
        {
            ["ho_ten"] = p.FullName, ["ngay_sinh"] = FormValues.Date(p.DateOfBirth, p.BirthPrecision), ["chi_bo"] = p.Cell,
            ["nghe_nghiep"] = p.Occupation ?? FormCatalog.Dots, ["noi_lam_viec"] = p.Workplace ?? FormCatalog.Dots,
            ["xep_loai"] = p.GradeOfResult ?? FormCatalog.Dots, ["so_giay_chung_nhan"] = p.CertificateNumber ?? FormCatalog.Dots,
            // The certificate's own date heads it, not the day it is printed.
            ["ngay"] = p.CertificateDate?.Day.ToString("00", CultureInfo.InvariantCulture) ?? v["ngay"],
            ["thang"] = p.CertificateDate?.Month.ToString("00", CultureInfo.InvariantCulture) ?? v["thang"],
            ["nam"] = p.CertificateDate?.Year.ToString(CultureInfo.InvariantCulture) ?? v["nam"],
        }).ToList();
        return await filler.FillAsync(FormCatalog.ClassCertificateKey, v, null, pages, "giay-chung-nhan", "Giấy chứng nhận hoàn thành lớp bồi dưỡng", passed.Count, ct);
    }

    private DateOnly Today => Core.Common.VietnamTime.Today(clock);

    private Task<PartyClass?> ClassAsync(int classId, CancellationToken ct) => db.VisibleAsync(classId, ct);

    private async Task<Dictionary<string, string>> CommonAsync(PartyClass cls, CancellationToken ct)
    {
        var commune = await values.CommuneAsync(access.Scope.CommuneId, ct);
        var v = FormValues.CommitteePaper(commune, Today);
        v["ten_lop"] = cls.Name;
        v["trung_tam"] = cls.Center.Name;
        v["trung_tam_in_hoa"] = FormValues.Upper(cls.Center.Name);
        v["giam_doc"] = cls.Center.DirectorName ?? FormCatalog.Dots;
        v["dia_diem"] = cls.Place ?? FormCatalog.Dots;
        v["tu_ngay"] = FormValues.Date(cls.OpensOn);
        v["den_ngay"] = FormValues.Date(cls.ClosesOn);
        v["tu_cach"] = cls.Kind == ClassKind.Awareness ? "cảm tình Đảng" : "đảng viên dự bị";
        return v;
    }
}
