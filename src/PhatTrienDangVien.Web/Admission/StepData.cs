using System.ComponentModel.DataAnnotations;
using PhatTrienDangVien.Core.Admission;

namespace PhatTrienDangVien.Web.Admission;

/// <summary>
/// What a user enters for one step, whichever way it comes: the step form binds it, the API reads it from JSON
/// (camelCase). Only the fields of the step's kind are read; <see cref="RecordStep"/> checks them all.
/// </summary>
public class StepData
{
    [Display(Name = "Ngày")]
    public DateOnly? Date { get; set; }
    [Display(Name = "Số văn bản")]
    public string? DocumentNumber { get; set; }
    [Display(Name = "Ghi chú, nhận xét")]
    public string? Note { get; set; }

    [Display(Name = "Đảng viên chính thức giúp đỡ")]
    public int? MentorMemberId { get; set; }

    [Display(Name = "Số giấy chứng nhận")]
    public string? CertificateNumber { get; set; }
    [Display(Name = "Ngày cấp giấy chứng nhận")]
    public DateOnly? CertificateDate { get; set; }

    /// <summary>The people whose history was verified (the form leaves out its empty rows).</summary>
    public List<RelativeData> People { get; set; } = [];

    [Display(Name = "Hình thức giới thiệu")]
    public IntroductionPath? Path { get; set; }
    public List<IntroducerData> Introducers { get; set; } = [];
    [Display(Name = "Nơi làm việc không có tổ chức Đoàn")]
    public bool NoYouthUnionOrganisation { get; set; }
    [Display(Name = "Số nghị quyết giới thiệu của Đoàn / Công đoàn")]
    public string? OrganisationResolutionNumber { get; set; }

    [Display(Name = "Số tán thành")]
    public int? For { get; set; }
    [Display(Name = "Số không tán thành")]
    public int? Against { get; set; }
    [Display(Name = "Số có mặt")]
    public int? Present { get; set; }
    [Display(Name = "Đảng viên miễn sinh hoạt / sinh hoạt tạm thời vắng mặt")]
    public int? ExcludedAbsent { get; set; }
    [Display(Name = "Văn bản đồng ý của Ban Thường vụ Tỉnh ủy (trên 60 tuổi)")]
    public string? Over60ConsentDocument { get; set; }
    [Display(Name = "Văn bản đồng ý kết nạp lại của Ban Thường vụ Tỉnh ủy")]
    public string? ReadmissionConsentDocument { get; set; }

    [Display(Name = "Ngày chi bộ nhận quyết định")]
    public DateOnly? ReceivedByCellOn { get; set; }
    [Display(Name = "Cấp ra quyết định")]
    public string? DecidingBody { get; set; }
    [Display(Name = "Văn bản đồng ý tổ chức lễ muộn của cấp ủy cấp trên")]
    public string? LateConsentDocument { get; set; }

    [Display(Name = "Lý do")]
    public string? Reason { get; set; }
}

public class RelativeData
{
    [Display(Name = "Quan hệ")]
    public string? Relationship { get; set; }
    [Display(Name = "Họ và tên người được thẩm tra")]
    public string? FullName { get; set; }
    [Display(Name = "Kết quả thẩm tra")]
    public VerificationResult? Result { get; set; }
    [Display(Name = "Ghi chú")]
    public string? Note { get; set; }
}

/// <summary>An introducer: who, and since when together. Status and official date come from the register.</summary>
public class IntroducerData
{
    [Display(Name = "Đảng viên giới thiệu")]
    public int? MemberId { get; set; }
    [Display(Name = "Ngày bắt đầu cùng công tác, học tập, sinh hoạt")]
    public DateOnly? TogetherSince { get; set; }
}

/// <summary>The kind of a step as a user or client names it: by its name only, never its stored number.</summary>
public static class StepKinds
{
    public static bool TryParse(string? text, out AdmissionStepKind kind)
    {
        kind = default;
        // One name exactly: Enum.TryParse would take a number ("2" is a mentor, "5" an application) and would OR
        // names joined by commas ("Ceremony,Decision" is 13|11 = 15, the new-member class): another step than asked.
        var name = text?.Trim();
        if (string.IsNullOrEmpty(name) || !name.All(char.IsAsciiLetter)) return false;
        var match = Enum.GetNames<AdmissionStepKind>().FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (match is null) return false;
        kind = Enum.Parse<AdmissionStepKind>(match);
        return true;
    }
}

/// <summary>A scan of a signed paper, read from an upload (a form's file or, later, an API's).</summary>
public sealed record ScanUpload(string FileName, long Length, Func<CancellationToken, Task<byte[]>> ReadAsync);
