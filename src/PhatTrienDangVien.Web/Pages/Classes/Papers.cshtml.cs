using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Classes;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Classes;

/// <summary>The files exchanged with the centre (<see cref="ClassPapers"/>); a refusal goes back to the class with its message.</summary>
[RequirePermission(Permission.ManageClasses)]
public class PapersModel(ClassPapers papers) : PageModel
{
    public IActionResult OnGet(int id) => Redirect($"/Classes/Details/{id}");

    public async Task<IActionResult> OnGetSheetAsync(int id, CancellationToken ct) => Give(id, await papers.SheetAsync(id, ct));

    public async Task<IActionResult> OnGetLetterAsync(int id, CancellationToken ct) => Give(id, await papers.LetterAsync(id, ct));

    public async Task<IActionResult> OnGetCertificatesAsync(int id, CancellationToken ct) => Give(id, await papers.CertificatesAsync(id, ct));

    private IActionResult Give(int id, Outcome<Web.Documents.Paper> outcome) => this.GiveFile(outcome, $"/Classes/Details/{id}");
}
