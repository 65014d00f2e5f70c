using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Planning;

/// <summary>
/// The targets a count of admissions is measured against, read in one place for the dashboard and the reports so that
/// both show the same figure: for the commune, the targets its resolutions adopted (the term's, each year's); for a
/// sub-committee, a cell or several cells, the sum of the cells' yearly allocations.
/// </summary>
/// <remarks>The commune's term target is not the sum of the cells' allocations: cells are allocated year by year, so
/// early in a term the allocations cover only its first years (52 of a term target of 130).</remarks>
public sealed class PlanTargets
{
    /// <summary>The target years read (a term's <see cref="Core.Targets.TargetSums.TermYears"/>, or one year).</summary>
    public IReadOnlyList<int> Years { get; private init; } = [];
    /// <summary>The commune's term target and its resolution number, when recorded.</summary>
    public int? TermTarget { get; private init; }
    public string? TermResolution { get; private init; }
    /// <summary>The commune's yearly targets (count, resolution) by year.</summary>
    public IReadOnlyDictionary<int, (int Count, string? Resolution)> CommuneYears { get; private init; } = new Dictionary<int, (int, string?)>();
    /// <summary>The allocations of the selected cells, by cell and year.</summary>
    public IReadOnlyDictionary<(int Cell, int Year), int> Allocations { get; private init; } = new Dictionary<(int, int), int>();

    /// <param name="term">The term whose target is read; null when only yearly targets are wanted.</param>
    public static async Task<PlanTargets> LoadAsync(AppDbContext db, Term? term, IReadOnlyCollection<int> cellIds, IReadOnlyCollection<int> years,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(years);
        var termTarget = term is null ? null
            : await db.TermTargets.AsNoTracking().Where(t => t.TermId == term.Id).Select(t => new { t.Count, t.ResolutionNumber }).FirstOrDefaultAsync(ct);
        // One yearly target per commune and year, adopted under the term whose target years hold it.
        var communeYears = await db.YearTargets.AsNoTracking().Where(y => years.Contains(y.Year))
            .Select(y => new { y.Year, y.Count, y.ResolutionNumber }).ToListAsync(ct);
        var allocations = await db.CellTargets.AsNoTracking().Where(c => cellIds.Contains(c.CellId) && years.Contains(c.Year))
            .Select(c => new { c.CellId, c.Year, c.Count }).ToListAsync(ct);
        return new PlanTargets
        {
            Years = [.. years.Order()],
            TermTarget = termTarget?.Count,
            TermResolution = termTarget?.ResolutionNumber,
            CommuneYears = communeYears.ToDictionary(y => y.Year, y => (y.Count, y.ResolutionNumber)),
            Allocations = allocations.ToDictionary(a => (a.CellId, a.Year), a => a.Count),
        };
    }

    /// <summary>The target of the term: the commune's resolution for the whole commune, else the cells' allocations for
    /// the years read (null when there is none).</summary>
    public int? ForTerm(bool wholeCommune) => wholeCommune ? TermTarget : Allocated(Years);

    /// <summary>The target of one year: the commune's for the whole commune, else the cells' allocations of that year.</summary>
    public int? ForYear(bool wholeCommune, int year) =>
        wholeCommune ? (CommuneYears.TryGetValue(year, out var t) ? t.Count : null) : Allocated([year]);

    /// <summary>The sum of the selected cells' allocations over these years; null when none is recorded.</summary>
    public int? Allocated(IEnumerable<int> years)
    {
        var set = years.ToHashSet();
        var found = Allocations.Where(a => set.Contains(a.Key.Year)).ToList();
        return found.Count > 0 ? found.Sum(a => a.Value) : null;
    }

    /// <summary>One cell's allocations over the years read; null when none is recorded.</summary>
    public int? OfCell(int cellId)
    {
        var found = Allocations.Where(a => a.Key.Cell == cellId).ToList();
        return found.Count > 0 ? found.Sum(a => a.Value) : null;
    }

    /// <summary>The years read with no allocation to any of the selected cells.</summary>
    public IReadOnlyList<int> UnallocatedYears => [.. Years.Where(y => !Allocations.Keys.Any(a => a.Year == y))];

    /// <summary>The years read with an allocation to one of the selected cells.</summary>
    public IReadOnlyList<int> AllocatedYears => [.. Years.Where(y => Allocations.Keys.Any(a => a.Year == y))];
}
