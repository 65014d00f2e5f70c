using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Classes;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Data;
using S = PhatTrienDangVien.Core.Admission.AdmissionStage;

namespace PhatTrienDangVien.Web.Classes;

/// <summary>
/// Who of the scope still needs a class, worked out from each case's steps: candidates who need the awareness class
/// (none yet, or a certificate running out within <see cref="ClassRules.RetakeWindowMonths"/> months before the cell
/// has voted) and probationary members without the new-member class, each with the class they are already down for.
/// The "Người cần học lớp" page and its API read it.
/// </summary>
public sealed class ClassNeeds(AppDbContext db, RuleBookProvider rules, TimeProvider clock)
{
    public enum NeedKind
    {
        /// <summary>Mentored, no awareness certificate yet.</summary>
        Awareness,
        /// <summary>A certificate that runs out (or ran out) before the cell has voted.</summary>
        Expiring,
        /// <summary>Probationary, no new-member class yet.</summary>
        NewMember,
    }

    public sealed record Need(int CandidateId, string FullName, string NameSortKey, int CellId, string Cell, NeedKind Kind, S Stage,
        ClassDetails? Certificate, DateOnly? ValidThrough, DateOnly? ProbationEnd, string? Enrolled, bool Urgent)
    {
        /// <summary>The last class that gave no certificate (refused, withdrawn, failed), with its reason.</summary>
        public string? Before { get; init; }
    }

    public DateOnly Today => Core.Common.VietnamTime.Today(clock);

    public async Task<List<Need>> ListAsync(int? cellId, CancellationToken ct)
    {
        var today = Today;
        var book = await rules.GetAsync(ct);
        var months = book.At(today).CertificateValidityMonths;
        var thresholds = await Notifications.CommuneThresholds.ForAsync(db, null, ct);
        var people = await db.Candidates.AsNoTracking()
            .Where(c => (c.Status == CandidateStatus.Active || c.Status == CandidateStatus.Admitted) && (cellId == null || c.CellId == cellId))
            .Select(c => new { c.Id, c.Status, c.Person.FullName, c.Person.NameSortKey, c.Person.DateOfBirth, c.CellId, Cell = c.Cell.Name })
            .ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var steps = (await db.AdmissionSteps.AsNoTracking().Where(s => ids.Contains(s.CandidateId)).ToListAsync(ct)).ToLookup(s => s.CandidateId);
        var places = (await db.ClassEnrolments.AsNoTracking().Where(e => ids.Contains(e.CandidateId))
                .Select(e => new { e.CandidateId, e.Status, e.Result, e.StatusReason, e.FailReason, e.Class.Name, e.Class.OpensOn }).ToListAsync(ct))
            .ToLookup(e => e.CandidateId);
        var open = places.SelectMany(g => g).Where(e => e.Status is EnrolmentStatus.Proposed or EnrolmentStatus.Approved && e.Result == ClassResult.None).ToLookup(e => e.CandidateId);
        // What became of the last place that did not lead to a certificate: a refusal, a withdrawal or a fail, with its reason.
        string? Last(int id) => places[id].Where(e => e.Status is EnrolmentStatus.Refused or EnrolmentStatus.Withdrawn || e.Result == ClassResult.Failed)
            .OrderByDescending(e => e.OpensOn).Select(e => $"{e.Name}: " + (e.Result == ClassResult.Failed ? "không đạt" : ClassWords.Status(e.Status).ToLower(Documents.FormValues.Vietnamese))
                + ((e.FailReason ?? e.StatusReason) is { } why ? " — " + why : "")).FirstOrDefault();
        var horizon = today.AddMonths(ClassRules.RetakeWindowMonths);
        var list = new List<Need>();
        foreach (var p in people)
        {
            var c = new AdmissionCase(p.Id, p.DateOfBirth, steps[p.Id]);
            var stage = c.CurrentStage;
            var enrolled = open[p.Id].Select(e => $"{e.Name} (khai giảng {e.OpensOn:dd/MM/yyyy}, {(e.Status == EnrolmentStatus.Approved ? "đã duyệt" : "chờ duyệt")})").FirstOrDefault();
            if (stage is >= S.Mentored and <= S.OpinionsCollected)
            {
                var cert = c.AwarenessCertificate;
                if (cert is null)
                    list.Add(new(p.Id, p.FullName, p.NameSortKey, p.CellId, p.Cell, NeedKind.Awareness, stage, null, null, null, enrolled, false) { Before = Last(p.Id) });
                else if (ClassRules.ValidThrough(cert.CertificateDate, months) is var through && through <= horizon)
                    list.Add(new(p.Id, p.FullName, p.NameSortKey, p.CellId, p.Cell, NeedKind.Expiring, stage, cert, through, null, enrolled, through < today) { Before = Last(p.Id) });
            }
            else if (stage == S.Probation && !c.HasNewMemberClass && c.ProbationEnd is { } end)
                list.Add(new(p.Id, p.FullName, p.NameSortKey, p.CellId, p.Cell, NeedKind.NewMember, stage, null, null, end, enrolled,
                    end <= today.AddDays(thresholds.CertificateHorizonDays)) { Before = Last(p.Id) });
        }
        var byName = StringComparer.Ordinal;
        return [.. list.OrderBy(n => n.Kind).ThenBy(n => n.ValidThrough ?? n.ProbationEnd ?? DateOnly.MaxValue).ThenBy(n => n.NameSortKey, byName)];
    }

    public static string Title(NeedKind kind) => kind switch
    {
        NeedKind.Awareness => "Quần chúng chưa học lớp bồi dưỡng nhận thức về Đảng",
        NeedKind.Expiring => $"Giấy chứng nhận lớp nhận thức hết giá trị trong {ClassRules.RetakeWindowMonths} tháng tới, chi bộ chưa xét kết nạp",
        _ => "Đảng viên dự bị chưa học lớp bồi dưỡng lý luận chính trị cho đảng viên mới",
    };
}
