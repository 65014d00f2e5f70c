using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Home;

namespace PhatTrienDangVien.Web.Pages;

/// <summary>
/// The home page: what the user must do this week (<see cref="HomeTasks"/>, the same sections as <c>GET /api/me/tasks</c>),
/// then the figures of their own scope, each a link to the list of exactly that many rows.
/// </summary>
[RequirePermission(Permission.ReadRecords)]
public class IndexModel(AppDbContext db, HomeTasks home, FigureCache figures) : PageModel
{
    /// <summary>Rows shown per section; the section's link opens all of them in the work list.</summary>
    public const int Shown = 8;

    public HomeTasks.Tasks Tasks { get; private set; } = null!;
    public bool IsMentor { get; private set; }
    public int Cells { get; private set; }
    public int Official { get; private set; }
    public int Probationary { get; private set; }
    public int Candidates { get; private set; }
    public int CandidatesWithoutMentor { get; private set; }
    public Term? Term { get; private set; }

    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The province board's home is the province's table until it chooses a commune to look into.
        if (db.Scope.IsProvinceWithoutCommune) return Redirect("/Province");
        Tasks = await home.ForCurrentUserAsync(ct);
        // The scope filters make every figure the user's own: the cell, the cells in charge, the commune.
        IsMentor = db.Scope.MentorMemberId is not null;
        // Kept with the figures under the data version and the user's scope (decision 0035): six counts read before
        // every home page, changed only by a write. The term is read without tracking: the kept one is shared.
        var f = await figures.GetAsync(db, "home-figures", "", () => CountAsync(ct), ct);
        (Candidates, Term, Cells, Official, Probationary, CandidatesWithoutMentor) = (f.Candidates, f.Term, f.Cells, f.Official, f.Probationary, f.WithoutMentor);
        return Page();
    }

    private sealed record Figures(int Candidates, Term? Term, int Cells, int Official, int Probationary, int WithoutMentor);

    private async Task<Figures> CountAsync(CancellationToken ct)
    {
        var candidates = await db.Candidates.CountAsync(c => c.Status == CandidateStatus.Active, ct);
        var term = await db.Terms.AsNoTracking().OrderByDescending(t => t.StartYear).FirstOrDefaultAsync(ct);
        // A mentor is shown the candidates followed and the term only.
        if (db.Scope.MentorMemberId is not null) return new Figures(candidates, term, 0, 0, 0, 0);
        return new Figures(candidates, term,
            await db.Organisations.CountAsync(o => o.Kind == OrganisationKind.Cell && o.IsActive, ct),
            await db.Members.CountAsync(m => m.Status == MemberStatus.Official, ct),
            await db.Members.CountAsync(m => m.Status == MemberStatus.Probationary, ct),
            await db.Candidates.CountAsync(c => c.Status == CandidateStatus.Active && c.MentorMemberId == null, ct));
    }

    /// <summary>What the figures cover, in words.</summary>
    public string ScopeText => db.Scope switch
    {
        { MentorMemberId: not null } => "Quần chúng đồng chí giúp đỡ",
        { WholeCommune: true } or { Unrestricted: true } => "Toàn xã",
        { Role: Roles.CellSecretary } => "Chi bộ của đồng chí",
        _ => "Các chi bộ đồng chí phụ trách",
    };
}
