using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Education;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Propaganda;

[RequirePermission(Permission.RecordPropaganda)]
public class EditModel(AppDbContext db, Access access, SavePropagandaSession save, TimeProvider clock) : PageModel
{
    [BindProperty] public PropagandaInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    public int? Id { get; private set; }
    public List<FieldConflict> Conflicts { get; } = [];
    public List<SelectListItem> Cells { get; private set; } = [];
    public List<SelectListItem> Categories { get; private set; } = [];
    public List<(int Id, string Name, string Cell)> Candidates { get; private set; } = [];
    public bool WholeCommune => access.Scope.WholeCommune || access.Scope.Unrestricted;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        await LoadAsync(ct);
        if (id is null)
        {
            Input.Date = Core.Common.VietnamTime.Today(clock);
            Input.Organiser = Core.Education.Organiser.Cell;
            if (!WholeCommune && Cells.Count > 0) Input.CellId = int.Parse(Cells[0].Value, System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }
        var s = await db.PropagandaSessions.AsNoTracking().Include(x => x.Attendees).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return NotFound();
        Input = PropagandaInput.From(s);
        Version = s.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        await LoadAsync(ct);
        if (!ModelState.IsValid) return Page();
        var outcome = await save.HandleAsync(id, Input, Version, ct);
        if (outcome.Status == OutcomeStatus.Conflict && outcome.Value is { } current)
        {
            ModelState.Remove(nameof(Version));
            Version = current.Version;
        }
        if (this.Show(outcome, conflicts: Conflicts) is { } shown) return shown;
        TempData["Success"] = $"Đã lưu buổi “{outcome.Value!.Topic}” ngày {outcome.Value.Date:dd/MM/yyyy}.";
        return Redirect($"/Propaganda?Year={outcome.Value.Date.Year}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Cells = await Lookups.CellsAsync(db, ct);
        Categories = [.. (await db.SourceCategories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).ThenBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
            .Select(c => new SelectListItem(c.Name, c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
        Candidates = [.. (await db.Candidates.AsNoTracking().Where(c => c.Status == CandidateStatus.Active)
                .Select(c => new { c.Id, c.Person.FullName, c.Person.NameSortKey, Cell = c.Cell.Name }).ToListAsync(ct))
            .OrderBy(c => c.Cell, StringComparer.Create(Web.Documents.FormValues.Vietnamese, false)).ThenBy(c => c.NameSortKey, StringComparer.Ordinal)
            .Select(c => (c.Id, c.FullName, c.Cell))];
    }
}
