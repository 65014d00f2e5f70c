using System.Text;
using PhatTrienDangVien.Core.Text;

namespace PhatTrienDangVien.Web.Import;

/// <summary>What a column of the file may hold.</summary>
public enum ImportField
{
    None = 0,
    FullName,
    DateOfBirth,
    Gender,
    CitizenId,
    Phone,
    Ethnicity,
    Religion,
    GeneralEducation,
    ProfessionalEducation,
    PoliticalTheory,
    Occupation,
    Workplace,
    Address,
    Hamlet,
    Cell,
    Status,
    AdmissionDecisionDate,
    AdmissionDecisionNumber,
    CeremonyDate,
    OfficialDate,
    PartyCardNumber,
    Notes,
    AddedOn,
    Sources,
    // Columns marked with "x" (added last: a remembered mapping keeps the numbers of the fields before).
    Female,
    YouthUnion,
    TradeUnion,
}

/// <summary>
/// The fields of an import with their Vietnamese names and the headers offices write for them. Headers are compared
/// folded (no marks, lower case, punctuation as spaces: "Ngày, tháng, năm sinh" → "ngay thang nam sinh").
/// </summary>
public static class ImportFields
{
    public sealed record Definition(ImportField Field, string Label, bool ForMembers, bool ForCandidates, string[] Headers);

    public static readonly IReadOnlyList<Definition> All =
    [
        new(ImportField.FullName, "Họ và tên", true, true, ["ho va ten", "ho ten", "ho va ten khai sinh", "ten dang vien", "ho va ten dang vien", "ho va ten quan chung", "ho ten dang vien", "ho va ten khai sinh dang vien", "ho ten khai sinh"]),
        new(ImportField.DateOfBirth, "Ngày sinh", true, true, ["ngay sinh", "ngay thang nam sinh", "nam sinh", "sinh ngay", "ngay thang sinh", "ngay sinh ngay thang nam", "sinh nam"]),
        new(ImportField.Gender, "Giới tính", true, true, ["gioi tinh", "gioi", "nam nu", "gioi tinh nam nu", "nam hoac nu", "phai"]),
        new(ImportField.CitizenId, "Số CCCD", true, true, ["so cccd", "cccd", "so can cuoc", "so can cuoc cong dan", "so dinh danh", "so dinh danh ca nhan", "so cmnd cccd", "cmnd cccd", "cccd cmnd", "so cccd cmnd", "so cmnd", "cmnd", "so chung minh nhan dan", "so cmnd hoac cccd", "so can cuoc cong dan cmnd", "so the can cuoc", "so dinh danh ca nhan cccd"]),
        new(ImportField.Phone, "Điện thoại", true, true, ["dien thoai", "so dien thoai", "sdt", "so dt", "dt", "dien thoai lien he", "so dien thoai lien he", "dien thoai di dong", "di dong"]),
        new(ImportField.Ethnicity, "Dân tộc", true, true, ["dan toc", "dt dan toc"]),
        new(ImportField.Religion, "Tôn giáo", true, true, ["ton giao", "ton giao neu co"]),
        new(ImportField.GeneralEducation, "Trình độ (giáo dục phổ thông)", true, true, ["trinh do", "trinh do van hoa", "hoc van", "trinh do hoc van", "giao duc pho thong", "gdpt", "van hoa", "trinh do gdpt", "trinh do giao duc pho thong", "tdvh", "trinh do vh", "van hoa pho thong"]),
        new(ImportField.ProfessionalEducation, "Trình độ chuyên môn", true, true, ["trinh do chuyen mon", "chuyen mon", "chuyen mon nghiep vu", "trinh do chuyen mon nghiep vu", "trinh do cm", "tdcm", "cm nghiep vu", "trinh do chuyen mon cao nhat"]),
        new(ImportField.PoliticalTheory, "Lý luận chính trị", true, true, ["ly luan chinh tri", "llct", "trinh do ly luan chinh tri", "trinh do llct", "ly luan ct", "ly luan", "trinh do ly luan", "ll chinh tri", "ll ct", "trinh do ll ct", "trinh do ly luan ct"]),
        new(ImportField.Occupation, "Nghề nghiệp", true, true, ["nghe nghiep", "nghe nghiep hien nay", "nghe nghiep chuc vu"]),
        new(ImportField.Workplace, "Nơi làm việc", true, true, ["noi lam viec", "don vi cong tac", "noi cong tac", "noi lam viec hoc tap"]),
        new(ImportField.Address, "Địa chỉ", true, true, ["dia chi", "noi o", "noi o hien nay", "cho o hien nay", "dia chi thuong tru", "noi cu tru"]),
        new(ImportField.Hamlet, "Ấp", true, true, ["ap", "thon", "ap noi cu tru", "khu pho", "ap khu pho", "thuoc ap", "ten ap", "ap thon", "thon ap", "ap cu tru", "o ap", "ap noi o"]),
        new(ImportField.Cell, "Chi bộ", true, true, ["chi bo", "ten chi bo", "sinh hoat tai chi bo", "chi bo sinh hoat", "don vi", "thuoc chi bo", "chi bo dang sinh hoat", "sinh hoat chi bo", "ten chi bo sinh hoat"]),
        new(ImportField.Status, "Tình trạng (dự bị/chính thức)", true, false, ["tinh trang", "trang thai", "loai dang vien", "dang vien", "du bi chinh thuc", "dang vien du bi chinh thuc", "tinh trang dang vien", "chinh thuc du bi", "tinh trang sinh hoat"]),
        new(ImportField.AdmissionDecisionDate, "Ngày quyết định kết nạp", true, false, ["ngay quyet dinh ket nap", "ngay qd ket nap", "ngay quyet dinh"]),
        new(ImportField.AdmissionDecisionNumber, "Số quyết định kết nạp", true, false, ["so quyet dinh ket nap", "so qd ket nap", "so quyet dinh", "so qd"]),
        new(ImportField.CeremonyDate, "Ngày vào Đảng (lễ kết nạp)", true, false, ["ngay vao dang", "ngay ket nap", "ngay ket nap dang", "ngay le ket nap", "vao dang", "ngay vao dang du bi", "ngay thang nam vao dang", "ngay thang nam ket nap", "ngay ket nap vao dang", "ngay ket nap dang vien", "ngay vao dang lan dau", "ngay ket nap dang vien du bi"]),
        new(ImportField.OfficialDate, "Ngày chính thức", true, false, ["ngay chinh thuc", "ngay cong nhan chinh thuc", "chinh thuc", "ngay vao dang chinh thuc", "ngay dang vien chinh thuc", "ngay thang nam chinh thuc", "ngay chinh thuc vao dang", "ngay cong nhan dang vien chinh thuc", "ngay duoc cong nhan chinh thuc", "ngay duoc cong nhan dang vien chinh thuc", "ngay chuyen chinh thuc"]),
        new(ImportField.PartyCardNumber, "Số thẻ đảng", true, false, ["so the", "so the dang", "so the dang vien", "the dang", "so the dv", "the dang vien", "the dv", "so the dang vien so", "so the dang cua dang vien"]),
        new(ImportField.Notes, "Ghi chú", true, true, ["ghi chu", "ghi chu khac"]),
        new(ImportField.AddedOn, "Ngày đưa vào danh sách nguồn", false, true, ["ngay dua vao danh sach nguon", "ngay vao danh sach nguon", "ngay dua vao nguon", "ngay vao nguon", "ngay dua vao dien quan chung uu tu"]),
        new(ImportField.Sources, "Nguồn", false, true, ["nguon", "nguon phat trien", "thuoc nguon"]),
        new(ImportField.Female, "Nữ (đánh dấu x)", true, true, ["nu", "gioi tinh nu", "nu x", "la nu"]),
        new(ImportField.YouthUnion, "Đoàn viên TNCS (đánh dấu x)", true, true, ["doan vien", "doan vien doan tncs", "doan vien tncs", "doan tncs", "dvtn", "doan vien thanh nien", "la doan vien", "dang la doan vien"]),
        new(ImportField.TradeUnion, "Đoàn viên công đoàn (đánh dấu x)", true, true, ["cong doan vien", "doan vien cong doan", "cong doan", "dv cong doan", "la doan vien cong doan"]),
    ];

