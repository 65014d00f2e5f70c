using PhatTrienDangVien.Core.Admission;

namespace PhatTrienDangVien.Web.Documents;

/// <summary>Who issues a form: it decides the header, the number's issuing body and the signature.</summary>
public enum FormIssuer
{
    /// <summary>A person's own paper (applicant, introducer, mentor): no number.</summary>
    Person,
    Cell,
    SubCommittee,
    /// <summary>The commune committee (or its standing board).</summary>
    Committee,
    YouthUnion,
    TradeUnion,
}

/// <param name="Key">ASCII key used in addresses and stored with templates and issued papers ("6-KND").</param>
/// <param name="Code">The form's code as the guidance writes it ("6-KNĐ").</param>
/// <param name="Step">The step the form belongs to; null for the class certificate list (not tied to one case).</param>
/// <param name="NumberType">The number's suffix ("NQ/CB") when the software numbers the paper; null when it does not.</param>
/// <param name="StepsOwnPaper">The step records this very paper: a number typed on the step is the paper's number.</param>
public sealed record FormDefinition(string Key, string Code, string Title, AdmissionStepKind? Step, FormIssuer Issuer,
    string? NumberType, bool StepsOwnPaper, Action<DocxWriter> Build)
{
    private byte[]? _default;

    /// <summary>The built-in template (built once: the builder is deterministic).</summary>
    public byte[] DefaultTemplate() => _default ??= Builder();

    private byte[] Builder()
    {
        var w = new DocxWriter();
        Build(w);
        return w.ToBytes();
    }

    public string DefaultFileName => $"Mau {Key}.docx";
}

/// <summary>
/// The forms of Hướng dẫn 12-HD/BTCTW (2022) that the software fills, with their default text. The text follows the
/// published forms as far as they could be found, shortened where a paragraph only repeats the guidance; what the
/// data does not hold stays as dotted lines to be written by hand.
/// </summary>
public static class FormCatalog
{
    public const string Dots = "………………";
    /// <summary>Ends a line answered by hand: the writer turns it into dotted lines across the page.</summary>
    public const string HandWritten = "………………………………………………………………………………………";

    private static readonly string[] s_cellSign = ["T/M CHI BỘ", "BÍ THƯ"];
    private static readonly string[] s_committeeSign = ["{{ky_thay_mat}}", "{{ky_chuc_vu}}"];

    private static void VoteLines(DocxWriter w, string who = "đảng viên chính thức") => w
        .P($"Tổng số {who}: {{{{tong_so_dang_vien}}}} đồng chí; số được tính để biểu quyết: {{{{so_tinh_bieu_quyet}}}} đồng chí{{{{khong_tinh_mien_sinh_hoat}}}}.")
        .P("Có mặt: {{co_mat}} đồng chí; vắng mặt: {{vang_mat}} đồng chí. Lý do vắng mặt: " + Dots)
        .P("Chủ trì hội nghị: đồng chí " + Dots + "; thư ký hội nghị: đồng chí " + Dots + ".");

