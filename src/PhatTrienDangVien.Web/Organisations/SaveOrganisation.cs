using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Organisations;

/// <summary>An organisation of the tree as the form writes it.</summary>
public sealed class OrganisationInput
{
    [Display(Name = "Tên"), Required(ErrorMessage = "Hãy nhập tên tổ chức."), StringLength(200, ErrorMessage = "Tên tối đa 200 ký tự.")]
    public string Name { get; set; } = "";
    [Display(Name = "Cấp")]
    public OrganisationKind Kind { get; set; } = OrganisationKind.Cell;
    [Display(Name = "Loại chi bộ")]
    public CellKind? CellKind { get; set; } = Core.Organisations.CellKind.Hamlet;
    [Display(Name = "Trực thuộc"), ShowsName(NameOf.Organisation)]
    public int? ParentId { get; set; }
    [Display(Name = "Ấp gắn với chi bộ"), ShowsName(NameOf.Hamlet)]
    public int? HamletId { get; set; }
    [Display(Name = "Bí thư"), ShowsName(NameOf.Member)]
    public int? SecretaryMemberId { get; set; }
    [Display(Name = "Địa chỉ"), StringLength(300, ErrorMessage = "Địa chỉ tối đa 300 ký tự.")]
    public string? Address { get; set; }
    [Display(Name = "Ngày thành lập")]
    public DateOnly? EstablishedOn { get; set; }
    [Display(Name = "Đang hoạt động")]
    public bool IsActive { get; set; } = true;

    public static OrganisationInput From(Organisation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new()
        {
            Name = o.Name, Kind = o.Kind, CellKind = o.CellKind, ParentId = o.ParentId, HamletId = o.HamletId,
            SecretaryMemberId = o.SecretaryMemberId, Address = o.Address, EstablishedOn = o.EstablishedOn, IsActive = o.IsActive,
        };
    }

    public void ApplyTo(Organisation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.Name = Name;
        o.Kind = Kind;
        o.CellKind = CellKind;
        o.ParentId = ParentId;
        o.HamletId = HamletId;
        o.SecretaryMemberId = SecretaryMemberId;
        o.Address = Address;
        o.EstablishedOn = EstablishedOn;
        o.IsActive = IsActive;
    }
}

/// <summary>
/// Adds or edits a node of the organisation tree. The commune committee is the one root (made when the commune is set
/// up); below it sit sub-committees and cells, and a cell hangs under the root or a sub-committee.
/// </summary>
public sealed class SaveOrganisation(AppDbContext db, Access access, ConflictDiff diff, TimeProvider clock)
{
    private const string P = "Input.";

