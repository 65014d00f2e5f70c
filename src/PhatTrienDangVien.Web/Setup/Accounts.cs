using Microsoft.AspNetCore.Identity;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Setup;

/// <summary>Creating accounts is one path for the setup page, the admin pages, the command line and the demo.</summary>
public sealed class Accounts(UserManager<AppUser> users, TimeProvider clock)
{
    public async Task<AppUser> CreateAsync(string userName, string password, string fullName, string role, int communeId,
        int? organisationId = null, int? memberId = null, string? email = null)
    {
        if (!Roles.All.Contains(role)) throw new DomainException($"Vai trò “{role}” không tồn tại.");
        if (role == Roles.CellSecretary && organisationId is null) throw new DomainException("Bí thư chi bộ phải gắn với một chi bộ.");
        if (role is Roles.Mentor or Roles.CommitteeMember && memberId is null)
            throw new DomainException("Tài khoản này phải gắn với hồ sơ đảng viên của người dùng.");
        var user = new AppUser
        {
            UserName = userName.Trim(),
            FullName = fullName.Trim(),
            Role = role,
            CommuneId = communeId,
            OrganisationId = organisationId,
            MemberId = memberId,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
            Email = email,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
        return user;
    }

    public async Task ResetPasswordAsync(AppUser user, string password)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded) throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
    }

    /// <summary>12 random hex characters after a fixed prefix; the trailing digit guarantees the policy's digit.</summary>
    public static string GeneratePassword() =>
        "Ptdv-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6))
        + System.Security.Cryptography.RandomNumberGenerator.GetInt32(10).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
