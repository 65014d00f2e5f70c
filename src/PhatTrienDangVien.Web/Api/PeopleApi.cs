using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.People;

namespace PhatTrienDangVien.Web.Api;

/// <summary>
/// Members and candidates: reads within the scope, writes through the same commands as the forms. Citizen ID and
/// phone numbers come masked; <c>?showIdentifiers=true</c> gives them in full to a role that may see them, and is
/// recorded on the access trail (<see cref="PersonalData"/>). A masked value sent back in a PUT keeps the stored one.
/// </summary>
public static class PeopleApi
{
    public sealed record MemberDto(int Id, int Version, int PersonVersion, PersonInput Person, MemberInput Member, string Cell);
    public sealed record CandidateDto(int Id, int Version, int PersonVersion, PersonInput Person, CandidateInput Candidate, string Cell, bool IsYoung);

    private const string MembersList = "Đảng viên";
    private const string CandidatesList = "Quần chúng ưu tú";

    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder api)
    {
        var members = api.MapGroup("/members").WithTags("Đảng viên");
        members.MapGet("/", async (AppDbContext db, PersonalData personal, AccessTrail trail, string? search, int? cellId, CancellationToken ct, int page = 1, int pageSize = 50,
            bool showIdentifiers = false) =>
        {
            if (showIdentifiers && !personal.MayReveal) return Refused();
            var q = db.Members.AsNoTracking().Include(m => m.Person).Include(m => m.Cell).AsQueryable();
            var folded = VietnameseText.Fold(search);
            if (folded.Length > 0) q = q.Where(m => m.Person.FullNameFolded.Contains(folded));
            if (cellId is { } c) q = q.Where(m => m.CellId == c);
            var items = await q.OrderBy(m => m.Person.NameSortKey).ThenBy(m => m.Id)
                .Skip((Math.Clamp(page, 1, 100_000) - 1) * Math.Clamp(pageSize, 1, 500)).Take(Math.Clamp(pageSize, 1, 500)).ToListAsync(ct);
            var full = showIdentifiers && await personal.RevealAsync([.. items.Select(m => m.Person)], "API danh sách đảng viên", ct);
            var total = await q.CountAsync(ct);
            // Who read which personal data, as for a CSV export (Personal Data Protection Law): one row per request.
            await trail.ReadByApiAsync(MembersList, items.Count, null, ct);
            return Results.Ok(new { total, items = items.Select(m => ToDto(m, full)) });
        }).RequirePermission(Permission.ReadRecords);
        members.MapGet("/{id:int}", async (int id, AppDbContext db, PersonalData personal, AccessTrail trail, CancellationToken ct, bool showIdentifiers = false) =>
        {
            if (showIdentifiers && !personal.MayReveal) return Refused();
            if (await db.Members.AsNoTracking().Include(m => m.Person).Include(m => m.Cell).FirstOrDefaultAsync(m => m.Id == id, ct) is not { } m)
                return ApiSetup.NotFoundProblem();
            await trail.ReadByApiAsync(MembersList, 1, m.Id, ct);
            return Results.Ok(ToDto(m, showIdentifiers && await personal.RevealAsync([m.Person], "API đảng viên", ct)));
        }).RequirePermission(Permission.ReadRecords);
        members.MapPost("/", (MemberWrite body, SaveMember save, CancellationToken ct) => SaveMemberAsync(null, body, save, ct))
            .RequirePermission(Permission.EditPerson);
        members.MapPut("/{id:int}", (int id, MemberWrite body, SaveMember save, CancellationToken ct) => SaveMemberAsync(id, body, save, ct))
            .RequirePermission(Permission.EditPerson);

        var candidates = api.MapGroup("/candidates").WithTags("Quần chúng ưu tú");
        candidates.MapGet("/", async (AppDbContext db, PersonalData personal, AccessTrail trail, TimeProvider clock, string? search, int? cellId, CancellationToken ct,
            int page = 1, int pageSize = 50, bool showIdentifiers = false) =>
        {
            if (showIdentifiers && !personal.MayReveal) return Refused();
            var q = db.Candidates.AsNoTracking().Include(c => c.Person).Include(c => c.Cell).Include(c => c.Sources).AsQueryable();
            var folded = VietnameseText.Fold(search);
            if (folded.Length > 0) q = q.Where(c => c.Person.FullNameFolded.Contains(folded));
            if (cellId is { } cell) q = q.Where(c => c.CellId == cell);
            var items = await q.OrderBy(c => c.Person.NameSortKey).ThenBy(c => c.Id)
                .Skip((Math.Clamp(page, 1, 100_000) - 1) * Math.Clamp(pageSize, 1, 500)).Take(Math.Clamp(pageSize, 1, 500)).ToListAsync(ct);
            var today = Core.Common.VietnamTime.Today(clock);
            var full = showIdentifiers && await personal.RevealAsync([.. items.Select(c => c.Person)], "API danh sách quần chúng", ct);
            var total = await q.CountAsync(ct);
            await trail.ReadByApiAsync(CandidatesList, items.Count, null, ct);
            return Results.Ok(new { total, items = items.Select(c => ToDto(c, today, full)) });
        }).RequirePermission(Permission.ReadRecords);
        candidates.MapGet("/{id:int}", async (int id, AppDbContext db, PersonalData personal, AccessTrail trail, TimeProvider clock, CancellationToken ct, bool showIdentifiers = false) =>
        {
            if (showIdentifiers && !personal.MayReveal) return Refused();
            if (await db.Candidates.AsNoTracking().Include(c => c.Person).Include(c => c.Cell).Include(c => c.Sources).FirstOrDefaultAsync(c => c.Id == id, ct) is not { } c)
                return ApiSetup.NotFoundProblem();
            await trail.ReadByApiAsync(CandidatesList, 1, c.Id, ct);
            return Results.Ok(ToDto(c, Core.Common.VietnamTime.Today(clock), showIdentifiers && await personal.RevealAsync([c.Person], "API quần chúng", ct)));
        }).RequirePermission(Permission.ReadRecords);
        candidates.MapPost("/", (CandidateWrite body, SaveCandidate save, TimeProvider clock, CancellationToken ct) => SaveCandidateAsync(null, body, save, clock, ct))
            .RequirePermission(Permission.EditPerson);
        candidates.MapPut("/{id:int}", (int id, CandidateWrite body, SaveCandidate save, TimeProvider clock, CancellationToken ct) => SaveCandidateAsync(id, body, save, clock, ct))
            .RequirePermission(Permission.EditPerson);
        return api;
    }

    // Identifiers masked unless the caller asked for them, may have them, and the asking is on the trail.
    private static MemberDto ToDto(Member m, bool full = false) =>
        new(m.Id, m.Version, m.Person.Version, PersonalData.ForReader(m.Person, full), MemberInput.From(m), m.Cell?.Name ?? "");

    private static CandidateDto ToDto(Candidate c, DateOnly today, bool full = false) => new(c.Id, c.Version, c.Person.Version,
        PersonalData.ForReader(c.Person, full), CandidateInput.From(c), c.Cell?.Name ?? "", CandidateFacts.IsYoung(c.Person, today));

    private static IResult Refused() => ApiSetup.Problem(StatusCodes.Status403Forbidden, "Không có quyền", PersonalData.NotAllowed);

    private static async Task<IResult> SaveMemberAsync(int? id, MemberWrite body, SaveMember save, CancellationToken ct)
    {
        var outcome = await save.HandleAsync(id, body, ct);
        return outcome.ToResult(m => id is null ? Results.Created($"/api/members/{m.Id}", ToDto(m)) : Results.Ok(ToDto(m)));
    }

    private static async Task<IResult> SaveCandidateAsync(int? id, CandidateWrite body, SaveCandidate save, TimeProvider clock, CancellationToken ct)
    {
        var outcome = await save.HandleAsync(id, body, ct);
        var today = Core.Common.VietnamTime.Today(clock);
        return outcome.ToResult(c => id is null ? Results.Created($"/api/candidates/{c.Id}", ToDto(c, today)) : Results.Ok(ToDto(c, today)));
    }
}
