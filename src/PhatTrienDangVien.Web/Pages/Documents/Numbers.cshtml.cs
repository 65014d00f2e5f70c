using System.ComponentModel.DataAnnotations;
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

    /// <summary>The series whose change was refused, to show the message and the typed values beside it.</summary>
    public (int OrganisationId, string Type)? Failed { get; private set; }

    public string? TypedNext { get; private set; }

    /// <summary>The "từ ngày" as typed: a refused form keeps it rather than falling back to today.</summary>
    public string? TypedStartsOn { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        List = await numbering.CurrentAsync(ct);
        return Page();
    }

    // The display names are what the binding messages call a field ("Hãy nhập loại văn bản."), never the parameter's name.
    public async Task<IActionResult> OnPostAsync([Display(Name = "cơ quan ban hành")] int organisationId, [Display(Name = "loại văn bản")] string type,
        string? next, [Display(Name = "ngày bắt đầu đánh số (từ ngày)")] DateOnly? startsOn, [Display(Name = "phiên bản của sổ khi mở trang")] int? version,
        CancellationToken ct)
    {
        Failed = (organisationId, type ?? "");
        TypedNext = next;
        TypedStartsOn = Request.HasFormContentType ? Request.Form["startsOn"].ToString() : null;
        if (!ModelState.IsValid)
        {
            // A date that is not a date: nothing is saved.
            List = await numbering.CurrentAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var outcome = await numbering.SetNextAsync(organisationId, type ?? "", next, startsOn, version, ct);
        List = await numbering.CurrentAsync(ct);
        if (this.Show(outcome) is { } shown) return shown;
        var row = List.Rows.FirstOrDefault(r => r.OrganisationId == organisationId && r.Type == type);
        TempData["Success"] = $"Đã đặt số tiếp theo của {row?.Body} ({type}) là {DocumentNumbering.Format(outcome.Value!.LastNumber + 1, type!)}: văn bản ghi từ ngày {Dates.Text(outcome.Value!.StartsOn!.Value)} mang số này trở đi; văn bản ghi ngày trước đó để “Số ……” nếu không gõ số theo sổ.";
        return Redirect("/Documents/Numbers");
    }

    /// <summary>The messages of the refused row about one field ("next", "startsOn"; binding and command name them in different case).</summary>
    public IReadOnlyList<string> ErrorsOf(string field) =>
        [.. ModelState.Where(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).SelectMany(e => e.Value?.Errors ?? []).Select(e => e.ErrorMessage)];

    /// <summary>Every message of the refused row (its fields' and the form's own, such as a conflict).</summary>
    public IReadOnlyList<string> RowErrors() => [.. ModelState.Values.SelectMany(e => e.Errors).Select(e => e.ErrorMessage).Distinct()];
}
