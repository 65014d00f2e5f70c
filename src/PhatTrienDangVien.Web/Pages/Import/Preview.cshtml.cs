using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Import;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Import;

/// <summary>
/// The preview of an uploaded file: the columns as guessed (changeable), the rows' errors, the rows already in the
/// register, the unknown cells (to create), and the commit. The file stays on the server under its token.
/// </summary>
[RequirePermission(Permission.ImportRegister)]
[RequestFormLimits(ValueCountLimit = 5_000)]
public class PreviewModel(AppDbContext db, PreviewImport previews) : PageModel
{
    public const int RowsShown = 50;

    public ImportPreview? Preview { get; private set; }
    public List<(int Id, string Name)> Cells { get; private set; } = [];
    public List<(int Id, string Name)> Sources { get; private set; } = [];
    /// <summary>For the ready rows' values: hamlet and source names by id.</summary>
    public Dictionary<int, string> HamletNames { get; private set; } = [];
    public Dictionary<int, string> SourceNames { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostChooseAsync(Dictionary<string, ImportField>? map, int? defaultCellId, int? defaultSourceId,
        List<string>? createCells, CancellationToken ct)
    {
        var outcome = await previews.ChooseAsync(Token, new ImportChoices
        {
            Columns = map ?? [], DefaultCellId = defaultCellId, DefaultSourceId = defaultSourceId, CreateCells = createCells ?? [],
        }, ct);
        if (this.Show(outcome) is { } shown) return await ShowAsync(ct) ?? shown;
        return RedirectToPage("Preview", new { token = Token });
    }

    public async Task<IActionResult> OnPostCommitAsync([FromServices] CommitImport commit, CancellationToken ct)
    {
        var outcome = await commit.HandleAsync(Token, ct);
        if (this.Show(outcome) is { } shown)
        {
            var status = Response.StatusCode;
            var again = await ShowAsync(ct);
            Response.StatusCode = status;
            return again ?? shown;
        }
        TempData["Success"] = $"Đã nhập {Numbers.Show(outcome.Value!.Batch.CreatedCount)} hồ sơ từ tệp “{outcome.Value.Batch.FileName}”.";
        return RedirectToPage("Batch", new { id = outcome.Value.Batch.Id });
    }

    /// <summary>Null when the preview is shown; a result when there is none to show (the file is gone or unreadable).</summary>
    private async Task<IActionResult?> ShowAsync(CancellationToken ct)
    {
        var outcome = await previews.HandleAsync(Token, ct);
        if (outcome.Status == OutcomeStatus.Forbidden) return Forbid();
        if (!outcome.IsDone)
        {
            foreach (var e in outcome.Errors) ModelState.AddModelError("", e.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Preview = outcome.Value;
        Cells = [.. (await db.Organisations.WholeCommune().AsNoTracking().Where(o => o.Kind == OrganisationKind.Cell && o.IsActive)
            .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct)).Select(o => (o.Id, o.Name))];
        Sources = [.. (await db.SourceCategories.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.SortOrder)
            .Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name))];
        SourceNames = Sources.ToDictionary(s => s.Id, s => s.Name);
        HamletNames = await db.Hamlets.AsNoTracking().ToDictionaryAsync(h => h.Id, h => h.Name, ct);
        return null;
    }
}
