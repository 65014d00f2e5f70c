using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Application;

namespace PhatTrienDangVien.Web.Pages.Targets;

/// <summary>
/// One year's target allocated to cells. Everyone reads the cells in their scope (a secretary their own cell);
/// only the commune office and admins change it. A sum that does not match the year is saved and flagged.
/// </summary>
[RequirePermission(Permission.ViewPlan)]
public class CellsModel(AppDbContext db, Access access) : PageModel
{
    [BindProperty] public List<Row> Rows { get; set; } = [];

    public int Year { get; private set; }
    public Term Term { get; private set; } = null!;
    public YearTarget? YearTarget { get; private set; }
    public SumCheck? Check { get; private set; }
    public bool CanEdit { get; private set; }
    public Dictionary<int, string> CellNames { get; private set; } = [];
    public List<FieldConflict> Conflicts { get; } = [];

    public sealed class Row
    {
        public int CellId { get; set; }
        public int Version { get; set; }
        [Range(0, 10_000, ErrorMessage = "Số phải từ 0 đến 10.000.")]
        public int Count { get; set; }
        [StringLength(50, ErrorMessage = "Số nghị quyết tối đa 50 ký tự.")]
        public string? ResolutionNumber { get; set; }
        public DateOnly? ResolutionDate { get; set; }
        [StringLength(200, ErrorMessage = "Tên cơ quan ban hành tối đa 200 ký tự.")]
        public string? ResolutionIssuer { get; set; }
        public bool Exists { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int year)
    {
        if (!await LoadAsync(year)) return NotFound();
        var existing = await db.CellTargets.AsNoTracking().Where(c => c.Year == year).ToListAsync();
        Rows = CellNames.Keys.Select(id => existing.FirstOrDefault(e => e.CellId == id) is { } e
            ? new Row
            {
                CellId = id, Version = e.Version, Count = e.Count, Exists = true,
                ResolutionNumber = e.ResolutionNumber, ResolutionDate = e.ResolutionDate, ResolutionIssuer = e.ResolutionIssuer,
            }
            : new Row { CellId = id }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int year)
    {
        if (!access.Has(Permission.ManageTargets)) return Forbid();
        if (!await LoadAsync(year)) return NotFound();
        Rows = Rows.Where(r => CellNames.ContainsKey(r.CellId)).DistinctBy(r => r.CellId).ToList();
        if (!ModelState.IsValid) return Page();
        var existing = await db.CellTargets.Where(c => c.Year == year).ToListAsync();
        foreach (var r in Rows)
        {
            r.ResolutionNumber = VietnameseText.Normalize(r.ResolutionNumber);
            r.ResolutionIssuer = VietnameseText.Normalize(r.ResolutionIssuer);
            var t = existing.FirstOrDefault(e => e.CellId == r.CellId);
            if (t is null)
            {
                // A cell left at zero with no resolution has simply not been allocated anything.
                if (r.Count == 0 && r.ResolutionNumber is null && r.ResolutionDate is null && r.ResolutionIssuer is null) continue;
                t = new CellTarget { CommuneId = Term.CommuneId, CellId = r.CellId, Year = year };
                db.CellTargets.Add(t);
            }
            else
            {
                db.Entry(t).Property(x => x.Version).OriginalValue = r.Version;
            }
            t.Count = r.Count;
            t.ResolutionNumber = r.ResolutionNumber;
            t.ResolutionDate = r.ResolutionDate;
            t.ResolutionIssuer = r.ResolutionIssuer;
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var current = await db.CellTargets.AsNoTracking().Where(c => c.Year == year).ToListAsync();
            foreach (var r in Rows)
            {
                var c = current.FirstOrDefault(x => x.CellId == r.CellId);
                var name = CellNames[r.CellId] + ": ";
                if (c is null) continue;
                if (!r.Exists || c.Version != r.Version)
                {
                    if (c.Count != r.Count) Conflicts.Add(new(name + "chỉ tiêu", r.Count.ToString(CultureInfo.InvariantCulture), c.Count.ToString(CultureInfo.InvariantCulture)));
                    new ResolutionInput { Number = r.ResolutionNumber, Date = r.ResolutionDate, Issuer = r.ResolutionIssuer }.Compare(c, Conflicts, name);
                    r.Version = c.Version;
                    r.Exists = true;
                }
            }
            if (Conflicts.Count == 0) Conflicts.Add(new("(không đổi)", "", ""));
            ModelState.Clear();
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        var sum = TargetSums.Check(YearTarget?.Count ?? 0, Rows.Select(r => r.Count));
        TempData["Success"] = YearTarget is null || sum.Matches
            ? $"Đã lưu phân bổ chỉ tiêu năm {year}."
            : $"Đã lưu phân bổ chỉ tiêu năm {year}. Lưu ý: {sum.Warning("phân bổ", "chỉ tiêu năm")}";
        return Redirect($"/Targets/Cells/{year}");
    }

    private async Task<bool> LoadAsync(int year)
    {
        Year = year;
        var term = await TargetQueries.TermOfYearAsync(db, year);
        if (term is null) return false;
        Term = term;
        CanEdit = access.Has(Permission.ManageTargets);
        YearTarget = await db.YearTargets.AsNoTracking().FirstOrDefaultAsync(y => y.Year == year);
        // Active cells, and any inactive cell that still holds an allocation for the year.
        var allocated = await db.CellTargets.AsNoTracking().Where(c => c.Year == year).Select(c => new { c.CellId, c.Count }).ToListAsync();
        var allocatedIds = allocated.Select(a => a.CellId).ToList();
        var cells = await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Cell && (o.IsActive || allocatedIds.Contains(o.Id)))
            .Select(o => new { o.Id, o.Name }).ToListAsync();
        var vi = StringComparer.Create(new CultureInfo("vi-VN"), true);
        CellNames = cells.Where(c => db.Scope.CoversCell(c.Id)).OrderBy(c => c.Name, vi).ToDictionary(c => c.Id, c => c.Name);
        if (YearTarget is not null && (db.Scope.Unrestricted || db.Scope.WholeCommune))
            Check = TargetSums.Check(YearTarget.Count, allocated.Select(a => a.Count));
        return true;
    }
}
