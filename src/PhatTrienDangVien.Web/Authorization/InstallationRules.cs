using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Authorization;

/// <summary>
/// The rule parameters and the holiday calendar are national and shared by every commune of an installation. A
/// commune's administrator may correct them only while the installation serves that one commune; in a province
/// installation the province board does (<see cref="Roles.ProvinceBoard"/>), so that one commune cannot change the
/// rules of a hundred.
/// </summary>
public static class InstallationRules
{
    public const string RefusedMessage =
        "Cài đặt này phục vụ nhiều xã: quy định kết nạp và lịch nghỉ dùng chung cho mọi xã, quản trị viên của một xã không sửa được; Ban Tổ chức Tỉnh ủy sửa.";

    /// <summary>Whether the user (who has <see cref="Permission.ManageRules"/>) may change the national rules here.</summary>
    public static async Task<bool> MayEditAsync(AppDbContext db, CancellationToken ct) =>
        db.Scope.Role == Roles.ProvinceBoard
        // Bypass reviewed: how many communes the installation serves is a count, not anyone's record.
        || await db.Organisations.IgnoreQueryFilters().CountAsync(o => o.Kind == OrganisationKind.CommuneCommittee, ct) <= 1;
}
