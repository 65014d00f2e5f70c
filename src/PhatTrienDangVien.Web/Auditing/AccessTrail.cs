using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Auditing;

/// <summary>
/// What changes no record but must be on the trail (the Personal Data Protection Law asks who saw and took what):
/// sign-ins, refused sign-ins, sign-outs, and every export of personal data. Rows of the same audit table, under
/// the type <see cref="EntityType"/>, shown by the audit page with the rest.
/// </summary>
public sealed class AccessTrail(AppDbContext db, AuditContext who, TimeProvider clock)
{
    public const string EntityType = "Access";
    public const string SignedIn = "Đăng nhập";
    public const string SignInRefused = "Từ chối đăng nhập";
    public const string SignedOut = "Đăng xuất";
    public const string Exported = "Xuất danh sách";
    public const string ShownIdentifiers = "Xem số định danh";
    public const string ExportedPerson = "Xuất dữ liệu cá nhân";
    public const string ReadByApi = "Đọc qua API";
    public const string CitizenIdTaken = "Trùng số CCCD";
    public const string Downloaded = "Tải tệp quét";
    public const string DocumentDownloaded = "Tải biểu mẫu đã lập";
    public const string Merged = "Hợp nhất Đảng bộ xã";
    public const string CommuneRenamed = "Đổi tên Đảng bộ xã";
    public const string CommuneArchived = "Lưu trữ Đảng bộ xã";
    public const string CommuneRestored = "Mở lại Đảng bộ xã";
    // The action column holds 20 characters.
    public const string TwoFactorEnabled = "Bật xác thực 2 bước";
    public const string TwoFactorDisabled = "Tắt xác thực 2 bước";
    public const string TwoFactorReset = "Xóa xác thực 2 bước";
    public const string RecoveryCodeUsed = "Dùng mã khôi phục";
    public const string TwoFactorRefused = "Từ chối mã xác thực";
    public const string PasswordChanged = "Đổi mật khẩu";
    public const string PasswordReset = "Đặt lại mật khẩu";

    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Task SignedInAsync(AppUser user, CancellationToken ct) =>
        WriteAsync(user.CommuneId, user.Id, user.UserName ?? "", SignedIn, [], ct);

    /// <summary>A refused sign-in; the typed name is kept (cut to 50 characters) to see who is being tried.
    /// An unknown name belongs to no commune: while the installation serves one commune it is recorded under it, so
    /// that its administrator sees who is being tried; with several it stays with the installation.</summary>
    public async Task SignInRefusedAsync(AppUser? user, string typedName, string? address, CancellationToken ct)
    {
        var commune = user?.CommuneId;
        if (commune is null)
        {
            // Bypass reviewed: how many communes the installation serves, before anyone is signed in; a count, no record.
            var communes = await db.Organisations.IgnoreQueryFilters()
                .Where(o => o.Kind == Core.Organisations.OrganisationKind.CommuneCommittee).Select(o => o.CommuneId).Distinct().Take(2).ToListAsync(ct);
            if (communes.Count == 1) commune = communes[0];
        }
        // A name that is no account may be a password typed in the wrong box: only its start and length are kept.
        var name = user is not null ? Cut(typedName) : $"{(typedName.Length <= 2 ? typedName : typedName[..2] + "…")} (tên không có, {typedName.Length} ký tự)";
        await WriteAsync(commune, user?.Id, name, SignInRefused, address is null ? [] : new() { ["IpAddress"] = address }, ct);
    }

    public Task SignedOutAsync(AppUser user, CancellationToken ct) =>
        WriteAsync(user.CommuneId, user.Id, user.UserName ?? "", SignedOut, [], ct);

    /// <summary>A change or use of the user's second factor (one of the TwoFactor… / RecoveryCodeUsed actions);
    /// <paramref name="by"/> is who did it when it is not the user (the command line).</summary>
    public Task TwoFactorAsync(AppUser user, string action, string? address, CancellationToken ct, string? by = null) =>
        WriteAsync(user.CommuneId, user.Id, by ?? user.UserName ?? "", action, address is null ? [] : new() { ["IpAddress"] = address }, ct);

    /// <summary>A change to <paramref name="account"/>'s password or second factor made by the signed-in user (the
    /// account's owner, or an administrator: then the row names the account by its holder's name). Never the password.</summary>
    public Task AccountChangedAsync(AppUser account, string action, CancellationToken ct) =>
        WriteAsync(account.CommuneId, who.UserId, who.UserName, action,
            who.UserId == account.Id ? [] : new() { ["FullName"] = account.FullName }, ct, entityId: account.Id);

