using PhatTrienDangVien.Core.Reference;

namespace PhatTrienDangVien.Web.Import;

/// <summary>
/// Catalogue values as registers write them: the catalogue's names, and the short forms offices use ("ĐH", "PGHH",
/// "Lớp 9", "Đoàn viên"). Compared folded (no marks, lower case, punctuation as spaces). A value that matches nothing
/// gets the nearest name suggested, so that the clerk fixes the file instead of guessing what the list wants.
/// </summary>
public static class ImportCatalogues
{
    private static readonly Dictionary<string, string> s_religions = Folded(new Dictionary<string, string>
    {
        ["Hòa Hảo"] = "05", ["PGHH"] = "05", ["Đạo Hòa Hảo"] = "05", ["Phật giáo Hòa Hảo"] = "05",
        ["Thiên Chúa giáo"] = "02", ["Thiên Chúa"] = "02", ["Đạo Thiên Chúa"] = "02", ["Công giáo"] = "02", ["Đạo Công giáo"] = "02", ["Ki tô giáo"] = "02",
        ["Phật"] = "01", ["Đạo Phật"] = "01", ["PG"] = "01", ["Phật giáo"] = "01",
        ["Tin Lành"] = "03", ["Đạo Tin Lành"] = "03", ["Cao Đài"] = "04", ["Đạo Cao Đài"] = "04", ["Hồi giáo"] = "06", ["Đạo Hồi"] = "06",
        ["Không"] = Religions.NoneCode, ["Không có"] = Religions.NoneCode, ["KTG"] = Religions.NoneCode, ["Ko"] = Religions.NoneCode, ["0"] = Religions.NoneCode,
        ["Thờ cúng ông bà"] = Religions.NoneCode,
    });

    private static readonly Dictionary<string, string> s_professional = Folded(new Dictionary<string, string>
    {
        ["ĐH"] = "DAI_HOC", ["Đại học"] = "DAI_HOC", ["Cử nhân"] = "DAI_HOC", ["Kỹ sư"] = "DAI_HOC", ["Bác sĩ"] = "DAI_HOC",
        ["CĐ"] = "CAO_DANG", ["Cao đẳng"] = "CAO_DANG", ["TC"] = "TRUNG_CAP", ["Trung cấp"] = "TRUNG_CAP", ["THCN"] = "TRUNG_CAP",
        ["SC"] = "SO_CAP", ["Sơ cấp"] = "SO_CAP", ["ThS"] = "THAC_SI", ["Thạc sĩ"] = "THAC_SI", ["Thạc sỹ"] = "THAC_SI",
        ["TS"] = "TIEN_SI", ["Tiến sĩ"] = "TIEN_SI", ["Tiến sỹ"] = "TIEN_SI",
        ["Không"] = "KHONG", ["Chưa qua đào tạo"] = "KHONG", ["Chưa"] = "KHONG", ["0"] = "KHONG",
    });

    private static readonly Dictionary<string, string> s_theory = Folded(new Dictionary<string, string>
    {
        ["SC"] = "SO_CAP", ["Sơ cấp"] = "SO_CAP", ["TC"] = "TRUNG_CAP", ["Trung cấp"] = "TRUNG_CAP",
        ["CC"] = "CAO_CAP", ["Cao cấp"] = "CAO_CAP", ["CN"] = "CU_NHAN", ["Cử nhân"] = "CU_NHAN",
        ["Không"] = "CHUA_DAO_TAO", ["Chưa"] = "CHUA_DAO_TAO", ["Chưa qua đào tạo"] = "CHUA_DAO_TAO", ["Chưa đào tạo"] = "CHUA_DAO_TAO", ["0"] = "CHUA_DAO_TAO",
    });

    private static readonly Dictionary<string, int> s_general = Folded(new Dictionary<string, int>
    {
        ["THPT"] = 12, ["Tốt nghiệp THPT"] = 12, ["PTTH"] = 12, ["Cấp 3"] = 12, ["Cấp III"] = 12,
        ["THCS"] = 9, ["Tốt nghiệp THCS"] = 9, ["PTCS"] = 9, ["Cấp 2"] = 9, ["Cấp II"] = 9,
        ["Tiểu học"] = 5, ["Cấp 1"] = 5, ["Cấp I"] = 5,
    });

    /// <summary>Short forms of the default sources (by their stable code: a commune may rename its sources).</summary>
    private static readonly Dictionary<string, string> s_sources = Folded(new Dictionary<string, string>
    {
        ["Đoàn viên"] = "DOAN_VIEN", ["ĐVTN"] = "DOAN_VIEN", ["Thanh niên"] = "DOAN_VIEN", ["Đoàn thanh niên"] = "DOAN_VIEN", ["Đoàn TNCS"] = "DOAN_VIEN", ["Đoàn"] = "DOAN_VIEN",
        ["Hội viên"] = "HOI_VIEN", ["Hội LHPN"] = "HOI_VIEN", ["Phụ nữ"] = "HOI_VIEN", ["Hội Phụ nữ"] = "HOI_VIEN", ["Hội Nông dân"] = "HOI_VIEN", ["Nông dân"] = "HOI_VIEN",
        ["Hội CCB"] = "HOI_VIEN", ["Cựu chiến binh"] = "HOI_VIEN", ["CCB"] = "HOI_VIEN",
        ["Dân quân"] = "DAN_QUAN", ["DQTT"] = "DAN_QUAN", ["DQTV"] = "DAN_QUAN", ["Dân quân tự vệ"] = "DAN_QUAN", ["Dân quân thường trực"] = "DAN_QUAN",
        ["An ninh trật tự"] = "AN_NINH_CO_SO", ["An ninh cơ sở"] = "AN_NINH_CO_SO", ["ANTT"] = "AN_NINH_CO_SO", ["Bảo vệ ANTT"] = "AN_NINH_CO_SO",
        ["Giáo viên"] = "GIAO_VIEN",
        ["Nghĩa vụ quân sự"] = "NGHIA_VU_QS", ["NVQS"] = "NGHIA_VU_QS", ["Tại ngũ"] = "NGHIA_VU_QS",
        ["Xuất ngũ"] = "XUAT_NGU", ["Bộ đội xuất ngũ"] = "XUAT_NGU", ["Quân nhân xuất ngũ"] = "XUAT_NGU", ["Hoàn thành NVQS"] = "XUAT_NGU",
        ["Hoạt động ở ấp"] = "HOAT_DONG_AP", ["Cán bộ ấp"] = "HOAT_DONG_AP", ["Người hoạt động không chuyên trách ở ấp"] = "HOAT_DONG_AP",
        ["Kinh tế giỏi"] = "KINH_TE_GIOI", ["Làm kinh tế giỏi"] = "KINH_TE_GIOI", ["SXKD giỏi"] = "KINH_TE_GIOI",
        ["Uy tín"] = "UY_TIN", ["Người có uy tín"] = "UY_TIN",
    });

