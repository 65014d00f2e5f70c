using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;

namespace PhatTrienDangVien.Core.Planning;

/// <summary>
/// A new member as the structure report reads it: the facts of the person on the admission date.
/// <paramref name="AdmittedOn"/> is the ceremony date in the member register (see <see cref="CaseHistory"/>);
/// <paramref name="CandidateId"/> is the procedure case, null for an admission entered in the register only;
/// <paramref name="FromRegister"/>: no ceremony of this person was recorded through the procedure ("từ sổ đảng viên").
/// </summary>
public sealed record NewMember(
    int MemberId,
    int CellId,
    DateOnly AdmittedOn,
    Gender Gender,
    DateOnly DateOfBirth,
    string? EthnicityCode,
    string? ReligionCode,
    bool IsYouthUnionMember,
    int? GeneralEducationGrade,
    string? ProfessionalEducationCode,
    IReadOnlyList<string> SourceCodes,
    int? CandidateId = null,
    bool FromRegister = false)
{
    public static NewMember From(Person person, int memberId, int? candidateId, int cellId, DateOnly admittedOn, IReadOnlyList<string> sourceCodes,
        bool fromRegister = false)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new NewMember(memberId, cellId, admittedOn, person.Gender, person.DateOfBirth, person.EthnicityCode,
            person.ReligionCode, person.IsYouthUnionMember, person.GeneralEducationGrade, person.ProfessionalEducationCode, sourceCodes, candidateId,
            fromRegister);
    }

    public bool IsWoman => Gender == Gender.Female;

    /// <summary>18 to 30 full years old on the admission date ("đảng viên trẻ").</summary>
    public bool IsYoung => AdmittedOn >= DateOfBirth
        && Age.FullYears(DateOfBirth, AdmittedOn) is >= NewMemberStructure.YoungMinAge and <= CandidateFacts.YoungMaxAge;
    public bool IsEthnicMinority => Ethnicities.IsMinority(EthnicityCode);
    public bool IsReligious => !Religions.IsNone(ReligionCode);
    public string GeneralEducationBucket => NewMemberStructure.GeneralBucket(GeneralEducationGrade);
    public string ProfessionalEducationBucket => ProfessionalEducationLevels.Find(ProfessionalEducationCode)?.Code ?? NewMemberStructure.Unknown;
}

/// <summary>
/// A part of the new members the structure report counts, by the same test it counts with, so that a figure and the
/// list it opens agree: "women", "young", "youth-union", "minority", "religious", "general:12", "professional:CODE",
/// "source:CODE", "register" (admitted before the software, from the register only).
/// </summary>
public static class NewMemberFacets
{
    public static Func<NewMember, bool>? Parse(string? facet)
    {
        if (string.IsNullOrEmpty(facet)) return null;
        var (name, value) = facet.IndexOf(':', StringComparison.Ordinal) is var i and >= 0 ? (facet[..i], facet[(i + 1)..]) : (facet, "");
        return name switch
        {
            "women" => m => m.IsWoman,
            "young" => m => m.IsYoung,
            "youth-union" => m => m.IsYouthUnionMember,
            "minority" => m => m.IsEthnicMinority,
            "religious" => m => m.IsReligious,
            "general" => m => m.GeneralEducationBucket == value,
            "professional" => m => m.ProfessionalEducationBucket == value,
            "source" => m => m.SourceCodes.Contains(value, StringComparer.Ordinal),
            "register" => m => m.FromRegister,
            _ => null,
        };
    }

    /// <summary>The facet in words, for the filter shown above the list; null when unknown.</summary>
    public static string? Describe(string? facet, Func<string, string?> sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        if (string.IsNullOrEmpty(facet)) return null;
        var (name, value) = facet.IndexOf(':', StringComparison.Ordinal) is var i and >= 0 ? (facet[..i], facet[(i + 1)..]) : (facet, "");
        return name switch
        {
            "women" => "nữ",
            "young" => "trẻ (18–30 tuổi khi kết nạp)",
            "youth-union" => "đoàn viên Đoàn TNCS Hồ Chí Minh",
            "minority" => "dân tộc thiểu số",
            "religious" => "có tôn giáo",
            "general" => "học vấn " + NewMemberStructure.GeneralLabel(value),
            "professional" => "chuyên môn " + (ProfessionalEducationLevels.Find(value)?.Name ?? "chưa ghi"),
            "source" => "nguồn " + (sourceName(value) ?? value),
            "register" => "từ sổ đảng viên (kết nạp không qua phần mềm)",
            _ => null,
        };
    }
}

/// <summary>
/// The parts of a set of new members every report counts (the structure, the new-members list's totals, the
/// development report's rows, the province's line per commune), by the tests of <see cref="NewMember"/>: one way of
/// counting, so that the same people give the same figures wherever they are shown.
/// </summary>
public sealed record NewMemberCounts(int Count, int Women, int Young, int EthnicMinority, int Religious, int YouthUnion, int General12, int FromRegister)
{
    public static readonly NewMemberCounts None = new(0, 0, 0, 0, 0, 0, 0, 0);

