using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Shared;

/// <summary>What the page header shows: who is signed in, which commune, and whether the data is demo data.</summary>
public sealed class LayoutInfo(AppDbContext db, IHttpContextAccessor http, Admission.WorkList work, Access access, TimeProvider clock, FigureCache figures)
{
    private bool _loaded;

    public string? CommuneName { get; private set; }
    public bool IsDemo { get; private set; }
    public string? UserName { get; private set; }
    public string? RoleName { get; private set; }
    public string Role { get; private set; } = "";
    public int Overdue { get; private set; }
    /// <summary>The signed-in user's own unread notifications.</summary>
    public int Unread { get; private set; }
    /// <summary>For those who manage backups: said when the last successful backup is older than two days, or missing.</summary>
    public string? BackupWarning { get; private set; }

    public async Task LoadAsync(CancellationToken ct)
    {
        if (_loaded) return;
        _loaded = true;
        var user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true) return;
        UserName = user.FindFirstValue(AppClaims.FullName);
        Role = user.FindFirstValue(ClaimTypes.Role) ?? "";
        RoleName = Roles.DisplayName(Role);
        Overdue = await work.OverdueCountAsync(ct);
        // Kept with the figures under the commune's data version (read once per request, for the count above): a
        // rename or the demo's removal is a write and changes it. One query less before every page.
        var commune = await figures.GetAsync(db, "layout-commune", "", () => db.Organisations.WholeCommune()
            .Where(o => o.Kind == OrganisationKind.CommuneCommittee).Select(o => new CommuneLine(o.Name, o.IsDemo)).FirstOrDefaultAsync(ct), ct);
        CommuneName = commune?.Name;
        Unread = await Web.Notifications.NotificationQueries.UnreadCountAsync(db, user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", ct);
        IsDemo = commune?.IsDemo ?? false;
        if (access.Has(Permission.ManageBackups) && await InstallationRules.ServesOneCommuneAsync(db, ct))
            BackupWarning = Backups.BackupStatus.Warning(await Backups.BackupService.LastSuccessAsync(db, ct), clock.GetUtcNow());
    }

    private sealed record CommuneLine(string Name, bool IsDemo);
}
