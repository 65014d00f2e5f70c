using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Province;

/// <summary>
/// The province board before it chose a commune: a commune's page (a list, the work list, the notifications, a search)
/// would open empty, "Tìm thấy 0 …", as if the province had nothing. It is led to the province's table instead, with
/// the reason. Only the pages of the installation itself open without a choice. The scope already hides every
/// commune's record from the board until a choice (the API answers empty lists); this is what the pages say about it.
/// </summary>
public sealed class ProvinceChoiceFilter(CurrentScope current, ITempDataDictionaryFactory tempData) : IAsyncPageFilter
{
    /// <summary>The message shown on the province's table.</summary>
    public const string ChooseFirst = "Trang đó là số liệu của một Đảng bộ xã: hãy chọn xã trong bảng toàn tỉnh dưới đây (bấm vào tên xã), trang đó sẽ mở ra ngay.";

    // The pages of the installation, not of a commune: the province's own, the national rules and calendar, the trail,
    // the account, the API's description and the error page.
    private static readonly string[] s_installationPages = ["/Province", "/Rules", "/Calendar", "/Admin/Audit", "/Account", "/ApiDocs", "/Error", "/Index"];

    public static bool IsInstallationPage(string viewEnginePath) =>
        s_installationPages.Any(p => viewEnginePath.Equals(p, StringComparison.OrdinalIgnoreCase)
            || viewEnginePath.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase));

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        // A write is refused by the permissions as it always was; a read is led to the choice.
        var method = context.HttpContext.Request.Method;
        if (current.Scope.IsProvinceWithoutCommune && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            && !IsInstallationPage(context.ActionDescriptor.ViewEnginePath))
        {
            tempData.GetTempData(context.HttpContext)["Info"] = ChooseFirst;
            // The page asked for goes along, so that choosing a commune opens it (a HEAD's export is not worth keeping).
            var request = context.HttpContext.Request;
            var asked = request.Path + request.QueryString;
            context.Result = new RedirectResult(HttpMethods.IsGet(method) ? "/Province?to=" + Uri.EscapeDataString(asked) : "/Province");
            return;
        }
        await next();
    }
}
