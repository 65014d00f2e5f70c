using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Import;

namespace PhatTrienDangVien.Web.Pages.Import;

/// <summary>The report of one import: the file, who and when, the counts, the records created, the rows skipped.</summary>
[RequirePermission(Permission.ImportRegister)]
public class BatchModel(AppDbContext db) : PageModel
{
    public sealed record Created(int Id, string FullName, string Cell, bool IsMember);

    public ImportBatch Batch { get; private set; } = null!;
    public List<Created> Records { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var batch = await db.ImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null) return NotFound();
        Batch = batch;
        // The user's own cells only: the report names whom the reader may see; the counts are the batch's.
        Records = batch.Kind == ImportKind.Members
            ? await db.Members.AsNoTracking().Where(m => m.ImportBatchId == id).OrderBy(m => m.Person.NameSortKey).Take(500)
                .Select(m => new Created(m.Id, m.Person.FullName, m.Cell.Name, true)).ToListAsync(ct)
            : await db.Candidates.AsNoTracking().Where(c => c.ImportBatchId == id).OrderBy(c => c.Person.NameSortKey).Take(500)
                .Select(c => new Created(c.Id, c.Person.FullName, c.Cell.Name, false)).ToListAsync(ct);
        return Page();
    }
}
