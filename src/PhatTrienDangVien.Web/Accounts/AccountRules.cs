using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Accounts;

/// <summary>
/// The rules of an account, for creating and editing alike. Field names are the forms' model keys ("Input.Role"): the
/// setup page and the admin pages both bind the account as <c>Input</c>.
/// </summary>
internal static class AccountRules
{
    /// <summary>
    /// An address a mail server can deliver to: one "@", a plain local part, a domain of dotted labels. The framework's
    /// [EmailAddress] only asks for an "@" with something on each side, so "a@b" and quoted HTML passed.
    /// </summary>
    public static bool IsDeliverableEmail(string email) =>
        email.Length <= 256 && System.Text.RegularExpressions.Regex.IsMatch(email,
            @"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$",
            System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    public const string Prefix = "Input.";
    public const string SecretaryNeedsCell = "Bí thư chi bộ phải gắn với một chi bộ.";
    public const string NeedsMemberRecord = "Tài khoản này phải gắn với hồ sơ đảng viên của người dùng.";

    /// <summary>Normalises the input (trimmed Vietnamese text, links the role does not use dropped) and checks it.</summary>
    public static async Task CheckAsync(AppDbContext db, UserInput input, int communeId, Errors errors, CancellationToken ct)
    {
        input.FullName = Core.Text.VietnameseText.Normalize(input.FullName) ?? "";
        input.Email = Core.Text.VietnameseText.Normalize(input.Email);
        errors.Annotations(input, Prefix);
        // A province board account belongs to no commune (0): only the command line creates one, never a commune's admin.
        if (input.Role.Length > 0 && !(communeId > 0 ? Roles.All.Contains(input.Role) : input.Role == Roles.ProvinceBoard))
            errors.Add(Prefix + nameof(UserInput.Role), "Vai trò không hợp lệ.");
        if (input.Role != Roles.CellSecretary) input.CellId = null;
        // The command line and the demo act for no commune in particular (system scope): the commune is named here.
        if (input.CellId is { } cell && !await db.Organisations.WholeCommune()
                .AnyAsync(o => o.Id == cell && o.CommuneId == communeId && o.Kind == OrganisationKind.Cell, ct))
            errors.Add(Prefix + nameof(UserInput.CellId), "Chi bộ không thuộc Đảng bộ xã này.");
        if (input.MemberId is { } member && !await db.Members.WholeCommune().AnyAsync(m => m.Id == member && m.CommuneId == communeId
                && (m.Status == MemberStatus.Official || m.Status == MemberStatus.Probationary), ct))
            errors.Add(Prefix + nameof(UserInput.MemberId), "Đảng viên không thuộc Đảng bộ xã này hoặc không còn sinh hoạt.");
        if (input.Role == Roles.CellSecretary && input.CellId is null)
            errors.Add(Prefix + nameof(UserInput.CellId), SecretaryNeedsCell);
        if (input.Role is Roles.Mentor or Roles.CommitteeMember && input.MemberId is null)
            errors.Add(Prefix + nameof(UserInput.MemberId), NeedsMemberRecord);
    }

    /// <summary>An account of the user's commune (accounts have no query filter; the system scope reaches every commune).</summary>
    public static Task<AppUser?> FindAsync(AppDbContext db, DataScope scope, string id, CancellationToken ct) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == id && (scope.Unrestricted || u.CommuneId == scope.CommuneId), ct);

    /// <summary>Identity's verdicts (password policy, user name taken) beside the field they are about.</summary>
    public static List<FieldError> Errors(IdentityResult result) =>
        result.Errors.Select(e => new FieldError(e.Code switch
        {
            _ when e.Code.StartsWith("Password", StringComparison.Ordinal) => Prefix + "Password",
            nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName) => Prefix + nameof(NewUserInput.UserName),
            nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.DuplicateEmail) => Prefix + nameof(UserInput.Email),
            _ => "",
        }, e.Description)).ToList();

    /// <summary>12 random hex characters after a fixed prefix; the trailing digit guarantees the policy's digit.</summary>
    public static string GeneratePassword() =>
        "Ptdv-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6))
        + System.Security.Cryptography.RandomNumberGenerator.GetInt32(10).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
