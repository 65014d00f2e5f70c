using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Documents;

/// <summary>
/// Papers numbered before the register of numbers existed (the DocumentNumbering migration) are entered in it once, on
/// the first start after the upgrade: otherwise a number typed from the body's register could be given again to
/// another paper, since only the counter, not the papers, knew it was used. So are the numbers written on steps for
/// the paper the step records (a decision's "420-QĐ/ĐU" for its 9-KNĐ), which steps recorded before those numbers
/// were reserved did not hold.
/// <para>
/// A paper whose date no term covers has no series, and numbers are still written that way today (a step dated before
/// the first declared term keeps its own number, <see cref="DocumentNumbering.ReserveStepsOwnAsync"/>). Such a paper is
/// entered when a term's dates change to cover its day (<see cref="Targets.SaveTermTarget"/>: only the days newly
/// covered), the one write that changes which days a commune's terms cover, so the start's run is recorded as done
/// (<see cref="Setup.UpgradeSteps.NumberedPapers"/>). A merge does not enter them: a merged commune's committee's series
/// ends with it (<see cref="Province.MergeCommunes"/>), and its papers are not the receiving committee's numbers.
/// </para>
/// </summary>
public static class NumberedPaperBackfill
{
    private sealed record Paper(int CommuneId, int CandidateId, int StepId, string FormCode, int Variant, string? Number);

    /// <summary>Enters each numbered issued paper, and each step's own number, missing from the register, and saves; returns how many. Runs with the system scope (every commune).</summary>
    public static async Task<int> RunAsync(AppDbContext db, CancellationToken ct = default)
    {
        var added = await EnterAsync(db, null, ct);
        if (added > 0) await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>
    /// Enters the papers missing from the register, of one commune or (null) every commune the context reads, as the
    /// terms stand in the context (a term's dates changed and not yet saved count): tracked, saved with the caller's
    /// write. The context must read the whole commune (its register's every number), or the system's scope.
    /// </summary>
    /// <param name="dated">Only papers of these dates (the days a term's new dates newly cover); null for every date.</param>
    public static async Task<int> EnterAsync(AppDbContext db, int? communeId, CancellationToken ct, Func<DateOnly, bool>? dated = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        IQueryable<T> Of<T>(IQueryable<T> set) where T : Core.Common.CommuneEntity => communeId is { } id ? set.Where(e => e.CommuneId == id) : set;
        var missing = await Of(db.IssuedDocuments.AsNoTracking())
            .Where(d => d.Number != null && !db.NumberedPapers.Any(p => p.StepId == d.StepId && p.FormCode == d.FormCode && p.Variant == d.Variant))
            .OrderBy(d => d.Id)
            .Select(d => new Paper(d.CommuneId, d.CandidateId, d.StepId, d.FormCode, d.Variant, d.Number))
            .ToListAsync(ct);
        // Steps' own numbers after the issued papers: a paper issued with the step's number is entered once, as issued.
        var entered = missing.Select(m => (m.StepId, m.FormCode, m.Variant)).ToHashSet();
        foreach (var (kind, formKey) in FormCatalog.All.Where(f => f.Step is not null && f.StepsOwnPaper && f.NumberType is not null).Select(f => (f.Step!.Value, f.Key)).ToList())
        {
            var own = await (from s in db.AdmissionSteps.AsNoTracking()
                             join c in Of(db.Candidates) on s.CandidateId equals c.Id
                             where s.Kind == kind && s.DocumentNumber != null && s.DocumentNumber != ""
                                 && !db.NumberedPapers.Any(p => p.StepId == s.Id && p.FormCode == formKey && p.Variant == 0)
                             orderby s.Id
                             select new Paper(c.CommuneId, s.CandidateId, s.Id, formKey, 0, s.DocumentNumber)).ToListAsync(ct);
            missing.AddRange(own.Where(o => entered.Add((o.StepId, o.FormCode, o.Variant))));
        }
        if (missing.Count == 0) return 0;

        var stepIds = missing.Select(m => m.StepId).Distinct().ToList();
        var steps = await db.AdmissionSteps.AsNoTracking().Where(s => stepIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Date, ct);
        var candidateIds = missing.Select(m => m.CandidateId).Distinct().ToList();
        var cells = await db.Candidates.AsNoTracking().Where(c => candidateIds.Contains(c.Id))
            .Select(c => new { c.Id, c.CellId, c.Cell.ParentId }).ToDictionaryAsync(c => c.Id, ct);
        // Tracked: a term whose dates the caller changed is read as changed (a tracking query keeps the tracked entity).
        var terms = await Of(db.Terms).ToListAsync(ct);
        var counters = await Of(db.DocumentCounters).ToListAsync(ct);
        var byId = counters.ToDictionary(c => c.Id);
        // A merged commune's papers under its committee's own series (which stays with it) are not in this commune's.
        var held = (await Of(db.NumberedPapers.AsNoTracking()).Select(p => new { p.CounterId, p.Serial }).ToListAsync(ct))
            .Where(p => byId.ContainsKey(p.CounterId)).Select(p => (byId[p.CounterId], p.Serial)).ToHashSet();
        var added = 0;
        // In the papers' date order, so that the series' start is its earliest paper.
        foreach (var paper in missing.OrderBy(m => steps.GetValueOrDefault(m.StepId)))
        {
            if (FormCatalog.Find(paper.FormCode) is not { NumberType: { } type } form
                || !steps.TryGetValue(paper.StepId, out var date) || (dated is not null && !dated(date))
                || !cells.TryGetValue(paper.CandidateId, out var cell)
                || DocumentNumbering.SerialOf(paper.Number!.Trim(), type) is not { } serial) continue;
            var term = terms.FirstOrDefault(t => t.CommuneId == paper.CommuneId && t.Start <= date && date <= t.End);
            if (term is null) continue;
            // The body as it stands now: a candidate moved since keeps the paper under the cell that holds her today.
            var issuer = DocumentNumbering.IssuingBody(form.Issuer, paper.CommuneId, cell.CellId, cell.ParentId);
            var counter = counters.FirstOrDefault(c => c.CommuneId == paper.CommuneId && c.TermId == term.Id && c.OrganisationId == issuer && c.DocumentType == type);
            if (counter is null)
            {
                counter = new DocumentCounter { CommuneId = paper.CommuneId, TermId = term.Id, OrganisationId = issuer, DocumentType = type };
                db.DocumentCounters.Add(counter);
                counters.Add(counter);
            }
            // A number entered twice before the register existed stays on its first paper; the second keeps its print
            // (an issued paper its file, a step the number it records, which its paper prints until the office types
            // the right one: issuing it is refused until then, see DocumentNumbering.TakeAsync).
            if (!held.Add((counter, serial))) continue;
            counter.LastNumber = Math.Max(counter.LastNumber, serial);
            counter.StartsOn ??= date;
            if (counter.LatestPaperDate is not { } l || l < date) counter.LatestPaperDate = date;
            db.NumberedPapers.Add(new NumberedPaper
            {
                CommuneId = paper.CommuneId, Counter = counter, Serial = serial, CandidateId = paper.CandidateId,
                StepId = paper.StepId, FormCode = paper.FormCode, Variant = paper.Variant, PaperDate = date,
            });
            added++;
        }
        return added;
    }
}
