using System.ComponentModel.DataAnnotations;
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
    /// <summary>Who: part of a full name (diacritics optional) or of a login.</summary>
    [BindProperty(SupportsGet = true)] public string? UserName { get; set; }
    /// <summary>Any text of the change (a name, a number as stored) or part of the name of the person the record is about.</summary>
    [BindProperty(SupportsGet = true)] public string? Text { get; set; }
    [BindProperty(SupportsGet = true, Name = "Action")] public string? Operation { get; set; }
    /// <summary>Dates in Vietnam time, both included.</summary>
    [BindProperty(SupportsGet = true), Display(Name = "Từ ngày")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "Đến ngày")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public ListQuery Query { get; set; } = new();

    public PageResult<AuditRow> Result { get; private set; } = null!;
    public List<string> EntityTypes { get; private set; } = [];

    public async Task OnGetAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        EntityTypes = (await db.AuditEntries.Select(a => a.EntityType).Distinct().ToListAsync(ct))
            .OrderBy(TypeName, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), true)).ToList();
        if (!DatesValid())
        {
            // A period the reader meant but mistyped: the whole trail would pass for its answer. Nothing until it is fixed.
            Result = new PageResult<AuditRow>([], 0, Query);
            return;
        }
        var filtered = await FilteredAsync(ct);
        var total = await filtered.CountAsync(ct);
        var items = await Sorted(filtered).Skip(Query.Skip).Take(Query.Size).ToListAsync(ct);
        Result = new PageResult<AuditRow>(await new AuditView(db).RowsAsync(items, ct), total, Query);
        if (Query.Print) (await exporter.PrintAsync(List, FilterText(), "bản ghi", ct)).Put(ViewData);
    }

    /// <summary>One line per changed field, as the page shows them (identifiers masked by <see cref="AuditView"/>).</summary>
    public sealed record Line(AuditRow Row, AuditChange Change);

    public static readonly IReadOnlyList<Export.Field<Line>> Fields =
    [
        new("Thời điểm", l => AuditTrail.Local(l.Row.Entry.AtUtc)), new("Người thực hiện", l => l.Row.Who),
        new("Thao tác", l => l.Row.Entry.Action), new("Loại hồ sơ", l => l.Row.Type), new("Hồ sơ", l => l.Row.Record ?? ""),
        new("Trường", l => l.Change.Field), new("Giá trị cũ", l => l.Change.Old ?? ""), new("Giá trị mới", l => l.Change.New ?? ""),
    ];

    private async Task<(List<AuditRow> Rows, List<Line> Lines)> LinesAsync(CancellationToken ct)
    {
        var rows = await new AuditView(db).RowsAsync(await Sorted(await FilteredAsync(ct)).ToListAsync(ct), ct);
        var lines = rows.SelectMany(row => (row.Changes.Count == 0 ? [new AuditChange("", null, null)] : row.Changes).Select(c => new Line(row, c))).ToList();
        return (rows, lines);
    }

    public async Task<IActionResult> OnGetExportAsync([FromServices] TimeProvider clock, CancellationToken ct)
    {
        if (!DatesValid()) return Refused();
        var (rows, lines) = await LinesAsync(ct);
        await trail.ExportedAsync("Nhật ký thay đổi", rows.Count, ct);
        return File(Export.Exporter.Csv(Fields, lines), "text/csv", Export.Exporter.DatedName("nhat-ky-thay-doi", Core.Common.VietnamTime.Today(clock), "csv"));
    }

    /// <summary>The same entries as the page (every page of it), newest first, as .xlsx.</summary>
    public async Task<IActionResult> OnGetXlsxAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        if (!DatesValid()) return Refused();
        var (_, lines) = await LinesAsync(ct);
        return await exporter.ListAsync(List, "nhat-ky-thay-doi", FilterText(), Fields, lines, ct);
    }

    private const string List = "Nhật ký thay đổi";

    /// <summary>
    /// Whether the period is one: a date the binder refused ("31/02/2026", "abc"), one outside the calendar the office
    /// uses, or a "Đến ngày" before the "Từ ngày" each leave a message under its box, in Vietnamese, by the box's label.
    /// </summary>
    private bool DatesValid()
    {
        // Dates outside the calendar the office uses are typing mistakes; they must not reach date arithmetic.
        if (From is { Year: < 1900 or > 2199 }) ModelState.AddModelError(nameof(From), "“Từ ngày” không hợp lệ: năm phải từ 1900 đến 2199.");
        if (To is { Year: < 1900 or > 2199 }) ModelState.AddModelError(nameof(To), "“Đến ngày” không hợp lệ: năm phải từ 1900 đến 2199.");
        if (From > To) ModelState.AddModelError(nameof(To), "“Đến ngày” phải sau hoặc bằng “Từ ngày”.");
        return ModelState.GetFieldValidationState(nameof(From)) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            && ModelState.GetFieldValidationState(nameof(To)) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid;
    }

    /// <summary>An export asked with a date that is not one: said in words, never the whole trail in its place.</summary>
    private ContentResult Refused()
    {
        var why = string.Join(" ", new[] { nameof(From), nameof(To) }.SelectMany(k => ModelState.TryGetValue(k, out var e) ? e.Errors : [])
            .Select(e => e.ErrorMessage).Distinct());
        return new ContentResult
        {
            StatusCode = StatusCodes.Status400BadRequest,
            ContentType = "text/plain; charset=utf-8",
            Content = "Không xuất nhật ký: ngày lọc không hợp lệ. " + why + " Hãy sửa “Từ ngày”, “Đến ngày” trên trang Nhật ký thay đổi rồi xuất lại.",
        };
    }

    /// <summary>The filters in words, for the file's title rows and the print view's head.</summary>
    private string? FilterText()
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(EntityType)) parts.Add("loại hồ sơ " + TypeName(EntityType));
        if (!string.IsNullOrWhiteSpace(EntityId) && RecordName is { } record) parts.Add("hồ sơ " + record);
        if (!string.IsNullOrWhiteSpace(UserName)) parts.Add("người thực hiện " + UserName.Trim());
        if (!string.IsNullOrWhiteSpace(Operation)) parts.Add("thao tác " + Operation);
        if (!string.IsNullOrWhiteSpace(Text)) parts.Add("có chữ “" + Text.Trim() + "”");
        if (From is { } f) parts.Add("từ ngày " + Pages.Shared.Dates.Text(f));
        if (To is { } t) parts.Add("đến ngày " + Pages.Shared.Dates.Text(t));
        return parts.Count == 0 ? null : "Điều kiện lọc: " + string.Join("; ", parts);
    }

    /// <summary>The one record the page is limited to (a link from its page), by its name; never its key.</summary>
    public string? RecordName { get; private set; }

    private async Task<IQueryable<AuditEntry>> FilteredAsync(CancellationToken ct)
    {
        if (From is { Year: < 1900 or > 2199 }) From = null;
        if (To is { Year: < 1900 or > 2199 }) To = null;
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(EntityType)) q = q.Where(a => a.EntityType == EntityType);
        if (!string.IsNullOrWhiteSpace(EntityId)) { var id = EntityId.Trim(); q = q.Where(a => a.EntityId == id); }
        if (!string.IsNullOrWhiteSpace(EntityId))
        {
            var one = await q.Where(a => a.EntityId == EntityId.Trim()).OrderByDescending(a => a.Id).Take(1).ToListAsync(ct);
            RecordName = one.Count == 0 ? null : (await new AuditView(db).RowsAsync(one, ct))[0] is var r ? r.Record ?? r.Type : null;
        }
        if (!string.IsNullOrWhiteSpace(UserName))
        {
            var name = UserName.Trim();
            var folded = Core.Text.VietnameseText.Fold(name);
            // Accounts whose full name holds the words (with or without diacritics), and the login as typed.
            var ids = (await db.Users.AsNoTracking().Select(u => new { u.Id, u.FullName }).ToListAsync(ct))
                .Where(u => Core.Text.VietnameseText.Fold(u.FullName).Contains(folded, StringComparison.Ordinal)).Select(u => u.Id).ToList();
            q = q.Where(a => a.UserName.Contains(name) || (a.UserId != null && ids.Contains(a.UserId)));
        }
        if (!string.IsNullOrWhiteSpace(Text))
        {
            var text = Text.Trim();
            var folded = Core.Text.VietnameseText.Fold(text);
            // The people whose name holds the words: their person, member and candidate records.
            var people = await db.People.AsNoTracking().Where(p => p.FullNameFolded.Contains(folded)).Select(p => p.Id).Take(500).ToListAsync(ct);
            var members = await db.Members.AsNoTracking().Where(m => people.Contains(m.PersonId)).Select(m => m.Id).ToListAsync(ct);
            var candidates = await db.Candidates.AsNoTracking().Where(c => people.Contains(c.PersonId)).Select(c => c.Id).ToListAsync(ct);
            var keys = people.Select(id => "Person#" + id.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Concat(members.Select(id => "Member#" + id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Concat(candidates.Select(id => "Candidate#" + id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
            // The words the page shows (labels, kinds of record, a step's name) find the entries storing what they stand for.
            q = q.Where(AuditView.Finding(text, keys));
        }
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

    /// <summary>Newest first unless the reader sorts by who or by the kind of record (then newest first within each).</summary>
    private IQueryable<AuditEntry> Sorted(IQueryable<AuditEntry> q) => Query.Sort?.ToLowerInvariant() switch
    {
        "who" => (Query.Desc ? q.OrderByDescending(a => a.UserName) : q.OrderBy(a => a.UserName)).ThenByDescending(a => a.AtUtc).ThenByDescending(a => a.Id),
        "type" => (Query.Desc ? q.OrderByDescending(a => a.EntityType) : q.OrderBy(a => a.EntityType)).ThenByDescending(a => a.AtUtc).ThenByDescending(a => a.Id),
        "time" when !Query.Desc => q.OrderBy(a => a.AtUtc).ThenBy(a => a.Id),
        _ => q.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id),
    };
}
