using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Planning;

/// <summary>Where the plan is behind on the ground (plan point P5): each list links to the records behind it.</summary>
public sealed class Gaps
{
    /// <summary>Members living in a hamlet per 1,000 inhabitants below which the hamlet counts as "few members".</summary>
    public const double DefaultPerThousand = 10;

    /// <summary>
    /// The threshold as typed or linked: a decimal comma as Vietnamese write it ("5,5") or a point; anything that is not
    /// a number from 0 to 1,000 gives the default.
    /// </summary>
    public static double ReadThreshold(string? text) =>
        double.TryParse(text?.Trim().Replace(',', '.'), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var t)
            && double.IsFinite(t) && t is >= 0 and <= 1000 ? t : DefaultPerThousand;

    public sealed record HamletGap(int Id, string Name, int Population, int Members, double? PerThousand);
    public sealed record CellGap(int Id, string Name, CellKind? Kind, int Candidates, int AdmittedThisYear);

    public List<HamletGap> ThinHamlets { get; } = [];
    public List<CellGap> CellsWithoutAdmission { get; } = [];
    public List<CellGap> CellsWithoutCandidates { get; } = [];
    public List<CellGap> SchoolCellsWithoutCandidates { get; } = [];
    public List<(int Id, string Name)> SchoolsWithoutCell { get; } = [];
    public double Threshold { get; private set; }

    /// <summary>The window of "admitted this year" (this year's row of the term, see <see cref="PlanFigures.ThisYear"/>).</summary>
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }

    public static async Task<Gaps> ComputeAsync(AppDbContext db, IReadOnlyCollection<int> cellIds, DateOnly from, DateOnly to, double threshold,
        CancellationToken ct)
    {
        var g = new Gaps { Threshold = threshold, From = from, To = to };
        g.ThinHamlets.AddRange((await HamletsAsync(db, ct)).Where(h => IsThin(h, threshold)));
        g.ThinHamlets.Sort((a, b) => Nullable.Compare(a.PerThousand, b.PerThousand));
        g.SchoolsWithoutCell.AddRange((await db.Schools.AsNoTracking().Where(s => s.CellId == null).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name)));

        var cells = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Cell && o.IsActive && cellIds.Contains(o.Id))
            .Select(o => new { o.Id, o.Name, o.CellKind }).ToListAsync(ct);
        var pool = await db.Candidates.Where(c => c.Status == CandidateStatus.Active && cellIds.Contains(c.CellId))
            .GroupBy(c => c.CellId).Select(x => new { x.Key, Count = x.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var admitted = await AdmittedByCellAsync(db, cellIds, from, to, ct);
        foreach (var c in cells.OrderBy(c => c.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), true)))
        {
            var row = new CellGap(c.Id, c.Name, c.CellKind, pool.GetValueOrDefault(c.Id), admitted.GetValueOrDefault(c.Id));
            if (row.AdmittedThisYear == 0) g.CellsWithoutAdmission.Add(row);
            if (row.Candidates == 0) g.CellsWithoutCandidates.Add(row);
            if (row.Candidates == 0 && c.CellKind == CellKind.School) g.SchoolCellsWithoutCandidates.Add(row);
        }
        return g;
    }

    /// <summary>A hamlet with no member living there, or fewer than <paramref name="threshold"/> per 1,000 inhabitants.</summary>
    public static bool IsThin(HamletGap hamlet, double threshold)
    {
        ArgumentNullException.ThrowIfNull(hamlet);
        return hamlet.Members == 0 || hamlet.PerThousand < threshold;
    }

    /// <summary>Every hamlet by name, with the members (official and probationary) living there and their number per
    /// 1,000 inhabitants (null when the population is not recorded).</summary>
    public static async Task<List<HamletGap>> HamletsAsync(AppDbContext db, CancellationToken ct)
    {
        // Residence counts are commune-wide facts (numbers, not people), as on the hamlet list.
        var residents = await db.Members.WholeCommune()
            .Where(m => m.Person.HamletId != null && (m.Status == MemberStatus.Official || m.Status == MemberStatus.Probationary))
            .GroupBy(m => m.Person.HamletId!.Value).Select(x => new { x.Key, Count = x.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return (await db.Hamlets.AsNoTracking().OrderBy(h => h.Name).ToListAsync(ct)).Select(h =>
        {
            var members = residents.GetValueOrDefault(h.Id);
            return new HamletGap(h.Id, h.Name, h.Population, members, h.Population > 0 ? members * 1000.0 / h.Population : null);
        }).ToList();
    }

    /// <summary>Admitted in the period per cell (<see cref="PlanData.AdmittedIn"/>).</summary>
    public static async Task<Dictionary<int, int>> AdmittedByCellAsync(AppDbContext db, IReadOnlyCollection<int> cellIds, DateOnly first, DateOnly last,
        CancellationToken ct) =>
        await PlanData.AdmittedIn(db.Members, cellIds, first, last)
            .GroupBy(m => m.CellId).Select(x => new { x.Key, Count = x.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
}
