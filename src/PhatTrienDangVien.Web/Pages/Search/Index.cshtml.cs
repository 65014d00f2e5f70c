using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Search;

namespace PhatTrienDangVien.Web.Pages.Search;

/// <summary>"Tìm kiếm": members and candidates by name, from the header's box (the same query as <c>GET /api/search</c>).</summary>
[RequirePermission(Permission.ReadRecords)]
public class IndexModel(PeopleSearch search) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public PeopleSearch.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Result = await search.FindAsync(Q, ct);
}
