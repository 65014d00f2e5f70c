using System.Text;
using Microsoft.AspNetCore.Identity;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Accounts;

/// <summary>
/// The second factor (decision 0016): a TOTP authenticator app (Identity's authenticator token provider, RFC 6238,
/// 6 digits every 30 s) and ten single-use recovery codes. Required of the administrator and the commune office,
/// who see and change the whole commune.
/// </summary>
public static class TwoFactor
{
    public const string Issuer = "PTĐV";
    public const int RecoveryCodeCount = 10;

    /// <summary>Roles that must sign in with a second factor; such a user without one can only enrol.</summary>
    // The province board reads every commune and changes the national rules: at least as much to protect as an office.
    public static bool RequiredFor(string role) => role is Roles.Administrator or Roles.CommuneOffice or Roles.ProvinceBoard;

    /// <summary>The key in groups of four, easier to type into an app by hand.</summary>
    public static string Grouped(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0) sb.Append(' ');
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return sb.ToString().ToLowerInvariant();
    }

    /// <summary>The otpauth:// address an authenticator app reads from the QR code.</summary>
    public static string AuthenticatorUri(string userName, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(userName)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>The QR code of <paramref name="uri"/> as a PNG data: address (the page's policy allows data: images).</summary>
    public static string QrDataUri(string uri)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCoder.QRCodeGenerator.ECCLevel.M);
        var png = new QRCoder.PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    /// <summary>A code as typed: spaces and dashes dropped. Six digits are an authenticator code; anything else is
    /// tried as a recovery code (stored as XXXXX-XXXXX).</summary>
    public static (bool IsAuthenticatorCode, string Code) Normalise(string typed)
    {
        var plain = new string(typed.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        if (plain.Length == 6 && plain.All(char.IsAsciiDigit)) return (true, plain);
        return (false, plain.Length == 10 ? plain[..5] + "-" + plain[5..] : plain);
    }

    /// <summary>Gives the user a known authenticator key and turns the second factor on (demo accounts only: their
    /// key is printed on start so that a tester can add it to an app).</summary>
    public static async Task EnableWithKnownKeyAsync(UserManager<AppUser> users, AppUser user, string key)
    {
        ArgumentNullException.ThrowIfNull(users);
        // The same token row Identity's own store writes for SetAuthenticatorKeyAsync.
        await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", key);
        await users.SetTwoFactorEnabledAsync(user, true);
    }

    /// <summary>Claim of the two-factor cookie: the nonce of the password step it was issued for.</summary>
    public const string PasswordStepClaim = "ptdv:password-step";
    private const string PasswordStepProvider = "[PtdvTwoFactor]";
    private const string PasswordStepName = "PasswordStep";

    /// <summary>
    /// After a right password: a fresh nonce, kept as a user token and carried by the two-factor cookie. The second
    /// step accepts only the cookie of the latest password step and consumes the nonce, so a copy of the cookie taken
    /// before a sign-in finished cannot finish another one (a newer password step also voids an older cookie).
    /// </summary>
    public static async Task<string> BeginPasswordStepAsync(UserManager<AppUser> users, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        var nonce = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        await users.SetAuthenticationTokenAsync(user, PasswordStepProvider, PasswordStepName, nonce);
        return nonce;
    }

    /// <summary>Whether the two-factor cookie's nonce is the one of the latest, unfinished password step.</summary>
    public static async Task<bool> IsCurrentPasswordStepAsync(UserManager<AppUser> users, AppUser user, string? nonce)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (string.IsNullOrEmpty(nonce)) return false;
        var stored = await users.GetAuthenticationTokenAsync(user, PasswordStepProvider, PasswordStepName);
        return stored is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(nonce));
    }

    /// <summary>The second step succeeded: the nonce is spent.</summary>
    public static Task EndPasswordStepAsync(UserManager<AppUser> users, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        return users.RemoveAuthenticationTokenAsync(user, PasswordStepProvider, PasswordStepName);
    }

    /// <summary>Turns the second factor off and forgets the key and the recovery codes (a lost phone, the CLI's
    /// --reset-2fa): a user whose role requires it enrols again at the next sign-in.</summary>
    public static async Task ResetAsync(UserManager<AppUser> users, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes");
    }
}
