using System.Globalization;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Calendar;
using PhatTrienDangVien.Core.People;

namespace PhatTrienDangVien.Core.Tests.Admission;

/// <summary>Builds cases step by step with valid inputs, so each test changes only what it checks.</summary>
internal sealed class CaseDriver
{
    public static readonly WorkingDayCalendar WorkingDays = new();

    public CaseDriver(DateOnly birth, DateOnly today, RuleBook? rules = null, PriorExit? priorExit = null)
    {
        Case = new AdmissionCase(42, birth, null, priorExit);
        Today = today;
        Rules = rules ?? RuleBook.Defaults;
    }

    public AdmissionCase Case { get; }
    public DateOnly Today { get; set; }
    public RuleBook Rules { get; }
    public StepContext Ctx => new(Rules, WorkingDays, Today, Today.ToDateTime(new TimeOnly(2, 30), DateTimeKind.Utc), "bi.thu.chi.bo");

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static IntroducerInput Official(int id, DateOnly togetherSince) =>
        new() { MemberId = id, Status = MemberStatus.Official, OfficialSince = D("2010-01-01"), TogetherSince = togetherSince };

    public static PersonalHistoryInput History(DateOnly date, VerificationResult parents = VerificationResult.Verified) => new()
    {
        Date = date,
        People =
        [
            new() { Relationship = "Bản thân", FullName = "Nguyễn Văn An", Result = VerificationResult.Verified },
            new() { Relationship = "Cha", FullName = "Nguyễn Văn Bình", Result = parents },
            new() { Relationship = "Mẹ", FullName = "Trần Thị Cúc", Result = VerificationResult.ExemptPartyMember },
        ],
    };

    /// <summary>Source pool to mentor assignment on <paramref name="start"/>, class on the same day.</summary>
    public CaseDriver ToClassPassed(DateOnly start, DateOnly? certificateDate = null)
    {
        Case.RecordSourcePool(new SimpleStepInput { Date = start }, Ctx);
        Case.RecordMentorAssigned(new MentorInput { Date = start, MentorMemberId = 7 }, Ctx);
        Case.RecordAwarenessClass(new ClassInput { Date = start, CertificateNumber = "15/CN-TTCT", CertificateDate = certificateDate ?? start }, Ctx);
        return this;
    }

    /// <summary>Everything up to the opinions, on successive dates from <paramref name="start"/>.</summary>
    public CaseDriver ToOpinions(DateOnly start, DateOnly? certificateDate = null, VerificationResult parents = VerificationResult.Verified)
    {
        ToClassPassed(start, certificateDate);
        Case.RecordApplication(new SimpleStepInput { Date = start.AddDays(1) }, Ctx);
        Case.RecordPersonalHistory(History(start.AddDays(2), parents), Ctx);
        Case.RecordIntroduction(new IntroductionInput
        {
            Date = start.AddDays(3),
            Path = IntroductionPath.TwoMembers,
            Introducers = [Official(1, start.AddYears(-2)), Official(2, start.AddYears(-3))],
        }, Ctx);
        Case.RecordOpinions(new SimpleStepInput { Date = start.AddDays(4) }, Ctx);
        return this;
    }

    public StepRecord CellVote(DateOnly date, int forVotes = 9, int officialMembers = 10, int excluded = 0, bool subCommittee = false,
        string? over60Consent = null, int? present = null, string? readmissionConsent = null) =>
        Case.RecordCellVote(new CellVoteInput
        {
            Date = date, DocumentNumber = "01-NQ/CB", For = forVotes, Against = 0,
            Present = present ?? officialMembers - excluded, Over60ConsentDocument = over60Consent, ReadmissionConsentDocument = readmissionConsent,
        }, new CellRoster(officialMembers, excluded, subCommittee), Ctx);

    public StepRecord Decision(DateOnly date, DateOnly? received = null) =>
        Case.RecordDecision(new DecisionInput { Date = date, DocumentNumber = "123-QĐ/ĐU", ReceivedByCellOn = received }, Ctx);

    public StepRecord Ceremony(DateOnly date, string? consent = null) =>
        Case.RecordCeremony(new CeremonyInput { Date = date, LateConsentDocument = consent }, Ctx);

    public StepRecord NewMemberClass(DateOnly date) =>
        Case.RecordNewMemberClass(new ClassInput { Date = date, CertificateNumber = "88/CN-TTCT", CertificateDate = date }, Ctx);

    public StepRecord RecognitionVote(DateOnly date, int forVotes, int against, int officialMembers = 9) =>
        Case.RecordRecognitionVote(new VoteInput { Date = date, For = forVotes, Against = against, Present = officialMembers },
            new CellRoster(officialMembers, 0, false), Ctx);

    /// <summary>Opinions on <paramref name="start"/>+4, approving cell vote on +10, decision +20, ceremony +25.</summary>
    public CaseDriver ToProbation(DateOnly start)
    {
        ToOpinions(start);
        CellVote(start.AddDays(10));
        Decision(start.AddDays(20));
        Ceremony(start.AddDays(25));
        return this;
    }
}
