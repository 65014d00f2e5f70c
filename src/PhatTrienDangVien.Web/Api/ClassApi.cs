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
                (await record.HandleAsync(id, body.Rows, false, ct)).ToResult(s => Results.Ok(s), "Không ghi được kết quả"))
            .RequirePermission(Permission.ManageClasses).WithTags("Lớp bồi dưỡng");
        api.MapGet("/classes/{id:int}/sheet", async (int id, ClassPapers papers, CancellationToken ct) => (await papers.SheetAsync(id, ct)).ToFile())
            .RequirePermission(Permission.ManageClasses).WithTags("Lớp bồi dưỡng").WithSummary("Danh sách học viên được duyệt (.xlsx) gửi trung tâm; trung tâm điền kết quả rồi gửi lại");
        api.MapGet("/classes/{id:int}/letter", async (int id, ClassPapers papers, CancellationToken ct) => (await papers.LetterAsync(id, ct)).ToFile())
            .RequirePermission(Permission.ManageClasses).WithTags("Lớp bồi dưỡng").WithSummary("Danh sách học viên (.docx) theo thể thức văn bản của Đảng");
        api.MapGet("/classes/{id:int}/certificates", async (int id, ClassPapers papers, CancellationToken ct) => (await papers.CertificatesAsync(id, ct)).ToFile())
            .RequirePermission(Permission.ManageClasses).WithTags("Lớp bồi dưỡng").WithSummary("Giấy chứng nhận của những người đạt (.docx, mỗi người một trang)");
        api.MapPost("/classes/{id:int}/results-sheet", async (int id, bool? commit, HttpRequest request, ImportClassResults import, CancellationToken ct) =>
            {
                var (bytes, problem) = await ImportApi.ReadXlsxAsync(request, ct);
                if (problem is not null) return problem;
                return (await import.HandleAsync(id, bytes, commit == true, ct)).ToResult(p => Results.Ok(new
                {
                    p.Written, p.StepsToRecord, Lines = p.Lines.Select(l => new { Line = l.Number, l.FullName, l.Summary }),
                }), "Không đọc được tệp kết quả");
            })
            .RequirePermission(Permission.ManageClasses).WithTags("Lớp bồi dưỡng")
            .WithSummary("Tệp kết quả trung tâm gửi về (.xlsx): commit=false xem trước (không ghi gì), commit=true ghi; tệp có lỗi thì không ghi gì");
        api.MapGet("/propaganda-sessions", async (int? year, AppDbContext db, CancellationToken ct) =>
                (await db.PropagandaSessions.AsNoTracking().Include(x => x.Attendees).Where(x => year == null || x.Date.Year == year)
                    .OrderByDescending(x => x.Date).ToListAsync(ct))
                .Select(x => new PropagandaSessionDto(x.Id, x.Version, Education.PropagandaInput.From(x), Education.PropagandaWords.Organiser(x.Organiser))))
            .RequirePermission(Permission.ReadRecords).WithTags("Tuyên truyền, giáo dục");
        api.MapPost("/propaganda-sessions", async (PropagandaWrite body, Education.SavePropagandaSession save, CancellationToken ct) =>
                (await save.HandleAsync(null, body.Input ?? new(), 0, ct)).ToResult(x => Results.Created($"/api/propaganda-sessions/{x.Id}", new { x.Id, x.Version }), "Không lưu được buổi tuyên truyền"))
            .RequirePermission(Permission.RecordPropaganda).WithTags("Tuyên truyền, giáo dục");
        api.MapPut("/propaganda-sessions/{id:int}", async (int id, PropagandaWrite body, Education.SavePropagandaSession save, CancellationToken ct) =>
                (await save.HandleAsync(id, body.Input ?? new(), body.Version, ct)).ToResult(x => Results.Ok(new { x.Id, x.Version }), "Không lưu được buổi tuyên truyền"))
            .RequirePermission(Permission.RecordPropaganda).WithTags("Tuyên truyền, giáo dục");
        api.MapDelete("/propaganda-sessions/{id:int}", async (int id, Education.DeletePropagandaSession delete, CancellationToken ct) =>
                (await delete.HandleAsync(id, ct)).ToResult(_ => Results.NoContent(), "Không xóa được buổi tuyên truyền"))
            .RequirePermission(Permission.RecordPropaganda).WithTags("Tuyên truyền, giáo dục");
        api.MapGet("/propaganda-summary", async (int? year, Education.PropagandaSummary summary, TimeProvider clock, CancellationToken ct) =>
                year is { } y && y is < 2000 or > 2199
                    ? ApiSetup.Problem(StatusCodes.Status400BadRequest, "Dữ liệu không hợp lệ", "Năm phải từ 2000 đến 2199.")
                    : Results.Ok(await summary.ForAsync(year ?? Core.Common.VietnamTime.Today(clock).Year, ct)))
            .RequirePermission(Permission.ReadRecords).WithTags("Tuyên truyền, giáo dục");
        return api;
    }

    public sealed record PropagandaWrite(Education.PropagandaInput Input, int Version);

    // Named, not anonymous: the request delegate generator cannot name an anonymous type in the code it writes.
    public sealed record PropagandaSessionDto(int Id, int Version, Education.PropagandaInput Input, string Organiser);

    private static ClassDto ToDto(PartyClass c, int commune) => new(c.Id, ClassWords.Kind(c.Kind), c.Name, c.Center.Name, c.OpensOn, c.ClosesOn, c.Place, c.Capacity,
        c.Quotas.FirstOrDefault(q => q.CommuneId == commune)?.Seats, c.Topics, c.Lecturers, ClassRules.Grades(c.ResultScale), c.CommuneId == commune, c.Version);
}
