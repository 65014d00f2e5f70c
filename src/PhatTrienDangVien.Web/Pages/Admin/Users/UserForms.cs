using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Admin.Users;

/// <summary>Select lists shared by the create and edit pages (the account rules are in <see cref="CreateAccount"/> and <see cref="EditAccount"/>).</summary>
public static class UserForms
{
    public static IEnumerable<SelectListItem> RoleItems() =>
        Roles.All.Select(r => new SelectListItem(Roles.DisplayName(r), r));

    /// <summary>Members of the commune who may hold an account, grouped by cell and in Vietnamese name order.</summary>
    public static async Task<List<SelectListItem>> MemberItemsAsync(AppDbContext db, CancellationToken ct)
    {
        var members = await db.Members.AsNoTracking()
            .Where(m => m.Status == MemberStatus.Official || m.Status == MemberStatus.Probationary)
            .OrderBy(m => m.Cell.NameFolded).ThenBy(m => m.Person.NameSortKey)
            .Select(m => new { m.Id, m.Person.FullName, m.Person.DateOfBirth, Cell = m.Cell.Name }).ToListAsync(ct);
        var groups = new Dictionary<string, SelectListGroup>();
        return members.Select(m => new SelectListItem($"{m.FullName} ({m.DateOfBirth.Year})", m.Id.ToString(CultureInfo.InvariantCulture))
        {
            Group = groups.TryGetValue(m.Cell, out var g) ? g : groups[m.Cell] = new SelectListGroup { Name = m.Cell },
        }).ToList();
    }
}

/// <summary>A page that shows the account fields (<c>_UserFields</c>).</summary>
public interface IUserForm
{
    UserInput Fields { get; }
    List<SelectListItem> Cells { get; }
    List<SelectListItem> Members { get; }
}
