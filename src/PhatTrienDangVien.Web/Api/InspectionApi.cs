using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Inspections;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Inspections;
using PhatTrienDangVien.Web.Planning;

namespace PhatTrienDangVien.Web.Api;

/// <summary>Inspection and supervision by API: the same commands and the same reader (<see cref="InspectionReads"/>) as the pages.</summary>
public static class InspectionApi
{
    public sealed record PlanWrite(PlanItemInput Input, int Version);
    public sealed record SessionWrite(int PlanItemId, SessionInput Input, int Version);
    public sealed record FindingWrite(int SessionId, FindingInput Input, int Version);
    public sealed record ActionWrite(int FindingId, ActionInput Input, int Version);

    public sealed record SessionDto(int Id, DateOnly Date, string Team, string? Conclusion, DateOnly? CheckedOn, InspectionSnapshot? Snapshot,
        IReadOnlyList<CheckedBreach> Breaches, int Version);
    public sealed record PlanDto(int Id, int Year, InspectionKind Kind, string KindText, int CellId, string Cell, string Topic, DateOnly From, DateOnly To, string Team,
        string? Notes, int Findings, int OpenActions, int OverdueActions, IReadOnlyList<SessionDto> Sessions, int Version);
    public sealed record ActionDto(int Id, int FindingId, string Finding, int SessionId, string Cell, string Task, string Owner, DateOnly DueDate, ActionStatus Status,
        string StatusText, bool Overdue, DateOnly? DoneOn, string? Evidence, string? CancelReason, int Version);

    public static RouteGroupBuilder MapInspectionApi(this RouteGroupBuilder api)
    {
        const string tag = "Kiểm tra, giám sát";
        api.MapGet("/inspections", async (int? year, int? orgId, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var selection = await PlanData.SelectAsync(db, orgId, ct, allInScope: true);
                if (selection is null) return orgId is null ? Results.Ok(Array.Empty<PlanDto>()) : ApiSetup.NotFoundProblem();
                var today = Core.Common.VietnamTime.Today(clock);
                var rows = await InspectionReads.PlanAsync(db, selection.CellIds, year ?? today.Year, today, ct);
                return Results.Ok(rows.Select(r => new PlanDto(r.Item.Id, r.Item.Year, r.Item.Kind, InspectionWords.Kind(r.Item.Kind), r.Item.CellId, r.Cell, r.Item.Topic,
                    r.Item.From, r.Item.To, r.Item.Team, r.Item.Notes, r.Findings, r.OpenActions, r.OverdueActions, [.. r.Sessions.Select(Dto)], r.Item.Version)));
            })
            .RequirePermission(Permission.ViewPlan).WithTags(tag);
        api.MapPost("/inspections", async (PlanWrite body, SavePlanItem save, CancellationToken ct) =>
                (await save.HandleAsync(null, body.Input ?? new(), 0, ct)).ToResult(p => Results.Created($"/api/inspections/{p.Id}", new { p.Id, p.Version }), "Không lưu được"))
            .RequirePermission(Permission.PlanInspections).WithTags(tag);
        api.MapPut("/inspections/{id:int}", async (int id, PlanWrite body, SavePlanItem save, CancellationToken ct) =>
                (await save.HandleAsync(id, body.Input ?? new(), body.Version, ct)).ToResult(p => Results.Ok(new { p.Id, p.Version }), "Không lưu được"))
            .RequirePermission(Permission.PlanInspections).WithTags(tag);
        api.MapDelete("/inspections/{id:int}", async (int id, DeletePlanItem delete, CancellationToken ct) =>
                (await delete.HandleAsync(id, ct)).ToResult(_ => Results.NoContent(), "Không xóa được"))
            .RequirePermission(Permission.PlanInspections).WithTags(tag);

        api.MapGet("/inspection-sessions/{id:int}", async (int id, AppDbContext db, CancellationToken ct) =>
                await db.InspectionSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } s ? Results.Ok(Dto(s)) : ApiSetup.NotFoundProblem())
            .RequirePermission(Permission.ViewPlan).WithTags(tag);
        api.MapPost("/inspection-sessions", async (SessionWrite body, SaveSession save, CancellationToken ct) =>
                (await save.HandleAsync(null, body.PlanItemId, body.Input ?? new(), 0, ct)).ToResult(s => Results.Created($"/api/inspection-sessions/{s.Id}", new { s.Id, s.Version }), "Không lưu được"))
            .RequirePermission(Permission.RecordInspection).WithTags(tag);
        api.MapPut("/inspection-sessions/{id:int}", async (int id, SessionWrite body, SaveSession save, CancellationToken ct) =>
                (await save.HandleAsync(id, body.PlanItemId, body.Input ?? new(), body.Version, ct)).ToResult(s => Results.Ok(new { s.Id, s.Version }), "Không lưu được"))
            .RequirePermission(Permission.RecordInspection).WithTags(tag);
        api.MapPost("/inspection-sessions/{id:int}/checklist", async (int id, RunChecklist run, CancellationToken ct) =>
                (await run.HandleAsync(id, ct)).ToResult(s => Results.Ok(Dto(s)), "Không chạy được bảng kiểm"))
            .RequirePermission(Permission.RecordInspection).WithTags(tag);
        api.MapDelete("/inspection-sessions/{id:int}", async (int id, DeleteSession delete, CancellationToken ct) =>
                (await delete.HandleAsync(id, ct)).ToResult(_ => Results.NoContent(), "Không xóa được"))
            .RequirePermission(Permission.RecordInspection).WithTags(tag);

