using K = PhatTrienDangVien.Core.Admission.RuleParameterKeys;

namespace PhatTrienDangVien.Core.Admission;

/// <summary>
/// Every version of every rule parameter. <see cref="At"/> gives the set in force on a date: per key, the version
/// with the latest <see cref="RuleParameter.EffectiveFrom"/> on or before that date.
/// </summary>
/// <remarks>
/// A date before the first version of a key gets that first version: the book holds no older text, and refusing
/// would make it impossible to record the history of a case that started before the current regulations
/// (their numbers carried over from the 2016–2025 texts, see domain.md §3).
/// </remarks>
public sealed class RuleBook
{
    private static readonly DateOnly s_statute2011 = new(2011, 1, 19);
    private static readonly DateOnly s_regulation294 = new(2025, 7, 1);

    private const string Statute4 = "Điều lệ Đảng, Điều 4";
    private const string Statute5 = "Điều lệ Đảng, Điều 5";
    private const string Reg294 = "Quy định 294-QĐ/TW (26/5/2025)";
    private const string Guide06 = "Hướng dẫn 06-HD/TW (9/6/2025)";
    private const string Inferred = "suy ra từ quy định 2016–2025, cần đối chiếu";

    private readonly Dictionary<string, RuleParameter[]> _byKey;

    public RuleBook(IEnumerable<RuleParameter> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        Versions = [.. versions.OrderBy(v => v.Key, StringComparer.Ordinal).ThenBy(v => v.EffectiveFrom)];
        foreach (RuleParameter v in Versions)
        {
            if (!RuleParameterKeys.All.Contains(v.Key))
            {
                throw new ArgumentException($"Unknown rule parameter key '{v.Key}'.", nameof(versions));
            }

            if (decimal.Truncate(v.Value) != v.Value || v.Value < 0)
            {
                throw new ArgumentException($"Rule parameter '{v.Key}' must be a whole, non-negative number.", nameof(versions));
            }
        }

        _byKey = Versions.GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (RuleParameter[] keyVersions in _byKey.Values)
        {
            for (int i = 1; i < keyVersions.Length; i++)
            {
                if (keyVersions[i].EffectiveFrom == keyVersions[i - 1].EffectiveFrom)
                {
                    throw new ArgumentException(
                        $"Two versions of '{keyVersions[i].Key}' apply from {keyVersions[i].EffectiveFrom:yyyy-MM-dd}.", nameof(versions));
                }
            }
        }

        string[] missing = [.. RuleParameterKeys.All.Where(k => !_byKey.ContainsKey(k))];
        if (missing.Length > 0)
        {
            throw new ArgumentException($"No version of: {string.Join(", ", missing)}.", nameof(versions));
        }
    }

    /// <summary>All versions, by key then date.</summary>
    public IReadOnlyList<RuleParameter> Versions { get; }

    /// <summary>The parameters in force on <paramref name="date"/>.</summary>
    public RuleSet At(DateOnly date) =>
        new(date, _byKey.ToDictionary(
            kv => kv.Key,
            kv => kv.Value.LastOrDefault(v => v.EffectiveFrom <= date) ?? kv.Value[0]));

    /// <summary>This book plus <paramref name="newVersions"/>; a new version replaces one of the same key and date.</summary>
    public RuleBook With(IEnumerable<RuleParameter> newVersions)
    {
        RuleParameter[] added = [.. newVersions];
        return new RuleBook(Versions
            .Where(v => !added.Any(a => a.Key == v.Key && a.EffectiveFrom == v.EffectiveFrom))
            .Concat(added));
    }

    /// <inheritdoc cref="With(IEnumerable{RuleParameter})"/>
    public RuleBook With(params RuleParameter[] newVersions) => With((IEnumerable<RuleParameter>)newVersions);

