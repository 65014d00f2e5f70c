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
using PhatTrienDangVien.Web.Data;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using T = PhatTrienDangVien.Core.Admission.AdmissionStepKind;

namespace PhatTrienDangVien.Web.Api;

/// <summary>
/// The admission procedure by API: a candidate's timeline, recording a step through <see cref="AdmissionService"/>
/// (same rules, same scope, same consequences as the pages), and the rule parameters.
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

    public sealed record RelativeWrite(string? Relationship, string? FullName, VerificationResult? Result, string? Note);

    /// <summary>An introducer: who, and since when together. Status and official date come from the register.</summary>
    public sealed record IntroducerWrite(int? MemberId, DateOnly? TogetherSince);

    /// <summary>One step: the common fields, and those of its kind (the others are ignored).</summary>
    public sealed record StepWrite
    {
        public string? Kind { get; init; }
        public DateOnly? Date { get; init; }
        public string? DocumentNumber { get; init; }
        public string? Note { get; init; }
        public int? MentorMemberId { get; init; }
        public string? CertificateNumber { get; init; }
        public DateOnly? CertificateDate { get; init; }
        public IReadOnlyList<RelativeWrite>? People { get; init; }
        public IntroductionPath? Path { get; init; }
        public IReadOnlyList<IntroducerWrite>? Introducers { get; init; }
        public bool NoYouthUnionOrganisation { get; init; }
        public string? OrganisationResolutionNumber { get; init; }
        public int? For { get; init; }
        public int? Against { get; init; }
        public int? Present { get; init; }
        public int? ExcludedAbsent { get; init; }
        public string? Over60ConsentDocument { get; init; }
        public DateOnly? ReceivedByCellOn { get; init; }
        public string? DecidingBody { get; init; }
        public string? LateConsentDocument { get; init; }
        public string? Reason { get; init; }
    }

    public sealed record RuleDto(
        string Key, string Name, decimal Value, string Unit, string Citation, bool IsConfirmed, DateOnly EffectiveFrom, bool IsDefault);

    public sealed record RulesDto(DateOnly Date, IReadOnlyList<RuleDto> InForce, IReadOnlyList<RuleDto> Versions);

    public static RouteGroupBuilder MapAdmissionApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/candidates").WithTags("Thủ tục kết nạp");
        cases.MapGet("/{id:int}/timeline", async (int id, AdmissionService admission) =>
                await admission.LoadAsync(id) is { } loaded ? Results.Ok(Timeline(loaded)) : ApiSetup.NotFoundProblem())
            .WithSummary("Tiến trình kết nạp của một quần chúng: các bước đã làm, thời hạn, việc tiếp theo")
            .Produces<TimelineDto>().ProducesProblem(StatusCodes.Status404NotFound);

        cases.MapPost("/{id:int}/steps", RecordStepAsync)
            .RequireAuthorization(Policies.EditRecords)
            .WithSummary("Ghi nhận một bước của thủ tục kết nạp (kiểm tra theo quy định)")
            .Accepts<StepWrite>("application/json")
            .Produces<StepCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/rules", async (RuleBookProvider provider, AdmissionService admission) =>
            {
                var book = await provider.GetAsync();
                var today = admission.Context(book).Today;
                var inForce = book.At(today);
                return Results.Ok(new RulesDto(today, [.. RuleParameterKeys.All.Select(k => ToDto(inForce[k]))], [.. book.Versions.Select(ToDto)]));
            })
            .WithTags("Quy định kết nạp")
            .WithSummary("Các tham số quy định đang áp dụng hôm nay và mọi phiên bản, kèm căn cứ")
            .Produces<RulesDto>();
        return api;
    }

    private static async Task<IResult> RecordStepAsync(
        int id, HttpRequest request, AdmissionService admission, AppDbContext db, IOptions<JsonOptions> json)
    {
        // Loaded first: a candidate outside the scope is 404 whatever the body says.
        var loaded = await admission.LoadAsync(id);
        if (loaded is null) return ApiSetup.NotFoundProblem();

        StepWrite? body;
        try
        {
            body = await request.ReadFromJsonAsync<StepWrite>(json.Value.SerializerOptions);
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
        if (!TryKind(body.Kind, out var kind))
        {
            return ApiSetup.Problem(StatusCodes.Status400BadRequest, "Loại bước không hợp lệ",
                $"Loại bước \"{body.Kind}\" không có trong thủ tục. Các loại: {string.Join(", ", Enum.GetNames<T>())}.");
        }

        var state = new ModelStateDictionary();
        Validate(kind, body, state);
        if (!state.IsValid) return ApiSetup.Invalid(state);

        try
        {
            var record = await BuildAsync(kind, body, loaded, admission, db, state);
            if (!state.IsValid || record is null) return ApiSetup.Invalid(state);
            var step = await admission.RecordAsync(loaded, record);
            var after = await admission.LoadAsync(id);
            return Results.Created($"/api/candidates/{id}/timeline", new StepCreated(ToDto(step), Timeline(after!)));
        }
        catch (DomainException e)
        {
            var pd = new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = $"Không ghi nhận được bước \"{StepNames.Of(kind)}\"",
                Detail = e.Message,
            };
            pd.Extensions["rule"] = e.Rule;
            pd.Extensions["citation"] = e.Citation;
            return TypedResults.Problem(pd);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiSetup.Problem(StatusCodes.Status409Conflict, "Xung đột dữ liệu",
                "Hồ sơ vừa được người khác cập nhật; không có gì được ghi. Hãy đọc lại tiến trình rồi gửi lại.");
        }
    }

    private static bool TryKind(string? text, out T kind)
    {
        kind = default;
        // Names only: a number would silently pick a step by its stored value.
        return !string.IsNullOrWhiteSpace(text) && char.IsLetter(text.Trim()[0])
            && Enum.TryParse(text.Trim(), ignoreCase: true, out kind) && Enum.IsDefined(kind);
    }

    private static void Validate(T kind, StepWrite b, ModelStateDictionary state)
    {
        void Require(bool present, string field, string message)
        {
            if (!present) state.AddModelError(field, message);
        }

        Require(b.Date is not null, "date", "Chưa nhập ngày của bước (dạng YYYY-MM-DD).");
        Require(b.Date is null || b.Date.Value.Year is >= 1900 and <= 2199, "date", "Ngày của bước phải trong khoảng 1900–2199.");
        switch (kind)
        {
            case T.MentorAssigned or T.MentorAssessment or T.ProbationMentorAssigned:
                Require(b.MentorMemberId is > 0, "mentorMemberId", "Chưa chọn đảng viên giúp đỡ (mentorMemberId).");
                break;
            case T.AwarenessClass or T.NewMemberClass:
                Require(!string.IsNullOrWhiteSpace(b.CertificateNumber), "certificateNumber", "Chưa nhập số giấy chứng nhận (certificateNumber).");
                Require(b.CertificateDate is not null, "certificateDate", "Chưa nhập ngày cấp giấy chứng nhận (certificateDate).");
                break;
            case T.PersonalHistory:
                Require(b.People is { Count: > 0 }, "people", "Chưa nhập người được thẩm tra lý lịch (people).");
                for (var i = 0; i < (b.People?.Count ?? 0); i++)
                {
                    var p = b.People![i];
                    Require(p is not null && !string.IsNullOrWhiteSpace(p.Relationship), $"people[{i}].relationship", $"Người thứ {i + 1}: chưa nhập quan hệ.");
                    Require(p is not null && !string.IsNullOrWhiteSpace(p.FullName), $"people[{i}].fullName", $"Người thứ {i + 1}: chưa nhập họ tên.");
                    Require(p?.Result is not null, $"people[{i}].result", $"Người thứ {i + 1}: chưa nhập kết quả thẩm tra (Pending, Verified, ExemptPartyMember).");
                }
                break;
            case T.Introduction:
                Require(b.Path is not null, "path", "Chưa chọn hình thức giới thiệu (path: TwoMembers, YouthUnion, TradeUnion).");
                Require(b.Introducers is { Count: > 0 }, "introducers", "Chưa nhập đảng viên giới thiệu (introducers).");
                for (var i = 0; i < (b.Introducers?.Count ?? 0); i++)
                {
                    var x = b.Introducers![i];
                    Require(x?.MemberId is > 0, $"introducers[{i}].memberId", $"Người giới thiệu thứ {i + 1}: chưa chọn đảng viên.");
                    Require(x?.TogetherSince is not null, $"introducers[{i}].togetherSince", $"Người giới thiệu thứ {i + 1}: chưa nhập ngày bắt đầu cùng công tác, sinh sống.");
                }
                break;
            case T.CellVote or T.SubCommitteeVote or T.RecognitionVote:
                Require(b.For is not null, "for", "Chưa nhập số phiếu tán thành (for).");
                Require(b.Against is not null, "against", "Chưa nhập số phiếu không tán thành (against).");
                Require(b.Present is not null, "present", "Chưa nhập số đảng viên có mặt (present).");
                // A cell or committee has at most a few hundred voters: larger numbers are typing errors (and would overflow).
                Require(b.For is null or (>= 0 and <= 10_000), "for", "Số phiếu tán thành phải từ 0 đến 10.000.");
                Require(b.Against is null or (>= 0 and <= 10_000), "against", "Số phiếu không tán thành phải từ 0 đến 10.000.");
                Require(b.Present is null or (>= 0 and <= 10_000), "present", "Số có mặt phải từ 0 đến 10.000.");
                break;
            case T.DecisionExtension or T.Removal or T.Withdrawal:
                Require(!string.IsNullOrWhiteSpace(b.Reason), "reason", "Chưa ghi lý do (reason).");
                break;
        }
    }

    /// <summary>The Core call for <paramref name="kind"/>, with what the register knows looked up here, never taken from the client.</summary>
    private static async Task<Func<AdmissionCase, StepContext, StepRecord>?> BuildAsync(
        T kind, StepWrite b, AdmissionService.LoadedCase loaded, AdmissionService admission, AppDbContext db, ModelStateDictionary state)
    {
        var candidate = loaded.Candidate;
        var date = b.Date!.Value;
        SimpleStepInput Simple() => new() { Date = date, DocumentNumber = b.DocumentNumber, Note = b.Note };
        MentorInput Mentor() => new() { Date = date, DocumentNumber = b.DocumentNumber, Note = b.Note, MentorMemberId = b.MentorMemberId!.Value };
        ClassInput Class() => new()
        {
            Date = date, DocumentNumber = b.DocumentNumber, Note = b.Note, CertificateNumber = b.CertificateNumber!, CertificateDate = b.CertificateDate!.Value,
        };
        VoteInput Vote() => new() { Date = date, DocumentNumber = b.DocumentNumber, Note = b.Note, For = b.For!.Value, Against = b.Against!.Value, Present = b.Present!.Value };
        ReasonInput Reason() => new() { Date = date, DocumentNumber = b.DocumentNumber, Note = b.Note, Reason = b.Reason! };

        switch (kind)
        {
            case T.SourcePool: return (c, ctx) => c.RecordSourcePool(Simple(), ctx);
            case T.Application: return (c, ctx) => c.RecordApplication(Simple(), ctx);
            case T.Opinions: return (c, ctx) => c.RecordOpinions(Simple(), ctx);
            case T.RecognitionDecision: return (c, ctx) => c.RecordRecognitionDecision(Simple(), ctx);
            case T.AwarenessClass: return (c, ctx) => c.RecordAwarenessClass(Class(), ctx);
            case T.NewMemberClass: return (c, ctx) => c.RecordNewMemberClass(Class(), ctx);
            case T.DecisionExtension: return (c, ctx) => c.RecordDecisionExtension(Reason(), ctx);
            case T.Removal: return (c, ctx) => c.RecordRemoval(Reason(), ctx);
            case T.Withdrawal: return (c, ctx) => c.RecordWithdrawal(Reason(), ctx);
            case T.MentorAssigned or T.MentorAssessment or T.ProbationMentorAssigned:
            {
                var mentor = await MembersAsync(db, candidate.CommuneId, [b.MentorMemberId!.Value]);
                if (!mentor.TryGetValue(b.MentorMemberId!.Value, out var m))
                    state.AddModelError("mentorMemberId", $"Không có đảng viên mã {b.MentorMemberId} trong đảng bộ.");
                else if (m.Status != MemberStatus.Official)
                    state.AddModelError("mentorMemberId", $"Đảng viên mã {b.MentorMemberId} chưa là đảng viên chính thức: không thể phân công giúp đỡ.");
                if (!state.IsValid) return null;
                await admission.CheckMentorAsync(candidate, kind, b.MentorMemberId!.Value);
                return kind switch
                {
                    T.MentorAssigned => (c, ctx) => c.RecordMentorAssigned(Mentor(), ctx),
                    T.MentorAssessment => (c, ctx) => c.RecordMentorAssessment(Mentor(), ctx),
                    _ => (c, ctx) => c.RecordProbationMentorAssigned(Mentor(), ctx),
                };
            }
            case T.PersonalHistory:
            {
                var input = new PersonalHistoryInput
                {
                    Date = date, DocumentNumber = b.DocumentNumber, Note = b.Note,
                    People = [.. b.People!.Select(p => new RelativeVerification
                    {
                        Relationship = p.Relationship!, FullName = p.FullName!, Result = p.Result!.Value, Note = p.Note,
                    })],
                };
                return (c, ctx) => c.RecordPersonalHistory(input, ctx);
            }
            case T.Introduction:
            {
                var ids = b.Introducers!.Select(i => i.MemberId!.Value).Distinct().ToList();
                var register = await MembersAsync(db, candidate.CommuneId, ids);
                foreach (var missing in ids.Where(i => !register.ContainsKey(i)))
                    state.AddModelError("introducers", $"Không có đảng viên mã {missing} trong đảng bộ.");
                if (!state.IsValid) return null;
                var input = new IntroductionInput
                {
                    Date = date, DocumentNumber = b.DocumentNumber, Note = b.Note, Path = b.Path!.Value,
                    Introducers = [.. b.Introducers!.Select(i => new IntroducerInput
                    {
                        MemberId = i.MemberId!.Value,
                        Status = register[i.MemberId!.Value].Status,
                        OfficialSince = register[i.MemberId!.Value].OfficialDate,
                        TogetherSince = i.TogetherSince!.Value,
                    })],
                    // From the person record, as the register knows it: not a claim of the client.
                    ApplicantIsYouthUnionMember = candidate.Person.IsYouthUnionMember,
                    NoYouthUnionOrganisation = b.NoYouthUnionOrganisation,
                    OrganisationResolutionNumber = b.OrganisationResolutionNumber,
                };
                return (c, ctx) => c.RecordIntroduction(input, ctx);
            }
            case T.CellVote:
            {
                var roster = await admission.RosterAsync(candidate.CellId, b.ExcludedAbsent ?? 0);
                var input = new CellVoteInput
                {
                    Date = date, DocumentNumber = b.DocumentNumber, Note = b.Note, For = b.For!.Value, Against = b.Against!.Value,
                    Present = b.Present!.Value, Over60ConsentDocument = b.Over60ConsentDocument,
                };
                return (c, ctx) => c.RecordCellVote(input, roster, ctx);
            }
            case T.SubCommitteeVote:
            {
                var roster = new SubCommitteeRoster(await admission.SubCommitteeSizeAsync(candidate.CellId));
                return (c, ctx) => c.RecordSubCommitteeVote(Vote(), roster, ctx);
            }
            case T.RecognitionVote:
            {
                var roster = await admission.RosterAsync(candidate.CellId, b.ExcludedAbsent ?? 0);
                return (c, ctx) => c.RecordRecognitionVote(Vote(), roster, ctx);
            }
            case T.Decision:
            {
                var input = new DecisionInput
                {
                    Date = date, DocumentNumber = b.DocumentNumber, Note = b.Note, ReceivedByCellOn = b.ReceivedByCellOn, DecidingBody = b.DecidingBody,
                };
                return (c, ctx) => c.RecordDecision(input, ctx);
            }
            case T.Ceremony:
            {
                var input = new CeremonyInput { Date = date, DocumentNumber = b.DocumentNumber, Note = b.Note, LateConsentDocument = b.LateConsentDocument };
                return (c, ctx) => c.RecordCeremony(input, ctx);
            }
            default:
                state.AddModelError("kind", $"Loại bước \"{kind}\" chưa được hỗ trợ qua API.");
                return null;
        }
    }

    // The register of the whole commune: an introducer or mentor may belong to another cell than the candidate.
    private static async Task<Dictionary<int, Member>> MembersAsync(AppDbContext db, int communeId, List<int> ids) =>
        await db.Members.IgnoreQueryFilters().AsNoTracking().Where(m => m.CommuneId == communeId && ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id);

    public static TimelineDto Timeline(AdmissionService.LoadedCase loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var (c, admissionCase, book, ctx) = (loaded.Candidate, loaded.Case, loaded.Rules, loaded.Context);
        var calendar = ctx.Calendar;
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
