using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Targets;

/// <summary>Chỉ tiêu: the term target, the yearly targets and their allocation to cells, with the sums checked.</summary>
[RequirePermission(Permission.ViewPlan)]
public class IndexModel(AppDbContext db, TimeProvider clock, Access access) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? TermId { get; set; }
    /// <summary>Version of each yearly target as the page showed it, so the default fill never overwrites a newer edit.</summary>
    [BindProperty] public Dictionary<int, int> YearVersions { get; set; } = [];

    public Term? Term { get; private set; }
    public TermTarget? TermTarget { get; private set; }
    public List<YearRow> Years { get; } = [];
    public SumCheck? YearsCheck { get; private set; }
    public bool CanEdit { get; private set; }
    public bool SeesAllCells => db.Scope.Unrestricted || db.Scope.WholeCommune;
    public int ThisYear { get; private set; }

    public sealed record YearRow(int Year, YearTarget? Target, int Allocated, int CellCount, SumCheck? CellsCheck);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return Page();
        return Page();
    }

    public async Task<IActionResult> OnPostFillAsync()
    {
        if (!access.Has(Permission.ManageTargets)) return Forbid();
        if (!await LoadAsync()) return NotFound();
        if (TermTarget is null)
        {
            TempData["Error"] = "Hãy nhập chỉ tiêu cả nhiệm kỳ trước khi điền chỉ tiêu từng năm.";
            return Redirect($"/Targets?termId={Term!.Id}");
        }
        var years = TargetSums.TermYears(Term!.StartYear, Term.EndYear);
        var existing = await db.YearTargets.Where(y => y.TermId == Term.Id || years.Contains(y.Year)).ToListAsync();
        foreach (var (year, count) in TargetSums.DefaultSpread(TermTarget.Count, years))
        {
            var y = existing.FirstOrDefault(e => e.Year == year);
            if (y is null)
            {
                db.YearTargets.Add(new YearTarget { CommuneId = Term.CommuneId, TermId = Term.Id, Year = year, Count = count });
                continue;
            }
            if (YearVersions.TryGetValue(year, out var seen)) db.Entry(y).Property(x => x.Version).OriginalValue = seen;
            else
            {
                TempData["Error"] = $"Chỉ tiêu năm {year} vừa được người khác nhập sau khi bạn mở trang; chưa có gì được ghi đè. Hãy xem lại rồi bấm lần nữa.";
                return Redirect($"/Targets?termId={Term.Id}");
            }
            y.Count = count;
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            TempData["Error"] = "Chỉ tiêu từng năm vừa được người khác sửa sau khi bạn mở trang; chưa có gì được ghi đè. Hãy xem lại rồi bấm lần nữa.";
            return Redirect($"/Targets?termId={Term.Id}");
        }
        TempData["Success"] = $"Đã chia chỉ tiêu {TermTarget.Count} của nhiệm kỳ cho {years.Count} năm.";
        return Redirect($"/Targets?termId={Term.Id}");
    }

    private async Task<bool> LoadAsync()
    {
        ThisYear = TargetQueries.ThisYear(clock);
        CanEdit = access.Has(Permission.ManageTargets);
        Term = await TargetQueries.TermAsync(db, TermId, ThisYear);
        if (Term is null) return false;
        TermId = Term.Id;
        TermTarget = await db.TermTargets.AsNoTracking().FirstOrDefaultAsync(t => t.TermId == Term.Id);
        var years = TargetSums.TermYears(Term.StartYear, Term.EndYear);
        var targets = await db.YearTargets.AsNoTracking().Include(y => y.SubTargets).Where(y => y.TermId == Term.Id).ToListAsync();
        var allocations = await db.CellTargets.AsNoTracking().Where(c => years.Contains(c.Year))
            .GroupBy(c => c.Year).Select(g => new { Year = g.Key, Sum = g.Sum(c => c.Count), Cells = g.Count() }).ToListAsync();
        foreach (var year in years.Union(targets.Select(t => t.Year)).Order())
        {
            var t = targets.FirstOrDefault(x => x.Year == year);
            var a = allocations.FirstOrDefault(x => x.Year == year);
            // A user who sees only some cells would see a partial sum: no check for them.
            var check = t is not null && SeesAllCells ? TargetSums.Check(t.Count, [a?.Sum ?? 0]) : null;
            Years.Add(new YearRow(year, t, a?.Sum ?? 0, a?.Cells ?? 0, check));
            if (t is not null) YearVersions[year] = t.Version;
        }
        if (TermTarget is not null && targets.Count > 0) YearsCheck = TargetSums.Check(TermTarget.Count, targets.Select(t => t.Count));
        return true;
    }
}
