using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PhatTrienDangVien.Web.Pages.Shared;

/// <summary>
/// A page's main form, written without an action, posts back to the address the page was shown at. After a refused
/// second form (a delete, whose address ends in <c>?handler=Delete</c>) the page is shown at that address, and its
/// main form's "Lưu" then went to the delete: a decided exit was deleted without its confirmation. Such a form now posts
/// to the same address without the handler, so each button does only what it says.
/// </summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class PostBackFormTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    // After the framework's form tag helper, which writes the action of a form with asp-page, asp-page-handler, ….
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!string.Equals(output.Attributes["method"]?.Value?.ToString(), "post", StringComparison.OrdinalIgnoreCase)) return;
        if (output.Attributes.ContainsName("action")) return;
        var request = ViewContext.HttpContext.Request;
        if (!request.Query.ContainsKey("handler")) return;
        var query = QueryString.Create(request.Query.Where(q => !string.Equals(q.Key, "handler", StringComparison.OrdinalIgnoreCase)));
        output.Attributes.SetAttribute("action", $"{request.PathBase}{request.Path}{query}");
    }
}
