using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Reference;
using T = PhatTrienDangVien.Core.Admission.AdmissionStepKind;

namespace PhatTrienDangVien.Core.Inspections;

/// <summary>What the inspection checklist looks for in a recorded case (issue 13; Chỉ thị 28-CT/TW names skipping steps
/// and admitting people who do not meet the standard among the typical faults).</summary>
public enum CheckKind
{
    /// <summary>A step recorded before one the procedure puts first, or without it.</summary>
    StepOrder = 1,
    /// <summary>The awareness-class certificate was missing or past its validity on the day of the cell's vote.</summary>
    CertificateValidAtVote = 2,
    /// <summary>The applicant was under 18 or over 60 (without the province's consent), counted in months, on the vote.</summary>
    AgeAtVote = 3,
    /// <summary>Introducers: how many, and 12 months together; the Youth Union path only for the youth age.</summary>
    Introducers = 4,
    /// <summary>A vote recorded as approving without 2/3, or a cell voting with fewer than 3 official members.</summary>
    TwoThirds = 5,
    /// <summary>The verification of the personal history was not complete when the cell voted.</summary>
    VerificationBeforeVote = 6,
    /// <summary>Recognition approved without the new-member class.</summary>
    NewMemberClass = 7,
    /// <summary>A step recorded after its deadline (decision, ceremony, recognition).</summary>
    Deadline = 8,
}

/// <summary>One breach found in one case: which check, the step's date and what is wrong, in Vietnamese.</summary>
public sealed record Breach(CheckKind Check, int CandidateId, DateOnly Date, string Message);

/// <summary>
/// Runs the rules engine's rules again over the steps a case holds, as the inspection committee reads a file: the guards
/// refuse a wrong step when it is recorded, but a case brought in from paper, recorded under an older rule book or
/// corrected by hand can still hold one. Each rule is read as it stood on the step's date.
/// </summary>
public static class CaseChecklist
{
    public static string Name(CheckKind k) => k switch
    {
        CheckKind.StepOrder => "Đúng trình tự các bước",
        CheckKind.CertificateValidAtVote => "Giấy chứng nhận lớp nhận thức còn giá trị khi chi bộ xét",
        CheckKind.AgeAtVote => "Tuổi đời khi chi bộ xét (tính theo tháng)",
        CheckKind.Introducers => "Người giới thiệu đúng quy định",
        CheckKind.TwoThirds => "Biểu quyết đạt 2/3; chi bộ đủ 3 đảng viên chính thức",
        CheckKind.VerificationBeforeVote => "Thẩm tra lý lịch xong trước khi chi bộ xét",
        CheckKind.NewMemberClass => "Học lớp đảng viên mới trước khi công nhận chính thức",
        CheckKind.Deadline => "Đúng thời hạn (quyết định, lễ kết nạp, công nhận)",
        _ => "(không hợp lệ)",
    };

    /// <summary>The steps the procedure puts before each kind (only those a case must have recorded first).</summary>
    private static readonly Dictionary<T, T[]> s_before = new()
    {
        [T.AwarenessClass] = [T.SourcePool],
        [T.Application] = [T.SourcePool],
        [T.PersonalHistory] = [T.Application],
        [T.Introduction] = [T.Application],
        [T.Opinions] = [T.Application],
        [T.CellVote] = [T.AwarenessClass, T.Application, T.PersonalHistory, T.Introduction, T.Opinions],
        [T.SubCommitteeVote] = [T.CellVote],
        [T.Decision] = [T.CellVote],
        [T.Ceremony] = [T.Decision],
        [T.NewMemberClass] = [T.Ceremony],
        [T.RecognitionVote] = [T.Ceremony],
        [T.RecognitionDecision] = [T.RecognitionVote],
    };

    public static IReadOnlyList<Breach> Run(int candidateId, DateOnly dateOfBirth, IEnumerable<StepRecord> recorded, RuleBook rules)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(rules);
        var steps = recorded.OrderBy(s => s.Date).ThenBy(s => s.Id).ToList();
        var breaches = new List<Breach>();
        void Add(CheckKind k, StepRecord s, string message) => breaches.Add(new Breach(k, candidateId, s.Date, message));
        string Step(StepRecord s) => $"{StepNames.Of(s.Kind)} ngày {s.Date:dd/MM/yyyy}";

        // A case opened from the register starts at its decision and ceremony: nothing before them is expected.
        bool fromRegister = steps.Any(s => s.Kind is T.Decision or T.Ceremony
            && (s.ReadDetails<DecisionDetails>()?.FromRegister == true || (s.Kind == T.Ceremony && s.ReadDetails<CeremonyDetails>()?.FromRegister == true)));

        foreach (var s in steps)
        {
            if (!s_before.TryGetValue(s.Kind, out var before)) continue;
            if (fromRegister && s.Kind is T.Decision or T.Ceremony or T.SubCommitteeVote) continue;
            foreach (var need in before)
            {
                var first = steps.FirstOrDefault(x => x.Kind == need);
                if (first is null) Add(CheckKind.StepOrder, s, $"{Step(s)} nhưng hồ sơ không có bước “{StepNames.Of(need)}”.");
                else if (first.Date > s.Date) Add(CheckKind.StepOrder, s, $"{Step(s)} trước bước “{StepNames.Of(need)}” (ngày {first.Date:dd/MM/yyyy}).");
            }
        }

