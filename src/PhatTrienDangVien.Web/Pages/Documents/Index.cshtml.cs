using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Documents;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Documents;

/// <summary>The Word templates of the forms: their placeholders, the current file, a replacement, the default back.</summary>
[RequirePermission(Permission.ManageFormTemplates)]
public class IndexModel(FormTemplates templates, FormSettings settings, FormValues values, Access access) : PageModel
{
    public sealed record Row(FormDefinition Form, FormTemplates.Current Current, IReadOnlyList<string> Placeholders);

    public List<Row> Rows { get; } = [];

    /// <summary>The superior body, the committee's signer and the place name printed on the committee's papers.</summary>
    [BindProperty]
    public SettingsForm Settings { get; set; } = new();

    public sealed class SettingsForm
    {
        public string? SuperiorBody { get; set; }
        public string? SignerName { get; set; }
        public bool SignerIsDeputy { get; set; }
        public string? PlaceName { get; set; }
        public int Version { get; set; }
    }

    /// <summary>The place the papers write now (the one set, else the commune's name without "Đảng bộ xã").</summary>
    public string CurrentPlace { get; private set; } = "";

    /// <summary>The form whose upload was refused, to show the message beside it.</summary>
    public string? FailedForm { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        var outcome = await settings.SaveAsync(new FormSettings.Input(Settings.SuperiorBody, Settings.SignerName, Settings.SignerIsDeputy, Settings.PlaceName, Settings.Version), ct);
        await LoadAsync(ct, keepTyped: true);
        if (this.Show(outcome, "Settings.") is { } shown) return shown;
        TempData["Success"] = "Đã lưu cấp trên, người ký và địa danh: các biểu mẫu lập từ nay ghi theo thông tin này.";
        return Redirect("/Documents");
    }

    public async Task<IActionResult> OnGetDownloadAsync(string form, CancellationToken ct)
    {
        var f = FormCatalog.Find(form);
        if (f is null) return NotFound();
        var current = await templates.CurrentAsync(access.Scope.CommuneId, f, ct);
        var name = current.IsDefault ? f.DefaultFileName : current.FileName;
        Response.Headers.ContentDisposition = $"attachment; filename*=UTF-8''{Uri.EscapeDataString(name)}";
        return File(current.Content, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    public async Task<IActionResult> OnPostUploadAsync(string form, IFormFile? file, CancellationToken ct)
    {
        byte[] bytes = [];
        if (file is not null && file.Length is > 0 and <= FormTemplates.MaxBytes)
        {
            using var stream = new MemoryStream();
            await file.CopyToAsync(stream, ct);
            bytes = stream.ToArray();
        }
        else if (file is not null && file.Length > FormTemplates.MaxBytes) bytes = new byte[FormTemplates.MaxBytes + 1];
        var outcome = await templates.UploadAsync(form, file?.FileName ?? "", bytes, ct);
        switch (outcome.Status)
        {
            case OutcomeStatus.Done:
                TempData["Success"] = $"Đã thay mẫu {FormCatalog.Find(form)!.Code}: các biểu mẫu lập từ nay dùng tệp “{outcome.Value!.FileName}”.";
                return Redirect("/Documents");
            case OutcomeStatus.NotFound: return NotFound();
            case OutcomeStatus.Forbidden: return Forbid();
            default:
                FailedForm = form;
                foreach (var e in outcome.Errors) ModelState.AddModelError("", e.Message);
                if (outcome.Errors.Count == 0 && outcome.Message is not null) ModelState.AddModelError("", outcome.Message);
                await LoadAsync(ct);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    public async Task<IActionResult> OnPostResetAsync(string form, CancellationToken ct)
    {
        var outcome = await templates.ResetAsync(form, ct);
        if (outcome.Status == OutcomeStatus.NotFound) return NotFound();
        if (outcome.Status == OutcomeStatus.Forbidden) return Forbid();
        TempData["Success"] = $"Mẫu {outcome.Value!.Code} đã trở lại mẫu mặc định.";
        return Redirect("/Documents");
    }

    /// <param name="keepTyped">A refused settings form shows what was typed, not what is saved.</param>
    private async Task LoadAsync(CancellationToken ct, bool keepTyped = false)
    {
        if (!keepTyped)
        {
            var saved = await settings.OfAsync(access.Scope.CommuneId, ct);
            Settings = new SettingsForm { SuperiorBody = saved.SuperiorBody, SignerName = saved.SignerName, SignerIsDeputy = saved.SignerIsDeputy, PlaceName = saved.PlaceName, Version = saved.Version };
        }
        CurrentPlace = (await values.CommuneAsync(access.Scope.CommuneId, ct)).Place;
        foreach (var f in FormCatalog.All)
            Rows.Add(new Row(f, await templates.CurrentAsync(access.Scope.CommuneId, f, ct), Placeholders.Of(f)));
    }
}