    public static IReadOnlyList<FormDefinition> All { get; } =
    [
        new("1-KND", "1-KNĐ", "Đơn xin vào Đảng", AdmissionStepKind.Application, FormIssuer.Person, null, true, w => w
            .PersonalHeader()
            .Title("ĐƠN XIN VÀO ĐẢNG")
            .P("Kính gửi: Chi ủy {{chi_bo}}, {{dang_uy}}.", false)
            .P("Tôi là: **{{ho_ten}}**, sinh ngày {{ngay_sinh}}; giới tính: {{gioi_tinh}}.")
            .P("Nơi sinh: " + Dots + "; quê quán: " + Dots + ".")
            .P("Dân tộc: {{dan_toc}}; tôn giáo: {{ton_giao}}; trình độ học vấn: {{trinh_do_hoc_van}}.")
            .P("Nơi cư trú: {{noi_cu_tru}}.")
            .P("Nghề nghiệp: {{nghe_nghiep}}; nơi làm việc, học tập: {{noi_lam_viec}}.")
            .P("Đã học lớp bồi dưỡng nhận thức về Đảng, được cấp giấy chứng nhận số {{so_giay_chung_nhan}} ngày {{ngay_giay_chung_nhan}}.")
            .P("Qua học tập, tìm hiểu Cương lĩnh chính trị, Điều lệ Đảng Cộng sản Việt Nam, tôi nhận thức được: " + HandWritten)
            .P("Tôi tự nguyện làm đơn này, đề nghị Chi bộ, Đảng ủy xem xét, kết nạp tôi vào Đảng Cộng sản Việt Nam. Nếu được đứng trong hàng ngũ của Đảng, tôi xin hứa: luôn chấp hành nghiêm chỉnh Cương lĩnh chính trị, Điều lệ Đảng, nghị quyết, chỉ thị của Đảng, chính sách, pháp luật của Nhà nước; hoàn thành tốt nhiệm vụ được giao; suốt đời phấn đấu cho mục đích, lý tưởng của Đảng.")
            .Signature([], ["NGƯỜI LÀM ĐƠN"], "{{ho_ten}}")),

        new("3-KND", "3-KNĐ", "Giấy giới thiệu người vào Đảng", AdmissionStepKind.Introduction, FormIssuer.Person, null, false, w => w
            .PersonalHeader()
            .Title("GIẤY GIỚI THIỆU NGƯỜI VÀO ĐẢNG")
            .P("Kính gửi: {{chi_bo}}.", false)
            .P("Tôi là: **{{nguoi_gioi_thieu}}**, đảng viên chính thức của {{chi_bo}}; vào Đảng ngày {{ngay_vao_dang_nguoi_gioi_thieu}}, chính thức ngày {{ngay_chinh_thuc_nguoi_gioi_thieu}}.")
            .P("Tôi đã cùng công tác, học tập, sinh hoạt với quần chúng **{{ho_ten}}**, sinh ngày {{ngay_sinh}}, nơi cư trú {{noi_cu_tru}}, trong {{so_thang_cung_cong_tac}} tháng.")
            .P("Những ưu điểm, khuyết điểm chính của người vào Đảng (về phẩm chất chính trị, đạo đức, lối sống, năng lực công tác, quan hệ quần chúng): " + HandWritten)
            .P("Đối chiếu với tiêu chuẩn, điều kiện kết nạp đảng viên, tôi giới thiệu quần chúng {{ho_ten}} để chi bộ xem xét, đề nghị kết nạp vào Đảng Cộng sản Việt Nam. Tôi xin chịu trách nhiệm trước Chi bộ về việc giới thiệu của mình.")
            .Signature([], ["NGƯỜI GIỚI THIỆU"], "{{nguoi_gioi_thieu}}")),

        new("4-KND", "4-KNĐ", "Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng (Đoàn TNCS Hồ Chí Minh)", AdmissionStepKind.Introduction, FormIssuer.YouthUnion, null, false, w => w
            .OrganisationHeader("ĐOÀN TNCS HỒ CHÍ MINH {{xa_in_hoa}}", "BCH ĐOÀN {{xa_in_hoa}}", "{{so_nghi_quyet_doan_the}}", ["ĐOÀN TNCS HỒ CHÍ MINH"])
            .Title("NGHỊ QUYẾT", "giới thiệu đoàn viên ưu tú vào Đảng")
            .P("Căn cứ Điều 4 Điều lệ Đảng Cộng sản Việt Nam và Điều lệ Đoàn TNCS Hồ Chí Minh;")
            .P("Ngày {{ngay_hop}}, Ban Chấp hành Đoàn {{xa}} đã họp xét, giới thiệu đoàn viên **{{ho_ten}}**, sinh ngày {{ngay_sinh}}, nơi cư trú {{noi_cu_tru}}, vào Đảng.")
            .P("Tổng số ủy viên Ban Chấp hành: …… đồng chí; có mặt: …… đồng chí; vắng mặt: …… đồng chí.")
            .P("Ưu điểm, khuyết điểm chính của đoàn viên: " + HandWritten)
            .P("Số ủy viên Ban Chấp hành tán thành giới thiệu: …… đồng chí, đạt ……\u00A0%; không tán thành: …… đồng chí.")
            .P("Ban Chấp hành Đoàn giới thiệu đoàn viên {{ho_ten}} để {{chi_bo}} xem xét, đề nghị kết nạp vào Đảng Cộng sản Việt Nam.")
            .Signature(["{{chi_bo}};", "Lưu."], ["T/M BAN CHẤP HÀNH", "BÍ THƯ"], Dots)),

        new("4A-KND", "4A-KNĐ", "Nghị quyết giới thiệu đoàn viên công đoàn ưu tú vào Đảng", AdmissionStepKind.Introduction, FormIssuer.TradeUnion, null, false, w => w
            .OrganisationHeader("CÔNG ĐOÀN " + Dots, "BCH CÔNG ĐOÀN CƠ SỞ " + Dots, "{{so_nghi_quyet_doan_the}}", ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])
            .Title("NGHỊ QUYẾT", "giới thiệu đoàn viên công đoàn ưu tú vào Đảng")
            .P("Căn cứ Điều 4 Điều lệ Đảng Cộng sản Việt Nam và Điều lệ Công đoàn Việt Nam;")
            .P("Ngày {{ngay_hop}}, Ban Chấp hành Công đoàn cơ sở " + Dots + " đã họp xét, giới thiệu đoàn viên công đoàn **{{ho_ten}}**, sinh ngày {{ngay_sinh}}, nơi cư trú {{noi_cu_tru}}, vào Đảng.")
            .P("Tổng số ủy viên Ban Chấp hành: …… đồng chí; có mặt: …… đồng chí; vắng mặt: …… đồng chí.")
            .P("Ưu điểm, khuyết điểm chính của đoàn viên công đoàn: " + HandWritten)
            .P("Số ủy viên Ban Chấp hành tán thành giới thiệu: …… đồng chí, đạt ……\u00A0%; không tán thành: …… đồng chí.")
            .P("Ban Chấp hành Công đoàn cơ sở giới thiệu đoàn viên công đoàn {{ho_ten}} để {{chi_bo}} xem xét, đề nghị kết nạp vào Đảng Cộng sản Việt Nam.")
            .Signature(["{{chi_bo}};", "Lưu."], ["T/M BAN CHẤP HÀNH", "CHỦ TỊCH"], Dots)),

