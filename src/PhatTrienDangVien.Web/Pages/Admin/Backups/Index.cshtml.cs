using Microsoft.AspNetCore.Mvc;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Backups;

namespace PhatTrienDangVien.Web.Pages.Admin.Backups;

/// <summary>The backup history, the schedule as configured, and a backup now.</summary>
[RequirePermission(Permission.ManageBackups)]
public class IndexModel(BackupService backups, TimeProvider clock, Data.AppDbContext db) : AdminPageModel
{
    /// <summary>Whether this administrator's installation serves other communes too: the backups are then the server's.</summary>
    public bool SeveralCommunes { get; private set; }

    public List<BackupRun> Runs { get; private set; } = [];
    public BackupOptions Options => backups.Options;
    public string Folder => backups.Folder;
    public int FilesKept { get; private set; }
    public string? Warning { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A copy of every commune's data is not one commune's to make (nor is the list of the server's copies to read):
        // the command refuses it, and the page then shows its note.
        var run = await backups.RunNowAsync(BackupKind.Manual, User.Identity?.Name, ct: ct, communeId: db.Scope.CommuneId);
        if (BackupService.IsRefusedForSeveralCommunes(run))
        {
            SeveralCommunes = true;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        if (run.Id == 0)
            TempData["Error"] = run.Message; // refused (too soon after the last press): nothing was written
        else if (run.Succeeded)
            TempData["Success"] = $"Đã sao lưu vào {Path.GetFileName(run.FilePath)} ({Size(run.SizeBytes)}).";
        else
            TempData["Error"] = "Sao lưu không thành công: " + run.Message;
        return RedirectToPage("Index");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        SeveralCommunes = !await InstallationRules.ServesOneCommuneAsync(db, ct);
        if (SeveralCommunes) return;
        Runs = await backups.RecentAsync(30, ct);
        FilesKept = backups.Files().Count;
        Warning = BackupStatus.Warning(Runs.Where(r => r.Succeeded && r.Kind != BackupKind.Restore).Max(r => r.FinishedAtUtc), clock.GetUtcNow());
    }

    public static string Size(long? bytes) => bytes switch
    {
        null => "",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MB",
    };

    public static string KindName(BackupKind kind) => kind switch
    {
        BackupKind.Scheduled => "Tự động hằng ngày",
        BackupKind.Manual => "Bấm “Sao lưu ngay”",
        BackupKind.Command => "Dòng lệnh",
        BackupKind.Restore => "Phục hồi",
        _ => kind.ToString(),
    };
}
