using System.ComponentModel.DataAnnotations;
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

/// <summary>One year's target, its sub-targets and the resolution that adopted them.</summary>
[RequirePermission(Permission.ManageTargets)]
public class YearModel(AppDbContext db, SaveYearTarget save) : PageModel
{
    [BindProperty, Display(Name = YearTargetInput.CountLabel)] public int Count { get; set; }
    [BindProperty] public ResolutionInput Resolution { get; set; } = new();
    [BindProperty] public List<SubTargetInput> SubTargets { get; set; } = [];
    /// <summary>The stored target's version when the form was read (it guards the sub-targets too); empty when the year had none.</summary>
    [BindProperty] public int? Version { get; set; }

    public int Year { get; private set; }
    public Term Term { get; private set; } = null!;
    public SumCheck? CellsCheck { get; private set; }
    public List<FieldConflict> Conflicts { get; } = [];

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct)
    {
        if (!await LoadAsync(year, ct)) return NotFound();
        var target = await db.YearTargets.AsNoTracking().Include(y => y.SubTargets).FirstOrDefaultAsync(y => y.Year == year, ct);
        var input = YearTargetInput.From(target);
        Count = input.Count;
        Resolution = input.Resolution;
        SubTargets = input.SubTargets;
        Version = target?.Version;
        if (target is not null)
            CellsCheck = TargetSums.Check(target.Count, await db.CellTargets.Where(c => c.Year == year).Select(c => c.Count).ToListAsync(ct));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int year, CancellationToken ct)
    {
        if (!await LoadAsync(year, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var input = new YearTargetInput { Count = Count, Resolution = Resolution, SubTargets = SubTargets };
        var outcome = await save.HandleAsync(year, new YearTargetWrite(input, Version), ct);
        if (outcome.Status == OutcomeStatus.Conflict && outcome.Value is { } current)
        {
            // Saving again now means the user has seen the other version and chooses theirs.
            ModelState.Remove(nameof(Version));
            Version = current.Version;
        }
        if (this.Show(outcome, conflicts: Conflicts) is { } shown) return shown;
        TempData["Success"] = $"Đã lưu chỉ tiêu năm {year}: {outcome.Value!.Count} đảng viên mới.";
        return Redirect($"/Targets?termId={Term.Id}");
    }

    private async Task<bool> LoadAsync(int year, CancellationToken ct)
    {
        Year = year;
        var term = await TargetQueries.TermOfYearAsync(db, year, ct);
        if (term is null) return false;
        Term = term;
        return true;
    }
}
