using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Evaluations;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Documents;

namespace PhatTrienDangVien.Web.Evaluations;

/// <summary>
/// The rating's papers in the party layout, from the replaceable templates (Mẫu biểu mẫu Word): the cell's collective
/// report (form 01) with its development results, a member's self-review (2A, 2B or 2C) with what was written and
/// decided, and the summary by level for the report upward. What the record does not hold stays dotted, to be written
/// by hand. Each download is on the access trail. One class for the page and the API.
/// </summary>
public sealed class RatingPapers(AppDbContext db, Access access, RatingReads reads, FormValues values, PaperFiller filler, TimeProvider clock)
{
    public static string KeyOf(SelfAssessmentForm form) => form switch
    {
        SelfAssessmentForm.Leader => FormCatalog.LeaderReviewKey,
        SelfAssessmentForm.Staff => FormCatalog.StaffReviewKey,
        _ => FormCatalog.MemberReviewKey,
    };

    private DateOnly Today => Core.Common.VietnamTime.Today(clock);

    /// <summary>Whoever reads the plan reads its ratings' papers, in scope: the cell, the office, the inspection committee.</summary>
    private bool MayRead => access.Has(Permission.ViewPlan);

    private string? YearProblem(int year) => year < 2000 || year > Today.Year ? $"Năm đánh giá phải từ 2000 đến {Today.Year}." : null;

    /// <summary>The cell's collective report (form 01) of the year.</summary>
    public async Task<Outcome<Paper>> CellReportAsync(int year, int cellId, CancellationToken ct)
    {
        if (!MayRead) return Outcome<Paper>.Forbidden();
        if (YearProblem(year) is { } bad) return Outcome<Paper>.Invalid("Year", bad);
        var rows = await reads.CellsAsync([cellId], year, Today, ct);
        if (rows.Count == 0) return Outcome<Paper>.NotFound();
        var row = rows[0];
        var v = await CommonAsync(row.CellId, year, ct);
        // The paper states the results the cell was rated on when it was rated; before that, today's.
        var facts = (row.Rating is { } stored ? SaveRating.DevelopmentOf(stored)?.Facts : null) ?? row.Development?.Facts;
        if (facts is not null)
        {
            v["chi_tieu"] = Count(facts.Target);
            v["da_ket_nap"] = Count(facts.Admitted);
            v["so_quan_chung"] = Count(facts.Pool);
            v["da_hoc_lop"] = Count(facts.Trained);
            v["so_ho_so"] = Count(facts.OpenCases);
            v["buoc_qua_han"] = Count(facts.Overdue);
            v["chua_nguoi_giup_do"] = Count(facts.WithoutMentor);
        }
        Rated(v, row.Rating);
        return await filler.FillAsync(FormCatalog.CellReportKey, v, null, null, $"bao-cao-kiem-diem-{year}-{FileWords(row.Cell)}", $"Báo cáo kiểm điểm tập thể {row.Cell} năm {year}", 1, ct);
    }

