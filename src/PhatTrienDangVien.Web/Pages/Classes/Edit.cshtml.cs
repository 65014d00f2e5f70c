using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Classes;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Classes;

/// <summary>Adds or edits a class of a centre the commune hosts, with the seats of each commune the centre serves.</summary>
[RequirePermission(Permission.ManageClasses)]
public class EditModel(AppDbContext db, Access access, SaveClass save, CommuneDirectory communes) : PageModel
{
    [BindProperty] public PartyClassInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    public int? Id { get; private set; }
    public List<FieldConflict> Conflicts { get; } = [];
    public List<(int Id, string Name)> Centers { get; private set; } = [];
    /// <summary>Per centre, the communes it serves (its host first) by name.</summary>
    public Dictionary<int, List<(int Id, string Name)>> Served { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, int? centerId, CancellationToken ct)
    {
        Id = id;
        await LoadAsync(ct);
        if (id is null)
        {
            if (Centers.Count == 0) return Redirect("/Classes/CenterEdit?first=1");
            Input.CenterId = centerId is { } chosen && Served.ContainsKey(chosen) ? chosen : Centers[0].Id;
            Input.Quotas = [.. Served[Input.CenterId.Value].Select(c => new QuotaInput { CommuneId = c.Id, Seats = c.Id == access.Scope.CommuneId ? Input.Capacity : 0 })];
            return Page();
        }
        var c = await db.PartyClasses.AsNoTracking().Include(x => x.Quotas).FirstOrDefaultAsync(x => x.Id == id && x.CommuneId == access.Scope.CommuneId, ct);
        if (c is null) return NotFound();
        Input = PartyClassInput.From(c);
        Version = c.Version;
        // Communes the centre has started serving since the class was made get an empty row.
        if (Served.TryGetValue(c.CenterId, out var served))
            foreach (var commune in served.Where(s => Input.Quotas.All(q => q.CommuneId != s.Id)))
                Input.Quotas.Add(new QuotaInput { CommuneId = commune.Id });
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
        TempData["Success"] = $"Đã lưu {outcome.Value!.Name}.";
        return Redirect($"/Classes/Details/{outcome.Value.Id}");
    }

    public string CommuneName(int id) => Served.Values.SelectMany(x => x).FirstOrDefault(x => x.Id == id).Name ?? "xã khác";

    private async Task LoadAsync(CancellationToken ct)
    {
        var commune = access.Scope.CommuneId;
        var centers = await db.PoliticalCenters.AsNoTracking().Where(c => c.CommuneId == commune && c.IsActive).OrderBy(c => c.Name).ToListAsync(ct);
        Centers = [.. centers.Select(c => (c.Id, c.Name))];
        var names = (await communes.AllAsync(ct)).ToDictionary(x => x.Id, x => x.Name);
        var ids = centers.Select(c => c.Id).ToList();
        var served = (await db.CenterCommunes.AsNoTracking().Where(x => ids.Contains(x.CenterId)).ToListAsync(ct)).ToLookup(x => x.CenterId);
        Served = centers.ToDictionary(c => c.Id, c => new List<(int, string)> { (commune, names.GetValueOrDefault(commune, "Xã")) }
            .Concat(served[c.Id].Select(s => (s.CommuneId, names.GetValueOrDefault(s.CommuneId, "xã khác")))).ToList());
    }
}
