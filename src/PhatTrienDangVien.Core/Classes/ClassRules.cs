using PhatTrienDangVien.Core.Admission;
using S = PhatTrienDangVien.Core.Admission.AdmissionStage;

namespace PhatTrienDangVien.Core.Classes;

/// <summary>
/// Who may be proposed for a class, how many a commune may send, and what a result must say. Pure functions over what
/// the case's steps add up to, so the page, the API and the import refuse the same people with the same words.
/// </summary>
public static class ClassRules
{
    public const string DefaultScale = "Xuất sắc; Giỏi; Khá; Trung bình";

    /// <summary>
    /// A certificate that is still valid this many months after the class ends is not retaken: a place is not spent on
    /// someone who does not need it. It is also how far ahead the "certificates about to expire" view looks, so that
    /// everyone that view shows may be proposed.
    /// </summary>
    public const int RetakeWindowMonths = 6;

    /// <summary>The essay or test mark is out of 10.</summary>
    public const decimal MaxScore = 10;

    /// <summary>What the case's steps say about a person when they are proposed.</summary>
    /// <param name="Stage">The case's stage.</param>
    /// <param name="AwarenessCertificate">The last awareness-class certificate recorded on the case.</param>
    /// <param name="HasNewMemberClass">The new-member class is recorded on the case.</param>
    /// <param name="OpenEnrolment">The class the person is already proposed for or enrolled in and has no result from yet.</param>
    public sealed record Facts(S Stage, ClassDetails? AwarenessCertificate, bool HasNewMemberClass, string? OpenEnrolment);

    /// <summary>Why the person cannot be proposed for a class of this kind ending on <paramref name="classEnd"/>; null when they can.</summary>
    public static string? NominationRefusal(ClassKind kind, Facts facts, DateOnly classEnd, int certificateValidityMonths)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.OpenEnrolment is { } open) return $"đã được đề cử vào lớp “{open}”, chưa có kết quả";
        if (kind == ClassKind.Awareness)
        {
            switch (facts.Stage)
            {
                case S.NotStarted or S.SourcePool:
                    return "chưa được phân công đảng viên giúp đỡ (học lớp nhận thức về Đảng sau khi có người giúp đỡ)";
                case S.Withdrawn:
                    return "đã dừng xem xét kết nạp";
                case > S.OpinionsCollected:
                    return "đã qua bước chi bộ xét đề nghị kết nạp";
            }
            if (facts.AwarenessCertificate is { } cert)
            {
                var validThrough = ValidThrough(cert.CertificateDate, certificateValidityMonths);
                if (validThrough > classEnd.AddMonths(RetakeWindowMonths))
                    return $"đã có giấy chứng nhận số {cert.CertificateNumber} ngày {cert.CertificateDate:dd/MM/yyyy}, còn giá trị đến {validThrough:dd/MM/yyyy}";
            }
            return null;
        }

        return facts.Stage switch
        {
            >= S.Probation and < S.Official when facts.HasNewMemberClass => "đã học lớp bồi dưỡng lý luận chính trị cho đảng viên mới",
            >= S.Probation and < S.Official => null,
            S.Official => "đã là đảng viên chính thức",
            S.Removed => "đã bị xóa tên",
            _ => "chưa phải đảng viên dự bị (lớp đảng viên mới dành cho đảng viên dự bị)",
        };
    }

    /// <summary>Why approving <paramref name="adding"/> more would break the commune's quota or the class's capacity; null when it fits.</summary>
    public static string? QuotaRefusal(int approvedForCommune, int approvedInClass, int adding, int? seats, int capacity)
    {
        if (seats is null) return "xã chưa được phân chỉ tiêu của lớp này";
        if (approvedForCommune + adding > seats)
            return $"vượt chỉ tiêu của xã: {seats} chỗ, đã duyệt {approvedForCommune}, thêm {adding}";
        if (approvedInClass + adding > capacity)
            return $"vượt sĩ số của lớp: {capacity} chỗ, đã duyệt {approvedInClass}, thêm {adding}";
        return null;
    }

    /// <summary>The grades of a scale, in order, without blanks.</summary>
    public static IReadOnlyList<string> Grades(string? scale) =>
        [.. (scale ?? DefaultScale).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>The last day the cell may vote on the certificate, as the engine checks it (<see cref="AdmissionCase"/>).</summary>
    public static DateOnly ValidThrough(DateOnly certificateDate, int certificateValidityMonths) =>
        certificateDate.AddMonths(certificateValidityMonths);
}
