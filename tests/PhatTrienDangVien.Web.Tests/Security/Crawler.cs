using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Web.Tests.Infrastructure;

namespace PhatTrienDangVien.Web.Tests.Security;

/// <summary>
/// Visits every page a signed-in user can reach: the pages of the route table that need no value, then every link
/// they show (two addresses of each shape), keeping each page's forms and their fields as a browser would post them.
/// </summary>
public static class Crawler
{
    private static readonly HtmlParser s_parser = new();

    public sealed record Field(string Name, string Value, string Kind, bool Sent = true);

    public sealed record Form(string Page, string Action, string Method, List<Field> Fields);

    public sealed record Result(List<string> Pages, List<Form> Forms, List<string> Errors, int Requests);

    /// <summary>The pages of the route table whose address needs no value (no id, no year).</summary>
    public static List<string> PagesWithoutValues(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>())
            .Where(p => p is not null && !p.AttributeRouteInfo!.Template!.Contains('{', StringComparison.Ordinal))
            .Select(p => "/" + p!.AttributeRouteInfo!.Template).Distinct().ToList();

    public static async Task<Result> CrawlAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, Browser b, int limit)
    {
        var start = PagesWithoutValues(app);
        var queue = new Queue<string>(start.Prepend("/"));
        var seen = new HashSet<string>();
        var shapes = new Dictionary<string, int>();
        var pages = new List<string>();
        var forms = new List<Form>();
        var errors = new List<string>();
        var requests = 0;
        while (queue.Count > 0 && pages.Count < limit)
        {
            var url = queue.Dequeue();
            if (!seen.Add(url) || url.Contains("Logout", StringComparison.OrdinalIgnoreCase) || url.Contains("/Setup", StringComparison.Ordinal)) continue;
            // Two addresses of each shape (ids and query values aside) are enough to find each page's forms.
            var shape = Regex.Replace(url, "[0-9]+", "N");
            shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
            if (shapes[shape] > 2) continue;
            var response = await b.Client.GetAsync(url);
            requests++;
            if ((int)response.StatusCode >= 500) errors.Add($"GET {url}: {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            pages.Add(url);
            var doc = await s_parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            foreach (var a in doc.QuerySelectorAll("a[href]"))
            {
                var href = a.GetAttribute("href")!;
                if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal)) queue.Enqueue(href.Split('#')[0]);
            }
            foreach (var f in doc.QuerySelectorAll("form").OfType<IHtmlFormElement>())
            {
                var action = f.GetAttribute("action") is { Length: > 0 } act ? act : url;
                if (action.Contains("Logout", StringComparison.OrdinalIgnoreCase) || !action.StartsWith('/')) continue;
                var method = f.Method.Equals("post", StringComparison.OrdinalIgnoreCase) ? "post" : "get";
                var fields = FieldsOf(f);
                if (fields.Count > 0) forms.Add(new Form(url, action, method, fields));
            }
        }
        // One form per action and shape of its fields: the same delete button on fifty rows is one form.
        forms = forms.GroupBy(f => Regex.Replace(f.Action, "[0-9]+", "N") + "|" + string.Join(",", f.Fields.Select(x => Regex.Replace(x.Name, "[0-9]+", "N"))))
            .Select(g => g.First()).ToList();
        return new Result(pages, forms, errors, requests);
    }

    private static List<Field> FieldsOf(IHtmlFormElement form)
    {
        var list = new List<Field>();
        foreach (var el in form.Elements)
        {
            switch (el)
            {
                case IHtmlInputElement i when string.IsNullOrEmpty(i.Name) || i.Type is "submit" or "button" or "file":
                    break;
                case IHtmlInputElement i when i.Type is "checkbox" or "radio":
                    // Sent as a browser sends it (only when checked); fuzzed either way.
                    list.Add(new Field(i.Name!, i.Value, i.Type!, i.IsChecked));
                    break;
                case IHtmlInputElement i:
                    list.Add(new Field(i.Name!, i.Value, i.Type ?? "text"));
                    break;
                case IHtmlSelectElement s when !string.IsNullOrEmpty(s.Name):
                    list.Add(new Field(s.Name!, s.Value ?? "", "select"));
                    break;
                case IHtmlTextAreaElement t when !string.IsNullOrEmpty(t.Name):
                    list.Add(new Field(t.Name!, t.Value, "textarea"));
                    break;
            }
        }
        return list;
    }

}
