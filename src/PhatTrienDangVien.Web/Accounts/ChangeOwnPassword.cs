using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Accounts;

/// <summary>The password form and the API body alike.</summary>
public sealed class PasswordChange
{
    [Display(Name = "Mật khẩu hiện tại")]
    public string? CurrentPassword { get; set; }

    [Display(Name = "Mật khẩu mới")]
    public string? NewPassword { get; set; }

    [Display(Name = "Nhập lại mật khẩu mới")]
    public string? ConfirmPassword { get; set; }
}

/// <summary>
/// A signed-in user replaces their own password, knowing the current one. Identity's password rules and the common-
/// password list apply (their messages are Vietnamese: VietnameseIdentityErrors); the new security stamp ends every
/// other session of the user, and the flag an administrator's reset set is cleared. The caller re-issues its own
/// cookie (a command does not touch the request). The access trail says "Đổi mật khẩu"; the password is never kept.
/// Wrong current passwords count like wrong sign-ins for the account's name (SignInThrottle), so a session left open
/// is no way to guess the password quickly.
/// </summary>
public sealed class ChangeOwnPassword(AppDbContext db, UserManager<AppUser> users, AuditContext who, AccessTrail trail, SignInThrottle throttle)
{
    public const string WrongCurrent = "Mật khẩu hiện tại không đúng.";
    public const string Mismatch = "Hai lần nhập mật khẩu mới không giống nhau.";
    public const string SameAsCurrent = "Mật khẩu mới phải khác mật khẩu hiện tại.";

    public async Task<Outcome<AppUser>> HandleAsync(PasswordChange input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Only one's own account: no permission of the table applies, only being signed in.
        if (who.UserId is not { } me) return Outcome<AppUser>.Forbidden();
        var user = await users.FindByIdAsync(me);
        if (user is null || !user.IsActive) return Outcome<AppUser>.Forbidden();

        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(input.CurrentPassword)) errors.Add(new(nameof(PasswordChange.CurrentPassword), "Hãy nhập mật khẩu hiện tại."));
        if (string.IsNullOrEmpty(input.NewPassword)) errors.Add(new(nameof(PasswordChange.NewPassword), "Hãy nhập mật khẩu mới."));
        else if (input.NewPassword != input.ConfirmPassword) errors.Add(new(nameof(PasswordChange.ConfirmPassword), Mismatch));
        if (errors.Count > 0) return Outcome<AppUser>.Invalid(errors);

        var name = user.UserName ?? "";
        await throttle.WaitAsync(name, ct);
        if (!await users.CheckPasswordAsync(user, input.CurrentPassword!))
        {
            await throttle.RecordFailureAsync(name, ct);
            return Outcome<AppUser>.Invalid(nameof(PasswordChange.CurrentPassword), WrongCurrent);
        }
        if (input.NewPassword == input.CurrentPassword) return Outcome<AppUser>.Invalid(nameof(PasswordChange.NewPassword), SameAsCurrent);
        // Every rule is checked before anything changes, so that a refused password leaves the account as it was.
        // All the rules it breaks in one message: the form shows one message per field.
        var broken = new List<string>();
        foreach (var validator in users.PasswordValidators)
            broken.AddRange((await validator.ValidateAsync(users, user, input.NewPassword)).Errors.Select(e => e.Description));
        if (broken.Count > 0) return Outcome<AppUser>.Invalid(nameof(PasswordChange.NewPassword), string.Join(" ", broken.Distinct()));

        user.MustChangePassword = false;
        // Saves the new hash, the flag and a new security stamp in one write (Identity's update, through the context).
        var changed = await users.ChangePasswordAsync(user, input.CurrentPassword!, input.NewPassword!);
        if (!changed.Succeeded)
        {
            db.ChangeTracker.Clear();
            return Outcome<AppUser>.Invalid(changed.Errors.Select(e => new FieldError(nameof(PasswordChange.NewPassword), e.Description)).ToList());
        }
        await throttle.ForgetAsync(name, ct);
        await trail.AccountChangedAsync(user, AccessTrail.PasswordChanged, ct);
        return Outcome<AppUser>.Done(user);
    }

    /// <summary>The rules in words, shown before the user types (the same options Identity enforces).</summary>
    public static IReadOnlyList<string> Rules(IOptions<IdentityOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var p = options.Value.Password;
        var rules = new List<string> { $"Ít nhất {p.RequiredLength} ký tự, trong đó có ít nhất {p.RequiredUniqueChars} ký tự khác nhau." };
        if (p.RequireLowercase) rules.Add("Có ít nhất một chữ thường (a–z).");
        if (p.RequireDigit) rules.Add("Có ít nhất một chữ số (0–9).");
        if (p.RequireUppercase) rules.Add("Có ít nhất một chữ hoa (A–Z).");
        if (p.RequireNonAlphanumeric) rules.Add("Có ít nhất một ký tự đặc biệt (ví dụ ! @ # -).");
        rules.Add("Không phải mật khẩu phổ biến và không chứa tên đăng nhập.");
        rules.Add("Khác mật khẩu hiện tại.");
        return rules;
    }
}
