using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Accounts;

/// <summary>
/// Edits an account's name, role, links and address. Saved through the context (audited like every record), with
/// Identity's concurrency stamp as the version the admin read.
/// </summary>
public sealed class EditAccount(AppDbContext db, UserManager<AppUser> users, Access access, AuditContext who, ConflictDiff diff)
{
    public const string SignInAgain = "Người dùng cần đăng nhập lại để nhận quyền mới.";

    public const string OwnAdminRole = "Đồng chí không thể tự bỏ quyền quản trị của chính mình; hãy nhờ một quản trị viên khác.";

    public async Task<Outcome<AppUser>> HandleAsync(string id, UserInput input, string concurrencyStamp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.ManageUsers)) return Outcome<AppUser>.Forbidden();
        var user = await AccountRules.FindAsync(db, access.Scope, id, ct);
        if (user is null) return Outcome<AppUser>.NotFound();

        var errors = new Errors();
        await AccountRules.CheckAsync(db, input, user.CommuneId, errors, ct);
        // Someone must remain able to manage the accounts: an administrator's own role is changed by another one.
        if (user.Id == who.UserId && input.Role != Roles.Administrator)
            errors.Add(AccountRules.Prefix + nameof(UserInput.Role), OwnAdminRole);
        if (errors.Any) return Outcome<AppUser>.Invalid(errors.List);

        var accessChanged = user.Role != input.Role || user.OrganisationId != input.CellId || user.MemberId != input.MemberId;
        user.FullName = input.FullName;
        user.Role = input.Role;
        user.OrganisationId = input.CellId;
        user.MemberId = input.MemberId;
        user.Email = input.Email;
        user.NormalizedEmail = users.NormalizeEmail(input.Email);
        // Role, cell and member record are copied into the sign-in cookie; a new security stamp ends the sessions that
        // carry the old ones, so the user signs in again with the new access.
        if (accessChanged) user.SecurityStamp = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = concurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        return await db.SaveAsync(user, async token =>
        {
            var current = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, token);
            if (current is null) return (null, []);
            var rows = await diff.CompareAsync(input.Shown(), UserInput.From(current).Shown(), token);
            // Even when the form's fields agree (say, the account was deactivated meanwhile) the user must be told.
            if (rows.Count == 0) rows.Add(new FieldConflict("Trạng thái tài khoản", "—", current.IsActive ? "Đang hoạt động" : "Đã vô hiệu hóa"));
            return (current, rows);
        }, ct, warnings: accessChanged ? [SignInAgain] : null);
    }
}
