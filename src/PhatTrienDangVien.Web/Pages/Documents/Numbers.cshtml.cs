using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Documents;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Documents;

/// <summary>The series of document numbers of the current term: the last number used and the next, set by the office.</summary>
[RequirePermission(Permission.ManageFormTemplates)]
public class NumbersModel(DocumentNumbering numbering) : PageModel
{
    public DocumentNumbering.SeriesList List { get; private set; } = new(null, []);

    /// <summary>The series whose change was refused, to show the message and the typed value beside it.</summary>
    public (int OrganisationId, string Type)? Failed { get; private set; }

    public string? TypedNext { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        List = await numbering.CurrentAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int organisationId, string type, string? next, DateOnly? startsOn, int version, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // A date that is not a date: nothing is saved.
            List = await numbering.CurrentAsync(ct);
            Failed = (organisationId, type ?? "");
            TypedNext = next;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var outcome = await numbering.SetNextAsync(organisationId, type ?? "", next, startsOn, version, ct);
        List = await numbering.CurrentAsync(ct);
        Failed = (organisationId, type ?? "");
        TypedNext = next;
        if (this.Show(outcome) is { } shown) return shown;
        var row = List.Rows.FirstOrDefault(r => r.OrganisationId == organisationId && r.Type == type);
        TempData["Success"] = $"Đã đặt số tiếp theo của {row?.Body} ({type}) là {next?.Trim()}: văn bản ghi từ ngày {Dates.Text(outcome.Value!.StartsOn!.Value)} mang số này trở đi; văn bản ghi ngày trước đó để “Số ……” nếu không gõ số theo sổ.";
        return Redirect("/Documents/Numbers");
    }
}
