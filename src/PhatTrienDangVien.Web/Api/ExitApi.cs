using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Exits;
using PhatTrienDangVien.Web.Planning;

namespace PhatTrienDangVien.Web.Api;

/// <summary>Exits from the roll and the membership figures by API: the same command (<see cref="SaveExit"/>) and the same reader (<see cref="ExitReads"/>) as the pages.</summary>
public static class ExitApi
{
    public sealed record ExitWrite(ExitInput Input, int Version);

    public sealed record ExitDto(int? Id, int MemberId, string FullName, string Cell, ExitKind Kind, string KindText, ExitStatus Status, string StatusText,
        RemovalGround? Ground, string? GroundText, string? Reason, DateOnly? ProposedOn, string? ProposalNumber, DateOnly? On, string? DecisionNumber,
        string? DecidingBody, string? Destination, bool BarsReadmission, bool FromRegister, bool FromProcedure, int Version);

    public sealed record PeriodDto(string Label, DateOnly First, DateOnly Last, int Admitted, int Left, int Net, IReadOnlyDictionary<string, int> LeftBy);

    public static RouteGroupBuilder MapExitApi(this RouteGroupBuilder api)
    {
        api.MapGet("/member-exits", async (int? orgId, DateOnly? from, DateOnly? to, ExitReads.Show? show, ExitKind? kind, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var selection = await PlanData.SelectAsync(db, orgId, ct, allInScope: true);
                if (selection is null) return orgId is null ? Results.Ok(Array.Empty<ExitDto>()) : ApiSetup.NotFoundProblem();
                var today = Core.Common.VietnamTime.Today(clock);
                var term = await PlanData.CurrentTermAsync(db, today, ct);
                var first = from ?? term?.Start ?? new DateOnly(today.Year, 1, 1);
                var last = to ?? term?.End ?? new DateOnly(today.Year, 12, 31);
                var rows = await ExitReads.ListAsync(db, selection.CellIds, first, last, show ?? ExitReads.Show.Left, kind, ct);
                return Results.Ok(rows.OrderBy(r => r.On ?? r.ProposedOn).ThenBy(r => r.MemberId).Select(r => new ExitDto(r.ExitId, r.MemberId, r.FullName, r.Cell,
                    r.Kind, ExitWords.Kind(r.Kind), r.Status, ExitWords.Status(r.Status), r.Ground, r.Ground is { } g ? ExitWords.Ground(g) : null, r.Reason,
                    r.ProposedOn, r.ProposalNumber, r.On, r.DecisionNumber, r.DecidingBody, r.Destination, r.BarsReadmission, r.FromRegister, r.FromProcedure, r.Version)));
            })
            .RequirePermission(Permission.ViewPlan).WithTags("Biến động đảng viên");
        api.MapPost("/member-exits", async (ExitWrite body, SaveExit save, CancellationToken ct) =>
                (await save.HandleAsync(null, body.Input ?? new(), 0, ct)).ToResult(e => Results.Created($"/api/member-exits/{e.Id}", new { e.Id, e.Version }), "Không lưu được"))
            .RequirePermission(Permission.ProposeExit).WithTags("Biến động đảng viên");
        api.MapPut("/member-exits/{id:int}", async (int id, ExitWrite body, SaveExit save, CancellationToken ct) =>
                (await save.HandleAsync(id, body.Input ?? new(), body.Version, ct)).ToResult(e => Results.Ok(new { e.Id, e.Version }), "Không lưu được"))
            .RequirePermission(Permission.ProposeExit).WithTags("Biến động đảng viên");
        api.MapDelete("/member-exits/{id:int}", async (int id, DeleteExit delete, CancellationToken ct) =>
                (await delete.HandleAsync(id, ct)).ToResult(_ => Results.NoContent(), "Không xóa được"))
            .RequirePermission(Permission.ProposeExit).WithTags("Biến động đảng viên");
        // The warnings (barred from re-admission, the date from which the cell may consider it) come back as the page shows them.
        api.MapPost("/members/{id:int}/readmission-case", async (int id, OpenReadmission open, CancellationToken ct) =>
            {
                var o = await open.HandleAsync(id, ct);
                return o.ToResult(c => Results.Created($"/api/candidates/{c.Id}", new { c.Id, o.Warnings }), "Không mở được hồ sơ kết nạp lại");
            })
            .RequirePermission(Permission.EditPerson).WithTags("Biến động đảng viên");
        api.MapGet("/membership-figures", async (int? orgId, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var selection = await PlanData.SelectAsync(db, orgId, ct, allInScope: true);
                if (selection is null) return ApiSetup.NotFoundProblem();
                var figures = await ExitReads.FiguresAsync(db, selection.CellIds, Core.Common.VietnamTime.Today(clock), ct);
                if (figures is null) return ApiSetup.NotFoundProblem();
                return Results.Ok(new
                {
                    Term = figures.Term.Name, Years = figures.Years.Select(Dto), Total = Dto(figures.Total), figures.Pending,
                });
            })
            .RequirePermission(Permission.ViewPlan).WithTags("Biến động đảng viên");
        return api;
    }

    private static PeriodDto Dto(Core.Planning.MembershipPeriod p) =>
        new(p.Label, p.First, p.Last, p.Admitted, p.Left, p.Net, Core.Planning.MembershipChange.ExitStatuses.ToDictionary(s => s.ToString(), p.LeftAs));
}
