using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Admin.Users;

[RequirePermission(Permission.ManageUsers)]
public class CreateModel(AppDbContext db, CreateAccount create) : AdminPageModel, IUserForm
{
    [BindProperty] public NewUserInput Input { get; set; } = new();
    public UserInput Fields => Input;

    public List<SelectListItem> Cells { get; private set; } = [];
    public List<SelectListItem> Members { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadListsAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadListsAsync(ct);
        if (!ModelState.IsValid) return Page();
        // The password is generated: the admin hands it over, the user changes it.
        var outcome = await create.HandleAsync(Input, password: null, communeId: null, ct);
        if (this.Show(outcome) is { } shown) return shown;
        var (user, password) = outcome.Value!;
        TempData["Success"] = $"Đã tạo tài khoản {user.UserName} ({user.FullName}).";
        TempData[IndexModel.NewPasswordKey] = $"{user.UserName}\n{password}";
        return RedirectToPage("Index");
    }

    private async Task LoadListsAsync(CancellationToken ct)
    {
        Cells = await Lookups.CellsAsync(db, ct);
        Members = await UserForms.MemberItemsAsync(db, ct);
    }
}
