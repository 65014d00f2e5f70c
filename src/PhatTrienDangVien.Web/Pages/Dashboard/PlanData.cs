using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Dashboard;

/// <summary>Reads what the plan analytics need from the scoped database: case histories and new members.</summary>
public static class PlanData
{
    public static async Task<List<CaseHistory>> CasesAsync(AppDbContext db, IReadOnlyCollection<int> cellIds)
    {
        var candidates = await db.Candidates.AsNoTracking().Where(c => cellIds.Contains(c.CellId))
            .Select(c => new { c.Id, c.CellId }).ToListAsync();
        var ids = candidates.Select(c => c.Id).ToList();
        var steps = (await db.AdmissionSteps.AsNoTracking().Where(s => ids.Contains(s.CandidateId)).ToListAsync()).ToLookup(s => s.CandidateId);
        return candidates.Select(c => new CaseHistory(c.Id, c.CellId, steps[c.Id])).Where(h => h.Visits.Count > 0).ToList();
    }

    /// <summary>People admitted (ceremony) in the period, with the facts the structure report counts.</summary>
    public static async Task<List<NewMember>> NewMembersAsync(AppDbContext db, IReadOnlyCollection<int> cellIds, DateOnly first, DateOnly last)
    {
        var rows = await (from s in db.AdmissionSteps
                          join c in db.Candidates on s.CandidateId equals c.Id
                          where s.Kind == AdmissionStepKind.Ceremony && s.Date >= first && s.Date <= last && cellIds.Contains(c.CellId)
                          select new { Candidate = c, c.Person, s.Date }).AsNoTracking().ToListAsync();
        var ids = rows.Select(r => r.Candidate.Id).ToList();
        var sources = (await db.CandidateSources.AsNoTracking().Where(x => ids.Contains(x.CandidateId))
            .Select(x => new { x.CandidateId, x.SourceCategory.Code }).ToListAsync()).ToLookup(x => x.CandidateId, x => x.Code);
        return rows.Select(r => NewMember.From(r.Person, r.Candidate.Id, r.Candidate.CellId, r.Date, sources[r.Candidate.Id].ToList())).ToList();
    }
}