    /// <summary>The defaults of domain.md §3, with their sources; "inferred" values are not confirmed.</summary>
    public static RuleBook Defaults { get; } = new(
    [
        P(K.MinAgeMonths, 216, "tháng", "Tuổi tối thiểu khi chi bộ xét kết nạp: đủ 18 tuổi, tính theo tháng",
            $"{Statute4}; {Reg294}", true, s_regulation294),
        P(K.MaxAgeMonths, 720, "tháng",
            "Tuổi tối đa khi chi bộ xét kết nạp: đủ 60 tuổi, tính theo tháng; trên 60 tuổi phải có ý kiến bằng văn bản của Ban Thường vụ Tỉnh ủy",
            $"{Reg294}; {Guide06}", true, s_regulation294),
        P(K.CertificateValidityMonths, 60, "tháng",
            "Giấy chứng nhận bồi dưỡng nhận thức về Đảng có giá trị 60 tháng; quá hạn phải học lại trước khi chi bộ xét kết nạp",
            $"{Reg294}; {Guide06}", true, s_regulation294),
        P(K.IntroducerMinMonthsTogether, 12, "tháng",
            "Người giới thiệu là đảng viên chính thức, cùng công tác, học tập hoặc sinh sống với người vào Đảng ít nhất 12 tháng",
            Statute4, true, s_statute2011),
        P(K.YouthMaxAge, 30, "tuổi",
            "Độ tuổi thanh niên (đến đủ 30 tuổi): được Ban Chấp hành Đoàn cơ sở và một đảng viên chính thức giới thiệu",
            $"{Statute4}; {Reg294}", true, s_regulation294),
        P(K.VoteNumerator, 2, "phần", "Tỷ lệ biểu quyết tán thành: tử số (2/3 số đảng viên chính thức)",
            $"{Statute4}; {Statute5}", true, s_statute2011),
        P(K.VoteDenominator, 3, "phần", "Tỷ lệ biểu quyết tán thành: mẫu số (2/3 số đảng viên chính thức)",
            $"{Statute4}; {Statute5}", true, s_statute2011),
        P(K.MinOfficialMembersToVote, 3, "đảng viên chính thức",
            "Chi bộ có dưới 3 đảng viên chính thức không được xét kết nạp, công nhận chính thức",
            $"{Reg294}; {Guide06}", true, s_regulation294),
        P(K.DecidingBody, (int)Admission.DecidingBody.CommuneStandingBoard, "mã (1 = Ban Thường vụ Đảng ủy xã, 2 = Ban Chấp hành Đảng bộ xã)",
            "Cấp có thẩm quyền quyết định kết nạp và công nhận chính thức",
            $"{Reg294} ({Inferred})", false, s_regulation294),
        P(K.DecisionDeadlineWorkingDays, 60, "ngày làm việc",
            "Cấp ủy có thẩm quyền quyết định kết nạp trong 60 ngày làm việc kể từ ngày chi bộ có nghị quyết đề nghị",
            $"{Reg294}; {Guide06} ({Inferred})", false, s_regulation294),
        P(K.DecisionExtensionWorkingDays, 30, "ngày làm việc",
            "Trường hợp đặc biệt được kéo dài thời hạn quyết định kết nạp thêm 30 ngày làm việc",
            $"{Reg294}; {Guide06} ({Inferred})", false, s_regulation294),
        P(K.CeremonyDeadlineWorkingDays, 30, "ngày làm việc",
            "Chi bộ tổ chức lễ kết nạp trong 30 ngày làm việc kể từ ngày nhận quyết định; chậm hơn phải được cấp ủy cấp trên đồng ý",
            $"{Reg294}; {Guide06} ({Inferred})", false, s_regulation294),
        P(K.ProbationMonths, 12, "tháng", "Thời kỳ dự bị 12 tháng, tính từ ngày chi bộ tổ chức lễ kết nạp",
            Statute5, true, s_statute2011),
        P(K.RecognitionReviewDeadlineWorkingDays, 30, "ngày làm việc",
            "Chi bộ xét công nhận đảng viên chính thức trong 30 ngày làm việc kể từ ngày đảng viên hết 12 tháng dự bị",
            $"{Statute5}; {Reg294}; {Guide06} ({Inferred})", false, s_regulation294),
        P(K.RecognitionDecisionDeadlineWorkingDays, 30, "ngày làm việc",
            "Cấp ủy có thẩm quyền quyết định công nhận chính thức trong 30 ngày làm việc kể từ ngày chi bộ có nghị quyết",
            $"{Reg294}; {Guide06} ({Inferred})", false, s_regulation294),
        P(K.RecognitionDecisionExtensionWorkingDays, 30, "ngày làm việc",
            "Trường hợp đặc biệt được kéo dài thời hạn quyết định công nhận chính thức thêm 30 ngày làm việc",
            $"{Reg294}; {Guide06} ({Inferred})", false, s_regulation294),
        P(K.MaxRecognitionVotes, 3, "lần",
            "Chi bộ xét công nhận tối đa 3 lần không đạt 2/3 (tán thành hoặc không tán thành); sau đó cấp ủy cấp trên quyết định",
            $"{Reg294}; {Guide06}", true, s_regulation294),
        P(K.ReadmissionWaitMonths, 36, "tháng",
            "Kết nạp lại: ít nhất 36 tháng kể từ khi ra khỏi Đảng (người bị án hình sự về tội ít nghiêm trọng: 60 tháng từ khi được xóa án tích)",
            $"{Reg294}, điểm 3.5.1", true, s_regulation294),
    ]);

    private static RuleParameter P(string key, decimal value, string unit, string name, string citation, bool confirmed, DateOnly from) =>
        new() { Key = key, Value = value, Unit = unit, Name = name, Citation = citation, IsConfirmed = confirmed, EffectiveFrom = from };
}
