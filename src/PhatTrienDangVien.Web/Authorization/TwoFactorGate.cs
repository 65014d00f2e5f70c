using System.Security.Claims;

namespace PhatTrienDangVien.Web.Authorization;

/// <summary>
/// An administrator or commune office user without a second factor can do nothing but enrol (decision 0016):
/// pages lead to the enrolment page, the API answers 403 with a Vietnamese problem detail. Signing out and the
/// error page stay open.
/// </summary>
public sealed class TwoFactorGate(RequestDelegate next)
{
    public const string EnrolPath = "/Account/TwoFactor";

    public const string ApiMessage = "Tài khoản quản trị, Văn phòng Đảng ủy và Ban Tổ chức Tỉnh ủy phải bật xác thực hai bước trước khi dùng ứng dụng. "
        + "Hãy đăng nhập trên trình duyệt và bật tại trang “Xác thực hai bước” (" + EnrolPath + ").";

    public async Task InvokeAsync(HttpContext ctx)
    {
        var user = ctx.User;
        if (user.Identity?.IsAuthenticated != true || user.HasClaim(AppClaims.TwoFactor, "1")
            || !Accounts.TwoFactor.RequiredFor(user.FindFirstValue(ClaimTypes.Role) ?? "") || MayPass(ctx.Request.Path))
        {
            await next(ctx);
            return;
        }
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cần bật xác thực hai bước", detail: ApiMessage).ExecuteAsync(ctx);
            return;
        }
        ctx.Response.Redirect(EnrolPath);
    }

    private static bool MayPass(PathString path) =>
        path.StartsWithSegments(EnrolPath) || path.StartsWithSegments(Accounts.PasswordChangeGate.PasswordPath) || path.StartsWithSegments("/Account/Logout") || path.StartsWithSegments("/Account/Login")
        || path.StartsWithSegments("/Account/LoginTwoFactor") || path.StartsWithSegments("/Error");
}
