using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Search;

/// <summary>
/// The header's search box: members and candidates whose name holds the typed words, with or without diacritics
/// ("nguyen van" finds "Nguyễn Văn"), read through the scoped context, so each role finds exactly the people its
/// lists show. The page and <c>GET /api/search</c> both ask this class.
/// </summary>
public sealed class PeopleSearch(AppDbContext db, Admission.CandidateProgress progress)
{
    /// <summary>Fewer letters than this would list half the commune.</summary>
    public const int MinLength = 2;

    /// <summary>The most people of each kind one search returns; the count says how many more matched.</summary>
    public const int Limit = 50;

    public const string MemberKind = "đảng viên";
    public const string CandidateKind = "quần chúng ưu tú";

    /// <summary>One person found: what they are in words, their cell, their status or stage, and the page to open.</summary>
    /// <param name="BirthYear">Tells apart two people of the same name in the same cell (a commune has several).</param>
    public sealed record Hit(string Kind, int Id, string FullName, string Cell, string Status, string Url, int BirthYear);

    /// <param name="Members">The members found, at most <see cref="Limit"/>.</param>
    /// <param name="MemberTotal">How many members matched in all.</param>
    /// <param name="Message">Why nothing was searched (too short), in Vietnamese; null when searched.</param>
    public sealed record Result(string Query, IReadOnlyList<Hit> Members, int MemberTotal, IReadOnlyList<Hit> Candidates, int CandidateTotal, string? Message)
    {
        public int Total => MemberTotal + CandidateTotal;
    }

    public async Task<Result> FindAsync(string? query, CancellationToken ct)
    {
        var typed = query?.Trim() ?? "";
        var folded = VietnameseText.Fold(typed);
        if (folded.Length < MinLength)
            return new(typed, [], 0, [], 0, typed.Length == 0 ? null : $"Hãy gõ ít nhất {MinLength} chữ cái của họ tên.");

        var members = db.Members.AsNoTracking().Where(m => m.Person.FullNameFolded.Contains(folded));
        var memberTotal = await members.CountAsync(ct);
        var memberHits = (await members.OrderBy(m => m.Person.NameSortKey).ThenBy(m => m.Id).Take(Limit)
                .Select(m => new { m.Id, m.Person.FullName, Cell = m.Cell.Name, m.Status, m.Person.DateOfBirth }).ToListAsync(ct))
            .Select(m => new Hit(MemberKind, m.Id, m.FullName, m.Cell, Lookups.StatusName(m.Status), $"/Members/Details/{m.Id}", m.DateOfBirth.Year)).ToList();

        // An admitted candidate is found as the member they became; the case stays one click away on the member page.
        var candidates = db.Candidates.AsNoTracking().Where(c => c.Status != CandidateStatus.Admitted && c.Person.FullNameFolded.Contains(folded));
        var candidateTotal = await candidates.CountAsync(ct);
        var found = await candidates.OrderBy(c => c.Person.NameSortKey).ThenBy(c => c.Id).Take(Limit)
            .Select(c => new { c.Id, c.Person.FullName, c.Person.DateOfBirth, Cell = c.Cell.Name, c.Status }).ToListAsync(ct);
        var stages = await progress.ForAsync([.. found.Where(c => c.Status == CandidateStatus.Active).Select(c => (c.Id, c.DateOfBirth))], ct);
        var candidateHits = found.Select(c => new Hit(CandidateKind, c.Id, c.FullName, c.Cell,
            stages.TryGetValue(c.Id, out var p) ? StepNames.Of(p.Stage) : Lookups.CandidateStatusName(c.Status), $"/Candidates/Timeline/{c.Id}",
            c.DateOfBirth.Year)).ToList();
        return new(typed, memberHits, memberTotal, candidateHits, candidateTotal, null);
    }
}
