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
/// (<see cref="Setup.UpgradeSteps.NumberedPapers"/>); the day's sweep of recent papers after the alerts catches a step
/// recorded in the very instant of that save. A merge does not enter them: a merged commune's committee's series ends
/// with it (<see cref="Province.MergeCommunes"/>).
/// </para>
/// </summary>
public static class NumberedPaperBackfill
{
    // Properties rather than a constructor: a query reads a member of it (the commune) in the database.
    private sealed class Paper
    {
        public int CommuneId { get; init; }
        public int CandidateId { get; init; }
        public int StepId { get; init; }
        public required string FormCode { get; init; }
        public int Variant { get; init; }
        public string? Number { get; init; }
        public DateOnly Date { get; init; }
        /// <summary>The issued paper's or the step's id: the order in which a number written twice stays on the first.</summary>
        public int Order { get; init; }
    }

    /// <summary>The days a term's new dates cover that its old dates did not (before the old start, after the old end).</summary>
    public sealed record NewDays(DateOnly Start, DateOnly End, DateOnly OldStart, DateOnly OldEnd);

    /// <summary>
    /// Enters each numbered issued paper, and each step's own number, missing from the register, commune by commune
    /// (those with any missing), and saves; returns how many. Runs with the system scope (every commune): every paper
    /// at the first start after the upgrade; each day after the alerts (<see cref="Notifications.AlertGenerator"/>)
    /// those recorded or issued since <paramref name="since"/>, which closes the one gap left, a step recorded on a
    /// newly covered day in the very instant its term's new dates are saved. The recent ones only: a paper left out for
    /// good (a number written twice, a date no term covers, a merged committee's paper, whose series ended with it) is
    /// not looked at again every day, nor entered in a series that is not its own.
    /// A commune whose save meets a user's paper at the same moment (a counter changed, a number taken) is left as it
    /// was, for the next run; the others go on.
    /// </summary>
    public static async Task<int> RunAsync(AppDbContext db, DateTime? since = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var communes = new SortedSet<int>();
        foreach (var missing in Missing(db, null, null, since)) communes.UnionWith(await missing.Select(p => p.CommuneId).Distinct().ToListAsync(ct));
        var added = 0;
        foreach (var commune in communes)
        {
            try
            {
                var entered = await EnterAsync(db, commune, null, since, ct);
                if (entered == 0) continue;
                await db.SaveChangesAsync(ct);
                added += entered;
            }
            catch (DbUpdateException)
            {
                // A user's paper in the same instant: this commune's papers wait for the next run.
            }
            finally
            {
                // One commune's terms, counters and papers at a time: the tracker does not grow with the communes.
                db.ChangeTracker.Clear();
            }
        }
        return added;
    }

    /// <summary>
    /// The papers missing from the register, of one commune or (null) every commune the context reads, on the days
    /// given or every day, issued or recorded since the time given or ever: the issued papers first, then the steps'
    /// own numbers, one query for each form they print on.
    /// </summary>
    private static List<IQueryable<Paper>> Missing(AppDbContext db, int? communeId, NewDays? days, DateTime? since)
    {
        var candidates = communeId is { } id ? db.Candidates.Where(c => c.CommuneId == id) : db.Candidates;
        var steps = from s in db.AdmissionSteps.AsNoTracking()
                    join c in candidates on s.CandidateId equals c.Id
                    select new { Step = s, c.CommuneId };
        if (days is { } d) steps = steps.Where(x => x.Step.Date >= d.Start && x.Step.Date <= d.End && (x.Step.Date < d.OldStart || x.Step.Date > d.OldEnd));
        var queries = new List<IQueryable<Paper>>
        {
            from doc in db.IssuedDocuments.AsNoTracking()
            join x in steps on doc.StepId equals x.Step.Id
            where doc.Number != null && (since == null || doc.IssuedAtUtc >= since) && !db.NumberedPapers.Any(p => p.StepId == doc.StepId && p.FormCode == doc.FormCode && p.Variant == doc.Variant)
            select new Paper
            {
                CommuneId = x.CommuneId, CandidateId = doc.CandidateId, StepId = doc.StepId, FormCode = doc.FormCode,
                Variant = doc.Variant, Number = doc.Number, Date = x.Step.Date, Order = doc.Id,
            },
        };
        foreach (var (kind, formKey) in FormCatalog.All.Where(f => f.Step is not null && f.StepsOwnPaper && f.NumberType is not null).Select(f => (f.Step!.Value, f.Key)))
        {
            queries.Add(from x in steps
                        where x.Step.Kind == kind && x.Step.DocumentNumber != null && x.Step.DocumentNumber != ""
                            && (since == null || x.Step.RecordedAtUtc >= since)
                            && !db.NumberedPapers.Any(p => p.StepId == x.Step.Id && p.FormCode == formKey && p.Variant == 0)
                        select new Paper
                        {
                            CommuneId = x.CommuneId, CandidateId = x.Step.CandidateId, StepId = x.Step.Id, FormCode = formKey,
                            Variant = 0, Number = x.Step.DocumentNumber, Date = x.Step.Date, Order = x.Step.Id,
                        });
        }
        return queries;
    }

