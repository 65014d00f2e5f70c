using System.Globalization;

namespace PhatTrienDangVien.Web.Planning;

/// <summary>
/// When the forecast on a page was computed, and whether a newer one is being computed in the background after a
/// change of the data (decision 0035): the page says so, with the time, instead of making the user wait.
/// </summary>
public sealed record ForecastState(DateTime ComputedAtUtc, bool Current)
{
    /// <summary>"lúc 14:05 ngày 05/12/2026", Vietnam time.</summary>
    public string Time => Core.Common.VietnamTime.Local(ComputedAtUtc).ToString("'lúc' HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);

    public string Text => Current
        ? $"Tính {Time} theo số liệu hiện tại."
        : $"Đang tính lại theo số liệu mới; dự báo đang hiện tính {Time}. Tải lại trang sau ít giây để xem kết quả mới.";
}

/// <summary>Why there is no forecast (<see cref="PlanData.ForecastAsync"/> returns none): one sentence, the same on the
/// dashboard's card and the forecast's page, so that a cell's secretary is not told "no term target" on one and "the
/// cell's years are not allocated" on the other.</summary>
public static class ForecastMissing
{
    public static string Reason(PlanFigures? plan, DateOnly today) => plan switch
    {
        null or { PlanTerm: null } or { TermTarget: not > 0 } => "Chưa có chỉ tiêu nhiệm kỳ nên chưa dự báo được.",
        { UnallocatedYears.Count: > 0 } => $"Chưa giao chỉ tiêu cho chi bộ các năm {string.Join(", ", plan.UnallocatedYears)} của nhiệm kỳ nên chưa dự báo được khả năng đạt chỉ tiêu. Văn phòng Đảng ủy xã phân bổ chỉ tiêu từng năm cho các chi bộ ở trang Chỉ tiêu.",
        { PlanTerm: { } term } when today > term.End => "Nhiệm kỳ đã kết thúc: không còn gì để dự báo.",
        _ => "Chưa dự báo được.",
    };
}

