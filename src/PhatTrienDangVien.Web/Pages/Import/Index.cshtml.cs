using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Import;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Import;

/// <summary>Upload of a register (members or candidates) from Excel, the templates, and the imports made so far.</summary>
[RequirePermission(Permission.ImportRegister)]
// A file over the import's limit must reach the handler to be refused in Vietnamese, not cut off by the server.
[RequestSizeLimit(UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
public class IndexModel(AppDbContext db) : PageModel
{
    public const long UploadLimit = 64L * 1024 * 1024;

    public List<ImportBatch> Batches { get; private set; } = [];

    [BindProperty]
    public ImportKind Kind { get; set; } = ImportKind.Members;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetTemplateAsync(ImportKind kind, CancellationToken ct)
    {
        if (!Enum.IsDefined(kind)) return NotFound();
        // The example row names a cell and a source of this commune, so that the template imports as it is.
        var cell = await db.Organisations.AsNoTracking().Where(o => o.Kind == Core.Organisations.OrganisationKind.Cell && o.IsActive)
            .OrderBy(o => o.Name).Select(o => o.Name).FirstOrDefaultAsync(ct);
        var source = await db.SourceCategories.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Id).Select(s => s.Name).FirstOrDefaultAsync(ct);
        return File(ImportTemplate.Build(kind, cell, source), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ImportTemplate.FileName(kind));
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, [FromServices] StageImport stage, CancellationToken ct)
    {
        byte[]? content = null;
        if (file is not null && file.Length <= RegisterSheet.MaxBytes)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        else if (file is not null)
        {
            ModelState.AddModelError("File", RegisterSheet.TooLarge);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        var outcome = await stage.HandleAsync(Kind, file?.FileName, content, ct);
        if (this.Show(outcome) is { } shown)
        {
            await LoadAsync(ct);
            return shown;
        }
        return RedirectToPage("Preview", new { token = outcome.Value!.Token });
    }

    public async Task<IActionResult> OnPostUndoAsync(int id, [FromServices] UndoImport undo, CancellationToken ct)
    {
        var outcome = await undo.HandleAsync(id, ct);
        if (this.Show(outcome) is { } shown)
        {
            await LoadAsync(ct);
            return shown;
        }
        TempData["Success"] = $"Đã hoàn tác lần nhập tệp “{outcome.Value!.FileName}”: {outcome.Value.CreatedCount} hồ sơ đã được gỡ bỏ.";
        return RedirectToPage("Index");
    }

    /// <summary>The importers by their full names (login → full name).</summary>
    public Dictionary<string, string> Names { get; private set; } = [];

    public string Importer(ImportBatch b) => Names.GetValueOrDefault(b.ImportedBy, b.ImportedBy);

    private async Task LoadAsync(CancellationToken ct)
    {
        Batches = await db.ImportBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(50).ToListAsync(ct);
        Names = await ImportUsers.FullNamesAsync(db, Batches.Select(b => b.ImportedBy), ct);
    }
}
