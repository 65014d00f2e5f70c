using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Search;

namespace PhatTrienDangVien.Web.Api;

/// <summary><c>GET /api/search?q=</c>: the header's search (<see cref="PeopleSearch"/>), the same people as the page.</summary>
public static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        api.MapGet("/search", async (PeopleSearch search, AccessTrail trail, string? q, CancellationToken ct) =>
        {
            var result = await search.FindAsync(q, ct);
            if (result.Message is { } message) return ApiSetup.Problem(StatusCodes.Status400BadRequest, "Yêu cầu không hợp lệ", message);
            // Names and cells read by a program are on the trail, as the list endpoints' reads are.
            await trail.ReadByApiAsync("Tìm kiếm", result.Members.Count + result.Candidates.Count, null, ct);
            return Results.Ok(new
            {
                query = result.Query, memberTotal = result.MemberTotal, candidateTotal = result.CandidateTotal,
                items = result.Members.Concat(result.Candidates).Select(h => new
                {
                    kind = h.Kind == PeopleSearch.MemberKind ? "member" : "candidate", kindName = h.Kind, h.Id, h.FullName, h.BirthYear, h.Cell, h.Status, h.Url,
                }),
            });
        }).RequirePermission(Permission.ReadRecords).WithTags("Tìm kiếm");
        return api;
    }
}