        new("5-KND", "5-KNĐ", "Tổng hợp ý kiến nhận xét của đoàn thể nơi làm việc và chi ủy nơi cư trú đối với người xin vào Đảng", AdmissionStepKind.Opinions, FormIssuer.Cell, null, false, w => w
            .PartyHeader(numbered: false)
            .Title("TỔNG HỢP Ý KIẾN NHẬN XÉT", "của tổ chức đoàn thể chính trị - xã hội nơi làm việc và chi ủy nơi cư trú đối với người xin vào Đảng")
            .P("Chi ủy {{chi_bo}} tổng hợp ý kiến nhận xét đối với quần chúng **{{ho_ten}}**, sinh ngày {{ngay_sinh}}, nơi cư trú {{noi_cu_tru}}, nghề nghiệp {{nghe_nghiep}}, như sau (tổng hợp ngày {{ngay_hop}}):")
            .P("1. Ý kiến nhận xét của tổ chức đoàn thể chính trị - xã hội nơi làm việc: tổng số được hỏi ý kiến …… người; số đồng ý …… người, đạt ……\u00A0%; số không đồng ý …… người. Nội dung chính: " + HandWritten)
            .P("2. Ý kiến nhận xét của chi ủy (chi bộ) nơi cư trú: " + HandWritten)
            .P("3. Nhận xét chung và đề nghị của chi ủy: " + HandWritten)
            .Signature(["{{dang_uy}};", "Lưu chi bộ."], ["T/M CHI ỦY", "BÍ THƯ"], "{{ky_ho_ten}}")),

        new("6-KND", "6-KNĐ", "Nghị quyết đề nghị kết nạp đảng viên (chi bộ)", AdmissionStepKind.CellVote, FormIssuer.Cell, "NQ/CB", true, w =>
        {
            w.PartyHeader()
                .Title("NGHỊ QUYẾT", "đề nghị kết nạp đảng viên")
                .P("Căn cứ Điều 4 Điều lệ Đảng Cộng sản Việt Nam;")
                .P("Ngày {{ngay_hop}}, {{chi_bo}} đã họp để xét, đề nghị kết nạp quần chúng **{{ho_ten}}**, sinh ngày {{ngay_sinh}}, nơi cư trú {{noi_cu_tru}}, vào Đảng Cộng sản Việt Nam.");
            VoteLines(w);
            w.P("Sau khi nghe báo cáo lý lịch và kết quả thẩm tra lý lịch, ý kiến nhận xét của tổ chức đoàn thể chính trị - xã hội và chi ủy nơi cư trú, giấy giới thiệu của đảng viên chính thức (hoặc nghị quyết giới thiệu của tổ chức đoàn), chi bộ thảo luận, nhận xét:")
                .P("1. Ưu điểm: " + HandWritten)
                .P("2. Khuyết điểm: " + HandWritten)
                .P("3. Đối chiếu với tiêu chuẩn, điều kiện kết nạp đảng viên, chi bộ biểu quyết: **{{tan_thanh}}** đồng chí tán thành, đạt **{{ty_le_tan_thanh}}** so với số đảng viên chính thức được tính; {{khong_tan_thanh}} đồng chí không tán thành.")
                .P("Chi bộ đề nghị {{co_quan_quyet_dinh}} xem xét, kết nạp quần chúng {{ho_ten}} vào Đảng Cộng sản Việt Nam.")
                .Signature(["{{dang_uy}};", "Lưu chi bộ."], s_cellSign, "{{ky_ho_ten}}");
        }),

        new("7-KND", "7-KNĐ", "Báo cáo thẩm định của đảng ủy bộ phận", AdmissionStepKind.SubCommitteeVote, FormIssuer.SubCommittee, "BC/ĐU", true, w =>
        {
            w.PartyHeader()
                .Title("BÁO CÁO", "thẩm định nghị quyết đề nghị kết nạp đảng viên")
                .P("Ngày {{ngay_hop}}, {{dang_uy_bo_phan}} đã họp thẩm định Nghị quyết số {{so_nghi_quyet_chi_bo}} ngày {{ngay_nghi_quyet_chi_bo}} của {{chi_bo}} đề nghị kết nạp quần chúng **{{ho_ten}}**, sinh ngày {{ngay_sinh}}, vào Đảng.");
            VoteLines(w, "cấp ủy viên");
            w.P("Kết quả thẩm định hồ sơ, lý lịch, tiêu chuẩn, điều kiện của người vào Đảng: " + HandWritten)
                .P("Số cấp ủy viên tán thành đề nghị kết nạp: **{{tan_thanh}}** đồng chí, đạt **{{ty_le_tan_thanh}}**; không tán thành: {{khong_tan_thanh}} đồng chí.")
                .P("Đảng ủy bộ phận đề nghị {{co_quan_quyet_dinh}} xem xét, quyết định kết nạp quần chúng {{ho_ten}} vào Đảng Cộng sản Việt Nam.")
                .Signature(["{{dang_uy}};", "{{chi_bo}};", "Lưu."], ["T/M ĐẢNG ỦY", "BÍ THƯ"], "{{ky_ho_ten_dang_uy_bo_phan}}");
        }),

        new("8-KND", "8-KNĐ", "Nghị quyết của đảng ủy cơ sở về việc kết nạp đảng viên", AdmissionStepKind.Decision, FormIssuer.Committee, "NQ/ĐU", false, w => w
            .PartyHeader()
            .Title("NGHỊ QUYẾT", "về việc kết nạp đảng viên")
            .P("Căn cứ Điều 4 Điều lệ Đảng Cộng sản Việt Nam;")
            .P("Căn cứ Nghị quyết số {{so_nghi_quyet_chi_bo}} ngày {{ngay_nghi_quyet_chi_bo}} của {{chi_bo}} đề nghị kết nạp quần chúng {{ho_ten}} vào Đảng (chi bộ biểu quyết {{tan_thanh}}/{{so_tinh_bieu_quyet}} đồng chí tán thành, đạt {{ty_le_tan_thanh}});")
            .P("Ngày {{ngay_hop}}, {{co_quan_quyet_dinh}} đã họp xét hồ sơ đề nghị kết nạp đảng viên. Tổng số ủy viên: …… đồng chí; có mặt: …… đồng chí; vắng mặt: …… đồng chí.")
            .P("Số ủy viên tán thành kết nạp: …… đồng chí, đạt ……\u00A0%; không tán thành: …… đồng chí.")
            .P("{{co_quan_quyet_dinh}} nhất trí kết nạp quần chúng **{{ho_ten}}**, sinh ngày {{ngay_sinh}}, nơi cư trú {{noi_cu_tru}}, vào Đảng Cộng sản Việt Nam.")
            .Signature(["{{chi_bo}};", "Lưu hồ sơ đảng viên."], s_committeeSign, "{{ky_ho_ten_dang_uy}}")),

