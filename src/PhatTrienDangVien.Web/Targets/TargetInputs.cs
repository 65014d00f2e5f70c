using System.ComponentModel.DataAnnotations;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Core.Text;

namespace PhatTrienDangVien.Web.Targets;

/// <summary>The resolution (số, ngày, cơ quan ban hành) that adopted a target, as typed in a form.</summary>
public sealed class ResolutionInput
{
    [Display(Name = "Số nghị quyết"), StringLength(50, ErrorMessage = "Số nghị quyết tối đa 50 ký tự.")]
    public string? Number { get; set; }
    [Display(Name = "Ngày ban hành")]
    public DateOnly? Date { get; set; }
    [Display(Name = "Cơ quan ban hành"), StringLength(200, ErrorMessage = "Tên cơ quan ban hành tối đa 200 ký tự.")]
    public string? Issuer { get; set; }

    public bool IsEmpty => Number is null && Date is null && Issuer is null;

    public static ResolutionInput From(AdoptedTarget? t) =>
        t is null ? new() : new() { Number = t.ResolutionNumber, Date = t.ResolutionDate, Issuer = t.ResolutionIssuer };

    public void Normalize()
    {
        Number = VietnameseText.Normalize(Number);
        Issuer = VietnameseText.Normalize(Issuer);
    }
}

/// <summary>A target as every form writes it: how many new members, adopted by which resolution.</summary>
public interface IAdoptedTargetInput
{
    int Count { get; }
    ResolutionInput Resolution { get; }
}

/// <summary>The target of a whole term.</summary>
public sealed class TermTargetInput : IAdoptedTargetInput
{
    public const string CountLabel = "Chỉ tiêu cả nhiệm kỳ (đảng viên mới)";

    [Display(Name = CountLabel), Range(0, 100_000, ErrorMessage = "Chỉ tiêu phải từ 0 đến 100.000.")]
    public int Count { get; set; }
    public ResolutionInput Resolution { get; set; } = new();
    /// <summary>The congress date that opened the term; empty = 1 July of its first year.</summary>
    [Display(Name = "Ngày bắt đầu nhiệm kỳ (ngày đại hội)")]
    public DateOnly? TermStart { get; set; }
    /// <summary>The last day of the term; empty = 30 June of its last year.</summary>
    [Display(Name = "Ngày kết thúc nhiệm kỳ")]
    public DateOnly? TermEnd { get; set; }

    public static TermTargetInput From(TermTarget? t, Core.Organisations.Term term) =>
        new() { Count = t?.Count ?? 0, Resolution = ResolutionInput.From(t), TermStart = term?.StartDate, TermEnd = term?.EndDate };
}

/// <summary>The target of one year, with its "at least N" sub-targets.</summary>
public sealed class YearTargetInput : IAdoptedTargetInput
{
    public const string CountLabel = "Chỉ tiêu năm (đảng viên mới)";

    [Display(Name = CountLabel), Range(0, 10_000, ErrorMessage = "Chỉ tiêu phải từ 0 đến 10.000.")]
    public int Count { get; set; }
    public ResolutionInput Resolution { get; set; } = new();
    /// <summary>One per kind; a kind left out keeps what is stored.</summary>
    public List<SubTargetInput> SubTargets { get; set; } = [];

    /// <summary>Every kind of sub-target, 0 where none is stored, so the form shows them all.</summary>
    public static YearTargetInput From(YearTarget? t) => new()
    {
        Count = t?.Count ?? 0,
        Resolution = ResolutionInput.From(t),
        SubTargets = Enum.GetValues<SubTargetKind>()
            .Select(k => new SubTargetInput { Kind = k, Count = t?.SubTargets.FirstOrDefault(s => s.Kind == k)?.Count ?? 0 }).ToList(),
    };
}

public sealed class SubTargetInput
{
    public SubTargetKind Kind { get; set; }
    [Range(0, 10_000, ErrorMessage = "Số phải từ 0 đến 10.000.")]
    public int Count { get; set; }
}

/// <summary>One cell's line of a year's allocation.</summary>
public sealed class CellTargetRow : IAdoptedTargetInput
{
    public int CellId { get; set; }
    /// <summary>The version of the cell's allocation as the form showed it; null when it had none.</summary>
    public int? Version { get; set; }
    [Display(Name = "Chỉ tiêu"), Range(0, 10_000, ErrorMessage = "Số phải từ 0 đến 10.000.")]
    public int Count { get; set; }
    public ResolutionInput Resolution { get; set; } = new();

    public bool Exists => Version is not null;

    /// <summary>A cell left at zero with no resolution has simply not been allocated anything.</summary>
    public bool IsBlank => Count == 0 && Resolution.IsEmpty;

    public static CellTargetRow From(CellTarget t) =>
        new() { CellId = t.CellId, Version = t.Version, Count = t.Count, Resolution = ResolutionInput.From(t) };
}
