using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Accounts;

/// <summary>
/// Creates an account: the one path for the setup page, the admin pages, the command line and the demo. The first
/// three run as the system (no commune of their own) and name the commune; an administrator creates accounts of their
/// own commune only.
/// </summary>
public sealed class CreateAccount(AppDbContext db, UserManager<AppUser> users, Access access, TimeProvider clock)
{
    /// <summary>Without <paramref name="password"/> a random one is generated (and returned, to be shown once), and the
    /// account must change it at its first sign-in.</summary>
    public async Task<Outcome<AccountWithPassword>> HandleAsync(NewUserInput input, string? password, int? communeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.ManageUsers)) return Outcome<AccountWithPassword>.Forbidden();
        var scope = access.Scope;
        if (!scope.Unrestricted && communeId is { } asked && asked != scope.CommuneId) return Outcome<AccountWithPassword>.Forbidden();
        if (communeId is null && scope.Unrestricted) throw new ArgumentException("The system creates accounts for a named commune.", nameof(communeId));
        var commune = communeId ?? scope.CommuneId;

        input.UserName = input.UserName.Trim();
        var errors = new Errors();
        await AccountRules.CheckAsync(db, input, commune, errors, ct);
        if (errors.Any) return Outcome<AccountWithPassword>.Invalid(errors.List);

        // A generated password is read by the one who hands it over: the user must replace it at the first sign-in.
        // A password the caller chose (the setup page's own administrator, the command line, the demo) is not forced.
        var handedOver = password is null;
        password ??= AccountRules.GeneratePassword();
        var user = new AppUser
        {
            UserName = input.UserName,
            FullName = input.FullName,
            Role = input.Role,
            CommuneId = commune,
            OrganisationId = input.CellId,
            MemberId = input.MemberId,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
            Email = input.Email,
            MustChangePassword = handedOver,
        };
        IdentityResult result;
        try
        {
            // Saved through the context's SaveChanges, so the new account is in the audit trail like any record.
            result = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException e) when (Application.VersionedEdit.IsUniqueViolation(e))
        {
            // Another admin took the same name a moment ago: the unique index refuses.
            db.ChangeTracker.Clear();
            return Outcome<AccountWithPassword>.Invalid(AccountRules.Prefix + nameof(NewUserInput.UserName),
                users.ErrorDescriber.DuplicateUserName(input.UserName).Description);
        }
        return result.Succeeded
            ? Outcome<AccountWithPassword>.Done(new AccountWithPassword(user, password))
            : Outcome<AccountWithPassword>.Invalid(AccountRules.Errors(result));
    }

    /// <summary>The same command for the command line, the demo and test set-up: a refusal is an exception.</summary>
    public async Task<AppUser> CreateAsync(string userName, string password, string fullName, string role, int communeId,
        int? organisationId = null, int? memberId = null, string? email = null, CancellationToken ct = default)
    {
        var outcome = await HandleAsync(new NewUserInput
        {
            UserName = userName, FullName = fullName, Role = role, CellId = organisationId, MemberId = memberId, Email = email,
        }, password, communeId, ct);
        return outcome.IsDone ? outcome.Value!.User : throw new DomainException(outcome.Message ?? "Không tạo được tài khoản.");
    }
}
