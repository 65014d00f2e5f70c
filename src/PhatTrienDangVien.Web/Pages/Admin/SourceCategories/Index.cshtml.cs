using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Admin.SourceCategories;

[RequirePermission(Permission.ManageReferenceLists)]
public class IndexModel(AppDbContext db) : AdminPageModel
{
    public sealed record Row(int Id, string Code, string Name, int SortOrder, bool IsActive, int Version, int Candidates);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostDeactivateAsync(int id, int version) => ChangeAsync(id, version, s =>
    {
        s.IsActive = false;
        return Task.FromResult($"Đã ngừng dùng nguồn “{s.Name}”; quần chúng đã gắn nguồn này vẫn giữ nguyên.");
    });

    public Task<IActionResult> OnPostReactivateAsync(int id, int version) => ChangeAsync(id, version, s =>
    {
        s.IsActive = true;
        return Task.FromResult($"Đã dùng lại nguồn “{s.Name}”.");
    });

    public Task<IActionResult> OnPostDeleteAsync(int id, int version) => ChangeAsync(id, version, async s =>
    {
        if (await db.CandidateSources.AnyAsync(c => c.SourceCategoryId == s.Id))
            throw new InUseException(s.Name);
        db.SourceCategories.Remove(s);
        return $"Đã xóa nguồn “{s.Name}”.";
    });

    private async Task<IActionResult> ChangeAsync(int id, int version, Func<SourceCategory, Task<string>> change)
    {
        var s = await db.SourceCategories.FirstOrDefaultAsync(x => x.Id == id);
        if (s is null) return NotFound();
        string message;
        try
        {
            message = await change(s);
            db.Entry(s).Property(x => x.Version).OriginalValue = version;
            await db.SaveChangesAsync();
        }
        catch (InUseException e)
        {
            return await Refuse(StatusCodes.Status400BadRequest,
                $"Không xóa được nguồn “{e.Message}” vì đang có quần chúng gắn với nguồn này. Hãy ngừng dùng nguồn thay vì xóa.");
        }
        catch (DbUpdateConcurrencyException)
        {
            return await Refuse(StatusCodes.Status409Conflict,
                "Danh mục nguồn này vừa được người khác sửa sau khi bạn mở trang; chưa có gì thay đổi. Hãy xem lại danh sách dưới đây rồi thao tác lại.");
        }
        catch (DbUpdateException)
        {
            // A candidate was tagged with the category between the check and the delete: the foreign key refuses.
            return await Refuse(StatusCodes.Status400BadRequest,
                "Không xóa được nguồn này vì vừa có quần chúng được gắn với nó. Hãy ngừng dùng nguồn thay vì xóa.");
        }
        TempData["Success"] = message;
        return RedirectToPage("Index");
    }

    private async Task<IActionResult> Refuse(int status, string message)
    {
        db.ChangeTracker.Clear();
        ModelState.AddModelError("", message);
        Response.StatusCode = status;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Rows = await db.SourceCategories.AsNoTracking().OrderBy(s => s.SortOrder).ThenBy(s => s.Code)
            .Select(s => new Row(s.Id, s.Code, s.Name, s.SortOrder, s.IsActive, s.Version,
                db.CandidateSources.Count(c => c.SourceCategoryId == s.Id)))
            .ToListAsync();

    private sealed class InUseException(string name) : Exception(name);
}
