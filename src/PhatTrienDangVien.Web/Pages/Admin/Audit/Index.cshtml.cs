using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Admin.Audit;

/// <summary>The append-only audit log of the commune (its query filter keeps other communes out). Read and export only.</summary>
[RequirePermission(Permission.ReadAudit)]
public class IndexModel(AppDbContext db, Auditing.AccessTrail trail) : AdminPageModel
{

    public static readonly IReadOnlyList<string> Actions = ["Tạo mới", "Sửa", "Xóa"];

    public static string TypeName(string type) => AuditView.TypeName(type);

    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true, Name = "Action")] public string? Operation { get; set; }
    /// <summary>Dates in Vietnam time, both included.</summary>
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public ListQuery Query { get; set; } = new();

    public PageResult<AuditRow> Result { get; private set; } = null!;
    public List<string> EntityTypes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        EntityTypes = (await db.AuditEntries.Select(a => a.EntityType).Distinct().ToListAsync(ct))
            .OrderBy(TypeName, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), true)).ToList();
        // Dates outside the calendar the office uses are typing mistakes; they must not reach date arithmetic.
        if (From is { Year: < 1900 or > 2199 }) { ModelState.AddModelError(nameof(From), "“Từ ngày” không hợp lệ."); From = null; }
        if (To is { Year: < 1900 or > 2199 }) { ModelState.AddModelError(nameof(To), "“Đến ngày” không hợp lệ."); To = null; }
        if (From > To) ModelState.AddModelError(nameof(To), "“Đến ngày” phải sau hoặc bằng “Từ ngày”.");
        var filtered = Filtered();
        var total = await filtered.CountAsync(ct);
        var items = await Newest(filtered).Skip(Query.Skip).Take(Query.Size).ToListAsync(ct);
        Result = new PageResult<AuditRow>(await new AuditView(db).RowsAsync(items, ct), total, Query);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await new AuditView(db).RowsAsync(await Newest(Filtered()).ToListAsync(ct), ct);
        var csv = new StringBuilder("Thời điểm,Người thực hiện,Thao tác,Loại hồ sơ,Hồ sơ,Trường,Giá trị cũ,Giá trị mới\r\n");
        foreach (var row in rows)
        {
            var changes = row.Changes.Count == 0 ? [new AuditChange("", null, null)] : row.Changes;
            foreach (var c in changes)
                csv.AppendJoin(',', new[] { AuditTrail.Local(row.Entry.AtUtc), row.Entry.UserName, row.Entry.Action, row.Type, row.Record ?? "",
                    c.Field, c.Old ?? "", c.New ?? "" }.Select(Csv.Escape)).Append("\r\n");
        }
        await trail.ExportedAsync("Nhật ký thay đổi", rows.Count, ct);
        return File(Csv.Encode(csv.ToString()), "text/csv", "nhat-ky-thay-doi.csv");
    }

    private IQueryable<AuditEntry> Filtered()
    {
        if (From is { Year: < 1900 or > 2199 }) From = null;
        if (To is { Year: < 1900 or > 2199 }) To = null;
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(EntityType)) q = q.Where(a => a.EntityType == EntityType);
        if (!string.IsNullOrWhiteSpace(EntityId)) { var id = EntityId.Trim(); q = q.Where(a => a.EntityId == id); }
        if (!string.IsNullOrWhiteSpace(UserName)) { var name = UserName.Trim(); q = q.Where(a => a.UserName.Contains(name)); }
        if (!string.IsNullOrWhiteSpace(Operation)) q = q.Where(a => a.Action == Operation);
        if (From is { } from)
        {
            var start = Core.Common.VietnamTime.StartOfDayUtc(from);
            q = q.Where(a => a.AtUtc >= start);
        }
        if (To is { } to)
        {
            var end = Core.Common.VietnamTime.StartOfDayUtc(to.AddDays(1));
            q = q.Where(a => a.AtUtc < end);
        }
        return q;
    }

    private static IQueryable<AuditEntry> Newest(IQueryable<AuditEntry> q) => q.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id);
}