    /// <summary>A member's self-review of the year, in the form chosen on the rating (or <paramref name="form"/>).</summary>
    public async Task<Outcome<Paper>> MemberReviewAsync(int year, int memberId, SelfAssessmentForm? form, CancellationToken ct)
    {
        if (!MayRead) return Outcome<Paper>.Forbidden();
        if (YearProblem(year) is { } bad) return Outcome<Paper>.Invalid("Year", bad);
        if (form is { } f && !Enum.IsDefined(f)) return Outcome<Paper>.Invalid("Form", "Mẫu bản kiểm điểm không hợp lệ: chọn 2A, 2B hoặc 2C.");
        var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId)
            .Select(m => new { m.CellId, m.Person.FullName, m.Person.DateOfBirth, m.Person.DateOfBirthPrecision, m.Person.Occupation, m.Person.Workplace })
            .FirstOrDefaultAsync(ct);
        if (member is null) return Outcome<Paper>.NotFound();
        var rating = await RatingReads.OfMembers(db).AsNoTracking().FirstOrDefaultAsync(r => r.Year == year && r.MemberId == memberId, ct);
        if ((form ?? rating?.Form) is not { } chosen)
            return Outcome<Paper>.Invalid("Form", "Chưa chọn mẫu bản kiểm điểm của đảng viên này: hãy chọn 2A, 2B hoặc 2C.");
        var v = await CommonAsync(member.CellId, year, ct);
        v["ho_ten"] = member.FullName;
        v["ngay_sinh"] = FormValues.Date(member.DateOfBirth, member.DateOfBirthPrecision);
        v["nghe_nghiep"] = Or(member.Occupation);
        v["noi_lam_viec"] = Or(member.Workplace);
        Rated(v, rating);
        return await filler.FillAsync(KeyOf(chosen), v, null, null, $"ban-kiem-diem-{year}-{FileWords(member.FullName)}", $"Bản kiểm điểm năm {year} của {member.FullName}", 1, ct);
    }

    /// <summary>
    /// Who may have the summary upward: it is the committee's report, so the office that rates and the inspection
    /// committee that checks it (the list's button asks here).
    /// </summary>
    public static bool MaySummarise(Access access) => access?.Has(Permission.RateQuality) == true || access?.Has(Permission.RecordInspection) == true;

    /// <summary>The summary by level of the cells and members in the user's scope, for the report upward.</summary>
    public async Task<Outcome<Paper>> SummaryAsync(int year, CancellationToken ct)
    {
        if (!MaySummarise(access)) return Outcome<Paper>.Forbidden();
        if (YearProblem(year) is { } bad) return Outcome<Paper>.Invalid("Year", bad);
        IReadOnlyCollection<int> cellIds = [.. (await Pages.Shared.Lookups.CellChoicesAsync(db, null, ct)).Select(c => c.Id)];
        var (cells, members) = await reads.SummariesAsync(cellIds, year, ct);
        int cellTotal = cells.ByLevel.Sum(x => x.Count) + cells.NotRated, memberTotal = members.ByLevel.Sum(x => x.Count) + members.NotRated;
        var v = FormValues.CommitteePaper(await values.CommuneAsync(access.Scope.CommuneId, ct), Today);
        v["nam_danh_gia"] = year.ToString(CultureInfo.InvariantCulture);
        v["tong_chi_bo"] = Count(cellTotal);
        v["tong_dang_vien"] = Count(memberTotal);
        var lines = Enum.GetValues<RatingLevel>()
            .Select(l => (QualityRatings.Name(l), cells.Of(l), members.Of(l)))
            .Append(("Chưa xếp loại", cells.NotRated, members.NotRated))
            .Select((x, i) => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
            {
                ["stt"] = (i + 1).ToString(CultureInfo.InvariantCulture), ["muc_xep_loai"] = x.Item1,
                ["so_chi_bo"] = Count(x.Item2), ["ty_le_chi_bo"] = FormValues.Percent(x.Item2, cellTotal),
                ["so_dang_vien"] = Count(x.Item3), ["ty_le_dang_vien"] = FormValues.Percent(x.Item3, memberTotal),
            }).ToList();
        return await filler.FillAsync(FormCatalog.RatingSummaryKey, v, lines, null, $"tong-hop-xep-loai-{year}", $"Tổng hợp xếp loại chất lượng năm {year}", cellTotal + memberTotal, ct);
    }

    /// <summary>A name as a file name's words: "Nguyễn Văn Đức" → "nguyen-van-duc" (letters and digits only).</summary>
    private static string FileWords(string name) =>
        string.Join('-', Core.Text.VietnameseText.Fold(name).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(char.IsAsciiLetterOrDigit)])).Where(w => w.Length > 0));

    private static string Count(int n) => Pages.Shared.Numbers.Show(n);

    private static string Or(string? s) => string.IsNullOrWhiteSpace(s) ? FormCatalog.Dots : s.Trim();

    /// <summary>What the self-review and the committee recorded; dotted where nothing is.</summary>
    private static void Rated(Dictionary<string, string> v, QualityRatingRecord? r)
    {
        v["tu_danh_gia"] = Or(r?.SelfAssessment);
        v["tu_xep_loai"] = r?.SelfLevel is { } s ? QualityRatings.Name(s) : FormCatalog.Dots;
        v["xep_loai_chat_luong"] = r?.Level is { } l
            ? QualityRatings.Name(l) + (r.Score is { } score ? $" ({score.ToString("0.##", FormValues.Vietnamese)} điểm)" : "")
              + (r.OverrideReason is { } why ? $"; lý do xếp loại khác mức theo điểm: {why}" : "")
            : FormCatalog.Dots;
        v["cap_xep_loai"] = r?.Level is not null ? Or(r.DecidingBody) : FormCatalog.Dots;
        v["ngay_xep_loai"] = r?.Level is not null ? FormValues.Date(r.DecidedOn) : FormCatalog.Dots;
    }

    /// <summary>The cell's names and signer, the commune's, the year; every other placeholder dotted.</summary>
    private async Task<Dictionary<string, string>> CommonAsync(int cellId, int year, CancellationToken ct)
    {
        var commune = await values.CommuneAsync(access.Scope.CommuneId, ct);
        var v = FormValues.CommitteePaper(commune, Today);
        var cell = await db.Organisations.AsNoTracking().Where(o => o.Id == cellId)
            .Select(o => new { o.Name, o.ParentId, o.SecretaryMemberId }).FirstAsync(ct);
        // Bypass reviewed: the parent (a sub-committee) of a cell in scope heads its paper, as on the procedure's papers.
        var parent = cell.ParentId is { } p
            ? await db.Organisations.WholeCommune().Where(o => o.Id == p && o.Kind != OrganisationKind.CommuneCommittee).Select(o => o.Name).FirstOrDefaultAsync(ct)
            : null;
        v["cap_tren"] = FormValues.Upper(parent ?? commune.Name);
        v["co_quan"] = FormValues.Upper(cell.Name);
        v["chi_bo"] = cell.Name;
        // Bypass reviewed: the cell's secretary signs its report, whichever cell their own record sits in.
        var secretary = cell.SecretaryMemberId is { } sec ? await db.Members.WholeCommune().Where(m => m.Id == sec).Select(m => m.Person.FullName).FirstOrDefaultAsync(ct) : null;
        v["ky_ho_ten"] = secretary ?? FormCatalog.Dots;
        v["nam_danh_gia"] = year.ToString(CultureInfo.InvariantCulture);
        return v;
    }
}
