using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Authorization;

/// <summary>Turns the signed-in user's claims into the <see cref="DataScope"/> of this request, and names them for the audit trail.</summary>
public sealed class ScopeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CurrentScope current, AuditContext audit, AppDbContext db, TimeProvider clock)
    {
        audit.Clock = clock;
        if (context.User.Identity?.IsAuthenticated == true)
        {
            current.Set(await BuildAsync(context.User, db, clock, context.RequestAborted, Province.ProvinceView.Chosen(context.Request)));
            audit.UserId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
            audit.UserName = context.User.Identity.Name ?? "";
        }
        await next(context);
    }

    /// <param name="chosenCommune">The commune a province board's user chose to look into (<see cref="Province.ProvinceView"/>).</param>
    public static async Task<DataScope> BuildAsync(ClaimsPrincipal user, AppDbContext db, TimeProvider clock, CancellationToken ct,
        int? chosenCommune = null)
    {
        var role = user.FindFirstValue(ClaimTypes.Role) ?? "";
        // The province board belongs to no commune: it sees one whole commune at a time, the one it chose, read only
        // (its permissions write nothing of a commune's); without a choice it sees no commune's records at all.
        if (role == Roles.ProvinceBoard)
            return chosenCommune is { } chosen
                // Bypass reviewed: the scope is being built; the one row read is whether the chosen id is a commune.
                && await db.Organisations.IgnoreQueryFilters().AnyAsync(o => o.Id == chosen && o.Kind == Core.Organisations.OrganisationKind.CommuneCommittee, ct)
                ? new DataScope(false, chosen, true, [], [], null, role)
                : new DataScope(false, 0, false, [], [], null, role);
        if (!int.TryParse(user.FindFirstValue(AppClaims.CommuneId), out var communeId))
            return DataScope.Nothing;
        int? orgId = int.TryParse(user.FindFirstValue(AppClaims.OrganisationId), out var o) ? o : null;
        int? memberId = int.TryParse(user.FindFirstValue(AppClaims.MemberId), out var m) ? m : null;

        if (Roles.SeesWholeCommune(role))
            return new DataScope(false, communeId, true, [], [], null, role, memberId);

        // Office dates are Vietnamese dates (UTC+7), as everywhere else.
        var today = Core.Common.VietnamTime.Today(clock);
        List<int> cells = role switch
        {
            Roles.CellSecretary when orgId is not null => [orgId.Value],
            // Bypass reviewed: the scope is being built, so no filter can apply yet; the commune is named in the query.
            Roles.CommitteeMember when memberId is not null => await db.CellResponsibilities.IgnoreQueryFilters()
                .Where(r => r.CommuneId == communeId && r.MemberId == memberId && r.From <= today && (r.To == null || r.To >= today))
                .Select(r => r.CellId).Distinct().ToListAsync(ct),
            _ => [],
        };
        var visibleOrgs = new List<int>(cells);
        int? mentor = null;
        if (role == Roles.Mentor && memberId is not null)
        {
            mentor = memberId;
            // Bypass reviewed: as above, the scope is being built; the commune and the mentor are named in the query.
            visibleOrgs.AddRange(await db.Candidates.IgnoreQueryFilters()
                .Where(c => c.CommuneId == communeId && c.MentorMemberId == memberId)
                .Select(c => c.CellId).Distinct().ToListAsync(ct));
        }
        return new DataScope(false, communeId, false, cells, visibleOrgs.Distinct().ToList(), mentor, role, memberId);
    }
}