        new("9-KND", "9-KNĐ", "Quyết định kết nạp đảng viên", AdmissionStepKind.Decision, FormIssuer.Committee, "QĐ/ĐU", true, w => w
            .PartyHeader()
            .Title("QUYẾT ĐỊNH", "kết nạp đảng viên")
            .P("Căn cứ Điều lệ Đảng Cộng sản Việt Nam và các quy định, hướng dẫn thi hành Điều lệ Đảng;")
            .P("Xét Nghị quyết số {{so_nghi_quyet_chi_bo}} ngày {{ngay_nghi_quyet_chi_bo}} của {{chi_bo}} đề nghị kết nạp quần chúng {{ho_ten}} vào Đảng (biểu quyết {{tan_thanh}}/{{so_tinh_bieu_quyet}} đồng chí tán thành, đạt {{ty_le_tan_thanh}}),")
            .Center("{{co_quan_quyet_dinh_in_hoa}}", new DocxWriter.Style(14, Bold: true))
            .Center("QUYẾT ĐỊNH", new DocxWriter.Style(14, Bold: true))
            .P("**Điều 1.** Kết nạp quần chúng **{{ho_ten}}**, sinh ngày {{ngay_sinh}}, nơi cư trú {{noi_cu_tru}}, nghề nghiệp {{nghe_nghiep}}, vào Đảng Cộng sản Việt Nam. Thời gian dự bị 12 tháng, kể từ ngày chi bộ tổ chức lễ kết nạp.")
            .P("**Điều 2.** {{chi_bo}} tổ chức lễ kết nạp trong thời hạn 30 ngày làm việc kể từ ngày nhận quyết định (chậm nhất ngày {{han_to_chuc_le}}) và phân công đảng viên chính thức giúp đỡ đảng viên dự bị.")
            .P("**Điều 3.** Văn phòng Đảng ủy, {{chi_bo}} và đồng chí có tên tại Điều 1 thi hành Quyết định này.")
            .Signature(["Như Điều 3;", "Lưu hồ sơ đảng viên."], s_committeeSign, "{{ky_ho_ten_dang_uy}}")),

        new("10-KND", "10-KNĐ", "Bản tự kiểm điểm của đảng viên dự bị", AdmissionStepKind.RecognitionVote, FormIssuer.Person, null, false, w => w
            .PersonalHeader()
            .Title("BẢN TỰ KIỂM ĐIỂM", "của đảng viên dự bị")
            .P("Kính gửi: {{chi_bo}}.", false)
            .P("Tôi là: **{{ho_ten}}**, sinh ngày {{ngay_sinh}}; được kết nạp vào Đảng ngày {{ngay_vao_dang}} theo Quyết định số {{so_quyet_dinh_ket_nap}} ngày {{ngay_ket_nap}}; hết thời gian dự bị ngày {{ngay_het_du_bi}}; được đồng chí {{nguoi_giup_do}} giúp đỡ.")
            .P("Qua thời gian dự bị, tôi tự kiểm điểm như sau:")
            .P("1. Ưu điểm (nhận thức chính trị; phẩm chất đạo đức, lối sống; ý thức tổ chức kỷ luật; thực hiện nhiệm vụ được giao; quan hệ với quần chúng): " + HandWritten)
            .P("2. Khuyết điểm và biện pháp khắc phục: " + HandWritten)
            .P("Tôi đề nghị chi bộ xem xét, công nhận tôi là đảng viên chính thức.")
            .Signature([], ["NGƯỜI TỰ KIỂM ĐIỂM"], "{{ho_ten}}")),

        new("11-KND", "11-KNĐ", "Bản nhận xét đảng viên dự bị của đảng viên giúp đỡ", AdmissionStepKind.RecognitionVote, FormIssuer.Person, null, false, w => w
            .PersonalHeader()
            .Title("BẢN NHẬN XÉT", "đảng viên dự bị")
            .P("Kính gửi: {{chi_bo}}.", false)
            .P("Tôi là: **{{nguoi_giup_do}}**, đảng viên chính thức, được chi bộ phân công giúp đỡ đảng viên dự bị **{{ho_ten}}**, sinh ngày {{ngay_sinh}}, kết nạp vào Đảng ngày {{ngay_vao_dang}}, hết thời gian dự bị ngày {{ngay_het_du_bi}}.")
            .P("Nhận xét về nhận thức chính trị, phẩm chất đạo đức, lối sống; việc chấp hành Điều lệ Đảng, nghị quyết của Đảng, pháp luật của Nhà nước; thực hiện nhiệm vụ đảng viên và nhiệm vụ được giao; quan hệ với quần chúng:")
            .P("1. Ưu điểm: " + HandWritten)
            .P("2. Khuyết điểm: " + HandWritten)
            .P("Đề nghị chi bộ xem xét, công nhận đồng chí {{ho_ten}} là đảng viên chính thức (hoặc ý kiến khác): " + Dots)
            .Signature([], ["ĐẢNG VIÊN GIÚP ĐỠ"], "{{nguoi_giup_do}}")),