    public static NewMemberCounts Of(IEnumerable<NewMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        int count = 0, women = 0, young = 0, minority = 0, religious = 0, youthUnion = 0, general12 = 0, fromRegister = 0;
        foreach (var m in members)
        {
            count++;
            if (m.IsWoman) women++;
            if (m.IsYoung) young++;
            if (m.IsEthnicMinority) minority++;
            if (m.IsReligious) religious++;
            if (m.IsYouthUnionMember) youthUnion++;
            if (m.GeneralEducationBucket == "12") general12++;
            if (m.FromRegister) fromRegister++;
        }
        return new(count, women, young, minority, religious, youthUnion, general12, fromRegister);
    }

    /// <summary>The counts of several sets together (the sets share no one: a member is admitted once).</summary>
    public static NewMemberCounts Sum(IEnumerable<NewMemberCounts> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return parts.Aggregate(None, (a, b) => new(a.Count + b.Count, a.Women + b.Women, a.Young + b.Young, a.EthnicMinority + b.EthnicMinority,
            a.Religious + b.Religious, a.YouthUnion + b.YouthUnion, a.General12 + b.General12, a.FromRegister + b.FromRegister));
    }
}

/// <summary>A count under a key (code or bucket), with its share of the total in percent.</summary>
public sealed record Breakdown(string Key, string Label, int Count, double Percent);

/// <summary>The figures users report on new members (domain.md §6).</summary>
/// <param name="Young">Aged 18 to 30 full years on the admission date ("đảng viên trẻ").</param>
/// <param name="EthnicMinorities">Known ethnicity other than Kinh (<see cref="Ethnicities.IsMinority"/>).</param>
/// <param name="Religious">A religion other than "Không" (<see cref="Religions.IsNone"/>).</param>
/// <param name="Sources">One count per source category; a member tagged with several counts in each, so these may add up to more than the total.</param>
public sealed record StructureReport(
    int Total,
    int Women,
    int Young,
    int EthnicMinorities,
    int Religious,
    int YouthUnion,
    IReadOnlyList<Breakdown> GeneralEducation,
    IReadOnlyList<Breakdown> ProfessionalEducation,
    IReadOnlyList<Breakdown> Sources,
    IReadOnlyList<Breakdown> Cells)
{
    /// <summary>Percent of <see cref="Total"/>, one decimal.</summary>
    public double PercentOf(int count) => Stats.Percent(count, Total);
}

public static class NewMemberStructure
{
    /// <summary>Bucket key for a missing value.</summary>
    public const string Unknown = "";

    public const int YoungMinAge = 18;

    /// <summary>
    /// General education buckets: "12" (12/12), "9-11" (lower secondary completed), "1-8" (below), "" (not recorded).
    /// </summary>
    public static string GeneralBucket(int? grade) => grade switch
    {
        EducationLevels.MaxGrade => "12",
        >= 9 and < EducationLevels.MaxGrade => "9-11",
        >= 1 and < 9 => "1-8",
        _ => Unknown,
    };

    public static string GeneralLabel(string bucket) =>
        bucket switch { "12" => "12/12", "9-11" => "9/12 – 11/12", "1-8" => "Dưới 9/12", _ => "Chưa ghi" };

    public static StructureReport Compute(IEnumerable<NewMember> members, Func<int, string>? cellName = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        var list = members.ToList();
        var total = list.Count;

        var general = Count(list.Select(m => m.GeneralEducationBucket),
            ["12", "9-11", "1-8", Unknown],
            GeneralLabel, total);

        var professional = Count(list.Select(m => m.ProfessionalEducationBucket),
            [.. ProfessionalEducationLevels.All.Select(l => l.Code), Unknown],
            k => ProfessionalEducationLevels.Find(k)?.Name ?? "Chưa ghi", total);

        var sourceCodes = list.SelectMany(m => m.SourceCodes.Distinct(StringComparer.Ordinal)).ToList();
        var sourceOrder = DefaultSourceCategories.All.Select(s => s.Code)
            .Concat(sourceCodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var sources = Count(sourceCodes, sourceOrder, k => DefaultSourceCategories.Find(k)?.Name ?? k, total);

        var cells = list.GroupBy(m => m.CellId).OrderBy(g => g.Key)
            .Select(g => new Breakdown(g.Key.ToString(), cellName?.Invoke(g.Key) ?? g.Key.ToString(), g.Count(), Stats.Percent(g.Count(), total)))
            .ToList();

        var c = NewMemberCounts.Of(list);
        return new StructureReport(total, c.Women, c.Young, c.EthnicMinority, c.Religious, c.YouthUnion, general, professional, sources, cells);
    }

    // Counts per key in the given order; keys with no count are left out.
    private static List<Breakdown> Count(IEnumerable<string> keys, IEnumerable<string> order, Func<string, string> label, int total)
    {
        var counts = keys.GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return [.. order.Distinct(StringComparer.Ordinal)
            .Where(counts.ContainsKey)
            .Select(k => new Breakdown(k, label(k), counts[k], Stats.Percent(counts[k], total)))];
    }
}
