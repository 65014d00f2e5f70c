using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Exits;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Exits;

/// <summary>The cell's proposal (xóa tên, cho ra khỏi Đảng) and the office's record of the decision, a transfer or a death.</summary>
[RequirePermission(Permission.ProposeExit)]
public class EditModel(AppDbContext db, Access access, SaveExit save, TimeProvider clock) : PageModel
{
    [BindProperty] public ExitInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    public int? Id { get; private set; }
    public List<FieldConflict> Conflicts { get; } = [];
    public bool Decides => access.Has(Permission.DecideExit);
    /// <summary>Members still on the roll, by cell, for a new record; the member's name for an existing one.</summary>
    public List<(int Id, string Name, string Cell, MemberStatus Status)> Members { get; private set; } = [];
    public string? MemberName { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, int? memberId, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            Input.MemberId = memberId;
            Input.Status = ExitStatus.Proposed;
            Input.Kind = ExitKind.RemovedFromRoll;
            Input.ProposedOn = Core.Common.VietnamTime.Today(clock);
        }
        else
        {
            var e = await db.MemberExits.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (e is null) return NotFound();
            if (e.StepId is not null) return Redirect($"/Members/Details/{e.MemberId}");
            Input = ExitInput.From(e);
            Version = e.Version;
            // The office opening a proposal is there to write the decision.
            if (Decides && e.Status == ExitStatus.Proposed) Input.DecidedOn ??= Core.Common.VietnamTime.Today(clock);
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        await LoadAsync(ct);
        if (!ModelState.IsValid) return Page();
        var outcome = await save.HandleAsync(id, Input, Version, ct);
        if (outcome.Status == OutcomeStatus.Conflict && outcome.Value is { } current)
        {
            ModelState.Remove(nameof(Version));
            Version = current.Version;
        }
        if (this.Show(outcome, conflicts: Conflicts) is { } shown) return shown;
        var saved = outcome.Value!;
        TempData["Success"] = $"Đã lưu: {ExitWords.Kind(saved.Kind).ToLowerInvariant()} — {MemberName ?? "đảng viên"} ({ExitWords.Status(saved.Status).ToLowerInvariant()}).";
        return Redirect(saved.Status == ExitStatus.Proposed ? "/Exits?Show=Pending" : $"/Members/Details/{saved.MemberId}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, [FromServices] DeleteExit delete, CancellationToken ct)
    {
        Id = id;
        var outcome = await delete.HandleAsync(id, ct);
        if (this.Show(outcome) is { } shown)
        {
            await LoadAsync(ct);
            return shown;
        }
        TempData["Success"] = outcome.Value!.Status == ExitStatus.Decided
            ? "Đã xóa hồ sơ ra khỏi danh sách; đảng viên trở lại tình trạng trước đó."
            : "Đã xóa đề nghị.";
        return Redirect("/Exits?Show=Pending");
    }

    /// <summary>The member's name, or the members to choose from; false when the member asked for is not one the user sees.</summary>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (Input.MemberId is { } m)
        {
            var member = await db.Members.AsNoTracking().Where(x => x.Id == m).Select(x => new { x.Person.FullName, Cell = x.Cell.Name }).FirstOrDefaultAsync(ct);
            if (member is not null)
            {
                MemberName = $"{member.FullName} ({member.Cell})";
                return true;
            }
            if (Request.Method == HttpMethods.Get) return false;
        }
        Members = [.. (await db.Members.AsNoTracking().Where(x => x.Status < MemberStatus.Removed)
                .Select(x => new { x.Id, x.Person.FullName, x.Person.NameSortKey, Cell = x.Cell.Name, x.Status }).ToListAsync(ct))
            .OrderBy(x => x.Cell, Lookups.Collator).ThenBy(x => x.NameSortKey, StringComparer.Ordinal)
            .Select(x => (x.Id, x.FullName, x.Cell, x.Status))];
        return true;
    }
}
