using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Documents;

namespace PhatTrienDangVien.Web.Pages.Documents;

/// <summary>The certificate list of an awareness class: candidates whose class falls in a period, as a Word file.</summary>
[RequirePermission(Permission.IssueForms)]
public class CertificatesModel(CertificateList list) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    public List<CertificateList.Row>? Rows { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (From is { } f && To is { } t && t >= f) Rows = await list.RowsAsync(f, t, ct);
        else if (From is not null && To is not null) ModelState.AddModelError(nameof(To), "“Đến ngày” phải sau “từ ngày”.");
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        var outcome = await list.BuildAsync(From, To, ct);
        if (outcome.Status == OutcomeStatus.Forbidden) return Forbid();
        if (!outcome.IsDone)
        {
            foreach (var e in outcome.Errors) ModelState.AddModelError(e.Field, e.Message);
            if (From is { } f && To is { } t && t >= f) Rows = await list.RowsAsync(f, t, ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var name = $"Danh_sach_GCN_{From:yyyyMMdd}-{To:yyyyMMdd}.docx";
        Response.Headers.ContentDisposition = $"attachment; filename*=UTF-8''{Uri.EscapeDataString(name)}";
        return File(outcome.Value.Content, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }
}
