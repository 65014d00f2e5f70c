using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Classes;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Classes;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Api;

/// <summary>
/// The classes with the political centre by API: the same commands as the pages (<see cref="SaveCenter"/>,
/// <see cref="SaveClass"/>, <see cref="NominateForClass"/>, <see cref="DecideNominations"/>, <see cref="RecordClassResults"/>).
/// </summary>
public static class ClassApi
{
    public sealed record CenterWrite(CenterInput Input, int Version);
    public sealed record ClassWrite(PartyClassInput Input, int Version);
    public sealed record NominationWrite(List<int> CandidateIds);
    public sealed record ResultsWrite(List<ResultInput> Rows);

    public sealed record CenterDto(int Id, string Name, string? Address, string? Phone, string? DirectorName, bool IsActive, bool IsHost, int Version);
    public sealed record ClassDto(int Id, string Kind, string Name, string Center, DateOnly OpensOn, DateOnly ClosesOn, string? Place, int Capacity,
        int? Seats, string? Topics, string? Lecturers, IReadOnlyList<string> Grades, bool IsHost, int Version);
    public sealed record EnrolmentDto(int Id, int CandidateId, string FullName, string Cell, string Status, string? StatusReason, string? Attendance,
        decimal? Score, string Result, string? Grade, string? FailReason, string? CertificateNumber, DateOnly? CertificateDate, bool InProcedure);
    public sealed record ClassDetailDto(ClassDto Class, IReadOnlyList<EnrolmentDto> People);
    public sealed record PoolDto(int CandidateId, string FullName, string Cell, string Stage, bool MayNominate, string? Refusal);

    public static RouteGroupBuilder MapClassApi(this RouteGroupBuilder api)
    {
        api.MapGet("/political-centers", async (AppDbContext db, Access access, CancellationToken ct) =>
                (await db.PoliticalCenters.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct))
                .Select(c => new CenterDto(c.Id, c.Name, c.Address, c.Phone, c.DirectorName, c.IsActive, c.CommuneId == access.Scope.CommuneId, c.Version)))
            .RequirePermission(Permission.ReadRecords).WithTags("Lớp bồi dưỡng");
        api.MapPost("/political-centers", async (CenterWrite body, SaveCenter save, CancellationToken ct) =>
                (await save.HandleAsync(null, body.Input ?? new(), 0, ct)).ToResult(c => Results.Created($"/api/political-centers/{c.Id}", new { c.Id, c.Version }), "Không lưu được trung tâm chính trị"))
            .RequirePermission(Permission.ManageClasses).WithTags("Lớp bồi dưỡng");
        api.MapPut("/political-centers/{id:int}", async (int id, CenterWrite body, SaveCenter save, CancellationToken ct) =>
                (await save.HandleAsync(id, body.Input ?? new(), body.Version, ct)).ToResult(c => Results.Ok(new { c.Id, c.Version }), "Không lưu được trung tâm chính trị"))
            .RequirePermission(Permission.ManageClasses).WithTags("Lớp bồi dưỡng");

