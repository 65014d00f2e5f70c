using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Classes;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Classes;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Classes;

/// <summary>
/// One class: what it is, each commune's seats, and its people as the user's scope sees them; the office approves or
/// refuses its commune's proposals here, a cell takes back its own. The pages of nomination and results hang off it.
/// </summary>
[RequirePermission(Permission.ReadRecords)]
public class DetailsModel(AppDbContext db, Access access, CommuneDirectory communes, TimeProvider clock) : PageModel
{
    public sealed class DecisionRow
    {
        public int Id { get; set; }
        /// <summary>"" (undecided), "approve" or "refuse".</summary>
        public string? Choice { get; set; }
        [System.ComponentModel.DataAnnotations.Display(Name = "Lý do không duyệt")]
        public string? Reason { get; set; }
    }

    public PartyClass Class { get; private set; } = null!;
    public List<ClassRoster.Person> People { get; private set; } = [];
    public Dictionary<int, string> CommuneNames { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public int? MySeats => Class.Quotas.FirstOrDefault(q => q.CommuneId == access.Scope.CommuneId)?.Seats;
    /// <summary>The commune's places approved and proposed, every cell counted (a cell secretary sees only her cell's people).</summary>
    public (int Approved, int Proposed) CommuneCounts { get; private set; }
    public bool IsHost => Class.CommuneId == access.Scope.CommuneId;
    public bool MayNominate => access.Has(Permission.NominateForClass) && (Today < Class.OpensOn || access.Has(Permission.ManageClasses)) && MySeats is not null;
    public bool MayDecide => access.Has(Permission.ManageClasses);
    public bool MayRecordResults => access.Has(Permission.ManageClasses) && Today >= Class.OpensOn && People.Any(p => p.Status == EnrolmentStatus.Approved);

    [BindProperty] public List<DecisionRow> Decisions { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [RequireHandlerPermission(Permission.ManageClasses)]
    public async Task<IActionResult> OnPostDecideAsync(int id, [FromServices] DecideNominations decide, CancellationToken ct)
    {
        var decision = new NominationDecision
        {
            Approve = [.. Decisions.Where(d => d.Choice == "approve").Select(d => d.Id)],
            Refuse = [.. Decisions.Where(d => d.Choice == "refuse").Select(d => new RefusalInput { EnrolmentId = d.Id, Reason = d.Reason })],
        };
        var outcome = await decide.HandleAsync(id, decision, ct);
        if (!await LoadAsync(id, ct)) return NotFound();
        if (this.Show(outcome) is { } shown) return shown;
        TempData["Success"] = $"Đã ghi quyết định cho {outcome.Value} người: {decision.Approve.Count} duyệt, {decision.Refuse.Count} không duyệt hoặc rút.";
        return Redirect($"/Classes/Details/{id}");
    }

    [RequireHandlerPermission(Permission.NominateForClass)]
    public async Task<IActionResult> OnPostWithdrawAsync(int id, int enrolmentId, [FromServices] WithdrawNomination withdraw, CancellationToken ct)
    {
        var outcome = await withdraw.HandleAsync(enrolmentId, ct);
        if (!await LoadAsync(id, ct)) return NotFound();
        if (this.Show(outcome) is { } shown) return shown;
        TempData["Success"] = "Đã rút đề cử.";
        return Redirect($"/Classes/Details/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Today = Core.Common.VietnamTime.Today(clock);
        if (await db.VisibleAsync(id, ct) is not { } c) return false;
        Class = c;
        People = await ClassRoster.PeopleAsync(db, id, ct);
        // Counts only, of every cell: the seats are the commune's.
        var counts = await db.ClassEnrolments.WholeCommune().Where(e => e.ClassId == id).GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        CommuneCounts = (counts.Where(c => c.Key == EnrolmentStatus.Approved).Sum(c => c.Count), counts.Where(c => c.Key == EnrolmentStatus.Proposed).Sum(c => c.Count));
        CommuneNames = (await communes.AllAsync(ct)).ToDictionary(x => x.Id, x => x.Name);
        return true;
    }
}
