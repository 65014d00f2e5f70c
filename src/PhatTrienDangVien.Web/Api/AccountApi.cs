using Microsoft.AspNetCore.Identity;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Api;

/// <summary>The signed-in user's own account: no permission of the table, only being signed in (the route test lists it).</summary>
public static class AccountApi
{
    public const string Changed = "Đã đổi mật khẩu. Các phiên đăng nhập khác của đồng chí đã kết thúc.";

    public static RouteGroupBuilder MapAccountApi(this RouteGroupBuilder api)
    {
        api.MapPost("/me/password", async (PasswordChange body, ChangeOwnPassword change, SignInManager<AppUser> signIn, CancellationToken ct) =>
            {
                var outcome = await change.HandleAsync(body, ct);
                // The new security stamp would end this session too: its cookie is issued again (same sign-in time).
                if (outcome.Value is { } user) await signIn.RefreshSignInAsync(user);
                return outcome.ToResult(_ => Results.Ok(new { message = Changed }));
            })
            .WithTags("Tài khoản");
        return api;
    }
}
