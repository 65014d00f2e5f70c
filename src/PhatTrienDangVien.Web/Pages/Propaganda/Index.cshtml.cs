using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Education;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Education;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Propaganda;

/// <summary>The sessions of propaganda and education of a year, and the year beside the pool it fed (plan point P4).</summary>
[RequirePermission(Permission.ReadRecords)]
public class IndexModel(AppDbContext db, PropagandaSummary summary, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, DateOnly Date, Organiser Organiser, string OrganiserName, string Topic, string? Audience, int Headcount, int Candidates, bool CommuneWide);

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public Organiser? Organiser { get; set; }
    public List<Row> Rows { get; private set; } = [];
    public PropagandaSummary.Year Summary { get; private set; } = null!;
    public List<int> Years { get; private set; } = [];

    public static readonly IReadOnlyList<Export.Field<Row>> Fields =
    [
        new("Ngày", r => r.Date, Export.ColumnFormat.Date), new("Đơn vị tổ chức", r => r.OrganiserName), new("Chủ đề", r => r.Topic),
        new("Đối tượng", r => r.Audience), new("Số người dự", r => r.Headcount, Export.ColumnFormat.Number),
        new("Quần chúng ưu tú dự", r => r.Candidates, Export.ColumnFormat.Number),
    ];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetXlsxAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        await LoadAsync(ct);
        return await exporter.ListAsync("Buổi tuyên truyền, giáo dục", "tuyen-truyen", $"Năm {Year}", Fields, Rows, ct);
    }

    [RequireHandlerPermission(Permission.RecordPropaganda)]
    public async Task<IActionResult> OnPostDeleteAsync(int id, [FromServices] DeletePropagandaSession delete, CancellationToken ct)
    {
        var outcome = await delete.HandleAsync(id, ct);
        if (this.Show(outcome) is { } shown)
        {
            await LoadAsync(ct);
            return shown;
        }
        TempData["Success"] = $"Đã xóa buổi “{outcome.Value!.Topic}” ngày {outcome.Value.Date:dd/MM/yyyy}.";
        return Redirect($"/Propaganda?Year={outcome.Value.Date.Year}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = Core.Common.VietnamTime.Today(clock);
        if (Year is not (>= 2000 and <= 2199)) Year = today.Year;
        if (Organiser is { } o && !Enum.IsDefined(o)) Organiser = null;
        Years = [.. (await db.PropagandaSessions.AsNoTracking().Select(s => s.Date.Year).Distinct().ToListAsync(ct)).Append(today.Year).Append(Year.Value).Distinct().OrderDescending()];
        var from = new DateOnly(Year.Value, 1, 1);
        var to = new DateOnly(Year.Value, 12, 31);
        var rows = await db.PropagandaSessions.AsNoTracking().Where(s => s.Date >= from && s.Date <= to && (Organiser == null || s.Organiser == Organiser))
            .OrderByDescending(s => s.Date).ThenByDescending(s => s.Id)
            .Select(s => new
            {
                s.Id, s.Date, s.Organiser, s.OrganiserName, Cell = db.Organisations.Where(o => o.Id == s.CellId).Select(o => o.Name).FirstOrDefault(), s.Topic,
                s.Audience, Category = db.SourceCategories.Where(c => c.Id == s.AudienceCategoryId).Select(c => c.Name).FirstOrDefault(), s.Headcount,
                Candidates = s.Attendees.Count, s.CellId,
            }).ToListAsync(ct);
        Rows = [.. rows.Select(r => new Row(r.Id, r.Date, r.Organiser,
            r.Organiser == Core.Education.Organiser.Cell ? r.Cell ?? "Chi bộ" : (r.OrganiserName ?? PropagandaWords.Organiser(r.Organiser)) + (r.Cell is null ? "" : $" ({r.Cell})"),
            r.Topic, string.Join(" — ", new[] { r.Category, r.Audience }.Where(x => x is not null)) is { Length: > 0 } a ? a : null, r.Headcount, r.Candidates, r.CellId is null))];
        Summary = await summary.ForAsync(Year.Value, ct);
    }
}
