using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Organisations;

/// <summary>Where a record may be put: the one rule for the forms and the API.</summary>
public static class CellScope
{
    public const string OutOfScopeMessage = "Chi bộ không hợp lệ hoặc nằm ngoài phạm vi được giao.";

    /// <summary>An existing cell of the user's commune, within the cells their role covers.</summary>
    public static async Task<bool> IsCellInScopeAsync(AppDbContext db, int cellId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Scope.CoversCell(cellId) && await db.Organisations.AnyAsync(o => o.Id == cellId && o.Kind == OrganisationKind.Cell, ct);
    }

    /// <summary>The same rule for a whole form of cells at once (an allocation to every cell of the commune): one query.</summary>
    public static async Task<HashSet<int>> CellsInScopeAsync(AppDbContext db, IEnumerable<int> cellIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var covered = cellIds.Where(db.Scope.CoversCell).Distinct().ToList();
        return [.. await db.Organisations.Where(o => covered.Contains(o.Id) && o.Kind == OrganisationKind.Cell).Select(o => o.Id).ToListAsync(ct)];
    }
}
