using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Classes;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Classes;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Classes;

/// <summary>
/// "Đề cử": the people of the user's cells who could go to the class, ticked and sent in one go; those who cannot are
/// listed with the reason, so nobody wonders where a name went.
/// </summary>
[RequirePermission(Permission.NominateForClass)]
public class NominateModel(AppDbContext db, ClassPool pool) : PageModel
{
    public PartyClass Class { get; private set; } = null!;
    public List<ClassPool.Entry> Entries { get; private set; } = [];
    public List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Cells { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public int? CellId { get; set; }
    [BindProperty] public List<int> CandidateIds { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, [FromServices] NominateForClass nominate, CancellationToken ct)
    {
        var outcome = await nominate.HandleAsync(id, CandidateIds, ct);
        if (!await LoadAsync(id, ct)) return NotFound();
        if (this.Show(outcome) is { } shown) return shown;
        TempData["Success"] = $"Đã đề cử {outcome.Value} người; văn phòng đảng ủy sẽ duyệt trong chỉ tiêu của xã.";
        return Redirect($"/Classes/Details/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await db.VisibleAsync(id, ct) is not { } c) return false;
        Class = c;
        Cells = await Lookups.CellsAsync(db, ct);
        if (CellId is { } cell && Cells.All(x => x.Value != cell.ToString(System.Globalization.CultureInfo.InvariantCulture))) CellId = null;
        Entries = [.. (await pool.ForAsync(c, CellId, null, ct)).Where(e => ClassPool.Belongs(c.Kind, e.Stage))];
        return true;
    }
}
