using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Planning;
using PhatTrienDangVien.Web.Reports;

namespace PhatTrienDangVien.Web.Province;

/// <summary>
/// The new members of a period, commune by commune, with the parts the structure report counts (women, young, ethnic
/// minorities, religious, youth union, 12/12, from the register). Each commune's line is the total of its own report
/// (<see cref="NewMembersReport"/>): the same people, read by the same <see cref="PlanData.NewMembersAsync"/> for the
/// same cells (those under the commune's committee, as its dashboard selects them) and counted by the same tests.
/// </summary>
/// <remarks>
/// One read for the whole province (or the country), not one per commune: the cells of every commune are gathered
/// first, then the admitted people of all of them are read at once under a scope that sees every commune, and split
/// by the commune of their cell. Three thousand communes are three thousand times the cells, not three thousand
/// rounds of queries (docs/benchmarks.md).
/// </remarks>
public sealed class ProvinceNewMembers(IServiceScopeFactory scopes)
{
    public sealed record Row(int Id, string Name, bool Archived, NewMemberCounts Counts)
    {
        /// <summary>The province's line: the sum of the communes' lines.</summary>
        public static Row Total(IReadOnlyCollection<Row> rows, string name)
        {
            ArgumentNullException.ThrowIfNull(rows);
            return new(0, name, false, NewMemberCounts.Sum(rows.Select(r => r.Counts)));
        }
    }

    public async Task<List<Row>> RowsAsync(ReportPeriod period, bool withArchived, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        using var scope = scopes.CreateScope();
        // Every commune at once: the board has no commune of its own (DataScope.ProvinceReader).
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.ProvinceReader);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var communes = await Communes.All(db).AsNoTracking().Where(o => withArchived || o.IsActive)
            .Select(o => new { o.Id, o.Name, o.IsActive }).ToListAsync(ct);
        // The cells each commune's own report reads (an archived commune's too: its history stays).
        var communeOfCell = await PlanData.CommuneOfCellsAsync(db, communes.Select(c => c.Id).ToHashSet(), ct);
        var admitted = (await PlanData.NewMembersAsync(db, [.. communeOfCell.Keys], period.From, period.To, ct))
            .ToLookup(m => communeOfCell[m.CellId]);
        return [.. communes.Select(c => new Row(c.Id, c.Name, !c.IsActive, NewMemberCounts.Of(admitted[c.Id])))];
    }
}
