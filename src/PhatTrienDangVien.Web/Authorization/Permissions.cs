using Microsoft.AspNetCore.Authorization;
using PhatTrienDangVien.Core.Admission;

namespace PhatTrienDangVien.Web.Authorization;

/// <summary>
/// What a user may do. Every page, API endpoint and command asks for one of these, and the menu shows only what the
/// role has; <see cref="PermissionTable"/> is the one place that says which role has which. What the permission
/// reaches is then limited by the user's data scope (the query filters).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A permission is what the issue and the admin page call it.")]
public enum Permission
{
    /// <summary>Read members, candidates, organisations, hamlets and procedure timelines within the scope.</summary>
    ReadRecords,
    /// <summary>Add and edit members and candidates within the scope.</summary>
    EditPerson,
    /// <summary>Record any step of the admission procedure and attach scans of its papers.</summary>
    RecordStep,
    /// <summary>Write the mentor's dated assessment of a candidate.</summary>
    WriteAssessment,
    /// <summary>The organisation tree, hamlets, schools and committee positions of the commune.</summary>
    ManageCommune,
    /// <summary>Dashboard, forecast, targets, responsibility map, schools and progress reports (read).</summary>
    ViewPlan,
    /// <summary>Term, yearly and cell targets with their resolutions.</summary>
    ManageTargets,
    /// <summary>Which committee member is in charge of which cell.</summary>
    ManageResponsibilities,
    /// <summary>The work list of due and overdue steps.</summary>
    ViewWork,
    /// <summary>One's own notifications.</summary>
    ReadNotifications,
    /// <summary>The rule parameters and the holiday calendar (read).</summary>
    ReadRules,
    /// <summary>New versions of rule parameters and corrections of the calendar.</summary>
    ManageRules,
    /// <summary>The API description page.</summary>
    ReadApiDocs,
    /// <summary>Accounts, their roles, and the permission table itself.</summary>
    ManageUsers,
    /// <summary>The audit trail of every change.</summary>
    ReadAudit,
    /// <summary>The commune's reference lists (source categories).</summary>
    ManageReferenceLists,
    /// <summary>The mail server for the alert digest.</summary>
    ManageMail,
    /// <summary>The backups of the installation: their history and a backup now.</summary>
    ManageBackups,
    /// <summary>
    /// Full citizen ID and phone numbers on demand (each showing is on the access trail) and the export of one
    /// person's data; everyone else sees them masked (docs/decisions/0017-masked-identifiers.md).
    /// </summary>
    ViewPersonalIdentifiers,
    /// <summary>Fill the Word forms of a case's steps (kept with the step, numbered) and the class certificate list.</summary>
    IssueForms,
    /// <summary>Replace the Word templates of the forms, or go back to the defaults.</summary>
    ManageFormTemplates,
    /// <summary>Bring the member register or the candidate pool in from an Excel file, and undo such an import.</summary>
    ImportRegister,
    /// <summary>Political centres, their classes and seats; approving the commune's list; the results and certificates.</summary>
    ManageClasses,
    /// <summary>Propose people of one's cells for a class (or take a proposal back before the office decides).</summary>
    NominateForClass,
    /// <summary>Write the sessions of propaganda and education work held by one's cells and the mass organisations.</summary>
    RecordPropaganda,
    /// <summary>Propose xóa tên or a request to leave for a member of one's cells (or take the proposal back before the decision).</summary>
    ProposeExit,
    /// <summary>Record the competent body's decision on an exit, a khai trừ, a transfer out or a death; correct or undo them.</summary>
    DecideExit,
    /// <summary>The year's inspection and supervision plan, and the corrective actions after a finding (the commune office).</summary>
    PlanInspections,
    /// <summary>Hold an inspection or supervision session: its record, the checklist run over the cell's cases, the findings (the inspection committee).</summary>
    RecordInspection,
    /// <summary>The annual quality rating: scores, levels and overrides of cells and members; the commune's settings (the office).</summary>
    RateQuality,
    /// <summary>The self-assessment of one's cells and their members in the annual rating (level proposed and text).</summary>
    SelfAssess,
    /// <summary>The communes of the installation side by side, and looking into one of them (the province board).</summary>
    ViewProvince,
    /// <summary>Add, rename, archive and merge the communes of the installation (the province board).</summary>
    ManageCommunes,
}

/// <summary>The one table from roles to permissions (shown to administrators on /Admin/Permissions).</summary>
public static class PermissionTable
{
    private static readonly Permission[] s_everyone = [Permission.ReadRecords, Permission.ViewWork, Permission.ReadNotifications, Permission.ReadRules];

