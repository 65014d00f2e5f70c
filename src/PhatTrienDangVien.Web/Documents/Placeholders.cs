namespace PhatTrienDangVien.Web.Documents;

/// <summary>
/// Every placeholder a template may hold, with what it means (shown on the templates page). Names are plain
/// Vietnamese without accents, so they can be typed in Word on any keyboard; a template naming anything else is refused.
/// </summary>
public static class Placeholders
{
    public static IReadOnlyDictionary<string, string> Meaning { get; } = new Dictionary<string, string>
    {
        ["cap_tren"] = "Cấp ủy cấp trên trực tiếp, chữ in hoa (góc trên bên trái; của đảng ủy: đặt ở trang Mẫu biểu mẫu Word)",
        ["co_quan"] = "Cơ quan ban hành văn bản, chữ in hoa (góc trên bên trái, in đậm)",
        ["so"] = "Số văn bản, ví dụ 12-NQ/CB (phần mềm cấp, đánh lại từ 1 mỗi nhiệm kỳ)",
        ["dia_danh"] = "Địa danh ghi trước ngày tháng (tên xã, hoặc địa danh đặt ở trang Mẫu biểu mẫu Word)",
        ["ngay"] = "Ngày của văn bản (hai chữ số)",
        ["thang"] = "Tháng của văn bản",
        ["nam"] = "Năm của văn bản",
        ["ngay_hop"] = "Ngày họp, ngày của bước (dd/MM/yyyy)",
        ["ho_ten"] = "Họ và tên người vào Đảng (đảng viên dự bị)",
        ["ngay_sinh"] = "Ngày sinh",
        ["gioi_tinh"] = "Giới tính",
        ["dan_toc"] = "Dân tộc",
        ["ton_giao"] = "Tôn giáo",
        ["trinh_do_hoc_van"] = "Trình độ giáo dục phổ thông",
        ["noi_cu_tru"] = "Nơi cư trú (địa chỉ, ấp)",
        ["nghe_nghiep"] = "Nghề nghiệp",
        ["noi_lam_viec"] = "Nơi làm việc, học tập",
        ["chi_bo"] = "Tên chi bộ, ví dụ Chi bộ Ấp Mỹ Lợi",
        ["dang_uy"] = "Tên đảng ủy xã, ví dụ Đảng ủy xã Nhơn Mỹ",
        ["dang_uy_bo_phan"] = "Tên đảng ủy bộ phận mà chi bộ trực thuộc",
        ["ky_ho_ten"] = "Họ tên bí thư chi bộ (người ký)",
        ["ky_ho_ten_dang_uy_bo_phan"] = "Họ tên bí thư đảng ủy bộ phận (người ký báo cáo thẩm định 7-KNĐ; đặt ở trang Tổ chức đảng)",
        ["ky_thay_mat"] = "Thẩm quyền ký của cấp ủy, ví dụ T/M BAN THƯỜNG VỤ",
        ["ky_chuc_vu"] = "Chức vụ người ký của đảng ủy: BÍ THƯ, hoặc K/T BÍ THƯ / PHÓ BÍ THƯ (đặt ở trang Mẫu biểu mẫu Word)",
        ["ky_ho_ten_dang_uy"] = "Họ tên người ký của đảng ủy (đặt ở trang Mẫu biểu mẫu Word)",
        ["so_giay_chung_nhan"] = "Số giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng",
        ["ngay_giay_chung_nhan"] = "Ngày cấp giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng",
        ["nguoi_gioi_thieu"] = "Họ tên đảng viên giới thiệu",
        ["ngay_vao_dang_nguoi_gioi_thieu"] = "Ngày vào Đảng của đảng viên giới thiệu: ngày lễ kết nạp, theo cột “Ngày vào Đảng” của sổ đảng viên",
        ["ngay_chinh_thuc_nguoi_gioi_thieu"] = "Ngày chính thức của đảng viên giới thiệu",
        ["so_thang_cung_cong_tac"] = "Số tháng đảng viên giới thiệu cùng công tác, sinh hoạt với người vào Đảng",
        ["so_nghi_quyet_doan_the"] = "Số nghị quyết giới thiệu của Đoàn / Công đoàn",
        ["tong_so_dang_vien"] = "Tổng số đảng viên chính thức (cấp ủy viên) khi biểu quyết",
        ["so_tinh_bieu_quyet"] = "Số được tính để biểu quyết (mẫu số của 2/3)",
        ["vang_mat_khong_tinh"] = "Số đảng viên miễn sinh hoạt, sinh hoạt tạm thời vắng mặt (không tính)",
        ["khong_tinh_mien_sinh_hoat"] = "Câu “(không tính … đồng chí miễn sinh hoạt…)” kèm dấu cách đứng trước; để trống khi không có ai",
        ["xa"] = "Tên xã (phường), ví dụ xã Nhơn Mỹ (Nghị quyết của Đoàn xã)",
        ["xa_in_hoa"] = "Tên xã (phường), chữ in hoa, ví dụ XÃ NHƠN MỸ (đầu Nghị quyết của Đoàn xã)",
        ["co_mat"] = "Số có mặt",
        ["vang_mat"] = "Số vắng mặt",
        ["tan_thanh"] = "Số tán thành",
        ["khong_tan_thanh"] = "Số không tán thành",
        ["ty_le_tan_thanh"] = "Tỷ lệ tán thành so với số được tính, ví dụ 100%",
        ["co_quan_quyet_dinh"] = "Cấp ra quyết định kết nạp, ví dụ Ban Thường vụ Đảng ủy xã Nhơn Mỹ",
        ["co_quan_quyet_dinh_in_hoa"] = "Cấp ra quyết định, chữ in hoa (trước chữ QUYẾT ĐỊNH)",
        ["so_nghi_quyet_chi_bo"] = "Số nghị quyết của chi bộ (đề nghị kết nạp hoặc công nhận chính thức)",
        ["ngay_nghi_quyet_chi_bo"] = "Ngày nghị quyết của chi bộ",
        ["han_to_chuc_le"] = "Hạn tổ chức lễ kết nạp (30 ngày làm việc từ ngày chi bộ nhận quyết định)",
        ["ngay_vao_dang"] = "Ngày vào Đảng: ngày lễ kết nạp, ghi trong thẻ đảng viên (như cột “Ngày vào Đảng” của sổ đảng viên); dùng sau “kết nạp vào Đảng ngày”",
        ["ngay_ket_nap"] = "Ngày ký quyết định kết nạp, ghi cạnh số quyết định (“Quyết định số … ngày …”) và là ngày tính tuổi đảng; không phải ngày vào Đảng",
        ["so_quyet_dinh_ket_nap"] = "Số quyết định kết nạp",
        ["ngay_le_ket_nap"] = "Ngày lễ kết nạp đã ghi ở bước Lễ kết nạp của hồ sơ (để chấm khi chưa ghi)",
        ["ngay_het_du_bi"] = "Ngày hết 12 tháng dự bị",
        ["ngay_chinh_thuc"] = "Ngày công nhận đảng viên chính thức",
        ["nguoi_giup_do"] = "Họ tên đảng viên chính thức giúp đỡ",
        ["tu_ngay"] = "Danh sách giấy chứng nhận: từ ngày; lớp học: ngày khai giảng",
        ["den_ngay"] = "Danh sách giấy chứng nhận: đến ngày; lớp học: ngày bế giảng",
        ["stt"] = "Danh sách giấy chứng nhận: số thứ tự (dòng bảng có chỗ điền này được lặp lại cho mỗi người)",
        ["so_nguoi"] = "Danh sách giấy chứng nhận, danh sách học viên: số người",
        ["ten_lop"] = "Tên lớp bồi dưỡng, ví dụ Lớp bồi dưỡng nhận thức về Đảng khóa I năm 2027",
        ["trung_tam"] = "Tên trung tâm chính trị mở lớp",
        ["trung_tam_in_hoa"] = "Tên trung tâm chính trị, chữ in hoa (giấy chứng nhận)",
        ["dia_diem"] = "Địa điểm học",
        ["ap"] = "Ấp nơi cư trú của học viên",
        ["nguon"] = "Nguồn của quần chúng (đoàn viên, dân quân, giáo viên…)",
        ["xep_loai"] = "Xếp loại kết quả học (Giỏi, Khá…)",
        ["giam_doc"] = "Họ tên giám đốc trung tâm chính trị (người ký giấy chứng nhận)",
        ["nam_danh_gia"] = "Năm kiểm điểm, đánh giá, xếp loại chất lượng",
        ["tu_danh_gia"] = "Phần tự đánh giá chi bộ, đảng viên đã ghi (ưu điểm, hạn chế, khuyết điểm)",
        ["tu_xep_loai"] = "Mức chi bộ, đảng viên tự nhận (Hoàn thành tốt nhiệm vụ…)",
        ["xep_loai_chat_luong"] = "Mức xếp loại cấp có thẩm quyền đã quyết định, kèm số điểm",
        ["cap_xep_loai"] = "Cấp quyết định xếp loại, ví dụ Ban Thường vụ Đảng ủy xã",
        ["ngay_xep_loai"] = "Ngày quyết định xếp loại",
        ["chi_tieu"] = "Báo cáo kiểm điểm chi bộ: chỉ tiêu kết nạp của năm",
        ["da_ket_nap"] = "Báo cáo kiểm điểm chi bộ: số đã kết nạp trong năm",
        ["so_quan_chung"] = "Báo cáo kiểm điểm chi bộ: số quần chúng ưu tú trong nguồn",
        ["da_hoc_lop"] = "Báo cáo kiểm điểm chi bộ: số quần chúng có giấy chứng nhận lớp nhận thức về Đảng còn giá trị",
        ["so_ho_so"] = "Báo cáo kiểm điểm chi bộ: số hồ sơ kết nạp, công nhận đang làm",
        ["buoc_qua_han"] = "Báo cáo kiểm điểm chi bộ: số hồ sơ có bước quá hạn",
        ["chua_nguoi_giup_do"] = "Báo cáo kiểm điểm chi bộ: số quần chúng chưa có đảng viên giúp đỡ",
        ["muc_xep_loai"] = "Báo cáo tổng hợp: mức xếp loại của dòng (dòng có chỗ điền này được lặp lại cho mỗi mức)",
        ["so_chi_bo"] = "Báo cáo tổng hợp: số chi bộ ở mức của dòng",
        ["ty_le_chi_bo"] = "Báo cáo tổng hợp: tỷ lệ chi bộ ở mức của dòng",
        ["so_dang_vien"] = "Báo cáo tổng hợp: số đảng viên ở mức của dòng",
        ["ty_le_dang_vien"] = "Báo cáo tổng hợp: tỷ lệ đảng viên ở mức của dòng",
        ["tong_chi_bo"] = "Báo cáo tổng hợp: tổng số chi bộ phải đánh giá",
        ["tong_dang_vien"] = "Báo cáo tổng hợp: tổng số đảng viên phải đánh giá",
        ["tu_cach"] = "“cảm tình Đảng” (lớp nhận thức về Đảng) hoặc “đảng viên dự bị” (lớp đảng viên mới)",
    };

