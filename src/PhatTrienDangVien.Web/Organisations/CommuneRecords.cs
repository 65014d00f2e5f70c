using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Organisations;

/// <summary>What the organisation, hamlet and school commands share: one add-or-edit save, one name check.</summary>
internal static class CommuneRecords
{
    /// <summary>
    /// Adds the record when it is new, otherwise expects the version the user read; saves; and on a conflict compares the
    /// user's input with the record as stored now (<paramref name="asInput"/> reads it back into the form's shape).
    /// </summary>
    public static async Task<Outcome<T>> AddOrEditAsync<T, TInput>(this AppDbContext db, ConflictDiff diff, T record, bool isNew, int version,
        TInput input, Func<T, TInput> asInput, CancellationToken ct)
        where T : CommuneEntity
        where TInput : class
    {
        if (isNew) db.Set<T>().Add(record);
        else db.ExpectVersion(record, version);
        var id = record.Id;
        return await db.SaveAsync(record, async token =>
        {
            var current = await db.Set<T>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, token);
            return current is null ? (null, []) : (current, await diff.CompareAsync(input, asInput(current), token));
        }, ct);
    }

    /// <summary>Another record of the commune already has this name, whatever the case and diacritics.</summary>
    public static Task<bool> NameTakenAsync<T>(this IQueryable<T> records, string name, int? exceptId, CancellationToken ct)
        where T : CommuneEntity, IHasDerivedColumns
    {
        var folded = VietnameseText.Fold(name);
        return records.AnyAsync(x => EF.Property<string>(x, "NameFolded") == folded && x.Id != exceptId, ct);
    }
}