    private static Dictionary<string, T> Folded<T>(Dictionary<string, T> items) =>
        items.ToDictionary(i => ImportFields.FoldName(i.Key), i => i.Value, StringComparer.Ordinal);

    public static ReferenceItem? Religion(string text) => Item(text, Religions.All, s_religions);

    public static ReferenceItem? Professional(string text) => Item(text, ProfessionalEducationLevels.All, s_professional, prefix: true);

    public static ReferenceItem? Theory(string text) => Item(text, PoliticalTheoryLevels.All, s_theory, prefix: true);

    /// <summary>"9/12", "9", "Lớp 9", "9/12 (bổ túc)", "THPT" → the grade; null for anything else.</summary>
    public static int? General(string text)
    {
        if (EducationLevels.TryParseGeneral(text, out var grade)) return grade;
        var folded = ImportFields.FoldName(text);
        if (s_general.TryGetValue(folded, out var g)) return g;
        if (folded.StartsWith("lop ", StringComparison.Ordinal)) folded = folded[4..];
        // "9 12" is "9/12" folded; a note after the grade ("12/12 bổ túc") is not the grade.
        var parts = folded.Split(' ');
        return parts.Length >= 1 && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && n is >= 1 and <= EducationLevels.MaxGrade && (parts.Length == 1 || parts[1] == "12") ? n : null;
    }

    private static ReferenceItem? Item(string text, IReadOnlyList<ReferenceItem> all, Dictionary<string, string> aliases, bool prefix = false)
    {
        var folded = ImportFields.FoldName(text);
        if (folded.Length == 0) return null;
        if ((all.FindCode(text) ?? all.FirstOrDefault(i => ImportFields.FoldName(i.Name) == folded)) is { } hit) return hit;
        if (aliases.TryGetValue(folded, out var code)) return all.FindCode(code);
        // "ĐH Luật", "Trung cấp LLCT": the level first, then what was studied.
        if (prefix && aliases.Where(a => folded.StartsWith(a.Key + " ", StringComparison.Ordinal)).OrderByDescending(a => a.Key.Length).FirstOrDefault() is { Key: not null } p)
            return all.FindCode(p.Value);
        return null;
    }

    /// <summary>"Có phải “Phật giáo Hòa Hảo”?" and, for a short list, what it accepts.</summary>
    public static string Hint(string text, IReadOnlyList<ReferenceItem> all)
    {
        var folded = ImportFields.FoldName(text);
        var nearest = all.Select(i => (i.Name, Key: ImportFields.FoldName(i.Name)))
            .Select(i => (i.Name, Distance: i.Key.Contains(folded, StringComparison.Ordinal) && folded.Length >= 3 ? 0 : CellNames.Distance(folded, i.Key)))
            .Where(i => i.Distance <= Math.Max(1, folded.Length / 4)).OrderBy(i => i.Distance).Select(i => i.Name).FirstOrDefault();
        var hint = nearest is null ? "" : $" Có phải “{nearest}”?";
        if (all.Count <= 10) hint += $" Các giá trị dùng được: {string.Join(", ", all.Select(i => $"“{i.Name}”"))}.";
        return hint;
    }

    /// <summary>
    /// The sources a cell names: the whole cell first (catalogue names contain commas: "Đoàn viên, thanh niên"), then its
    /// parts split on ";" and new lines, and a part split on "," only when every piece of it is a source.
    /// </summary>
    public static (List<int> Ids, List<string> Unknown) Sources(string text, IReadOnlyList<(int Id, string Code, string Name)> sources)
    {
        int? One(string part)
        {
            var folded = ImportFields.FoldName(part);
            if (folded.Length == 0) return null;
            foreach (var s in sources)
                if (ImportFields.FoldName(s.Name) == folded || ImportFields.FoldName(s.Code) == folded) return s.Id;
            return s_sources.TryGetValue(folded, out var code) && sources.FirstOrDefault(s => s.Code == code) is { Id: > 0 } hit ? hit.Id : null;
        }

        var ids = new List<int>();
        var unknown = new List<string>();
        if (One(text) is { } whole) return ([whole], unknown);
        foreach (var part in text.Split([';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (One(part) is { } id) { ids.Add(id); continue; }
            var pieces = part.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => (p, Id: One(p))).ToList();
            if (pieces.Count > 1 && pieces.All(p => p.Id is not null)) ids.AddRange(pieces.Select(p => p.Id!.Value));
            else unknown.Add(part);
        }
        return ([.. ids.Distinct()], unknown);
    }
}
