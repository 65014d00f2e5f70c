using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Architecture;

/// <summary>
/// Generated from the route table: every page and every API endpoint declares the permission it needs (or is on the
/// short reviewed list of public ones), and each role opens exactly the pages its permissions give it.
/// </summary>
public abstract class RoutePermissionTests<TApp>(TApp app) where TApp : AppFactory
{
    /// <summary>Reviewed: what needs no login, and why.</summary>
    private static readonly Dictionary<string, string> s_public = new()
    {
        ["/Account/Login"] = "signing in",
        ["/Account/LoginTwoFactor"] = "the second step of signing in (needs the password step's short-lived cookie)",
        ["/Account/Denied"] = "the refusal page itself",
        ["/Account/Logout"] = "signing out asks for nothing",
        ["/Setup/Index"] = "the first start, guarded by a one-time token",
        ["/Error"] = "the error page",
        ["/api/calendar/lunar"] = "the public calendar holds no one's data",
        ["/api/calendar/holidays"] = "the public calendar",
        ["/api/calendar/working-days"] = "the public calendar",
    };

    /// <summary>Reviewed: pages any signed-in user opens for their own account only (no record of anyone else).</summary>
    private static readonly Dictionary<string, string> s_ownAccount = new()
    {
        ["/Account/TwoFactor"] = "one's own second factor",
        ["/Account/Index"] = "one's own account: name, role, scope, e-mail for the digest",
        ["/Account/Password"] = "one's own password (the current one is asked)",
        ["/api/me/password"] = "one's own password, by the API",
    };

