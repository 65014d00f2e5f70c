using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Core.Classes;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Classes;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Classes;

/// <summary>
/// Attendance per day and the result of each approved person, one card each (a phone shows them one under another);
/// saved all at once by <see cref="RecordClassResults"/>, which records the class step of each pass.
/// </summary>
[RequirePermission(Permission.ManageClasses)]
public class ResultsModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public sealed class RowForm
    {
        public int EnrolmentId { get; set; }
        /// <summary>The days (1 = the first) the person was present.</summary>
        public List<int> Present { get; set; } = [];
        [System.ComponentModel.DataAnnotations.Display(Name = "Điểm bài thu hoạch")]
        public string? Score { get; set; }
        [System.ComponentModel.DataAnnotations.Display(Name = "Kết quả")]
        public ClassResult Result { get; set; }
        [System.ComponentModel.DataAnnotations.Display(Name = "Xếp loại")]
        public string? Grade { get; set; }
        [System.ComponentModel.DataAnnotations.Display(Name = "Lý do không đạt")]
        public string? FailReason { get; set; }
        [System.ComponentModel.DataAnnotations.Display(Name = "Số giấy chứng nhận")]
        public string? CertificateNumber { get; set; }
        [System.ComponentModel.DataAnnotations.Display(Name = "Ngày cấp giấy chứng nhận")]
        public DateOnly? CertificateDate { get; set; }
    }

    public PartyClass Class { get; private set; } = null!;
    public List<ClassRoster.Person> People { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool Started => Today >= Class.OpensOn;
    public bool Closed => Today >= Class.ClosesOn;

    [BindProperty] public List<RowForm> Rows { get; set; } = [];
    /// <summary>The lines read from the centre's sheet, when one was just uploaded (nothing is written yet).</summary>
    public IReadOnlyList<ImportClassResults.Line> FromSheet { get; private set; } = [];

    /// <summary>
    /// The centre's results sheet: read and checked in full (the class steps included, then rolled back); the page comes
    /// back filled with it for a last look, and "Lưu" records it as typed results are. A sheet with a problem fills nothing.
    /// </summary>
    public async Task<IActionResult> OnPostSheetAsync(int id, IFormFile? file, [FromServices] ImportClassResults import, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("", "Hãy chọn tệp Excel kết quả mà trung tâm gửi về.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        using var buffer = new MemoryStream();
        if (file.Length > Web.Import.RegisterSheet.MaxBytes) ModelState.AddModelError("", Web.Import.RegisterSheet.TooLarge);
        else await file.CopyToAsync(buffer, ct);
        var outcome = ModelState.IsValid ? await import.HandleAsync(id, buffer.ToArray(), commit: false, ct) : null;
        if (outcome is null || this.Show(outcome) is { } shown)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Rows = [];
            return Page();
        }
        FromSheet = outcome.Value!.Lines;
        Rows = [.. FromSheet.Select(l => l.Input!).Select(r => new RowForm
        {
            EnrolmentId = r.EnrolmentId, Score = r.Score?.ToString("0.##", Lookups.Vietnamese), Result = r.Result, Grade = r.Grade, FailReason = r.FailReason,
            CertificateNumber = r.CertificateNumber, CertificateDate = r.CertificateDate,
            Present = PresentDays(r.Attendance),
        })];
        // People the sheet leaves out keep what is recorded.
        foreach (var p in People.Where(p => Rows.All(r => r.EnrolmentId != p.Id)))
            Rows.Add(new RowForm { EnrolmentId = p.Id, Result = p.Result, Grade = p.Grade, FailReason = p.FailReason, CertificateNumber = p.CertificateNumber,
                CertificateDate = p.CertificateDate, Score = p.Score?.ToString("0.##", Lookups.Vietnamese),
                Present = PresentDays(p.Attendance) });
        return Page();
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Rows = [.. People.Select(p => new RowForm
        {
            EnrolmentId = p.Id, Score = p.Score?.ToString("0.##", Lookups.Vietnamese), Result = p.Result, Grade = p.Grade, FailReason = p.FailReason,
            CertificateNumber = p.CertificateNumber, CertificateDate = p.CertificateDate ?? (Closed ? Class.ClosesOn : null),
            Present = PresentDays(p.Attendance),
        })];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [FromServices] RecordClassResults record, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var started = Started;
        // "8,5" as written in Vietnamese, or "8.5".
        // Read as every decimal on a form is (a comma or a dot, no thousands): "5-" or ".5" is not a mark.
        static decimal? Mark(string? text) => DecimalBinderProvider.Parse(text);
        foreach (var r in Rows.Where(r => !string.IsNullOrWhiteSpace(r.Score) && Mark(r.Score) is null))
            ModelState.AddModelError("", $"{People.FirstOrDefault(p => p.Id == r.EnrolmentId)?.FullName ?? "Một người"}: điểm “{VietnameseModelBinding.Cut(r.Score)}” không phải là số (ví dụ 8,5).");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var rows = Rows.Select(r => new ResultInput
        {
            EnrolmentId = r.EnrolmentId, Score = Mark(r.Score), Result = r.Result, Grade = r.Grade, FailReason = r.FailReason,
            CertificateNumber = r.CertificateNumber, CertificateDate = r.CertificateDate,
            Attendance = started ? new string([.. Enumerable.Range(1, Class.Days).Select(d => r.Present.Contains(d) ? '1' : '0')]) : "",
        }).ToList();
        var outcome = await record.HandleAsync(id, rows, false, ct);
        if (this.Show(outcome) is { } shown) return shown;
        TempData["Success"] = outcome.Value!.StepsRecorded > 0
            ? $"Đã ghi kết quả của {outcome.Value.Rows} người; {outcome.Value.StepsRecorded} người đạt đã được ghi bước học lớp vào quá trình kết nạp."
            : $"Đã ghi kết quả của {outcome.Value.Rows} người.";
        return Redirect($"/Classes/Details/{id}");
    }

    /// <summary>The days ticked on the form: those marked present, or every day while attendance is not taken (the clerk unticks the absent).</summary>
    private List<int> PresentDays(string? attendance) => attendance is { Length: > 0 } a && a.Length == Class.Days
        ? [.. Enumerable.Range(1, Class.Days).Where(d => a[d - 1] == '1')]
        : [.. Enumerable.Range(1, Class.Days)];

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Today = Core.Common.VietnamTime.Today(clock);
        if (await db.VisibleAsync(id, ct) is not { } c) return false;
        Class = c;
        People = [.. (await ClassRoster.PeopleAsync(db, id, ct)).Where(p => p.Status == EnrolmentStatus.Approved)];
        return true;
    }
}
