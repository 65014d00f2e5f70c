using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Tests.Infrastructure;

namespace PhatTrienDangVien.Web.Tests.Admin;

internal static class AdminTestKit
{
    public static string S(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An authorization refusal: 403, or the cookie handler's redirect to the access-denied page.</summary>
    public static bool IsDenied(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Forbidden
        || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/Account/Denied", StringComparison.Ordinal));

    public static async Task<AppUser> CreateUserAsync(AppFactory app, string userName, string role = Roles.CommuneOffice,
        int? communeId = null, string password = TestData.Password)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var accounts = scope.ServiceProvider.GetRequiredService<CreateAccount>();
        return await accounts.CreateAsync(userName, password, "Người thử " + userName, role, communeId ?? app.Data.CommuneId,
            organisationId: role == Roles.CellSecretary ? app.Data.CellA : null,
            memberId: role is Roles.Mentor or Roles.CommitteeMember ? app.Data.MentorMemberA : null);
    }

    public static Task<AppUser?> FindUserAsync(AppFactory app, string userName)
    {
        var normalized = userName.ToUpperInvariant();
        return app.WithSystemScopeAsync(db => db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized));
    }

    public static async Task<T> WithUserManagerAsync<T>(AppFactory app, Func<UserManager<AppUser>, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        return await work(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    /// <summary>Posts to a handler URL with a valid antiforgery token, as a form on the list page would.</summary>
    public static Task<HttpResponseMessage> PostHandlerAsync(Browser b, string url, string tokenPage = "/") =>
        b.PostRawAsync(url, [], tokenPage);

    public static async Task<string> AttemptLoginAsync(AppFactory app, string userName, string password)
    {
        var anon = Browser.Anonymous(app);
        var r = await anon.PostFormAsync("/Account/Login", new() { ["UserName"] = userName, ["Password"] = password });
        return r.StatusCode == HttpStatusCode.Redirect ? "OK" : await r.Content.ReadAsStringAsync();
    }

    public static string Text(IHtmlDocument doc) => doc.Body!.TextContent;

    public static string InputValue(IHtmlDocument doc, string name) =>
        doc.QuerySelector($"input[name='{name}']")?.GetAttribute("value") ?? throw new InvalidOperationException($"no input {name}");
}
