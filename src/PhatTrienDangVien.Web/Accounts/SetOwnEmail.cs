using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Accounts;

/// <summary>A user gives (or removes) the address their own alert digest goes to; nobody else's.</summary>
public sealed class SetOwnEmail(AppDbContext db, UserManager<AppUser> users, Access access, AuditContext who)
{
    /// <summary>The notifications page binds the address as <c>Email</c>.</summary>
    public const string Field = "Email";

    public async Task<Outcome<AppUser>> HandleAsync(string? email, CancellationToken ct)
    {
        if (!access.Has(Permission.ReadNotifications) || who.UserId is not { } me) return Outcome<AppUser>.Forbidden();
        var user = await AccountRules.FindAsync(db, access.Scope, me, ct);
        if (user is null) return Outcome<AppUser>.NotFound();
        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (email is not null && !AccountRules.IsDeliverableEmail(email))
            return Outcome<AppUser>.Invalid(Field, "Địa chỉ e-mail không hợp lệ.");
        // Not Identity's SetEmailAsync: it renews the security stamp (the address would reset passwords elsewhere; here
        // it only receives the digest), and the stamp checked on every request would sign the user out of this page.
        user.Email = email;
        user.NormalizedEmail = users.NormalizeEmail(email);
        var result = await users.UpdateAsync(user);
        return result.Succeeded
            ? Outcome<AppUser>.Done(user)
            : Outcome<AppUser>.Invalid(result.Errors.Select(e => new FieldError(Field, e.Description)).ToList());
    }
}
