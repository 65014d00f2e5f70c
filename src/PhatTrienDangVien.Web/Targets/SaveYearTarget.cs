using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Targets;

/// <param name="Version">The year target's version as the form read it; null when the year had none yet.</param>
public sealed record YearTargetWrite(YearTargetInput Target, int? Version);

/// <summary>Enters or changes one year's target, its sub-targets and its resolution.</summary>
public sealed class SaveYearTarget(AppDbContext db, Access access, ConflictDiff diff)
{
    public const string SubTargetTooLarge = "Chỉ tiêu con không thể lớn hơn chỉ tiêu năm.";

    public async Task<Outcome<YearTarget>> HandleAsync(int year, YearTargetWrite write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!access.Has(Permission.ManageTargets)) return Outcome<YearTarget>.Forbidden();
        var term = await TargetQueries.TermOfYearAsync(db, year, ct);
        if (term is null) return Outcome<YearTarget>.NotFound();
        var input = write.Target;
        var errors = new Errors();
        TargetWrites.Validate(input, errors, "");
        var kinds = new HashSet<SubTargetKind>();
        var subTargets = new List<SubTargetInput>();
        for (var i = 0; i < input.SubTargets.Count; i++)
        {
            var s = input.SubTargets[i];
            // A kind the form never offers (or offered twice) is not the user's input: ignored, as the form shows only known kinds.
            if (!Enum.IsDefined(s.Kind) || !kinds.Add(s.Kind)) continue;
            subTargets.Add(s);
            errors.Annotations(s, $"SubTargets[{i}].");
            errors.Require(s.Count <= input.Count, $"SubTargets[{i}].Count", SubTargetTooLarge);
        }
        if (errors.Any) return Outcome<YearTarget>.Invalid(errors.List);

        var target = await db.YearTargets.Include(y => y.SubTargets).FirstOrDefaultAsync(y => y.Year == year, ct);
        if (target is null)
        {
            target = new YearTarget { CommuneId = term.CommuneId, TermId = term.Id, Year = year };
            db.YearTargets.Add(target);
        }
        else
        {
            db.ExpectVersion(target, write.Version);
            // The year's version guards its sub-targets too: a change to them alone is checked and raises it.
            db.Entry(target).Property(x => x.Version).IsModified = true;
        }
        input.ApplyTo(target);
        foreach (var s in subTargets)
        {
            var row = target.SubTargets.FirstOrDefault(x => x.Kind == s.Kind);
            if (row is null) target.SubTargets.Add(new YearSubTarget { CommuneId = term.CommuneId, Kind = s.Kind, Count = s.Count });
            else row.Count = s.Count;
        }
        return await db.SaveAsync(target, async token =>
        {
            var current = await db.YearTargets.AsNoTracking().Include(y => y.SubTargets).FirstOrDefaultAsync(y => y.Year == year, token);
            if (current is null) return (null, []);
            var theirs = YearTargetInput.From(current);
            var rows = await diff.CompareTargetAsync(input, theirs, token);
            foreach (var s in subTargets)
            {
                var stored = theirs.SubTargets.First(x => x.Kind == s.Kind).Count;
                if (stored != s.Count) rows.Add(new FieldConflict(Lookups.SubTargetName(s.Kind), ConflictValues.Show(s.Count), ConflictValues.Show(stored)));
            }
            return (current, rows);
        }, ct, duplicate: TargetWrites.SavedMeanwhile);
    }
}
