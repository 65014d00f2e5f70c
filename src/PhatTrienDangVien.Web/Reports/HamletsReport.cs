using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Export;
using PhatTrienDangVien.Web.Planning;

namespace PhatTrienDangVien.Web.Reports;

/// <summary>
/// Độ phủ đảng viên ở các ấp: every hamlet with the members living there (<see cref="Gaps.HamletsAsync"/>), per 1,000
/// inhabitants, its cell, the candidates living there, and whether it has no or few members (<see cref="Gaps.IsThin"/>,
/// the dashboard's list of thin hamlets).
/// </summary>
public sealed class HamletsReport
{
    public const string Heading = "Báo cáo đảng viên ở các ấp (ấp chưa có hoặc ít đảng viên)";

    public sealed record Row(int Id, string Name, int Population, int Households, int Members, double? PerThousand, int Candidates, string? Cells, bool Thin)
    {
        public string State => Members == 0 ? "Chưa có đảng viên" : Thin ? "Ít đảng viên" : "";
    }

    public required double Threshold { get; init; }
    public required DateOnly Today { get; init; }
    public List<Row> Rows { get; } = [];
    public int ThinCount => Rows.Count(r => r.Thin);
    public int Empty => Rows.Count(r => r.Members == 0);

    public static async Task<HamletsReport> ComputeAsync(AppDbContext db, double threshold, DateOnly today, CancellationToken ct)
    {
        var report = new HamletsReport { Threshold = threshold, Today = today };
        var households = await db.Hamlets.AsNoTracking().ToDictionaryAsync(h => h.Id, h => h.Households, ct);
        // Counts of people living in each hamlet are commune-wide facts, as on the hamlet list.
        var candidates = await db.Candidates.WholeCommune().Where(c => c.Person.HamletId != null && c.Status == CandidateStatus.Active)
            .GroupBy(c => c.Person.HamletId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var cells = (await db.Organisations.WholeCommune().Where(o => o.Kind == OrganisationKind.Cell && o.IsActive && o.HamletId != null)
            .Select(o => new { HamletId = o.HamletId!.Value, o.Name }).ToListAsync(ct)).ToLookup(o => o.HamletId, o => o.Name);
        foreach (var h in (await Gaps.HamletsAsync(db, ct)).OrderBy(h => h.Name, Pages.Shared.Lookups.Collator))
            report.Rows.Add(new Row(h.Id, h.Name, h.Population, households.GetValueOrDefault(h.Id), h.Members, h.PerThousand,
                candidates.GetValueOrDefault(h.Id), cells[h.Id].Any() ? string.Join("; ", cells[h.Id]) : null, Gaps.IsThin(h, threshold)));
        return report;
    }

    public string ThresholdText => Threshold.ToString("0.#", Pages.Shared.Lookups.Vietnamese);

    public static readonly IReadOnlyList<Field<Row>> Fields =
    [
        new("Ấp", r => r.Name), new("Dân số", r => r.Population, ColumnFormat.Number), new("Số hộ", r => r.Households, ColumnFormat.Number),
        new("Đảng viên cư trú", r => r.Members, ColumnFormat.Number),
        new("Đảng viên / 1.000 dân", r => r.PerThousand is { } x ? Math.Round(x, 1) : null, ColumnFormat.Number),
        new("Quần chúng ưu tú cư trú", r => r.Candidates, ColumnFormat.Number), new("Chi bộ ấp", r => r.Cells), new("Nhận xét", r => r.State),
    ];

    public (int Population, int Households, int Members, double? PerThousand, int Candidates) Sums()
    {
        var population = Rows.Sum(r => r.Population);
        var members = Rows.Sum(r => r.Members);
        return (population, Rows.Sum(r => r.Households), members, population > 0 ? Math.Round(members * 1000.0 / population, 1) : null, Rows.Sum(r => r.Candidates));
    }

    public async Task<Sheet> SheetAsync(Exporter exporter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        var sheet = await exporter.SheetAsync("Các ấp", Heading,
            [$"Tính đến ngày {Pages.Shared.Dates.Text(Today)}", $"“Ít đảng viên”: dưới {ThresholdText} đảng viên trên 1.000 dân"],
            [new("TT", ColumnFormat.Number), .. Exporter.Columns(Fields)], ct);
        sheet.Rows.AddRange(Rows.Select((r, i) => new object?[] { i + 1 }.Concat(Fields.Select(f => f.Value(r))).ToArray()));
        var s = Sums();
        sheet.Totals = [null, $"Tổng cộng: {Rows.Count} ấp", s.Population, s.Households, s.Members, s.PerThousand, s.Candidates, null,
            $"Chưa có: {Empty}; ít: {ThinCount - Empty}"];
        return sheet;
    }
}
