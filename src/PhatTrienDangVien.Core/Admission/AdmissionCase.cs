using PhatTrienDangVien.Core.Calendar;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Core.Text;
using S = PhatTrienDangVien.Core.Admission.AdmissionStage;
using T = PhatTrienDangVien.Core.Admission.AdmissionStepKind;

namespace PhatTrienDangVien.Core.Admission;

/// <summary>
/// One candidate's admission case: the recorded steps, the stage derived from them, and the guarded methods that
/// append a step or throw a <see cref="Common.DomainException"/> naming the rule and its citation. A refused step
/// leaves the case unchanged. The stage is never stored: it is replayed from the steps.
/// </summary>
/// <remarks>
/// Decisions (docs/decisions/0006):
/// <list type="bullet">
/// <item>An admission vote (cell, sub-committee) below 2/3 is refused: there is no resolution proposing admission to
/// record; a cell that decides not to propose records a withdrawal with its reason. Recognition votes are always
/// recorded (approved, rejected by 2/3 against, or inconclusive; after the last inconclusive one the superior
/// committee decides).</item>
/// <item>A late admission or recognition decision is recorded with <see cref="StepRecord.IsLate"/>, not refused:
/// real decisions happen late and the system must show it. A late ceremony needs the superior committee's consent
/// (domain.md §3 says "later only with the superior committee's consent"), then is recorded as late.</item>
/// <item>Guards use <c>Rules.At(step date)</c>; deadlines use the values stored in the snapshot of the step the
/// period counts from, so a later change of the rule book does not move an old case's deadlines.</item>
/// </list>
/// </remarks>
public sealed class AdmissionCase
{
    private readonly List<StepRecord> _steps;

    /// <param name="steps">The candidate's recorded steps, in any order (sorted by date, then id).</param>
    /// <param name="priorExit">The applicant had been a member and left the party: the vote is a re-admission.</param>
    public AdmissionCase(int candidateId, DateOnly applicantDateOfBirth, IEnumerable<StepRecord>? steps = null, PriorExit? priorExit = null)
    {
        CandidateId = candidateId;
        ApplicantDateOfBirth = applicantDateOfBirth;
        PriorExit = priorExit;
        _steps = [.. (steps ?? []).OrderBy(s => s.Date).ThenBy(s => s.Id == 0 ? int.MaxValue : s.Id)];
    }

    public int CandidateId { get; }
    public DateOnly ApplicantDateOfBirth { get; }

    /// <summary>How the applicant last left the party, when they had been a member (Quy định 294-QĐ/TW point 3.5).</summary>
    public PriorExit? PriorExit { get; }
    public IReadOnlyList<StepRecord> Steps => _steps;

    public AdmissionStage CurrentStage => Replay().Stage;

    /// <summary>Date of the approving cell resolution: the decision deadline counts from it.</summary>
    public DateOnly? CellResolutionDate => Replay().ApprovedCellVote?.Date;

    /// <summary>Admission decision date; party age counts from it.</summary>
    public DateOnly? AdmissionDecisionDate => Replay().Decision?.Date;

    /// <summary>Party age (tuổi Đảng) counts from the admission decision date.</summary>
    public DateOnly? PartyAgeFrom => AdmissionDecisionDate;

    public DateOnly? CeremonyDate => Replay().Ceremony?.Date;

    /// <summary>Ceremony date plus the probation months in force on the ceremony date.</summary>
    public DateOnly? ProbationEnd => Replay().ProbationEnd;

    /// <summary>Official from the day probation ends, even when the meeting or the decision is late.</summary>
    public DateOnly? OfficialDate => Replay() is { Stage: S.Official } state ? state.ProbationEnd : null;

    /// <summary>The case was opened from the member register for recognition: it starts at the ceremony.</summary>
    public bool OpenedFromRegister => Replay().FromRegister;

    /// <summary>The last awareness-class certificate recorded (the one the cell's vote is checked against).</summary>
    public ClassDetails? AwarenessCertificate => Replay().AwarenessCertificate;

    /// <summary>The new-member class is recorded (needed before the recognition vote can approve).</summary>
    public bool HasNewMemberClass => Replay().HasNewMemberClass;

    /// <summary>Recognition votes recorded so far.</summary>
    public int RecognitionVoteCount => _steps.Count(s => s.Kind == T.RecognitionVote);

