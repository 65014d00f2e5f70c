using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Targets;

/// <summary>What the target commands share: validating, applying and comparing a count with its resolution.</summary>
internal static class TargetWrites
{
    /// <summary>Two users adding the same target at the same instant: the unique index keeps one, the other is told.</summary>
    public static readonly FieldError SavedMeanwhile =
        new("", "Chỉ tiêu này vừa được người khác nhập cùng lúc với đồng chí; chưa có gì được lưu. Hãy tải lại trang để xem rồi nhập lại.");

    public static void Validate(IAdoptedTargetInput input, Errors errors, string prefix)
    {
        input.Resolution.Normalize();
        errors.Annotations(input, prefix);
        errors.Annotations(input.Resolution, prefix + "Resolution.");
    }

    public static void ApplyTo(this IAdoptedTargetInput input, AdoptedTarget target)
    {
        target.Count = input.Count;
        target.ResolutionNumber = input.Resolution.Number;
        target.ResolutionDate = input.Resolution.Date;
        target.ResolutionIssuer = input.Resolution.Issuer;
    }

    public static async Task<List<FieldConflict>> CompareTargetAsync<T>(this ConflictDiff diff, T yours, T theirs, CancellationToken ct, string label = "")
        where T : class, IAdoptedTargetInput
    {
        var rows = await diff.CompareAsync(yours, theirs, ct, label);
        rows.AddRange(await diff.CompareAsync(yours.Resolution, theirs.Resolution, ct, label));
        return rows;
    }
}
