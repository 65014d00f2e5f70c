using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Candidates;

/// <summary>One line of Vietnamese describing what a step recorded (votes, certificate, introducers, reason…).</summary>
public static class StepText
{
    public static async Task<Dictionary<int, string>> MemberNamesAsync(AppDbContext db, IEnumerable<StepRecord> steps, CancellationToken ct)
    {
        var ids = new HashSet<int>();
        foreach (var s in steps)
        {
            if (s.ReadDetails<MentorDetails>() is { } m && StepDetailTypes.Of(s.Kind) == typeof(MentorDetails)) ids.Add(m.MentorMemberId);
            if (StepDetailTypes.Of(s.Kind) == typeof(IntroductionDetails) && s.ReadDetails<IntroductionDetails>() is { } i)
                foreach (var x in i.Introducers) ids.Add(x.MemberId);
        }
        // Names of mentors and introducers of a visible case are part of that case, even across cells.
        return await db.Members.WholeCommune().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Person.FullName }).ToDictionaryAsync(m => m.Id, m => m.FullName, ct);
    }

    /// <param name="s">The step.</param>
    /// <param name="names">Members' names by id (mentors, introducers).</param>
    /// <param name="certificateValidityMonths">The validity in force today: an awareness-class certificate says until when
    /// the cell may vote on it, as the engine checks it.</param>
    public static string Describe(StepRecord s, IReadOnlyDictionary<int, string> names, int? certificateValidityMonths = null)
    {
        string Name(int id) => names.TryGetValue(id, out var n) ? n : "(không còn trong danh sách đảng viên)";
        var type = StepDetailTypes.Of(s.Kind);
        if (s.DetailsUnreadable) return "Chi tiết đã lưu không hợp lệ (không đọc được); hãy báo quản trị hệ thống.";
        if (type == typeof(MentorDetails) && s.ReadDetails<MentorDetails>() is { } m) return "Đảng viên giúp đỡ: " + Name(m.MentorMemberId);
        if (type == typeof(ClassDetails) && s.ReadDetails<ClassDetails>() is { } c)
            return $"Giấy chứng nhận số {c.CertificateNumber}, ngày {c.CertificateDate:dd/MM/yyyy}"
                + (c.Grade is null ? "" : $", xếp loại {c.Grade}")
                + (c.ClassName is null ? "" : $"; {c.ClassName}")
                + (s.Kind == AdmissionStepKind.AwarenessClass && certificateValidityMonths is { } months
                    ? $"; có giá trị để chi bộ xét đến ngày {Core.Classes.ClassRules.ValidThrough(c.CertificateDate, months):dd/MM/yyyy}" : "");
        if (type == typeof(VerificationDetails) && s.ReadDetails<VerificationDetails>() is { } v)
            return string.Join("; ", v.People.Select(p => $"{p.Relationship} {p.FullName}: " + p.Result switch
            {
                VerificationResult.Verified => "đã thẩm tra",
                VerificationResult.ExemptPartyMember => "đảng viên, không phải thẩm tra",
                VerificationResult.Pending => "chưa có kết quả",
                _ => Shared.Lookups.Invalid,
            }));
        if (type == typeof(IntroductionDetails) && s.ReadDetails<IntroductionDetails>() is { } i)
            return (i.Path switch
            {
                IntroductionPath.YouthUnion => "Đoàn TNCS Hồ Chí Minh giới thiệu, cùng ",
                IntroductionPath.TradeUnion => "Công đoàn giới thiệu, cùng ",
                _ => "Giới thiệu: ",
            }) + string.Join(", ", i.Introducers.Select(x => $"{Name(x.MemberId)} ({x.MonthsTogether} tháng cùng công tác)"));
        if (type == typeof(CellVoteDetails) && s.ReadDetails<CellVoteDetails>() is { } cv)
            return $"Tán thành {cv.For}/{cv.Denominator} (cần {cv.VotesNeeded}), không tán thành {cv.Against}, có mặt {cv.Present}";
        if (type == typeof(VoteDetails) && s.ReadDetails<VoteDetails>() is { } vd)
            return $"Tán thành {vd.For}/{vd.Denominator} (cần {vd.VotesNeeded}), không tán thành {vd.Against}, có mặt {vd.Present}";
        if (type == typeof(ReasonDetails) && s.ReadDetails<ReasonDetails>() is { } r) return "Lý do: " + r.Reason;
        if (type == typeof(DecisionDetails) && s.ReadDetails<DecisionDetails>() is { } d)
            return d.ReceivedByCellOn is { } rc ? $"Chi bộ nhận quyết định ngày {rc:dd/MM/yyyy}" : "";
        return "";
    }

    public static string Outcome(VoteOutcome? o) => o switch
    {
        VoteOutcome.Approved => "Đạt",
        VoteOutcome.NotApproved => "Không đạt 2/3",
        VoteOutcome.Rejected => "Đề nghị xóa tên",
        VoteOutcome.Inconclusive => "Không đủ 2/3 bên nào",
        _ => "",
    };
}
