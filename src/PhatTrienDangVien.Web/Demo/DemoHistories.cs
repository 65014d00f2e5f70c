using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Calendar;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Data;
using T = PhatTrienDangVien.Core.Admission.AdmissionStepKind;

namespace PhatTrienDangVien.Web.Demo;

/// <summary>Where a demo candidate's history ends.</summary>
internal enum DemoTarget
{
    SourcePool,
    Mentored,
    ClassPassed,
    Applied,
    HistoryVerified,
    Introduced,
    OpinionsCollected,
    CellApproved,
    /// <summary>Cell vote 80 working days ago, no decision: 20 working days overdue.</summary>
    CellApprovedOverdue,
    SubCommitteeApproved,
    Decided,
    /// <summary>Decision received 40 working days ago, no ceremony: 10 working days overdue.</summary>
    DecidedOverdue,
    /// <summary>Through the ceremony on <see cref="DemoCase.CeremonyDate"/>, then probation as far as today allows.</summary>
    Admitted,
    Withdrawn,
}

/// <summary>One planned step: its kind and date, and for a decision the day the cell received it.</summary>
internal sealed record PlannedStep(T Kind, DateOnly Date, DateOnly? Received = null, string? Reason = null);

/// <summary>A demo candidate with the steps planned for it.</summary>
internal sealed class DemoCase(Organisation cell, bool underSubCommittee, DemoTarget target)
{
    public Organisation Cell { get; } = cell;
    public bool UnderSubCommittee { get; } = underSubCommittee;
    public DemoTarget Target { get; } = target;
    public DateOnly? CeremonyDate { get; init; }
    /// <summary>For a withdrawal, its date.</summary>
    public DateOnly? EndDate { get; init; }
    /// <summary>Removal (xóa tên) during probation on this date.</summary>
    public DateOnly? RemovalDate { get; set; }
    /// <summary>The admission decided past its deadline (recorded late, as the procedure allows): the demo's one breach.</summary>
    public bool LateDecision { get; set; }
    public List<PlannedStep> Steps { get; } = [];
    public Candidate Candidate { get; set; } = null!;
    public LoadedCase? Loaded { get; set; }

    /// <summary>The first cell vote, if planned: the applicant must be 18 on that day.</summary>
    public DateOnly? CellVoteDate => Steps.FirstOrDefault(s => s.Kind == T.CellVote)?.Date;
}