        new("12-KND", "12-KNĐ", "Tổng hợp ý kiến nhận xét đối với đảng viên dự bị", AdmissionStepKind.RecognitionVote, FormIssuer.Cell, null, false, w => w
            .PartyHeader(numbered: false)
            .Title("TỔNG HỢP Ý KIẾN NHẬN XÉT", "của tổ chức đoàn thể chính trị - xã hội và chi ủy nơi cư trú đối với đảng viên dự bị")
            .P("Chi ủy {{chi_bo}} tổng hợp ý kiến nhận xét đối với đảng viên dự bị **{{ho_ten}}**, sinh ngày {{ngay_sinh}}, kết nạp vào Đảng ngày {{ngay_vao_dang}}, hết thời gian dự bị ngày {{ngay_het_du_bi}}, như sau:")
            .P("1. Ý kiến nhận xét của tổ chức đoàn thể chính trị - xã hội: tổng số được hỏi ý kiến …… người; số đồng ý …… người, đạt ……\u00A0%; số không đồng ý …… người. Nội dung chính: " + HandWritten)
            .P("2. Ý kiến nhận xét của chi ủy (chi bộ) nơi cư trú: " + HandWritten)
            .P("3. Nhận xét chung của chi ủy: " + HandWritten)
            .Signature(["{{dang_uy}};", "Lưu chi bộ."], ["T/M CHI ỦY", "BÍ THƯ"], "{{ky_ho_ten}}")),

        new("13-KND", "13-KNĐ", "Nghị quyết đề nghị công nhận đảng viên chính thức (chi bộ)", AdmissionStepKind.RecognitionVote, FormIssuer.Cell, "NQ/CB", true, w =>
        {
            w.PartyHeader()
                .Title("NGHỊ QUYẾT", "đề nghị công nhận đảng viên chính thức")
                .P("Căn cứ Điều 5 Điều lệ Đảng Cộng sản Việt Nam;")
                .P("Ngày {{ngay_hop}}, {{chi_bo}} đã họp để xét, đề nghị công nhận đảng viên dự bị **{{ho_ten}}**, sinh ngày {{ngay_sinh}}, được kết nạp vào Đảng ngày {{ngay_vao_dang}} (Quyết định kết nạp số {{so_quyet_dinh_ket_nap}} ngày {{ngay_ket_nap}}), trở thành đảng viên chính thức.");
            VoteLines(w);
            w.P("Sau khi nghe bản tự kiểm điểm của đảng viên dự bị, nhận xét của đảng viên chính thức được phân công giúp đỡ (đồng chí {{nguoi_giup_do}}), ý kiến nhận xét của tổ chức đoàn thể chính trị - xã hội và chi ủy nơi cư trú, chi bộ thảo luận, nhận xét:")
                .P("1. Ưu điểm: " + HandWritten)
                .P("2. Khuyết điểm: " + HandWritten)
                .P("3. Đối chiếu với tiêu chuẩn đảng viên, chi bộ biểu quyết: **{{tan_thanh}}** đồng chí tán thành công nhận, đạt **{{ty_le_tan_thanh}}** so với số đảng viên chính thức được tính; {{khong_tan_thanh}} đồng chí không tán thành.")
                .P("Chi bộ đề nghị {{co_quan_quyet_dinh}} xem xét, công nhận đồng chí {{ho_ten}} là đảng viên chính thức kể từ ngày {{ngay_het_du_bi}}.")
                .Signature(["{{dang_uy}};", "Lưu chi bộ."], s_cellSign, "{{ky_ho_ten}}");
        }),

        new("15-KND", "15-KNĐ", "Nghị quyết của đảng ủy cơ sở về việc công nhận đảng viên chính thức", AdmissionStepKind.RecognitionDecision, FormIssuer.Committee, "NQ/ĐU", false, w => w
            .PartyHeader()
            .Title("NGHỊ QUYẾT", "về việc công nhận đảng viên chính thức")
            .P("Căn cứ Điều 5 Điều lệ Đảng Cộng sản Việt Nam;")
            .P("Căn cứ Nghị quyết số {{so_nghi_quyet_chi_bo}} ngày {{ngay_nghi_quyet_chi_bo}} của {{chi_bo}} đề nghị công nhận đảng viên chính thức (chi bộ biểu quyết {{tan_thanh}}/{{so_tinh_bieu_quyet}} đồng chí tán thành, đạt {{ty_le_tan_thanh}});")
            .P("Ngày {{ngay_hop}}, {{co_quan_quyet_dinh}} đã họp xét. Tổng số ủy viên: …… đồng chí; có mặt: …… đồng chí; vắng mặt: …… đồng chí. Số ủy viên tán thành: …… đồng chí, đạt ……\u00A0%.")
            .P("{{co_quan_quyet_dinh}} nhất trí công nhận đồng chí **{{ho_ten}}**, sinh ngày {{ngay_sinh}}, kết nạp vào Đảng ngày {{ngay_vao_dang}}, là đảng viên chính thức kể từ ngày {{ngay_chinh_thuc}}.")
            .Signature(["{{chi_bo}};", "Lưu hồ sơ đảng viên."], s_committeeSign, "{{ky_ho_ten_dang_uy}}")),

