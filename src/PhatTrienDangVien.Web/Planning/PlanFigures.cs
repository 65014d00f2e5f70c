using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Planning;

/// <summary>
/// Targets against admissions for the selected organisation: the term and this year for the commune, the cells'
/// allocations for a sub-committee or a cell. Admitted as <see cref="PlanData"/> defines it.
/// </summary>
/// <remarks>
/// <b>Windows.</b> The term runs from its congress date to the day before the next (<see cref="Term.Start"/>,
/// <see cref="Term.End"/>). Its yearly rows are the calendar years it touches, each cut to the term, so the first and
/// last are partial and the rows add up to the term. "This year" is today's row. Every figure says its window.
/// </remarks>
public sealed class PlanFigures
{
    /// <summary>One calendar year of the term: its window, its target (as set, or a share of the term's by time), its admissions.</summary>
    /// <param name="TargetIsShare">No yearly target is recorded for any year: the term target spread over the term's days.</param>
    public sealed record YearRow(TermYear Window, int? Target, bool TargetIsShare, int Admitted)
    {
        public int Year => Window.Year;
    }

    public Term? Term { get; private set; }
    public PlanTerm? PlanTerm { get; private set; }
    public int? TermTarget { get; private set; }
    /// <summary>For a sub-committee or a cell: the term target is the sum of the cells' yearly allocations.</summary>
    public bool TargetIsAllocations => !IsWholeCommune;
    /// <summary>For a sub-committee or a cell: the target years with no allocation to these cells yet.</summary>
    public IReadOnlyList<int> UnallocatedYears { get; private set; } = [];
    public int? YearTarget { get; private set; }
    public int AdmittedInTerm { get; private set; }
    public int AdmittedThisYear { get; private set; }
    /// <summary>Today's calendar year, cut to the term when today is in it.</summary>
    public TermYear ThisYear { get; private set; } = null!;
    public PaceReport? Pace { get; private set; }
    public List<YearRow> Years { get; } = [];
    public bool IsWholeCommune { get; private set; }
    /// <summary>Every admission of the term, for the dashboard to reuse rather than query again.</summary>
    public IReadOnlyList<NewMember> Admissions { get; private set; } = [];

    public static async Task<PlanFigures> ComputeAsync(AppDbContext db, Organisation selected, IReadOnlyCollection<int> cellIds, DateOnly today,
        CancellationToken ct)
    {
        var f = new PlanFigures { IsWholeCommune = selected.Kind == OrganisationKind.CommuneCommittee };
        f.Term = await PlanData.CurrentTermAsync(db, today, ct);
        f.ThisYear = PlanData.ThisYear(f.Term, today);
        if (f.Term is null) return f;
        var term = f.Term;
        var targetYears = TargetSums.TermYears(term.StartYear, term.EndYear);
        // The same targets the reports measure against (PlanTargets): one reading, one figure.
        var targets = await PlanTargets.LoadAsync(db, term, cellIds, targetYears, ct);
        f.TermTarget = targets.ForTerm(f.IsWholeCommune);
        if (!f.IsWholeCommune) f.UnallocatedYears = targets.UnallocatedYears;

        f.PlanTerm = Core.Planning.PlanTerm.Of(term, f.TermTarget ?? 0);
        var admissions = await PlanData.NewMembersAsync(db, cellIds, f.PlanTerm.Start, f.PlanTerm.End, ct);
        f.Admissions = admissions;
        var termDays = f.PlanTerm.End.DayNumber - f.PlanTerm.Start.DayNumber + 1;
        foreach (var window in f.PlanTerm.CalendarYears())
        {
            var y = window.Year;
            var target = targetYears.Contains(y) ? targets.ForYear(f.IsWholeCommune, y) : null;
            // While no year has its own target, each year shows its share of the term target by time, marked as such;
            // once yearly targets are adopted they are the plan (a share beside them would count the term twice).
            var share = target is null && f.IsWholeCommune && targets.CommuneYears.Count == 0 && targets.TermTarget is { } whole
                ? (int?)Math.Round(whole * (double)(window.Last.DayNumber - window.First.DayNumber + 1) / termDays, MidpointRounding.AwayFromZero)
                : null;
            f.Years.Add(new YearRow(window, target ?? share, share is not null,
                admissions.Count(a => a.AdmittedOn >= window.First && a.AdmittedOn <= window.Last)));
        }
        f.AdmittedInTerm = admissions.Count;
        var thisYear = f.Years.FirstOrDefault(y => y.Window == f.ThisYear);
        if (thisYear is not null)
        {
            f.AdmittedThisYear = thisYear.Admitted;
            f.YearTarget = thisYear.TargetIsShare ? null : thisYear.Target;
        }
        else
        {
            f.AdmittedThisYear = await PlanData.AdmittedIn(db.Members, cellIds, f.ThisYear.First, f.ThisYear.Last).CountAsync(ct);
        }
        // A cell's pace against the term means nothing while later years are not allocated to it.
        if (f.TermTarget is not null && today <= f.PlanTerm.End && f.UnallocatedYears.Count == 0)
            f.Pace = Core.Planning.Pace.Compute(f.PlanTerm, f.AdmittedInTerm, f.YearTarget ?? 0, f.AdmittedThisYear, today, f.ThisYear);
        return f;
    }
}
