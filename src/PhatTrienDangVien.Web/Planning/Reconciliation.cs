using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Planning;

/// <summary>
/// The member register against the admission cases, for a term: admissions typed in the register with no case (made
/// before the software, or outside it) and cases whose ceremony the register does not show the same. The first count
/// toward the term as they are ("từ sổ đảng viên"); the second need the office's look.
/// </summary>
public sealed class Reconciliation(AppDbContext db, TimeProvider clock)
{
    public sealed record RegisterOnly(int MemberId, string Name, string Cell, DateOnly Ceremony);

    public sealed record CaseMismatch(int CandidateId, string Name, string Cell, DateOnly CeremonyStep, DateOnly? RegisterCeremony);

    public sealed record Result(PlanTerm? Term, string? TermName, IReadOnlyList<RegisterOnly> RegisterOnly, IReadOnlyList<CaseMismatch> Mismatches);

    public async Task<Result> ForCurrentTermAsync(CancellationToken ct)
    {
        var today = Core.Common.VietnamTime.Today(clock);
        var term = await PlanData.CurrentTermAsync(db, today, ct);
        if (term is null) return new Result(null, null, [], []);
        var window = PlanTerm.Of(term, 0);

        // Whose admission has a case: a ceremony recorded through the procedure (the case of the same commune).
        var ceremonies = await PlanData.CeremoniesAsync(db, db.Candidates.WholeCommune(), ct);
        var byPerson = ceremonies.GroupBy(c => c.PersonId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Date).Last());

        var admitted = await db.Members.AsNoTracking().Where(m => m.CeremonyDate >= window.Start && m.CeremonyDate <= window.End)
            .Select(m => new { m.Id, m.PersonId, m.Person.FullName, Cell = m.Cell.Name, Ceremony = m.CeremonyDate!.Value, m.Person.NameSortKey })
            .ToListAsync(ct);
        var registerOnly = admitted.Where(m => !byPerson.ContainsKey(m.PersonId)).OrderBy(m => m.Ceremony).ThenBy(m => m.NameSortKey, StringComparer.Ordinal)
            .Select(m => new RegisterOnly(m.Id, m.FullName, m.Cell, m.Ceremony)).ToList();

        // Cases the user sees with a ceremony in the term: the register must carry the same date.
        var visibleCases = await db.Candidates.AsNoTracking()
            .Select(c => new { c.Id, c.PersonId, c.Person.FullName, Cell = c.Cell.Name }).ToListAsync(ct);
        var people = visibleCases.Select(c => c.PersonId).ToList();
        var register = await db.Members.WholeCommune().AsNoTracking().Where(m => people.Contains(m.PersonId))
            .Select(m => new { m.PersonId, m.CeremonyDate }).ToDictionaryAsync(m => m.PersonId, m => m.CeremonyDate, ct);
        var mismatches = visibleCases
            .Where(c => byPerson.TryGetValue(c.PersonId, out var step) && step.CandidateId == c.Id && step.Date >= window.Start && step.Date <= window.End
                && (!register.TryGetValue(c.PersonId, out var date) || date != step.Date))
            .Select(c => new CaseMismatch(c.Id, c.FullName, c.Cell, byPerson[c.PersonId].Date, register.GetValueOrDefault(c.PersonId)))
            .OrderBy(c => c.CeremonyStep).ToList();
        return new Result(window, term.Name, registerOnly, mismatches);
    }
}
