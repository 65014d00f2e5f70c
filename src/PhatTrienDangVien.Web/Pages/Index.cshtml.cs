using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages;

[RequirePermission(Permission.ReadRecords)]
public class IndexModel(AppDbContext db) : PageModel
{
    public int Cells { get; private set; }
    public int Official { get; private set; }
    public int Probationary { get; private set; }
    public int Candidates { get; private set; }
    public int CandidatesWithoutMentor { get; private set; }
    public Term? Term { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Cells = await db.Organisations.CountAsync(o => o.Kind == OrganisationKind.Cell && o.IsActive, ct);
        Official = await db.Members.CountAsync(m => m.Status == MemberStatus.Official, ct);
        Probationary = await db.Members.CountAsync(m => m.Status == MemberStatus.Probationary, ct);
        Candidates = await db.Candidates.CountAsync(c => c.Status == CandidateStatus.Active, ct);
        CandidatesWithoutMentor = await db.Candidates.CountAsync(c => c.Status == CandidateStatus.Active && c.MentorMemberId == null, ct);
        Term = await db.Terms.OrderByDescending(t => t.StartYear).FirstOrDefaultAsync(ct);
    }
}
