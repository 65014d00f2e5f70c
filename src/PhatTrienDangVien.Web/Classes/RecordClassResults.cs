using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Classes;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Classes;

/// <summary>One person's attendance and result as the results page or the centre's sheet gives them.</summary>
public sealed class ResultInput
{
    public int EnrolmentId { get; set; }
    /// <summary>One character per day of the class: "1" present, "0" absent; empty when not taken.</summary>
    [Display(Name = "Điểm danh")]
    public string? Attendance { get; set; }
    [Display(Name = "Điểm bài thu hoạch")]
    public decimal? Score { get; set; }
    [Display(Name = "Kết quả")]
    public ClassResult Result { get; set; }
    [Display(Name = "Xếp loại")]
    public string? Grade { get; set; }
    [Display(Name = "Lý do không đạt")]
    public string? FailReason { get; set; }
    [Display(Name = "Số giấy chứng nhận")]
    public string? CertificateNumber { get; set; }
    [Display(Name = "Ngày cấp giấy chứng nhận")]
    public DateOnly? CertificateDate { get; set; }
}

/// <summary>
/// Records a class's attendance and results for the commune's approved people: all rows or none. A pass records the
/// procedure's class step (<see cref="RecordStep.FromClassAsync"/>, the same checks as the step form) with the
/// certificate, its class and grade; a fail keeps the person in the pool with the reason. A result already carried
/// into the procedure is not changed here (the timeline is where a recorded step is read). One command for the page,
/// the API and the centre's results sheet.
/// </summary>
public sealed class RecordClassResults(AppDbContext db, Access access, RecordStep steps, TimeProvider clock)
{
    public sealed record Saved(int Rows, int StepsRecorded);