    /// <summary>The kinds the form may propose now (order and, for the recognition vote, the probation end).</summary>
    public IReadOnlyList<AdmissionStepKind> AllowedNext(RuleBook rules, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rules);
        State state = Replay();
        RuleSet rulesToday = rules.At(today);
        return [.. Enum.GetValues<AdmissionStepKind>().Where(k =>
            OrderError(k, state, rulesToday) is null
            && (k != T.RecognitionVote || today >= state.ProbationEnd))];
    }

    public StepRecord RecordSourcePool(SimpleStepInput input, StepContext ctx) => Record(T.SourcePool, input, ctx);

    public StepRecord RecordMentorAssigned(MentorInput input, StepContext ctx) => RecordMentor(T.MentorAssigned, input, ctx);

    public StepRecord RecordMentorAssessment(MentorInput input, StepContext ctx) => RecordMentor(T.MentorAssessment, input, ctx);

    public StepRecord RecordProbationMentorAssigned(MentorInput input, StepContext ctx) => RecordMentor(T.ProbationMentorAssigned, input, ctx);

    public StepRecord RecordAwarenessClass(ClassInput input, StepContext ctx) => RecordClass(T.AwarenessClass, input, ctx);

    /// <summary>What the class rules ask of the case when its person is proposed for a class.</summary>
    public Classes.ClassRules.Facts ClassFacts(string? openEnrolment)
    {
        State state = Replay();
        return new(state.Stage, state.AwarenessCertificate, state.HasNewMemberClass, openEnrolment);
    }

    public StepRecord RecordNewMemberClass(ClassInput input, StepContext ctx) => RecordClass(T.NewMemberClass, input, ctx);

    public StepRecord RecordApplication(SimpleStepInput input, StepContext ctx) => Record(T.Application, input, ctx);

    public StepRecord RecordOpinions(SimpleStepInput input, StepContext ctx) => Record(T.Opinions, input, ctx);

    public StepRecord RecordPersonalHistory(PersonalHistoryInput input, StepContext ctx)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Record(T.PersonalHistory, input, ctx, (_, _) =>
        {
            if (input.People.Count == 0)
            {
                throw Refuse.Because(ProcedureRules.RequiredField, "Chưa nhập người được thẩm tra lý lịch (bản thân, cha mẹ, vợ/chồng, con…).");
            }

            var details = new VerificationDetails
            {
                People = [.. input.People.Select(p => p with
                {
                    Relationship = VietnameseText.Normalize(p.Relationship) ?? "",
                    FullName = VietnameseText.Normalize(p.FullName) ?? "",
                    Note = VietnameseText.Normalize(p.Note),
                })],
            };
            return new StepRecord { Details = StepDetailsJson.Write(details) };
        });
    }

    public StepRecord RecordIntroduction(IntroductionInput input, StepContext ctx)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Record(T.Introduction, input, ctx, (rules, _) =>
        {
            int membersNeeded = input.Path == IntroductionPath.TwoMembers ? 2 : 1;
            string pathName = input.Path switch
            {
                IntroductionPath.TwoMembers => "hai đảng viên chính thức",
                IntroductionPath.YouthUnion => "Ban Chấp hành Đoàn cơ sở và một đảng viên chính thức",
                IntroductionPath.TradeUnion => "Ban Chấp hành Công đoàn cơ sở và một đảng viên chính thức",
                _ => throw Refuse.Because(ProcedureRules.IntroducerCount, "Chưa chọn hình thức giới thiệu."),
            };
            if (input.Introducers.Count != membersNeeded || input.Introducers.Select(i => i.MemberId).Distinct().Count() != membersNeeded)
            {
                throw Refuse.Because(ProcedureRules.IntroducerCount,
                    $"Hình thức giới thiệu \"{pathName}\" cần đúng {membersNeeded} đảng viên chính thức khác nhau; đã nhập {input.Introducers.Count}.");
            }

            if (input.Path == IntroductionPath.YouthUnion)
            {
                int age = Age.FullYears(ApplicantDateOfBirth, input.Date);
                if (age > rules.YouthMaxAge)
                {
                    throw Refuse.Because(rules[RuleParameterKeys.YouthMaxAge],
                        $"Người vào Đảng đã {Age.Describe(ApplicantDateOfBirth, input.Date)}, quá độ tuổi thanh niên ({rules.YouthMaxAge} tuổi): không thể do Đoàn giới thiệu.");
                }

                if (!input.ApplicantIsYouthUnionMember)
                {
                    throw Refuse.Because(ProcedureRules.YouthUnionMembership, "Người vào Đảng không phải là đoàn viên.");
                }
            }

            if (input.Path == IntroductionPath.TradeUnion && !input.NoYouthUnionOrganisation)
            {
                throw Refuse.Because(ProcedureRules.TradeUnionOnlyWithoutYouthUnion,
                    "Nơi người vào Đảng công tác, sinh sống có tổ chức Đoàn: không thể do Công đoàn giới thiệu.");
            }

            string? resolution = VietnameseText.Normalize(input.OrganisationResolutionNumber);
            if (input.Path != IntroductionPath.TwoMembers && resolution is null)
            {
                throw Refuse.Because(ProcedureRules.RequiredField, "Chưa nhập số nghị quyết giới thiệu của Ban Chấp hành Đoàn (Công đoàn) cơ sở.");
            }

            var introducers = new List<IntroducerDetails>();
            foreach (IntroducerInput i in input.Introducers)
            {
                if (i.Status != MemberStatus.Official || i.OfficialSince > input.Date)
                {
                    throw Refuse.Because(ProcedureRules.IntroducerIsOfficial,
                        $"Người giới thiệu (mã đảng viên {i.MemberId}) chưa là đảng viên chính thức vào ngày {input.Date:dd/MM/yyyy}.");
                }

                int months = i.TogetherSince > input.Date ? 0 : Age.FullMonths(i.TogetherSince, input.Date);
                if (months < rules.IntroducerMinMonthsTogether)
                {
                    throw Refuse.Because(rules[RuleParameterKeys.IntroducerMinMonthsTogether],
                        $"Người giới thiệu (mã đảng viên {i.MemberId}) mới cùng công tác, sinh sống với người vào Đảng {months} tháng, chưa đủ {rules.IntroducerMinMonthsTogether} tháng.");
                }

                introducers.Add(new IntroducerDetails { MemberId = i.MemberId, MonthsTogether = months });
            }

            var details = new IntroductionDetails { Path = input.Path, Introducers = introducers, OrganisationResolutionNumber = resolution };
            return new StepRecord { Details = StepDetailsJson.Write(details) };
        });
    }

    /// <summary>
    /// The cell's resolution on admission. The denominator comes from <paramref name="roster"/>, computed from the
    /// member register. A proposal below 2/3 is refused: there is no resolution to propose admission; a cell that
    /// decides not to propose records a withdrawal with its reason.
    /// </summary>
    public StepRecord RecordCellVote(CellVoteInput input, CellRoster roster, StepContext ctx)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(roster);
        return Record(T.CellVote, input, ctx, (rules, state) =>
        {
            int ageMonths = input.Date < ApplicantDateOfBirth ? -1 : Age.FullMonths(ApplicantDateOfBirth, input.Date);
            if (ageMonths < rules.MinAgeMonths)
            {
                throw Refuse.Because(rules[RuleParameterKeys.MinAgeMonths],
                    $"Ngày chi bộ xét ({input.Date:dd/MM/yyyy}) người vào Đảng mới {Describe(ageMonths)}, chưa đủ {rules.MinAgeMonths / 12} tuổi.");
            }

            string? over60Consent = VietnameseText.Normalize(input.Over60ConsentDocument);
            if (ageMonths > rules.MaxAgeMonths && over60Consent is null)
            {
                throw Refuse.Because(rules[RuleParameterKeys.MaxAgeMonths],
                    $"Ngày chi bộ xét ({input.Date:dd/MM/yyyy}) người vào Đảng đã {Describe(ageMonths)}, quá {rules.MaxAgeMonths / 12} tuổi: cần văn bản đồng ý của Ban Thường vụ Tỉnh ủy.");
            }

            string? readmissionConsent = VietnameseText.Normalize(input.ReadmissionConsentDocument);
            if (PriorExit is { } prior) CheckReadmission(prior, input.Date, readmissionConsent, rules);

            ClassDetails certificate = state.AwarenessCertificate!;
            DateOnly validUntil = certificate.CertificateDate.AddMonths(rules.CertificateValidityMonths);
            if (input.Date > validUntil)
            {
                throw Refuse.Because(rules[RuleParameterKeys.CertificateValidityMonths],
                    $"Giấy chứng nhận học lớp nhận thức về Đảng số {certificate.CertificateNumber} ngày {certificate.CertificateDate:dd/MM/yyyy} hết giá trị từ sau ngày {validUntil:dd/MM/yyyy}: phải học lại trước khi chi bộ xét.");
            }

            if (state.Verification is not { IsComplete: true })
            {
                throw Refuse.Because(ProcedureRules.VerificationBeforeVote, "Còn người trong lý lịch chưa có kết quả thẩm tra.");
            }

            (VoteOutcome outcome, VoteDetails vote) = CountVotes(input, roster.OfficialMembers, roster.ExcludedAbsent, rules, enforceMinimum: true, recognition: false);
            RefuseBelowTwoThirds(outcome, vote, rules, "đảng viên chính thức");
            var details = new CellVoteDetails
            {
                For = vote.For, Against = vote.Against, Present = vote.Present, Members = vote.Members,
                ExcludedAbsent = vote.ExcludedAbsent, Denominator = vote.Denominator, VotesNeeded = vote.VotesNeeded,
                ApplicantAgeMonths = ageMonths, Over60ConsentDocument = over60Consent,
                ReadmissionConsentDocument = PriorExit is null ? null : readmissionConsent, LeftPartyOn = PriorExit?.LeftOn,
                AwarenessCertificateDate = certificate.CertificateDate, HasSubCommittee = roster.HasSubCommittee,
            };
            return new StepRecord { Outcome = outcome, Details = StepDetailsJson.Write(details) };
        });
    }

    /// <summary>
    /// Re-admission (Quy định 294-QĐ/TW point 3.5): never for the barred ways of leaving nor a second time; only after
    /// the waiting period, counted from the day the person left to the vote; and with the provincial standing board's
    /// written consent.
    /// </summary>
    private static void CheckReadmission(PriorExit prior, DateOnly voteDate, string? consent, RuleSet rules)
    {
        if (prior.Barred)
        {
            throw Refuse.Because(ProcedureRules.ReadmissionBarred,
                $"Người này đã ra khỏi Đảng ({prior.How}) thuộc trường hợp không xem xét kết nạp lại.");
        }

        if (prior.TimesLeft > 1)
        {
            throw Refuse.Because(ProcedureRules.ReadmissionBarred,
                $"Người này đã ra khỏi Đảng {prior.TimesLeft} lần: chỉ được kết nạp lại một lần.");
        }

        if (prior.LeftOn is not { } left)
        {
            throw Refuse.Because(rules[RuleParameterKeys.ReadmissionWaitMonths],
                $"Người này đã từng là đảng viên ({prior.How}) nhưng chưa rõ ngày ra khỏi Đảng: hãy ghi ngày đó trên hồ sơ đảng viên trước khi chi bộ xét kết nạp lại.");
        }

        DateOnly from = left.AddMonths(rules.ReadmissionWaitMonths);
        if (voteDate < from)
        {
            int months = voteDate < left ? 0 : Age.FullMonths(left, voteDate);
            throw Refuse.Because(rules[RuleParameterKeys.ReadmissionWaitMonths],
                $"Người này ra khỏi Đảng ngày {left:dd/MM/yyyy} ({prior.How}), đến ngày chi bộ xét ({voteDate:dd/MM/yyyy}) mới {months} tháng: chỉ xét kết nạp lại từ ngày {from:dd/MM/yyyy}.");
        }

        if (consent is null)
        {
            throw Refuse.Because(ProcedureRules.ReadmissionConsent,
                "Người này đã từng ra khỏi Đảng: hãy ghi số văn bản đồng ý của Ban Thường vụ Tỉnh ủy cho kết nạp lại.");
        }
    }

    private static void RefuseBelowTwoThirds(VoteOutcome outcome, VoteDetails vote, RuleSet rules, string voters)
    {
        if (outcome == VoteOutcome.Approved) return;
        throw Refuse.Because(rules[RuleParameterKeys.VoteNumerator],
            $"Chỉ có {vote.For}/{vote.Denominator} {voters} tán thành, chưa đủ {vote.VotesNeeded} (ít nhất {rules.VoteNumerator}/{rules.VoteDenominator}): không thể ghi nghị quyết đề nghị kết nạp. Nếu không đề nghị kết nạp, hãy ghi “rút khỏi danh sách” kèm lý do.");
    }

    public StepRecord RecordSubCommitteeVote(VoteInput input, SubCommitteeRoster roster, StepContext ctx)
    {
        ArgumentNullException.ThrowIfNull(roster);
        return Record(T.SubCommitteeVote, input, ctx, (rules, _) =>
        {
            (VoteOutcome outcome, VoteDetails vote) = CountVotes(input, roster.CommitteeMembers, 0, rules, enforceMinimum: false, recognition: false);
            RefuseBelowTwoThirds(outcome, vote, rules, "cấp ủy viên");
            return new StepRecord { Outcome = outcome, Details = StepDetailsJson.Write(vote) };
        });
    }

    /// <summary>Extends the pending decision (admission, or recognition after the cell's vote), once, with a reason.</summary>
    public StepRecord RecordDecisionExtension(ReasonInput input, StepContext ctx) => RecordReason(T.DecisionExtension, input, ctx);

    /// <summary>The admission decision; recorded with <see cref="StepRecord.IsLate"/> when after its due date.</summary>
    public StepRecord RecordDecision(DecisionInput input, StepContext ctx)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Record(T.Decision, input, ctx, (_, state) =>
        {
            if (input.ReceivedByCellOn is { } received && (received < input.Date || received > ctx.Today))
            {
                throw Refuse.Because(ProcedureRules.StepDate,
                    $"Ngày chi bộ nhận quyết định ({received:dd/MM/yyyy}) phải từ ngày quyết định ({input.Date:dd/MM/yyyy}) đến hôm nay.");
            }

            DateOnly due = Deadlines.DecisionDue(state, ctx.Rules, ctx.Calendar);
            var details = new DecisionDetails { ReceivedByCellOn = input.ReceivedByCellOn, DecidingBody = VietnameseText.Normalize(input.DecidingBody) };
            return new StepRecord { DueDate = due, IsLate = input.Date > due, Details = StepDetailsJson.Write(details) };
        });
    }

    /// <summary>The ceremony starts probation; after its due date only with the superior committee's consent.</summary>
    public StepRecord RecordCeremony(CeremonyInput input, StepContext ctx)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Record(T.Ceremony, input, ctx, (_, state) =>
        {
            DateOnly due = Deadlines.CeremonyDue(state, ctx.Rules, ctx.Calendar);
            string? consent = VietnameseText.Normalize(input.LateConsentDocument);
            if (input.Date > due && consent is null)
            {
                throw Refuse.Because(ProcedureRules.LateCeremonyConsent,
                    $"Hạn tổ chức lễ kết nạp là {due:dd/MM/yyyy}; lễ ngày {input.Date:dd/MM/yyyy} cần văn bản đồng ý của cấp ủy cấp trên.");
            }

            return new StepRecord { DueDate = due, IsLate = input.Date > due, Details = StepDetailsJson.Write(new CeremonyDetails { LateConsentDocument = consent }) };
        });
    }

    /// <summary>
    /// Opens the case of a member admitted before the software (a probationary member brought in from the register):
    /// the admission decision, when the register has it, and the ceremony become the case's first steps, exactly as
    /// the register states them, so that probation and recognition follow under the same rules as for a member
    /// admitted here (docs/decisions/0025). The earlier steps happened on paper and are not invented; the ceremony's
    /// deadline, which the software never ran, is not judged. Only on an empty case.
    /// </summary>
    public IReadOnlyList<StepRecord> OpenFromRegister(RegisterAdmissionInput input, StepContext ctx)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ctx);
        if (_steps.Count > 0)
        {
            throw Refuse.Because(ProcedureRules.StepOrder, "Hồ sơ này đã có các bước kết nạp: không thể ghi lại quyết định và lễ kết nạp từ sổ đảng viên.");
        }

        if (input.CeremonyDate > ctx.Today)
        {
            throw Refuse.Because(ProcedureRules.StepDate, $"Ngày lễ kết nạp trong sổ ({input.CeremonyDate:dd/MM/yyyy}) là ngày trong tương lai.");
        }

        if (input.DecisionDate > input.CeremonyDate)
        {
            throw Refuse.Because(ProcedureRules.StepDate,
                $"Ngày quyết định kết nạp trong sổ ({input.DecisionDate:dd/MM/yyyy}) sau ngày lễ kết nạp ({input.CeremonyDate:dd/MM/yyyy}): hãy sửa hồ sơ đảng viên trước.");
        }

        string? note = VietnameseText.Normalize(input.Note);
        StepRecord Step(AdmissionStepKind kind, DateOnly date, string? number, string details) => new()
        {
            CandidateId = CandidateId, Kind = kind, Date = date, DocumentNumber = VietnameseText.Normalize(number), Note = note,
            RecordedBy = ctx.Actor, RecordedAtUtc = ctx.NowUtc, Details = details,
            // The rules in force on the day, as for a step recorded then: the probation months come from the ceremony's.
            RulesSnapshot = ctx.Rules.At(date).SnapshotJson(),
        };
        var opened = new List<StepRecord>();
        if (input.DecisionDate is { } decided)
        {
            opened.Add(Step(T.Decision, decided, input.DecisionNumber, StepDetailsJson.Write(new DecisionDetails { FromRegister = true })));
        }

        opened.Add(Step(T.Ceremony, input.CeremonyDate, null, StepDetailsJson.Write(new CeremonyDetails { FromRegister = true })));
        _steps.AddRange(opened);
        return opened;
    }

    /// <summary>
    /// The cell's vote on recognition, not before probation ends. 2/3 for → approved; 2/3 against → removal proposed;
    /// otherwise inconclusive, and after the maximum of such votes the superior committee decides.
    /// </summary>
    public StepRecord RecordRecognitionVote(VoteInput input, CellRoster roster, StepContext ctx)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(roster);
        return Record(T.RecognitionVote, input, ctx, (rules, state) =>
        {
            DateOnly probationEnd = state.ProbationEnd!.Value;
            if (input.Date < probationEnd)
            {
                throw Refuse.Because(ctx.Rules.At(state.Ceremony!.Date)[RuleParameterKeys.ProbationMonths],
                    $"Thời kỳ dự bị kết thúc ngày {probationEnd:dd/MM/yyyy}: chi bộ chưa thể xét công nhận chính thức ngày {input.Date:dd/MM/yyyy}.");
            }

            (VoteOutcome outcome, VoteDetails vote) = CountVotes(input, roster.OfficialMembers, roster.ExcludedAbsent, rules, enforceMinimum: true, recognition: true);
            if (outcome == VoteOutcome.Approved && !state.HasNewMemberClass)
            {
                throw Refuse.Because(ProcedureRules.NewMemberClassBeforeRecognition,
                    "Chưa ghi nhận giấy chứng nhận lớp bồi dưỡng lý luận chính trị cho đảng viên mới.");
            }

            DateOnly due = Deadlines.RecognitionReviewDue(state, ctx.Rules, ctx.Calendar);
            return new StepRecord { Outcome = outcome, DueDate = due, IsLate = input.Date > due, Details = StepDetailsJson.Write(vote) };
        });
    }

    /// <summary>The recognition decision; the member is official from <see cref="ProbationEnd"/> whatever its date.</summary>
    public StepRecord RecordRecognitionDecision(SimpleStepInput input, StepContext ctx) =>
        Record(T.RecognitionDecision, input, ctx, (_, state) =>
        {
            DateOnly due = Deadlines.RecognitionDecisionDue(state, ctx.Rules, ctx.Calendar);
            return new StepRecord { DueDate = due, IsLate = input.Date > due };
        });

    public StepRecord RecordRemoval(ReasonInput input, StepContext ctx) => RecordReason(T.Removal, input, ctx);

    public StepRecord RecordWithdrawal(ReasonInput input, StepContext ctx) => RecordReason(T.Withdrawal, input, ctx);

    private StepRecord RecordMentor(AdmissionStepKind kind, MentorInput input, StepContext ctx)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Record(kind, input, ctx, (_, _) => input.MentorMemberId > 0
            ? new StepRecord { Details = StepDetailsJson.Write(new MentorDetails { MentorMemberId = input.MentorMemberId }) }
            : throw Refuse.Because(ProcedureRules.RequiredField, "Chưa chọn đảng viên giúp đỡ."));
    }

    private StepRecord RecordClass(AdmissionStepKind kind, ClassInput input, StepContext ctx)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Record(kind, input, ctx, (_, _) =>
        {
            string? number = VietnameseText.Normalize(input.CertificateNumber);
            if (number is null || input.CertificateDate == default || input.CertificateDate > ctx.Today)
            {
                throw Refuse.Because(ProcedureRules.RequiredField, "Cần số và ngày cấp giấy chứng nhận (không sau ngày hôm nay).");
            }

            return new StepRecord
            {
                Details = StepDetailsJson.Write(new ClassDetails
                {
                    CertificateNumber = number, CertificateDate = input.CertificateDate,
                    ClassName = VietnameseText.Normalize(input.ClassName), Grade = VietnameseText.Normalize(input.Grade),
                }),
            };
        });
    }

    private StepRecord RecordReason(AdmissionStepKind kind, ReasonInput input, StepContext ctx)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Record(kind, input, ctx, (_, _) =>
        {
            string? reason = VietnameseText.Normalize(input.Reason);
            return reason is null
                ? throw Refuse.Because(ProcedureRules.ReasonRequired, $"Bước \"{StepNames.Of(kind)}\" phải ghi lý do.")
                : new StepRecord { Details = StepDetailsJson.Write(new ReasonDetails { Reason = reason }) };
        });
    }

    private static (VoteOutcome Outcome, VoteDetails Details) CountVotes(
        VoteInput input, int members, int excludedAbsent, RuleSet rules, bool enforceMinimum, bool recognition)
    {
        if (enforceMinimum && members < rules.MinOfficialMembersToVote)
        {
            throw Refuse.Because(rules[RuleParameterKeys.MinOfficialMembersToVote],
                $"Chi bộ có {members} đảng viên chính thức, dưới {rules.MinOfficialMembersToVote}: không được biểu quyết.");
        }

        int denominator = members - excludedAbsent;
        if (members <= 0 || excludedAbsent < 0 || denominator <= 0 || input.For < 0 || input.Against < 0
            || input.For + input.Against > input.Present || input.Present > denominator)
        {
            throw Refuse.Because(ProcedureRules.VoteCounts,
                $"Số phiếu không hợp lệ: tán thành {input.For}, không tán thành {input.Against}, có mặt {input.Present}, số được tính {denominator} ({members} trừ {excludedAbsent} vắng mặt đang sinh hoạt tạm thời hoặc miễn sinh hoạt).");
        }

        int needed = rules.VotesNeeded(denominator);
        VoteOutcome outcome = input.For >= needed ? VoteOutcome.Approved
            : !recognition ? VoteOutcome.NotApproved
            : input.Against >= needed ? VoteOutcome.Rejected
            : VoteOutcome.Inconclusive;
        var details = new VoteDetails
        {
            For = input.For, Against = input.Against, Present = input.Present, Members = members,
            ExcludedAbsent = excludedAbsent, Denominator = denominator, VotesNeeded = needed,
        };
        return (outcome, details);
    }

    private StepRecord Record(AdmissionStepKind kind, StepInput input, StepContext ctx, Func<RuleSet, State, StepRecord>? build = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ctx);
        State state = Replay();
        RuleSet rules = ctx.Rules.At(input.Date);

        if (OrderError(kind, state, rules) is { } orderError)
        {
            throw orderError;
        }

        if (input.Date > ctx.Today)
        {
            throw Refuse.Because(ProcedureRules.StepDate, $"Ngày {input.Date:dd/MM/yyyy} là ngày trong tương lai (hôm nay {ctx.Today:dd/MM/yyyy}).");
        }

        if (_steps.Count > 0 && input.Date < _steps[^1].Date)
        {
            StepRecord previous = _steps[^1];
            throw Refuse.Because(ProcedureRules.StepDate,
                $"Ngày {input.Date:dd/MM/yyyy} trước ngày của bước trước \"{StepNames.Of(previous.Kind)}\" ({previous.Date:dd/MM/yyyy}).");
        }

        StepRecord step = build?.Invoke(rules, state) ?? new StepRecord();
        step.CandidateId = CandidateId;
        step.Kind = kind;
        step.Date = input.Date;
        step.DocumentNumber = VietnameseText.Normalize(input.DocumentNumber);
        step.Note = VietnameseText.Normalize(input.Note);
        step.RecordedBy = ctx.Actor;
        step.RecordedAtUtc = ctx.NowUtc;
        step.RulesSnapshot = rules.SnapshotJson();
        _steps.Add(step);
        return step;
    }

    private static string Describe(int ageMonths) =>
        ageMonths < 0 ? "chưa sinh" : ageMonths % 12 == 0 ? $"{ageMonths / 12} tuổi" : $"{ageMonths / 12} tuổi {ageMonths % 12} tháng";

    /// <summary>Null when <paramref name="kind"/> may follow now, else the refusal.</summary>
    private static Common.DomainException? OrderError(AdmissionStepKind kind, State state, RuleSet rules)
    {
        S stage = state.Stage;
        bool decisionPending = (stage == S.CellApproved && !state.HasSubCommittee) || stage == S.SubCommitteeApproved;
        bool inProbation = stage is >= S.Probation and < S.Official;
        bool allowed = kind switch
        {
            T.SourcePool => stage == S.NotStarted,
            T.MentorAssigned => stage is >= S.SourcePool and < S.Probation,
            T.MentorAssessment => stage is >= S.Mentored and < S.Official,
            T.AwarenessClass => stage is >= S.Mentored and <= S.OpinionsCollected,
            T.Application => stage == S.ClassPassed,
            T.PersonalHistory => stage is >= S.Applied and <= S.OpinionsCollected,
            T.Introduction => stage == S.HistoryVerified,
            T.Opinions => stage == S.Introduced,
            T.CellVote => stage == S.OpinionsCollected,
            T.SubCommitteeVote => stage == S.CellApproved && state.HasSubCommittee,
            T.DecisionExtension => (decisionPending && !state.DecisionExtended)
                || (stage is S.RecognitionApproved or S.AwaitingSuperiorDecision && !state.RecognitionExtended),
            T.Decision => decisionPending,
            T.Ceremony => stage == S.Decided,
            T.ProbationMentorAssigned => inProbation,
            T.NewMemberClass => inProbation && !state.HasNewMemberClass,
            T.RecognitionVote => stage == S.Probation,
            T.RecognitionDecision => stage is S.RecognitionApproved or S.AwaitingSuperiorDecision,
            T.Removal => inProbation,
            // A case opened but not begun (a re-admission opened by mistake) may be closed too.
            T.Withdrawal => stage < S.Probation,
            _ => false,
        };
        if (allowed)
        {
            return null;
        }

        string message = $"Không thể ghi nhận bước \"{StepNames.Of(kind)}\" khi hồ sơ ở giai đoạn \"{StepNames.Of(stage)}\".";
        return kind switch
        {
            T.RecognitionVote when stage == S.AwaitingSuperiorDecision => Refuse.Because(rules[RuleParameterKeys.MaxRecognitionVotes],
                $"Chi bộ đã xét {state.InconclusiveRecognitionVotes} lần không đạt 2/3: cấp ủy cấp trên xem xét, quyết định."),
            T.Removal => Refuse.Because(ProcedureRules.RemovalOnlyInProbation, message),
            T.Withdrawal => Refuse.Because(ProcedureRules.WithdrawalOnlyBeforeCeremony, message),
            T.SubCommitteeVote when stage == S.CellApproved => Refuse.Because(ProcedureRules.SubCommitteeVote, "Chi bộ không trực thuộc đảng ủy bộ phận."),
            T.Decision when stage == S.CellApproved => Refuse.Because(ProcedureRules.SubCommitteeVote, "Đảng ủy bộ phận chưa xét, đề nghị kết nạp."),
            T.NewMemberClass when inProbation => Refuse.Because(ProcedureRules.StepOrder, "Đã ghi nhận lớp bồi dưỡng đảng viên mới."),
            T.DecisionExtension when decisionPending || stage is S.RecognitionApproved or S.AwaitingSuperiorDecision =>
                Refuse.Because(ProcedureRules.StepOrder, "Thời hạn ra quyết định đã được kéo dài một lần."),
            _ => Refuse.Because(ProcedureRules.StepOrder, message),
        };
    }

    internal State Replay()
    {
        var state = new State();
        foreach (StepRecord step in _steps)
        {
            state.Apply(step);
        }

        return state;
    }

    /// <summary>What the recorded steps add up to.</summary>
    internal sealed class State
    {
        public S Stage { get; private set; } = S.NotStarted;
        public ClassDetails? AwarenessCertificate { get; private set; }
        public VerificationDetails? Verification { get; private set; }
        public StepRecord? ApprovedCellVote { get; private set; }
        public bool HasSubCommittee { get; private set; }
        public bool DecisionExtended { get; private set; }
        public StepRecord? Decision { get; private set; }
        public DateOnly? DecisionReceived { get; private set; }
        public StepRecord? Ceremony { get; private set; }
        /// <summary>The decision and ceremony were copied from the register (<see cref="OpenFromRegister"/>).</summary>
        public bool FromRegister { get; private set; }
        public DateOnly? ProbationEnd { get; private set; }
        public bool HasNewMemberClass { get; private set; }
        public int InconclusiveRecognitionVotes { get; private set; }
        /// <summary>The vote the recognition (or removal) decision's deadline counts from.</summary>
        public StepRecord? DecisiveRecognitionVote { get; private set; }
        public bool RecognitionExtended { get; private set; }
        public StepRecord? Last { get; private set; }

        public void Apply(StepRecord step)
        {
            Last = step;
            switch (step.Kind)
            {
                case T.SourcePool:
                    Stage = S.SourcePool;
                    break;
                case T.MentorAssigned when Stage == S.SourcePool:
                    Stage = S.Mentored;
                    break;
                case T.AwarenessClass:
                    AwarenessCertificate = step.ReadDetails<ClassDetails>();
                    Stage = Stage == S.Mentored ? S.ClassPassed : Stage;
                    break;
                case T.Application:
                    Stage = S.Applied;
                    break;
                case T.PersonalHistory:
                    Verification = step.ReadDetails<VerificationDetails>();
                    Stage = Stage == S.Applied ? S.HistoryVerified : Stage;
                    break;
                case T.Introduction:
                    Stage = S.Introduced;
                    break;
                case T.Opinions:
                    Stage = S.OpinionsCollected;
                    break;
                case T.CellVote when step.Outcome == VoteOutcome.Approved:
                    ApprovedCellVote = step;
                    HasSubCommittee = step.ReadDetails<CellVoteDetails>()?.HasSubCommittee ?? false;
                    Stage = S.CellApproved;
                    break;
                case T.SubCommitteeVote when step.Outcome == VoteOutcome.Approved:
                    Stage = S.SubCommitteeApproved;
                    break;
                case T.DecisionExtension when Stage < S.Decided:
                    DecisionExtended = true;
                    break;
                case T.DecisionExtension:
                    RecognitionExtended = true;
                    break;
                case T.Decision:
                    Decision = step;
                    DecisionReceived = step.ReadDetails<DecisionDetails>()?.ReceivedByCellOn;
                    Stage = S.Decided;
                    break;
                case T.Ceremony:
                    Ceremony = step;
                    FromRegister = step.ReadDetails<CeremonyDetails>()?.FromRegister ?? false;
                    ProbationEnd = step.Date.AddMonths(StepRules.Value(step, RuleParameterKeys.ProbationMonths));
                    Stage = S.Probation;
                    break;
                case T.NewMemberClass:
                    HasNewMemberClass = true;
                    break;
                case T.RecognitionVote:
                    ApplyRecognitionVote(step);
                    break;
                case T.RecognitionDecision:
                    Stage = S.Official;
                    break;
                case T.Removal:
                    Stage = S.Removed;
                    break;
                case T.Withdrawal:
                    Stage = S.Withdrawn;
                    break;
                default:
                    break;
            }
        }

        private void ApplyRecognitionVote(StepRecord step)
        {
            switch (step.Outcome)
            {
                case VoteOutcome.Approved:
                    DecisiveRecognitionVote = step;
                    Stage = S.RecognitionApproved;
                    break;
                case VoteOutcome.Rejected:
                    DecisiveRecognitionVote = step;
                    Stage = S.RemovalProposed;
                    break;
                default:
                    InconclusiveRecognitionVotes++;
                    if (InconclusiveRecognitionVotes >= StepRules.Value(step, RuleParameterKeys.MaxRecognitionVotes))
                    {
                        DecisiveRecognitionVote = step;
                        Stage = S.AwaitingSuperiorDecision;
                    }

                    break;
            }
        }
    }
}
