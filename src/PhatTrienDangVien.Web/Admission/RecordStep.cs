using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using T = PhatTrienDangVien.Core.Admission.AdmissionStepKind;

namespace PhatTrienDangVien.Web.Admission;

/// <summary>
/// Records one step of a candidate's admission case: the only way a step is written, whether it comes from the step
/// form, the API, the candidate form (the source-pool and mentor steps of a new candidate) or the demo. It loads the
/// case within the user's scope, checks the permission of the kind, the fields, what the register says (mentor,
/// introducers, voters — never taken from the client), lets the Core engine apply the procedure's rules, applies the
/// consequences to the candidate and member records, and saves it all at once — or changes nothing.
/// </summary>
public sealed class RecordStep(AppDbContext db, Access access, AdmissionCases cases, VoterRegister register, Scans scans, Documents.DocumentNumbering numbering,
    Notifications.NotificationDone notifications)
{
    public const int MaxVotes = 10_000;

    public Task<Outcome<StepRecord>> HandleAsync(int candidateId, T kind, StepData data, IReadOnlyList<ScanUpload>? uploads, CancellationToken ct) =>
        RunAsync(candidateId, kind, data, uploads, null, ct);

    /// <summary>The class step of a pass recorded on a class's results: the same checks, the class and grade written
    /// with the certificate. The caller holds the transaction that makes a sheet of results all or nothing.</summary>
    public Task<Outcome<StepRecord>> FromClassAsync(int candidateId, T kind, StepData data, ClassOrigin origin, CancellationToken ct) =>
        RunAsync(candidateId, kind, data, null, origin, ct);

    /// <summary>Where a class step's certificate came from.</summary>
    public sealed record ClassOrigin(string ClassName, string? Grade);

    private async Task<Outcome<StepRecord>> RunAsync(int candidateId, T kind, StepData data, IReadOnlyList<ScanUpload>? uploads, ClassOrigin? origin, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        // JSON may set the lists to null; a form never does.
        data.People ??= [];
        data.Introducers ??= [];
        var loaded = await cases.LoadAsync(candidateId, ct);
        if (loaded is null) return Outcome<StepRecord>.NotFound();
        if (!Enum.IsDefined(kind)) return Outcome<StepRecord>.Invalid("Kind", "Loại bước không có trong thủ tục kết nạp.");
        if (!access.MayRecord(kind)) return Outcome<StepRecord>.Forbidden();

        var errors = Validate(kind, data);
        if (errors.Any) return Outcome<StepRecord>.Invalid(errors.List);
        var (files, fileError) = await scans.ReadAsync(uploads, ct);
        if (fileError is not null) return Outcome<StepRecord>.Invalid("Files", fileError);

        try
        {
            var record = await BuildAsync(kind, Normalised(data), loaded, origin, ct);
            var step = await ApplyAsync(loaded, record, files, ct);
            // What the step settles (its deadline, the missing mentor…) stops calling for action now, not tomorrow.
            await notifications.SettleAsync([candidateId], ct);
            return Outcome<StepRecord>.Done(step);
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            return Outcome<StepRecord>.Refused(e);
        }
        catch (NumberHeldException e)
        {
            db.ChangeTracker.Clear();
            return Outcome<StepRecord>.Invalid(nameof(StepData.DocumentNumber), e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<StepRecord>.Conflict(null, [],
                "Hồ sơ này vừa được người khác ghi thêm một bước trong lúc đồng chí nhập; bước của đồng chí chưa được ghi. Hãy mở lại quá trình để xem bước mới rồi ghi lại nếu vẫn cần.");
        }
        catch (DbUpdateException) when (!string.IsNullOrWhiteSpace(data.DocumentNumber))
        {
            // The register's unique number: another paper took the step's number between the check and the save.
            db.ChangeTracker.Clear();
            return Outcome<StepRecord>.Conflict(null, [],
                $"Số văn bản {data.DocumentNumber.Trim()} vừa được cấp cho văn bản khác cùng lúc; bước của đồng chí chưa được ghi. Hãy kiểm tra lại số theo sổ văn bản rồi ghi lại.");
        }
    }

    /// <summary>The step's own number is held by another paper of its series: nothing is kept (the demo fails loudly too).</summary>
    internal sealed class NumberHeldException(string message) : Exception(message);

    /// <summary>
    /// Runs the engine's guarded method on the case, applies the consequences and saves: the part every recorded step
    /// shares. The demo generator calls it directly with inputs it builds itself (dated in the past, as system).
    /// </summary>
    internal async Task<StepRecord> ApplyAsync(LoadedCase loaded, Func<AdmissionCase, StepContext, StepRecord> record,
        IReadOnlyList<StepAttachment> files, CancellationToken ct)
    {
        var step = record(loaded.Case, loaded.Context);
        // Probation of a member who left the roll meanwhile (a transfer, a death, a request to leave): the exit owns the
        // status now, and no step of the procedure may write over it.
        if (loaded.Candidate.Status == CandidateStatus.Admitted && await MemberOfAsync(loaded.Candidate, ct) is { } gone && MemberStatuses.HasLeft(gone.Status))
            throw new DomainException(
                $"Đảng viên này đã ra khỏi danh sách ({Pages.Shared.Lookups.StatusName(gone.Status).ToLowerInvariant()}{(gone.StatusDate is { } left ? $" ngày {left:dd/MM/yyyy}" : "")}): không ghi tiếp quá trình kết nạp. Nếu ghi nhầm, sửa ở trang “Biến động đảng viên”.",
                "MemberLeft", ExitRules.Citation24);
        db.AdmissionSteps.Add(step);
        // Every step raises the candidate's version: two people recording on the same case at once cannot both pass
        // the order check against the same history; the second gets a conflict and records nothing.
        db.Entry(loaded.Candidate).Property(c => c.Version).IsModified = true;
        foreach (var a in files)
        {
            a.Step = step;
            db.StepAttachments.Add(a);
        }
        // The number written on the step is its paper's (9-KNĐ's "420-QĐ/ĐU"): held in the register like a number the
        // software gives, so that it is checked here and never given to another paper (decision 0021).
        if (await numbering.ReserveStepsOwnAsync(loaded, step, ct) is { } held) throw new NumberHeldException(held);
        await ApplyConsequencesAsync(loaded, step, ct);
        await db.SaveChangesAsync(ct);
        return step;
    }

    /// <summary>The fields the kind needs, in range; one set of Vietnamese messages for the form and the API.</summary>
    private static Errors Validate(T kind, StepData d)
    {
        var e = new Errors();
        // Control characters, dates outside 1900–2199 and undefined choices in any field, the lists' rows included.
        e.Annotations(d, "");
        e.Require(d.Date is not null, nameof(d.Date), "Hãy nhập ngày của bước này.");
        e.Require(d.Date is null || d.Date.Value.Year is >= 1900 and <= 2199, nameof(d.Date), "Ngày của bước phải trong khoảng 1900–2199.");
        e.MaxLength(d.DocumentNumber, 50, nameof(d.DocumentNumber), "Số văn bản");
        e.MaxLength(d.Note, 2000, nameof(d.Note), "Ghi chú");
        switch (kind)
        {
            case T.MentorAssigned or T.MentorAssessment or T.ProbationMentorAssigned:
                e.Require(d.MentorMemberId is not null, nameof(d.MentorMemberId), "Hãy chọn đảng viên giúp đỡ.");
                break;
            case T.AwarenessClass or T.NewMemberClass:
                e.Require(!string.IsNullOrWhiteSpace(d.CertificateNumber), nameof(d.CertificateNumber), "Hãy nhập số giấy chứng nhận.");
                e.MaxLength(d.CertificateNumber, 50, nameof(d.CertificateNumber), "Số giấy chứng nhận");
                e.Require(d.CertificateDate is not null, nameof(d.CertificateDate), "Hãy nhập ngày cấp giấy chứng nhận.");
                e.Require(d.CertificateDate is null || d.CertificateDate.Value.Year >= 1900, nameof(d.CertificateDate), "Ngày cấp giấy chứng nhận không hợp lệ.");
                break;
            case T.PersonalHistory:
                e.Require(d.People.Count > 0, nameof(d.People), "Hãy nhập người được thẩm tra lý lịch (bản thân, cha mẹ, vợ/chồng, con…).");
                e.Require(d.People.Count <= 30, nameof(d.People), "Tối đa 30 người được thẩm tra trong một lần ghi.");
                for (var i = 0; i < Math.Min(d.People.Count, 30); i++)
                {
                    var p = d.People[i];
                    var at = $"{nameof(d.People)}[{i}].";
                    if (p is null)
                    {
                        e.Add($"{nameof(d.People)}[{i}]", $"Người thứ {i + 1}: chưa có thông tin.");
                        continue;
                    }
                    e.Require(!string.IsNullOrWhiteSpace(p.Relationship), at + nameof(p.Relationship), $"Người thứ {i + 1}: hãy nhập quan hệ.");
                    e.MaxLength(p.Relationship, 50, at + nameof(p.Relationship), $"Người thứ {i + 1}: quan hệ");
                    e.Require(!string.IsNullOrWhiteSpace(p.FullName), at + nameof(p.FullName), $"Người thứ {i + 1}: hãy nhập họ và tên.");
                    e.MaxLength(p.FullName, 100, at + nameof(p.FullName), $"Người thứ {i + 1}: họ và tên");
                    e.Require(p.Result is { } r && Enum.IsDefined(r), at + nameof(p.Result), $"Người thứ {i + 1}: hãy chọn kết quả thẩm tra.");
                    e.MaxLength(p.Note, 500, at + nameof(p.Note), $"Người thứ {i + 1}: ghi chú");
                }
                break;
            case T.Introduction:
                e.Require(d.Path is { } path && Enum.IsDefined(path), nameof(d.Path), "Hãy chọn hình thức giới thiệu.");
                e.Require(d.Introducers.Count > 0, nameof(d.Introducers), "Hãy chọn đảng viên giới thiệu.");
                e.Require(d.Introducers.Count <= 3, nameof(d.Introducers), "Tối đa hai đảng viên giới thiệu.");
                for (var i = 0; i < Math.Min(d.Introducers.Count, 3); i++)
                {
                    var x = d.Introducers[i];
                    var at = $"{nameof(d.Introducers)}[{i}].";
                    if (x is null)
                    {
                        e.Add($"{nameof(d.Introducers)}[{i}]", $"Người giới thiệu thứ {i + 1}: chưa có thông tin.");
                        continue;
                    }
                    e.Require(x.MemberId is not null, at + nameof(x.MemberId), $"Người giới thiệu thứ {i + 1}: hãy chọn đảng viên.");
                    e.Require(x.TogetherSince is { Year: >= 1900 }, at + nameof(x.TogetherSince),
                        $"Người giới thiệu thứ {i + 1}: hãy nhập ngày bắt đầu cùng công tác, học tập, sinh hoạt.");
                }
                e.MaxLength(d.OrganisationResolutionNumber, 50, nameof(d.OrganisationResolutionNumber), "Số nghị quyết giới thiệu");
                break;
            case T.CellVote or T.SubCommitteeVote or T.RecognitionVote:
                // A cell or committee has at most a few hundred voters: larger numbers are typing errors (and would overflow).
                foreach (var (value, field, label) in new[] { (d.For, nameof(d.For), "số phiếu tán thành"), (d.Against, nameof(d.Against), "số phiếu không tán thành"), (d.Present, nameof(d.Present), "số đảng viên có mặt") })
                {
                    e.Require(value is not null, field, $"Hãy nhập {label}.");
                    e.Require(value is null or (>= 0 and <= MaxVotes), field, $"{char.ToUpperInvariant(label[0])}{label[1..]} phải từ 0 đến 10.000.");
                }
                e.Require(d.ExcludedAbsent is null or (>= 0 and <= MaxVotes), nameof(d.ExcludedAbsent), "Số đảng viên miễn sinh hoạt vắng mặt phải từ 0 đến 10.000.");
                e.MaxLength(d.Over60ConsentDocument, 100, nameof(d.Over60ConsentDocument), "Văn bản đồng ý");
                e.MaxLength(d.ReadmissionConsentDocument, 100, nameof(d.ReadmissionConsentDocument), "Văn bản đồng ý kết nạp lại");
                break;
            case T.Decision:
                e.Require(d.ReceivedByCellOn is null || d.ReceivedByCellOn.Value.Year is >= 1900 and <= 2199, nameof(d.ReceivedByCellOn), "Ngày chi bộ nhận quyết định không hợp lệ.");
                e.MaxLength(d.DecidingBody, 200, nameof(d.DecidingBody), "Cấp ra quyết định");
                break;
            case T.Ceremony:
                e.MaxLength(d.LateConsentDocument, 100, nameof(d.LateConsentDocument), "Văn bản đồng ý");
                break;
            case T.DecisionExtension or T.Removal or T.Withdrawal:
                e.Require(!string.IsNullOrWhiteSpace(d.Reason), nameof(d.Reason), "Hãy ghi lý do.");
                e.MaxLength(d.Reason, 1000, nameof(d.Reason), "Lý do");
                break;
        }
        return e;
    }

    /// <summary>Text as Vietnamese text is stored everywhere: NFC, tidy spaces, empty as null.</summary>
    private static StepData Normalised(StepData d) => new()
    {
        Date = d.Date, DocumentNumber = VietnameseText.Normalize(d.DocumentNumber), Note = VietnameseText.Normalize(d.Note),
        MentorMemberId = d.MentorMemberId, CertificateNumber = VietnameseText.Normalize(d.CertificateNumber), CertificateDate = d.CertificateDate,
        // A client may send null entries (JSON); the kinds that read these lists have refused them in Validate.
        People = [.. d.People.Where(p => p is not null).Select(p => new RelativeData
        {
            Relationship = VietnameseText.Normalize(p.Relationship), FullName = VietnameseText.Normalize(p.FullName), Result = p.Result,
            Note = VietnameseText.Normalize(p.Note),
        })],
        Path = d.Path, Introducers = [.. d.Introducers.Where(i => i is not null)], NoYouthUnionOrganisation = d.NoYouthUnionOrganisation,
        OrganisationResolutionNumber = VietnameseText.Normalize(d.OrganisationResolutionNumber),
        For = d.For, Against = d.Against, Present = d.Present, ExcludedAbsent = d.ExcludedAbsent,
        Over60ConsentDocument = VietnameseText.Normalize(d.Over60ConsentDocument),
        ReadmissionConsentDocument = VietnameseText.Normalize(d.ReadmissionConsentDocument),
        ReceivedByCellOn = d.ReceivedByCellOn, DecidingBody = VietnameseText.Normalize(d.DecidingBody),
        LateConsentDocument = VietnameseText.Normalize(d.LateConsentDocument), Reason = VietnameseText.Normalize(d.Reason),
    };

    /// <summary>The Core call for the kind, with what the register knows looked up here.</summary>
    private async Task<Func<AdmissionCase, StepContext, StepRecord>> BuildAsync(T kind, StepData d, LoadedCase loaded, ClassOrigin? origin, CancellationToken ct)
    {
        var candidate = loaded.Candidate;
        var date = d.Date!.Value;
        TInput With<TInput>(TInput input) where TInput : StepInput => input with { Date = date, DocumentNumber = d.DocumentNumber, Note = d.Note };
        VoteInput Vote() => With(new VoteInput { For = d.For!.Value, Against = d.Against!.Value, Present = d.Present!.Value });

        switch (kind)
        {
            case T.SourcePool: return (c, ctx) => c.RecordSourcePool(With(new SimpleStepInput()), ctx);
            case T.Application: return (c, ctx) => c.RecordApplication(With(new SimpleStepInput()), ctx);
            case T.Opinions: return (c, ctx) => c.RecordOpinions(With(new SimpleStepInput()), ctx);
            case T.RecognitionDecision: return (c, ctx) => c.RecordRecognitionDecision(With(new SimpleStepInput()), ctx);
            case T.AwarenessClass or T.NewMemberClass:
            {
                var input = With(new ClassInput
                {
                    CertificateNumber = d.CertificateNumber!, CertificateDate = d.CertificateDate!.Value, ClassName = origin?.ClassName, Grade = origin?.Grade,
                });
                return kind == T.NewMemberClass ? (c, ctx) => c.RecordNewMemberClass(input, ctx) : (c, ctx) => c.RecordAwarenessClass(input, ctx);
            }
            case T.DecisionExtension or T.Removal or T.Withdrawal:
            {
                var input = With(new ReasonInput { Reason = d.Reason! });
                return kind switch
                {
                    T.Removal => (c, ctx) => c.RecordRemoval(input, ctx),
                    T.Withdrawal => (c, ctx) => c.RecordWithdrawal(input, ctx),
                    _ => (c, ctx) => c.RecordDecisionExtension(input, ctx),
                };
            }
            case T.MentorAssigned or T.MentorAssessment or T.ProbationMentorAssigned:
            {
                await CheckMentorAsync(candidate, kind, d.MentorMemberId!.Value, ct);
                var input = With(new MentorInput { MentorMemberId = d.MentorMemberId!.Value });
                return kind switch
                {
                    T.MentorAssigned => (c, ctx) => c.RecordMentorAssigned(input, ctx),
                    T.MentorAssessment => (c, ctx) => c.RecordMentorAssessment(input, ctx),
                    _ => (c, ctx) => c.RecordProbationMentorAssigned(input, ctx),
                };
            }
            case T.PersonalHistory:
            {
                var input = With(new PersonalHistoryInput
                {
                    People = [.. d.People.Select(p => new RelativeVerification { Relationship = p.Relationship!, FullName = p.FullName!, Result = p.Result!.Value, Note = p.Note })],
                });
                return (c, ctx) => c.RecordPersonalHistory(input, ctx);
            }
            case T.Introduction:
            {
                var ids = d.Introducers.Select(i => i.MemberId!.Value).Distinct().ToList();
                var members = await register.MembersAsync(ids, ct);
                if (ids.FirstOrDefault(i => !members.ContainsKey(i)) is > 0 and var missing)
                    throw new DomainException($"Người giới thiệu thứ {d.Introducers.FindIndex(i => i.MemberId == missing) + 1} không có trong danh sách đảng viên của Đảng bộ.",
                        ProcedureRules.IntroducerIsOfficial.Key, ProcedureRules.IntroducerIsOfficial.Citation);
                var input = With(new IntroductionInput
                {
                    Path = d.Path!.Value,
                    // Status and official date come from the register, never from the client.
                    Introducers = [.. d.Introducers.Select(i => new IntroducerInput
                    {
                        MemberId = i.MemberId!.Value, Status = members[i.MemberId!.Value].Status,
                        OfficialSince = members[i.MemberId!.Value].OfficialDate, TogetherSince = i.TogetherSince!.Value,
                    })],
                    ApplicantIsYouthUnionMember = candidate.Person.IsYouthUnionMember,
                    NoYouthUnionOrganisation = d.NoYouthUnionOrganisation,
                    OrganisationResolutionNumber = d.OrganisationResolutionNumber,
                });
                return (c, ctx) => c.RecordIntroduction(input, ctx);
            }
            case T.CellVote:
            {
                var roster = await register.RosterAsync(candidate.CellId, date, d.ExcludedAbsent ?? 0, ct);
                var input = With(new CellVoteInput
                {
                    For = d.For!.Value, Against = d.Against!.Value, Present = d.Present!.Value, Over60ConsentDocument = d.Over60ConsentDocument,
                    ReadmissionConsentDocument = d.ReadmissionConsentDocument,
                });
                return (c, ctx) => c.RecordCellVote(input, roster, ctx);
            }
            case T.RecognitionVote:
            {
                var roster = await register.RosterAsync(candidate.CellId, date, d.ExcludedAbsent ?? 0, ct);
                var input = Vote();
                return (c, ctx) => c.RecordRecognitionVote(input, roster, ctx);
            }
            case T.SubCommitteeVote:
            {
                var roster = new SubCommitteeRoster(await register.SubCommitteeSizeAsync(candidate.CellId, ct));
                var input = Vote();
                return (c, ctx) => c.RecordSubCommitteeVote(input, roster, ctx);
            }
            case T.Decision:
            {
                var input = With(new DecisionInput { ReceivedByCellOn = d.ReceivedByCellOn, DecidingBody = d.DecidingBody });
                return (c, ctx) => c.RecordDecision(input, ctx);
            }
            default:
            {
                var input = With(new CeremonyInput { LateConsentDocument = d.LateConsentDocument });
                return (c, ctx) => c.RecordCeremony(input, ctx);
            }
        }
    }

    /// <summary>
    /// The mentor named on a step: an official member of the candidate's own cell (plan point P6). Someone who may
    /// write assessments but not record steps (a mentor) writes only their own, for a candidate they follow.
    /// </summary>
    private async Task CheckMentorAsync(Candidate candidate, T kind, int mentorMemberId, CancellationToken ct)
    {
        var rule = ProcedureRules.MentorEligibility;
        if (!await register.IsEligibleMentorAsync(candidate.CellId, candidate.PersonId, mentorMemberId, ct))
            throw new DomainException(VoterRegister.MentorNotEligible, rule.Key, rule.Citation);
        if (!access.Has(Permission.RecordStep)
            && (kind != T.MentorAssessment || mentorMemberId != access.Scope.MentorMemberId || candidate.MentorMemberId != mentorMemberId))
            throw new DomainException("Đảng viên giúp đỡ chỉ ghi nhận xét của chính mình cho quần chúng mình được phân công giúp đỡ.", rule.Key, rule.Citation);
    }

    private async Task ApplyConsequencesAsync(LoadedCase loaded, StepRecord step, CancellationToken ct)
    {
        var candidate = loaded.Candidate;
        switch (step.Kind)
        {
            case T.MentorAssigned or T.ProbationMentorAssigned when step.ReadDetails<MentorDetails>() is { } mentor:
                candidate.MentorMemberId = mentor.MentorMemberId;
                break;
            case T.Withdrawal:
                candidate.Status = CandidateStatus.Withdrawn;
                break;
            case T.Ceremony:
                // Probation starts with the ceremony: the person enters the register as a probationary member.
                candidate.Status = CandidateStatus.Admitted;
                var member = await MemberOfAsync(candidate, ct);
                if (member is null)
                {
                    member = new Member { CommuneId = candidate.CommuneId, PersonId = candidate.PersonId, CellId = candidate.CellId };
                    db.Members.Add(member);
                }
                member.Status = MemberStatus.Probationary;
                member.StatusDate = step.Date;
                member.CeremonyDate = step.Date;
                member.AdmissionDecisionDate = loaded.Case.AdmissionDecisionDate;
                member.AdmissionDecisionNumber = loaded.Case.Steps.LastOrDefault(s => s.Kind == T.Decision)?.DocumentNumber;
                break;
            case T.RecognitionDecision when loaded.Case.OfficialDate is { } official:
                if (await MemberOfAsync(candidate, ct) is { } recognised)
                {
                    recognised.Status = MemberStatus.Official;
                    recognised.OfficialDate = official;
                    recognised.StatusDate = official;
                }
                break;
            case T.Removal:
                if (await MemberOfAsync(candidate, ct) is { } removed)
                {
                    // The exits list and the membership figures read this removal like any other: one exit, written here.
                    db.MemberExits.Add(new MemberExit
                    {
                        CommuneId = removed.CommuneId, Member = removed, Kind = ExitKind.RemovedFromRoll, Ground = RemovalGround.NotRecognised,
                        Reason = step.ReadDetails<ReasonDetails>()?.Reason, Status = ExitStatus.Decided, DecidedOn = step.Date, EffectiveOn = step.Date,
                        DecisionNumber = step.DocumentNumber, PreviousStatus = removed.Status, PreviousStatusDate = removed.StatusDate, Step = step,
                    });
                    removed.Status = MemberStatus.Removed;
                    removed.StatusDate = step.Date;
                }
                break;
        }
    }

    // The person's register row, whichever cell it is in now (a member may have moved after the ceremony).
    private Task<Member?> MemberOfAsync(Candidate candidate, CancellationToken ct) =>
        db.Members.WholeCommune().FirstOrDefaultAsync(m => m.PersonId == candidate.PersonId, ct);
}
