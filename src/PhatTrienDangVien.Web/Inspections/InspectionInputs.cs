using System.ComponentModel.DataAnnotations;
using PhatTrienDangVien.Core.Inspections;

namespace PhatTrienDangVien.Web.Inspections;

/// <summary>A line of the year's plan as the form and the API write it.</summary>
public sealed class PlanItemInput
{
    [Display(Name = "Năm"), Required(ErrorMessage = "Hãy nhập năm của kế hoạch."), Range(2000, 2100, ErrorMessage = "Năm phải từ 2000 đến 2100.")]
    public int? Year { get; set; }
    [Display(Name = "Hình thức"), Required(ErrorMessage = "Hãy chọn kiểm tra hoặc giám sát chuyên đề.")]
    public InspectionKind? Kind { get; set; }
    [Display(Name = "Chi bộ"), Required(ErrorMessage = "Hãy chọn chi bộ được kiểm tra, giám sát.")]
    public int? CellId { get; set; }
    [Display(Name = "Nội dung"), Required(ErrorMessage = "Hãy nhập nội dung kiểm tra, giám sát."), StringLength(500, ErrorMessage = "Nội dung tối đa 500 ký tự.")]
    public string Topic { get; set; } = "";
    [Display(Name = "Từ ngày"), Required(ErrorMessage = "Hãy nhập ngày bắt đầu.")]
    public DateOnly? From { get; set; }
    [Display(Name = "Đến ngày"), Required(ErrorMessage = "Hãy nhập ngày kết thúc.")]
    public DateOnly? To { get; set; }
    [Display(Name = "Đoàn (tổ) kiểm tra, giám sát"), Required(ErrorMessage = "Hãy ghi thành phần đoàn (tổ) kiểm tra, giám sát."), StringLength(500, ErrorMessage = "Thành phần đoàn tối đa 500 ký tự.")]
    public string Team { get; set; } = "";
    [Display(Name = "Ghi chú"), StringLength(1000, ErrorMessage = "Ghi chú tối đa 1000 ký tự.")]
    public string? Notes { get; set; }

    public static PlanItemInput Of(InspectionPlanItem p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new() { Year = p.Year, Kind = p.Kind, CellId = p.CellId, Topic = p.Topic, From = p.From, To = p.To, Team = p.Team, Notes = p.Notes };
    }
}

/// <summary>A session's record as the inspection committee writes it.</summary>
public sealed class SessionInput
{
    [Display(Name = "Ngày kiểm tra, giám sát"), Required(ErrorMessage = "Hãy nhập ngày làm việc với chi bộ.")]
    public DateOnly? Date { get; set; }
    [Display(Name = "Thành phần đoàn dự"), Required(ErrorMessage = "Hãy ghi thành phần đoàn dự buổi làm việc."), StringLength(500, ErrorMessage = "Thành phần đoàn tối đa 500 ký tự.")]
    public string Team { get; set; } = "";
    [Display(Name = "Kết luận"), StringLength(4000, ErrorMessage = "Kết luận tối đa 4000 ký tự.")]
    public string? Conclusion { get; set; }

    public static SessionInput From(InspectionSession s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new() { Date = s.Date, Team = s.Team, Conclusion = s.Conclusion };
    }
}

/// <summary>A finding as the inspection committee writes it; from a breach of the checklist, its case and item come with it.</summary>
public sealed class FindingInput
{
    [Display(Name = "Nội dung phát hiện"), Required(ErrorMessage = "Hãy ghi nội dung phát hiện."), StringLength(2000, ErrorMessage = "Nội dung tối đa 2000 ký tự.")]
    public string Text { get; set; } = "";
    [Display(Name = "Hồ sơ liên quan")]
    public int? CandidateId { get; set; }
    [Display(Name = "Mục bảng kiểm")]
    public CheckKind? Check { get; set; }

    public static FindingInput From(InspectionFinding f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new() { Text = f.Text, CandidateId = f.CandidateId, Check = f.Check };
    }
}

/// <summary>A corrective action as the commune office writes it and follows it up.</summary>
public sealed class ActionInput
{
    [Display(Name = "Việc phải khắc phục"), Required(ErrorMessage = "Hãy ghi việc phải khắc phục."), StringLength(1000, ErrorMessage = "Việc khắc phục tối đa 1000 ký tự.")]
    public string Task { get; set; } = "";
    [Display(Name = "Người (đơn vị) chịu trách nhiệm"), StringLength(300, ErrorMessage = "Người chịu trách nhiệm tối đa 300 ký tự.")]
    public string? Owner { get; set; }
    [Display(Name = "Hạn khắc phục")]
    public DateOnly? DueDate { get; set; }
    [Display(Name = "Tình trạng")]
    public ActionStatus Status { get; set; }
    [Display(Name = "Ngày hoàn thành")]
    public DateOnly? DoneOn { get; set; }
    [Display(Name = "Kết quả, văn bản chứng minh"), StringLength(2000, ErrorMessage = "Kết quả tối đa 2000 ký tự.")]
    public string? Evidence { get; set; }
    [Display(Name = "Lý do hủy"), StringLength(1000, ErrorMessage = "Lý do tối đa 1000 ký tự.")]
    public string? CancelReason { get; set; }

    public static ActionInput From(CorrectiveAction a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new()
        {
            Task = a.Task, Owner = a.Owner, DueDate = a.DueDate, Status = a.Status, DoneOn = a.DoneOn, Evidence = a.Evidence, CancelReason = a.CancelReason,
        };
    }
}
