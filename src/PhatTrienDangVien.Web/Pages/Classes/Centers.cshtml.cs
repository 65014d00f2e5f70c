using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Classes;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Classes;

/// <summary>The political centres the commune hosts or is served by, with the communes each serves and its classes.</summary>
[RequirePermission(Permission.ReadRecords)]
public class CentersModel(AppDbContext db, Access access, CommuneDirectory communes) : PageModel
{
    public sealed record Row(int Id, string Name, string? Address, string? Phone, string? DirectorName, bool IsActive, bool IsHost, List<string> Served, int Classes);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var names = (await communes.AllAsync(ct)).ToDictionary(x => x.Id, x => x.Name);
        var centers = await db.PoliticalCenters.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        var ids = centers.Select(c => c.Id).ToList();
        var served = (await db.CenterCommunes.AsNoTracking().Where(x => ids.Contains(x.CenterId)).ToListAsync(ct)).ToLookup(x => x.CenterId);
        var classes = await db.PartyClasses.AsNoTracking().GroupBy(c => c.CenterId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Rows = [.. centers.Select(c => new Row(c.Id, c.Name, c.Address, c.Phone, c.DirectorName, c.IsActive, c.CommuneId == access.Scope.CommuneId,
            [names.GetValueOrDefault(c.CommuneId, "xã chủ quản"), .. served[c.Id].Select(s => names.GetValueOrDefault(s.CommuneId, "xã khác"))],
            classes.GetValueOrDefault(c.Id)))];
    }
}
