using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Setup;

/// <summary>
/// How long a sign-in lasts: an hour without a request ends it (the cookie's sliding expiry), ten hours after the
/// password was typed end it whatever the activity (a working day), and the security stamp is checked on every
/// request so that signing out, a deactivation or a new role end every copy of the cookie at once.
/// </summary>
public static class Sessions
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(1);
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(10);

    /// <summary>The moment the password was checked, kept in the cookie's properties (they survive each renewal).</summary>
    public const string SignedInAtKey = "ptdv.signedInAt";

    public static AuthenticationProperties NewProperties(DateTimeOffset now) =>
        new() { Items = { [SignedInAtKey] = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) } };

    public static async Task ValidateAsync(CookieValidatePrincipalContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var now = ctx.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        // A cookie without the sign-in time was issued before this rule, or forged from an old one: sign in again.
        if (!ctx.Properties.Items.TryGetValue(SignedInAtKey, out var at) || !long.TryParse(at, out var seconds)
            || now - DateTimeOffset.FromUnixTimeSeconds(seconds) > AbsoluteLifetime)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        // The security stamp on every request (Identity's own validator skips requests within its interval, and a
        // stamp changed on another server must count at once): an unknown, deactivated or re-stamped user is out.
        // Read as two columns by a compiled query rather than SignInManager.ValidateSecurityStampAsync, which loads and
        // tracks the whole user: this runs before every page (docs/benchmarks.md, the load on one commune).
        var claims = ctx.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var id = ctx.Principal?.FindFirst(claims.UserIdClaimType)?.Value;
        var stamp = ctx.Principal?.FindFirst(claims.SecurityStampClaimType)?.Value;
        var db = ctx.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var row = id is null ? null : await StampOfAsync(db, id, ctx.HttpContext.RequestAborted);
        if (row is not { IsActive: true } || !string.Equals(row.Stamp, stamp, StringComparison.Ordinal))
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    private sealed record StampRow(string? Stamp, bool IsActive);

    private static readonly CompiledPerModel<Func<AppDbContext, string, CancellationToken, Task<StampRow?>>> s_stampQuery =
        new(() => EF.CompileAsyncQuery((AppDbContext c, string i, CancellationToken t) =>
            c.Users.Where(u => u.Id == i).Select(u => new StampRow(u.SecurityStamp, u.IsActive)).FirstOrDefault()));

    private static Task<StampRow?> StampOfAsync(AppDbContext db, string id, CancellationToken ct) => s_stampQuery.For(db)(db, id, ct);

    /// <summary>Signing out ends this session and every copy of its cookie: the user's security stamp changes.</summary>
    public static async Task SignOutEverywhereAsync(SignInManager<AppUser> signIn, System.Security.Claims.ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        if (await signIn.UserManager.GetUserAsync(principal) is { } user) await signIn.UserManager.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
    }
}

/// <summary>
/// Refuses the passwords everyone tries first: a bundled list of the most common ones (and a password that is the
/// user name, or a run of one character or of a keyboard row with digits added).
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly Lazy<HashSet<string>> s_common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (password is null) return Task.FromResult(IdentityResult.Success);
        var lower = password.ToLowerInvariant();
        var letters = new string(lower.Where(char.IsLetter).ToArray());
        var common = s_common.Value.Contains(lower) || (letters.Length > 0 && s_common.Value.Contains(letters))
            || (user.UserName is { Length: > 0 } name && lower.Contains(name.ToLowerInvariant(), StringComparison.Ordinal));
        return Task.FromResult(common
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "Mật khẩu này quá phổ biến hoặc chứa tên đăng nhập, dễ bị đoán ra. Hãy chọn mật khẩu khác (ví dụ một câu ngắn dễ nhớ).",
            })
            : IdentityResult.Success);
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("PhatTrienDangVien.Web.Setup.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') set.Add(line.Trim().ToLowerInvariant());
        return set;
    }
}
