using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.ApiDocs;

/// <summary>The JSON API as its OpenAPI document describes it: the same document served at <see cref="DocumentUrl"/>.</summary>
[RequirePermission(Permission.ReadApiDocs)]
public class IndexModel : PageModel
{
    public const string DocumentName = "v1";
    public const string DocumentUrl = "/api/openapi/v1.json";

    public sealed record Endpoint(string Method, string Path, string? Summary, string Tag);

    public string Title { get; private set; } = "";
    public string Version { get; private set; } = "";
    public IReadOnlyList<IGrouping<string, Endpoint>> Groups { get; private set; } = [];
    public int Count { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var provider = HttpContext.RequestServices.GetRequiredKeyedService<IOpenApiDocumentProvider>(DocumentName);
        var document = await provider.GetOpenApiDocumentAsync(cancellationToken);
        Title = document.Info?.Title ?? "";
        Version = document.Info?.Version ?? "";
        var endpoints = (document.Paths ?? [])
            .SelectMany(path => (path.Value.Operations ?? []).SelectMany(op =>
            {
                var tags = op.Value.Tags?.Select(t => t.Name ?? "").Where(t => t.Length > 0).ToList() ?? [];
                return (tags.Count > 0 ? tags : ["Khác"]).Select(tag => new Endpoint(op.Key.Method, path.Key, op.Value.Summary, tag));
            }))
            .ToList();
        Count = endpoints.DistinctBy(e => (e.Method, e.Path)).Count();
        Groups = [.. endpoints.OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => MethodOrder(e.Method))
            .GroupBy(e => e.Tag).OrderBy(g => g.Key, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false))];
    }

    private static int MethodOrder(string method) => method switch { "GET" => 0, "POST" => 1, "PUT" => 2, "PATCH" => 3, "DELETE" => 4, _ => 5 };
}