    private List<(string Route, string Methods, bool NeedsValues, IReadOnlyList<object> Metadata)> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route(e), string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["page"]),
                e.RoutePattern.Parameters.Any(p => !p.IsOptional), e.Metadata.ToList() as IReadOnlyList<object>))
            .ToList();

    private static string Route(RouteEndpoint e)
    {
        var pattern = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
        // A page's route is its path; Index pages are also reached at their folder.
        return e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>()?.ViewEnginePath ?? pattern;
    }

    [Fact]
    public void Every_page_and_endpoint_declares_a_permission_or_is_a_reviewed_public_one()
    {
        var endpoints = Endpoints();
        endpoints.Count.ShouldBeGreaterThan(50);
        var missing = new List<string>();
        foreach (var (route, methods, _, metadata) in endpoints)
        {
            var permissions = metadata.OfType<RequirePermissionAttribute>().ToList();
            var anonymous = metadata.OfType<IAllowAnonymous>().Any();
            if (anonymous)
            {
                if (!s_public.ContainsKey(route)) missing.Add($"{methods} {route}: public but not on the reviewed list");
                continue;
            }
            if (permissions.Count == 0 && !s_ownAccount.ContainsKey(route)) missing.Add($"{methods} {route}: no permission declared");
            // Every authorization policy named on an endpoint is a permission's, so none can slip past the table.
            foreach (var policy in metadata.OfType<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null))
                if (!Enum.GetValues<Permission>().Any(p => PermissionTable.PolicyName(p) == policy)) missing.Add($"{methods} {route}: policy {policy} is not a permission");
        }
        missing.ShouldBeEmpty();
    }

    public static readonly TheoryData<string> AllRoles = [.. Roles.All];

    [Theory, MemberData(nameof(AllRoles))]
    public async Task Each_role_opens_exactly_the_pages_its_permissions_give(string role)
    {
        var pages = Endpoints()
            .Where(e => e.Methods == "page" && !e.NeedsValues && !s_public.ContainsKey(e.Route) && !s_ownAccount.ContainsKey(e.Route))
            .Select(e => (e.Route, Needs: e.Metadata.OfType<RequirePermissionAttribute>().Single().Permission))
            .Distinct().ToList();
        pages.Count.ShouldBeGreaterThan(25);
        var b = await Browser.LoginAsync(app, TestData.UserOfRole[role]);
        foreach (var (route, needs) in pages)
        {
            var url = route.EndsWith("/Index", StringComparison.Ordinal) ? route[..^"/Index".Length] + "/" : route;
            var r = await b.Client.GetAsync(url);
            var denied = r.StatusCode == HttpStatusCode.Forbidden
                || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/Account/Denied", StringComparison.Ordinal));
            denied.ShouldBe(!PermissionTable.Allows(role, needs), $"{role} GET {url} ({needs}): {(int)r.StatusCode} {r.Headers.Location}");
            if (!denied) ((int)r.StatusCode).ShouldBeLessThan(500, $"{role} GET {url}");
        }
    }

    /// <summary>Where each handler that needs more than its page is posted to (a new one fails until it is listed).</summary>
    private static readonly Dictionary<string, string> s_handlerUrls = new()
    {
        ["Rules.IndexModel.OnPostAsync"] = "/Rules",
        ["Calendar.IndexModel.OnPostAddAsync"] = "/Calendar?handler=Add",
        ["Calendar.IndexModel.OnPostDeleteAsync"] = "/Calendar?handler=Delete&id=1",
        ["Responsibilities.IndexModel.OnPostAsync"] = "/Responsibilities",
        ["Responsibilities.IndexModel.OnPostEndAsync"] = "/Responsibilities?handler=End&id=1",
        ["Targets.CellsModel.OnPostAsync"] = "/Targets/Cells/2026",
        ["Targets.IndexModel.OnPostFillAsync"] = "/Targets?handler=Fill",
        ["Members.DetailsModel.OnPostRevealAsync"] = "/Members/Details/1?handler=Reveal",
        ["Members.DetailsModel.OnPostExportPersonAsync"] = "/Members/Details/1?handler=ExportPerson",
        ["Members.DetailsModel.OnPostOpenRecognitionAsync"] = "/Members/Details/1?handler=OpenRecognition",
        ["Members.DetailsModel.OnPostReadmitAsync"] = "/Members/Details/1?handler=Readmit",
        ["Candidates.DetailsModel.OnPostRevealAsync"] = "/Candidates/Details/1?handler=Reveal",
        ["Candidates.DetailsModel.OnPostExportPersonAsync"] = "/Candidates/Details/1?handler=ExportPerson",
        ["Candidates.TimelineModel.OnPostIssueAsync"] = "/Candidates/Timeline/1?handler=Issue",
        ["Classes.DetailsModel.OnPostDecideAsync"] = "/Classes/Details/1?handler=Decide",
        ["Classes.DetailsModel.OnPostWithdrawAsync"] = "/Classes/Details/1?handler=Withdraw&enrolmentId=1",
        ["Propaganda.IndexModel.OnPostDeleteAsync"] = "/Propaganda?handler=Delete&id=1",
    };

    [Theory, MemberData(nameof(AllRoles))]
    public async Task A_handler_that_needs_more_than_its_page_refuses_a_role_without_it_before_reading_any_field(string role)
    {
        var handlers = typeof(Program).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("PhatTrienDangVien.Web.Pages", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetMethods().Select(m => (Type: t, Method: m,
                Needs: m.GetCustomAttributes(typeof(RequireHandlerPermissionAttribute), false).OfType<RequireHandlerPermissionAttribute>().FirstOrDefault())))
            .Where(x => x.Needs is not null)
            .Select(x => ($"{x.Type.Namespace!["PhatTrienDangVien.Web.Pages.".Length..]}.{x.Type.Name}.{x.Method.Name}", x.Needs!.Permission))
            .ToList();
        handlers.Count.ShouldBeGreaterThan(5);
        handlers.Select(h => h.Item1).Order().ShouldBe(s_handlerUrls.Keys.Order(), "list where each such handler is posted to");
        var b = await Browser.LoginAsync(app, TestData.UserOfRole[role]);
        foreach (var (handler, needs) in handlers.Where(h => !PermissionTable.Allows(role, h.Permission)))
        {
            // Fields that would fail validation: the refusal must come first, not the form's messages.
            var r = await b.PostRawAsync(s_handlerUrls[handler], [new("Input.Value", "không phải số"), new("Input.Date", "")], "/");
            var denied = r.StatusCode == HttpStatusCode.Forbidden
                || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/Account/Denied", StringComparison.Ordinal));
            denied.ShouldBeTrue($"{role} POST {s_handlerUrls[handler]} ({needs}): {(int)r.StatusCode} {r.Headers.Location}");
        }
    }
}

public sealed class RoutePermissionTests_Sqlite(SqliteApp app) : RoutePermissionTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class RoutePermissionTests_Postgres(PostgresApp app) : RoutePermissionTests<PostgresApp>(app), IClassFixture<PostgresApp>;
