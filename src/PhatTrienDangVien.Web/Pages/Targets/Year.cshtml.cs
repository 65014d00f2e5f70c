using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Application;

namespace PhatTrienDangVien.Web.Pages.Targets;

/// <summary>One year's target, its sub-targets and the resolution that adopted them.</summary>
[RequirePermission(Permission.ManageTargets)]
public class YearModel(AppDbContext db) : PageModel
{
    [BindProperty, Display(Name = "Chỉ tiêu năm (đảng viên mới)"), Range(0, 10_000, ErrorMessage = "Chỉ tiêu phải từ 0 đến 10.000.")]
    public int Count { get; set; }
    [BindProperty] public ResolutionInput Resolution { get; set; } = new();
    [BindProperty] public List<SubTargetInput> SubTargets { get; set; } = [];
    [BindProperty] public int Version { get; set; }

    public int Year { get; private set; }
    public Term Term { get; private set; } = null!;
    public SumCheck? CellsCheck { get; private set; }
    public List<FieldConflict> Conflicts { get; } = [];

    public sealed class SubTargetInput
    {
        public SubTargetKind Kind { get; set; }
        [Range(0, 10_000, ErrorMessage = "Số phải từ 0 đến 10.000.")]
        public int Count { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int year)
    {
        if (!await LoadAsync(year)) return NotFound();
        var target = await db.YearTargets.AsNoTracking().Include(y => y.SubTargets).FirstOrDefaultAsync(y => y.Year == year);
        Count = target?.Count ?? 0;
        Resolution = ResolutionInput.From(target);
        Version = target?.Version ?? 0;
        SubTargets = Enum.GetValues<SubTargetKind>()
            .Select(k => new SubTargetInput { Kind = k, Count = target?.SubTargets.FirstOrDefault(s => s.Kind == k)?.Count ?? 0 }).ToList();
        if (target is not null)
            CellsCheck = TargetSums.Check(target.Count, await db.CellTargets.Where(c => c.Year == year).Select(c => c.Count).ToListAsync());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int year)
    {
        if (!await LoadAsync(year)) return NotFound();
        Resolution.Normalize();
        SubTargets = SubTargets.Where(s => Enum.IsDefined(s.Kind)).DistinctBy(s => s.Kind).ToList();
        for (var i = 0; i < SubTargets.Count; i++)
            if (SubTargets[i].Count > Count)
                ModelState.AddModelError($"SubTargets[{i}].Count", "Chỉ tiêu con không thể lớn hơn chỉ tiêu năm.");
        if (!ModelState.IsValid) return Page();

        var target = await db.YearTargets.Include(y => y.SubTargets).FirstOrDefaultAsync(y => y.Year == year);
        if (target is null)
        {
            target = new YearTarget { CommuneId = Term.CommuneId, TermId = Term.Id, Year = year };
            db.YearTargets.Add(target);
        }
        else
        {
            db.Entry(target).Property(x => x.Version).OriginalValue = Version;
            // The year's version guards its sub-targets too: touching it makes a change to them alone conflict-checked.
            db.Entry(target).Property(x => x.Version).IsModified = true;
        }
        target.Count = Count;
        Resolution.ApplyTo(target);
        foreach (var s in SubTargets)
        {
            var row = target.SubTargets.FirstOrDefault(x => x.Kind == s.Kind);
            if (row is null) target.SubTargets.Add(new YearSubTarget { CommuneId = Term.CommuneId, Kind = s.Kind, Count = s.Count });
            else row.Count = s.Count;
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var current = await db.YearTargets.AsNoTracking().Include(y => y.SubTargets).FirstOrDefaultAsync(y => y.Year == year);
            if (current is null) { ModelState.AddModelError("", "Chỉ tiêu năm này vừa bị xóa; không có gì được lưu."); return Page(); }
            if (current.Count != Count) Conflicts.Add(new("Chỉ tiêu năm", Count.ToString(), current.Count.ToString()));
            foreach (var s in SubTargets)
            {
                var theirs = current.SubTargets.FirstOrDefault(x => x.Kind == s.Kind)?.Count ?? 0;
                if (theirs != s.Count) Conflicts.Add(new(Lookups.SubTargetName(s.Kind), s.Count.ToString(), theirs.ToString()));
            }
            Resolution.Compare(current, Conflicts);
            if (Conflicts.Count == 0) Conflicts.Add(new("(không đổi)", "", ""));
            ModelState.Remove(nameof(Version));
            Version = current.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData["Success"] = $"Đã lưu chỉ tiêu năm {year}: {Count} đảng viên mới.";
        return Redirect($"/Targets?termId={Term.Id}");
    }

    private async Task<bool> LoadAsync(int year)
    {
        Year = year;
        var term = await TargetQueries.TermOfYearAsync(db, year);
        if (term is null) return false;
        Term = term;
        return true;
    }
}
