using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Targets;

namespace PhatTrienDangVien.Web.Pages.Targets;

/// <summary>
/// One year's target allocated to cells. Everyone reads the cells in their scope (a secretary their own cell);
/// those who manage targets change it. A sum that does not match the year is saved and flagged.
/// </summary>
[RequirePermission(Permission.ViewPlan)]
// Six fields a cell: a commune or a province with hundreds of cells would pass the default limit of 1,024 fields.
[RequestFormLimits(ValueCountLimit = 20_000)]
public class CellsModel(AppDbContext db, Access access, SaveCellTargets save) : PageModel
{
    [BindProperty] public List<CellTargetRow> Rows { get; set; } = [];

    public int Year { get; private set; }
    public Term Term { get; private set; } = null!;
    public YearTarget? YearTarget { get; private set; }
    public SumCheck? Check { get; private set; }
    public bool CanEdit { get; private set; }
    public Dictionary<int, string> CellNames { get; private set; } = [];
    public List<FieldConflict> Conflicts { get; } = [];

    public string CellName(int cellId) => CellNames.GetValueOrDefault(cellId, "(chi bộ không hợp lệ)");

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct)
    {
        if (!await LoadAsync(year, ct)) return NotFound();
        var existing = await db.CellTargets.AsNoTracking().Where(c => c.Year == year).ToDictionaryAsync(c => c.CellId, ct);
        Rows = CellNames.Keys.Select(id => existing.TryGetValue(id, out var e) ? CellTargetRow.From(e) : new CellTargetRow { CellId = id }).ToList();
        return Page();
    }

    [RequireHandlerPermission(Permission.ManageTargets)]
    public async Task<IActionResult> OnPostAsync(int year, CancellationToken ct)
    {
        if (!await LoadAsync(year, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var outcome = await save.HandleAsync(year, Rows, ct);
        if (outcome.Status == OutcomeStatus.Conflict && outcome.Value is { } current)
        {
            // Saving again now means the user has seen the other versions and chooses theirs.
            var stored = current.ToDictionary(c => c.CellId);
            for (var i = 0; i < Rows.Count; i++)
            {
                ModelState.Remove($"Rows[{i}].{nameof(CellTargetRow.Version)}");
                Rows[i].Version = stored.TryGetValue(Rows[i].CellId, out var c) ? c.Version : null;
            }
        }
        if (this.Show(outcome, conflicts: Conflicts) is { } shown) return shown;
        TempData["Success"] = $"Đã lưu phân bổ chỉ tiêu năm {year}.";
        if (outcome.Warnings.Count > 0) TempData["Success"] += " Lưu ý: " + string.Join(" ", outcome.Warnings);
        return Redirect($"/Targets/Cells/{year}");
    }

    private async Task<bool> LoadAsync(int year, CancellationToken ct)
    {
        Year = year;
        var term = await TargetQueries.TermOfYearAsync(db, year, ct);
        if (term is null) return false;
        Term = term;
        CanEdit = access.Has(Permission.ManageTargets);
        YearTarget = await db.YearTargets.AsNoTracking().FirstOrDefaultAsync(y => y.Year == year, ct);
        // Active cells, and any inactive cell that still holds an allocation for the year.
        var allocated = await db.CellTargets.AsNoTracking().Where(c => c.Year == year).Select(c => new { c.CellId, c.Count }).ToListAsync(ct);
        var allocatedIds = allocated.Select(a => a.CellId).ToList();
        var cells = await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Cell && (o.IsActive || allocatedIds.Contains(o.Id)))
            .Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var vi = StringComparer.Create(new CultureInfo("vi-VN"), true);
        CellNames = cells.Where(c => db.Scope.CoversCell(c.Id)).OrderBy(c => c.Name, vi).ToDictionary(c => c.Id, c => c.Name);
        if (YearTarget is not null && (db.Scope.Unrestricted || db.Scope.WholeCommune))
            Check = TargetSums.Check(YearTarget.Count, allocated.Select(a => a.Count));
        return true;
    }
}