        api.MapGet("/classes", async (AppDbContext db, Access access, CancellationToken ct) =>
                (await db.PartyClasses.AsNoTracking().Include(c => c.Center).Include(c => c.Quotas).OrderByDescending(c => c.OpensOn).ToListAsync(ct))
                .Select(c => ToDto(c, access.Scope.CommuneId)))
            .RequirePermission(Permission.ReadRecords).WithTags("Lớp bồi dưỡng");
        api.MapGet("/classes/{id:int}", async (int id, AppDbContext db, Access access, CancellationToken ct) =>
            {
                var c = await db.VisibleAsync(id, ct);
                if (c is null) return ApiSetup.NotFoundProblem();
                var people = await ClassRoster.PeopleAsync(db, c.Id, ct);
                return Results.Ok(new ClassDetailDto(ToDto(c, access.Scope.CommuneId), [.. people.Select(p => new EnrolmentDto(p.Id, p.CandidateId, p.FullName, p.Cell,
                    ClassWords.Status(p.Status), p.StatusReason, p.Attendance.Length > 0 ? p.Attendance : null, p.Score, ClassWords.Result(p.Result), p.Grade, p.FailReason,
                    p.CertificateNumber, p.CertificateDate, p.StepId is not null))]));
            })
            .RequirePermission(Permission.ReadRecords).WithTags("Lớp bồi dưỡng");
        api.MapGet("/classes/{id:int}/pool", async (int id, int? cellId, AppDbContext db, ClassPool pool, CancellationToken ct) =>
            {
                var c = await db.VisibleAsync(id, ct);
                if (c is null) return ApiSetup.NotFoundProblem();
                var entries = await pool.ForAsync(c, cellId, null, ct);
                return Results.Ok(entries.Where(e => ClassPool.Belongs(c.Kind, e.Stage))
                    .Select(e => new PoolDto(e.CandidateId, e.FullName, e.Cell, Core.Admission.StepNames.Of(e.Stage), e.Refusal is null, e.Refusal)));
            })
            .RequirePermission(Permission.NominateForClass).WithTags("Lớp bồi dưỡng");
        api.MapPost("/classes", async (ClassWrite body, SaveClass save, Access access, CancellationToken ct) =>
                (await save.HandleAsync(null, body.Input ?? new(), 0, ct)).ToResult(c => Results.Created($"/api/classes/{c.Id}", new { c.Id, c.Version }), "Không lưu được lớp"))
            .RequirePermission(Permission.ManageClasses).WithTags("Lớp bồi dưỡng");
        api.MapPut("/classes/{id:int}", async (int id, ClassWrite body, SaveClass save, CancellationToken ct) =>
                (await save.HandleAsync(id, body.Input ?? new(), body.Version, ct)).ToResult(c => Results.Ok(new { c.Id, c.Version }), "Không lưu được lớp"))
            .RequirePermission(Permission.ManageClasses).WithTags("Lớp bồi dưỡng");
        api.MapPost("/classes/{id:int}/nominations", async (int id, NominationWrite body, NominateForClass nominate, CancellationToken ct) =>
                (await nominate.HandleAsync(id, body.CandidateIds, ct)).ToResult(n => Results.Ok(new { Nominated = n }), "Không đề cử được"))
            .RequirePermission(Permission.NominateForClass).WithTags("Lớp bồi dưỡng");
        api.MapPost("/class-enrolments/{id:int}/withdraw", async (int id, WithdrawNomination withdraw, CancellationToken ct) =>
                (await withdraw.HandleAsync(id, ct)).ToResult(e => Results.Ok(new { e.Id, Status = ClassWords.Status(e.Status) }), "Không rút được đề cử"))
            .RequirePermission(Permission.NominateForClass).WithTags("Lớp bồi dưỡng");
        api.MapPost("/classes/{id:int}/decisions", async (int id, NominationDecision body, DecideNominations decide, CancellationToken ct) =>
                (await decide.HandleAsync(id, body, ct)).ToResult(n => Results.Ok(new { Decided = n }), "Không duyệt được"))
            .RequirePermission(Permission.ManageClasses).WithTags("Lớp bồi dưỡng");
        api.MapPost("/classes/{id:int}/results", async (int id, ResultsWrite body, RecordClassResults record, CancellationToken ct) =>
                (await record.HandleAsync(id, body.Rows, ct)).ToResult(s => Results.Ok(s), "Không ghi được kết quả"))
            .RequirePermission(Permission.ManageClasses).WithTags("Lớp bồi dưỡng");
        return api;
    }

    private static ClassDto ToDto(PartyClass c, int commune) => new(c.Id, ClassWords.Kind(c.Kind), c.Name, c.Center.Name, c.OpensOn, c.ClosesOn, c.Place, c.Capacity,
        c.Quotas.FirstOrDefault(q => q.CommuneId == commune)?.Seats, c.Topics, c.Lecturers, ClassRules.Grades(c.ResultScale), c.CommuneId == commune, c.Version);
}
