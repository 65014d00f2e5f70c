using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Responsibilities;

/// <summary>
/// Puts a commune committee member in charge of a cell from a date (to a date, or open). The same member cannot
/// follow the same cell twice over overlapping periods.
/// </summary>
public sealed class AssignCell(AppDbContext db, Access access)
{
    public const string NotCommitteeMember = "Người được chọn không phải là Đảng ủy viên của xã.";
    public const string NoSuchCell = "Chi bộ không tồn tại hoặc đã ngừng hoạt động.";

    /// <summary>The saved assignment, with its member (and person) and cell loaded for the message.</summary>
    public async Task<Outcome<CellResponsibility>> HandleAsync(AssignInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.ManageResponsibilities)) return Outcome<CellResponsibility>.Forbidden();
        const string prefix = "Input.";
        var errors = new Errors();
        errors.Annotations(input, prefix);
        var member = input.MemberId is { } memberId
            ? await db.CommitteeMembers().Include(m => m.Person).FirstOrDefaultAsync(m => m.Id == memberId, ct)
            : null;
        var cell = input.CellId is { } cellId
            ? await db.Organisations.FirstOrDefaultAsync(o => o.Id == cellId && o.Kind == OrganisationKind.Cell && o.IsActive, ct)
            : null;
        errors.Require(input.MemberId is null || member is not null, prefix + nameof(AssignInput.MemberId), NotCommitteeMember);
        errors.Require(input.CellId is null || cell is not null, prefix + nameof(AssignInput.CellId), NoSuchCell);
        errors.Require(input.To is null || input.From is null || input.To >= input.From, prefix + nameof(AssignInput.To), "Ngày kết thúc phải sau ngày bắt đầu.");
        if (errors.Any || member is null || cell is null || input.From is not { } from) return Outcome<CellResponsibility>.Invalid(errors.List);

        var periods = await db.CellResponsibilities.AsNoTracking().Where(r => r.MemberId == member.Id && r.CellId == cell.Id).ToListAsync(ct);
        if (periods.FirstOrDefault(r => Periods.Overlap(r.From, r.To, from, input.To)) is { } clash)
            return Outcome<CellResponsibility>.Invalid(prefix + nameof(AssignInput.From),
                $"Đồng chí {member.Person.FullName} đã được phân công phụ trách {cell.Name} từ {Lookups.Date(clash.From)}"
                + (clash.To is null ? " (chưa kết thúc)" : $" đến {Lookups.Date(clash.To)}")
                + "; hai khoảng thời gian trùng nhau. Hãy kết thúc phân công cũ hoặc chọn ngày khác.");

        var assignment = new CellResponsibility { CommuneId = db.Scope.CommuneId, Member = member, Cell = cell, From = from, To = input.To };
        db.CellResponsibilities.Add(assignment);
        await db.SaveChangesAsync(ct);
        return Outcome<CellResponsibility>.Done(assignment);
    }
}
