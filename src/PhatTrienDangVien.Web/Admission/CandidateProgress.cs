using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Admission;

/// <summary>
/// Where each of a set of cases stands: its stage and its next step with the due date, worked out by the engine
/// (<see cref="Deadlines.NextAction"/>) exactly as <see cref="WorkList"/> does, for the candidates a list or a profile
/// already holds. All their steps are read in one query, so a list of 200 candidates costs one read, not 200.
/// </summary>
public sealed class CandidateProgress(AppDbContext db, RuleBookProvider rules, CalendarService calendars, TimeProvider clock)
{
    public sealed record Progress(AdmissionStage Stage, PendingAction? Next)
    {
        public bool IsOverdue => Next?.WorkingDaysLeft < 0;
    }

    /// <summary>How many working days ahead "sắp đến hạn" looks: the commune's own horizon, as the home page, the work
    /// list and the alerts use it.</summary>
    public async Task<int> DueSoonWorkingDaysAsync(CancellationToken ct) =>
        (await Notifications.CommuneThresholds.ForAsync(db, null, ct)).DueSoonWorkingDays;

    public DateOnly Today => Core.Common.VietnamTime.Today(clock);

    public async Task<IReadOnlyDictionary<int, Progress>> ForAsync(IReadOnlyCollection<(int Id, DateOnly DateOfBirth)> candidates, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0) return new Dictionary<int, Progress>();
        var ids = candidates.Select(c => c.Id).ToList();
        var steps = (await db.AdmissionSteps.AsNoTracking().Where(s => ids.Contains(s.CandidateId)).ToListAsync(ct)).ToLookup(s => s.CandidateId);
        var book = await rules.GetAsync(ct);
        var calendar = await calendars.GetAsync(ct);
        var today = Today;
        var result = new Dictionary<int, Progress>(candidates.Count);
        foreach (var (id, dateOfBirth) in candidates)
        {
            var admissionCase = new AdmissionCase(id, dateOfBirth, steps[id]);
            result[id] = new Progress(admissionCase.CurrentStage, Deadlines.NextAction(admissionCase, book, calendar, today));
        }
        return result;
    }

    public async Task<Progress?> ForAsync(int id, DateOnly dateOfBirth, CancellationToken ct) =>
        (await ForAsync([(id, dateOfBirth)], ct)).GetValueOrDefault(id);
}
