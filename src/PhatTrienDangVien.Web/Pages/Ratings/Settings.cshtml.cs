using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Evaluations;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Ratings;

/// <summary>The commune's rating settings: score bands, the cap on "excellent", the development criteria's points, the criteria in words.</summary>
[RequirePermission(Permission.RateQuality)]
public class SettingsModel(RatingReads reads, SaveRatingSettings save) : PageModel
{
    [BindProperty] public SaveRatingSettings.SettingsInput Input { get; set; } = new();
    [BindProperty] public int? Version { get; set; }
    public List<FieldConflict> Conflicts { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var s = await reads.SettingsAsync(ct);
        Input = SaveRatingSettings.SettingsInput.From(s);
        Version = s.Id == 0 ? null : s.Version;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var outcome = await save.HandleAsync(Input, Version, ct);
        if (this.Show(outcome, conflicts: Conflicts) is { } shown) return shown;
        TempData["Success"] = "Đã lưu tiêu chí, ngưỡng điểm và trọng số đánh giá, xếp loại.";
        return Redirect("/Ratings");
    }
}
