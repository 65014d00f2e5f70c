using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Classes;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Classes;

/// <summary>Who still needs a class, by cell: the office plans seats from it, a cell secretary proposes from it.</summary>
[RequirePermission(Permission.ReadRecords)]
public class NeedsModel(AppDbContext db, ClassNeeds needs) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? CellId { get; set; }
    public List<ClassNeeds.Need> Rows { get; private set; } = [];
    public List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Cells { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public static readonly IReadOnlyList<Export.Field<ClassNeeds.Need>> Fields =
    [
        new("Cần", r => ClassNeeds.Title(r.Kind)), new("Họ và tên", r => r.FullName), new("Chi bộ", r => r.Cell),
        new("Giai đoạn", r => Core.Admission.StepNames.Of(r.Stage)),
        new("Giấy chứng nhận", r => r.Certificate is { } c ? $"Số {c.CertificateNumber}, ngày {c.CertificateDate:dd/MM/yyyy}" : null),
        new("Còn giá trị đến", r => r.ValidThrough, Export.ColumnFormat.Date), new("Hết thời gian dự bị", r => r.ProbationEnd, Export.ColumnFormat.Date),
        new("Đã đề cử vào lớp", r => r.Enrolled), new("Lần trước", r => r.Before),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        await LoadAsync(ct);
        return await exporter.ListAsync("Người cần học lớp bồi dưỡng", "nguoi-can-hoc-lop", CellId is null ? null : "Chi bộ: " + Cells.FirstOrDefault(c => c.Value == CellId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))?.Text, Fields, Rows, ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = needs.Today;
        Cells = await Lookups.CellsAsync(db, ct);
        if (CellId is { } cell && Cells.All(x => x.Value != cell.ToString(System.Globalization.CultureInfo.InvariantCulture))) CellId = null;
        Rows = await needs.ListAsync(CellId, ct);
    }
}
