using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Province;

/// <summary>A new commune as the province's form writes it.</summary>
public sealed class NewCommuneInput
{
    [Display(Name = "Tên Đảng bộ xã"), Required(ErrorMessage = "Hãy nhập tên Đảng bộ xã, ví dụ “Đảng bộ xã Nhơn Mỹ”."),
     StringLength(200, ErrorMessage = Communes.TooLong)]
    public string Name { get; set; } = "";
    [Display(Name = "Năm bắt đầu nhiệm kỳ"), Range(2000, 2100, ErrorMessage = "Năm bắt đầu nhiệm kỳ phải từ 2000 đến 2100.")]
    public int TermStart { get; set; } = 2025;
    [Display(Name = "Năm kết thúc nhiệm kỳ"), Range(2000, 2100, ErrorMessage = "Năm kết thúc nhiệm kỳ phải từ 2000 đến 2100.")]
    public int TermEnd { get; set; } = 2030;
}

/// <summary>
/// The communes of the installation, kept by the province board: add one, rename one, archive one (and bring it back).
/// An archived commune keeps every record and stays readable by the province; its own accounts can no longer sign in.
/// </summary>
public sealed class Communes(AppDbContext db, Access access, Auditing.AuditContext who, IServiceScopeFactory scopes, Auditing.AccessTrail trail)
{
    public const string Prefix = "Input.";
    public const string NameTaken = "Đã có Đảng bộ xã cùng tên (kể cả khi viết không dấu).";
    public static string PrefixOnly(string typed) => $"“{typed}” chưa phải là tên: hãy nhập cả tên riêng, ví dụ “Đảng bộ xã Nhơn Mỹ”.";
    public const string ArchivedRefusal = "Đảng bộ xã của tài khoản này đã được lưu trữ (sáp nhập hoặc giải thể). Hãy liên hệ Ban Tổ chức Tỉnh ủy.";

    /// <summary>Every commune committee of the installation, archived ones included.</summary>
    public static IQueryable<Organisation> All(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Bypass reviewed: the list of communes itself (their names and states), read by the province board, which
        // belongs to no commune, and by the sign-in check; no record inside a commune is read through it.
        return db.Organisations.IgnoreQueryFilters().Where(o => o.Kind == OrganisationKind.CommuneCommittee);
    }

