using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Organisations;

namespace PhatTrienDangVien.Web.Targets;

/// <summary>
/// Saves one year's allocation to cells: every row with the version it was read at, in one save, so a row someone
/// changed meanwhile stops the whole allocation. A total that does not match the year's target is saved all the same
/// (the resolutions say what they say) and comes back as a warning. A row emptied (0, no resolution) is removed.
/// </summary>
public sealed class SaveCellTargets(AppDbContext db, Access access, ConflictDiff diff)
{
    public const string DuplicateCell = "Chi bộ này có hai dòng trong bảng phân bổ.";

    public async Task<Outcome<IReadOnlyList<CellTarget>>> HandleAsync(int year, IReadOnlyList<CellTargetRow> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!access.Has(Permission.ManageTargets)) return Outcome<IReadOnlyList<CellTarget>>.Forbidden();
        var term = await TargetQueries.TermOfYearAsync(db, year, ct);
        if (term is null) return Outcome<IReadOnlyList<CellTarget>>.NotFound();

        var errors = new Errors();
        var cells = await CellScope.CellsInScopeAsync(db, rows.Select(r => r.CellId), ct);
        var seen = new HashSet<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var prefix = $"Rows[{i}].";
            if (!cells.Contains(rows[i].CellId)) errors.Add(prefix + nameof(CellTargetRow.CellId), CellScope.OutOfScopeMessage);
            else if (!seen.Add(rows[i].CellId)) errors.Add(prefix + nameof(CellTargetRow.CellId), DuplicateCell);
            TargetWrites.Validate(rows[i], errors, prefix);
        }
        if (errors.Any) return Outcome<IReadOnlyList<CellTarget>>.Invalid(errors.List);

        var cellIds = seen.ToList();
        var existing = await db.CellTargets.Where(c => c.Year == year && cellIds.Contains(c.CellId)).ToDictionaryAsync(c => c.CellId, ct);
        var saved = new List<CellTarget>();
        foreach (var r in rows)
        {
            if (!existing.TryGetValue(r.CellId, out var t))
            {
                if (r.IsBlank) continue;
                t = new CellTarget { CommuneId = term.CommuneId, CellId = r.CellId, Year = year };
                db.CellTargets.Add(t);
            }
            else
            {
                db.ExpectVersion(t, r.Version);
                if (r.IsBlank)
                {
                    // Emptied (0, no resolution): no allocation any more, as if never made. A row kept at 0 would count as
                    // an allocation ("0 (1 chi bộ)") and keep the cell from changing its kind or being deleted.
                    db.CellTargets.Remove(t);
                    continue;
                }
            }
            r.ApplyTo(t);
            saved.Add(t);
        }

        var warnings = new List<string>();
        var yearTarget = await db.YearTargets.AsNoTracking().Where(y => y.Year == year).Select(y => (int?)y.Count).FirstOrDefaultAsync(ct);
        if (yearTarget is { } whole)
        {
            // The year's target is the commune's: every cell's allocation counts, whatever cells the user's role covers.
            var others = await db.CellTargets.WholeCommune().Where(c => c.Year == year && !cellIds.Contains(c.CellId)).SumAsync(c => c.Count, ct);
            var check = TargetSums.Check(whole, [others, .. rows.Select(r => r.Count)]);
            if (check.Warning($"phân bổ cho các chi bộ năm {year}", $"chỉ tiêu năm {year}") is { } warning) warnings.Add(warning);
        }

        return await db.SaveAsync<IReadOnlyList<CellTarget>>(saved, async token =>
        {
            var current = await db.CellTargets.AsNoTracking().Where(c => c.Year == year && cellIds.Contains(c.CellId)).ToListAsync(token);
            var names = await db.Organisations.Where(o => cellIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, token);
            var conflicts = new List<FieldConflict>();
            foreach (var r in rows)
            {
                // Only the rows someone else saved since the form was read; the rest would have been written as typed.
                if (current.FirstOrDefault(c => c.CellId == r.CellId) is not { } stored || stored.Version == r.Version) continue;
                conflicts.AddRange(await diff.CompareTargetAsync(r, CellTargetRow.From(stored), token, names[r.CellId] + ": "));
            }
            return (current, conflicts);
        }, ct, duplicate: TargetWrites.SavedMeanwhile, warnings: warnings);
    }
}
