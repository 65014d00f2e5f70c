using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Admission;

/// <summary>
/// The next action of every open case in the user's scope, with who must act: the mentor, the cell secretary and the
/// committee member in charge of the cell.
/// </summary>
public sealed class WorkList(AppDbContext db, RuleBookProvider rules, CalendarService calendars, TimeProvider clock, IMemoryCache cache)
{
    public sealed record Item(int CandidateId, string FullName, int CellId, string Cell, AdmissionStage Stage, PendingAction Next,
        int? MentorId, string? Mentor, int? SecretaryId, string? Secretary, int? InChargeId, string? InCharge)
    {
        public bool IsOverdue => Next.WorkingDaysLeft < 0;
    }

    public DateOnly Today => Core.Common.VietnamTime.Today(clock);

    public async Task<IReadOnlyList<Item>> ItemsAsync(CancellationToken ct)
    {
        var candidates = await db.Candidates.AsNoTracking().Where(c => c.Status != CandidateStatus.Withdrawn)
            .Select(c => new
            {
                c.Id, c.Person.FullName, c.Person.DateOfBirth, c.CellId, Cell = c.Cell.Name, c.MentorMemberId, c.Cell.SecretaryMemberId,
            }).ToListAsync(ct);
        var ids = candidates.Select(c => c.Id).ToList();
        var steps = (await db.AdmissionSteps.AsNoTracking().Where(s => ids.Contains(s.CandidateId)).ToListAsync(ct)).ToLookup(s => s.CandidateId);
        var people = candidates.SelectMany(c => new[] { c.SecretaryMemberId, c.MentorMemberId }).OfType<int>().Distinct().ToList();
        // Names of mentors, secretaries and committee members are shown to whoever sees the case, across cells.
        var names = await db.Members.WholeCommune()
            .Where(m => people.Contains(m.Id) || (m.Positions & CommitteePositions.CommuneCommitteeMember) != 0)
            .Select(m => new { m.Id, m.Person.FullName }).ToDictionaryAsync(m => m.Id, m => m.FullName, ct);
        var today = Today;
        // Who is in charge of a visible case's cell is part of that case, whatever cells the user covers.
        var inCharge = (await db.CellResponsibilities.WholeCommune()
            .Where(r => r.From <= today && (r.To == null || r.To >= today))
            .Select(r => new { r.CellId, r.MemberId }).ToListAsync(ct)).ToLookup(r => r.CellId, r => r.MemberId);

        var book = await rules.GetAsync(ct);
        var calendar = await calendars.GetAsync(ct);
        var items = new List<Item>();
        foreach (var c in candidates)
        {
            var admissionCase = new AdmissionCase(c.Id, c.DateOfBirth, steps[c.Id]);
            if (Deadlines.NextAction(admissionCase, book, calendar, today) is not { } next) continue;
            int? chargeId = inCharge[c.CellId].Cast<int?>().FirstOrDefault();
            items.Add(new Item(c.Id, c.FullName, c.CellId, c.Cell, admissionCase.CurrentStage, next, c.MentorMemberId,
                c.MentorMemberId is { } mentor && names.TryGetValue(mentor, out var mn) ? mn : null,
                c.SecretaryMemberId, c.SecretaryMemberId is { } s && names.TryGetValue(s, out var sn) ? sn : null,
                chargeId, chargeId is { } ci && names.TryGetValue(ci, out var cn) ? cn : null));
        }
        return items;
    }

    /// <summary>
    /// For the page header: kept in memory under the commune's and the installation's data versions (read from the
    /// database on each call), so a step recorded on any server changes the count at once, and nothing else recounts.
    /// </summary>
    public async Task<int> OverdueCountAsync(CancellationToken ct)
    {
        var s = db.Scope;
        var (commune, installation) = await DataVersions.ReadAsync(db, s.CommuneId, ct);
        var key = $"overdue:{commune}:{installation}:{s.Role}:{s.CommuneId}:{s.WholeCommune}:{string.Join(',', s.CellIds)}:{s.MentorMemberId}:{Today}";
        if (cache.TryGetValue(key, out int count)) return count;
        count = (await ItemsAsync(ct)).Count(i => i.IsOverdue);
        cache.Set(key, count, TimeSpan.FromMinutes(10));
        return count;
    }
}
