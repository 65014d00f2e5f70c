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
    public sealed record Row(int Id, string Name, bool Archived, int Count, int Women, int Young, int EthnicMinority, int Religious, int YouthUnion,
        int General12, int FromRegister)
    {
        public static Row Of(int id, string name, bool archived, IReadOnlyCollection<NewMember> m) =>
            new(id, name, archived, m.Count, m.Count(x => x.IsWoman), m.Count(x => x.IsYoung), m.Count(x => x.IsEthnicMinority), m.Count(x => x.IsReligious),
                m.Count(x => x.IsYouthUnionMember), m.Count(x => x.GeneralEducationBucket == "12"), m.Count(x => x.FromRegister));

        /// <summary>The province's line: the sum of the communes' lines.</summary>
        public static Row Total(IReadOnlyCollection<Row> rows, string name)
        {
            ArgumentNullException.ThrowIfNull(rows);
            return new(0, name, false, rows.Sum(r => r.Count), rows.Sum(r => r.Women), rows.Sum(r => r.Young), rows.Sum(r => r.EthnicMinority),
                rows.Sum(r => r.Religious), rows.Sum(r => r.YouthUnion), rows.Sum(r => r.General12), rows.Sum(r => r.FromRegister));
        }
    }

    public async Task<List<Row>> RowsAsync(ReportPeriod period, bool withArchived, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        using var scope = scopes.CreateScope();
        // Every commune at once: the board has no commune of its own, and what it may read is decided by its permission
        // (ViewProvince) on the page; the cells gathered below are what limits the read.
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var communes = await Communes.All(db).AsNoTracking().Where(o => withArchived || o.IsActive)
            .Select(o => new { o.Id, o.Name, o.IsActive }).ToListAsync(ct);
        // The cells each commune's own report reads: those under its committee through active organisations, as
        // PlanData.SelectAsync selects the commune's whole scope (an archived commune's too: its history stays).
        var organisations = await PlanData.Selectable(db.Organisations.AsNoTracking()).ToListAsync(ct);
        var children = organisations.ToLookup(o => o.ParentId);
        var communeOfCell = new Dictionary<int, int>();
        var wanted = communes.Select(c => c.Id).ToHashSet();
        foreach (var committee in organisations.Where(o => o.Kind == OrganisationKind.CommuneCommittee && wanted.Contains(o.Id)))
            foreach (var cell in PlanData.CellsUnder(committee, children)) communeOfCell[cell] = committee.Id;
        var admitted = (await PlanData.NewMembersAsync(db, [.. communeOfCell.Keys], period.From, period.To, ct))
            .ToLookup(m => communeOfCell[m.CellId]);
        return [.. communes.Select(c => Row.Of(c.Id, c.Name, !c.IsActive, [.. admitted[c.Id]]))];
    }
}