    /// <param name="classId">The class.</param>
    /// <param name="rows">One row per person.</param>
    /// <param name="dryRun">Check everything, the steps' engine included, then roll it all back: the preview of a returned sheet.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Outcome<Saved>> HandleAsync(int classId, IReadOnlyList<ResultInput>? rows, bool dryRun, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageClasses)) return Outcome<Saved>.Forbidden();
        var cls = await db.VisibleAsync(classId, ct);
        if (cls is null) return Outcome<Saved>.NotFound();
        var kind = cls.Kind == ClassKind.Awareness ? AdmissionStepKind.AwarenessClass : AdmissionStepKind.NewMemberClass;
        if (!access.MayRecord(kind)) return Outcome<Saved>.Forbidden();
        var list = (rows ?? []).Where(r => r is not null).ToList();
        if (list.Count == 0) return Outcome<Saved>.Invalid("Rows", "Không có dòng kết quả nào.");
        var ids = list.Select(r => r.EnrolmentId).ToList();
        var enrolments = await db.ClassEnrolments.Include(e => e.Candidate).ThenInclude(c => c.Person)
            .Where(e => e.ClassId == cls.Id && ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var today = Core.Common.VietnamTime.Today(clock);
        var grades = ClassRules.Grades(cls.ResultScale);
        var errors = new Errors();
        var numbers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Count; i++)
        {
            var r = list[i];
            var at = $"Rows[{i}].";
            if (!enrolments.TryGetValue(r.EnrolmentId, out var e))
            {
                errors.Add(at + nameof(r.EnrolmentId), $"Dòng {i + 1}: người này không có trong danh sách được duyệt của lớp.");
                continue;
            }
            var who = e.Candidate.Person.FullName;
            // Control characters and direction overrides are refused here as in every other field.
            errors.Annotations(r, at);
            if (ids.Count(x => x == r.EnrolmentId) > 1) errors.Add(at + nameof(r.EnrolmentId), $"{who}: có hai dòng kết quả.");
            if (e.Status != EnrolmentStatus.Approved) errors.Add(at + nameof(r.Result), $"{who}: chưa được duyệt vào lớp.");
            r.Attendance = (r.Attendance ?? "").Trim();
            r.Grade = VietnameseText.Normalize(r.Grade);
            r.FailReason = VietnameseText.Normalize(r.FailReason);
            r.CertificateNumber = VietnameseText.Normalize(r.CertificateNumber);
            if (r.Attendance.Length > 0 && (r.Attendance.Length != cls.Days || r.Attendance.Any(c => c is not ('0' or '1'))))
                errors.Add(at + nameof(r.Attendance), $"{who}: điểm danh phải có đủ {cls.Days} ngày của lớp.");
            if (r.Attendance.Length > 0 && today < cls.OpensOn)
                errors.Add(at + nameof(r.Attendance), $"{who}: lớp chưa khai giảng, chưa điểm danh được.");
            if (r.Score is { } score && (score < 0 || score > ClassRules.MaxScore || decimal.Round(score, 2) != score))
                errors.Add(at + nameof(r.Score), $"{who}: điểm phải từ 0 đến 10, tối đa hai chữ số thập phân.");
            if (!Enum.IsDefined(r.Result)) errors.Add(at + nameof(r.Result), $"{who}: kết quả không hợp lệ.");
            if (r.Result != ClassResult.None && today < cls.ClosesOn)
                errors.Add(at + nameof(r.Result), $"{who}: lớp bế giảng ngày {cls.ClosesOn:dd/MM/yyyy}, chưa ghi kết quả được.");
            switch (r.Result)
            {
                case ClassResult.Passed:
                    if (r.Grade is null || !grades.Contains(r.Grade, StringComparer.OrdinalIgnoreCase))
                        errors.Add(at + nameof(r.Grade), $"{who}: hãy chọn xếp loại trong thang của lớp ({string.Join(", ", grades)}).");
                    else r.Grade = grades.First(g => string.Equals(g, r.Grade, StringComparison.OrdinalIgnoreCase));
                    if (r.CertificateNumber is null) errors.Add(at + nameof(r.CertificateNumber), $"{who}: hãy nhập số giấy chứng nhận.");
                    else if (r.CertificateNumber.Length > 50) errors.Add(at + nameof(r.CertificateNumber), $"{who}: số giấy chứng nhận tối đa 50 ký tự.");
                    else if (!numbers.TryAdd(r.CertificateNumber, who)) errors.Add(at + nameof(r.CertificateNumber), $"{who}: số giấy chứng nhận {r.CertificateNumber} trùng với của {numbers[r.CertificateNumber]}.");
                    if (r.CertificateDate is not { } issued) errors.Add(at + nameof(r.CertificateDate), $"{who}: hãy nhập ngày cấp giấy chứng nhận.");
                    else if (issued < cls.ClosesOn || issued > today)
                        errors.Add(at + nameof(r.CertificateDate), $"{who}: ngày cấp giấy chứng nhận phải từ ngày bế giảng ({cls.ClosesOn:dd/MM/yyyy}) đến hôm nay.");
                    r.FailReason = null;
                    break;
                case ClassResult.Failed:
                    if (r.FailReason is null) errors.Add(at + nameof(r.FailReason), $"{who}: hãy ghi lý do không đạt.");
                    else if (r.FailReason.Length > 500) errors.Add(at + nameof(r.FailReason), $"{who}: lý do tối đa 500 ký tự.");
                    r.Grade = null;
                    r.CertificateNumber = null;
                    r.CertificateDate = null;
                    break;
                default:
                    r.Grade = null;
                    r.FailReason = null;
                    r.CertificateNumber = null;
                    r.CertificateDate = null;
                    break;
            }
            if (e.StepId is not null && (r.Result != e.Result || r.Grade != e.Grade || r.CertificateNumber != e.CertificateNumber || r.CertificateDate != e.CertificateDate))
                errors.Add(at + nameof(r.Result), $"{who}: kết quả đã ghi vào quá trình kết nạp; không sửa ở đây được.");
        }
        if (errors.Any) return Outcome<Saved>.Invalid(errors.List);

