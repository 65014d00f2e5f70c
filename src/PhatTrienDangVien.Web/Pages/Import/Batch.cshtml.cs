using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Import;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Import;

/// <summary>
/// The report of one import: the file, who and when, the counts, the records created, the rows skipped; and its undo,
/// through the same command as the API's.
/// </summary>
[RequirePermission(Permission.ImportRegister)]
public class BatchModel(AppDbContext db) : PageModel
{
    public sealed record Created(int Id, string FullName, string Cell, bool IsMember);

    public ImportBatch Batch { get; private set; } = null!;
    public List<Created> Records { get; private set; } = [];
    /// <summary>Who imported and who undid, by their full names (the login name only for an account no longer there).</summary>
    public string ImportedBy { get; private set; } = "";
    public string? UndoneBy { get; private set; }
    /// <summary>How many cells the import created: the undo removes those still empty.</summary>
    public int CreatedCells { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUndoAsync(int id, [FromServices] UndoImport undo, CancellationToken ct)
    {
        var outcome = await undo.HandleAsync(id, ct);
        if (this.Show(outcome) is { } shown)
        {
            var status = Response.StatusCode;
            if (!await LoadAsync(id, ct)) return shown;
            Response.StatusCode = status;
            return shown;
        }
        TempData["Success"] = $"Đã hoàn tác lần nhập tệp “{outcome.Value!.FileName}”: {Numbers.Show(outcome.Value.CreatedCount)} hồ sơ đã được gỡ bỏ.";
        return RedirectToPage("Batch", new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var batch = await db.ImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null) return false;
        Batch = batch;
        // The user's own cells only: the report names whom the reader may see; the counts are the batch's.
        Records = batch.Kind == ImportKind.Members
            ? await db.Members.AsNoTracking().Where(m => m.ImportBatchId == id).OrderBy(m => m.Person.NameSortKey).Take(500)
                .Select(m => new Created(m.Id, m.Person.FullName, m.Cell.Name, true)).ToListAsync(ct)
            : await db.Candidates.AsNoTracking().Where(c => c.ImportBatchId == id).OrderBy(c => c.Person.NameSortKey).Take(500)
                .Select(c => new Created(c.Id, c.Person.FullName, c.Cell.Name, false)).ToListAsync(ct);
        var names = await ImportUsers.FullNamesAsync(db, [batch.ImportedBy, batch.UndoneBy], ct);
        ImportedBy = names.GetValueOrDefault(batch.ImportedBy, batch.ImportedBy);
        UndoneBy = batch.UndoneBy is { } u ? names.GetValueOrDefault(u, u) : null;
        CreatedCells = batch.CreatedCellIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Length;
        return true;
    }
}

/// <summary>The users an import names (by login, as the batch keeps them) shown by their full names, as the app shows users.</summary>
public static class ImportUsers
{
    public static async Task<Dictionary<string, string>> FullNamesAsync(AppDbContext db, IEnumerable<string?> logins, CancellationToken ct)
    {
        var wanted = logins.OfType<string>().Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return new(StringComparer.Ordinal);
        var found = await db.Users.AsNoTracking().Where(u => u.CommuneId == db.Scope.CommuneId && wanted.Contains(u.UserName!))
            .Select(u => new { u.UserName, u.FullName }).ToListAsync(ct);
        return found.Where(u => !string.IsNullOrWhiteSpace(u.FullName)).DistinctBy(u => u.UserName)
            .ToDictionary(u => u.UserName!, u => u.FullName, StringComparer.Ordinal);
    }
}
