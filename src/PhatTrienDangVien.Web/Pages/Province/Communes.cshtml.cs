using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Province;

namespace PhatTrienDangVien.Web.Pages.Province;

/// <summary>The communes of the installation: add one, rename one, archive one or bring it back (the province board).</summary>
[RequirePermission(Permission.ManageCommunes)]
public class CommunesModel(AppDbContext db, Communes communes, MergeCommunes merge) : PageModel
{
    public sealed record Row(int Id, string Name, bool Active, int Version, int Accounts, string? MergedInto);

    [BindProperty] public NewCommuneInput Input { get; set; } = new();
    public List<Row> Rows { get; private set; } = [];
    public List<FieldConflict> Conflicts { get; } = [];
    /// <summary>The commune whose rename was refused, to show its form open with the error.</summary>
    public int? RenameFailed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var outcome = await communes.AddAsync(Input, ct);
            if (this.Show(outcome, conflicts: Conflicts) is null)
            {
                TempData["Success"] = $"Đã thêm {outcome.Value!.Name}. Hãy tạo tài khoản quản trị của xã bằng lệnh create-admin --commune {outcome.Value.Id}.";
                return Redirect("/Province/Communes");
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync(int id, string? name, int version, CancellationToken ct)
    {
        var outcome = await communes.RenameAsync(id, name, version, ct);
        if (outcome.Status == OutcomeStatus.NotFound) return NotFound();
        if (outcome.Status == OutcomeStatus.Done)
        {
            TempData["Success"] = $"Đã đổi tên thành {outcome.Value!.Name}.";
            return Redirect("/Province/Communes");
        }
        // The errors go on top of the page (the rename form is one of many rows), the conflict's table with them.
        RenameFailed = id;
        ModelState.Clear();
        this.Show(outcome, conflicts: Conflicts);
        foreach (var e in outcome.Errors) ModelState.AddModelError("", e.Message);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostArchiveAsync(int id, bool archived, CancellationToken ct)
    {
        var outcome = await communes.SetArchivedAsync(id, archived, ct);
        if (outcome.Status == OutcomeStatus.Done)
        {
            TempData["Success"] = archived ? $"Đã lưu trữ {outcome.Value!.Name}: tài khoản của xã không đăng nhập được nữa, hồ sơ vẫn giữ nguyên."
                : $"Đã đưa {outcome.Value!.Name} trở lại hoạt động.";
            return Redirect("/Province/Communes");
        }
        if (this.Show(outcome) is { } shown && outcome.Status is OutcomeStatus.NotFound or OutcomeStatus.Forbidden) return shown;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Merges <paramref name="fromId"/> into <paramref name="intoId"/> (asked to confirm on the page).</summary>
    public async Task<IActionResult> OnPostMergeAsync(int? fromId, int? intoId, CancellationToken ct)
    {
        if (fromId is null || intoId is null)
        {
            ModelState.Clear();
            ModelState.AddModelError("", "Hãy chọn Đảng bộ xã hợp nhất và Đảng bộ xã nhận.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        var outcome = await merge.HandleAsync(fromId.Value, intoId.Value, ct);
        if (outcome.Status == OutcomeStatus.Done)
        {
            var r = outcome.Value!;
            var counts = string.Join(", ", r.Moved.Where(m => m.Value > 0).Select(m => $"{Numbers.Show(m.Value)} {m.Key}"));
            TempData["Success"] = $"Đã hợp nhất {r.From} vào {r.Into}: {counts}."
                + (r.Renamed.Count > 0 ? " Đổi tên để khỏi trùng: " + string.Join("; ", r.Renamed) + "." : "")
                + " Chỉ tiêu nhiệm kỳ và năm của hai xã đã được cộng lại; hãy sửa theo nghị quyết của Đảng bộ sau hợp nhất.";
            return Redirect("/Province/Communes");
        }
        if (outcome.Status is OutcomeStatus.NotFound or OutcomeStatus.Forbidden) return this.Show(outcome)!;
        ModelState.Clear();
        this.Show(outcome);
        foreach (var e in outcome.Errors) ModelState.AddModelError("", e.Message);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var accounts = await db.Users.Where(u => u.CommuneId > 0).GroupBy(u => u.CommuneId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var all = await Communes.All(db).AsNoTracking().Select(o => new { o.Id, o.Name, o.IsActive, o.Version, o.MergedIntoId }).ToListAsync(ct);
        var names = all.ToDictionary(o => o.Id, o => o.Name);
        Rows = all.Select(o => new Row(o.Id, o.Name, o.IsActive, o.Version, accounts.GetValueOrDefault(o.Id),
                o.MergedIntoId is { } into ? names.GetValueOrDefault(into) : null))
            .OrderBy(r => !r.Active).ThenBy(r => r.Name, Lookups.Collator).ToList();
    }
}