    /// <summary>A list of people taken out of the application (CSV), by the signed-in user.</summary>
    public Task ExportedAsync(string list, int rows, CancellationToken ct) =>
        WriteAsync(db.Scope.Unrestricted ? null : db.Scope.CommuneId, who.UserId, who.UserName, Exported,
            new() { ["List"] = list, ["Rows"] = rows }, ct);

    /// <summary>Full citizen IDs and phone numbers shown, or one person's data exported (<see cref="People.PersonalData"/>).</summary>
    public Task PersonalDataAsync(string action, Dictionary<string, object> facts, CancellationToken ct) =>
        WriteAsync(db.Scope.Unrestricted ? null : db.Scope.CommuneId, who.UserId, who.UserName, action, facts, ct);

    /// <summary>A typed citizen ID found to be someone else's (see <see cref="People.CitizenIdGuard"/>): the number is not kept.</summary>
    public Task CitizenIdTakenAsync(int? personId, CancellationToken ct) =>
        WriteAsync(db.Scope.Unrestricted ? null : db.Scope.CommuneId, who.UserId, who.UserName, CitizenIdTaken,
            personId is { } id ? new() { ["Person"] = id } : [], ct);

    /// <summary>Personal data read through the API (a list page or one record): which list, how many rows, which record.</summary>
    public Task ReadByApiAsync(string list, int rows, int? record, CancellationToken ct)
    {
        var facts = new Dictionary<string, object> { ["List"] = list, ["Rows"] = rows };
        if (record is { } id) facts["Record"] = id;
        return WriteAsync(db.Scope.Unrestricted ? null : db.Scope.CommuneId, who.UserId, who.UserName, ReadByApi, facts, ct);
    }

    /// <summary>A scan of a step's signed paper opened or saved (it carries names, signatures, sometimes ID numbers).</summary>
    public Task DownloadedAsync(int candidateId, int attachmentId, string fileName, CancellationToken ct) =>
        WriteAsync(db.Scope.Unrestricted ? null : db.Scope.CommuneId, who.UserId, who.UserName, Downloaded,
            new() { ["Record"] = candidateId, ["Attachment"] = attachmentId, ["FileName"] = fileName }, ct);

    /// <summary>A form issued earlier, downloaded again as it was kept with the step.</summary>
    public Task DocumentDownloadedAsync(int candidateId, int documentId, string fileName, CancellationToken ct) =>
        WriteAsync(db.Scope.Unrestricted ? null : db.Scope.CommuneId, who.UserId, who.UserName, DocumentDownloaded,
            new() { ["Record"] = candidateId, ["Document"] = documentId, ["FileName"] = fileName }, ct);

    /// <summary>A commune merged into another (<see cref="Province.MergeCommunes"/>): on the chain of <paramref name="communeId"/>,
    /// which commune went where and how many records of each kind moved.</summary>
    public Task MergedAsync(int communeId, string from, string into, string moved, CancellationToken ct) =>
        WriteAsync(communeId, who.UserId, who.UserName, Merged,
            new() { ["MergedFrom"] = from, ["MergedInto"] = into, ["Moved"] = moved }, ct,
            entityId: communeId.ToString(System.Globalization.CultureInfo.InvariantCulture), entityType: nameof(Core.Organisations.Organisation));

    /// <summary>
    /// A commune renamed, archived or brought back by the province: on the installation's chain, which the province's
    /// trail reads (the row's own change is on the commune's chain, which its administrator reads).
    /// </summary>
    public Task CommuneChangedAsync(int communeId, string action, Dictionary<string, object> facts, CancellationToken ct) =>
        WriteAsync(null, who.UserId, who.UserName, action, facts, ct,
            entityId: communeId.ToString(System.Globalization.CultureInfo.InvariantCulture), entityType: nameof(Core.Organisations.Organisation));

    private async Task WriteAsync(int? communeId, string? userId, string userName, string action, Dictionary<string, object> facts, CancellationToken ct,
        string? entityId = null, string entityType = EntityType)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            CommuneId = communeId is > 0 ? communeId : null, AtUtc = clock.GetUtcNow().UtcDateTime, UserId = userId, UserName = userName,
            EntityType = entityType, EntityId = entityId ?? userId ?? "", Action = action,
            Changes = JsonSerializer.Serialize(facts.ToDictionary(f => f.Key, f => new object?[] { null, f.Value }), s_json),
        });
        await db.SaveChangesAsync(ct);
    }

    private static string Cut(string s) => s.Length <= 50 ? s : s[..50];
}
