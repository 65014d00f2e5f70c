using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Admission;

/// <summary>
/// Loads a candidate's case, computes what the rules need from the member register (never typed in), records a
/// step through the Core engine and applies its consequences to the candidate and member records in one save.
/// </summary>
public sealed class AdmissionService(AppDbContext db, RuleBookProvider rules, CalendarService calendar, AuditContext who, TimeProvider clock)
{
    public sealed record LoadedCase(Candidate Candidate, AdmissionCase Case, RuleBook Rules, StepContext Context);

    public async Task<LoadedCase?> LoadAsync(int candidateId)
    {
        var candidate = await db.Candidates.Include(c => c.Person).Include(c => c.Cell).FirstOrDefaultAsync(c => c.Id == candidateId);
        if (candidate is null) return null;
        var steps = await db.AdmissionSteps.Where(s => s.CandidateId == candidateId).OrderBy(s => s.Date).ThenBy(s => s.Id).ToListAsync();
        var book = await rules.GetAsync();
        return new LoadedCase(candidate, new AdmissionCase(candidateId, candidate.Person.DateOfBirth, steps), book, Context(book));
    }

    public StepContext Context(RuleBook book) => StepContext.From(book, calendar.Calendar, clock, who.UserName);

    /// <summary>The vote denominator's parts, from the register: official members of the cell, and how many of them
    /// are on temporary transfer or exempted (the most that may be left out when absent).</summary>
    public async Task<(int Official, int Excludable, bool HasSubCommittee)> RegisterAsync(int cellId)
    {
        var official = await db.Members.IgnoreQueryFilters().Where(m => m.CellId == cellId && m.Status == MemberStatus.Official)
            .GroupBy(m => m.OnTemporaryTransfer || m.IsExempt).Select(g => new { Excludable = g.Key, Count = g.Count() }).ToListAsync();
        var parentKind = await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == cellId).Select(o => o.Parent!.Kind).FirstOrDefaultAsync();
        return (official.Sum(x => x.Count), official.Where(x => x.Excludable).Sum(x => x.Count), parentKind == OrganisationKind.SubCommittee);
    }

    public async Task<CellRoster> RosterAsync(int cellId, int excludedAbsent)
    {
        var (official, excludable, hasSub) = await RegisterAsync(cellId);
        if (excludedAbsent < 0 || excludedAbsent > excludable)
            throw new DomainException($"Số đảng viên miễn sinh hoạt hoặc sinh hoạt tạm thời vắng mặt phải từ 0 đến {excludable} (theo danh sách đảng viên của chi bộ).",
                ProcedureRules.VoteCounts.Key, ProcedureRules.VoteCounts.Citation);
        return new CellRoster(official, excludedAbsent, hasSub);
    }

    public async Task<int> SubCommitteeSizeAsync(int cellId)
    {
        var parent = await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == cellId).Select(o => o.ParentId).FirstOrDefaultAsync();
        return await db.Members.IgnoreQueryFilters().CountAsync(m => m.Cell.ParentId == parent && m.Status == MemberStatus.Official
            && (m.Positions & CommitteePositions.SubCommitteeMember) != 0);
    }

    /// <summary>
    /// The mentor named on a step: an official member of the candidate's own cell (plan point P6). A mentor writing an
    /// assessment writes it in their own name, for a candidate they follow.
    /// </summary>
    public async Task CheckMentorAsync(Candidate candidate, AdmissionStepKind kind, int mentorMemberId)
    {
        var ok = await db.Members.IgnoreQueryFilters().AnyAsync(m => m.Id == mentorMemberId && m.CommuneId == candidate.CommuneId
            && m.CellId == candidate.CellId && m.Status == MemberStatus.Official && m.PersonId != candidate.PersonId);
        if (!ok)
            throw new DomainException("Đảng viên giúp đỡ phải là đảng viên chính thức của cùng chi bộ với người được giúp đỡ.",
                ProcedureRules.RequiredField.Key, "Quy định 294-QĐ/TW; Hướng dẫn 06-HD/TW");
        if (db.Scope.Role == Authorization.Roles.Mentor
            && (kind != AdmissionStepKind.MentorAssessment || mentorMemberId != db.Scope.MentorMemberId || candidate.MentorMemberId != mentorMemberId))
            throw new DomainException("Đảng viên giúp đỡ chỉ ghi nhận xét của chính mình cho quần chúng mình được phân công giúp đỡ.",
                ProcedureRules.RequiredField.Key, "Quy định 294-QĐ/TW");
    }

    /// <summary>The first step of every case: the candidate enters the cell's source pool on the day they were added.</summary>
    public async Task AddToPoolAsync(Candidate saved)
    {
        var loaded = await LoadAsync(saved.Id) ?? throw new InvalidOperationException("The candidate was just saved.");
        await RecordAsync(loaded, (c, ctx) => c.RecordSourcePool(new SimpleStepInput { Date = saved.AddedOn }, ctx));
        // A mentor named on the form is the "mentor assigned" step of the same day, so the case and the record agree.
        if (saved.MentorMemberId is { } mentor)
        {
            loaded = await LoadAsync(saved.Id) ?? throw new InvalidOperationException("The candidate was just saved.");
            await CheckMentorAsync(loaded.Candidate, AdmissionStepKind.MentorAssigned, mentor);
            await RecordAsync(loaded, (c, ctx) => c.RecordMentorAssigned(new MentorInput { Date = saved.AddedOn, MentorMemberId = mentor }, ctx));
        }
    }

    /// <summary>Records one step (or refuses it with the rule's message, leaving everything unchanged).</summary>
    public async Task<StepRecord> RecordAsync(LoadedCase loaded, Func<AdmissionCase, StepContext, StepRecord> record,
        IReadOnlyList<StepAttachment>? attachments = null)
    {
        var step = record(loaded.Case, loaded.Context);
        db.AdmissionSteps.Add(step);
        // Every step bumps the candidate's version: two people recording on the same case at once cannot both pass
        // the order check against the same history; the second gets a conflict and records nothing.
        db.Entry(loaded.Candidate).Property(c => c.Version).IsModified = true;
        foreach (var a in attachments ?? [])
        {
            a.Step = step;
            db.StepAttachments.Add(a);
        }
        await ApplyConsequencesAsync(loaded.Candidate, loaded.Case, step);
        await db.SaveChangesAsync();
        WorkList.Changed();
        return step;
    }

    private async Task ApplyConsequencesAsync(Candidate candidate, AdmissionCase admissionCase, StepRecord step)
    {
        switch (step.Kind)
        {
            case AdmissionStepKind.MentorAssigned when step.ReadDetails<MentorDetails>() is { } mentor:
                candidate.MentorMemberId = mentor.MentorMemberId;
                break;
            case AdmissionStepKind.Withdrawal:
                candidate.Status = CandidateStatus.Withdrawn;
                break;
            case AdmissionStepKind.Ceremony:
                // Probation starts with the ceremony: the person enters the register as a probationary member.
                candidate.Status = CandidateStatus.Admitted;
                var member = await MemberOfAsync(candidate);
                if (member is null)
                {
                    member = new Member { CommuneId = candidate.CommuneId, PersonId = candidate.PersonId, CellId = candidate.CellId };
                    db.Members.Add(member);
                }
                member.Status = MemberStatus.Probationary;
                member.StatusDate = step.Date;
                member.CeremonyDate = step.Date;
                member.AdmissionDecisionDate = admissionCase.AdmissionDecisionDate;
                member.AdmissionDecisionNumber = admissionCase.Steps.LastOrDefault(s => s.Kind == AdmissionStepKind.Decision)?.DocumentNumber;
                break;
            case AdmissionStepKind.RecognitionDecision when admissionCase.OfficialDate is { } official:
                if (await MemberOfAsync(candidate) is { } recognised)
                {
                    recognised.Status = MemberStatus.Official;
                    recognised.OfficialDate = official;
                    recognised.StatusDate = official;
                }
                break;
            case AdmissionStepKind.Removal:
                if (await MemberOfAsync(candidate) is { } removed)
                {
                    removed.Status = MemberStatus.Removed;
                    removed.StatusDate = step.Date;
                }
                break;
            case AdmissionStepKind.ProbationMentorAssigned when step.ReadDetails<MentorDetails>() is { } probationMentor:
                candidate.MentorMemberId = probationMentor.MentorMemberId;
                break;
        }
    }

    /// <summary>
    /// Reads uploaded files into attachments, refusing (with a Vietnamese message, nothing saved) any that is too
    /// large or is not really a PDF, JPEG or PNG.
    /// </summary>
    public async Task<List<StepAttachment>> ReadUploadsAsync(IEnumerable<IFormFile> files)
    {
        var list = new List<StepAttachment>();
        foreach (var f in files.Where(f => f.Length > 0))
        {
            if (list.Count == StepAttachment.MaxFilesPerUpload)
                throw new DomainException($"Mỗi lần chỉ đính kèm tối đa {StepAttachment.MaxFilesPerUpload} tệp.");
            if (f.Length > StepAttachment.MaxBytes)
                throw new DomainException($"Tệp “{f.FileName}” lớn hơn {StepAttachment.MaxBytes / 1024 / 1024} MB; hãy quét với độ phân giải thấp hơn.");
            using var stream = new MemoryStream();
            await f.CopyToAsync(stream);
            var bytes = stream.ToArray();
            var type = StepAttachment.SniffContentType(bytes)
                ?? throw new DomainException($"Tệp “{f.FileName}” không phải PDF, JPEG hay PNG; chỉ nhận bản quét hoặc ảnh chụp giấy tờ.");
            list.Add(new StepAttachment
            {
                FileName = Path.GetFileName(f.FileName).Normalize(System.Text.NormalizationForm.FormC),
                ContentType = type, Length = bytes.Length, Content = bytes,
                UploadedAtUtc = clock.GetUtcNow().UtcDateTime, UploadedBy = who.UserName,
            });
        }
        return list;
    }

    private Task<Member?> MemberOfAsync(Candidate candidate) =>
        db.Members.IgnoreQueryFilters().FirstOrDefaultAsync(m => m.PersonId == candidate.PersonId);
}
