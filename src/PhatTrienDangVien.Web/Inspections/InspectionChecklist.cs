using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Inspections;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Evaluations;

namespace PhatTrienDangVien.Web.Inspections;

/// <summary>
/// What a session attaches on its day: the cell's development figures (<see cref="CellDevelopment"/>, the same reader
/// as the rating) and the checklist (<see cref="CaseChecklist"/>) run over the cell's cases that have a step in the
/// plan's year. Both are stored with the session, so the record reads later as it read on the day.
/// </summary>
public sealed class InspectionChecklist(AppDbContext db, CellDevelopment development, RuleBookProvider rules)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public async Task<(InspectionSnapshot Snapshot, IReadOnlyList<CheckedBreach> Breaches)> RunAsync(int cellId, int year, DateOnly today, CancellationToken ct)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        // The cell's cases worked on in the plan's year, read whole (a breach in an earlier step is still the file's).
        var cases = await db.Candidates.AsNoTracking().Where(c => c.CellId == cellId
                && db.AdmissionSteps.Any(s => s.CandidateId == c.Id && s.Date >= first && s.Date <= last))
            .Select(c => new { c.Id, c.Person.FullName, c.Person.DateOfBirth }).ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();
        var steps = (await db.AdmissionSteps.AsNoTracking().Where(s => ids.Contains(s.CandidateId) && s.Date <= today).ToListAsync(ct)).ToLookup(s => s.CandidateId);
        var book = await rules.GetAsync(ct);
        var breaches = cases
            .SelectMany(c => CaseChecklist.Run(c.Id, c.DateOfBirth, steps[c.Id], book).Select(b => new CheckedBreach(b.Check, c.Id, c.FullName, b.Date, b.Message)))
            .OrderBy(b => b.Check).ThenBy(b => b.Date).ThenBy(b => b.FullName, Pages.Shared.Lookups.Collator).ToList();
        var rows = await development.ForYearAsync([cellId], year, today, ct);
        var row = rows.Count > 0 ? rows[0] : null;
        var f = row?.Facts;
        var snapshot = new InspectionSnapshot(today, year, row?.First ?? first, row?.Last ?? last, f?.Target ?? 0, f?.Admitted ?? 0, f?.Pool ?? 0, f?.Trained ?? 0,
            f?.OpenCases ?? 0, f?.Overdue ?? 0, f?.WithoutMentor ?? 0, row?.LateSteps ?? 0, cases.Count);
        return (snapshot, breaches);
    }

    /// <summary>Runs both and writes them on the session (the caller saves).</summary>
    public async Task AttachAsync(InspectionSession session, int year, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var (snapshot, breaches) = await RunAsync(session.CellId, year, today, ct);
        session.SnapshotJson = JsonSerializer.Serialize(snapshot, s_json);
        session.BreachesJson = JsonSerializer.Serialize(breaches, s_json);
        session.CheckedOn = today;
    }

    public static InspectionSnapshot? SnapshotOf(InspectionSession s) =>
        string.IsNullOrEmpty(s?.SnapshotJson) ? null : JsonSerializer.Deserialize<InspectionSnapshot>(s.SnapshotJson, s_json);

    public static IReadOnlyList<CheckedBreach> BreachesOf(InspectionSession s) =>
        string.IsNullOrEmpty(s?.BreachesJson) ? [] : JsonSerializer.Deserialize<List<CheckedBreach>>(s.BreachesJson, s_json) ?? [];
}
