using Microsoft.AspNetCore.Identity;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Accounts;

// Identity's own operations save through the same AppDbContext (its EF store), so each of these is audited too.

/// <summary>Ends an account's access: no new sign-in, and the sessions already open end at their next validation.</summary>
public sealed class DeactivateAccount(AppDbContext db, UserManager<AppUser> users, Access access, AuditContext who)
{
    public const string NotYourself = "Đồng chí không thể tự vô hiệu hóa tài khoản của chính mình.";

    public async Task<Outcome<AppUser>> HandleAsync(string id, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageUsers)) return Outcome<AppUser>.Forbidden();
        var user = await AccountRules.FindAsync(db, access.Scope, id, ct);
        if (user is null) return Outcome<AppUser>.NotFound();
        if (user.Id == who.UserId) return Outcome<AppUser>.Invalid("", NotYourself);
        user.IsActive = false;
        // A new security stamp makes the cookies already issued to this user fail their next validation.
        return Result(user, await users.UpdateSecurityStampAsync(user));
    }

    internal static Outcome<AppUser> Result(AppUser user, params IdentityResult[] results) =>
        results.FirstOrDefault(r => !r.Succeeded) is { } failed ? Outcome<AppUser>.Invalid(AccountRules.Errors(failed)) : Outcome<AppUser>.Done(user);
}

public sealed class ReactivateAccount(AppDbContext db, UserManager<AppUser> users, Access access)
{
    public async Task<Outcome<AppUser>> HandleAsync(string id, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageUsers)) return Outcome<AppUser>.Forbidden();
        var user = await AccountRules.FindAsync(db, access.Scope, id, ct);
        if (user is null) return Outcome<AppUser>.NotFound();
        user.IsActive = true;
        return DeactivateAccount.Result(user, await users.UpdateAsync(user));
    }
}

/// <summary>Lifts the lockout that wrong passwords caused.</summary>
public sealed class UnlockAccount(AppDbContext db, UserManager<AppUser> users, Access access)
{
    public async Task<Outcome<AppUser>> HandleAsync(string id, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageUsers)) return Outcome<AppUser>.Forbidden();
        var user = await AccountRules.FindAsync(db, access.Scope, id, ct);
        if (user is null) return Outcome<AppUser>.NotFound();
        var ended = await users.SetLockoutEndDateAsync(user, null);
        return DeactivateAccount.Result(user, ended, ended.Succeeded ? await users.ResetAccessFailedCountAsync(user) : ended);
    }
}

/// <summary>
/// Sets a new password (given, or generated to be shown once) and unlocks the account. A generated password has been
/// seen by whoever hands it over: the user must replace it at the next sign-in (<see cref="PasswordChangeGate"/>).
/// The new security stamp ends the user's open sessions. On the access trail as "Đặt lại mật khẩu", by whom.
/// </summary>
public sealed class ResetPassword(AppDbContext db, UserManager<AppUser> users, Access access, AuditContext who, AccessTrail trail)
{
    /// <summary>A reset of one's own password signs one out with a password shown nowhere: the only administrator
    /// would be locked out. One's own password is changed with the current one.</summary>
    public const string NotYourself = "Mật khẩu của chính đồng chí được đổi tại trang “Đổi mật khẩu”, với mật khẩu hiện tại.";

    public async Task<Outcome<AccountWithPassword>> HandleAsync(string id, string? password, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageUsers)) return Outcome<AccountWithPassword>.Forbidden();
        var user = await AccountRules.FindAsync(db, access.Scope, id, ct);
        if (user is null) return Outcome<AccountWithPassword>.NotFound();
        if (user.Id == who.UserId) return Outcome<AccountWithPassword>.Invalid("", NotYourself);
        var generated = password is null;
        password ??= AccountRules.GeneratePassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded) return Outcome<AccountWithPassword>.Invalid(AccountRules.Errors(reset));
        // Saved by the next update below (the lockout's), after the reset succeeded.
        user.MustChangePassword = generated;
        var unlocked = DeactivateAccount.Result(user, await users.SetLockoutEndDateAsync(user, null), await users.ResetAccessFailedCountAsync(user));
        if (!unlocked.IsDone) return unlocked.As<AccountWithPassword>();
        await trail.AccountChangedAsync(user, AccessTrail.PasswordReset, ct);
        return Outcome<AccountWithPassword>.Done(new AccountWithPassword(user, password));
    }
}

/// <summary>
/// Turns off an account's second factor and forgets its key and recovery codes (a lost or changed phone): the user
/// enrols again at the next sign-in when the role requires it, and the new security stamp ends their open sessions.
/// An administrator's own factor is changed on their own "Xác thực hai bước" page, with their password.
/// </summary>
public sealed class ResetTwoFactor(AppDbContext db, UserManager<AppUser> users, Access access, AuditContext who, AccessTrail trail)
{
    public const string NotYourself = "Xác thực hai bước của chính đồng chí được đổi tại trang “Xác thực hai bước”, với mật khẩu của đồng chí.";
    public const string NothingToReset = "Tài khoản này chưa bật xác thực hai bước; không có gì để xóa.";

    public async Task<Outcome<AppUser>> HandleAsync(string id, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageUsers)) return Outcome<AppUser>.Forbidden();
        var user = await AccountRules.FindAsync(db, access.Scope, id, ct);
        if (user is null) return Outcome<AppUser>.NotFound();
        if (user.Id == who.UserId) return Outcome<AppUser>.Invalid("", NotYourself);
        if (!user.TwoFactorEnabled) return Outcome<AppUser>.Invalid("", NothingToReset);
        await TwoFactor.ResetAsync(users, user);
        await trail.AccountChangedAsync(user, AccessTrail.TwoFactorReset, ct);
        return Outcome<AppUser>.Done(user);
    }
}
