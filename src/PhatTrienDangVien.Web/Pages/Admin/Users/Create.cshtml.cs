using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Setup;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Admin.Users;

[RequirePermission(Permission.ManageUsers)]
public class CreateModel(AppDbContext db, Accounts accounts) : AdminPageModel, IUserForm
{
    [BindProperty] public NewUserInput Input { get; set; } = new();
    public UserInput Fields => Input;

    public List<SelectListItem> Cells { get; private set; } = [];
    public List<SelectListItem> Members { get; private set; } = [];

    public async Task OnGetAsync() => await LoadListsAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        Input.UserName = Input.UserName.Trim();
        await UserForms.NormaliseAndCheckAsync(db, Input, ModelState, "Input.", requireLinks: false);
        if (ModelState.IsValid)
        {
            var password = Accounts.GeneratePassword();
            try
            {
                var user = await accounts.CreateAsync(Input.UserName, password, Input.FullName, Input.Role, db.Scope.CommuneId,
                    Input.CellId, Input.MemberId, Input.Email);
                TempData["Success"] = $"Đã tạo tài khoản {user.UserName} ({user.FullName}).";
                TempData[IndexModel.NewPasswordKey] = $"{user.UserName}\n{password}";
                return RedirectToPage("Index");
            }
            catch (DomainException e)
            {
                // The account rules (role, cell, member record, unique user name) live in Accounts; show its verdict.
                ModelState.AddModelError("", e.Message);
            }
        }
        await LoadListsAsync();
        return Page();
    }

    private async Task LoadListsAsync()
    {
        Cells = await Lookups.CellsAsync(db);
        Members = await UserForms.MemberItemsAsync(db);
    }
}