        api.MapPost("/inspection-findings", async (FindingWrite body, SaveFinding save, CancellationToken ct) =>
                (await save.HandleAsync(null, body.SessionId, body.Input ?? new(), 0, ct)).ToResult(f => Results.Created($"/api/inspection-findings/{f.Id}", new { f.Id, f.Version }), "Không lưu được"))
            .RequirePermission(Permission.RecordInspection).WithTags(tag);
        api.MapPut("/inspection-findings/{id:int}", async (int id, FindingWrite body, SaveFinding save, CancellationToken ct) =>
                (await save.HandleAsync(id, body.SessionId, body.Input ?? new(), body.Version, ct)).ToResult(f => Results.Ok(new { f.Id, f.Version }), "Không lưu được"))
            .RequirePermission(Permission.RecordInspection).WithTags(tag);
        api.MapDelete("/inspection-findings/{id:int}", async (int id, DeleteFinding delete, CancellationToken ct) =>
                (await delete.HandleAsync(id, ct)).ToResult(_ => Results.NoContent(), "Không xóa được"))
            .RequirePermission(Permission.RecordInspection).WithTags(tag);

        api.MapGet("/corrective-actions", async (int? year, int? orgId, InspectionReads.ActionFilter? show, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var selection = await PlanData.SelectAsync(db, orgId, ct, allInScope: true);
                if (selection is null) return orgId is null ? Results.Ok(Array.Empty<ActionDto>()) : ApiSetup.NotFoundProblem();
                var today = Core.Common.VietnamTime.Today(clock);
                var rows = await InspectionReads.ActionsAsync(db, selection.CellIds, year, show ?? InspectionReads.ActionFilter.All, today, ct);
                return Results.Ok(rows.Select(r => new ActionDto(r.Action.Id, r.Action.FindingId, r.Finding, r.SessionId, r.Cell, r.Action.Task, r.Action.Owner,
                    r.Action.DueDate, r.Action.Status, CorrectiveActions.Name(r.Action.Status), r.IsOverdue(today), r.Action.DoneOn, r.Action.Evidence,
                    r.Action.CancelReason, r.Action.Version)));
            })
            .RequirePermission(Permission.ViewPlan).WithTags(tag);
        api.MapPost("/corrective-actions", async (ActionWrite body, SaveAction save, CancellationToken ct) =>
                (await save.HandleAsync(null, body.FindingId, body.Input ?? new(), 0, ct)).ToResult(a => Results.Created($"/api/corrective-actions/{a.Id}", new { a.Id, a.Version }), "Không lưu được"))
            .RequirePermission(Permission.PlanInspections).WithTags(tag);
        api.MapPut("/corrective-actions/{id:int}", async (int id, ActionWrite body, SaveAction save, CancellationToken ct) =>
                (await save.HandleAsync(id, body.FindingId, body.Input ?? new(), body.Version, ct)).ToResult(a => Results.Ok(new { a.Id, a.Version }), "Không lưu được"))
            .RequirePermission(Permission.PlanInspections).WithTags(tag);
        return api;
    }

    private static SessionDto Dto(InspectionSession s) =>
        new(s.Id, s.Date, s.Team, s.Conclusion, s.CheckedOn, InspectionChecklist.SnapshotOf(s), InspectionChecklist.BreachesOf(s), s.Version);
}
