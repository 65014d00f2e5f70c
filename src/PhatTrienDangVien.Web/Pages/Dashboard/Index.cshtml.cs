using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Dashboard;

/// <summary>
/// The plan at a glance for the commune, a sub-committee or a cell (within the user's scope): where the pipeline
/// stands, where the gaps are, and what is due.
/// </summary>
public class IndexModel(AppDbContext db, WorkList work, RuleBookProvider rules) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }
    [BindProperty(SupportsGet = true)] public double? Threshold { get; set; }

    public Organisation? Selected { get; private set; }
    public List<SelectListItem> Organisations { get; private set; } = [];
    public IReadOnlyList<int> CellIds { get; private set; } = [];
    public DateOnly Today => work.Today;
    public Gaps Gaps { get; private set; } = null!;
    public IReadOnlyList<WorkList.Item> Overdue { get; private set; } = [];
    public IReadOnlyList<WorkList.Item> DueSoon { get; private set; } = [];
    public IReadOnlyList<(AdmissionStage Stage, int Count)> StageCounts { get; private set; } = [];

    /// <summary>The stages of an open case, in the order of the procedure (the funnel).</summary>
    public static readonly AdmissionStage[] Pipeline =
    [
        AdmissionStage.SourcePool, AdmissionStage.Mentored, AdmissionStage.ClassPassed, AdmissionStage.Applied,
        AdmissionStage.HistoryVerified, AdmissionStage.Introduced, AdmissionStage.OpinionsCollected, AdmissionStage.CellApproved,
        AdmissionStage.SubCommitteeApproved, AdmissionStage.Decided, AdmissionStage.Probation,
    ];

    public async Task<IActionResult> OnGetAsync()
    {
        var orgs = await db.Organisations.AsNoTracking().Where(o => o.IsActive).ToListAsync();
        if (orgs.Count == 0) return Page();
        Selected = OrgId is { } id ? orgs.FirstOrDefault(o => o.Id == id) : null;
        if (OrgId is not null && Selected is null) return NotFound();
        Selected ??= orgs.FirstOrDefault(o => o.Kind == OrganisationKind.CommuneCommittee) ?? orgs.OrderBy(o => o.Kind).First();
        CellIds = CellsUnder(Selected, orgs).Where(db.Scope.CoversCell).ToList();
        var collator = StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), true);
        Organisations = orgs.OrderBy(o => o.Kind).ThenBy(o => o.Name, collator)
            .Select(o => new SelectListItem(o.Name, o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), o.Id == Selected.Id)).ToList();

        Gaps = await Gaps.ComputeAsync(db, CellIds, Today.Year, Threshold ?? Gaps.DefaultPerThousand);
        var items = (await work.ItemsAsync()).Where(i => CellIds.Contains(i.CellId)).ToList();
        Overdue = items.Where(i => i.IsOverdue).OrderBy(i => i.Next.WorkingDaysLeft).ToList();
        DueSoon = items.Where(i => i.Next.WorkingDaysLeft is >= 0 and <= 10).OrderBy(i => i.Next.WorkingDaysLeft).ToList();
        StageCounts = Pipeline.Select(s => (s, items.Count(i => i.Stage == s))).ToList();
        _ = await rules.GetAsync();
        return Page();
    }

    private static IEnumerable<int> CellsUnder(Organisation root, List<Organisation> all)
    {
        if (root.Kind == OrganisationKind.Cell) return [root.Id];
        var children = all.Where(o => o.ParentId == root.Id).ToList();
        return children.SelectMany(c => CellsUnder(c, all));
    }

    public string CandidatesLink(int? cellId = null, string? extra = null) =>
        "/Candidates?" + (cellId is { } c ? $"CellId={c}&" : "") + extra;
}
