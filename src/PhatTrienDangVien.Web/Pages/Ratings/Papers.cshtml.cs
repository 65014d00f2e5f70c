using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Core.Evaluations;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Classes;
using PhatTrienDangVien.Web.Evaluations;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Ratings;

/// <summary>The rating's Word papers (<see cref="RatingPapers"/>); a refusal goes back to the page it came from with its message.</summary>
[RequirePermission(Permission.ViewPlan)]
public class PapersModel(RatingPapers papers) : PageModel
{
    public IActionResult OnGet(int year) => Redirect($"/Ratings?Year={year}");

    public async Task<IActionResult> OnGetCellAsync(int year, int id, CancellationToken ct) =>
        Give(await papers.CellReportAsync(year, id, ct), $"/Ratings/Edit?Year={year}&Kind=Cell&Id={id}");

    public async Task<IActionResult> OnGetMemberAsync(int year, int id, SelfAssessmentForm? form, CancellationToken ct) =>
        Give(await papers.MemberReviewAsync(year, id, form, ct), $"/Ratings/Edit?Year={year}&Kind=Member&Id={id}");

    public async Task<IActionResult> OnGetSummaryAsync(int year, CancellationToken ct) =>
        Give(await papers.SummaryAsync(year, ct), $"/Ratings?Year={year}");

    private IActionResult Give(Outcome<Web.Documents.Paper> outcome, string back) => this.GiveFile(outcome, back);
}