        new("QD-CNCT", "QĐ công nhận", "Quyết định công nhận đảng viên chính thức", AdmissionStepKind.RecognitionDecision, FormIssuer.Committee, "QĐ/ĐU", true, w => w
            .PartyHeader()
            .Title("QUYẾT ĐỊNH", "công nhận đảng viên chính thức")
            .P("Căn cứ Điều lệ Đảng Cộng sản Việt Nam và các quy định, hướng dẫn thi hành Điều lệ Đảng;")
            .P("Xét Nghị quyết số {{so_nghi_quyet_chi_bo}} ngày {{ngay_nghi_quyet_chi_bo}} của {{chi_bo}} đề nghị công nhận đảng viên chính thức,")
            .Center("{{co_quan_quyet_dinh_in_hoa}}", new DocxWriter.Style(14, Bold: true))
            .Center("QUYẾT ĐỊNH", new DocxWriter.Style(14, Bold: true))
            .P("**Điều 1.** Công nhận đồng chí **{{ho_ten}}**, sinh ngày {{ngay_sinh}}, kết nạp vào Đảng ngày {{ngay_vao_dang}} tại {{chi_bo}}, là đảng viên chính thức kể từ ngày {{ngay_chinh_thuc}}. Tuổi đảng của đồng chí tính từ ngày {{ngay_ket_nap}} (ngày ký Quyết định kết nạp số {{so_quyet_dinh_ket_nap}}).")
            .P("**Điều 2.** Văn phòng Đảng ủy, {{chi_bo}} và đồng chí có tên tại Điều 1 thi hành Quyết định này.")
            .Signature(["Như Điều 2;", "Lưu hồ sơ đảng viên."], s_committeeSign, "{{ky_ho_ten_dang_uy}}")),

        new(CertificateListKey, "Danh sách GCN", "Danh sách cấp giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng", null, FormIssuer.Committee, null, false, w => w
            .PartyHeader(numbered: false)
            .Title("DANH SÁCH", "học viên được cấp giấy chứng nhận hoàn thành lớp bồi dưỡng nhận thức về Đảng")
            .Center("(lớp học từ ngày {{tu_ngay}} đến ngày {{den_ngay}})", new DocxWriter.Style(14, Italic: true))
            .ListTable([("STT", "{{stt}}", 800), ("Họ và tên", "{{ho_ten}}", 2200), ("Ngày sinh", "{{ngay_sinh}}", 1450), ("Chi bộ", "{{chi_bo}}", 1571), ("Số giấy chứng nhận", "{{so_giay_chung_nhan}}", 1600), ("Ngày cấp", "{{ngay_giay_chung_nhan}}", DocxWriter.TextWidth - 7621)])
            .Gap()
            .P("Danh sách gồm {{so_nguoi}} người.", false)
            .Signature(["Trung tâm Chính trị " + Dots + ";", "Các chi bộ có tên;", "Lưu Văn phòng Đảng ủy."], s_committeeSign, "{{ky_ho_ten_dang_uy}}")),

        new(ClassListKey, "Danh sách học viên", "Danh sách học viên đề nghị dự lớp bồi dưỡng (gửi trung tâm chính trị)", null, FormIssuer.Committee, null, false, w => w
            .PartyHeader(numbered: false)
            .Title("DANH SÁCH", "học viên đề nghị dự {{ten_lop}}")
            .P("Kính gửi: {{trung_tam}}.", false)
            .P("{{dang_uy}} gửi danh sách {{so_nguoi}} học viên đề nghị dự {{ten_lop}}, từ ngày {{tu_ngay}} đến ngày {{den_ngay}}, tại {{dia_diem}}, như sau:")
            .ListTable([("STT", "{{stt}}", 800), ("Họ và tên", "{{ho_ten}}", 2000), ("Ngày sinh", "{{ngay_sinh}}", 1450), ("Chi bộ", "{{chi_bo}}", 1500), ("Ấp", "{{ap}}", 1100), ("Học vấn", "{{trinh_do_hoc_van}}", 900), ("Nguồn", "{{nguon}}", DocxWriter.TextWidth - 7750)])
            .Gap()
            .P("Đề nghị {{trung_tam}} tổ chức lớp học và gửi kết quả, giấy chứng nhận về {{dang_uy}} khi kết thúc lớp.")
            .Signature(["Như trên;", "Các chi bộ có tên;", "Lưu Văn phòng Đảng ủy."], s_committeeSign, "{{ky_ho_ten_dang_uy}}")),

        new(ClassCertificateKey, "GCN", "Giấy chứng nhận hoàn thành lớp bồi dưỡng (mỗi người một trang)", null, FormIssuer.Committee, null, false, w => w
            .OrganisationHeader("{{co_quan}}", "{{trung_tam_in_hoa}}", "{{so_giay_chung_nhan}}", ["ĐẢNG CỘNG SẢN VIỆT NAM"])
            .Title("GIẤY CHỨNG NHẬN")
            .Center("GIÁM ĐỐC {{trung_tam_in_hoa}} CHỨNG NHẬN", new DocxWriter.Style(14, Bold: true))
            .Gap()
            .P("Đồng chí: **{{ho_ten}}**; sinh ngày {{ngay_sinh}}.")
            .P("Chức vụ, nghề nghiệp: {{nghe_nghiep}}; đơn vị: {{noi_lam_viec}}.")
            .P("Là {{tu_cach}} của {{chi_bo}}, {{dang_uy}}.")
            .P("Đã hoàn thành chương trình {{ten_lop}}, từ ngày {{tu_ngay}} đến ngày {{den_ngay}}.")
            .P("Đạt loại: **{{xep_loai}}**.")
            .Signature([], ["GIÁM ĐỐC"], "{{giam_doc}}")),

