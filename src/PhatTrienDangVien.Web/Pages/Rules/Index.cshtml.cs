using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Rules;

/// <summary>
/// The numbers of the admission procedure with their sources, readable by everyone; the administrator adds a
/// version from a date (never edits one: a case keeps the values it ran under).
/// </summary>
[RequirePermission(Permission.ReadRules)]
public class IndexModel(RuleBookProvider provider, Access access, TimeProvider clock, Data.AppDbContext db) : PageModel
{
    [BindProperty] public RuleVersionInput Input { get; set; } = new();

    public RuleBook Book { get; private set; } = RuleBook.Defaults;
    public RuleSet InForce { get; private set; } = RuleBook.Defaults.At(DateOnly.MinValue);
    public bool CanEdit => access.Has(Permission.ManageRules);
    /// <summary>Whether this user may change the shared rules here (a commune's administrator only while the installation serves that one commune).</summary>
    public bool MayEdit { get; private set; }

    /// <summary>Vietnam's date (UTC+7), as the rules engine counts it.</summary>
    public DateOnly Today => Core.Common.VietnamTime.Today(clock);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    [RequireHandlerPermission(Permission.ManageRules)]
    public async Task<IActionResult> OnPostAsync([FromServices] AddRuleVersion add, CancellationToken ct)
    {
        await LoadAsync(ct);
        // A user who may not change the shared rules here is told so first (the page's note), not about the fields.
        if (InstallationRulesPage.RefuseUnlessMayEdit(this, MayEdit) is { } refused) return refused;
        if (!ModelState.IsValid) return Page();
        var outcome = await add.HandleAsync(Input, ct);
        if (this.Show(outcome) is { } shown) return shown;
        var version = outcome.Value!;
        TempData["Success"] = string.Join(" ",
            [$"Đã thêm phiên bản “{version.Name}” = {ShowValue(version)}, áp dụng từ {version.EffectiveFrom:dd/MM/yyyy}.", .. outcome.Warnings]);
        return Redirect("/Rules");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MayEdit = CanEdit && await InstallationRules.MayEditAsync(db, ct);
        Book = await provider.GetAsync(ct);
        InForce = Book.At(Today);
    }

    /// <summary>
    /// A value as an office reads it: the deciding body by its name, an age in years and months ("18 tuổi 0 tháng",
    /// not "216 tháng"), other numbers the Vietnamese way with their unit ("60 ngày làm việc", "12 tháng").
    /// </summary>
    public static string ShowValue(RuleParameter p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.Key switch
        {
            RuleParameterKeys.DecidingBody => (DecidingBody)(int)p.Value switch
            {
                DecidingBody.CommuneStandingBoard => "Ban Thường vụ Đảng ủy xã",
                DecidingBody.CommuneExecutiveCommittee => "Ban Chấp hành Đảng bộ xã",
                _ => Format(p.Value),
            },
            RuleParameterKeys.MinAgeMonths or RuleParameterKeys.MaxAgeMonths when p.Value == decimal.Truncate(p.Value) =>
                $"{Format(decimal.Truncate(p.Value / 12))} tuổi {Format(p.Value % 12)} tháng",
            _ => $"{Format(p.Value)} {p.Unit}",
        };
    }

    public static string Format(decimal value) => value.ToString("0.####", CultureInfo.GetCultureInfo("vi-VN"));

    /// <summary>A version's place in time: in force today, superseded, or still to come.</summary>
    public string StateOf(RuleParameter p) =>
        p == InForce[p.Key] ? "đang áp dụng" : p.EffectiveFrom > Today ? "sắp áp dụng" : "đã thay thế";
}
