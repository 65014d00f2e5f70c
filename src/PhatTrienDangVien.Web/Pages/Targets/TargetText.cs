using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Targets;

namespace PhatTrienDangVien.Web.Pages.Targets;

public static class TargetText
{
    /// <summary>"Nghị quyết số 05-NQ/ĐU, ngày 10/01/2026, Đảng ủy xã", or a note that none is recorded.</summary>
    public static string Resolution(AdoptedTarget? t) => Resolution(ResolutionInput.From(t));

    public static string Resolution(ResolutionInput r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.IsEmpty) return "chưa ghi nghị quyết";
        var parts = new List<string>();
        if (r.Number is not null) parts.Add("số " + r.Number);
        if (r.Date is not null) parts.Add("ngày " + Lookups.Date(r.Date));
        if (r.Issuer is not null) parts.Add(r.Issuer);
        return "Nghị quyết " + string.Join(", ", parts);
    }
}

/// <summary>What the yellow warning box shows: which parts were summed against which whole.</summary>
public sealed record SumWarning(SumCheck Check, string Parts, string Whole);
