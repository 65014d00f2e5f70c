namespace PhatTrienDangVien.Core.Reference;

/// <summary>
/// The source categories (nguồn phát triển đảng viên) of the commune's Party development plan, used to seed the
/// editable category table. Codes are stable keys for seeding and reports; the names can be edited later.
/// </summary>
public static class DefaultSourceCategories
{
    /// <summary>Code of the catch-all category.</summary>
    public const string OtherCode = "KHAC";

    /// <summary>The categories in the order of the plan.</summary>
    public static IReadOnlyList<ReferenceItem> All { get; } =
    [
        new("DOAN_VIEN", "Đoàn viên, thanh niên"),
        new("HOI_VIEN", "Hội viên các tổ chức chính trị - xã hội"),
        new("DAN_QUAN", "Dân quân thường trực, dân quân tự vệ"),
        new("AN_NINH_CO_SO", "Lực lượng an ninh trật tự cơ sở"),
        new("GIAO_VIEN", "Giáo viên tại các trường"),
        new("NGHIA_VU_QS", "Thanh niên thi hành nghĩa vụ quân sự"),
        new("XUAT_NGU", "Thanh niên hoàn thành nghĩa vụ quân sự trở về địa phương"),
        new("HOAT_DONG_AP", "Người hoạt động ở ấp"),
        new("KINH_TE_GIOI", "Người làm kinh tế giỏi"),
        new("UY_TIN", "Người có uy tín ở ấp, tổ tự quản"),
        new(OtherCode, "Khác"),
    ];

    /// <summary>The category with this code, or null.</summary>
    public static ReferenceItem? Find(string? code) => All.FindCode(code);
}
