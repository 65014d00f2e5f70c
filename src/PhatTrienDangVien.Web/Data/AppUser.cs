using Microsoft.AspNetCore.Identity;

namespace PhatTrienDangVien.Web.Data;

public class AppUser : IdentityUser
{
    public string FullName { get; set; } = "";
    /// <summary>One of <see cref="Authorization.Roles"/>.</summary>
    public string Role { get; set; } = "";
    public int CommuneId { get; set; }
    /// <summary>The cell of a cell secretary.</summary>
    public int? OrganisationId { get; set; }
    /// <summary>The member record of a committee member in charge or a mentor.</summary>
    public int? MemberId { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAtUtc { get; set; }
}