    public async Task<Outcome<Organisation>> HandleAsync(int? id, OrganisationInput input, int version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.ManageCommune)) return Outcome<Organisation>.Forbidden();
        Organisation? o = null;
        if (id is not null && (o = await db.Organisations.FirstOrDefaultAsync(x => x.Id == id, ct)) is null)
            return Outcome<Organisation>.NotFound();

        input.Name = VietnameseText.Normalize(input.Name) ?? "";
        input.Address = VietnameseText.Normalize(input.Address);
        var errors = new Errors();
        errors.Annotations(input, P);
        if (o?.Kind == OrganisationKind.CommuneCommittee)
        {
            // The root stays the root, whatever the request says.
            input.Kind = OrganisationKind.CommuneCommittee;
            input.ParentId = null;
            input.CellKind = null;
            // Stopping the committee archives the commune and locks out all its accounts: that is the province's act
            // (Province/Communes), with its own confirmation, not a checkbox of the commune's form.
            if (o.IsActive && !input.IsActive)
                errors.Add(P + nameof(input.IsActive), "Không thể cho Đảng ủy xã ngừng hoạt động tại đây: việc lưu trữ một Đảng bộ xã do Ban Tổ chức Tỉnh ủy thực hiện trên trang Danh sách Đảng bộ xã.");
        }
        else
        {
            await CheckPlaceAsync(input, id, errors, ct);
        }
        if (input.EstablishedOn > Core.Common.VietnamTime.Today(clock))
            errors.Add(P + nameof(input.EstablishedOn), "Ngày thành lập không được ở tương lai.");
        if (input.HamletId is { } h && !await db.Hamlets.AnyAsync(x => x.Id == h, ct))
            errors.Add(P + nameof(input.HamletId), "Ấp không tồn tại.");
        // Who belongs to a cell is a fact of the commune, whatever cells the editor's role covers. A sub-committee has no
        // members of its own: its secretary (who signs 7-KNĐ) is an official member of one of its cells.
        var subCommittee = input.Kind == OrganisationKind.SubCommittee;
        if (input.SecretaryMemberId is { } s && (id is null
            || !await db.Members.WholeCommune().AnyAsync(m => m.Id == s && m.Status == MemberStatus.Official && (m.CellId == id || (subCommittee && m.Cell.ParentId == id)), ct)))
            errors.Add(P + nameof(input.SecretaryMemberId), subCommittee
                ? "Bí thư đảng ủy bộ phận phải là đảng viên chính thức của một chi bộ trực thuộc."
                : "Bí thư phải là đảng viên chính thức của chính chi bộ này.");
        if (o is not null && o.Kind != input.Kind && await DeleteOrganisation.HasPeopleOrChildrenAsync(db, o.Id, ct))
            errors.Add(P + nameof(input.Kind), "Không đổi được cấp của tổ chức đã có đảng viên, quần chúng hoặc tổ chức trực thuộc.");
        // A cell's yearly allocations are read as a cell's (the targets' pages, the dashboard, the reports): a cell that
        // stopped being one would keep them where some pages count them and others do not.
        else if (o is { Kind: OrganisationKind.Cell } && input.Kind != OrganisationKind.Cell
            && await db.CellTargets.WholeCommune().AnyAsync(t => t.CellId == o.Id, ct))
            errors.Add(P + nameof(input.Kind), "Không đổi được cấp của chi bộ đã được phân bổ chỉ tiêu kết nạp; hãy xóa phân bổ của chi bộ này (để 0 và bỏ trống nghị quyết ở trang Phân bổ chi bộ của từng năm) trước.");
        if (errors.Any) return Outcome<Organisation>.Invalid(errors.List);

        var record = o ?? new Organisation { Name = input.Name, CommuneId = db.Scope.CommuneId };
        input.ApplyTo(record);
        return await db.AddOrEditAsync(diff, record, o is null, version, input, OrganisationInput.From, ct);
    }

    /// <summary>Where a node other than the root may hang, and what kind it may be.</summary>
    private async Task CheckPlaceAsync(OrganisationInput input, int? id, Errors errors, CancellationToken ct)
    {
        if (!Enum.IsDefined(input.Kind) || input.Kind == OrganisationKind.CommuneCommittee)
            errors.Add(P + nameof(input.Kind), "Chỉ có một Đảng bộ xã; hãy chọn chi bộ hoặc đảng bộ bộ phận.");
        var parent = input.ParentId is { } p ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == p, ct) : null;
        if (id is not null && input.ParentId == id)
            errors.Add(P + nameof(input.ParentId), "Một tổ chức không thể trực thuộc chính nó.");
        else if (parent is null || parent.Kind == OrganisationKind.Cell)
            errors.Add(P + nameof(input.ParentId), "Hãy chọn Đảng bộ xã hoặc một đảng bộ bộ phận để trực thuộc.");
        else if (input.Kind == OrganisationKind.SubCommittee && parent.Kind != OrganisationKind.CommuneCommittee)
            errors.Add(P + nameof(input.ParentId), "Đảng bộ bộ phận trực thuộc Đảng bộ xã.");
        if (input.Kind != OrganisationKind.Cell) input.CellKind = null;
        else if (input.CellKind is not { } kind || !Enum.IsDefined(kind)) errors.Add(P + nameof(input.CellKind), "Hãy chọn loại chi bộ.");
    }
}
