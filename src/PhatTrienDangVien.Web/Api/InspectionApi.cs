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

    public sealed record SessionDto(int Id, int PlanItemId, DateOnly Date, string Team, string? Conclusion, DateOnly? CheckedOn, InspectionSnapshot? Snapshot,
        IReadOnlyList<CheckedBreach> Breaches, IReadOnlyList<FindingDto> Findings, int Version);
    public sealed record FindingDto(int Id, string Text, int? CandidateId, string? CaseName, CheckKind? Check, IReadOnlyList<ActionDto> Actions, int Version);
    public sealed record PlanDto(int Id, int Year, InspectionKind Kind, string KindText, int CellId, string Cell, string Topic, DateOnly From, DateOnly To, string Team,
        string? Notes, int Findings, int OpenActions, int OverdueActions, IReadOnlyList<SessionDto> Sessions, int Version);
    public sealed record ActionDto(int Id, int FindingId, string Finding, int SessionId, string Cell, string Task, string Owner, DateOnly DueDate, ActionStatus Status,
        string StatusText, bool Overdue, DateOnly? DoneOn, string? Evidence, string? CancelReason, int Version);

    /// <summary>The cells asked for: an organisation's, or all the user sees (closed cells with inspections included).</summary>
    private static async Task<IReadOnlyCollection<int>?> CellsAsync(AppDbContext db, int? orgId, CancellationToken ct)
    {
        if (orgId is null) return [.. (await Pages.Shared.Lookups.CellChoicesAsync(db, InspectionReads.InspectedCells(db), ct)).Select(c => c.Id)];
        return (await PlanData.SelectAsync(db, orgId, ct, allInScope: true))?.CellIds;
    }

    public static RouteGroupBuilder MapInspectionApi(this RouteGroupBuilder api)
    {
        const string tag = "Kiểm tra, giám sát";
        api.MapGet("/inspections", async (int? year, int? orgId, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                if (await CellsAsync(db, orgId, ct) is not { } cells) return ApiSetup.NotFoundProblem();
                var today = Core.Common.VietnamTime.Today(clock);
                var rows = await InspectionReads.PlanAsync(db, cells, year ?? today.Year, today, ct);
                return Results.Ok(rows.Select(r => Dto(r, [], today)));
            })
            .RequirePermission(Permission.ViewPlan).WithTags(tag);
        api.MapGet("/inspections/{id:int}", async (int id, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var item = await db.InspectionPlanItems.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
                if (item is null) return ApiSetup.NotFoundProblem();
                var today = Core.Common.VietnamTime.Today(clock);
                var row = (await InspectionReads.PlanAsync(db, [item.CellId], item.Year, today, ct)).Single(r => r.Item.Id == id);
                return Results.Ok(Dto(row, await InspectionReads.FindingsOfSessionsAsync(db, row.Sessions, ct), today));
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

        api.MapGet("/inspection-sessions/{id:int}", async (int id, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                await db.InspectionSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } s
                    ? Results.Ok(Dto(s, await InspectionReads.FindingsOfSessionAsync(db, s, ct), Core.Common.VietnamTime.Today(clock)))
                    : ApiSetup.NotFoundProblem())
            .RequirePermission(Permission.ViewPlan).WithTags(tag);
        api.MapPost("/inspection-sessions", async (SessionWrite body, SaveSession save, CancellationToken ct) =>
                (await save.HandleAsync(null, body.PlanItemId, body.Input ?? new(), 0, ct)).ToResult(s => Results.Created($"/api/inspection-sessions/{s.Id}", new { s.Id, s.Version }), "Không lưu được"))
            .RequirePermission(Permission.RecordInspection).WithTags(tag);
        api.MapPut("/inspection-sessions/{id:int}", async (int id, SessionWrite body, SaveSession save, CancellationToken ct) =>
                (await save.HandleAsync(id, body.PlanItemId, body.Input ?? new(), body.Version, ct)).ToResult(s => Results.Ok(new { s.Id, s.Version }), "Không lưu được"))
            .RequirePermission(Permission.RecordInspection).WithTags(tag);
        api.MapPost("/inspection-sessions/{id:int}/checklist", async (int id, RunChecklist run, CancellationToken ct) =>
                (await run.HandleAsync(id, ct)).ToResult(s => Results.Ok(new { s.Id, s.CheckedOn, Snapshot = InspectionChecklist.SnapshotOf(s), Breaches = InspectionChecklist.BreachesOf(s), s.Version }), "Không chạy được bảng kiểm"))
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
                if (show is { } sh && !Enum.IsDefined(sh)) return ApiSetup.Problem(StatusCodes.Status400BadRequest, "Danh sách không có: Open, Overdue, Done, Cancelled hoặc All.");
                if (await CellsAsync(db, orgId, ct) is not { } cells) return ApiSetup.NotFoundProblem();
                var today = Core.Common.VietnamTime.Today(clock);
                var rows = await InspectionReads.ActionsAsync(db, cells, year, show ?? InspectionReads.ActionFilter.All, today, ct);
                return Results.Ok(rows.Select(r => Dto(r.Action, r.Finding, r.SessionId, r.Cell, today)));
            })
            .RequirePermission(Permission.ViewPlan).WithTags(tag);
        api.MapGet("/corrective-actions/{id:int}", async (int id, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var today = Core.Common.VietnamTime.Today(clock);
                var row = (await InspectionReads.ActionsAsync(db, null, null, InspectionReads.ActionFilter.All, today, ct)).FirstOrDefault(r => r.Action.Id == id);
                return row is null ? ApiSetup.NotFoundProblem() : Results.Ok(Dto(row.Action, row.Finding, row.SessionId, row.Cell, today));
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

    private static ActionDto Dto(CorrectiveAction a, string finding, int sessionId, string cell, DateOnly today) =>
        new(a.Id, a.FindingId, finding, sessionId, cell, a.Task, a.Owner, a.DueDate, a.Status, CorrectiveActions.Name(a.Status),
            CorrectiveActions.IsOverdue(a.Status, a.DueDate, today), a.DoneOn, a.Evidence, a.CancelReason, a.Version);

    private static SessionDto Dto(InspectionSession s, IReadOnlyList<InspectionReads.FindingRow> findings, DateOnly today) =>
        new(s.Id, s.PlanItemId, s.Date, s.Team, s.Conclusion, s.CheckedOn, InspectionChecklist.SnapshotOf(s), InspectionChecklist.BreachesOf(s),
            [.. findings.Where(f => f.Finding.SessionId == s.Id).Select(f => new FindingDto(f.Finding.Id, f.Finding.Text, f.Finding.CandidateId, f.CaseName, f.Finding.Check,
                [.. f.Actions.Select(a => Dto(a, f.Finding.Text, s.Id, f.Cell, today))], f.Finding.Version))], s.Version);

    private static PlanDto Dto(InspectionReads.PlanRow r, IReadOnlyList<InspectionReads.FindingRow> findings, DateOnly today) =>
        new(r.Item.Id, r.Item.Year, r.Item.Kind, InspectionWords.Kind(r.Item.Kind), r.Item.CellId, r.Cell, r.Item.Topic, r.Item.From, r.Item.To, r.Item.Team,
            r.Item.Notes, r.Findings, r.OpenActions, r.OverdueActions, [.. r.Sessions.Select(s => Dto(s, findings, today))], r.Item.Version);
}
