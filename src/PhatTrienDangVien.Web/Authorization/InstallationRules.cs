using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Authorization;

/// <summary>
/// The rule parameters and the holiday calendar are national and shared by every commune of an installation. A
/// commune's administrator may correct them only while the installation serves that one commune; a province
/// installation needs a province-level role (to come with the province-scale work), so that one commune cannot
/// change the rules of a hundred.
/// </summary>
public static class InstallationRules
{
    public const string RefusedMessage =
        "Cài đặt này phục vụ nhiều xã: quy định kết nạp và lịch nghỉ dùng chung cho mọi xã, quản trị viên của một xã không sửa được.";

    public static async Task<bool> CommuneAdminMayEditAsync(AppDbContext db, CancellationToken ct) =>
        // Bypass reviewed: how many communes the installation serves is a count, not anyone's record.
        await db.Organisations.IgnoreQueryFilters().CountAsync(o => o.Kind == OrganisationKind.CommuneCommittee, ct) <= 1;
}
