using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Organisations;

/// <summary>
/// Deletes an organisation created by mistake. Anything attached to it keeps it: a record of the party organisation
/// is closed by marking it inactive, never by losing what hangs from it.
/// </summary>
public sealed class DeleteOrganisation(AppDbContext db, Access access)
{
    public const string StillUsed =
        "Không xóa được: tổ chức còn (hoặc đã từng có) đảng viên, quần chúng, tổ chức trực thuộc, chỉ tiêu, phân công phụ trách hoặc tài khoản gắn với nó. Hãy chuyển đi, hoặc đánh dấu “ngừng hoạt động”.";

    public const string RootStays = "Không xóa được Đảng bộ xã: đó là gốc của cây tổ chức.";

    public async Task<Outcome<Organisation>> HandleAsync(int id, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageCommune)) return Outcome<Organisation>.Forbidden();
        var o = await db.Organisations.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (o is null) return Outcome<Organisation>.NotFound();
        if (o.Kind == OrganisationKind.CommuneCommittee) return Outcome<Organisation>.Refused(new DomainException(RootStays));
        if (await IsUsedAsync(id, ct)) return Outcome<Organisation>.Refused(new DomainException(StillUsed));

        db.Organisations.Remove(o);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Something was attached to it between the check and the delete: the foreign keys refused, nothing is deleted.
            db.ChangeTracker.Clear();
            return Outcome<Organisation>.Refused(new DomainException(StillUsed));
        }
        return Outcome<Organisation>.Done(o);
    }

    /// <summary>Whatever points at the organisation, in the whole commune: the editor's own cells are not the question.</summary>
    private async Task<bool> IsUsedAsync(int id, CancellationToken ct) =>
        await HasPeopleOrChildrenAsync(db, id, ct)
        || await db.CellResponsibilities.WholeCommune().AnyAsync(r => r.CellId == id, ct)
        || await db.CellTargets.WholeCommune().AnyAsync(t => t.CellId == id, ct)
        // A cell members once belonged to keeps that history (the votes held there are counted from it).
        || await db.CellMemberships.WholeCommune().AnyAsync(p => p.CellId == id, ct)
        || await db.Users.AnyAsync(u => u.OrganisationId == id, ct)
        // The numbers its papers took: the register of numbers outlives nothing it refers to.
        || await db.DocumentCounters.AnyAsync(c => c.OrganisationId == id, ct);

    /// <summary>Members, candidates or organisations under it, in the whole commune.</summary>
    internal static async Task<bool> HasPeopleOrChildrenAsync(AppDbContext db, int id, CancellationToken ct) =>
        await db.Members.WholeCommune().AnyAsync(m => m.CellId == id, ct)
        || await db.Candidates.WholeCommune().AnyAsync(c => c.CellId == id, ct)
        || await db.Organisations.WholeCommune().AnyAsync(x => x.ParentId == id, ct);
}
