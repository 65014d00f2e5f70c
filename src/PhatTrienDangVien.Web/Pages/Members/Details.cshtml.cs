using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Members;

[RequirePermission(Permission.ReadRecords)]
public class DetailsModel(AppDbContext db) : PageModel
{
    public Member Member { get; private set; } = null!;
    public List<AuditRow> Audit { get; private set; } = [];
    /// <summary>The admission case that made this person a member, when it was run in the application.</summary>
    public int? CaseId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var m = await db.Members.AsNoTracking().Include(x => x.Person).ThenInclude(p => p.Hamlet).Include(x => x.Cell)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return NotFound();
        Member = m;
        CaseId = await db.Candidates.WholeCommune().Where(c => c.PersonId == m.PersonId)
            .Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        Audit = await AuditTrail.ForAsync(db, ct, (nameof(Core.People.Member), m.Id), (nameof(Person), m.PersonId));
        return Page();
    }
}
