using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Classes;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Classes;

/// <summary>
/// Who of the user's scope could be proposed for a class, and why not: the candidates of the pool for an awareness
/// class, the probationary members for a new-member class, each with the class rules' refusal worked out from their
/// case's steps. The nomination page lists it, and the nomination and approval commands ask it, so they refuse the
/// same people with the same words.
/// </summary>
public sealed class ClassPool(AppDbContext db, RuleBookProvider rules)
{
    /// <summary>The refusal of someone already on this class's list (the approval of that very place ignores it).</summary>
    public const string AlreadyHere = "đã có trong danh sách của lớp này";

    public sealed record Entry(int CandidateId, string FullName, string NameSortKey, DateOnly DateOfBirth, DatePrecision BirthPrecision,
        int CellId, string Cell, AdmissionStage Stage, string? Refusal);

    /// <param name="cls">The class.</param>
    /// <param name="cellId">One cell only, or every cell of the scope.</param>
    /// <param name="candidateIds">Only these people, or everyone.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<Entry>> ForAsync(PartyClass cls, int? cellId, IReadOnlyCollection<int>? candidateIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cls);
        var status = cls.Kind == ClassKind.Awareness ? CandidateStatus.Active : CandidateStatus.Admitted;
        var people = await db.Candidates.AsNoTracking()
            .Where(c => (candidateIds != null || c.Status == status) && (cellId == null || c.CellId == cellId) && (candidateIds == null || candidateIds.Contains(c.Id)))
            .Select(c => new { c.Id, c.Person.FullName, c.Person.NameSortKey, c.Person.DateOfBirth, c.Person.DateOfBirthPrecision, c.CellId, Cell = c.Cell.Name })
            .ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var steps = (await db.AdmissionSteps.AsNoTracking().Where(s => ids.Contains(s.CandidateId)).ToListAsync(ct)).ToLookup(s => s.CandidateId);
        // Places without a result yet, in a class of the same kind: this one or another.
        var open = (await db.ClassEnrolments.AsNoTracking()
                .Where(e => ids.Contains(e.CandidateId) && (e.Status == EnrolmentStatus.Proposed || e.Status == EnrolmentStatus.Approved)
                    && e.Result == ClassResult.None && e.Class.Kind == cls.Kind)
                .Select(e => new { e.CandidateId, e.ClassId, e.Class.Name }).ToListAsync(ct))
            .ToLookup(e => e.CandidateId);
        var months = (await rules.GetAsync(ct)).At(cls.OpensOn).CertificateValidityMonths;
        var result = new List<Entry>(people.Count);
        foreach (var p in people)
        {
            var admissionCase = new AdmissionCase(p.Id, p.DateOfBirth, steps[p.Id]);
            var openHere = open[p.Id].FirstOrDefault(e => e.ClassId == cls.Id);
            var openElsewhere = open[p.Id].FirstOrDefault(e => e.ClassId != cls.Id);
            // Down for another class first: approving here too would give the person two places.
            var refusal = openElsewhere is null && openHere is not null ? AlreadyHere
                : ClassRules.NominationRefusal(cls.Kind, admissionCase.ClassFacts(openElsewhere?.Name), cls.ClosesOn, months);
            result.Add(new Entry(p.Id, p.FullName, p.NameSortKey, p.DateOfBirth, p.DateOfBirthPrecision, p.CellId, p.Cell, admissionCase.CurrentStage, refusal));
        }
        return [.. result.OrderBy(e => e.Refusal is null ? 0 : 1).ThenBy(e => e.Cell, StringComparer.Create(Documents.FormValues.Vietnamese, false)).ThenBy(e => e.NameSortKey, StringComparer.Ordinal)];
    }

    /// <summary>The class's people no longer on the way to it (official, removed…) are left out of the page's list.</summary>
    public static bool Belongs(ClassKind kind, AdmissionStage stage) =>
        kind == ClassKind.Awareness || stage is >= AdmissionStage.Probation and < AdmissionStage.Official;
}