        new(CellReportKey, "Mẫu 01", "Báo cáo kiểm điểm tập thể chi bộ (đánh giá, xếp loại chất lượng hằng năm)", null, FormIssuer.Cell, null, false, w => w
            .PartyHeader(numbered: false)
            .Title("BÁO CÁO", "kiểm điểm tập thể {{chi_bo}} năm {{nam_danh_gia}}")
            .P("Thực hiện Quy định số 366-QĐ/TW, ngày 30/8/2025 của Bộ Chính trị và Hướng dẫn số 43-HD/BTCTW, ngày 31/10/2025 của Ban Tổ chức Trung ương về kiểm điểm, đánh giá, xếp loại chất lượng hằng năm, {{chi_bo}} báo cáo kết quả kiểm điểm năm {{nam_danh_gia}} như sau:")
            .P("**I. ƯU ĐIỂM, KẾT QUẢ ĐẠT ĐƯỢC**", false)
            .P("1. Việc lãnh đạo thực hiện nhiệm vụ chính trị được giao: " + HandWritten)
            .P("2. Công tác xây dựng Đảng; công tác phát triển đảng viên năm {{nam_danh_gia}}: chỉ tiêu kết nạp {{chi_tieu}}, đã kết nạp {{da_ket_nap}}; quần chúng ưu tú trong nguồn {{so_quan_chung}}, đã học lớp bồi dưỡng nhận thức về Đảng {{da_hoc_lop}}; hồ sơ đang làm {{so_ho_so}}, trong đó quá hạn {{buoc_qua_han}}; quần chúng chưa được phân công đảng viên giúp đỡ {{chua_nguoi_giup_do}}.")
            .P("3. Tự đánh giá của chi bộ: {{tu_danh_gia}}")
            .P("**II. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN** " + HandWritten, false)
            .P("**III. KẾT QUẢ KHẮC PHỤC NHỮNG HẠN CHẾ, KHUYẾT ĐIỂM ĐÃ ĐƯỢC CẤP CÓ THẨM QUYỀN KẾT LUẬN HOẶC ĐƯỢC CHỈ RA Ở CÁC KỲ KIỂM ĐIỂM TRƯỚC** " + HandWritten, false)
            .P("**IV. PHƯƠNG HƯỚNG, BIỆN PHÁP KHẮC PHỤC HẠN CHẾ, KHUYẾT ĐIỂM** " + HandWritten, false)
            .P("**V. TỰ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG**", false)
            .P("Chi bộ tự nhận mức xếp loại: **{{tu_xep_loai}}**.")
            .Signature(["{{dang_uy}};", "Lưu chi bộ."], s_cellSign, "{{ky_ho_ten}}")),

        SelfReview(LeaderReviewKey, "Mẫu 2A", "Bản kiểm điểm cá nhân (cán bộ lãnh đạo, quản lý)", "dùng cho cán bộ lãnh đạo, quản lý",
            "2. Việc thực hiện chức trách, nhiệm vụ được giao; kết quả thực hiện các chỉ tiêu, nhiệm vụ của cơ quan, đơn vị được giao lãnh đạo, quản lý: ",
            "**IV. LÀM RÕ TRÁCH NHIỆM CỦA CÁ NHÂN ĐỐI VỚI NHỮNG HẠN CHẾ, KHUYẾT ĐIỂM CỦA TẬP THỂ (NẾU CÓ)** "),
        SelfReview(StaffReviewKey, "Mẫu 2B", "Bản kiểm điểm cá nhân (cán bộ, công chức, viên chức, người lao động)", "dùng cho cán bộ, công chức, viên chức, người lao động không giữ chức vụ lãnh đạo, quản lý",
            "2. Việc thực hiện chức trách, nhiệm vụ được giao: ", null),
        SelfReview(MemberReviewKey, "Mẫu 2C", "Bản kiểm điểm đảng viên (không làm việc trong hệ thống chính trị)", "dùng cho đảng viên không làm việc trong hệ thống chính trị",
            "2. Việc thực hiện nhiệm vụ đảng viên, nhiệm vụ chi bộ phân công; nghĩa vụ công dân và quy định nơi cư trú: ", null),