    private static readonly Permission[] s_cellWork =
        [.. s_everyone, Permission.EditPerson, Permission.RecordStep, Permission.WriteAssessment, Permission.ViewPlan, Permission.IssueForms,
            Permission.NominateForClass, Permission.RecordPropaganda, Permission.ProposeExit, Permission.SelfAssess];

    private static readonly Permission[] s_provinceOnly = [Permission.ViewProvince, Permission.ManageCommunes];

    private static readonly Dictionary<string, HashSet<Permission>> s_table = new()
    {
        // A commune's administrator may do everything within the commune; the province's work is the province board's.
        [Roles.Administrator] = [.. Enum.GetValues<Permission>().Except(s_provinceOnly)],
        [Roles.CommuneOffice] =
        [
            .. s_cellWork, Permission.ManageCommune, Permission.ManageTargets, Permission.ManageResponsibilities, Permission.ReadApiDocs,
            // The office keeps the register: it checks a citizen ID against papers and answers a person's request for their data.
            Permission.ViewPersonalIdentifiers,
            // The office keeps the commune's papers, so it keeps their templates too.
            Permission.ManageFormTemplates,
            // Bringing a whole register in sets hundreds of citizen IDs at once: the office that checks them against papers.
            Permission.ImportRegister,
            // The office deals with the political centre: its classes, the commune's approved list, the results sheet.
            Permission.ManageClasses,
            // The office writes the committee's decisions on the roll: who left, how and when.
            Permission.DecideExit,
            // The office drafts the committee's inspection plan and follows up what the findings asked for.
            Permission.PlanInspections,
            // The office records the committee's rating of its cells and members, and the commune's criteria.
            Permission.RateQuality,
        ],
        [Roles.CommitteeMember] = [.. s_cellWork],
        [Roles.CellSecretary] = [.. s_cellWork],
        // A mentor follows their candidates: reads them and writes assessments, nothing of the plan.
        [Roles.Mentor] = [.. s_everyone, Permission.WriteAssessment],
        // The inspection committee reads everything, the audit trail included, and writes only its inspections.
        [Roles.Inspector] = [.. s_everyone, Permission.ViewPlan, Permission.ReadAudit, Permission.RecordInspection],
        // The province board reads (one commune at a time, whole) and changes nothing of a commune's records; it keeps
        // the list of communes and the national rules, which no one commune may change for the others.
        [Roles.ProvinceBoard] = [.. s_everyone, Permission.ViewPlan, Permission.ManageRules, Permission.ReadAudit, .. s_provinceOnly],
    };

    public static bool Allows(string role, Permission permission) =>
        s_table.TryGetValue(role, out var set) && set.Contains(permission);

    public static bool Allows(DataScope scope, Permission permission) =>
        scope.Unrestricted || Allows(scope.Role, permission);

    public static IReadOnlyCollection<Permission> Of(string role) =>
        s_table.TryGetValue(role, out var set) ? set : [];

    /// <summary>The permission that recording a step of this kind needs: the mentor's assessment has its own.</summary>
    public static Permission ForStep(AdmissionStepKind kind) =>
        kind == AdmissionStepKind.MentorAssessment ? Permission.WriteAssessment : Permission.RecordStep;

