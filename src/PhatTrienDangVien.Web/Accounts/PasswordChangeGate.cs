using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Accounts;

/// <summary>
/// A user signed in with a password an administrator handed over (a new account, a reset) can do nothing but choose
/// their own: pages lead to the password page, the API answers 403 with a Vietnamese problem detail. Signing out, the
/// error page and the API's own password change stay open; static files are served before this runs. The flag rides
/// in the sign-in cookie (AppClaimsFactory): the change re-issues the cookie without it, so no request reads the
/// database for this.
/// </summary>
public sealed class PasswordChangeGate(RequestDelegate next)
{
    public const string PasswordPath = "/Account/Password";
    public const string ApiPath = "/api/me/password";

    public const string ApiTitle = "Cần đổi mật khẩu";

    public const string ApiMessage = "Mật khẩu của đồng chí do quản trị viên cấp; hãy đổi sang mật khẩu của riêng đồng chí trước khi dùng ứng dụng: "
        + "trên trình duyệt tại trang “Đổi mật khẩu” (" + PasswordPath + "), hoặc gửi POST " + ApiPath + ".";

    public async Task InvokeAsync(HttpContext ctx)
    {
        var user = ctx.User;
        if (user.Identity?.IsAuthenticated != true || !user.HasClaim(AppClaims.MustChangePassword, "1") || MayPass(ctx.Request.Path))
        {
            await next(ctx);
            return;
        }
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: ApiTitle, detail: ApiMessage).ExecuteAsync(ctx);
            return;
        }
        ctx.Response.Redirect(PasswordPath);
    }

    private static bool MayPass(PathString path) =>
        path.StartsWithSegments(PasswordPath) || path.StartsWithSegments(ApiPath) || path.StartsWithSegments("/Account/Logout")
        || path.StartsWithSegments("/Account/Login") || path.StartsWithSegments("/Account/LoginTwoFactor")
        || path.StartsWithSegments("/Account/Denied") || path.StartsWithSegments("/Error");
}
