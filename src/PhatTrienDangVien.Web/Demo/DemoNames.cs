namespace PhatTrienDangVien.Web.Demo;

/// <summary>Fictional Vietnamese names with a realistic surname mix for the Mekong delta.</summary>
internal static class DemoNames
{
    // Surname weights (per 1,000), roughly the national distribution with Huỳnh as common as in An Giang.
    private static readonly (string Name, int Weight)[] s_surnames =
    [
        ("Nguyễn", 360), ("Trần", 110), ("Lê", 90), ("Phạm", 60), ("Huỳnh", 60), ("Võ", 45), ("Phan", 40),
        ("Đặng", 22), ("Bùi", 18), ("Đỗ", 15), ("Hồ", 18), ("Ngô", 14), ("Dương", 12), ("Lý", 8), ("Trương", 14),
        ("Lâm", 10), ("Châu", 10), ("Đoàn", 8), ("Mai", 6), ("Tô", 5), ("Thái", 5), ("Hoàng", 10), ("Cao", 6),
        ("Lương", 5), ("Đinh", 5), ("Quách", 4),
    ];

    private static readonly string[] s_maleMiddle = ["Văn", "Văn", "Văn", "Minh", "Thanh", "Hữu", "Quốc", "Đức", "Công", "Hoàng", "Tấn", "Phước"];
    private static readonly string[] s_femaleMiddle = ["Thị", "Thị", "Thị", "Ngọc", "Thanh", "Kim", "Thu", "Mỹ", "Hồng", "Bích", "Thúy"];

    private static readonly string[] s_maleGiven =
    [
        "An", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Hải", "Hiếu", "Hòa", "Hùng", "Huy", "Khang", "Khoa", "Lâm", "Lộc",
        "Long", "Minh", "Nam", "Nghĩa", "Nhân", "Phát", "Phong", "Phúc", "Quang", "Sơn", "Tài", "Tâm", "Thắng", "Thành",
        "Thiện", "Thịnh", "Toàn", "Trí", "Trung", "Tuấn", "Vinh", "Vũ", "Kiệt", "Hậu", "Tú", "Lực", "Sang",
    ];

    private static readonly string[] s_femaleGiven =
    [
        "Anh", "Ánh", "Bích", "Châu", "Diễm", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng",
        "Huyền", "Hương", "Lan", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhi", "Nhung", "Oanh", "Phương",
        "Quyên", "Thảo", "Thơ", "Thủy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Yến", "Xuân",
    ];

    private static readonly int s_totalWeight = s_surnames.Sum(s => s.Weight);

    public static string Next(Random random, bool female)
    {
        var pick = random.Next(s_totalWeight);
        var surname = s_surnames[^1].Name;
        foreach (var (name, weight) in s_surnames)
        {
            if (pick < weight) { surname = name; break; }
            pick -= weight;
        }
        var middle = female ? s_femaleMiddle[random.Next(s_femaleMiddle.Length)] : s_maleMiddle[random.Next(s_maleMiddle.Length)];
        var given = female ? s_femaleGiven[random.Next(s_femaleGiven.Length)] : s_maleGiven[random.Next(s_maleGiven.Length)];
        // Some people carry two middle names (Nguyễn Thị Ngọc Ánh).
        if (random.NextDouble() < 0.15)
            middle += " " + (female ? s_femaleMiddle[1 + random.Next(s_femaleMiddle.Length - 1)] : s_maleMiddle[3 + random.Next(s_maleMiddle.Length - 3)]);
        return middle.Split(' ').Distinct().Count() == middle.Split(' ').Length ? $"{surname} {middle} {given}" : $"{surname} {middle.Split(' ')[0]} {given}";
    }

    /// <summary><paramref name="fullName"/> with its family name replaced: a father carries his child's family name.</summary>
    public static string WithSurname(string surname, string fullName) => surname + fullName[fullName.IndexOf(' ', StringComparison.Ordinal)..];
}
