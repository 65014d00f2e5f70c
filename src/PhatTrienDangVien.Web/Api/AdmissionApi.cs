using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using T = PhatTrienDangVien.Core.Admission.AdmissionStepKind;

namespace PhatTrienDangVien.Web.Api;

/// <summary>
/// The admission procedure by API: a candidate's timeline, recording a step through <see cref="RecordStep"/> (the
/// command the step form calls), and the rule parameters.
/// </summary>
public static class AdmissionApi
{
    public sealed record CandidateSummary(
        int Id, string FullName, DateOnly DateOfBirth, Gender Gender, int CellId, string Cell, CandidateStatus Status,
        DateOnly AddedOn, int? MentorMemberId, bool IsYouthUnionMember);

    public sealed record StepDto(
        int Id, T Kind, string KindName, DateOnly Date, string? DocumentNumber, string RecordedBy, DateTime RecordedAtUtc,
        string? Note, VoteOutcome? Outcome, DateOnly? DueDate, bool IsLate, JsonElement? Details);

    public sealed record DeadlineDto(T Kind, string KindName, DateOnly DueDate, DateOnly BasedOn, string RuleKey, DateOnly? MetOn, bool IsLate);

    public sealed record NextActionDto(T Kind, string KindName, DateOnly? DueDate, int? WorkingDaysLeft, DateOnly? NotBefore, string? RuleKey);

    public sealed record KindDto(T Kind, string Name);

    public sealed record KeyDatesDto(
        DateOnly? CellResolution, DateOnly? Decision, DateOnly? Ceremony, DateOnly? ProbationEnd, DateOnly? Official, DateOnly? PartyAgeFrom);

    public sealed record TimelineDto(
        CandidateSummary Candidate, DateOnly Today, AdmissionStage Stage, string StageName, IReadOnlyList<StepDto> Steps,
        IReadOnlyList<DeadlineDto> Deadlines, NextActionDto? NextAction, IReadOnlyList<KindDto> AllowedNext, KeyDatesDto KeyDates);

    public sealed record StepCreated(StepDto Step, TimelineDto Timeline);

    /// <summary>One step: its kind by name, and the fields of <see cref="StepData"/> that the kind reads.</summary>
    public sealed class StepWrite : StepData
    {
        public string? Kind { get; set; }
    }

    public sealed record RuleDto(
        string Key, string Name, decimal Value, string Unit, string Citation, bool IsConfirmed, DateOnly EffectiveFrom, bool IsDefault);

    public sealed record RulesDto(DateOnly Date, IReadOnlyList<RuleDto> InForce, IReadOnlyList<RuleDto> Versions);

    public static RouteGroupBuilder MapAdmissionApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/candidates").WithTags("Thủ tục kết nạp");
        cases.MapGet("/{id:int}/timeline", async (int id, AdmissionCases admission, CalendarService calendars, CancellationToken ct) =>
                await admission.LoadAsync(id, ct) is { } loaded ? Results.Ok(Timeline(loaded, await calendars.GetAsync(ct))) : ApiSetup.NotFoundProblem())
            .RequirePermission(Permission.ReadRecords)
            .WithSummary("Tiến trình kết nạp của một quần chúng: các bước đã làm, thời hạn, việc tiếp theo")
            .Produces<TimelineDto>().ProducesProblem(StatusCodes.Status404NotFound);

