using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Application;

namespace PhatTrienDangVien.Web.Pages.Admin.Users;

[RequirePermission(Permission.ManageUsers)]
public class IndexModel(AppDbContext db) : AdminPageModel
{
    /// <summary>TempData key of a password just generated: shown once on the next page, then gone.</summary>
    public const string NewPasswordKey = "NewPassword";

    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public ListQuery Query { get; set; } = new();

    public PageResult<Row> Result { get; private set; } = null!;
    public (string UserName, string Password)? NewPassword { get; private set; }

    public sealed record Row(string Id, string UserName, string FullName, string Role, string? Cell, string? Member,
        bool IsActive, bool LockedOut, DateTime CreatedAtUtc, bool TwoFactorEnabled, bool MustChangePassword)
    {
        public string RoleName => Roles.DisplayName(Role);
    }

    public async Task OnGetAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        if (TempData[NewPasswordKey] is string s && s.Split('\n') is [var name, var password])
            NewPassword = (name, password);
        await LoadAsync(ct);
        if (Query.Print) (await exporter.PrintAsync("Tài khoản người dùng", FilterText(), "người dùng", ct)).Put(ViewData);
    }

    /// <summary>The filters in words, for the print view's head (this list has no file to share it with).</summary>
    private string FilterText()
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(Role)) parts.Add("vai trò " + Roles.DisplayName(Role));
        if (!string.IsNullOrWhiteSpace(Search)) parts.Add($"họ tên hoặc tên đăng nhập có “{Search.Trim()}”");
        return parts.Count == 0 ? "Tất cả tài khoản" : "Điều kiện lọc: " + string.Join("; ", parts);
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string id, [FromServices] DeactivateAccount deactivate, CancellationToken ct) =>
        await DoneAsync(await deactivate.HandleAsync(id, ct), u => $"Đã vô hiệu hóa tài khoản {u.UserName}; người này không đăng nhập được nữa.", ct);

    public async Task<IActionResult> OnPostReactivateAsync(string id, [FromServices] ReactivateAccount reactivate, CancellationToken ct) =>
        await DoneAsync(await reactivate.HandleAsync(id, ct), u => $"Đã kích hoạt lại tài khoản {u.UserName}.", ct);

    public async Task<IActionResult> OnPostUnlockAsync(string id, [FromServices] UnlockAccount unlock, CancellationToken ct) =>
        await DoneAsync(await unlock.HandleAsync(id, ct), u => $"Đã mở khóa tài khoản {u.UserName}.", ct);

    public async Task<IActionResult> OnPostResetPasswordAsync(string id, [FromServices] ResetPassword reset, CancellationToken ct)
    {
        var outcome = await reset.HandleAsync(id, password: null, ct);
        if (outcome.Value is { } done) TempData[NewPasswordKey] = $"{done.User.UserName}\n{done.Password}";
        return await DoneAsync(outcome, a => $"Đã đặt lại mật khẩu cho {a.User.UserName}; người dùng phải đổi mật khẩu ở lần đăng nhập sau.", ct);
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id, [FromServices] ResetTwoFactor reset, CancellationToken ct) =>
        await DoneAsync(await reset.HandleAsync(id, ct), u => TwoFactor.RequiredFor(u.Role)
            ? $"Đã xóa xác thực hai bước của {u.UserName}; ở lần đăng nhập sau, người dùng phải bật lại với ứng dụng trên điện thoại mới."
            : $"Đã xóa xác thực hai bước của {u.UserName}; người dùng đăng nhập chỉ bằng mật khẩu cho đến khi tự bật lại.", ct);

    private async Task<IActionResult> DoneAsync<T>(Outcome<T> outcome, Func<T, string> success, CancellationToken ct)
    {
        if (this.Show(outcome) is { } shown)
        {
            await LoadAsync(ct);
            return shown;
        }
        TempData["Success"] = success(outcome.Value!);
        return RedirectToPage("Index", new { Role, Search });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // Accounts have no query filter: the commune is applied here, explicitly.
        var q = db.Users.AsNoTracking().Where(u => u.CommuneId == db.Scope.CommuneId);
        if (!string.IsNullOrEmpty(Role)) q = q.Where(u => u.Role == Role);
        var list = await q.ToListAsync(ct);
        var folded = Core.Text.VietnameseText.Fold(Search);
        if (folded.Length > 0)
            list = list.Where(u => Core.Text.VietnameseText.Fold(u.FullName).Contains(folded, StringComparison.Ordinal)
                || (u.UserName ?? "").Contains(folded, StringComparison.OrdinalIgnoreCase)).ToList();

        var cellIds = list.Where(u => u.OrganisationId != null).Select(u => u.OrganisationId!.Value).Distinct().ToList();
        var memberIds = list.Where(u => u.MemberId != null).Select(u => u.MemberId!.Value).Distinct().ToList();
        var cells = await db.Organisations.Where(o => cellIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var members = await db.Members.Where(m => memberIds.Contains(m.Id)).Select(m => new { m.Id, m.Person.FullName })
            .ToDictionaryAsync(m => m.Id, m => m.FullName, ct);
        // Identity's lockout runs on the system clock, not the injected one: show what Identity enforces.
        var now = DateTimeOffset.UtcNow;
        var rows = list.Select(u => new Row(u.Id, u.UserName ?? "", u.FullName, u.Role,
            u.OrganisationId is { } c ? cells.GetValueOrDefault(c) : null,
            u.MemberId is { } m ? members.GetValueOrDefault(m) : null,
            u.IsActive, u.LockoutEnd > now, u.CreatedAtUtc, u.TwoFactorEnabled, u.MustChangePassword));

        var vi = StringComparer.Create(new CultureInfo("vi-VN"), true);
        IEnumerable<Row> sorted = Query.Sort?.ToLowerInvariant() switch
        {
            "username" => rows.OrderBy(r => r.UserName, StringComparer.OrdinalIgnoreCase),
            "role" => rows.OrderBy(r => Roles.All.ToList().IndexOf(r.Role)).ThenBy(r => r.UserName, StringComparer.OrdinalIgnoreCase),
            "active" => rows.OrderBy(r => r.IsActive).ThenBy(r => r.UserName, StringComparer.OrdinalIgnoreCase),
            "created" => rows.OrderBy(r => r.CreatedAtUtc),
            _ => rows.OrderBy(r => Core.Text.VietnameseText.NameSortKey(r.FullName), StringComparer.Ordinal).ThenBy(r => r.FullName, vi),
        };
        var all = sorted.ToList();
        if (Query.Desc) all.Reverse();
        Result = new PageResult<Row>(all.Skip(Query.Skip).Take(Query.Size).ToList(), all.Count, Query);
    }
}
