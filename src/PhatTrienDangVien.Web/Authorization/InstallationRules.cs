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

    /// <summary>
    /// Whether the user (who has <see cref="Permission.ManageRules"/>) may change the national rules here: the board, or
    /// a commune's administrator while no other commune is served. The demo seeded beside an office's own commune, and
    /// a commune merged into it or archived, serve no one: they do not make the installation a province's.
    /// </summary>
    public static async Task<bool> MayEditAsync(AppDbContext db, CancellationToken ct)
    {
        // The system's own scope (no user) is not a commune's administrator.
        if (db.Scope.Role == Roles.ProvinceBoard || db.Scope.Unrestricted) return true;
        return await ServesOneCommuneAsync(db, ct);
    }

    /// <summary>Whether the installation serves the user's commune only (the demo, archived and merged communes aside):
    /// what is the whole installation's (the rules, the calendar, the backups of the whole database) is then theirs.</summary>
    public static Task<bool> ServesOneCommuneAsync(AppDbContext db, CancellationToken ct) =>
        ServesOneCommuneAsync(db, db?.Scope.CommuneId, ct);

    /// <summary>Whether the installation serves commune <paramref name="own"/> only: for work done under the system's
    /// scope on a user's behalf (a backup asked for by a commune's administrator).</summary>
    public static async Task<bool> ServesOneCommuneAsync(AppDbContext db, int? own, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Bypass reviewed: whether other communes are served is a yes or no, not anyone's record.
        return !await db.Organisations.IgnoreQueryFilters()
            .AnyAsync(o => o.Kind == OrganisationKind.CommuneCommittee && o.Id != own && o.IsActive && !o.IsDemo, ct);
    }

    /// <summary>The backups page of a commune's administrator in an installation of several communes.</summary>
    public const string BackupsRefused =
        "Cài đặt này phục vụ nhiều xã: mỗi bản sao lưu chứa dữ liệu của mọi xã, nên việc sao lưu và phục hồi do người quản trị máy chủ làm, không do quản trị viên của một xã. Bản sao lưu hằng ngày vẫn chạy trên máy chủ.";
}

/// <summary>
/// The rules' and the calendar's pages answer a form from a user who may not change them here with the page and its
/// note (why, and who does), before any field is checked: one place, so the two pages cannot drift apart.
/// </summary>
public static class InstallationRulesPage
{
    public static Microsoft.AspNetCore.Mvc.IActionResult? RefuseUnlessMayEdit(Microsoft.AspNetCore.Mvc.RazorPages.PageModel page, bool mayEdit)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (mayEdit) return null;
        page.ModelState.Clear();
        page.Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status422UnprocessableEntity;
        return page.Page();
    }
}
