namespace PhatTrienDangVien.Core.Reference;

/// <summary>
/// Three-digit province codes that open a 12-digit citizen identity number (CCCD / số định danh cá nhân),
/// per Thông tư 07/2016/TT-BCA (kept by Thông tư 59/2021/TT-BCA), for the 63 provinces before the 2025 merger.
/// </summary>
/// <remarks>
/// The code is the place of birth registration and never changes on a card, so numbers issued before the 2025
/// merger keep these codes; the names are the pre-merger province names. Codes are not contiguous on purpose
/// (gaps were left by the 2008 and earlier boundary changes).
/// </remarks>
public static class CitizenIdProvinces
{
    /// <summary>All 63 codes with the province name, in code order.</summary>
    public static IReadOnlyList<ReferenceItem> All { get; } =
    [
        new("001", "Hà Nội"),
        new("002", "Hà Giang"),
        new("004", "Cao Bằng"),
        new("006", "Bắc Kạn"),
        new("008", "Tuyên Quang"),
        new("010", "Lào Cai"),
        new("011", "Điện Biên"),
        new("012", "Lai Châu"),
        new("014", "Sơn La"),
        new("015", "Yên Bái"),
        new("017", "Hòa Bình"),
        new("019", "Thái Nguyên"),
        new("020", "Lạng Sơn"),
        new("022", "Quảng Ninh"),
        new("024", "Bắc Giang"),
        new("025", "Phú Thọ"),
        new("026", "Vĩnh Phúc"),
        new("027", "Bắc Ninh"),
        new("030", "Hải Dương"),
        new("031", "Hải Phòng"),
        new("033", "Hưng Yên"),
        new("034", "Thái Bình"),
        new("035", "Hà Nam"),
        new("036", "Nam Định"),
        new("037", "Ninh Bình"),
        new("038", "Thanh Hóa"),
        new("040", "Nghệ An"),
        new("042", "Hà Tĩnh"),
        new("044", "Quảng Bình"),
        new("045", "Quảng Trị"),
        new("046", "Thừa Thiên Huế"),
        new("048", "Đà Nẵng"),
        new("049", "Quảng Nam"),
        new("051", "Quảng Ngãi"),
        new("052", "Bình Định"),
        new("054", "Phú Yên"),
        new("056", "Khánh Hòa"),
        new("058", "Ninh Thuận"),
        new("060", "Bình Thuận"),
        new("062", "Kon Tum"),
        new("064", "Gia Lai"),
        new("066", "Đắk Lắk"),
        new("067", "Đắk Nông"),
        new("068", "Lâm Đồng"),
        new("070", "Bình Phước"),
        new("072", "Tây Ninh"),
        new("074", "Bình Dương"),
        new("075", "Đồng Nai"),
        new("077", "Bà Rịa - Vũng Tàu"),
        new("079", "Hồ Chí Minh"),
        new("080", "Long An"),
        new("082", "Tiền Giang"),
        new("083", "Bến Tre"),
        new("084", "Trà Vinh"),
        new("086", "Vĩnh Long"),
        new("087", "Đồng Tháp"),
        new("089", "An Giang"),
        new("091", "Kiên Giang"),
        new("092", "Cần Thơ"),
        new("093", "Hậu Giang"),
        new("094", "Sóc Trăng"),
        new("095", "Bạc Liêu"),
        new("096", "Cà Mau"),
    ];

    private static readonly Dictionary<string, ReferenceItem> s_byCode = All.ToDictionary(p => p.Code, StringComparer.Ordinal);

    /// <summary>The province for a three-digit code, or null.</summary>
    public static ReferenceItem? Find(string? code) =>
        code is not null && s_byCode.TryGetValue(code, out var province) ? province : null;
}
