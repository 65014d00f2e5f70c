using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Planning;

namespace PhatTrienDangVien.Web.Province;

/// <summary>
/// The communes side by side: each row is what that commune's own dashboard shows for the whole commune, read under a
/// scope of that one commune (the province board's view of it), with the same definitions and the same kept figures
/// (<see cref="FigureCache"/>, keyed by each commune's data version). The province's totals are the sums of the rows.
/// </summary>
public sealed class ProvinceFigures(IServiceScopeFactory scopes)
{
    /// <param name="Attainment">Admitted in the term over the term's target; null without a target.</param>
    public sealed record Row(int Id, string Name, bool Archived, int Members, int? TermTarget, int AdmittedInTerm, int? ExpectedByToday,
        bool? OnTrack, int? YearTarget, int AdmittedThisYear, double? Chance, int? ForecastLow, int? ForecastMid, int? ForecastHigh,
        bool ForecastCurrent, int Pool, int CellsWithoutCandidates, int CellsWithoutAdmission, int ThinHamlets, int Overdue)
    {
        public double? Attainment => TermTarget is > 0 ? (double)AdmittedInTerm / TermTarget.Value : null;
    }

    /// <summary>The sums of the rows (a target or forecast counts where the commune has one).</summary>
    public sealed record Totals(int Communes, int Members, int TermTarget, int AdmittedInTerm, int ExpectedByToday, int YearTarget,
        int AdmittedThisYear, int ForecastMid, int Pool, int CellsWithoutCandidates, int CellsWithoutAdmission, int ThinHamlets, int Overdue)
    {
        public double? Attainment => TermTarget > 0 ? (double)AdmittedInTerm / TermTarget : null;

        public static Totals Of(IReadOnlyCollection<Row> rows)
        {
            ArgumentNullException.ThrowIfNull(rows);
            return new(rows.Count, rows.Sum(r => r.Members), rows.Sum(r => r.TermTarget ?? 0), rows.Sum(r => r.AdmittedInTerm),
                rows.Sum(r => r.ExpectedByToday ?? 0), rows.Sum(r => r.YearTarget ?? 0), rows.Sum(r => r.AdmittedThisYear), rows.Sum(r => r.ForecastMid ?? 0),
                rows.Sum(r => r.Pool), rows.Sum(r => r.CellsWithoutCandidates), rows.Sum(r => r.CellsWithoutAdmission), rows.Sum(r => r.ThinHamlets),
                rows.Sum(r => r.Overdue));
        }
    }

    public async Task<List<Row>> RowsAsync(bool withArchived, CancellationToken ct)
    {
        List<(int Id, string Name, bool Active)> communes;
        Dictionary<int, long> versions;
        using (var list = scopes.CreateScope())
        {
            list.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.ProvinceReader);
            var db = list.ServiceProvider.GetRequiredService<AppDbContext>();
            communes = (await Communes.All(db).AsNoTracking().Where(o => withArchived || o.IsActive)
                .Select(o => new { o.Id, o.Name, o.IsActive }).ToListAsync(ct)).Select(o => (o.Id, o.Name, o.IsActive)).ToList();
            // Every commune's data version in one read (after the list: a commune added since has no line yet), so that a
            // view where nothing changed is two queries whatever the number of communes.
            versions = await DataVersions.AllAsync(db, ct);
        }
        var installation = versions.GetValueOrDefault(DataVersions.Installation);
        var rows = new List<Row>(communes.Count);
        // One commune at a time: each in a scope of its own, so that every figure is computed under that commune's filters.
        foreach (var (id, name, active) in communes) rows.Add(await RowAsync(id, name, !active, (versions.GetValueOrDefault(id), installation), ct));
        return rows;
    }

    /// <summary>The results kept for one commune's line: the line, the plan, the gaps, the forecast and its last result.</summary>
    public const int EntriesPerCommune = 5;

    /// <summary>The scope the province board reads one commune under (the same as when it looks into it).</summary>
    public static DataScope ViewOf(int communeId) => new(false, communeId, true, [], [], null, Roles.ProvinceBoard);

    private async Task<Row> RowAsync(int communeId, string name, bool archived, (long Commune, long Installation) versions, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<CurrentScope>().Set(ViewOf(communeId));
        var db = services.GetRequiredService<AppDbContext>();
        // The versions as read for every line at once: read before any figure is computed, as a request reads them.
        db.VersionsRead = versions;
        var figures = services.GetRequiredService<FigureCache>();
        var work = services.GetRequiredService<WorkList>();
        var today = work.Today;
        // Everything but the forecast is kept as one result per commune data version: a view of a hundred communes
        // where nothing changed reads one version row per commune.
        var basics = await figures.GetAsync(db, "province-row", "", async () =>
        {
            var members = await db.Members.CountAsync(m => m.Status == MemberStatus.Official || m.Status == MemberStatus.Probationary, ct);
            var pool = await db.Candidates.CountAsync(c => c.Status == CandidateStatus.Active, ct);
            // The commune's own committee, named (an archived commune's too, PlanData.Selectable: its history stays);
            // a merged commune's is not (its records and targets count in the commune it joined): its row shows no plan.
            if (await PlanData.SelectAsync(db, communeId, ct) is not { } selection) return new Basics(members, pool, null, [], null, null, 0);
            var cellIds = selection.CellIds;
            // The same keys as the commune's dashboard: one computation per change of the commune's data.
            var org = selection.Selected.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var plan = await figures.GetAsync(db, "plan", org, () => PlanFigures.ComputeAsync(db, selection.Selected, cellIds, today, ct), ct);
            var year = plan.ThisYear;
            var gaps = await figures.GetAsync(db, "gaps", org, () => Gaps.ComputeAsync(db, cellIds, year.First, year.Last, Gaps.DefaultPerThousand, ct), ct);
            var overdue = (await work.ItemsAsync(ct)).Count(i => i.IsOverdue && cellIds.Contains(i.CellId));
            return new Basics(members, pool, org, cellIds, plan, gaps, overdue);
        }, ct);
        if (basics is not { Org: { } orgKey, Plan: { } plan, Gaps: { } gaps })
            return new Row(communeId, name, archived, basics.Members, null, 0, null, null, null, 0, null, null, null, null, true, basics.Pool, 0, 0, 0, 0);
        var cells = basics.CellIds;
        var forecast = await figures.GetLatestAsync(db, "forecast", orgKey, (d, c) => PlanData.ForecastAsync(d, plan, cells, today, null, c), ct);
        var f = forecast.Value;
        return new Row(communeId, name, archived, basics.Members, plan.TermTarget, plan.AdmittedInTerm, plan.Pace?.TermExpectedByToday, plan.Pace?.OnTrackTerm,
            plan.YearTarget, plan.AdmittedThisYear, f?.ProbabilityOfReachingTarget, f?.TermTotal.P10, f?.TermTotal.P50, f?.TermTotal.P90,
            forecast.Current, basics.Pool, gaps.CellsWithoutCandidates.Count, gaps.CellsWithoutAdmission.Count, gaps.ThinHamlets.Count, basics.Overdue);
    }

    /// <summary>A commune's line but its forecast, as kept.</summary>
    private sealed record Basics(int Members, int Pool, string? Org, IReadOnlyList<int> CellIds, PlanFigures? Plan, Gaps? Gaps, int Overdue);
}
