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
    /// <summary>The chosen member is probationary: xóa tên goes through their case (this is its timeline).</summary>
    public int? ProbationCaseId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, int? memberId, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            Input.MemberId = memberId;
            Input.Status = ExitStatus.Proposed;
            Input.Kind = ExitKind.RemovedFromRoll;
            if (!Decides) Input.ProposedOn = Core.Common.VietnamTime.Today(clock);
        }
        else
        {
            var e = await db.MemberExits.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (e is null) return NotFound();
            // Written by the procedure, or decided and so the office's: the member's page shows it, read only.
            if (e.StepId is not null || (!Decides && e.Status != ExitStatus.Proposed)) return Redirect($"/Members/Details/{e.MemberId}#exits");
            Input = ExitInput.From(e);
            Version = e.Version;
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
        TempData["Success"] = saved.Status == ExitStatus.Proposed
            ? $"Đã ghi đề nghị {ExitWords.KindInSentence(saved.Kind)} — {MemberName ?? "đảng viên"}; văn phòng Đảng ủy sẽ ghi quyết định của cấp có thẩm quyền."
            : $"Đã lưu: {ExitWords.KindInSentence(saved.Kind)} — {MemberName ?? "đảng viên"} ({ExitWords.Status(saved.Status, saved.Kind).ToLowerInvariant()}).";
        return Redirect(saved.Status == ExitStatus.Proposed ? "/Exits?Show=Pending" : $"/Members/Details/{saved.MemberId}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, [FromServices] DeleteExit delete, CancellationToken ct)
    {
        Id = id;
        var outcome = await delete.HandleAsync(id, ct);
        // A refusal goes back to the record as it is, with its reason on top: the delete's own form has no fields.
        if (outcome.Status == OutcomeStatus.Invalid)
        {
            TempData["Error"] = outcome.Message ?? string.Join(" ", outcome.Errors.Select(e => e.Message));
            return Redirect($"/Exits/Edit/{id}");
        }
        if (this.Show(outcome) is { } shown)
        {
            await LoadAsync(ct);
            return shown;
        }
        var gone = outcome.Value!;
        var who = await db.Members.AsNoTracking().Where(m => m.Id == gone.MemberId).Select(m => new { m.Person.FullName, m.Status }).FirstOrDefaultAsync(ct);
        TempData["Success"] = gone.Status == ExitStatus.Decided
            ? $"Đã xóa hồ sơ {ExitWords.KindInSentence(gone.Kind)} của {who?.FullName}; đồng chí trở lại tình trạng {Lookups.StatusName(who?.Status ?? MemberStatus.Official).ToLowerInvariant()}."
            : $"Đã xóa đề nghị {ExitWords.KindInSentence(gone.Kind)} của {who?.FullName}.";
        return Redirect($"/Members/Details/{gone.MemberId}");
    }

    /// <summary>The member's name, or the members to choose from; false when the member asked for is not one the user sees.</summary>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (Input.MemberId is { } m)
        {
            var member = await db.Members.AsNoTracking().Where(x => x.Id == m)
                .Select(x => new { x.Person.FullName, x.Person.DateOfBirth, Cell = x.Cell.Name, x.Status, x.PersonId }).FirstOrDefaultAsync(ct);
            if (member is not null)
            {
                MemberName = $"{member.FullName}, sinh năm {member.DateOfBirth.Year} ({member.Cell})";
                if (member.Status == MemberStatus.Probationary)
                    ProbationCaseId = await db.Candidates.WholeCommune().Where(c => c.PersonId == member.PersonId).Select(c => (int?)c.Id).MaxAsync(ct);
                return true;
            }
            if (Request.Method == HttpMethods.Get) return false;
        }
        Members = [.. (await db.Members.AsNoTracking().Where(x => x.Status < MemberStatus.Removed)
                .Select(x => new { x.Id, x.Person.FullName, x.Person.NameSortKey, x.Person.DateOfBirth, Cell = x.Cell.Name, x.Status }).ToListAsync(ct))
            .OrderBy(x => x.Cell, Lookups.Collator).ThenBy(x => x.NameSortKey, StringComparer.Ordinal)
            .Select(x => (x.Id, $"{x.FullName}, sinh năm {x.DateOfBirth.Year}", x.Cell, x.Status))];
        return true;
    }
}
