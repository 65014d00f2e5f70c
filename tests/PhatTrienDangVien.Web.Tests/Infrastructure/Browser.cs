using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace PhatTrienDangVien.Web.Tests.Infrastructure;

/// <summary>An HTTP client that keeps cookies and fills forms the way a browser does (antiforgery token included).</summary>
public sealed class Browser(HttpClient client)
{
    private static readonly HtmlParser s_parser = new();

    public HttpClient Client { get; } = client;

    public static async Task<Browser> LoginAsync(WebApplicationFactory<Program> app, string user, string password = TestData.Password)
    {
        var b = new Browser(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var response = await b.PostFormAsync("/Account/Login", new() { ["UserName"] = user, ["Password"] = password });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"login of {user} failed");
        await b.PassSecondFactorAsync(app, user, response.Headers.Location!.ToString());
        return b;
    }

    /// <summary>
    /// After the password: the second step with the code of the user's stored authenticator key (computed as an app
    /// would, <see cref="Totp"/>), or — for an administrator or office account created without one — the enrolment
    /// a user would do on the page the gate leads to. Nothing for a user who needs neither.
    /// </summary>
    public async Task PassSecondFactorAsync(WebApplicationFactory<Program> app, string user, string location)
    {
        if (location.Contains("/Account/LoginTwoFactor", StringComparison.Ordinal))
        {
            var key = await AuthenticatorKeyAsync(app, user);
            var step = await PostFormAsync(location, new() { ["Code"] = Totp.Next(key, app) });
            step.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"second factor of {user} refused");
        }
        else if (location.EndsWith("/Account/TwoFactor", StringComparison.Ordinal))
        {
            var (_, page) = await GetAsync("/Account/TwoFactor");
            var key = page.QuerySelector("[data-authenticator-key]")!.GetAttribute("data-authenticator-key")!;
            var enrol = await PostFormAsync("/Account/TwoFactor?handler=Enable", new() { ["Code"] = Totp.Next(key, app) });
            enrol.StatusCode.ShouldBe(HttpStatusCode.OK, $"enrolment of {user} failed");
        }
    }

    public static async Task<string> AuthenticatorKeyAsync(WebApplicationFactory<Program> app, string user)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Web.Authorization.CurrentScope>().Set(Web.Authorization.DataScope.System);
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Web.Data.AppUser>>();
        var account = await users.FindByNameAsync(user) ?? throw new InvalidOperationException($"no user {user}");
        return await users.GetAuthenticatorKeyAsync(account) ?? throw new InvalidOperationException($"{user} has no authenticator key");
    }

    public static Browser Anonymous(WebApplicationFactory<Program> app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetAsync(string url)
    {
        var response = await Client.GetAsync(url);
        return (response, await s_parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Loads the page, takes its first POST form's current values, overrides some, and submits.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> values, string? handler = null)
    {
        var (page, doc) = await GetAsync(url);
        page.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url} → {page.Headers.Location}");
        var fields = FormValues(doc);
        foreach (var (k, v) in values)
        {
            fields.RemoveAll(f => f.Key == k);
            fields.Add(new(k, v));
        }
        var target = handler is null ? url : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;
        return await Client.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts exactly the given fields plus a valid antiforgery token taken from <paramref name="tokenPage"/>.</summary>
    public async Task<HttpResponseMessage> PostRawAsync(string url, IEnumerable<KeyValuePair<string, string>> values, string tokenPage)
    {
        var (_, doc) = await GetAsync(tokenPage);
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        return await Client.PostAsync(url, new FormUrlEncodedContent(values.Append(new("__RequestVerificationToken", token))));
    }

    public static List<KeyValuePair<string, string>> FormValues(IHtmlDocument doc)
    {
        var form = doc.QuerySelectorAll("form").OfType<IHtmlFormElement>().First(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase)
            && f.QuerySelector("input[name=__RequestVerificationToken]") is not null && f.Action?.Contains("Logout", StringComparison.Ordinal) != true);
        var list = new List<KeyValuePair<string, string>>();
        foreach (var el in form.Elements)
        {
            switch (el)
            {
                case IHtmlInputElement i when i.Type is "checkbox" or "radio":
                    if (i.IsChecked) list.Add(new(i.Name!, i.Value));
                    break;
                case IHtmlInputElement i when !string.IsNullOrEmpty(i.Name) && i.Type is not "submit":
                    list.Add(new(i.Name!, i.Value));
                    break;
                case IHtmlSelectElement s when !string.IsNullOrEmpty(s.Name):
                    list.Add(new(s.Name!, s.Value ?? ""));
                    break;
                case IHtmlTextAreaElement t when !string.IsNullOrEmpty(t.Name):
                    list.Add(new(t.Name!, t.Value));
                    break;
            }
        }
        return list;
    }
}