    /// <summary>
    /// Enters the papers of one commune missing from the register, as its terms stand in the context (a term's dates
    /// changed and not yet saved count): tracked, saved with the caller's write. The context must read the whole
    /// commune (its register's every number), or the system's scope.
    /// </summary>
    /// <param name="days">Only the papers of these days (those a term's new dates newly cover); null for every day.</param>
    public static Task<int> EnterAsync(AppDbContext db, int communeId, NewDays? days, CancellationToken ct) => EnterAsync(db, communeId, days, null, ct);

    private static async Task<int> EnterAsync(AppDbContext db, int communeId, NewDays? days, DateTime? since, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var missing = new List<Paper>();
        // Steps' own numbers after the issued papers: a paper issued with the step's number is entered once, as issued.
        var entered = new HashSet<(int, string, int)>();
        foreach (var query in Missing(db, communeId, days, since))
            missing.AddRange((await query.OrderBy(p => p.Order).ToListAsync(ct)).Where(p => entered.Add((p.StepId, p.FormCode, p.Variant))));
        if (missing.Count == 0) return 0;

        // Tracked: a term whose dates the caller changed is read as changed (a tracking query keeps the tracked entity).
        var terms = await db.Terms.Where(t => t.CommuneId == communeId).ToListAsync(ct);
        // A paper dated on a day no term covers has no series yet (its step keeps its own number): it waits for a term.
        var covered = missing.Select(m => (Paper: m, Term: terms.FirstOrDefault(t => t.Start <= m.Date && m.Date <= t.End)))
            .Where(x => x.Term is not null).ToList();
        if (covered.Count == 0) return 0;

        var candidateIds = covered.Select(m => m.Paper.CandidateId).Distinct().ToList();
        var cells = await db.Candidates.AsNoTracking().Where(c => candidateIds.Contains(c.Id))
            .Select(c => new { c.Id, c.CellId, c.Cell.ParentId }).ToDictionaryAsync(c => c.Id, ct);
        var counters = await db.DocumentCounters.Where(c => c.CommuneId == communeId).ToListAsync(ct);
        var byId = counters.ToDictionary(c => c.Id);
        // A merged commune's papers under its committee's own series (which stays with it) are not in this commune's.
        var held = (await db.NumberedPapers.AsNoTracking().Where(p => p.CommuneId == communeId).Select(p => new { p.CounterId, p.Serial }).ToListAsync(ct))
            .Where(p => byId.ContainsKey(p.CounterId)).Select(p => (byId[p.CounterId], p.Serial)).ToHashSet();
        var added = 0;
        // In the papers' date order, so that the series' start is its earliest paper.
        foreach (var (paper, term) in covered.OrderBy(m => m.Paper.Date))
        {
            if (FormCatalog.Find(paper.FormCode) is not { NumberType: { } type } form
                || !cells.TryGetValue(paper.CandidateId, out var cell)
                || DocumentNumbering.SerialOf(paper.Number!.Trim(), type) is not { } serial) continue;
            // The body as it stands now: a candidate moved since keeps the paper under the cell that holds her today.
            var issuer = DocumentNumbering.IssuingBody(form.Issuer, communeId, cell.CellId, cell.ParentId);
            var counter = counters.FirstOrDefault(c => c.TermId == term!.Id && c.OrganisationId == issuer && c.DocumentType == type);
            if (counter is null)
            {
                counter = new DocumentCounter { CommuneId = communeId, TermId = term!.Id, OrganisationId = issuer, DocumentType = type };
                db.DocumentCounters.Add(counter);
                counters.Add(counter);
            }
            // A number entered twice before the register existed stays on its first paper; the second keeps its print
            // (an issued paper its file, a step the number it records, which its paper prints until the office types
            // the right one: issuing it is refused until then, see DocumentNumbering.TakeAsync).
            if (!held.Add((counter, serial))) continue;
            counter.LastNumber = Math.Max(counter.LastNumber, serial);
            counter.StartsOn ??= paper.Date;
            if (counter.LatestPaperDate is not { } l || l < paper.Date) counter.LatestPaperDate = paper.Date;
            db.NumberedPapers.Add(new NumberedPaper
            {
                CommuneId = communeId, Counter = counter, Serial = serial, CandidateId = paper.CandidateId,
                StepId = paper.StepId, FormCode = paper.FormCode, Variant = paper.Variant, PaperDate = paper.Date,
            });
            added++;
        }
        return added;
    }
}
