using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Classes;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Classes;

/// <summary>The people of a class the user's scope sees (their commune, their cells), in the order of the list.</summary>
public static class ClassRoster
{
    public sealed record Person(int Id, int CandidateId, string FullName, string NameSortKey, DateOnly DateOfBirth, Core.People.DatePrecision BirthPrecision,
        int CellId, string Cell, EnrolmentStatus Status, string? StatusReason, string ProposedBy, string Attendance, decimal? Score, ClassResult Result,
        string? Grade, string? FailReason, string? CertificateNumber, DateOnly? CertificateDate, int? StepId, int Version);

    public static async Task<List<Person>> PeopleAsync(AppDbContext db, int classId, CancellationToken ct)
    {
        var rows = await db.ClassEnrolments.AsNoTracking().Where(e => e.ClassId == classId)
            .Select(e => new Person(e.Id, e.CandidateId, e.Candidate.Person.FullName, e.Candidate.Person.NameSortKey, e.Candidate.Person.DateOfBirth,
                e.Candidate.Person.DateOfBirthPrecision, e.CellId, db.Organisations.Where(o => o.Id == e.CellId).Select(o => o.Name).FirstOrDefault() ?? "",
                e.Status, e.StatusReason, e.ProposedBy, e.Attendance, e.Score, e.Result, e.Grade, e.FailReason, e.CertificateNumber, e.CertificateDate, e.StepId, e.Version))
            .ToListAsync(ct);
        return [.. rows.OrderBy(p => p.Status switch { EnrolmentStatus.Approved => 0, EnrolmentStatus.Proposed => 1, _ => 2 })
            .ThenBy(p => p.NameSortKey, StringComparer.Ordinal)];
    }
}

/// <summary>The words a user reads for the classes' coded values.</summary>
public static class ClassWords
{
    public static string Kind(ClassKind k) => k switch
    {
        ClassKind.Awareness => "Bồi dưỡng nhận thức về Đảng",
        ClassKind.NewMember => "Bồi dưỡng lý luận chính trị cho đảng viên mới",
        _ => Pages.Shared.Lookups.Invalid,
    };

    public static string Status(EnrolmentStatus s) => s switch
    {
        EnrolmentStatus.Proposed => "Chờ duyệt",
        EnrolmentStatus.Approved => "Đã duyệt",
        EnrolmentStatus.Refused => "Không duyệt",
        EnrolmentStatus.Withdrawn => "Đã rút",
        _ => Pages.Shared.Lookups.Invalid,
    };

    public static string Result(ClassResult r) => r switch
    {
        ClassResult.Passed => "Đạt",
        ClassResult.Failed => "Không đạt",
        ClassResult.None => "Chưa có kết quả",
        _ => Pages.Shared.Lookups.Invalid,
    };
}
