using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Planning;

namespace PhatTrienDangVien.Web.Exits;

/// <summary>
/// The exits of a set of cells over a window, and the membership figures made of them: one reader for the list, the
/// figures that link to it, the report and the API, so a figure always equals its list.
/// </summary>
public static class ExitReads
{
    /// <summary>Which exits a list shows: those that took effect, the cell's proposals awaiting a decision, or those not approved.</summary>
    public enum Show { Left = 0, Pending = 1, NotApproved = 2 }

    /// <summary>
    /// One row: a member who left (from the register's status, with its exit record when there is one — a register
    /// brought in from a spreadsheet has none) or a proposal.
    /// </summary>
    public sealed record Row(int? ExitId, int MemberId, string FullName, string NameSortKey, string Cell, ExitKind Kind, ExitStatus Status,
        RemovalGround? Ground, string? Reason, DateOnly? ProposedOn, string? ProposalNumber, DateOnly? On, string? DecisionNumber,
        string? DecidingBody, string? Destination, bool BarsReadmission, int? CandidateId, bool FromProcedure, int Version)
    {
        /// <summary>Left without a record of how: the register said so.</summary>
        public bool FromRegister => ExitId is null;
    }

    public static ExitKind KindOf(MemberStatus s) => s switch
    {
        MemberStatus.Expelled => ExitKind.Expelled,
        MemberStatus.LeftParty => ExitKind.LeftParty,
        MemberStatus.TransferredOut => ExitKind.TransferredOut,
        MemberStatus.Deceased => ExitKind.Deceased,
        _ => ExitKind.RemovedFromRoll,
    };

    /// <summary>
    /// Members of these cells who left the roll in the window (status date inside it, both ends included); counted in
    /// their last cell. This is the definition the figures count.
    /// </summary>
    public static IQueryable<Member> LeftIn(IQueryable<Member> members, IReadOnlyCollection<int> cellIds, DateOnly first, DateOnly last) =>
        members.Where(m => cellIds.Contains(m.CellId) && m.Status >= MemberStatus.Removed && m.StatusDate >= first && m.StatusDate <= last);

    public static async Task<List<Row>> ListAsync(AppDbContext db, IReadOnlyCollection<int> cellIds, DateOnly first, DateOnly last, Show show,
        ExitKind? kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (show == Show.Left)
        {
            var left = await LeftIn(db.Members.AsNoTracking(), cellIds, first, last)
                .Select(m => new { m.Id, m.Person.FullName, m.Person.NameSortKey, Cell = m.Cell.Name, m.Status, m.StatusDate, m.PersonId, m.Version }).ToListAsync(ct);
            var ids = left.Select(m => m.Id).ToList();
            var exits = (await db.MemberExits.AsNoTracking().Where(e => ids.Contains(e.MemberId) && e.Status == ExitStatus.Decided).ToListAsync(ct))
                .GroupBy(e => e.MemberId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.EffectiveOn).ThenBy(e => e.Id).Last());
            var cases = await CasesAsync(db, left.Select(m => m.PersonId).ToList(), ct);
            return [.. left.Select(m =>
            {
                var e = exits.GetValueOrDefault(m.Id);
                var k = e?.Kind ?? KindOf(m.Status);
                return e is null
                    ? new Row(null, m.Id, m.FullName, m.NameSortKey, m.Cell, k, ExitStatus.Decided, null, null, null, null, m.StatusDate, null, null, null, false,
                        cases.GetValueOrDefault(m.PersonId), false, m.Version)
                    : RowOf(e, m.FullName, m.NameSortKey, m.Cell, cases.GetValueOrDefault(m.PersonId)) with { On = m.StatusDate };
            }).Where(r => kind is null || r.Kind == kind)];
        }

        var status = show == Show.Pending ? ExitStatus.Proposed : ExitStatus.NotApproved;
        // Awaiting a decision: every one, whenever proposed (the work is still to do). Not approved: by the day of the answer.
        bool pending = show == Show.Pending;
        var proposals = await db.MemberExits.AsNoTracking()
            .Where(e => e.Status == status && cellIds.Contains(e.Member.CellId) && (kind == null || e.Kind == kind)
                && (pending || (e.DecidedOn >= first && e.DecidedOn <= last)))
            .Select(e => new { Exit = e, e.Member.Person.FullName, e.Member.Person.NameSortKey, Cell = e.Member.Cell.Name, e.Member.PersonId })
            .ToListAsync(ct);
        var people = await CasesAsync(db, proposals.Select(p => p.PersonId).ToList(), ct);
        return [.. proposals.Select(p => RowOf(p.Exit, p.FullName, p.NameSortKey, p.Cell, people.GetValueOrDefault(p.PersonId)))];
    }

    private static Row RowOf(MemberExit e, string name, string sortKey, string cell, int? candidateId) =>
        new(e.Id, e.MemberId, name, sortKey, cell, e.Kind, e.Status, e.Ground, e.Reason, e.ProposedOn, e.ProposalNumber, e.EffectiveOn ?? e.DecidedOn,
            e.DecisionNumber, e.DecidingBody, e.Destination, e.BarsReadmission, e.StepId is null ? null : candidateId, e.StepId is not null, e.Version);

    // The person's latest case, for the link to a removal recorded by the procedure.
    private static async Task<Dictionary<int, int>> CasesAsync(AppDbContext db, List<int> people, CancellationToken ct) =>
        (await db.Candidates.WholeCommune().AsNoTracking().Where(c => people.Contains(c.PersonId)).Select(c => new { c.PersonId, c.Id }).ToListAsync(ct))
        .GroupBy(c => c.PersonId).ToDictionary(g => g.Key, g => g.Max(c => c.Id));

    /// <summary>Admissions, exits by way of leaving and net change for each year of the term (so far) and for the whole term.</summary>
    public sealed record Figures(Term Term, IReadOnlyList<MembershipPeriod> Years, MembershipPeriod Total, int Pending);

    public static async Task<Figures?> FiguresAsync(AppDbContext db, IReadOnlyCollection<int> cellIds, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var term = await PlanData.CurrentTermAsync(db, today, ct);
        if (term is null) return null;
        var admitted = await PlanData.AdmittedIn(db.Members.AsNoTracking(), cellIds, term.Start, term.End).Select(m => m.CeremonyDate!.Value).ToListAsync(ct);
        var left = (await LeftIn(db.Members.AsNoTracking(), cellIds, term.Start, term.End).Select(m => new { m.StatusDate, m.Status }).ToListAsync(ct))
            .Select(m => (m.StatusDate!.Value, m.Status)).ToList();
        var years = PlanTerm.Of(term, 0).CalendarYears().Where(y => y.First <= today).ToList();
        var pending = await db.MemberExits.AsNoTracking().CountAsync(e => e.Status == ExitStatus.Proposed && cellIds.Contains(e.Member.CellId), ct);
        return new Figures(term, MembershipChange.PerYear(years, admitted, left),
            MembershipChange.Period($"Nhiệm kỳ {term.StartYear}–{term.EndYear}", term.Start, term.End, admitted, left), pending);
    }
}
