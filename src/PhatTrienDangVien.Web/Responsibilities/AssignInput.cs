using System.ComponentModel.DataAnnotations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Responsibilities;

/// <summary>An assignment of a committee member to a cell, as the form writes it.</summary>
public sealed class AssignInput
{
    [Display(Name = "Cấp ủy viên"), ShowsName(NameOf.Member), Required(ErrorMessage = "Hãy chọn cấp ủy viên.")]
    public int? MemberId { get; set; }
    [Display(Name = "Chi bộ"), ShowsName(NameOf.Organisation), Required(ErrorMessage = "Hãy chọn chi bộ.")]
    public int? CellId { get; set; }
    [Display(Name = "Từ ngày"), Required(ErrorMessage = "Hãy nhập ngày bắt đầu phụ trách.")]
    public DateOnly? From { get; set; }
    [Display(Name = "Đến ngày (bỏ trống nếu chưa định)")]
    public DateOnly? To { get; set; }

    public static AssignInput Of(CellResponsibility r) => new() { MemberId = r.MemberId, CellId = r.CellId, From = r.From, To = r.To };
}

public static class Committee
{
    /// <summary>
    /// Who may be put in charge of a cell: an official or probationary member who sits on the commune committee. They
    /// belong to any cell of the commune, so the cells filter does not apply.
    /// </summary>
    public static IQueryable<Member> CommitteeMembers(this AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Members.WholeCommune().Where(m => (m.Positions & CommitteePositions.CommuneCommitteeMember) != 0
            && (m.Status == MemberStatus.Official || m.Status == MemberStatus.Probationary));
    }
}
