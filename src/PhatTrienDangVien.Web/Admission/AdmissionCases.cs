using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Admission;

/// <summary>A candidate's case as the rules see it: the candidate (within the user's scope), its steps, the rules and today.</summary>
public sealed record LoadedCase(Candidate Candidate, AdmissionCase Case, RuleBook Rules, StepContext Context);

/// <summary>Loads cases for the timeline, the step form, the API and the command that records a step.</summary>
public sealed class AdmissionCases(AppDbContext db, RuleBookProvider rules, CalendarService calendar, AuditContext who, TimeProvider clock)
{
    /// <summary>Null when the candidate does not exist or is outside the user's scope (the caller answers 404).</summary>
    public async Task<LoadedCase?> LoadAsync(int candidateId, CancellationToken ct)
    {
        var candidate = await db.Candidates.Include(c => c.Person).Include(c => c.Cell).FirstOrDefaultAsync(c => c.Id == candidateId, ct);
        if (candidate is null) return null;
        var steps = await db.AdmissionSteps.Where(s => s.CandidateId == candidateId).OrderBy(s => s.Date).ThenBy(s => s.Id).ToListAsync(ct);
        var book = await rules.GetAsync(ct);
        var context = StepContext.From(book, await calendar.GetAsync(ct), clock, who.UserName);
        var prior = await PriorExitAsync(candidate.PersonId, ct);
        return new LoadedCase(candidate, new AdmissionCase(candidateId, candidate.Person.DateOfBirth, steps, prior), book, context);
    }

    /// <summary>
    /// The person's past in the party when they had left it (Quy định 294-QĐ/TW point 3.5), read across the commune:
    /// the decided exits that left the party (not a transfer), or, for a register brought in without them, the
    /// register's status and date. Null for someone who never left. Once re-admitted (probation started) the row is
    /// on the roll again and the rule no longer applies.
    /// </summary>
    public async Task<PriorExit?> PriorExitAsync(int personId, CancellationToken ct)
    {
        var member = await db.Members.WholeCommune().AsNoTracking().Where(m => m.PersonId == personId)
            .Select(m => new { m.Id, m.Status, m.StatusDate }).FirstOrDefaultAsync(ct);
        if (member is null || !MemberStatuses.LeftTheParty(member.Status)) return null;
        var exits = await db.MemberExits.WholeCommune().AsNoTracking()
            .Where(e => e.MemberId == member.Id && e.Status == ExitStatus.Decided
                && (e.Kind == ExitKind.RemovedFromRoll || e.Kind == ExitKind.Expelled || e.Kind == ExitKind.LeftParty))
            .Select(e => new { e.Kind, e.EffectiveOn, e.BarsReadmission }).ToListAsync(ct);
        var last = exits.OrderBy(e => e.EffectiveOn).LastOrDefault();
        return last is null
            ? new PriorExit(member.StatusDate, Pages.Shared.Lookups.StatusName(member.Status).ToLowerInvariant(), false, 1)
            : new PriorExit(last.EffectiveOn, Exits.ExitWords.KindInSentence(last.Kind), exits.Any(e => e.BarsReadmission), exits.Count);
    }
}

/// <summary>
/// What the member register says about a cell's voters: the vote denominators are computed here, never typed in.
/// Read across the commune's whole register (not the user's cells): the voters are facts of the cell, not records shown.
/// </summary>
public sealed class VoterRegister(AppDbContext db)
{
    /// <summary>
    /// The cell's official members on a date, from the membership history: in the cell that day (joined on or before,
    /// not yet left), official that day (official date on or before it and, when recognised through the procedure, the
    /// recognition decided by then), and not removed, transferred out or deceased by then. A vote entered late is counted as the cell stood on its own date; probationary members do not vote.
    /// </summary>
    public IQueryable<Member> OfficialOn(int cellId, DateOnly on)
    {
        // Shaped for the indexes: the members are those of the cell's memberships on that date (read by the cell, not
        // by testing every member of the commune), and a later recognition is looked up through the person's own cases
        // (not among every recognition of the commune for each member): with several communes in one SQLite file the
        // other shape read every commune's members on every vote recorded.
        var inCell = db.CellMemberships.WholeCommune().Where(p => p.CellId == cellId && p.From <= on && (p.To == null || p.To >= on)).Select(p => p.MemberId);
        return db.Members.WholeCommune().Where(m => inCell.Contains(m.Id)
            // An official member entered without the date they became official counts as official since ever.
            && (m.OfficialDate != null ? m.OfficialDate <= on : m.Status == MemberStatus.Official)
            && !(m.Status >= MemberStatus.Removed && (m.StatusDate == null || m.StatusDate <= on))
            // Official from the end of probation, but only once recognised: before the recognition decision the member
            // was still probationary and did not vote (a vote between the two, entered or shown later, leaves them out).
            && !db.Candidates.WholeCommune().Any(c => c.PersonId == m.PersonId
                && db.AdmissionSteps.WholeCommune().Any(s => s.CandidateId == c.Id && s.Kind == AdmissionStepKind.RecognitionDecision && s.Date > on)));
    }

