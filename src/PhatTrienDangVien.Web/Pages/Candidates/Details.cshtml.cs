using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Candidates;

[RequirePermission(Permission.ReadRecords)]
public class DetailsModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public Candidate Candidate { get; private set; } = null!;
    public List<AuditRow> Audit { get; private set; } = [];
    /// <summary>The mentor's name, read across the commune: part of this visible case (see the candidate list).</summary>
    public string? MentorName { get; private set; }
    public DateOnly Today => Core.Common.VietnamTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var c = await db.Candidates.AsNoTracking().Include(x => x.Person).ThenInclude(p => p.Hamlet).Include(x => x.Cell)
            .Include(x => x.Sources).ThenInclude(s => s.SourceCategory)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return NotFound();
        Candidate = c;
        if (c.MentorMemberId is { } mentor)
            MentorName = await db.Members.WholeCommune().Where(m => m.Id == mentor).Select(m => m.Person.FullName).FirstOrDefaultAsync(ct);
        Audit = await AuditTrail.ForAsync(db, ct, (nameof(Core.People.Candidate), c.Id), (nameof(Person), c.PersonId));
        return Page();
    }
}
