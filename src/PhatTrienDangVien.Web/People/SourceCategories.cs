using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.People;

/// <summary>A source category as the form writes it.</summary>
public sealed class SourceCategoryInput
{
    /// <summary>Fixed once created: reports and imports refer to a category by its code.</summary>
    [Display(Name = "Mã"), StringLength(30, ErrorMessage = "Mã dài tối đa 30 ký tự."),
     RegularExpression("^[A-Za-z0-9_]+$", ErrorMessage = "Mã chỉ gồm chữ không dấu, chữ số và dấu gạch dưới (ví dụ DAN_QUAN).")]
    public string? Code { get; set; }

    [Display(Name = "Tên nguồn"), Required(ErrorMessage = "Hãy nhập tên nguồn."), StringLength(200, ErrorMessage = "Tên nguồn dài tối đa 200 ký tự.")]
    public string Name { get; set; } = "";

    [Display(Name = "Thứ tự hiển thị"), Range(0, 999, ErrorMessage = "Thứ tự phải từ 0 đến 999.")]
    public int SortOrder { get; set; }

    public static SourceCategoryInput From(SourceCategory s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new() { Code = s.Code, Name = s.Name, SortOrder = s.SortOrder };
    }
}

internal static class SourceCategoryRules
{
    public const string InUse = "vì đang có quần chúng gắn với nguồn này. Hãy ngừng dùng nguồn thay vì xóa.";

    /// <summary>A change from the list (deactivate, reactivate, delete) made on a list older than the record.</summary>
    public const string ListConflict =
        "Danh mục nguồn này vừa được người khác sửa sau khi đồng chí mở trang; chưa có gì thay đổi. Hãy xem lại danh sách dưới đây rồi thao tác lại.";

    public static string DuplicateCode(string? code) => $"Mã “{code}” đã có trong danh mục nguồn của xã; hãy chọn mã khác.";

    public static string Status(bool active) => active ? "Đang dùng" : "Ngừng dùng";

    /// <summary>What a list action found instead of the version the user saw.</summary>
    public static async Task<(SourceCategory?, List<FieldConflict>)> StoredAsync(AppDbContext db, int id, bool wantedActive, CancellationToken ct)
    {
        var current = await db.SourceCategories.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return current is null ? (null, []) : (current, [new FieldConflict("Trạng thái", Status(wantedActive), Status(current.IsActive))]);
    }

    public static Outcome<SourceCategory> OnList(Outcome<SourceCategory> outcome) =>
        outcome.Status == OutcomeStatus.Conflict ? Outcome<SourceCategory>.Conflict(outcome.Value, outcome.Conflicts, ListConflict) : outcome;
}

/// <summary>Adds or edits a source category of the commune's reference list.</summary>
public sealed class SaveSourceCategory(AppDbContext db, Access access, ConflictDiff diff)
{
    private const string Prefix = "Input.";

    public async Task<Outcome<SourceCategory>> HandleAsync(int? id, SourceCategoryInput input, int version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.ManageReferenceLists)) return Outcome<SourceCategory>.Forbidden();
        SourceCategory? s = null;
        if (id is not null && (s = await db.SourceCategories.FirstOrDefaultAsync(x => x.Id == id, ct)) is null)
            return Outcome<SourceCategory>.NotFound();

        input.Name = VietnameseText.Normalize(input.Name) ?? "";
        input.Code = s is null ? input.Code?.Trim().ToUpperInvariant() : s.Code;
        var errors = new Errors();
        errors.Annotations(input, Prefix);
        if (s is null)
        {
            if (string.IsNullOrEmpty(input.Code))
                errors.Add(Prefix + nameof(input.Code), "Hãy nhập mã nguồn.");
            else if (await db.SourceCategories.AnyAsync(x => x.Code == input.Code, ct))
                errors.Add(Prefix + nameof(input.Code), SourceCategoryRules.DuplicateCode(input.Code));
        }
        var folded = VietnameseText.Fold(input.Name);
        if (folded.Length > 0 && (await db.SourceCategories.Where(x => x.Id != id).Select(x => x.Name).ToListAsync(ct))
                .Any(n => VietnameseText.Fold(n) == folded))
            errors.Add(Prefix + nameof(input.Name), "Đã có nguồn cùng tên.");
        if (errors.Any) return Outcome<SourceCategory>.Invalid(errors.List);

        if (s is null)
        {
            s = new SourceCategory { CommuneId = db.Scope.CommuneId, Code = input.Code!, Name = input.Name };
            db.SourceCategories.Add(s);
        }
        else
        {
            db.ExpectVersion(s, version);
        }
        s.Name = input.Name;
        s.SortOrder = input.SortOrder;
        return await db.SaveAsync(s, async token =>
        {
            var current = await db.SourceCategories.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, token);
            if (current is null) return (null, []);
            var rows = await diff.CompareAsync(input, SourceCategoryInput.From(current), token);
            if (rows.Count == 0) rows.Add(new FieldConflict("Trạng thái", "—", SourceCategoryRules.Status(current.IsActive)));
            return (current, rows);
        }, ct,
        // Another admin added the same code a moment ago: the unique index (commune, code) refuses.
        duplicate: id is null ? new FieldError(Prefix + nameof(input.Code), SourceCategoryRules.DuplicateCode(input.Code)) : null);
    }
}

/// <summary>
/// Stops or resumes offering a category for new candidates; the candidates already tagged with it keep it.
/// </summary>
public sealed class SetSourceCategoryActive(AppDbContext db, Access access)
{
    public async Task<Outcome<SourceCategory>> HandleAsync(int id, bool active, int version, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageReferenceLists)) return Outcome<SourceCategory>.Forbidden();
        var s = await db.SourceCategories.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Outcome<SourceCategory>.NotFound();
        db.ExpectVersion(s, version);
        s.IsActive = active;
        // Pressing the button again still counts as a change, for the version check.
        db.Entry(s).Property(x => x.Version).IsModified = true;
        return SourceCategoryRules.OnList(await db.SaveAsync(s, token => SourceCategoryRules.StoredAsync(db, id, active, token), ct));
    }
}

/// <summary>Deletes a category no candidate uses; one in use can only be deactivated.</summary>
public sealed class DeleteSourceCategory(AppDbContext db, Access access)
{
    public async Task<Outcome<SourceCategory>> HandleAsync(int id, int version, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageReferenceLists)) return Outcome<SourceCategory>.Forbidden();
        var s = await db.SourceCategories.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Outcome<SourceCategory>.NotFound();
        if (await db.CandidateSources.AnyAsync(c => c.SourceCategoryId == s.Id, ct))
            return Outcome<SourceCategory>.Invalid("", $"Không xóa được nguồn “{s.Name}” {SourceCategoryRules.InUse}");
        db.ExpectVersion(s, version);
        db.SourceCategories.Remove(s);
        return SourceCategoryRules.OnList(await db.SaveAsync(s, token => SourceCategoryRules.StoredAsync(db, id, s.IsActive, token), ct,
            // A candidate was tagged with the category between the check and the delete: the foreign key refuses.
            duplicate: new FieldError("", "Không xóa được nguồn này vì vừa có quần chúng được gắn với nó. Hãy ngừng dùng nguồn thay vì xóa.")));
    }
}
