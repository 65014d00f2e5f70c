using PhatTrienDangVien.Web.Documents;

namespace PhatTrienDangVien.Web.Pages.Reports;

/// <summary>
/// The foot of a printed report as the committee's papers end (the Word forms' <see cref="DocxWriter"/> signature):
/// "Nơi nhận:" and its lines on the left, on the right who signs for whom in bold capitals, room for the signature and
/// the signer's name. Who signs comes from the commune's form settings (page "Mẫu biểu mẫu Word"); unset is a dotted line
/// to write in by hand, never a guess.
/// </summary>
public sealed record ReportSignature(IReadOnlyList<string> Recipients, IReadOnlyList<string> SignerLines, string SignerName)
{
    public static ReportSignature OfCommittee(FormSetting settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var superior = string.IsNullOrWhiteSpace(settings.SuperiorBody) ? FormCatalog.Dots : settings.SuperiorBody.Trim();
        return new(
            [$"- {superior} (để báo cáo);", "- Thường trực Đảng ủy;", "- Các chi bộ trực thuộc;", "- Lưu Văn phòng Đảng ủy."],
            settings.SignerIsDeputy ? ["T/M ĐẢNG ỦY", "K/T BÍ THƯ", "PHÓ BÍ THƯ"] : ["T/M ĐẢNG ỦY", "BÍ THƯ"],
            string.IsNullOrWhiteSpace(settings.SignerName) ? FormCatalog.Dots : settings.SignerName.Trim());
    }
}
