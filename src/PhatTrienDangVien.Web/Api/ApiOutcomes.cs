using Microsoft.AspNetCore.Mvc;
using PhatTrienDangVien.Web.Application;

namespace PhatTrienDangVien.Web.Api;

/// <summary>A command's outcome as HTTP: the same decision the page shows, as a status and RFC 7807 problem details.</summary>
public static class ApiOutcomes
{
    /// <summary>A paper a command made, as the download; a refusal as its problem.</summary>
    public static IResult ToFile(this Outcome<Documents.Paper> outcome) =>
        outcome.ToResult(p => Results.File(p.Content, p.ContentType, p.FileName), "Không lập được tệp");

    public static IResult ToResult<T>(this Outcome<T> outcome, Func<T, IResult> done, string? refusedTitle = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(done);
        switch (outcome.Status)
        {
            case OutcomeStatus.Done:
                return done(outcome.Value!);
            case OutcomeStatus.NotFound:
                return ApiSetup.NotFoundProblem();
            case OutcomeStatus.Forbidden:
                return ApiSetup.Problem(StatusCodes.Status403Forbidden, "Không có quyền", outcome.Message);
            case OutcomeStatus.Invalid:
                return TypedResults.ValidationProblem(
                    outcome.Errors.GroupBy(e => JsonPath(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                    title: "Dữ liệu không hợp lệ", detail: outcome.Message);
            case OutcomeStatus.Refused:
            {
                var pd = new ProblemDetails
                {
                    Status = StatusCodes.Status422UnprocessableEntity,
                    Title = refusedTitle ?? "Không ghi nhận được",
                    Detail = outcome.Message,
                };
                pd.Extensions["rule"] = outcome.Rule;
                pd.Extensions["citation"] = outcome.Citation;
                return TypedResults.Problem(pd);
            }
            default:
            {
                var pd = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Xung đột dữ liệu", Detail = outcome.Message };
                pd.Extensions["conflicts"] = outcome.Conflicts.Select(c => new { field = c.Field, yours = c.Yours, theirs = c.Theirs }).ToList();
                return TypedResults.Problem(pd);
            }
        }
    }

    /// <summary>"People[0].FullName" → "people[0].fullName": the API speaks camelCase throughout.</summary>
    public static string JsonPath(string field) =>
        string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
