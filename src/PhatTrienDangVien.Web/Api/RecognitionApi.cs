using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Calendar;

namespace PhatTrienDangVien.Web.Api;

/// <summary>
/// "Mở hồ sơ xét công nhận chính thức" by API: the command the member page's button calls (<see cref="OpenRecognition"/>),
/// answering with the new case's timeline.
/// </summary>
public static class RecognitionApi
{
    public static RouteGroupBuilder MapRecognitionApi(this RouteGroupBuilder api)
    {
        api.MapPost("/members/{id:int}/recognition-case", async (int id, OpenRecognition open, AdmissionCases cases, CalendarService calendars, CancellationToken ct) =>
            {
                var outcome = await open.HandleAsync(id, ct);
                if (!outcome.IsDone) return outcome.ToResult(_ => Results.Empty, "Không mở được hồ sơ xét công nhận chính thức");
                var loaded = await cases.LoadAsync(outcome.Value!.Id, ct);
                return Results.Created($"/api/candidates/{outcome.Value.Id}/timeline", AdmissionApi.Timeline(loaded!, await calendars.GetAsync(ct)));
            })
            // Who may record the recognition steps of the member's cell; the scope decides which members.
            .RequirePermission(Permission.RecordStep)
            .WithTags("Thủ tục kết nạp")
            .WithSummary("Mở hồ sơ xét công nhận chính thức cho đảng viên dự bị nhập từ sổ đảng viên (ghi quyết định, lễ kết nạp từ sổ)")
            .Produces<AdmissionApi.TimelineDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }
}