    public static string DisplayName(Permission p) => p switch
    {
        Permission.ReadRecords => "Xem đảng viên, quần chúng, tổ chức, quá trình kết nạp (trong phạm vi)",
        Permission.EditPerson => "Thêm, sửa hồ sơ đảng viên và quần chúng",
        Permission.RecordStep => "Ghi nhận các bước kết nạp, đính kèm bản quét",
        Permission.WriteAssessment => "Ghi nhận xét của đảng viên giúp đỡ",
        Permission.ManageCommune => "Sửa tổ chức đảng, ấp, trường học, chức vụ cấp ủy",
        Permission.ViewPlan => "Xem bảng điều hành, dự báo, chỉ tiêu, phân công, báo cáo",
        Permission.ManageTargets => "Nhập chỉ tiêu nhiệm kỳ, năm, chi bộ",
        Permission.ManageResponsibilities => "Phân công cấp ủy viên phụ trách chi bộ",
        Permission.ViewWork => "Xem việc cần làm",
        Permission.ReadNotifications => "Nhận thông báo",
        Permission.ReadRules => "Xem quy định kết nạp, lịch nghỉ",
        Permission.ManageRules => "Sửa quy định kết nạp, lịch nghỉ",
        Permission.ReadApiDocs => "Xem tài liệu API tích hợp",
        Permission.ManageUsers => "Quản lý tài khoản và bảng quyền",
        Permission.ReadAudit => "Xem nhật ký thay đổi",
        Permission.ManageReferenceLists => "Sửa danh mục nguồn",
        Permission.ManageMail => "Cấu hình thư điện tử, cảnh báo",
        Permission.ManageBackups => "Sao lưu dữ liệu, xem lịch sử sao lưu",
        Permission.ImportRegister => "Nhập danh sách đảng viên, quần chúng từ tệp Excel; hoàn tác một lần nhập",
        Permission.ViewPersonalIdentifiers => "Xem đầy đủ số CCCD, số điện thoại (khi bấm “Hiện số”, có ghi nhật ký); xuất dữ liệu của một người",
        Permission.IssueForms => "Lập biểu mẫu Word của các bước kết nạp, danh sách cấp giấy chứng nhận",
        Permission.ManageFormTemplates => "Thay mẫu biểu mẫu Word, trở lại mẫu mặc định",
        Permission.ManageClasses => "Quản lý trung tâm chính trị, lớp học, chỉ tiêu; duyệt danh sách học; ghi kết quả và giấy chứng nhận",
        Permission.NominateForClass => "Đề cử người của chi bộ đi học lớp bồi dưỡng",
        Permission.RecordPropaganda => "Ghi buổi tuyên truyền, giáo dục của chi bộ, đoàn thể",
        Permission.ProposeExit => "Đề nghị xóa tên, cho ra khỏi Đảng đảng viên của chi bộ",
        Permission.DecideExit => "Ghi quyết định xóa tên, khai trừ, cho ra khỏi Đảng; chuyển sinh hoạt đi, từ trần",
        Permission.PlanInspections => "Lập kế hoạch kiểm tra, giám sát; giao và theo dõi việc khắc phục",
        Permission.RecordInspection => "Ghi buổi kiểm tra, giám sát, chạy bảng kiểm hồ sơ, ghi phát hiện",
        Permission.RateQuality => "Chấm điểm, xếp loại chất lượng chi bộ và đảng viên; sửa tiêu chí, ngưỡng điểm, trọng số",
        Permission.SelfAssess => "Ghi tự đánh giá, tự xếp loại của chi bộ và đảng viên trong chi bộ",
        Permission.ViewProvince => "Xem bảng so sánh các Đảng bộ xã của tỉnh; xem số liệu của từng xã (chỉ xem)",
        Permission.ManageCommunes => "Thêm, đổi tên, lưu trữ, hợp nhất Đảng bộ xã",
        _ => p.ToString(),
    };

    public static string PolicyName(Permission p) => "permission:" + p;
}

/// <summary>Declares the permission a page or an API endpoint needs; the route-table test reads it.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequirePermissionAttribute : AuthorizeAttribute
{
    public RequirePermissionAttribute(Permission permission)
    {
        Permission = permission;
        Policy = PermissionTable.PolicyName(permission);
    }

    public Permission Permission { get; }
}

public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

/// <summary>Decides a permission over the request's data scope (built from the signed-in user by ScopeMiddleware).</summary>
public sealed class PermissionHandler(CurrentScope current) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (PermissionTable.Allows(current.Scope, requirement.Permission)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>The current user's permissions, for commands, pages and the menu.</summary>
public sealed class Access(CurrentScope current)
{
    public DataScope Scope => current.Scope;

    public bool Has(Permission permission) => PermissionTable.Allows(current.Scope, permission);

    public bool MayRecord(AdmissionStepKind kind) => Has(PermissionTable.ForStep(kind));
}

public static class PermissionEndpointExtensions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new RequirePermissionAttribute(permission));
}

/// <summary>
/// Declares the permission a page handler needs beyond its page's (e.g. a page everyone reads, whose POST only some
/// may use). Checked by <see cref="HandlerPermissionFilter"/> before the handler runs, so a user without it is refused
/// before any field is read or checked.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequireHandlerPermissionAttribute(Permission permission) : Attribute
{
    public Permission Permission { get; } = permission;
}

public sealed class HandlerPermissionFilter(Access access) : Microsoft.AspNetCore.Mvc.Filters.IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var required = context.HandlerMethod?.MethodInfo.GetCustomAttributes(typeof(RequireHandlerPermissionAttribute), false)
            .OfType<RequireHandlerPermissionAttribute>().FirstOrDefault();
        if (required is not null && !access.Has(required.Permission))
        {
            context.Result = new Microsoft.AspNetCore.Mvc.ForbidResult();
            return;
        }
        await next();
    }
}