    /// <summary>Official members of the cell on <paramref name="on"/>, how many of them are on temporary transfer or
    /// exempted (the most that may be left out when absent), and whether the cell is under a sub-committee.</summary>
    public async Task<(int Official, int Excludable, bool HasSubCommittee)> CellAsync(int cellId, DateOnly on, CancellationToken ct)
    {
        var official = await OfficialOn(cellId, on)
            .GroupBy(m => m.OnTemporaryTransfer || m.IsExempt).Select(g => new { Excludable = g.Key, Count = g.Count() }).ToListAsync(ct);
        var parentKind = await db.Organisations.WholeCommune().Where(o => o.Id == cellId).Select(o => o.Parent!.Kind).FirstOrDefaultAsync(ct);
        return (official.Sum(x => x.Count), official.Where(x => x.Excludable).Sum(x => x.Count),
            parentKind == Core.Organisations.OrganisationKind.SubCommittee);
    }

    /// <summary>The members counted for a vote on that date, by name, for the list shown beside the vote.</summary>
    public async Task<List<(int Id, string FullName, bool Excludable)>> CountedAsync(int cellId, DateOnly on, CancellationToken ct) =>
        (await OfficialOn(cellId, on).OrderBy(m => m.Person.NameSortKey)
            .Select(m => new { m.Id, m.Person.FullName, Excludable = m.OnTemporaryTransfer || m.IsExempt }).ToListAsync(ct))
        .Select(m => (m.Id, m.FullName, m.Excludable)).ToList();

    /// <summary>The cell's voters for a vote on <paramref name="on"/>: official members, less the exempted or transferred who are absent.</summary>
    public async Task<CellRoster> RosterAsync(int cellId, DateOnly on, int excludedAbsent, CancellationToken ct)
    {
        var (official, excludable, hasSub) = await CellAsync(cellId, on, ct);
        if (excludedAbsent > excludable)
            throw new Core.Common.DomainException(
                $"Số đảng viên miễn sinh hoạt hoặc sinh hoạt tạm thời vắng mặt phải từ 0 đến {excludable} (theo danh sách đảng viên của chi bộ).",
                ProcedureRules.VoteCounts.Key, ProcedureRules.VoteCounts.Citation);
        return new CellRoster(official, excludedAbsent, hasSub);
    }

    public async Task<int> SubCommitteeSizeAsync(int cellId, CancellationToken ct)
    {
        var parent = await db.Organisations.WholeCommune().Where(o => o.Id == cellId).Select(o => o.ParentId).FirstOrDefaultAsync(ct);
        return await db.Members.WholeCommune().CountAsync(m => m.Cell.ParentId == parent && m.Status == MemberStatus.Official
            && (m.Positions & CommitteePositions.SubCommitteeMember) != 0, ct);
    }

    /// <summary>Official members of the cell who may mentor or introduce (the candidate excepted), by name.</summary>
    /// <summary>The official members of the candidate's cell, by name; two of the same name carry their birth year, or
    /// the list would offer two identical lines.</summary>
    public async Task<List<(int Id, string FullName)>> OfficialMembersAsync(Candidate candidate, CancellationToken ct)
    {
        var members = await db.Members.WholeCommune()
            .Where(m => m.CellId == candidate.CellId && m.Status == MemberStatus.Official && m.PersonId != candidate.PersonId)
            .OrderBy(m => m.Person.NameSortKey).Select(m => new { m.Id, m.Person.FullName, m.Person.DateOfBirth }).ToListAsync(ct);
        var repeated = members.GroupBy(m => m.FullName).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return [.. members.Select(m => (m.Id, repeated.Contains(m.FullName)
            ? $"{m.FullName} (sinh năm {m.DateOfBirth.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)})" : m.FullName))];
    }

    /// <summary>
    /// Who may mentor a candidate (plan point P6): an official member of the candidate's own cell, not the candidate.
    /// The one check for the step form, the API and the candidate form.
    /// </summary>
    public Task<bool> IsEligibleMentorAsync(int cellId, int candidatePersonId, int mentorMemberId, CancellationToken ct) =>
        db.Members.WholeCommune().AnyAsync(m => m.Id == mentorMemberId && m.CellId == cellId
            && m.Status == MemberStatus.Official && m.PersonId != candidatePersonId, ct);

    public const string MentorNotEligible = "Đảng viên giúp đỡ phải là đảng viên chính thức của cùng chi bộ với người được giúp đỡ.";

    /// <summary>Members of the commune by id (an introducer may belong to another cell than the candidate).</summary>
    public Task<Dictionary<int, Member>> MembersAsync(IReadOnlyCollection<int> ids, CancellationToken ct) =>
        db.Members.WholeCommune().AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
}
