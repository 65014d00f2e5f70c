using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Export;
using PhatTrienDangVien.Web.Planning;

namespace PhatTrienDangVien.Web.Pages.Reports;

/// <summary>Đối chiếu: the register's admissions of the term against the admission cases; the same as .xlsx.</summary>
[RequirePermission(Permission.ViewPlan)]
public class ReconciliationModel(Reconciliation reconciliation, Exporter exporter) : PageModel
{
    public const string Heading = "Đối chiếu sổ đảng viên với hồ sơ kết nạp";

    public Reconciliation.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Result = await reconciliation.ForCurrentTermAsync(ct);

    /// <summary>The page's two tables as two sheets, each with the term in its title rows and a count in its last row.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        Result = await reconciliation.ForCurrentTermAsync(ct);
        var r = Result;
        string[] period = r.Term is { } t ? [$"Nhiệm kỳ {r.TermName}", $"Từ ngày {Shared.Dates.Text(t.Start)} đến ngày {Shared.Dates.Text(t.End)}"] : ["Chưa khai báo nhiệm kỳ"];
        var registerOnly = await exporter.SheetAsync("Chỉ có trong sổ", Heading, [.. period, RegisterOnlyTitle],
            [new("TT", ColumnFormat.Number), new("Họ và tên"), new("Chi bộ"), new("Ngày lễ kết nạp", ColumnFormat.Date)], ct);
        registerOnly.Rows.AddRange(r.RegisterOnly.Select((m, i) => new object?[] { i + 1, m.Name, m.Cell, m.Ceremony }));
        registerOnly.Totals = [null, Total(r.RegisterOnly.Count), null, null];
        var mismatches = await exporter.SheetAsync("Hồ sơ ghi khác sổ", Heading, [.. period, MismatchesTitle],
            [new("TT", ColumnFormat.Number), new("Họ và tên"), new("Chi bộ"), new("Lễ kết nạp (hồ sơ)", ColumnFormat.Date), new("Lễ kết nạp (sổ đảng viên)", ColumnFormat.Date)], ct);
        mismatches.Rows.AddRange(r.Mismatches.Select((c, i) => new object?[] { i + 1, c.Name, c.Cell, c.CeremonyStep, c.RegisterCeremony is { } d ? d : "Chưa có trong sổ" }));
        mismatches.Totals = [null, Total(r.Mismatches.Count), null, null, null];
        return await exporter.FileAsync(Heading, exporter.Dated("doi-chieu-so-dang-vien"), r.RegisterOnly.Count + r.Mismatches.Count, ct, registerOnly, mismatches);
    }

    public const string RegisterOnlyTitle = "Kết nạp trong nhiệm kỳ, chỉ có trong sổ đảng viên";
    public const string MismatchesTitle = "Hồ sơ kết nạp có lễ kết nạp mà sổ đảng viên ghi khác";

    private static string Total(int n) => $"Tổng số: {Shared.Numbers.Show(n)} người";
}
