using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Setup;

public static class IdentitySetup
{
    /// <summary>The sign-in cookie (a large one is split into chunks, this name always carries the first).</summary>
    public const string AuthCookieName = "ptdv.auth";

    public static IServiceCollection AddIdentityAndAuthorization(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("PhatTrienDangVien").PersistKeysToDbContext<AppDbContext>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                // No lockout after wrong passwords: anyone could lock the administrator out by failing on purpose.
                // Failures slow the answers for that name down instead (Accounts/SignInThrottle, decision 0016).
                o.Lockout.AllowedForNewUsers = false;
                o.User.RequireUniqueEmail = false;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            // Replaces Identity's authenticator provider (same name): a code is accepted once only (RFC 6238 §5.2).
            .AddTokenProvider<Accounts.OneTimeAuthenticatorProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddErrorDescriber<VietnameseIdentityErrors>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/Denied";
            o.Cookie.Name = AuthCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // A commune office may run on http://localhost; behind HTTPS the cookie is marked Secure.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Idle for an hour ends the session; activity renews it, but never beyond the absolute lifetime.
            o.ExpireTimeSpan = Sessions.IdleTimeout;
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = Sessions.ValidateAsync;
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx, StatusCodes.Status403Forbidden);
        });
        // The security stamp is checked on every request by Sessions.ValidateAsync (one read by key), so that a
        // sign-out, a deactivation or a changed role ends every copy of the session at once, on every server.
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ptdv.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // A page or endpoint that declares nothing still needs a signed-in user; each declares its permission
        // (a test over the route table checks that none is missing).
        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var permission in Enum.GetValues<Permission>())
            authorization.AddPolicy(PermissionTable.PolicyName(permission),
                p => p.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();
        services.AddScoped<Accounts.SignInThrottle>();
        services.AddSignInLimits();
        services.AddScoped<Access>();
        return services;
    }

    // The API answers with a status code; pages redirect to the login form.
    private static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

public sealed class AppClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        id.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        id.AddClaim(new Claim(AppClaims.CommuneId, user.CommuneId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        id.AddClaim(new Claim(AppClaims.FullName, user.FullName));
        if (user.OrganisationId is { } org) id.AddClaim(new Claim(AppClaims.OrganisationId, org.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (user.TwoFactorEnabled) id.AddClaim(new Claim(AppClaims.TwoFactor, "1"));
        if (user.MustChangePassword) id.AddClaim(new Claim(AppClaims.MustChangePassword, "1"));
        if (user.MemberId is { } m) id.AddClaim(new Claim(AppClaims.MemberId, m.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return id;
    }
}

public sealed class VietnameseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Mật khẩu phải có ít nhất {length} ký tự." };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "Mật khẩu phải có ít nhất một chữ số (0–9)." };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "Mật khẩu phải có ít nhất một chữ thường (a–z)." };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "Mật khẩu phải có ít nhất một chữ hoa (A–Z)." };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "Mật khẩu phải có ít nhất một ký tự đặc biệt." };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"Tên đăng nhập “{userName}” đã có người dùng." };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = "Tên đăng nhập chỉ gồm chữ không dấu, chữ số và các ký tự . _ - @." };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Mật khẩu không đúng." };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "Tài khoản vừa được người khác sửa; hãy tải lại trang." };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Mật khẩu phải có ít nhất {uniqueChars} ký tự khác nhau." };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "Đã có lỗi khi xử lý tài khoản." };
}
