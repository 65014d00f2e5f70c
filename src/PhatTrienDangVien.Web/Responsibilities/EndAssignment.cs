using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Responsibilities;

/// <summary>
/// "Thôi phụ trách từ ngày …": the assignment's last day becomes the day before. An assignment is never deleted, so
/// the record of who followed a cell when stays.
/// </summary>
public sealed class EndAssignment(AppDbContext db, Access access, ConflictDiff diff, TimeProvider clock)
{
    /// <summary>The field the form sends the date in.</summary>
    public const string EndOnField = "endOn";

    /// <param name="version">The assignment's version as the page showed it.</param>
    /// <param name="endOn">The first day the member no longer follows the cell; today when not given.</param>
    public async Task<Outcome<CellResponsibility>> HandleAsync(int id, int version, DateOnly? endOn, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageResponsibilities)) return Outcome<CellResponsibility>.Forbidden();
        var r = await db.CellResponsibilities.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return Outcome<CellResponsibility>.NotFound();
        var day = endOn ?? Core.Common.VietnamTime.Today(clock);
        if (day.Year is < 1900 or > 2199) return Outcome<CellResponsibility>.Invalid(EndOnField, "Ngày thôi phụ trách không hợp lệ.");
        var last = day.AddDays(-1);
        if (day < r.From)
            return Outcome<CellResponsibility>.Invalid(EndOnField, $"Ngày thôi phụ trách không thể trước ngày bắt đầu ({Lookups.Date(r.From)}).");
        if (r.To is { } to && to <= last)
            return Outcome<CellResponsibility>.Invalid(EndOnField, $"Phân công này đã kết thúc ngày {Lookups.Date(to)}.");

        db.ExpectVersion(r, version);
        r.To = last;
        var yours = AssignInput.Of(r);
        return await db.SaveAsync(r, async token =>
        {
            var current = await db.CellResponsibilities.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, token);
            return current is null ? (null, []) : (current, await diff.CompareAsync(yours, AssignInput.Of(current), token));
        }, ct);
    }
}