    /// <summary>The placeholders of the form's default template, in order: what the templates page lists for it.</summary>
    public static IReadOnlyList<string> Of(FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return DocxTemplate.Placeholders(form.DefaultTemplate());
    }

    /// <summary>
    /// The placeholders a replacement template of the form must keep: the person's name (every form is about one
    /// person, or lists people in rows; the cell's report its cell, the summary its level rows), the number when the software numbers the paper (it is spent on issue), and the
    /// certificate list's row counter (it marks the row repeated per person). Every default template holds them.
    /// </summary>
    public static IReadOnlyList<string> Required(FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(form);
        // The cell's report and the summary are about an organisation, not a person: they keep its name or the row.
        var required = new List<string> { form.Key switch { FormCatalog.CellReportKey => "chi_bo", FormCatalog.RatingSummaryKey => "muc_xep_loai", _ => "ho_ten" } };
        if (form.NumberType is not null) required.Add("so");
        if (form.Key is FormCatalog.CertificateListKey or FormCatalog.ClassListKey or FormCatalog.RatingSummaryKey) required.Add("stt");
        return required;
    }

    /// <summary>Names used in a template that the software does not fill (a template with one is refused).</summary>
    public static IReadOnlyList<string> Unknown(IEnumerable<string> used) => [.. used.Where(u => !Meaning.ContainsKey(u)).Distinct()];
}
