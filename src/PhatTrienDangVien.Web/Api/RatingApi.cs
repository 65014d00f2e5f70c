using PhatTrienDangVien.Core.Evaluations;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Evaluations;
using PhatTrienDangVien.Web.Planning;

namespace PhatTrienDangVien.Web.Api;

/// <summary>The annual quality rating by API: the same command (<see cref="SaveRating"/>) and reader (<see cref="RatingReads"/>) as the pages.</summary>
public static class RatingApi
{
    public sealed record RatingWrite(RatingInput Input, int Version);
    public sealed record SettingsWrite(SaveRatingSettings.SettingsInput Input, int? Version);

    public sealed record RatingDto(RatedKind Kind, int CellId, string Cell, int? MemberId, string? FullName, SelfAssessmentForm? Form, RatingLevel? SelfLevel,
        string? SelfAssessment, decimal? Score, bool ExcellentConditionsMet, RatingLevel? LevelFromScore, RatingLevel? Level, string? LevelText, string? OverrideReason,
        string? Explanation, string? DecidingBody, DateOnly? DecidedOn, string? Notes, DevelopmentFacts? Development, decimal? DevelopmentPoints, int Version);

    public static RouteGroupBuilder MapRatingApi(this RouteGroupBuilder api)
    {
        const string tag = "Đánh giá, xếp loại";
        api.MapGet("/ratings", async (int year, RatedKind? kind, int? orgId, AppDbContext db, RatingReads reads, TimeProvider clock, CancellationToken ct) =>
            {
                var today = Core.Common.VietnamTime.Today(clock);
                if (year < 2000 || year > today.Year) return ApiSetup.Problem(StatusCodes.Status400BadRequest, "Không đọc được", $"Năm đánh giá phải từ 2000 đến {today.Year}.");
                if (kind is { } k && !Enum.IsDefined(k)) return ApiSetup.Problem(StatusCodes.Status400BadRequest, "Không đọc được", "Đối tượng đánh giá phải là Cell (chi bộ) hoặc Member (đảng viên).");
                var selection = await PlanData.SelectAsync(db, orgId, ct, allInScope: true);
                if (selection is null) return orgId is null ? Results.Ok(Array.Empty<RatingDto>()) : ApiSetup.NotFoundProblem();
                if (kind == RatedKind.Member)
                    return Results.Ok((await reads.MembersAsync(selection.CellIds, year, ct)).Select(m => Dto(RatedKind.Member, m.CellId, m.Cell, m.MemberId, m.FullName, m.Rating, null, null)));
                return Results.Ok((await reads.CellsAsync(selection.CellIds, year, today, ct)).Select(c => Dto(RatedKind.Cell, c.CellId, c.Cell, null, null, c.Rating, c.Development?.Facts, c.Points)));
            })
            .RequirePermission(Permission.ViewPlan).WithTags(tag);
        api.MapPut("/ratings/{year:int}/{kind}/{id:int}", async (int year, RatedKind kind, int id, RatingWrite body, SaveRating save, CancellationToken ct) =>
            {
                // The cap on "excellent" is a warning, not a refusal: it comes back as the page shows it.
                var o = await save.HandleAsync(year, kind, id, body.Input ?? new(), body.Version, ct);
                return o.ToResult(r => Results.Ok(new { r.Id, r.Version, r.Level, r.LevelFromScore, r.Explanation, o.Warnings }), "Không lưu được");
            })
            .RequirePermission(Permission.SelfAssess).WithTags(tag);
        // The Word papers: the cell's report (form 01), a member's self-review (2A/2B/2C), the summary by level. Read by
        // whoever reads the plan in scope (the inspection committee too); the command says who may have the summary.
        api.MapGet("/ratings/{year:int}/Cell/{id:int}/paper", async (int year, int id, RatingPapers papers, CancellationToken ct) =>
                (await papers.CellReportAsync(year, id, ct)).ToFile())
            .RequirePermission(Permission.ViewPlan).WithTags(tag);
        api.MapGet("/ratings/{year:int}/Member/{id:int}/paper", async (int year, int id, SelfAssessmentForm? form, RatingPapers papers, CancellationToken ct) =>
                (await papers.MemberReviewAsync(year, id, form, ct)).ToFile())
            .RequirePermission(Permission.ViewPlan).WithTags(tag);
        api.MapGet("/ratings/{year:int}/summary-paper", async (int year, RatingPapers papers, CancellationToken ct) => (await papers.SummaryAsync(year, ct)).ToFile())
            .RequirePermission(Permission.ViewPlan).WithTags(tag);
        api.MapGet("/rating-settings", async (RatingReads reads, CancellationToken ct) => Results.Ok(await reads.SettingsAsync(ct) is var s
                ? new { Input = SaveRatingSettings.SettingsInput.From(s), Version = s.Id == 0 ? (int?)null : s.Version } : null))
            .RequirePermission(Permission.ViewPlan).WithTags(tag);
        api.MapPut("/rating-settings", async (SettingsWrite body, SaveRatingSettings save, CancellationToken ct) =>
                (await save.HandleAsync(body.Input ?? new(), body.Version, ct)).ToResult(s => Results.Ok(new { s.Version }), "Không lưu được"))
            .RequirePermission(Permission.RateQuality).WithTags(tag);
        return api;
    }


    private static RatingDto Dto(RatedKind kind, int cellId, string cell, int? memberId, string? name, QualityRatingRecord? r, DevelopmentFacts? facts, decimal? points) =>
        new(kind, cellId, cell, memberId, name, r?.Form, r?.SelfLevel, r?.SelfAssessment, r?.Score, r?.ExcellentConditionsMet ?? false, r?.LevelFromScore, r?.Level,
            r?.Level is { } l ? QualityRatings.Name(l) : null, r?.OverrideReason, r?.Explanation, r?.DecidingBody, r?.DecidedOn, r?.Notes, facts, points, r?.Version ?? 0);
}
