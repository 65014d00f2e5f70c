using Microsoft.AspNetCore.Mvc.ViewFeatures;
using PhatTrienDangVien.Web.Pages.Reports;

namespace PhatTrienDangVien.Web.Export;

/// <summary>
/// The print view of a list (<c>q.Print=true</c>) as a paper the office can file: the head of the .xlsx (committee,
/// Party's name, the list's title, its filter in words, the day printed) and the noun its count is said in
/// ("101 đảng viên"). The page puts it in its view data; the page's head and the shared pager read it from there.
/// </summary>
public sealed record ListPrint(ReportTitle Title, string Noun)
{
    private const string Key = "ListPrint";

    /// <summary>The print head of the request, or null on the paged list on screen.</summary>
    public static ListPrint? Of(ViewDataDictionary viewData) => viewData?[Key] as ListPrint;

    public void Put(ViewDataDictionary viewData)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        viewData[Key] = this;
    }

    /// <summary>"101 đảng viên": a count in the list's own noun, as a party office words it.</summary>
    public string Count(int n) => $"{Pages.Shared.Numbers.Show(n)} {Noun}";
}