    /// <summary>Ends the sessions of a commune's accounts at their next request (a new security stamp fails their cookies' check).</summary>
    public static async Task SignOutAccountsAsync(AppDbContext db, int communeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var user in await db.Users.Where(u => u.CommuneId == communeId).ToListAsync(ct)) user.SecurityStamp = Guid.NewGuid().ToString("N");
    }

    /// <summary>Whether the commune of an account is archived (its users are refused at sign-in).</summary>
    public static Task<bool> IsArchivedAsync(AppDbContext db, int communeId, CancellationToken ct) =>
        All(db).AnyAsync(o => o.Id == communeId && !o.IsActive, ct);

    /// <summary>A name typed alone gets "Đảng bộ xã " before it (<see cref="CommuneNames.Full"/>), so the limit counts it.</summary>
    public const string TooLong = "Tên tối đa 200 ký tự, kể cả chữ “Đảng bộ xã” đứng trước tên.";

    public async Task<Outcome<Organisation>> AddAsync(NewCommuneInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.ManageCommunes)) return Outcome<Organisation>.Forbidden();
        input.Name = CommuneNames.Full(input.Name ?? "");
        var errors = new Errors();
        errors.Annotations(input, Prefix);
        if (input.TermEnd <= input.TermStart)
            errors.Add(Prefix + nameof(input.TermEnd), "Năm kết thúc nhiệm kỳ phải sau năm bắt đầu (ví dụ 2025–2030).");
        if (input.Name.Length > 0 && CommuneNames.IsPrefixOnly(input.Name)) errors.Add(Prefix + nameof(input.Name), PrefixOnly(input.Name));
        else if (input.Name.Length > 0 && await NameTakenAsync(input.Name, null, ct)) errors.Add(Prefix + nameof(input.Name), NameTaken);
        if (errors.Any) return Outcome<Organisation>.Invalid(errors.List);
        // The commune, its term and its source categories are written together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var commune = await Setup.CommuneSetup.CreateAsync(db, input.Name, input.TermStart, input.TermEnd, isDemo: false, ct);
            await transaction.CommitAsync(ct);
            return Outcome<Organisation>.Done(commune);
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            return Outcome<Organisation>.Refused(e);
        }
        catch (DbUpdateException e) when (VersionedEdit.IsUniqueViolation(e))
        {
            // Another add of the same name a moment ago: the unique index answered.
            db.ChangeTracker.Clear();
            return Outcome<Organisation>.Invalid(Prefix + nameof(input.Name), NameTaken);
        }
    }

    public async Task<Outcome<Organisation>> RenameAsync(int id, string? name, int version, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageCommunes)) return Outcome<Organisation>.Forbidden();
        if (await All(db).FirstOrDefaultAsync(o => o.Id == id, ct) is not { } commune) return Outcome<Organisation>.NotFound();
        if (commune.MergedIntoId is not null)
            return Outcome<Organisation>.Refused(new DomainException($"{commune.Name} đã hợp nhất vào Đảng bộ xã khác: không đổi tên được."));
        var normalized = VietnameseText.Normalize(name) ?? "";
        if (normalized.Length == 0) return Outcome<Organisation>.Invalid(Prefix + "Name", "Hãy nhập tên mới của Đảng bộ xã.");
        normalized = CommuneNames.Full(normalized);
        if (normalized.Length > 200) return Outcome<Organisation>.Invalid(Prefix + "Name", TooLong);
        if (CommuneNames.IsPrefixOnly(normalized)) return Outcome<Organisation>.Invalid(Prefix + "Name", PrefixOnly(normalized));
        if (commune.Version != version)
            return Outcome<Organisation>.Conflict(commune, [new FieldConflict("Tên Đảng bộ xã", normalized, commune.Name)],
                "Trong lúc đồng chí sửa, người khác đã đổi Đảng bộ xã này. Hãy xem tên hiện tại rồi lưu lại nếu vẫn muốn đổi.");
        if (normalized == commune.Name) return Outcome<Organisation>.Done(commune);
        if (await NameTakenAsync(normalized, id, ct)) return Outcome<Organisation>.Invalid(Prefix + "Name", NameTaken);
        var oldName = commune.Name;
        commune.Name = normalized;
        // The rename and its line on the installation's trail together, or neither.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (VersionedEdit.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return Outcome<Organisation>.Invalid(Prefix + "Name", NameTaken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<Organisation>.Refused(new DomainException("Trong lúc đồng chí sửa, người khác đã đổi Đảng bộ xã này. Hãy tải lại trang."));
        }
        await trail.CommuneChangedAsync(id, Auditing.AccessTrail.CommuneRenamed, new() { ["OldName"] = oldName, ["Name"] = normalized }, ct);
        await transaction.CommitAsync(ct);
        return Outcome<Organisation>.Done(commune);
    }

    /// <summary>Archives a commune (or brings it back): its records stay; its accounts are refused at sign-in meanwhile.</summary>
    public async Task<Outcome<Organisation>> SetArchivedAsync(int id, bool archived, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageCommunes)) return Outcome<Organisation>.Forbidden();
        if (await All(db).FirstOrDefaultAsync(o => o.Id == id, ct) is not { } commune) return Outcome<Organisation>.NotFound();
        if (commune.IsActive == !archived) return Outcome<Organisation>.Done(commune);
        // Its records are the receiving commune's now: brought back it would be an empty commune with live accounts.
        if (!archived && commune.MergedIntoId is not null)
            return Outcome<Organisation>.Refused(new DomainException($"{commune.Name} đã hợp nhất vào Đảng bộ xã khác: không đưa trở lại được."));
        if (archived && await All(db).CountAsync(o => o.IsActive, ct) <= 1)
            return Outcome<Organisation>.Refused(new DomainException("Đây là Đảng bộ xã cuối cùng đang hoạt động: không lưu trữ được."));
        commune.IsActive = !archived;
        // Its accounts' sessions end now, not at the next sign-in: a new security stamp fails their cookies' check.
        if (archived) await SignOutAccountsAsync(db, id, ct);
        // The change and its line on the installation's trail together, or neither.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await trail.CommuneChangedAsync(id, archived ? Auditing.AccessTrail.CommuneArchived : Auditing.AccessTrail.CommuneRestored, new() { ["Name"] = commune.Name }, ct);
        await transaction.CommitAsync(ct);
        return Outcome<Organisation>.Done(commune);
    }

    /// <summary>
    /// The first administrator of a commune, made by the province (the commune's own administrator makes the rest): a
    /// generated password, shown once and to be changed at the first sign-in, and a second factor to enrol then.
    /// </summary>
    public async Task<Outcome<Accounts.AccountWithPassword>> CreateAdministratorAsync(int communeId, Accounts.NewUserInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.ManageCommunes)) return Outcome<Accounts.AccountWithPassword>.Forbidden();
        if (await All(db).FirstOrDefaultAsync(o => o.Id == communeId, ct) is not { } commune) return Outcome<Accounts.AccountWithPassword>.NotFound();
        if (!commune.IsActive)
            return Outcome<Accounts.AccountWithPassword>.Refused(new DomainException($"{commune.Name} đã được lưu trữ: không tạo tài khoản được."));
        input.Role = Roles.Administrator;
        // The account is the commune's: made under the system's scope for that commune, the province user on the trail.
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        // The first one only (or a new one when none is left in use): the board makes no account of a commune that has
        // its own administrator, who makes the commune's accounts; otherwise the board could give itself a commune.
        var system = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await system.Users.AnyAsync(u => u.CommuneId == communeId && u.Role == Roles.Administrator && u.IsActive, ct))
            return Outcome<Accounts.AccountWithPassword>.Refused(new DomainException(
                $"{commune.Name} đã có tài khoản quản trị đang dùng: các tài khoản khác của xã do quản trị của xã tạo. Ban Tổ chức chỉ tạo tài khoản quản trị khi xã chưa có hoặc không còn tài khoản quản trị nào đang dùng."));
        var audit = scope.ServiceProvider.GetRequiredService<Auditing.AuditContext>();
        (audit.UserId, audit.UserName) = (who.UserId, who.UserName);
        return await scope.ServiceProvider.GetRequiredService<Accounts.CreateAccount>().HandleAsync(input, null, communeId, ct);
    }

    /// <summary>
    /// Whether another commune has this name, compared without diacritics, case or the "Đảng bộ xã" before it ("Nhơn
    /// Hưng" is "Đảng bộ xã Nhơn Hưng"). A province holds a few hundred names at most: compared in memory.
    /// </summary>
    private async Task<bool> NameTakenAsync(string name, int? except, CancellationToken ct)
    {
        var key = CommuneNames.Key(name);
        return (await All(db).Where(o => o.Id != except).Select(o => o.Name).ToListAsync(ct)).Any(n => CommuneNames.Key(n) == key);
    }
}