        new(RatingSummaryKey, "Tổng hợp xếp loại", "Báo cáo tổng hợp kết quả xếp loại chất lượng chi bộ, đảng viên (báo cáo cấp trên)", null, FormIssuer.Committee, null, false, w => w
            .PartyHeader(numbered: false)
            .Title("BÁO CÁO", "kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm {{nam_danh_gia}}")
            .P("{{dang_uy}} báo cáo kết quả đánh giá, xếp loại chất lượng năm {{nam_danh_gia}} của {{tong_chi_bo}} chi bộ và {{tong_dang_vien}} đảng viên như sau:")
            .ListTable([("STT", "{{stt}}", 800), ("Mức xếp loại", "{{muc_xep_loai}}", 3271), ("Chi bộ", "{{so_chi_bo}}", 1300), ("Tỷ lệ", "{{ty_le_chi_bo}}", 1200), ("Đảng viên", "{{so_dang_vien}}", 1300), ("Tỷ lệ", "{{ty_le_dang_vien}}", DocxWriter.TextWidth - 7871)])
            .Gap()
            .P("Tỷ lệ tính trên tổng số chi bộ, đảng viên phải đánh giá trong năm (kể cả chưa xếp loại).")
            .Signature(["Ban Tổ chức cấp ủy cấp trên;", "Lưu Văn phòng Đảng ủy."], s_committeeSign, "{{ky_ho_ten_dang_uy}}")),
    ];

    /// <summary>
    /// A member's self-review (forms 2A, 2B, 2C of Hướng dẫn 43-HD/BTCTW): the same parts, with the second point and
    /// the leader's own part (responsibility for the collective's shortcomings) as the form has them; after the
    /// member's signature, the cell's assessment and the competent committee's level.
    /// </summary>
    private static FormDefinition SelfReview(string key, string code, string title, string use, string duties, string? leaderPart) =>
        new(key, code, title, null, FormIssuer.Person, null, false, w =>
        {
            w.PersonalHeader()
                .Title("BẢN KIỂM ĐIỂM " + (key == MemberReviewKey ? "ĐẢNG VIÊN" : "CÁ NHÂN"), "Năm {{nam_danh_gia}}")
                .Center("(" + use + ")", new DocxWriter.Style(13, Italic: true))
                .P("Họ và tên: **{{ho_ten}}**; ngày sinh: {{ngay_sinh}}.", false)
                .P("Chức vụ đảng: " + Dots + "; chức vụ chính quyền, đoàn thể: " + Dots + ".", false)
                .P("Nghề nghiệp, đơn vị công tác: {{nghe_nghiep}}; {{noi_lam_viec}}.", false)
                .P("Sinh hoạt tại: {{chi_bo}}, {{dang_uy}}.", false)
                .P("**I. ƯU ĐIỂM, KẾT QUẢ ĐẠT ĐƯỢC**", false)
                .P("1. Về tư tưởng chính trị; phẩm chất đạo đức, lối sống; ý thức tổ chức kỷ luật; tác phong, lề lối làm việc: " + HandWritten)
                .P(duties + HandWritten)
                .P("3. Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu hằng năm: " + HandWritten)
                .P("Tự đánh giá: {{tu_danh_gia}}")
                .P("**II. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN** " + HandWritten, false)
                .P("**III. KẾT QUẢ KHẮC PHỤC NHỮNG HẠN CHẾ, KHUYẾT ĐIỂM ĐÃ ĐƯỢC CẤP CÓ THẨM QUYỀN KẾT LUẬN HOẶC ĐƯỢC CHỈ RA Ở CÁC KỲ KIỂM ĐIỂM TRƯỚC** " + HandWritten, false);
            if (leaderPart is not null) w.P(leaderPart + HandWritten, false);
            var n = leaderPart is null ? "IV" : "V";
            var m = leaderPart is null ? "V" : "VI";
            w.P($"**{n}. PHƯƠNG HƯỚNG, BIỆN PHÁP KHẮC PHỤC HẠN CHẾ, KHUYẾT ĐIỂM** " + HandWritten, false)
                .P($"**{m}. TỰ NHẬN MỨC XẾP LOẠI CHẤT LƯỢNG**", false)
                .P("Xếp loại chất lượng đảng viên: **{{tu_xep_loai}}**.")
                .Signature([], ["NGƯỜI TỰ KIỂM ĐIỂM"], "{{ho_ten}}")
                .Gap()
                .P("**NHẬN XÉT, ĐÁNH GIÁ CỦA CHI ỦY (CHI BỘ)** " + HandWritten, false)
                .P("**ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CỦA CẤP CÓ THẨM QUYỀN:** {{xep_loai_chat_luong}}.", false)
                .P("Cấp quyết định: {{cap_xep_loai}}; ngày {{ngay_xep_loai}}.", false);
        });

    public const string CellReportKey = "01-KD";
    public const string LeaderReviewKey = "2A-KD";
    public const string StaffReviewKey = "2B-KD";
    public const string MemberReviewKey = "2C-KD";
    public const string RatingSummaryKey = "TH-XL";

    public const string CertificateListKey = "DS-GCN";
    public const string ClassListKey = "DS-HV";
    public const string ClassCertificateKey = "GCN";

    public static FormDefinition? Find(string? key) => All.FirstOrDefault(f => f.Key == key);

    /// <summary>The forms one step offers, and how many papers of each (one per introducer for 3-KNĐ).</summary>
    public static IEnumerable<(FormDefinition Form, int Variant)> For(StepRecord step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var intro = step.Kind == AdmissionStepKind.Introduction ? step.ReadDetails<IntroductionDetails>() : null;
        foreach (var f in All.Where(f => f.Step == step.Kind))
        {
            // A vote's own resolution proposes what the vote approved: a vote that did not reach 2/3 in favour (a
            // recognition vote inconclusive or against) has no such paper, and spends no number.
            if (f.StepsOwnPaper && step.Outcome is { } outcome && outcome != VoteOutcome.Approved) continue;
            switch (f.Key)
            {
                case "3-KND":
                    // The party members who introduce: two, or one beside the Youth Union or Trade Union.
                    if (intro is not null)
                        for (var i = 1; i <= intro.Introducers.Count; i++) yield return (f, i);
                    break;
                case "4-KND" when intro?.Path != IntroductionPath.YouthUnion:
                case "4A-KND" when intro?.Path != IntroductionPath.TradeUnion:
                    break;
                default:
                    yield return (f, 0);
                    break;
            }
        }
    }
}
