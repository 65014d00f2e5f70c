using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Candidates;
using PhatTrienDangVien.Web.Pages.Members;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Api;

/// <summary>Members and candidates: the same checks and the same scope as the pages.</summary>
public static class PeopleApi
{
    public sealed record MemberDto(int Id, int Version, int PersonVersion, PersonInput Person, MemberInput Member, string Cell);
    public sealed record MemberWrite(PersonInput Person, MemberInput Member, int Version, int PersonVersion);
    public sealed record CandidateDto(int Id, int Version, int PersonVersion, PersonInput Person, CandidateInput Candidate, string Cell, bool IsYoung);
    public sealed record CandidateWrite(PersonInput Person, CandidateInput Candidate, int Version, int PersonVersion);

    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder api)
    {
        var members = api.MapGroup("/members").WithTags("Đảng viên");
        members.MapGet("/", async (AppDbContext db, string? search, int? cellId, int page = 1, int pageSize = 50) =>
        {
            var q = db.Members.AsNoTracking().Include(m => m.Person).Include(m => m.Cell).AsQueryable();
            var folded = VietnameseText.Fold(search);
            if (folded.Length > 0) q = q.Where(m => m.Person.FullNameFolded.Contains(folded));
            if (cellId is { } c) q = q.Where(m => m.CellId == c);
            var items = await q.OrderBy(m => m.Person.NameSortKey).ThenBy(m => m.Id)
                .Skip((Math.Clamp(page, 1, 100_000) - 1) * Math.Clamp(pageSize, 1, 500)).Take(Math.Clamp(pageSize, 1, 500)).ToListAsync();
            return new { total = await q.CountAsync(), items = items.Select(ToDto) };
        });
        members.MapGet("/{id:int}", async (int id, AppDbContext db) =>
            await db.Members.AsNoTracking().Include(m => m.Person).Include(m => m.Cell).FirstOrDefaultAsync(m => m.Id == id) is { } m
                ? Results.Ok(ToDto(m)) : ApiSetup.NotFoundProblem());
        members.MapPost("/", (MemberWrite body, AppDbContext db, TimeProvider clock) => SaveMemberAsync(null, body, db, clock))
            .RequireAuthorization(Policies.EditRecords);
        members.MapPut("/{id:int}", (int id, MemberWrite body, AppDbContext db, TimeProvider clock) => SaveMemberAsync(id, body, db, clock))
            .RequireAuthorization(Policies.EditRecords);

        var candidates = api.MapGroup("/candidates").WithTags("Quần chúng ưu tú");
        candidates.MapGet("/", async (AppDbContext db, TimeProvider clock, string? search, int? cellId, int page = 1, int pageSize = 50) =>
        {
            var q = db.Candidates.AsNoTracking().Include(c => c.Person).Include(c => c.Cell).Include(c => c.Sources).AsQueryable();
            var folded = VietnameseText.Fold(search);
            if (folded.Length > 0) q = q.Where(c => c.Person.FullNameFolded.Contains(folded));
            if (cellId is { } cell) q = q.Where(c => c.CellId == cell);
            var items = await q.OrderBy(c => c.Person.NameSortKey).ThenBy(c => c.Id)
                .Skip((Math.Clamp(page, 1, 100_000) - 1) * Math.Clamp(pageSize, 1, 500)).Take(Math.Clamp(pageSize, 1, 500)).ToListAsync();
            var today = Core.Common.VietnamTime.Today(clock);
            return new { total = await q.CountAsync(), items = items.Select(c => ToDto(c, today)) };
        });
        candidates.MapGet("/{id:int}", async (int id, AppDbContext db, TimeProvider clock) =>
            await db.Candidates.AsNoTracking().Include(c => c.Person).Include(c => c.Cell).Include(c => c.Sources).FirstOrDefaultAsync(c => c.Id == id) is { } c
                ? Results.Ok(ToDto(c, Core.Common.VietnamTime.Today(clock))) : ApiSetup.NotFoundProblem());
        candidates.MapPost("/", (CandidateWrite body, AppDbContext db, TimeProvider clock, AdmissionService admission) => SaveCandidateAsync(null, body, db, clock, admission))
            .RequireAuthorization(Policies.EditRecords);
        candidates.MapPut("/{id:int}", (int id, CandidateWrite body, AppDbContext db, TimeProvider clock, AdmissionService admission) => SaveCandidateAsync(id, body, db, clock, admission))
            .RequireAuthorization(Policies.EditRecords);
        return api;
    }

    private static MemberDto ToDto(Member m) => new(m.Id, m.Version, m.Person.Version, PersonInput.From(m.Person), MemberInput.From(m), m.Cell.Name);

    private static CandidateDto ToDto(Candidate c, DateOnly today) => new(c.Id, c.Version, c.Person.Version, PersonInput.From(c.Person),
        CandidateInput.From(c), c.Cell.Name, CandidateFacts.IsYoung(c.Person, today));

    private static async Task<IResult> SaveMemberAsync(int? id, MemberWrite body, AppDbContext db, TimeProvider clock)
    {
        var today = Core.Common.VietnamTime.Today(clock);
        Member? m = null;
        if (id is not null && (m = await db.Members.Include(x => x.Person).FirstOrDefaultAsync(x => x.Id == id)) is null)
            return ApiSetup.NotFoundProblem();
        if (body.Person is null || body.Member is null) return MissingBody();
        var state = new ModelStateDictionary();
        await CheckCellAsync(db, body.Member.CellId, state, "Member.CellId");
        await body.Person.ValidateAsync(state, "Person.", db, m?.PersonId, today);
        body.Member.Validate(state, "Member.", today, body.Person.DateOfBirth);
        await body.Member.ProtectAsync(m, db, state, "Member.");
        if (!state.IsValid) return ApiSetup.Invalid(state);
        if (m is null)
        {
            var person = new Person { FullName = "", CommuneId = db.Scope.CommuneId };
            body.Person.ApplyTo(person);
            m = new Member { CommuneId = db.Scope.CommuneId, Person = person };
            db.Members.Add(m);
        }
        else
        {
            db.Entry(m).Property(x => x.Version).OriginalValue = body.Version;
            db.Entry(m.Person).Property(x => x.Version).OriginalValue = body.PersonVersion;
            body.Person.ApplyTo(m.Person);
        }
        body.Member.ApplyTo(m);
        if (await SaveAsync(db) is { } problem) return problem;
        await db.Entry(m).Reference(x => x.Cell).LoadAsync();
        return id is null ? Results.Created($"/api/members/{m.Id}", ToDto(m)) : Results.Ok(ToDto(m));
    }

    private static async Task<IResult> SaveCandidateAsync(int? id, CandidateWrite body, AppDbContext db, TimeProvider clock, AdmissionService admission)
    {
        var today = Core.Common.VietnamTime.Today(clock);
        Candidate? c = null;
        if (id is not null && (c = await db.Candidates.Include(x => x.Person).Include(x => x.Sources).FirstOrDefaultAsync(x => x.Id == id)) is null)
            return ApiSetup.NotFoundProblem();
        if (body.Person is null || body.Candidate is null) return MissingBody();
        var state = new ModelStateDictionary();
        await CheckCellAsync(db, body.Candidate.CellId, state, "Candidate.CellId");
        await body.Person.ValidateAsync(state, "Person.", db, c?.PersonId, today);
        await body.Candidate.ValidateAsync(state, "Candidate.", db, today);
        if (!state.IsValid) return ApiSetup.Invalid(state);
        if (c is null)
        {
            var person = new Person { FullName = "", CommuneId = db.Scope.CommuneId };
            body.Person.ApplyTo(person);
            c = new Candidate { CommuneId = db.Scope.CommuneId, Person = person };
            db.Candidates.Add(c);
        }
        else
        {
            db.Entry(c).Property(x => x.Version).OriginalValue = body.Version;
            db.Entry(c.Person).Property(x => x.Version).OriginalValue = body.PersonVersion;
            body.Person.ApplyTo(c.Person);
            // A change of sources alone still counts as a change of the candidate, for the version check.
            db.Entry(c).Property(x => x.Version).IsModified = true;
        }
        body.Candidate.ApplyTo(c);
        await using var tx = await db.Database.BeginTransactionAsync();
        if (await SaveAsync(db) is { } problem) return problem;
        try
        {
            if (id is null) await admission.AddToPoolAsync(c);
        }
        catch (DomainException e)
        {
            return ApiSetup.Problem(StatusCodes.Status422UnprocessableEntity, "Không ghi nhận được", e.Message, e.Rule);
        }
        await tx.CommitAsync();
        await db.Entry(c).Reference(x => x.Cell).LoadAsync();
        return id is null ? Results.Created($"/api/candidates/{c.Id}", ToDto(c, today)) : Results.Ok(ToDto(c, today));
    }

    private static IResult MissingBody() =>
        ApiSetup.Problem(StatusCodes.Status400BadRequest, "Thiếu dữ liệu", "Nội dung gửi lên phải có đủ phần Person và Member/Candidate.");

    private static async Task CheckCellAsync(AppDbContext db, int? cellId, ModelStateDictionary state, string key)
    {
        if (cellId is { } cell && !await Lookups.IsCellInScopeAsync(db, cell))
            state.AddModelError(key, Lookups.CellOutOfScopeMessage);
    }

    private static async Task<IResult?> SaveAsync(AppDbContext db)
    {
        try
        {
            await db.SaveChangesAsync();
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiSetup.Problem(StatusCodes.Status409Conflict, "Xung đột dữ liệu",
                "Hồ sơ đã được người khác sửa sau khi bạn đọc; không có gì được ghi đè. Hãy đọc lại rồi gửi lại với Version mới.");
        }
        catch (DbUpdateException)
        {
            return ApiSetup.Problem(StatusCodes.Status409Conflict, "Trùng dữ liệu", "Số CCCD này đã có trong hệ thống (trùng với một người khác).");
        }
    }
}
