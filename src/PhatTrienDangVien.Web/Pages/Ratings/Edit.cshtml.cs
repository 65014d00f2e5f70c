using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Evaluations;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Evaluations;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Ratings;

/// <summary>
/// A year's rating of one cell or member: the self-assessment (the cell) and the committee's score and level (the
/// office). Whoever reads the plan may read it (the inspection committee reads everything); the command says who writes.
/// </summary>
[RequirePermission(Permission.ViewPlan)]
public class EditModel(AppDbContext db, Access access, RatingReads reads, SaveRating save, TimeProvider clock) : PageModel
{
    [BindProperty] public RatingInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true)] public RatedKind Kind { get; set; }
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public string Subject { get; private set; } = "";
    public QualityRatingRecord? Stored { get; private set; }
    public RatingReads.CellRow? Cell { get; private set; }
    public StoredDevelopment? DevelopmentWhenRated { get; private set; }
    public RatingSettings Settings { get; private set; } = new();
    public List<FieldConflict> Conflicts { get; } = [];
    public bool Rates => access.Has(Permission.RateQuality);
    public DateOnly Today => Core.Common.VietnamTime.Today(clock);
    /// <summary>The day the development figures shown are taken (<see cref="RatingReads.FiguresDay"/>).</summary>
    public DateOnly FiguresDay => RatingReads.FiguresDay(Year, Today);
    /// <summary>Reads only: neither the cell's part nor the committee's is theirs to write (the inspection committee).</summary>
    public bool ReadsOnly => !SaveRating.Writes(access);
    /// <summary>The cell's self-assessment is closed once the committee has rated: the form says so before anything is typed.</summary>
    public bool Locked => !SaveRating.MayWrite(access, Stored);
    /// <summary>The list this rating was opened from: a member's goes back to their cell's members, not to every member of the commune.</summary>
    public string Back => Kind == RatedKind.Member ? $"/Ratings?Year={Year}&Show=Members&CellId={MemberCellId}" : $"/Ratings?Year={Year}&Show=Cells";
    public int MemberCellId { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Stored is not null)
        {
            Input = RatingInput.From(Stored);
            Version = Stored.Version;
        }
        else if (Rates) Input.DecidingBody = "Ban Thường vụ Đảng ủy xã";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (ReadsOnly) return Forbid();
        if (!ModelState.IsValid) return Page();
        var outcome = await save.HandleAsync(Year, Kind, Id, Input, Version, ct);
        if (outcome.Status == OutcomeStatus.Conflict && outcome.Value is { } current)
        {
            ModelState.Remove(nameof(Version));
            Version = current.Version;
        }
        if (this.Show(outcome, conflicts: Conflicts) is { } shown) return shown;
        var saved = outcome.Value!;
        TempData["Success"] = (saved.Level is { } l ? $"Đã lưu: {Subject} — {QualityRatings.Name(l).ToLowerInvariant()} năm {Year}." : $"Đã lưu phần tự đánh giá năm {Year} của {Subject}.")
            + string.Concat(outcome.Warnings.Select(w => " " + w));
        return Redirect(Back);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!Enum.IsDefined(Kind)) return false;
        var today = Core.Common.VietnamTime.Today(clock);
        if (Year < 2000 || Year > today.Year) return false;
        Settings = await reads.SettingsAsync(ct);
        if (Kind == RatedKind.Cell)
        {
            var rows = await reads.CellsAsync([Id], Year, today, ct);
            if (rows.Count == 0) return false;
            Cell = rows[0];
            Subject = Cell.Cell;
            Stored = Cell.Rating;
            if (Stored is not null) DevelopmentWhenRated = SaveRating.DevelopmentOf(Stored);
        }
        else
        {
            var m = await db.Members.AsNoTracking().Where(x => x.Id == Id).Select(x => new { x.Person.FullName, x.CellId, Cell = x.Cell.Name }).FirstOrDefaultAsync(ct);
            if (m is null) return false;
            MemberCellId = m.CellId;
            Subject = $"{m.FullName} ({m.Cell})";
            Stored = await RatingReads.OfMembers(db).AsNoTracking().FirstOrDefaultAsync(r => r.Year == Year && r.MemberId == Id, ct);
        }
        return true;
    }
}
