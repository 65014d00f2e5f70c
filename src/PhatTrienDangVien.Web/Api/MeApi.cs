using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Home;

namespace PhatTrienDangVien.Web.Api;

/// <summary>The signed-in user's own work: the home page's sections (<see cref="HomeTasks"/>), every row of each.</summary>
public static class MeApi
{
    public sealed record TaskDto(
        string Kind, string KindName, int? CandidateId, int? MemberId, string FullName, int CellId, string Cell, AdmissionStage Stage, string StageName,
        AdmissionStepKind Step, string StepName, DateOnly? DueDate, int? WorkingDaysLeft, bool IsOverdue, string Action, string Link);

    public sealed record SectionDto(string Key, string Title, int Count, string ListLink, IReadOnlyList<TaskDto> Items);

    public sealed record CorrectionDto(int Id, int CellId, string Cell, string Task, string Owner, DateOnly DueDate, bool IsOverdue, string Finding, string Link);

    public sealed record TasksDto(DateOnly Today, int DueSoonWorkingDays, IReadOnlyList<SectionDto> Sections, IReadOnlyList<CorrectionDto> Corrections);

    public static RouteGroupBuilder MapMeApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/me").WithTags("Việc của tôi").MapGet("/tasks", async (HomeTasks home, Access access, CancellationToken ct) =>
            {
                var tasks = await home.ForCurrentUserAsync(ct);
                return Results.Ok(new TasksDto(tasks.Today, tasks.DueSoonWorkingDays, [.. tasks.Sections.Select(s => new SectionDto(
                    s.Key, s.Title, s.Items.Count, s.ListLink, [.. s.Items.Select(i => Dto(i, s.ActionOf(i, access)))]))],
                    [.. tasks.Corrections.Select(a => new CorrectionDto(a.Action.Id, a.Action.CellId, a.Cell, a.Action.Task, a.Action.Owner, a.Action.DueDate,
                        a.IsOverdue(tasks.Today), a.Finding, $"/Inspections/Session/{a.SessionId}#action-{a.Action.Id}"))]));
            })
            // The home page's own permission and scope: the API answers what the page shows.
            .RequirePermission(Permission.ReadRecords)
            .WithSummary("Việc cần làm tuần này của người đang đăng nhập, như trang chủ: quá hạn, đến hạn, nhận xét, người giúp đỡ, hết dự bị, việc khắc phục sau kiểm tra")
            .Produces<TasksDto>();
        return api;
    }

    private static TaskDto Dto(WorkList.Item i, WorkText.Action action) => new(i.Kind.ToString(), WorkText.KindName(i), i.IsRegisterMember ? null : i.CandidateId, i.MemberId, i.FullName, i.CellId, i.Cell, i.Stage, StepNames.Of(i.Stage),
            i.Next.Kind, StepNames.Of(i.Next.Kind), i.Next.DueDate, i.Next.WorkingDaysLeft, i.IsOverdue, action.Text, action.Link);
}
