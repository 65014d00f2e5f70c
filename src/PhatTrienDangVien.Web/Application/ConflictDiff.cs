using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Application;

/// <summary>What kind of record an id field points at, so a conflict table can show its name instead.</summary>
public enum NameOf
{
    Organisation,
    Member,
    Hamlet,
    SourceCategory,
    // Codes of the national reference lists (no database needed).
    Ethnicity,
    Religion,
    ProfessionalEducation,
    PoliticalTheory,
}

/// <summary>Marks an input field that holds the id of a record (or a list of them): shown by name, never as a number.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ShowsNameAttribute(NameOf kind) : Attribute
{
    public NameOf Kind { get; } = kind;
}

/// <summary>
/// Compares what the user submitted with what is stored now, field by field, for the conflict view of every
/// versioned edit: the form's Vietnamese labels, values as the form shows them, ids as names.
/// </summary>
public sealed class ConflictDiff(AppDbContext db)
{
    public async Task<List<FieldConflict>> CompareAsync<TInput>(TInput yours, TInput theirs, CancellationToken ct, string labelPrefix = "")
        where TInput : class
    {
        var props = typeof(TInput).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<DisplayAttribute>() is not null).ToList();
        var names = await NamesAsync(props, [yours, theirs], ct);
        var list = new List<FieldConflict>();
        foreach (var p in props)
        {
            var kind = p.GetCustomAttribute<ShowsNameAttribute>()?.Kind;
            var a = Show(p.GetValue(yours), kind, names);
            var b = Show(p.GetValue(theirs), kind, names);
            if (a != b) list.Add(new FieldConflict(labelPrefix + p.GetCustomAttribute<DisplayAttribute>()!.Name, a, b));
        }
        return list;
    }

    private static string? Show(object? value, NameOf? kind, Dictionary<(NameOf, int), string> names)
    {
        if (kind is not { } k) return ConflictValues.Show(value);
        if (value is string code)
        {
            var item = k switch
            {
                NameOf.Ethnicity => Core.Reference.Ethnicities.Find(code),
                NameOf.Religion => Core.Reference.Religions.Find(code),
                NameOf.ProfessionalEducation => Core.Reference.ProfessionalEducationLevels.Find(code),
                NameOf.PoliticalTheory => Core.Reference.PoliticalTheoryLevels.Find(code),
                _ => null,
            };
            return item?.Name ?? code;
        }
        string Name(int id) => names.TryGetValue((k, id), out var n) ? n : "(không còn trong danh sách)";
        return value switch
        {
            null => null,
            int id => Name(id),
            IEnumerable<int> ids => string.Join(", ", ids.Order().Select(Name)),
            _ => ConflictValues.Show(value),
        };
    }

    private async Task<Dictionary<(NameOf, int), string>> NamesAsync(List<PropertyInfo> props, object[] inputs, CancellationToken ct)
    {
        var wanted = new Dictionary<NameOf, HashSet<int>>();
        foreach (var p in props)
        {
            if (p.GetCustomAttribute<ShowsNameAttribute>()?.Kind is not { } kind || kind >= NameOf.Ethnicity) continue;
            var set = wanted.TryGetValue(kind, out var s) ? s : wanted[kind] = [];
            foreach (var value in inputs.Select(p.GetValue))
            {
                if (value is int id) set.Add(id);
                else if (value is IEnumerable<int> ids) set.UnionWith(ids);
            }
        }
        var result = new Dictionary<(NameOf, int), string>();
        foreach (var (kind, ids) in wanted)
        {
            // A name on the user's own form: the commune's record, whatever cells the role covers.
            var rows = kind switch
            {
                NameOf.Organisation => await db.Organisations.WholeCommune().Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(ct),
                NameOf.Member => await db.Members.WholeCommune().Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, Name = m.Person.FullName }).ToListAsync(ct),
                NameOf.Hamlet => await db.Hamlets.Where(h => ids.Contains(h.Id)).Select(h => new { h.Id, h.Name }).ToListAsync(ct),
                _ => await db.SourceCategories.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct),
            };
            foreach (var r in rows) result[(kind, r.Id)] = r.Name;
        }
        return result;
    }
}

/// <summary>
/// The one way to save an edit of a versioned record: the version the user saw is the expected one; if someone saved
/// since, nothing is written and the user gets both versions (<see cref="ConflictDiff"/>), on the page as a table,
/// by the API as a 409 with the same rows.
/// </summary>
public static class VersionedEdit
{
    public const string ConflictMessage =
        "Hồ sơ đã được người khác sửa sau khi đồng chí mở; chưa có gì được ghi đè. Hãy xem hai phiên bản rồi lưu lại nếu vẫn muốn ghi phiên bản của đồng chí.";

    public const string DeletedMessage = "Hồ sơ này vừa bị người khác xóa; không có gì được lưu.";

    /// <summary>The version the user read: the save fails if the stored one has moved on.</summary>
    public static void ExpectVersion(this AppDbContext db, Core.Common.CommuneEntity entity, int seen) =>
        db.Entry(entity).Property(e => e.Version).OriginalValue = seen;

    /// <summary>
    /// The version a form read, where a form that read no record sends none: a record that exists now was created by
    /// someone else meanwhile, so saving over it is a conflict, not an overwrite (a new record starts at version 0).
    /// </summary>
    public static void ExpectVersion(this AppDbContext db, Core.Common.CommuneEntity entity, int? seen) =>
        db.ExpectVersion(entity, seen ?? -1);

    /// <summary>
    /// Saves the tracked changes. On a version conflict the context is cleared and <paramref name="conflict"/> reads the
    /// stored record and compares (null when it was deleted meanwhile). <paramref name="duplicate"/> turns a unique-index
    /// violation (two users saving the same citizen ID at once) into a field error.
    /// </summary>
    public static async Task<Outcome<T>> SaveAsync<T>(this AppDbContext db, T saved,
        Func<CancellationToken, Task<(T? Current, List<FieldConflict> Conflicts)>> conflict, CancellationToken ct,
        FieldError? duplicate = null, IReadOnlyList<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(conflict);
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome<T>.Done(saved, warnings);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var (current, rows) = await conflict(ct);
            if (current is null) return Outcome<T>.Invalid("", DeletedMessage);
            // A conflict with no visible difference is still a conflict (someone saved): say so rather than show nothing.
            if (rows.Count == 0) rows.Add(new FieldConflict("(không có khác biệt ở các trường trên trang)", "", ""));
            return Outcome<T>.Conflict(current, rows, ConflictMessage);
        }
        catch (DbUpdateException e) when (duplicate is not null && IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return Outcome<T>.Invalid([duplicate]);
        }
    }

    /// <summary>
    /// Only a unique index refusing the row is "already exists"; any other database error stays an error (it used to
    /// be reported as a duplicate citizen ID whatever it was).
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e?.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteExtendedErrorCode == 2067, // SQLITE_CONSTRAINT_UNIQUE
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
