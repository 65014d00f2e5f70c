using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Export;

/// <summary>A column of a list, defined once for the page's CSV and its .xlsx: its header, its value, how it is written.</summary>
public sealed record Field<T>(string Header, Func<T, object?> Value, ColumnFormat Format = ColumnFormat.Text);

/// <summary>
/// The exports of lists and reports: the title rows (the committee, the heading, the filter or the period, the date
/// produced), one entry on the access trail per file, and the file itself. Lists pass the rows they show, read by the
/// page's own query with its filters and sort, so the file holds what the page holds.
/// </summary>
public sealed class Exporter(AppDbContext db, Auditing.AccessTrail trail, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Province.ProvinceOptions> province)
{
    public DateOnly Today => Core.Common.VietnamTime.Today(clock);

    /// <summary>A file name with the day it was made (dang-vien-2026-12-03.xlsx): a list exported every month is a
    /// new file each time, not a second "dang-vien.xlsx" the office confuses with the last one.</summary>
    public string Dated(string stem, string extension = "xlsx") => DatedName(stem, Today, extension);

    public static string DatedName(string stem, DateOnly day, string extension = "xlsx") =>
        $"{stem}-{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{extension}";

    /// <summary>The commune committee's name for the title: a scoped user does not see the root organisation itself,
    /// but every paper they produce carries its name.</summary>
    public async Task<string> CommitteeAsync(CancellationToken ct) =>
        await db.Organisations.WholeCommune().Where(o => o.Kind == OrganisationKind.CommuneCommittee).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";

    /// <summary>The committee a province's own reports are made by (not the commune the board may be looking into):
    /// "Tỉnh ủy An Giang" over "Ban Tổ chức" when the installation names its province.</summary>
    public string ProvinceCommittee => province.Value.ReportCommittee;

    /// <param name="committee">The committee in the title when it is not the commune's (a province's report).</param>
    public async Task<Sheet> SheetAsync(string name, string heading, IEnumerable<string?> subtitles, IReadOnlyList<Column> columns, CancellationToken ct,
        string? committee = null) =>
        new()
        {
            Name = name, Committee = committee ?? await CommitteeAsync(ct), Heading = heading, Produced = Today, Columns = columns,
            Subtitles = [.. subtitles.OfType<string>().Where(s => s.Length > 0)],
        };

    /// <summary>
    /// A list as one sheet: a numbered (STT) column as every office list has, its columns, its rows in the page's
    /// order, and a last row with the count. The file is named <paramref name="stem"/> and the day it was made.
    /// </summary>
    public async Task<FileContentResult> ListAsync<T>(string list, string stem, string? filter, IReadOnlyList<Field<T>> fields,
        IReadOnlyCollection<T> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(rows);
        var sheet = await SheetAsync(list, Heading(list), [filter],
            [new Column(Number, ColumnFormat.Number), .. Columns(fields)], ct);
        var n = 0;
        sheet.Rows.AddRange(rows.Select(r => (object?[])[++n, .. fields.Select(f => f.Value(r))]));
        sheet.Totals = [null, $"Tổng số: {rows.Count.ToString("N0", Pages.Shared.Lookups.Vietnamese)}", .. Enumerable.Repeat<object?>(null, fields.Count - 1)];
        return await FileAsync(list, Dated(stem), rows.Count, ct, sheet);
    }

    /// <summary>"Danh sách đảng viên": the title of a list's file and of its print view.</summary>
    public static string Heading(string list) => "Danh sách " + list.ToLower(CultureInfo.GetCultureInfo("vi-VN"));

    /// <summary>
    /// The head of a list's print view: the same committee, title and filter in words as the title rows of its .xlsx
    /// (<see cref="ListAsync"/>), dated the day printed; <paramref name="noun"/> words its count.
    /// </summary>
    public async Task<ListPrint> PrintAsync(string list, string? filter, string noun, CancellationToken ct) =>
        new(new Pages.Reports.ReportTitle(await CommitteeAsync(ct), Heading(list), filter is { Length: > 0 } ? [filter] : [], Today)
            { DateLabel = "Ngày in" }, noun);

    /// <summary>The workbook, recorded on the access trail as the CSV exports are ("Xuất danh sách", the list, the rows).</summary>
    public async Task<FileContentResult> FileAsync(string list, string fileName, int rows, CancellationToken ct, params Sheet[] sheets)
    {
        var bytes = Xlsx.Write(sheets);
        await trail.ExportedAsync(list + " (Excel)", rows, ct);
        return new FileContentResult(bytes, Xlsx.ContentType) { FileDownloadName = fileName };
    }

    /// <summary>The header of a list's numbering column.</summary>
    public const string Number = "STT";

    public static IReadOnlyList<Column> Columns<T>(IEnumerable<Field<T>> fields) => [.. fields.Select(f => new Column(f.Header, f.Format))];

    /// <summary>The same columns as CSV (UTF-8 with a byte-order mark, dates dd/MM/yyyy), for other tools.</summary>
    public static byte[] Csv<T>(IReadOnlyList<Field<T>> fields, IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var csv = new StringBuilder(string.Join(',', fields.Select(f => Pages.Shared.Csv.Escape(f.Header)))).Append("\r\n");
        foreach (var r in rows)
            csv.AppendJoin(',', fields.Select(f => Pages.Shared.Csv.Escape(f.Value(r) switch
            {
                null => "",
                DateOnly d => Pages.Shared.Lookups.Date(d),
                IFormattable n => n.ToString(null, CultureInfo.InvariantCulture),
                var v => v.ToString() ?? "",
            }))).Append("\r\n");
        return Pages.Shared.Csv.Encode(csv.ToString());
    }
}
