using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Application;

namespace PhatTrienDangVien.Web.Pages.Targets;

/// <summary>The resolution (số, ngày, cơ quan ban hành) that adopted a target, as typed in a form.</summary>
public sealed class ResolutionInput
{
    [Display(Name = "Số nghị quyết"), StringLength(50, ErrorMessage = "Số nghị quyết tối đa 50 ký tự.")]
    public string? Number { get; set; }
    [Display(Name = "Ngày ban hành")]
    public DateOnly? Date { get; set; }
    [Display(Name = "Cơ quan ban hành"), StringLength(200, ErrorMessage = "Tên cơ quan ban hành tối đa 200 ký tự.")]
    public string? Issuer { get; set; }

    public static ResolutionInput From(AdoptedTarget? t) =>
        t is null ? new() : new() { Number = t.ResolutionNumber, Date = t.ResolutionDate, Issuer = t.ResolutionIssuer };

    public void Normalize()
    {
        Number = VietnameseText.Normalize(Number);
        Issuer = VietnameseText.Normalize(Issuer);
    }

    public void ApplyTo(AdoptedTarget t)
    {
        t.ResolutionNumber = Number;
        t.ResolutionDate = Date;
        t.ResolutionIssuer = Issuer;
    }

    public void Compare(AdoptedTarget current, List<FieldConflict> conflicts, string prefix = "")
    {
        if (current.ResolutionNumber != Number) conflicts.Add(new(prefix + "Số nghị quyết", Number, current.ResolutionNumber));
        if (current.ResolutionDate != Date) conflicts.Add(new(prefix + "Ngày ban hành", Lookups.Date(Date), Lookups.Date(current.ResolutionDate)));
        if (current.ResolutionIssuer != Issuer) conflicts.Add(new(prefix + "Cơ quan ban hành", Issuer, current.ResolutionIssuer));
    }
}

public static class TargetText
{
    /// <summary>"NQ số 05-NQ/ĐU, ngày 10/01/2026, Đảng ủy xã", or a note that none is recorded.</summary>
    public static string Resolution(AdoptedTarget? t)
    {
        if (t is null || (t.ResolutionNumber is null && t.ResolutionDate is null && t.ResolutionIssuer is null)) return "chưa ghi nghị quyết";
        var parts = new List<string>();
        if (t.ResolutionNumber is not null) parts.Add("số " + t.ResolutionNumber);
        if (t.ResolutionDate is not null) parts.Add("ngày " + Lookups.Date(t.ResolutionDate));
        if (t.ResolutionIssuer is not null) parts.Add(t.ResolutionIssuer);
        return "Nghị quyết " + string.Join(", ", parts);
    }
}

internal static class TargetQueries
{
    /// <summary>The term a year belongs to (its yearly targets), or the latest term.</summary>
    public static async Task<Term?> TermAsync(AppDbContext db, int? termId, int today)
    {
        if (termId is { } id) return await db.Terms.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id);
        var terms = await db.Terms.AsNoTracking().OrderByDescending(t => t.StartYear).ToListAsync();
        return terms.FirstOrDefault(t => t.StartYear <= today && today < t.EndYear) ?? terms.FirstOrDefault();
    }

    public static async Task<Term?> TermOfYearAsync(AppDbContext db, int year)
    {
        var terms = await db.Terms.AsNoTracking().Where(t => t.StartYear <= year && year <= t.EndYear).ToListAsync();
        return terms.FirstOrDefault(t => TargetSums.TermYears(t.StartYear, t.EndYear).Contains(year));
    }

    public static int ThisYear(TimeProvider clock) => clock.GetUtcNow().UtcDateTime.AddHours(7).Year;
}

/// <summary>What the yellow warning box shows: which parts were summed against which whole.</summary>
public sealed record SumWarning(SumCheck Check, string Parts, string Whole);
