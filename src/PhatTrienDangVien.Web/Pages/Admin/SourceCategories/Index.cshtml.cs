using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.People;

namespace PhatTrienDangVien.Web.Pages.Admin.SourceCategories;

[RequirePermission(Permission.ManageReferenceLists)]
public class IndexModel(AppDbContext db) : AdminPageModel
{
    public sealed record Row(int Id, string Code, string Name, int SortOrder, bool IsActive, int Version, int Candidates);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDeactivateAsync(int id, int version, [FromServices] SetSourceCategoryActive set, CancellationToken ct) =>
        await DoneAsync(await set.HandleAsync(id, active: false, version, ct),
            s => $"Đã ngừng dùng nguồn “{s.Name}”; quần chúng đã gắn nguồn này vẫn giữ nguyên.", ct);

    public async Task<IActionResult> OnPostReactivateAsync(int id, int version, [FromServices] SetSourceCategoryActive set, CancellationToken ct) =>
        await DoneAsync(await set.HandleAsync(id, active: true, version, ct), s => $"Đã dùng lại nguồn “{s.Name}”.", ct);

    public async Task<IActionResult> OnPostDeleteAsync(int id, int version, [FromServices] DeleteSourceCategory delete, CancellationToken ct) =>
        await DoneAsync(await delete.HandleAsync(id, version, ct), s => $"Đã xóa nguồn “{s.Name}”.", ct);

    private async Task<IActionResult> DoneAsync(Outcome<SourceCategory> outcome, Func<SourceCategory, string> success, CancellationToken ct)
    {
        if (this.Show(outcome) is { } shown)
        {
            await LoadAsync(ct);
            return shown;
        }
        TempData["Success"] = success(outcome.Value!);
        return RedirectToPage("Index");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Rows = await db.SourceCategories.AsNoTracking().OrderBy(s => s.SortOrder).ThenBy(s => s.Code)
            .Select(s => new Row(s.Id, s.Code, s.Name, s.SortOrder, s.IsActive, s.Version,
                db.CandidateSources.Count(c => c.SourceCategoryId == s.Id)))
            .ToListAsync(ct);
}
