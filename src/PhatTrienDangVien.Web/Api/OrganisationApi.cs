using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Api;

public static class OrganisationApi
{
    public sealed record OrganisationDto(int Id, string Name, string Kind, string? CellKind, int? ParentId, int? HamletId,
        int Official, int Probationary, int Candidates, int Version);

    public sealed record HamletDto(int Id, string Name, int Population, int Households, int Members, int Version);

    public static RouteGroupBuilder MapOrganisationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/organisations", async (AppDbContext db, CancellationToken ct) => await Query(db, null).ToListAsync(ct))
            .RequirePermission(Permission.ReadRecords).WithTags("Tổ chức");
        api.MapGet("/organisations/{id:int}", async (int id, AppDbContext db, CancellationToken ct) =>
            await Query(db, id).FirstOrDefaultAsync(ct) is { } o ? Results.Ok(o) : ApiSetup.NotFoundProblem())
            .RequirePermission(Permission.ReadRecords).WithTags("Tổ chức");
        api.MapGet("/hamlets", async (AppDbContext db, CancellationToken ct) => await Hamlets(db, null).ToListAsync(ct))
            .RequirePermission(Permission.ReadRecords).WithTags("Ấp");
        api.MapGet("/hamlets/{id:int}", async (int id, AppDbContext db, CancellationToken ct) =>
            await Hamlets(db, id).FirstOrDefaultAsync(ct) is { } h ? Results.Ok(h) : ApiSetup.NotFoundProblem())
            .RequirePermission(Permission.ReadRecords).WithTags("Ấp");
        return api;
    }

    private static IQueryable<OrganisationDto> Query(AppDbContext db, int? id) => db.Organisations.AsNoTracking()
        .Where(o => id == null || o.Id == id).OrderBy(o => o.Id)
        .Select(o => new OrganisationDto(o.Id, o.Name, o.Kind.ToString(), o.CellKind.ToString(), o.ParentId, o.HamletId,
            db.Members.Count(m => m.CellId == o.Id && m.Status == MemberStatus.Official),
            db.Members.Count(m => m.CellId == o.Id && m.Status == MemberStatus.Probationary),
            db.Candidates.Count(c => c.CellId == o.Id && c.Status == CandidateStatus.Active), o.Version));

    private static IQueryable<HamletDto> Hamlets(AppDbContext db, int? id) => db.Hamlets.AsNoTracking()
        .Where(h => id == null || h.Id == id).OrderBy(h => h.Name)
        .Select(h => new HamletDto(h.Id, h.Name, h.Population, h.Households,
            db.Members.WholeCommune().Count(m => m.Person.HamletId == h.Id
                && (m.Status == MemberStatus.Official || m.Status == MemberStatus.Probationary)), h.Version));
}
