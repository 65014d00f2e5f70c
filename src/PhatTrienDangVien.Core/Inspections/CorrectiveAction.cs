using PhatTrienDangVien.Core.Common;

namespace PhatTrienDangVien.Core.Inspections;

public enum ActionStatus
{
    /// <summary>Assigned, not started.</summary>
    Open = 0,
    InProgress = 1,
    /// <summary>Done, with its evidence (what was done, the paper that shows it).</summary>
    Done = 2,
    /// <summary>No longer needed (the finding was withdrawn), with the reason.</summary>
    Cancelled = 3,
}

/// <summary>
/// The rules of a corrective action's life (issue 13): an owner and a due date from the start; done only with evidence;
/// cancelled only with a reason; overdue when past its due date and neither done nor cancelled. Pure: the web layer
/// stores the action and calls these before it saves.
/// </summary>
public static class CorrectiveActions
{
    public static string Name(ActionStatus s) => s switch
    {
        ActionStatus.Open => "Chưa thực hiện",
        ActionStatus.InProgress => "Đang thực hiện",
        ActionStatus.Done => "Đã khắc phục",
        ActionStatus.Cancelled => "Không còn cần (đã hủy)",
        _ => "(không hợp lệ)",
    };

    public static bool IsClosed(ActionStatus s) => s is ActionStatus.Done or ActionStatus.Cancelled;

    /// <summary>Past its due date and still open: joins the alerts and the work lists.</summary>
    public static bool IsOverdue(ActionStatus status, DateOnly due, DateOnly today) => !IsClosed(status) && due < today;

    /// <summary>
    /// Refuses a change the rules do not allow, in Vietnamese; the exception's rule names the field it is about. <paramref name="from"/> is null for a new action.
    /// </summary>
    public static void Check(ActionStatus? from, ActionStatus to, string? owner, DateOnly? due, DateOnly? doneOn, string? evidence, string? cancelReason,
        DateOnly today, DateOnly findingDate)
    {
        if (!Enum.IsDefined(to)) throw new DomainException("Tình trạng không hợp lệ.", "Status");
        if (string.IsNullOrWhiteSpace(owner)) throw new DomainException("Hãy ghi người (đơn vị) chịu trách nhiệm khắc phục.", "Owner");
        if (due is not { } d) throw new DomainException("Hãy nhập hạn khắc phục.", "DueDate");
        if (d < findingDate) throw new DomainException($"Hạn khắc phục không thể trước ngày kiểm tra ({findingDate:dd/MM/yyyy}).", "DueDate");
        if (from is null && IsClosed(to)) throw new DomainException("Một việc khắc phục mới bắt đầu ở “Chưa thực hiện” hoặc “Đang thực hiện”.", "Status");
        if (to == ActionStatus.Done)
        {
            if (string.IsNullOrWhiteSpace(evidence)) throw new DomainException("Đã khắc phục: hãy ghi kết quả và văn bản, hồ sơ chứng minh.", "Evidence");
            if (doneOn is not { } done) throw new DomainException("Đã khắc phục: hãy nhập ngày hoàn thành.", "DoneOn");
            if (done > today) throw new DomainException($"Ngày hoàn thành không thể sau hôm nay ({today:dd/MM/yyyy}).", "DoneOn");
            if (done < findingDate) throw new DomainException($"Ngày hoàn thành không thể trước ngày kiểm tra ({findingDate:dd/MM/yyyy}).", "DoneOn");
        }
        if (to == ActionStatus.Cancelled && string.IsNullOrWhiteSpace(cancelReason)) throw new DomainException("Hủy việc khắc phục phải ghi lý do.", "CancelReason");
    }
}