        // The rows and the steps of the passes: all or nothing, under the commune's class lock (a certificate number is
        // checked against those already given and taken in one go).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockClassPlacesAsync(cls.Id, ct);
        // "101/cn" is the number "101/CN": compared in capitals.
        var wanted = list.Where(r => r.Result == ClassResult.Passed).Select(r => r.CertificateNumber!.ToUpperInvariant()).ToList();
        // Bypass reviewed: the centre's certificate numbers already given, in every commune it serves; a holder's name is
        // shown only when the user may see that person.
        var given = await db.ClassEnrolments.IgnoreQueryFilters().AsNoTracking()
            .Where(x => x.Class.CenterId == cls.CenterId && x.CertificateNumber != null && wanted.Contains(x.CertificateNumber.ToUpper()) && !ids.Contains(x.Id))
            .Select(x => new { x.CertificateNumber, x.CandidateId, Class = x.Class.Name }).ToListAsync(ct);
        if (given.Count > 0)
        {
            var visible = await db.Candidates.Where(c => given.Select(g => g.CandidateId).Contains(c.Id)).Select(c => new { c.Id, c.Person.FullName }).ToDictionaryAsync(c => c.Id, c => c.FullName, ct);
            foreach (var g in given)
            {
                var i = list.FindIndex(r => string.Equals(r.CertificateNumber, g.CertificateNumber, StringComparison.OrdinalIgnoreCase));
                errors.Add($"Rows[{i}].{nameof(ResultInput.CertificateNumber)}",
                    $"{enrolments[list[i].EnrolmentId].Candidate.Person.FullName}: số giấy chứng nhận {g.CertificateNumber} trung tâm đã cấp cho {(visible.TryGetValue(g.CandidateId, out var n) ? n : "người khác")} ({g.Class}).");
            }
            return Outcome<Saved>.Invalid(errors.List);
        }
        var note = $"{cls.Name}, {cls.Center.Name}, từ {cls.OpensOn:dd/MM/yyyy} đến {cls.ClosesOn:dd/MM/yyyy}";
        var passes = new List<(ClassEnrolment Enrolment, ResultInput Row, string Name, int CandidateId)>();
        foreach (var r in list)
        {
            var e = enrolments[r.EnrolmentId];
            e.Attendance = r.Attendance!;
            e.Score = r.Score;
            e.Result = r.Result;
            e.Grade = r.Grade;
            e.FailReason = r.FailReason;
            e.CertificateNumber = r.CertificateNumber;
            e.CertificateDate = r.CertificateDate;
            if (r.Result == ClassResult.Passed && e.StepId is null) passes.Add((e, r, e.Candidate.Person.FullName, e.CandidateId));
        }
        try
        {
            await db.SaveChangesAsync(ct);
            foreach (var (e, r, name, candidateId) in passes)
            {
                var data = new StepData
                {
                    Date = r.CertificateDate, CertificateNumber = r.CertificateNumber, CertificateDate = r.CertificateDate,
                    Note = $"{note}; xếp loại {r.Grade}",
                };
                var outcome = await steps.FromClassAsync(candidateId, kind, data, new RecordStep.ClassOrigin($"{cls.Name} ({cls.Center.Name})", r.Grade), ct);
                if (!outcome.IsDone)
                {
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    var why = outcome.Message ?? string.Join(" ", outcome.Errors.Select(x => x.Message));
                    return Outcome<Saved>.Invalid($"Rows[{list.FindIndex(x => x.EnrolmentId == e.Id)}].Result",
                        $"{name}: chưa ghi được bước “{StepNames.Of(kind)}” vào quá trình kết nạp — {why} Chưa ghi kết quả nào của lớp.");
                }
                e.StepId = outcome.Value!.Id;
            }
            await db.SaveChangesAsync(ct);
            if (dryRun)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }
            else await tx.CommitAsync(ct);
            return Outcome<Saved>.Done(new Saved(list.Count, passes.Count));
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Outcome<Saved>.Conflict(null, [], "Kết quả của lớp vừa được người khác ghi; chưa ghi gì. Hãy tải lại trang rồi ghi lại.");
        }
    }
}
