using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Education;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Education;

/// <summary>
/// A year of propaganda and education beside the pool it feeds, in the user's scope: per organisation, and per source
/// category of the pool (the sessions for that audience, who came, the people who entered the pool from it that year
/// and how many of them had come to a session). The propaganda page, the dashboard and the API read it.
/// </summary>
public sealed class PropagandaSummary(AppDbContext db)
{
    public sealed record ByOrganiser(Organiser Organiser, string Name, int Sessions, int Headcount, int Candidates);

    /// <param name="CategoryId">Null: sessions whose audience is no source category.</param>
    public sealed record ByCategory(int? CategoryId, string Category, int Sessions, int Headcount, int CandidatesCame, int EnteredPool, int EnteredAfterSession, int InPool);

    public sealed record Year(int Number, IReadOnlyList<ByOrganiser> Organisers, IReadOnlyList<ByCategory> Categories, int Sessions, int Headcount);

    public async Task<Year> ForAsync(int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var sessions = await db.PropagandaSessions.AsNoTracking().Where(s => s.Date >= from && s.Date <= to)
            .Select(s => new
            {
                s.Id, s.Date, s.Organiser, s.OrganiserName, s.CellId, Cell = db.Organisations.Where(o => o.Id == s.CellId).Select(o => o.Name).FirstOrDefault(),
                s.AudienceCategoryId, s.Headcount, Candidates = s.Attendees.Select(a => a.CandidateId).ToList(),
            }).ToListAsync(ct);
        string NameOf(Organiser o, string? name, string? cell) => o == Organiser.Cell ? cell ?? "Chi bộ" : name ?? PropagandaWords.Organiser(o);
        var organisers = sessions.GroupBy(s => (s.Organiser, Name: NameOf(s.Organiser, s.OrganiserName, s.Cell)))
            .Select(g => new ByOrganiser(g.Key.Organiser, g.Key.Name, g.Count(), g.Sum(s => s.Headcount), g.SelectMany(s => s.Candidates).Distinct().Count()))
            .OrderBy(o => o.Organiser).ThenBy(o => o.Name, StringComparer.Create(Documents.FormValues.Vietnamese, false)).ToList();

        var categories = await db.SourceCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        // The pool of the scope with each candidate's sources, and the first session each came to.
        var pool = await db.Candidates.AsNoTracking().Select(c => new { c.Id, c.Status, c.AddedOn, Sources = c.Sources.Select(s => s.SourceCategoryId).ToList() }).ToListAsync(ct);
        var cameBy = sessions.SelectMany(s => s.Candidates.Select(c => (Candidate: c, s.Date))).GroupBy(x => x.Candidate).ToDictionary(g => g.Key, g => g.Min(x => x.Date));
        var earlier = await db.PropagandaAttendees.AsNoTracking()
            .Join(db.PropagandaSessions.Where(s => s.Date < from), a => a.SessionId, s => s.Id, (a, s) => new { a.CandidateId, s.Date })
            .GroupBy(x => x.CandidateId).Select(g => new { g.Key, First = g.Min(x => x.Date) }).ToListAsync(ct);
        foreach (var e in earlier) cameBy[e.Key] = e.First;
        var rows = categories.Select(c =>
        {
            var own = sessions.Where(s => s.AudienceCategoryId == c.Id).ToList();
            var entered = pool.Where(p => p.Sources.Contains(c.Id) && p.AddedOn >= from && p.AddedOn <= to).ToList();
            return new ByCategory(c.Id, c.Name, own.Count, own.Sum(s => s.Headcount), own.SelectMany(s => s.Candidates).Distinct().Count(), entered.Count,
                entered.Count(p => cameBy.TryGetValue(p.Id, out var first) && first <= p.AddedOn),
                pool.Count(p => p.Status == CandidateStatus.Active && p.Sources.Contains(c.Id)));
        }).Where(r => r.Sessions > 0 || r.EnteredPool > 0 || r.InPool > 0).ToList();
        var other = sessions.Where(s => s.AudienceCategoryId is null).ToList();
        if (other.Count > 0)
            rows.Add(new ByCategory(null, "Đối tượng khác (không thuộc một nguồn)", other.Count, other.Sum(s => s.Headcount), other.SelectMany(s => s.Candidates).Distinct().Count(), 0, 0, 0));
        return new Year(year, organisers, rows, sessions.Count, sessions.Sum(s => s.Headcount));
    }
}
