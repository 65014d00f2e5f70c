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
