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

    // The page holds several forms: each handler binds its own form only (a POST of one is never refused for the
    // empty fields of another).
    public NewCommuneInput Input { get; set; } = new();
    /// <summary>The first administrator of a commune (its own form on the page).</summary>
    public Accounts.NewUserInput Admin { get; set; } = new();
    public int? AdminCommuneId { get; set; }
    public const string NewAdminKey = "NewCommuneAdmin";
    public List<Row> Rows { get; private set; } = [];
    public List<FieldConflict> Conflicts { get; } = [];
    /// <summary>The commune whose rename was refused, to show its form open with the error.</summary>
    public int? RenameFailed { get; private set; }
    /// <summary>What was typed in the refused rename: kept in its box, never lost.</summary>
    public string? RenameTyped { get; private set; }
    /// <summary>The merge chosen, to be confirmed with both names shown.</summary>
    public (Row From, Row Into)? MergeAsked { get; private set; }

    /// <param name="admin">The commune just added: chosen already in the first administrator's form.</param>
    public async Task OnGetAsync(int? admin, CancellationToken ct)
    {
        AdminCommuneId = admin;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAddAsync([Bind(Prefix = "Input")] NewCommuneInput input, CancellationToken ct)
    {
        Input = input;
        if (ModelState.IsValid)
        {
            var outcome = await communes.AddAsync(Input, ct);
            if (this.Show(outcome, conflicts: Conflicts) is null)
            {
                TempData["Success"] = $"Đã thêm {outcome.Value!.Name}. Hãy tạo tài khoản quản trị đầu tiên của xã ở mục “Tài khoản quản trị đầu tiên” (xã này đã được chọn sẵn).";
                return Redirect($"/Province/Communes?admin={outcome.Value.Id}#tai-khoan");
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
        RenameTyped = name;
        ModelState.Clear();
        await LoadAsync(ct);
        var which = Rows.FirstOrDefault(r => r.Id == id)?.Name ?? "";
        this.Show(outcome, conflicts: Conflicts);
        // The page holds a rename form per commune: the message names the one it is about, on top only (the command's
        // field, "Input.Name", is also the add form's box, which would show it under an empty name).
        foreach (var e in outcome.Errors)
        {
            ModelState.Remove(e.Field);
            ModelState.AddModelError("", $"Đổi tên {which}: {e.Message}");
        }
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

    public async Task<IActionResult> OnPostAdminAsync([Bind(Prefix = "Admin")] Accounts.NewUserInput admin, int? adminCommuneId, CancellationToken ct)
    {
        (Admin, AdminCommuneId) = (admin, adminCommuneId);
        // The role is not asked: a commune's first account is its administrator (the command sets it).
        ModelState.Remove("Admin.Role");
        if (AdminCommuneId is null) ModelState.AddModelError(nameof(AdminCommuneId), "Hãy chọn Đảng bộ xã.");
        if (ModelState.IsValid)
        {
            var outcome = await communes.CreateAdministratorAsync(AdminCommuneId!.Value, Admin, ct);
            var shown = this.Show(outcome, "Admin.");
            if (shown is null)
            {
                TempData[NewAdminKey] = $"{outcome.Value!.User.UserName}\n{outcome.Value.Password}";
                return Redirect("/Province/Communes");
            }
            if (outcome.Status == OutcomeStatus.NotFound)
            {
                // An id from outside the list (a tampered form): said beside the list, as a wrong choice.
                ModelState.AddModelError(nameof(AdminCommuneId), "Không có Đảng bộ xã này: hãy chọn trong danh sách.");
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
            else if (shown is not PageResult)
            {
                return shown;
            }
            // The command names its fields "Input.…": shown beside this form's.
            foreach (var e in outcome.Errors) ModelState.AddModelError(e.Field.Replace("Input.", "Admin.", StringComparison.Ordinal), e.Message);
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Merges <paramref name="fromId"/> into <paramref name="intoId"/> (asked to confirm on the page).</summary>
    public async Task<IActionResult> OnPostMergeAsync(int? fromId, int? intoId, bool confirmed, int? fromVersion, int? intoVersion, CancellationToken ct)
    {
        // A confirmation is the page's, with the versions both communes had when it was shown: one posted without them
        // (a forged or hand-made request) is asked again, so that no merge skips the check that neither changed since.
        if (fromId is not null && intoId is not null && fromId != intoId && (!confirmed || fromVersion is null || intoVersion is null))
        {
            // Asked once more, with both names: a merge cannot be undone.
            await LoadAsync(ct);
            if (Rows.FirstOrDefault(r => r.Id == fromId && r.Active) is { } from && Rows.FirstOrDefault(r => r.Id == intoId && r.Active) is { } into)
            {
                MergeAsked = (from, into);
                return Page();
            }
        }
        if (fromId is null || intoId is null)
        {
            ModelState.Clear();
            ModelState.AddModelError("", "Hãy chọn Đảng bộ xã hợp nhất và Đảng bộ xã nhận.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        var outcome = await merge.HandleAsync(fromId.Value, intoId.Value, fromVersion, intoVersion, ct);
        if (outcome.Status == OutcomeStatus.Done)
        {
            var r = outcome.Value!;
            var counts = string.Join(", ", r.Moved.Where(m => m.Value > 0).Select(m => $"{Numbers.Show(m.Value)} {m.Key}"));
            TempData["Success"] = $"Đã hợp nhất {r.From} vào {r.Into}: {(counts.Length > 0 ? counts : "xã này chưa có hồ sơ nào")}."
                + (r.Renamed.Count > 0 ? " Đổi tên để khỏi trùng: " + string.Join("; ", r.Renamed) + "." : "")
                + (r.TargetsAdded ? " Chỉ tiêu nhiệm kỳ và năm của hai xã đã được cộng lại; hãy sửa theo nghị quyết của Đảng bộ sau hợp nhất." : "");
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
