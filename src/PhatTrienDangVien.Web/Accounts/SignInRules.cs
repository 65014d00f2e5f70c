using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Province;

namespace PhatTrienDangVien.Web.Accounts;

/// <summary>
/// Who may get a session once the password (and the code, when asked) is right: an active account of an active commune.
/// Both sign-in steps ask here, because a commune may be archived or an account disabled between the two.
/// </summary>
public static class SignInRules
{
    public const string Disabled = "Tài khoản đã bị vô hiệu hóa. Hãy liên hệ quản trị viên.";

    /// <summary>Null when the account may sign in now; otherwise the reason shown to it.</summary>
    public static async Task<string?> RefusalAsync(AppDbContext db, AppUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsActive) return Disabled;
        // The accounts of an archived commune (merged, dissolved) keep their records but no longer sign in.
        if (user.CommuneId > 0 && await Communes.IsArchivedAsync(db, user.CommuneId, ct)) return Communes.ArchivedRefusal;
        return null;
    }
}
