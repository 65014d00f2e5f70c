using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using K = PhatTrienDangVien.Core.Admission.RuleParameterKeys;

namespace PhatTrienDangVien.Web.Admission;

/// <summary>A new version of one rule parameter, as the rules page writes it.</summary>
public sealed class RuleVersionInput
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

/// <summary>
/// Adds a version of a rule parameter from a date. A version is never edited: a case keeps the values it ran under.
/// The rule book is shared by every commune of the installation, so only the administrator of a one-commune
/// installation (or the system) may add one.
/// </summary>
public sealed class AddRuleVersion(AppDbContext db, Access access, TimeProvider clock)
{
    private const string Prefix = "Input.";

    private const string SameDate = "Tham số này đã có một phiên bản áp dụng từ ngày này. Phiên bản không sửa được: hãy chọn ngày khác.";

    public const string PastDateNote =
        "Lưu ý: ngày áp dụng đã qua; các bước đã ghi nhận trước đây vẫn giữ giá trị đã áp dụng khi ghi nhận, chỉ các bước ghi nhận từ nay (có ngày từ ngày áp dụng) dùng giá trị mới.";

    public async Task<Outcome<RuleParameter>> HandleAsync(RuleVersionInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.ManageRules)) return Outcome<RuleParameter>.Forbidden();
        if (!await InstallationRules.MayEditAsync(db, ct))
            return Outcome<RuleParameter>.Refused(new DomainException(InstallationRules.RefusedMessage));

        var stored = await db.RuleParameters.AsNoTracking().ToListAsync(ct);
        var errors = new Errors();
        errors.Annotations(input, Prefix);
        var version = Validate(input, stored, errors);
        if (errors.Any || version is null) return Outcome<RuleParameter>.Invalid(errors.List);

        db.RuleParameters.Add(version);
        // A new row has no earlier version; the unique (key, date) index answers a simultaneous second add.
        return await db.SaveAsync(version, _ => Task.FromResult<(RuleParameter?, List<FieldConflict>)>((null, [])), ct,
            duplicate: new FieldError(Prefix + nameof(input.EffectiveFrom), SameDate),
            warnings: version.EffectiveFrom < VietnamTime.Today(clock) ? [PastDateNote] : null);
    }

    private static RuleParameter? Validate(RuleVersionInput input, List<RuleParameter> stored, Errors errors)
    {
        var key = input.Key;
        if (key is not null && !K.All.Contains(key)) errors.Add(Prefix + nameof(input.Key), "Tham số không có trong danh mục.");
        decimal? value = null;
        if (input.Value is { } text)
        {
            if (decimal.TryParse(text.Trim().Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
                value = v;
            else
                errors.Add(Prefix + nameof(input.Value), $"Giá trị “{text}” không phải là một số.");
        }
        if (value is { } n && (n < 0 || decimal.Truncate(n) != n))
            errors.Add(Prefix + nameof(input.Value), "Giá trị phải là số nguyên không âm (0, 1, 2…).");
        else if (value is { } big && key is not null && K.All.Contains(key) && big > K.MaxValue(key))
            errors.Add(Prefix + nameof(input.Value), $"Giá trị của tham số này tối đa là {K.MaxValue(key)}.");
        if (input.EffectiveFrom is { Year: < 1900 or > 2199 })
            errors.Add(Prefix + nameof(input.EffectiveFrom), "Ngày phải trong khoảng 1900–2199.");
        if (key is not null && input.EffectiveFrom is { } from && stored.Any(p => p.Key == key && p.EffectiveFrom == from))
            errors.Add(Prefix + nameof(input.EffectiveFrom), SameDate);
        if (errors.Any || key is null || value is null || input.EffectiveFrom is null) return null;

        var latest = RuleBook.Defaults.With(stored).Versions.Last(p => p.Key == key);
        var version = new RuleParameter
        {
            Key = key, Value = value.Value, Unit = latest.Unit, Name = latest.Name,
            Citation = VietnameseText.Normalize(input.Citation) ?? "", IsConfirmed = input.IsConfirmed, EffectiveFrom = input.EffectiveFrom.Value,
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
            if (problem is not null) errors.Add(Prefix + nameof(input.Value), problem);
        }
        catch (ArgumentException e)
        {
            errors.Add(Prefix + nameof(input.Value), $"Bộ quy định không chấp nhận giá trị này: {e.Message}");
        }
        return errors.Any ? null : version;
    }
}
