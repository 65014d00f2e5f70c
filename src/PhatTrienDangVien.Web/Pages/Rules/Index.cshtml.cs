using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using K = PhatTrienDangVien.Core.Admission.RuleParameterKeys;

namespace PhatTrienDangVien.Web.Pages.Rules;

/// <summary>
/// The numbers of the admission procedure with their sources, readable by everyone; the administrator adds a
/// version from a date (never edits one: a case keeps the values it ran under).
/// </summary>
[RequirePermission(Permission.ReadRules)]
public class IndexModel(AppDbContext db, RuleBookProvider provider, Access access, TimeProvider clock) : PageModel
{
    [BindProperty] public VersionInput Input { get; set; } = new();

    public RuleBook Book { get; private set; } = RuleBook.Defaults;
    public RuleSet InForce { get; private set; } = RuleBook.Defaults.At(DateOnly.MinValue);
    public bool CanEdit => access.Has(Permission.ManageRules);

    /// <summary>Vietnam's date (UTC+7), as the rules engine counts it.</summary>
    public DateOnly Today => Core.Common.VietnamTime.Today(clock);

    public sealed class VersionInput
    {
        [Display(Name = "Tham số"), Required(ErrorMessage = "Hãy chọn tham số.")]
        public string? Key { get; set; }

        /// <summary>Text, parsed here: under vi-VN a "." is a thousands separator, and "4.5" must not become 45.</summary>
        [Display(Name = "Giá trị"), Required(ErrorMessage = "Hãy nhập giá trị.")]
        public string? Value { get; set; }

        [Display(Name = "Áp dụng từ ngày"), Required(ErrorMessage = "Hãy nhập ngày bắt đầu áp dụng.")]
        public DateOnly? EffectiveFrom { get; set; }

        [Display(Name = "Căn cứ"), Required(ErrorMessage = "Hãy ghi căn cứ (văn bản, điều khoản)."), StringLength(500, ErrorMessage = "Căn cứ tối đa 500 ký tự.")]
        public string? Citation { get; set; }

        [Display(Name = "Đã xác nhận với văn bản")]
        public bool IsConfirmed { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await InstallationRules.CommuneAdminMayEditAsync(db, ct))
        {
            TempData["Error"] = InstallationRules.RefusedMessage;
            return Redirect(Request.Path);
        }
        var stored = await db.RuleParameters.AsNoTracking().ToListAsync(ct);
        var version = Validate(stored);
        if (version is null)
        {
            await LoadAsync(ct);
            return Page();
        }

        db.RuleParameters.Add(version);
        await db.SaveChangesAsync(ct);
        var message = $"Đã thêm phiên bản “{version.Name}” = {Format(version.Value)} {version.Unit}, áp dụng từ {version.EffectiveFrom:dd/MM/yyyy}.";
        if (version.EffectiveFrom < Today)
            message += " Lưu ý: ngày áp dụng đã qua; các bước đã ghi nhận trước đây vẫn giữ giá trị đã áp dụng khi ghi nhận, chỉ các bước ghi nhận từ nay (có ngày từ ngày áp dụng) dùng giá trị mới.";
        TempData["Success"] = message;
        return Redirect("/Rules");
    }

    private RuleParameter? Validate(List<RuleParameter> stored)
    {
        var key = Input.Key;
        if (key is not null && !K.All.Contains(key)) ModelState.AddModelError("Input.Key", "Tham số không có trong danh mục.");
        decimal? value = null;
        if (Input.Value is { } text)
        {
            if (decimal.TryParse(text.Trim().Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
                value = v;
            else
                ModelState.AddModelError("Input.Value", $"Giá trị “{text}” không phải là một số.");
        }
        if (value is { } n && (n < 0 || decimal.Truncate(n) != n))
            ModelState.AddModelError("Input.Value", "Giá trị phải là số nguyên không âm (0, 1, 2…).");
        if (Input.EffectiveFrom is { Year: < 1900 or > 2199 })
            ModelState.AddModelError("Input.EffectiveFrom", "Ngày phải trong khoảng 1900–2199.");
        if (key is not null && Input.EffectiveFrom is { } from && stored.Any(p => p.Key == key && p.EffectiveFrom == from))
            ModelState.AddModelError("Input.EffectiveFrom", "Tham số này đã có một phiên bản áp dụng từ ngày này. Phiên bản không sửa được: hãy chọn ngày khác.");
        if (!ModelState.IsValid || key is null || value is null || Input.EffectiveFrom is null) return null;

        var latest = RuleBook.Defaults.With(stored).Versions.Last(p => p.Key == key);
        var version = new RuleParameter
        {
            Key = key, Value = value.Value, Unit = latest.Unit, Name = latest.Name,
            Citation = VietnameseText.Normalize(Input.Citation) ?? "", IsConfirmed = Input.IsConfirmed, EffectiveFrom = Input.EffectiveFrom.Value,
        };
        try
        {
            // The rules engine's own checks: what it refuses here it would refuse at every step.
            var rules = RuleBook.Defaults.With(stored.Append(version)).At(version.EffectiveFrom);
            var problem = key switch
            {
                K.VoteNumerator or K.VoteDenominator when rules.VoteNumerator < 1 || rules.VoteNumerator > rules.VoteDenominator =>
                    $"Tỷ lệ biểu quyết {rules.VoteNumerator}/{rules.VoteDenominator} không hợp lệ: tử số từ 1 đến mẫu số.",
                K.MinAgeMonths or K.MaxAgeMonths when rules.MinAgeMonths >= rules.MaxAgeMonths =>
                    $"Tuổi tối thiểu ({rules.MinAgeMonths} tháng) phải nhỏ hơn tuổi tối đa ({rules.MaxAgeMonths} tháng).",
                K.DecidingBody when !Enum.IsDefined(rules.DecidingBody) => "Cấp quyết định chỉ nhận 1 (Ban Thường vụ) hoặc 2 (Ban Chấp hành).",
                K.ProbationMonths or K.MaxRecognitionVotes or K.MinOfficialMembersToVote when value == 0 => "Giá trị của tham số này phải lớn hơn 0.",
                _ => null,
            };
            if (problem is not null) ModelState.AddModelError("Input.Value", problem);
        }
        catch (ArgumentException e)
        {
            ModelState.AddModelError("Input.Value", $"Bộ quy định không chấp nhận giá trị này: {e.Message}");
        }
        return ModelState.IsValid ? version : null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Book = await provider.GetAsync(ct);
        InForce = Book.At(Today);
    }

    public static string Format(decimal value) => value.ToString("0.####", CultureInfo.GetCultureInfo("vi-VN"));

    /// <summary>A version's place in time: in force today, superseded, or still to come.</summary>
    public string StateOf(RuleParameter p) =>
        p == InForce[p.Key] ? "đang áp dụng" : p.EffectiveFrom > Today ? "sắp áp dụng" : "đã thay thế";
}