/// <summary>
/// Plans full admission histories relative to "today" and records them through <see cref="RecordStep"/>
/// and the Core engine, every step with a context whose Today is the step's date, in date order over the whole
/// commune so that each vote's roster is the register as it stood that day.
/// </summary>
internal sealed class DemoHistories(
    AppDbContext db, RecordStep recorder, VoterRegister register, RuleBook book, WorkingDayCalendar calendar, Random random, DateOnly today,
    IReadOnlyDictionary<int, List<Member>> membersByCell)
{
    public const string Actor = "dữ liệu mẫu";

    /// <summary>The classes the class steps belong to (planned before the steps are recorded).</summary>
    public DemoClasses? Classes { get; set; }

    /// <summary>The last number written in each series of the demo (body, type); steps are recorded in date order.</summary>
    private readonly Dictionary<(int Body, string Type), int> _numbers = [];

    /// <summary>
    /// The next number of a series, which starts at <paramref name="first"/>: numbers of one series are never written
    /// twice (the register refuses a step whose number another paper holds). The random start is drawn for every
    /// step, as the numbers were before, so the rest of the demo stays the same.
    /// </summary>
    private string Numbered(int body, string type, int first)
    {
        var next = _numbers.TryGetValue((body, type), out var last) ? last + 1 : first;
        _numbers[(body, type)] = next;
        return next.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + type;
    }
    private const string DecidingBody = "Ban Thường vụ Đảng ủy xã Nhơn Mỹ";

    private static readonly string[] s_assessments =
    [
        "Chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước; tích cực trong phong trào ở địa phương.",
        "Có tinh thần trách nhiệm, hoàn thành tốt nhiệm vụ được giao; quan hệ tốt với quần chúng.",
        "Lối sống giản dị, gương mẫu; tham gia đầy đủ sinh hoạt đoàn thể; cần tiếp tục rèn luyện kỹ năng phát biểu ý kiến.",
        "Nhận thức về Đảng tiến bộ rõ; tích cực vận động gia đình và bà con trong ấp thực hiện phong trào xây dựng nông thôn mới.",
    ];

    private static readonly string[] s_withdrawals =
    [
        "Chuyển đến địa phương khác làm ăn, sinh sống lâu dài.",
        "Xin dừng vì hoàn cảnh gia đình khó khăn, chưa sắp xếp được thời gian tham gia sinh hoạt.",
    ];

    private const string RemovalReason =
        "Trong thời kỳ dự bị không giữ được tư cách đảng viên: bỏ sinh hoạt chi bộ ba kỳ liên tục không có lý do, không đóng đảng phí ba tháng.";

    // ---------------------------------------------------------------- planning (dates only, no database)

    /// <summary>Plans the steps of <paramref name="c"/>; the anchors depend on the target.</summary>
    public void Plan(DemoCase c)
    {
        switch (c.Target)
        {
            // The early stages: people who wait, some for years, and some who stopped moving long ago (stalled).
            case DemoTarget.SourcePool:
                c.Steps.Add(new(T.SourcePool, today.AddDays(-Waiting())));
                break;
            case DemoTarget.Mentored:
                PlanChain(c, AdmissionStage.Mentored, today.AddDays(-Stalled(900)));
                break;
            case DemoTarget.ClassPassed:
                PlanChain(c, AdmissionStage.ClassPassed, today.AddDays(-Stalled(1000)));
                break;
            case DemoTarget.Applied:
                PlanChain(c, AdmissionStage.Applied, today.AddDays(-Stalled(300)));
                break;
            case DemoTarget.HistoryVerified:
                PlanChain(c, AdmissionStage.HistoryVerified, today.AddDays(-Stalled(200)));
                break;
            case DemoTarget.Introduced:
                PlanChain(c, AdmissionStage.Introduced, today.AddDays(-random.Next(0, 90)));
                break;
            case DemoTarget.OpinionsCollected:
                PlanChain(c, AdmissionStage.OpinionsCollected, today.AddDays(-random.Next(0, 40)));
                break;
            case DemoTarget.CellApproved:
                PlanCellVote(c, BackWorkingDays(today, random.Next(3, 40)));
                break;
            case DemoTarget.CellApprovedOverdue:
                PlanCellVote(c, BackWorkingDays(today, 80));
                break;
            case DemoTarget.SubCommitteeApproved:
            {
                var sub = BackWorkingDays(today, random.Next(2, 20));
                PlanCellVote(c, BackWorkingDays(sub, random.Next(5, 20)));
                c.Steps.Add(new(T.SubCommitteeVote, sub));
                break;
            }
            case DemoTarget.Decided:
                PlanDecision(c, BackWorkingDays(today, random.Next(1, 20)));
                break;
            case DemoTarget.DecidedOverdue:
                PlanDecision(c, BackWorkingDays(today, 40));
                break;
            case DemoTarget.Admitted:
                PlanAdmitted(c);
                break;
            case DemoTarget.Withdrawn:
            {
                // Most leave early, after months or years of waiting; a few after applying.
                var stage = random.NextDouble() switch
                {
                    < 0.4 => AdmissionStage.SourcePool, < 0.75 => AdmissionStage.Mentored, < 0.9 => AdmissionStage.ClassPassed, _ => AdmissionStage.Applied,
                };
                var end = c.EndDate ?? today;
                PlanChain(c, stage, end.AddDays(-random.Next(20, 400)));
                c.Steps.Add(new(T.Withdrawal, end, Reason: s_withdrawals[random.Next(s_withdrawals.Length)]));
                break;
            }
        }
    }

    /// <summary>
    /// Days since entering the source pool of someone still there: the cells keep proposing people (about half of
    /// those waiting in the pool came in the last year), and the others have waited a year or more, some up to seven.
    /// </summary>
    private int Waiting() => random.NextDouble() switch
    {
        < 0.55 => random.Next(3, 365),
        < 0.8 => random.Next(365, 730),
        < 0.92 => random.Next(730, 1460),
        _ => random.Next(1460, 2555),
    };

    /// <summary>Days since the last step: recent for a quarter, otherwise anything up to <paramref name="max"/> (stalled: most
    /// of a pool does not move in a given year).</summary>
    private int Stalled(int max) => random.NextDouble() < 0.25 ? random.Next(0, 60) : random.Next(60, max);

    /// <summary>The steps before the cell vote, up to <paramref name="stage"/>, the last one on <paramref name="last"/>.</summary>
    private void PlanChain(DemoCase c, AdmissionStage stage, DateOnly last)
    {
        var kinds = new List<T> { T.SourcePool };
        if (stage >= AdmissionStage.Mentored)
        {
            kinds.Add(T.MentorAssigned);
            kinds.AddRange(Enumerable.Repeat(T.MentorAssessment, random.Next(1, 4)));
        }
        if (stage >= AdmissionStage.ClassPassed) kinds.Add(T.AwarenessClass);
        if (stage >= AdmissionStage.Applied) kinds.Add(T.Application);
        if (stage >= AdmissionStage.HistoryVerified) kinds.Add(T.PersonalHistory);
        if (stage >= AdmissionStage.Introduced) kinds.Add(T.Introduction);
        if (stage >= AdmissionStage.OpinionsCollected) kinds.Add(T.Opinions);

        var dates = new DateOnly[kinds.Count];
        var date = last;
        for (var i = kinds.Count - 1; i >= 0; i--)
        {
            dates[i] = date;
            if (i > 0) date = date.AddDays(-GapAfter(kinds[i - 1]));
        }
        for (var i = 0; i < kinds.Count; i++) c.Steps.Add(new(kinds[i], dates[i]));
    }

    /// <summary>Days between a step and the next one.</summary>
    private int GapAfter(T kind) => kind switch
    {
        // Waiting in the pool before a mentor is assigned: months for some, years for others.
        T.SourcePool => random.NextDouble() switch { < 0.35 => random.Next(30, 180), < 0.75 => random.Next(180, 540), _ => random.Next(540, 1100) },
        T.MentorAssigned or T.MentorAssessment => random.Next(60, 200),
        T.AwarenessClass => random.Next(7, 60),
        T.Application => random.Next(20, 60),
        T.PersonalHistory => random.Next(7, 30),
        T.Introduction => random.Next(5, 20),
        _ => random.Next(5, 25),
    };

    private void PlanCellVote(DemoCase c, DateOnly vote)
    {
        PlanChain(c, AdmissionStage.OpinionsCollected, vote.AddDays(-GapAfter(T.Opinions)));
        c.Steps.Add(new(T.CellVote, vote));
    }

    /// <summary>The steps up to the decision received by the cell on <paramref name="received"/>.</summary>
    private void PlanDecision(DemoCase c, DateOnly received)
    {
        var decision = PreviousWorkingDay(received.AddDays(-random.Next(0, 5)));
        if (c.UnderSubCommittee)
        {
            var sub = BackWorkingDays(decision, random.Next(5, 15));
            PlanCellVote(c, BackWorkingDays(sub, random.Next(5, 20)));
            c.Steps.Add(new(T.SubCommitteeVote, sub));
        }
        else
        {
            var gap = random.Next(10, 45);
            // The late one: four working days past the deadline counted from the cell's vote.
            if (c.LateDecision) gap = book.At(decision).DecisionDeadlineWorkingDays + 4;
            PlanCellVote(c, BackWorkingDays(decision, gap));
        }
        c.Steps.Add(new(T.Decision, decision, received));
    }

    private void PlanAdmitted(DemoCase c)
    {
        var ceremony = c.CeremonyDate!.Value;
        PlanDecision(c, BackWorkingDays(ceremony, random.Next(3, 20)));
        c.Steps.Add(new(T.Ceremony, ceremony));
        c.Steps.Add(new(T.ProbationMentorAssigned, ceremony));
        var end = ceremony.AddMonths(book.At(ceremony).ProbationMonths);
        var stop = c.RemovalDate ?? today;
        var newMemberClass = ceremony.AddDays(random.Next(60, 240));
        if (newMemberClass <= stop && newMemberClass < end) c.Steps.Add(new(T.NewMemberClass, newMemberClass));
        if (c.RemovalDate is { } removal)
        {
            c.Steps.Add(new(T.Removal, removal, Reason: RemovalReason));
            return;
        }
        if (end > today) return;
        // Most cells review within the 30 working days; one in ten is late.
        var vote = calendar.AddWorkingDays(end, random.NextDouble() < 0.1 ? random.Next(32, 50) : random.Next(2, 20));
        if (vote > today) return;
        c.Steps.Add(new(T.RecognitionVote, vote));
        var decision = calendar.AddWorkingDays(vote, random.Next(3, 20));
        if (decision <= today) c.Steps.Add(new(T.RecognitionDecision, decision));
    }

    /// <summary>The working day <paramref name="days"/> working days before <paramref name="date"/>:
    /// <c>WorkingDaysBetween(result, date) == days</c>.</summary>
    public DateOnly BackWorkingDays(DateOnly date, int days)
    {
        var d = date;
        for (var counted = 0; counted < days; d = d.AddDays(-1))
            if (calendar.IsWorkingDay(d)) counted++;
        return PreviousWorkingDay(d);
    }

    private DateOnly PreviousWorkingDay(DateOnly date)
    {
        while (!calendar.IsWorkingDay(date)) date = date.AddDays(-1);
        return date;
    }

    // ---------------------------------------------------------------- recording

    /// <summary>Records every planned step of every case, in date order across the commune.</summary>
    public async Task<int> RecordAsync(IReadOnlyList<DemoCase> cases, CancellationToken ct)
    {
        var order = cases.SelectMany((c, ci) => c.Steps.Select((s, si) => (Case: c, Step: s, ci, si)))
            .OrderBy(x => x.Step.Date).ThenBy(x => x.ci).ThenBy(x => x.si).ToList();
        foreach (var (c, step, _, _) in order)
        {
            await RecordAsync(c, step, ct);
            // Keep the change tracker small: every save scans it.
            db.ChangeTracker.Clear();
        }
        return order.Count;
    }

    private async Task RecordAsync(DemoCase c, PlannedStep p, CancellationToken ct)
    {
        var candidate = c.Candidate;
        if (db.Entry(candidate).State == EntityState.Detached) db.Candidates.Attach(candidate);
        var ctx = Context(p.Received ?? p.Date);
        c.Loaded ??= new LoadedCase(candidate, new AdmissionCase(candidate.Id, candidate.Person.DateOfBirth), book, ctx);
        var date = p.Date;
        var person = candidate.Person;

        Func<AdmissionCase, StepContext, StepRecord> record;
        switch (p.Kind)
        {
            case T.SourcePool:
                record = (a, _) => a.RecordSourcePool(new SimpleStepInput { Date = date, Note = "Chi bộ đưa vào danh sách quần chúng ưu tú." }, ctx);
                break;
            case T.MentorAssigned or T.ProbationMentorAssigned:
            {
                var mentor = Mentor(c.Cell.Id, date);
                var input = new MentorInput { Date = date, MentorMemberId = mentor.Id, DocumentNumber = Numbered(c.Cell.Id, "QĐ/CB", random.Next(5, 90)) };
                record = p.Kind == T.MentorAssigned ? (a, _) => a.RecordMentorAssigned(input, ctx) : (a, _) => a.RecordProbationMentorAssigned(input, ctx);
                break;
            }
            case T.MentorAssessment:
            {
                var input = new MentorInput
                {
                    Date = date, MentorMemberId = candidate.MentorMemberId ?? Mentor(c.Cell.Id, date).Id,
                    Note = s_assessments[random.Next(s_assessments.Length)],
                };
                record = (a, _) => a.RecordMentorAssessment(input, ctx);
                break;
            }
            case T.AwarenessClass or T.NewMemberClass:
            {
                // The number is drawn whether or not the class gives one, so the rest of the demo stays as it was.
                var drawn = $"{random.Next(100, 999)}/CN-TTCT";
                var placed = Classes?.Of(c, p);
                var input = new ClassInput
                {
                    Date = date, CertificateDate = date, CertificateNumber = placed?.Number ?? drawn, ClassName = placed?.ClassName, Grade = placed?.Grade,
                };
                record = p.Kind == T.AwarenessClass ? (a, _) => a.RecordAwarenessClass(input, ctx) : (a, _) => a.RecordNewMemberClass(input, ctx);
                break;
            }
            case T.Application:
                record = (a, _) => a.RecordApplication(new SimpleStepInput { Date = date, Note = "Đơn xin vào Đảng (mẫu 1-KNĐ)." }, ctx);
                break;
            case T.PersonalHistory:
            {
                // Verification still under way for some of those who have not gone further yet.
                var pending = c.Target == DemoTarget.HistoryVerified && random.NextDouble() < 0.3;
                var input = new PersonalHistoryInput { Date = date, People = Relatives(person, date, pending) };
                record = (a, _) => a.RecordPersonalHistory(input, ctx);
                break;
            }
            case T.Introduction:
            {
                var input = Introduction(c.Cell.Id, person, date);
                record = (a, _) => a.RecordIntroduction(input, ctx);
                break;
            }
            case T.Opinions:
                record = (a, _) => a.RecordOpinions(new SimpleStepInput
                {
                    Date = date, DocumentNumber = "5-KNĐ",
                    Note = "Các đoàn thể nơi làm việc và chi bộ nơi cư trú đều nhất trí đề nghị kết nạp.",
                }, ctx);
                break;
            case T.CellVote:
            {
                var roster = await RosterAsync(c.Cell.Id, date, ct);
                var (votes, present, against) = Votes(roster.Denominator, date);
                var input = new CellVoteInput { Date = date, For = votes, Against = against, Present = present, DocumentNumber = Numbered(c.Cell.Id, "NQ/CB", random.Next(10, 99)) };
                record = (a, _) => a.RecordCellVote(input, roster, ctx);
                break;
            }
            case T.SubCommitteeVote:
            {
                var size = await register.SubCommitteeSizeAsync(c.Cell.Id, ct);
                var present = Math.Max(book.At(date).VotesNeeded(size), size - random.Next(0, 2));
                var input = new VoteInput { Date = date, For = present, Against = 0, Present = present, DocumentNumber = Numbered(c.Cell.ParentId ?? 0, "NQ/ĐUBP", random.Next(10, 99)) };
                record = (a, _) => a.RecordSubCommitteeVote(input, new SubCommitteeRoster(size), ctx);
                break;
            }
            case T.Decision:
            {
                var input = new DecisionInput { Date = date, ReceivedByCellOn = p.Received, DecidingBody = DecidingBody, DocumentNumber = Numbered(0, "QĐ/ĐU", random.Next(100, 999)) };
                record = (a, _) => a.RecordDecision(input, ctx);
                break;
            }
            case T.Ceremony:
                record = (a, _) => a.RecordCeremony(new CeremonyInput { Date = date, Note = "Lễ kết nạp tổ chức trang trọng tại buổi sinh hoạt chi bộ." }, ctx);
                break;
            case T.RecognitionVote:
            {
                var roster = await RosterAsync(c.Cell.Id, date, ct);
                var (votes, present, against) = Votes(roster.Denominator, date);
                var input = new VoteInput { Date = date, For = votes, Against = against, Present = present, DocumentNumber = Numbered(c.Cell.Id, "NQ/CB", random.Next(10, 99)) };
                record = (a, _) => a.RecordRecognitionVote(input, roster, ctx);
                break;
            }
            case T.RecognitionDecision:
                record = (a, _) => a.RecordRecognitionDecision(new SimpleStepInput { Date = date, DocumentNumber = Numbered(0, "QĐ/ĐU", random.Next(100, 999)) }, ctx);
                break;
            case T.Removal:
                record = (a, _) => a.RecordRemoval(new ReasonInput { Date = date, Reason = p.Reason!, DocumentNumber = Numbered(0, "QĐ/ĐU", random.Next(100, 999)) }, ctx);
                break;
            case T.Withdrawal:
                record = (a, _) => a.RecordWithdrawal(new ReasonInput { Date = date, Reason = p.Reason! }, ctx);
                break;
            default:
                throw new InvalidOperationException($"Dữ liệu mẫu không lập bước {p.Kind}.");
        }
        await recorder.ApplyAsync(c.Loaded, record, [], ct);
    }

    private StepContext Context(DateOnly date) =>
        new(book, calendar, date, date.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc), Actor);

    /// <summary>The cell's roster from the register as it stands now (recording runs in date order); some exempted members absent.</summary>
    private async Task<CellRoster> RosterAsync(int cellId, DateOnly date, CancellationToken ct)
    {
        var (_, excludable, _) = await register.CellAsync(cellId, date, ct);
        // The register as it stands when the vote is recorded (in date order): a member recognised later was still
        // probationary that day and is left out, as the register counts them afterwards too.
        return await register.RosterAsync(cellId, date, excludable == 0 ? 0 : random.Next(0, Math.Min(excludable, 2) + 1), ct);
    }


    /// <summary>An approving vote: a few absent, at most two against, always at least 2/3 of the denominator in favour.</summary>
    private (int For, int Present, int Against) Votes(int denominator, DateOnly date)
    {
        var needed = book.At(date).VotesNeeded(denominator);
        var present = denominator - random.Next(0, Math.Min(3, denominator - needed) + 1);
        var against = random.Next(0, Math.Min(2, present - needed) + 1);
        return (present - against, present, against);
    }

    private List<Member> Officials(int cellId, DateOnly date) =>
        [.. membersByCell[cellId].Where(m => m.Status == MemberStatus.Official && m.OfficialDate <= date && !m.IsExempt)];

    /// <summary>A few members of each cell do most of the mentoring.</summary>
    private Member Mentor(int cellId, DateOnly date)
    {
        var officials = Officials(cellId, date);
        return officials[random.Next(Math.Min(6, officials.Count))];
    }

    private IntroductionInput Introduction(int cellId, Person person, DateOnly date)
    {
        var officials = Officials(cellId, date);
        var youth = person.IsYouthUnionMember && Age.FullYears(person.DateOfBirth, date) <= book.At(date).YouthMaxAge && random.NextDouble() < 0.5;
        var first = random.Next(officials.Count);
        var second = (first + 1 + random.Next(officials.Count - 1)) % officials.Count;
        Member[] chosen = youth ? [officials[first]] : [officials[first], officials[second]];
        return new IntroductionInput
        {
            Date = date,
            Path = youth ? IntroductionPath.YouthUnion : IntroductionPath.TwoMembers,
            ApplicantIsYouthUnionMember = person.IsYouthUnionMember,
            OrganisationResolutionNumber = youth ? $"{random.Next(10, 99)}-NQ/ĐTN" : null,
            DocumentNumber = "3-KNĐ",
            Introducers = [.. chosen.Select(m =>
            {
                var since = date.AddMonths(-random.Next(13, 120));
                var grownUp = person.DateOfBirth.AddYears(16);
                return new IntroducerInput
                {
                    MemberId = m.Id, Status = MemberStatus.Official, OfficialSince = m.OfficialDate,
                    TogetherSince = since < grownUp && grownUp <= date.AddMonths(-13) ? grownUp : since,
                };
            })],
        };
    }

    /// <summary>The applicant and the relatives the personal history names; party members among them are exempt.</summary>
    private List<RelativeVerification> Relatives(Person person, DateOnly date, bool pending)
    {
        var surname = person.FullName.Split(' ')[0];
        var list = new List<RelativeVerification>
        {
            new() { Relationship = "Bản thân", FullName = person.FullName, Result = VerificationResult.Verified },
            Relative("Cha", DemoNames.WithSurname(surname, DemoNames.Next(random, female: false)), 0.2),
            Relative("Mẹ", DemoNames.Next(random, female: true), 0.1),
        };
        if (Age.FullYears(person.DateOfBirth, date) >= 25 && random.NextDouble() < 0.6)
        {
            var female = person.Gender == Gender.Female;
            var spouse = DemoNames.Next(random, female: !female);
            var spouseSurname = spouse.Split(' ')[0];
            list.Add(Relative(female ? "Chồng" : "Vợ", spouse, 0.15));
            list.Add(Relative(female ? "Cha chồng" : "Cha vợ", DemoNames.WithSurname(spouseSurname, DemoNames.Next(random, female: false)), 0.15));
            list.Add(Relative(female ? "Mẹ chồng" : "Mẹ vợ", DemoNames.Next(random, female: true), 0.05));
        }
        if (pending)
            list[^1] = list[^1] with { Result = VerificationResult.Pending, Note = "Đang chờ kết quả xác minh của cấp ủy nơi cư trú." };
        return list;
    }

    private RelativeVerification Relative(string relationship, string name, double partyMember) =>
        random.NextDouble() < partyMember
            ? new() { Relationship = relationship, FullName = name, Result = VerificationResult.ExemptPartyMember, Note = "Đảng viên, đã khai đầy đủ lý lịch." }
            : new() { Relationship = relationship, FullName = name, Result = VerificationResult.Verified };
}
