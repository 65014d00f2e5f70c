using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Admin.Users;

[RequirePermission(Permission.ManageUsers)]
public class EditModel(AppDbContext db, EditAccount edit) : AdminPageModel, IUserForm
{
    [BindProperty] public UserInput Input { get; set; } = new();
    /// <summary>Identity's concurrency token as it was when the form was opened: the version of an account.</summary>
    [BindProperty, System.ComponentModel.DataAnnotations.Display(Name = "Phiên bản tài khoản")] public string ConcurrencyStamp { get; set; } = "";

    public UserInput Fields => Input;
    public string Id { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public bool IsActive { get; private set; }
    public List<SelectListItem> Cells { get; private set; } = [];
    public List<SelectListItem> Members { get; private set; } = [];
    public List<FieldConflict> Conflicts { get; } = [];
    public List<AuditRow> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null) return NotFound();
        Input = UserInput.From(user);
        ConcurrencyStamp = user.ConcurrencyStamp ?? "";
        await LoadAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null) return NotFound();
        await LoadAsync(user, ct);
        if (!ModelState.IsValid) return Page();
        var outcome = await edit.HandleAsync(id, Input, ConcurrencyStamp, ct);
        if (outcome.Status == OutcomeStatus.Conflict && outcome.Value is { } current)
        {
            // Saving again now means the admin has seen the other version and chooses theirs.
            ModelState.Remove(nameof(ConcurrencyStamp));
            ConcurrencyStamp = current.ConcurrencyStamp ?? "";
            await LoadAsync(current, ct);
        }
        if (this.Show(outcome, conflicts: Conflicts) is { } shown) return shown;
        TempData["Success"] = string.Join(" ", [$"Đã lưu tài khoản {user.UserName}.", .. outcome.Warnings]);
        return RedirectToPage("Index");
    }

    // Accounts have no query filter: the commune is applied here, explicitly.
    private Task<AppUser?> FindAsync(string id, CancellationToken ct) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id && u.CommuneId == db.Scope.CommuneId, ct);

    private async Task LoadAsync(AppUser user, CancellationToken ct)
    {
        Id = user.Id;
        UserName = user.UserName ?? "";
        IsActive = user.IsActive;
        Cells = await Lookups.CellsAsync(db, ct);
        Members = await UserForms.MemberItemsAsync(db, ct);
        History = await new AuditView(db).RowsAsync(await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(AppUser) && a.EntityId == user.Id)
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Take(50).ToListAsync(ct), ct);
    }
}