        cases.MapPost("/{id:int}/steps", RecordStepAsync)
            // The least any step needs; the command checks the kind's own permission, as it does for the form.
            .RequirePermission(Permission.WriteAssessment)
            .WithSummary("Ghi nhận một bước của thủ tục kết nạp (kiểm tra theo quy định)")
            .Accepts<StepWrite>("application/json")
            .Produces<StepCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        cases.MapPost("/{id:int}/steps/{stepId:int}/forms/{key}", async (int id, int stepId, string key, int? variant, string? number, bool? confirm, Documents.IssueForm issue, CancellationToken ct) =>
                (await issue.HandleAsync(id, stepId, key, variant ?? 0, number, ct, confirm ?? false)).ToResult(doc =>
                    Results.File(doc.Content, Pages.Candidates.TimelineModel.DocxContentType, doc.FileName)))
            // The same command as the timeline's "Lập …" buttons: the same number, the same file kept with the step.
            .RequirePermission(Permission.IssueForms)
            .WithSummary("Lập một biểu mẫu Word của một bước (như nút “Lập …” trên trang tiến trình): trả về tệp .docx, lưu kèm bước, cấp số; `number` (tùy chọn): số theo sổ văn bản, ví dụ 38 hoặc 38-NQ/ĐU; `confirm=true` khi số gõ cao hơn số tiếp theo của sổ quá 10 số")
            .Produces(StatusCodes.Status200OK, contentType: Pages.Candidates.TimelineModel.DocxContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/rules", async (RuleBookProvider provider, TimeProvider clock, CancellationToken ct) =>
            {
                var book = await provider.GetAsync(ct);
                var today = Core.Common.VietnamTime.Today(clock);
                var inForce = book.At(today);
                return Results.Ok(new RulesDto(today, [.. RuleParameterKeys.All.Select(k => ToDto(inForce[k]))], [.. book.Versions.Select(ToDto)]));
            })
            .RequirePermission(Permission.ReadRules)
            .WithTags("Quy định kết nạp")
            .WithSummary("Các tham số quy định đang áp dụng hôm nay và mọi phiên bản, kèm căn cứ")
            .Produces<RulesDto>();
        return api;
    }

    private static async Task<IResult> RecordStepAsync(int id, HttpRequest request, RecordStep recordStep, AdmissionCases admission,
        CalendarService calendars, IOptions<JsonOptions> json, CancellationToken ct)
    {
        StepWrite? body;
        try
        {
            body = await request.ReadFromJsonAsync<StepWrite>(json.Value.SerializerOptions, ct);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } p ? $" (trường {p[2..]})" : "";
            return ApiSetup.Problem(StatusCodes.Status400BadRequest, "Dữ liệu không đọc được",
                $"Nội dung gửi lên không phải JSON hợp lệ hoặc có giá trị sai kiểu{field}. Ngày viết dạng YYYY-MM-DD.");
        }
        catch (InvalidOperationException)
        {
            return ApiSetup.Problem(StatusCodes.Status400BadRequest, "Dữ liệu không đọc được", "Nội dung gửi lên phải là JSON (Content-Type: application/json).");
        }
        if (body is null) return ApiSetup.Problem(StatusCodes.Status400BadRequest, "Thiếu dữ liệu", "Chưa gửi nội dung của bước.");
        if (!StepKinds.TryParse(body.Kind, out var kind))
        {
            // Out of scope first: a candidate the user cannot see is 404 whatever the body says.
            if (await admission.LoadAsync(id, ct) is null) return ApiSetup.NotFoundProblem();
            return ApiSetup.Problem(StatusCodes.Status400BadRequest, "Loại bước không hợp lệ",
                $"Loại bước \"{Pages.Shared.VietnameseModelBinding.Cut(body.Kind)}\" không có trong thủ tục. Các loại: {string.Join(", ", Enum.GetNames<T>())}.");
        }
        body.People ??= [];
        body.Introducers ??= [];
        var outcome = await recordStep.HandleAsync(id, kind, body, null, ct);
        if (!outcome.IsDone) return outcome.ToResult(_ => Results.Empty, $"Không ghi nhận được bước \"{StepNames.Of(kind)}\"");
        var after = await admission.LoadAsync(id, ct);
        return Results.Created($"/api/candidates/{id}/timeline", new StepCreated(ToDto(outcome.Value!), Timeline(after!, await calendars.GetAsync(ct))));
    }

    public static TimelineDto Timeline(LoadedCase loaded, Core.Calendar.WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var (c, admissionCase, book, ctx) = (loaded.Candidate, loaded.Case, loaded.Rules, loaded.Context);
        var next = Deadlines.NextAction(admissionCase, book, calendar, ctx.Today);
        var stage = admissionCase.CurrentStage;
        return new TimelineDto(
            new CandidateSummary(c.Id, c.Person.FullName, c.Person.DateOfBirth, c.Person.Gender, c.CellId, c.Cell.Name, c.Status, c.AddedOn,
                c.MentorMemberId, c.Person.IsYouthUnionMember),
            ctx.Today,
            stage,
            StepNames.Of(stage),
            [.. admissionCase.Steps.Select(ToDto)],
            [.. Deadlines.For(admissionCase, book, calendar).Select(d => new DeadlineDto(d.Kind, StepNames.Of(d.Kind), d.DueDate, d.BasedOn, d.RuleKey, d.MetOn, d.IsLate))],
            next is null ? null : new NextActionDto(next.Kind, StepNames.Of(next.Kind), next.DueDate, next.WorkingDaysLeft, next.NotBefore, next.RuleKey),
            [.. admissionCase.AllowedNext(book, ctx.Today).Select(k => new KindDto(k, StepNames.Of(k)))],
            new KeyDatesDto(admissionCase.CellResolutionDate, admissionCase.AdmissionDecisionDate, admissionCase.CeremonyDate,
                admissionCase.ProbationEnd, admissionCase.OfficialDate, admissionCase.PartyAgeFrom));
    }

    private static StepDto ToDto(StepRecord s)
    {
        // Stored with the Core's own names (PascalCase); the API speaks camelCase throughout.
        JsonElement? details = s.Details is null ? null : JsonSerializer.SerializeToElement(CamelCase(JsonNode.Parse(s.Details)));
        return new StepDto(s.Id, s.Kind, StepNames.Of(s.Kind), s.Date, s.DocumentNumber, s.RecordedBy,
            DateTime.SpecifyKind(s.RecordedAtUtc, DateTimeKind.Utc), s.Note, s.Outcome,
            s.DueDate, s.IsLate, details);
    }

    private static JsonNode? CamelCase(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(JsonNamingPolicy.CamelCase.ConvertName(kv.Key), CamelCase(kv.Value?.DeepClone())))),
        JsonArray a => new JsonArray([.. a.Select(x => CamelCase(x?.DeepClone()))]),
        _ => node?.DeepClone(),
    };

    private static RuleDto ToDto(RuleParameter p) =>
        new(p.Key, p.Name, p.Value, p.Unit, p.Citation, p.IsConfirmed, p.EffectiveFrom, p.Id == 0);
}
