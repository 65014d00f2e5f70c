using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Exits;

/// <summary>The words a user reads for exits from the roll.</summary>
public static class ExitWords
{
    public static string Kind(ExitKind k) => k switch
    {
        ExitKind.RemovedFromRoll => "Xóa tên",
        ExitKind.Expelled => "Khai trừ",
        ExitKind.LeftParty => "Cho ra khỏi Đảng",
        ExitKind.TransferredOut => "Chuyển sinh hoạt đi",
        ExitKind.Deceased => "Từ trần",
        _ => Lookups.Invalid,
    };

    /// <summary>The way of leaving inside a sentence: first letter lowered, "Đảng" kept.</summary>
    public static string KindInSentence(ExitKind k) => InSentence(Kind(k));

    /// <summary>A label inside a sentence: only its first letter lowered, so "Đảng" keeps its capital.</summary>
    public static string InSentence(string label) => label is { Length: > 0 } w ? char.ToLower(w[0], Lookups.Vietnamese) + w[1..] : "";

    /// <summary>The state of an exit as a user reads it: a transfer or a death is simply recorded, not decided.</summary>
    public static string Status(ExitStatus s, ExitKind k) =>
        s == ExitStatus.Decided && !ExitRules.NeedsDecision(k) ? "Đã ghi nhận" : Status(s);

    public static string Ground(RemovalGround g) => g switch
    {
        RemovalGround.AbsentOrUnpaidDues => "Bỏ sinh hoạt đảng hoặc không đóng đảng phí 3 tháng trong năm không có lý do chính đáng",
        RemovalGround.PartyCardReturned => "Tự trả thẻ đảng viên hoặc tự hủy thẻ đảng viên",
        RemovalGround.NoProgressAfterHelp => "Giảm sút ý chí phấn đấu, chi bộ đã giáo dục 12 tháng không tiến bộ",
        RemovalGround.BelowStandardTwoYears => "Hai năm liền không hoàn thành nhiệm vụ (vi phạm tư cách đảng viên)",
        RemovalGround.PoliticalStandard => "Không bảo đảm tiêu chuẩn chính trị",
        RemovalGround.NotRecognised => "Đảng viên dự bị không đủ tư cách công nhận chính thức",
        RemovalGround.Other => "Trường hợp khác",
        _ => Lookups.Invalid,
    };

    public static string Status(ExitStatus s) => s switch
    {
        ExitStatus.Proposed => "Chi bộ đề nghị, chờ quyết định",
        ExitStatus.Decided => "Đã quyết định",
        ExitStatus.NotApproved => "Cấp trên không đồng ý",
        _ => Lookups.Invalid,
    };

    /// <summary>What the decision date means for this way of leaving.</summary>
    public static string DateLabel(ExitKind k) => k switch
    {
        ExitKind.TransferredOut => "Ngày chuyển sinh hoạt đi",
        ExitKind.Deceased => "Ngày mất",
        _ => "Ngày quyết định",
    };

    /// <summary>The kinds a cell may propose, and every kind for whoever records decisions.</summary>
    public static IEnumerable<ExitKind> Kinds(bool decides) =>
        Enum.GetValues<ExitKind>().Where(k => decides || ExitRules.ProposedByCell(k));

    /// <summary>The grounds a form offers (the procedure's own ground is written by the procedure only).</summary>
    public static IEnumerable<RemovalGround> Grounds => Enum.GetValues<RemovalGround>().Where(g => g != RemovalGround.NotRecognised);
}