        foreach (var s in steps.Where(s => s.Kind == T.CellVote && s.Outcome == VoteOutcome.Approved))
        {
            var r = rules.At(s.Date);
            var vote = s.ReadDetails<CellVoteDetails>();
            var certificate = steps.Where(x => x.Kind == T.AwarenessClass && x.Date <= s.Date).Select(x => x.ReadDetails<ClassDetails>()).LastOrDefault(c => c is not null);
            if (certificate is null)
                Add(CheckKind.CertificateValidAtVote, s, $"{Step(s)}: chưa có giấy chứng nhận học lớp nhận thức về Đảng.");
            else if (certificate.CertificateDate.AddMonths(r.CertificateValidityMonths) < s.Date)
                Add(CheckKind.CertificateValidAtVote, s,
                    $"{Step(s)}: giấy chứng nhận số {certificate.CertificateNumber} ngày {certificate.CertificateDate:dd/MM/yyyy} đã hết giá trị ({r.CertificateValidityMonths} tháng).");

            int months = s.Date < dateOfBirth ? -1 : Age.FullMonths(dateOfBirth, s.Date);
            if (months < r.MinAgeMonths)
                Add(CheckKind.AgeAtVote, s, $"{Step(s)}: người vào Đảng mới {Math.Max(0, months) / 12} tuổi {Math.Max(0, months) % 12} tháng, chưa đủ {r.MinAgeMonths / 12} tuổi.");
            else if (months > r.MaxAgeMonths && string.IsNullOrWhiteSpace(vote?.Over60ConsentDocument))
                Add(CheckKind.AgeAtVote, s, $"{Step(s)}: người vào Đảng đã {months / 12} tuổi {months % 12} tháng, không có văn bản đồng ý của Ban Thường vụ Tỉnh ủy.");

            var history = steps.Where(x => x.Kind == T.PersonalHistory && x.Date <= s.Date).Select(x => x.ReadDetails<VerificationDetails>()).LastOrDefault(v => v is not null);
            if (history is not null && !history.IsComplete)
                Add(CheckKind.VerificationBeforeVote, s, $"{Step(s)}: còn người trong lý lịch chưa có kết quả thẩm tra.");
        }

        foreach (var s in steps.Where(s => s.Kind is T.CellVote or T.SubCommitteeVote or T.RecognitionVote && s.Outcome == VoteOutcome.Approved))
        {
            var r = rules.At(s.Date);
            if (s.ReadDetails<VoteDetails>() is not { } v) continue;
            if (v.For * r.VoteDenominator < v.Denominator * r.VoteNumerator)
                Add(CheckKind.TwoThirds, s, $"{Step(s)}: {v.For}/{v.Denominator} tán thành, chưa đủ {r.VoteNumerator}/{r.VoteDenominator}.");
            if (s.Kind is T.CellVote or T.RecognitionVote && v.Members < r.MinOfficialMembersToVote)
                Add(CheckKind.TwoThirds, s, $"{Step(s)}: chi bộ chỉ có {v.Members} đảng viên chính thức, dưới {r.MinOfficialMembersToVote}.");
        }

        foreach (var s in steps.Where(s => s.Kind == T.Introduction))
        {
            var r = rules.At(s.Date);
            if (s.ReadDetails<IntroductionDetails>() is not { } intro) continue;
            int needed = intro.Path == IntroductionPath.TwoMembers ? 2 : 1;
            if (intro.Introducers.Count < needed)
                Add(CheckKind.Introducers, s, $"{Step(s)}: có {intro.Introducers.Count} đảng viên giới thiệu, cần {needed}.");
            foreach (var i in intro.Introducers.Where(i => i.MonthsTogether < r.IntroducerMinMonthsTogether))
                Add(CheckKind.Introducers, s, $"{Step(s)}: một người giới thiệu mới cùng công tác, sinh sống {i.MonthsTogether} tháng, chưa đủ {r.IntroducerMinMonthsTogether} tháng.");
            if (intro.Path == IntroductionPath.YouthUnion && Age.FullYears(dateOfBirth, s.Date) > r.YouthMaxAge)
                Add(CheckKind.Introducers, s, $"{Step(s)}: Đoàn giới thiệu người đã quá {r.YouthMaxAge} tuổi.");
            if (intro.Path != IntroductionPath.TwoMembers && string.IsNullOrWhiteSpace(intro.OrganisationResolutionNumber))
                Add(CheckKind.Introducers, s, $"{Step(s)}: không có số nghị quyết giới thiệu của Đoàn (Công đoàn).");
        }

        foreach (var s in steps.Where(s => s.Kind == T.RecognitionVote && s.Outcome == VoteOutcome.Approved))
        {
            if (!steps.Any(x => x.Kind == T.NewMemberClass && x.Date <= s.Date))
                Add(CheckKind.NewMemberClass, s, $"{Step(s)}: đảng viên dự bị chưa học lớp bồi dưỡng lý luận chính trị cho đảng viên mới.");
        }

        foreach (var s in steps.Where(s => s.IsLate))
        {
            var consent = s.Kind == T.Ceremony && !string.IsNullOrWhiteSpace(s.ReadDetails<CeremonyDetails>()?.LateConsentDocument)
                ? $" (có văn bản đồng ý {s.ReadDetails<CeremonyDetails>()!.LateConsentDocument})" : "";
            Add(CheckKind.Deadline, s, $"{Step(s)}: quá hạn{(s.DueDate is { } due ? $" (hạn {due:dd/MM/yyyy})" : "")}{consent}.");
        }

        return [.. breaches.OrderBy(b => b.Date).ThenBy(b => b.Check)];
    }
}
