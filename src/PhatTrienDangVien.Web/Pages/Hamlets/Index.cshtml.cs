using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Hamlets;

[RequirePermission(Permission.ReadRecords)]
public class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(int Id, string Name, int Population, int Households, int Members, int Candidates)
    {
        /// <summary>Members living in the hamlet per 1,000 inhabitants; null when the population is unknown.</summary>
        public double? PerThousand => Population > 0 ? Members * 1000.0 / Population : null;
    }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "q")] public ListQuery Query { get; set; } = new();

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public static readonly IReadOnlyList<Export.Field<Row>> Fields =
    [
        new("Tên ấp", r => r.Name), new("Dân số", r => r.Population, Export.ColumnFormat.Number), new("Số hộ", r => r.Households, Export.ColumnFormat.Number),
        new("Đảng viên cư trú", r => r.Members, Export.ColumnFormat.Number),
        new("Đảng viên / 1.000 dân", r => r.PerThousand is { } x ? Math.Round(x, 1) : null, Export.ColumnFormat.Number),
        new("Quần chúng ưu tú cư trú", r => r.Candidates, Export.ColumnFormat.Number),
    ];

    /// <summary>The same rows as the page, in the page's order, as .xlsx.</summary>
    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetXlsxAsync([Microsoft.AspNetCore.Mvc.FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        await LoadAsync(ct);
        return await exporter.ListAsync("Ấp, khóm", "ap", null, Fields, Rows, ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // Residence counts are commune-wide facts: a cell secretary sees how many members live in each hamlet,
        // not who they are.
        var members = await db.Members.WholeCommune()
            .Where(m => m.Person.HamletId != null && (m.Status == MemberStatus.Official || m.Status == MemberStatus.Probationary))
            .GroupBy(m => m.Person.HamletId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count, ct);
        var candidates = await db.Candidates.WholeCommune()
            .Where(c => c.Person.HamletId != null && c.Status == CandidateStatus.Active)
            .GroupBy(c => c.Person.HamletId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count, ct);
        var rows = (await db.Hamlets.AsNoTracking().ToListAsync(ct)).Select(h => new Row(h.Id, h.Name, h.Population, h.Households,
            members.GetValueOrDefault(h.Id), candidates.GetValueOrDefault(h.Id)));
        var collator = StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), true);
        Rows = (Query.Sort?.ToLowerInvariant() switch
        {
            "population" => rows.OrderBy(r => r.Population),
            "members" => rows.OrderBy(r => r.Members),
            "ratio" => rows.OrderBy(r => r.PerThousand ?? double.MaxValue),
            _ => rows.OrderBy(r => r.Name, collator),
        }).ToList();
        if (Query.Desc) Rows.Reverse();
    }
}
