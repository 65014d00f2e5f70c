using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Targets;

/// <param name="Version">The target's version as the form read it; null when the term had none yet.</param>
public sealed record TermTargetWrite(TermTargetInput Target, int? Version);

/// <summary>Enters or changes the target of a whole term (one per term).</summary>
public sealed class SaveTermTarget(AppDbContext db, Access access, ConflictDiff diff)
{
    public async Task<Outcome<TermTarget>> HandleAsync(int termId, TermTargetWrite write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!access.Has(Permission.ManageTargets)) return Outcome<TermTarget>.Forbidden();
        var term = await db.Terms.FirstOrDefaultAsync(t => t.Id == termId, ct);
        if (term is null) return Outcome<TermTarget>.NotFound();
        var input = write.Target;
        var errors = new Errors();
        TargetWrites.Validate(input, errors, "");
        // The window every term figure counts in: within the term's years, the start before the end.
        if (input.TermStart is { } start && start.Year != term.StartYear)
            errors.Add(nameof(input.TermStart), $"Ngày bắt đầu nhiệm kỳ {term.Name} phải trong năm {term.StartYear}.");
        if (input.TermEnd is { } end && end.Year != term.EndYear)
            errors.Add(nameof(input.TermEnd), $"Ngày kết thúc nhiệm kỳ {term.Name} phải trong năm {term.EndYear}.");
        if (errors.Any) return Outcome<TermTarget>.Invalid(errors.List);

        var target = await db.TermTargets.FirstOrDefaultAsync(t => t.TermId == termId, ct);
        if (target is null)
        {
            target = new TermTarget { CommuneId = term.CommuneId, TermId = term.Id };
            db.TermTargets.Add(target);
        }
        else
        {
            db.ExpectVersion(target, write.Version);
        }
        input.ApplyTo(target);
        var (oldStart, oldEnd) = (term.Start, term.End);
        term.StartDate = input.TermStart;
        term.EndDate = input.TermEnd;
        // Papers numbered on days no term covered had no series; the term now covering those days enters their numbers
        // in its register with this save, so that none is given again (the start no longer looks for them). Only the
        // days newly covered: a paper of the old days was entered when it was numbered. Those who manage targets read
        // the whole commune (the office, the administrator), so the register is read whole.
        if (term.Start < oldStart || term.End > oldEnd)
            await Documents.NumberedPaperBackfill.EnterAsync(db, term.CommuneId, new(term.Start, term.End, oldStart, oldEnd), ct);
        return await db.SaveAsync(target, async token =>
        {
            var current = await db.TermTargets.AsNoTracking().FirstOrDefaultAsync(t => t.TermId == termId, token);
            return current is null ? (null, []) : (current, await diff.CompareTargetAsync(input, TermTargetInput.From(current, term), token));
        }, ct, duplicate: TargetWrites.SavedMeanwhile);
    }
}