    private static readonly Dictionary<ImportField, Definition> s_byField = All.ToDictionary(d => d.Field);

    public static Definition Of(ImportField f) => s_byField[f];

    public static string Label(ImportField f) => f == ImportField.None ? "(bỏ qua cột này)" : s_byField[f].Label;

    public static IEnumerable<Definition> For(ImportKind kind) => All.Where(d => kind == ImportKind.Members ? d.ForMembers : d.ForCandidates);

    /// <summary>The field a header names, or None.</summary>
    public static ImportField Guess(string? header, ImportKind kind)
    {
        var folded = FoldHeader(header);
        if (folded.Length == 0) return ImportField.None;
        foreach (var d in For(kind))
            if (d.Headers.Contains(folded, StringComparer.Ordinal)) return d.Field;
        return ImportField.None;
    }

    /// <summary>Lower case, no marks, every run of punctuation or space one space: how headers are compared.</summary>
    public static string FoldHeader(string? header)
    {
        // "(1)", "*" and the like after a header are footnote marks, not part of its name.
        var text = FoldName(header);
        while (text.Length > 2 && char.IsDigit(text[^1]) && text[^2] == ' ') text = text[..^2];
        return text;
    }

    /// <summary>Lower case, no marks, every run of punctuation or space one space; digits kept ("Chi bộ Ấp 1" → "chi bo ap 1").</summary>
    public static string FoldName(string? header)
    {
        var folded = VietnameseText.Fold(header);
        var b = new StringBuilder(folded.Length);
        var space = false;
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && b.Length > 0) b.Append(' ');
                b.Append(c);
                space = false;
            }
            else space = true;
        }
        return b.ToString();
    }
}
