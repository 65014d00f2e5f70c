using MiniExcelLibs;

namespace PhatTrienDangVien.Web.Import;

/// <summary>
/// The template to download: the headers the import recognises, in the order registers usually have them, and one
/// example row whose cell and source are the commune's own (an example naming a cell the commune does not have would
/// come back as an offer to create it).
/// </summary>
public static class ImportTemplate
{
    /// <summary>Written when the commune has no cell or source yet: the preview then says the name is not the commune's.</summary>
    public const string CellPlaceholder = "(tên chi bộ của xã)";
    public const string SourcePlaceholder = "(tên nguồn của xã)";

    public static string FileName(ImportKind kind) => kind == ImportKind.Members ? "mau-nhap-dang-vien.xlsx" : "mau-nhap-quan-chung.xlsx";

    public static byte[] Build(ImportKind kind, string? cellName = null, string? sourceName = null)
    {
        var row = new Dictionary<string, object?>();
        // The template asks "Giới tính" in words; a "Nữ" column of marks is read from the office's own registers only.
        foreach (var d in ImportFields.For(kind).Where(d => d.Field != ImportField.Female))
            row[Header(d.Field)] = d.Field switch
            {
                ImportField.Cell => cellName ?? CellPlaceholder,
                ImportField.Sources => sourceName ?? SourcePlaceholder,
                _ => Example(d.Field, kind),
            };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new[] { row }, sheetName: kind == ImportKind.Members ? "Đảng viên" : "Quần chúng");
        return stream.ToArray();
    }

    /// <summary>The header written in the template: the usual wording, which the guess recognises.</summary>
    public static string Header(ImportField f) => f switch
    {
        ImportField.FullName => "Họ và tên",
        ImportField.DateOfBirth => "Ngày sinh",
        ImportField.Gender => "Giới tính",
        ImportField.CitizenId => "Số CCCD",
        ImportField.Phone => "Điện thoại",
        ImportField.Ethnicity => "Dân tộc",
        ImportField.Religion => "Tôn giáo",
        ImportField.GeneralEducation => "Trình độ",
        ImportField.ProfessionalEducation => "Trình độ chuyên môn",
        ImportField.PoliticalTheory => "Lý luận chính trị",
        ImportField.Occupation => "Nghề nghiệp",
        ImportField.Workplace => "Nơi làm việc",
        ImportField.Address => "Địa chỉ",
        ImportField.Hamlet => "Ấp",
        ImportField.Cell => "Chi bộ",
        ImportField.Status => "Tình trạng",
        ImportField.AdmissionDecisionDate => "Ngày quyết định kết nạp",
        ImportField.AdmissionDecisionNumber => "Số quyết định kết nạp",
        ImportField.CeremonyDate => "Ngày vào Đảng",
        ImportField.OfficialDate => "Ngày chính thức",
        ImportField.PartyCardNumber => "Số thẻ",
        ImportField.Notes => "Ghi chú",
        ImportField.AddedOn => "Ngày đưa vào danh sách nguồn",
        ImportField.Sources => "Nguồn",
        ImportField.Female => "Nữ",
        ImportField.YouthUnion => "Đoàn viên",
        ImportField.TradeUnion => "Công đoàn viên",
        _ => "",
    };

    private static string? Example(ImportField f, ImportKind kind) => f switch
    {
        ImportField.FullName => kind == ImportKind.Members ? "Nguyễn Văn Mẫu" : "Trần Thị Mẫu",
        ImportField.DateOfBirth => kind == ImportKind.Members ? "15/03/1980" : "2000",
        ImportField.Gender => kind == ImportKind.Members ? "Nam" : "Nữ",
        ImportField.Ethnicity => "Kinh",
        ImportField.Religion => "Không",
        ImportField.GeneralEducation => "12/12",
        ImportField.Status => "Chính thức",
        ImportField.CeremonyDate => "19/05/2005",
        ImportField.OfficialDate => "19/05/2006",
        ImportField.AddedOn => "01/06/2026",
        _ => null,
    };
}
