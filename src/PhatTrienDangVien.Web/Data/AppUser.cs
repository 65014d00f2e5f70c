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
    /// <summary>The password was handed over by someone else (generated when an administrator created the account or
    /// reset its password): until the user chooses their own, every page leads to the password page.</summary>
    public bool MustChangePassword { get; set; }
}
