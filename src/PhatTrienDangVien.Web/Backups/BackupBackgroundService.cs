namespace PhatTrienDangVien.Web.Backups;

/// <summary>
/// The daily backup: every quarter of an hour (on the injected <see cref="TimeProvider"/>) asks
/// <see cref="BackupService.RunScheduledAsync"/>, which backs up once the configured hour has come and no server has
/// taken the day's backup yet. Nothing here may stop the application. Off when <c>Backup:Enabled</c> is false.
/// </summary>
public sealed class BackupBackgroundService(BackupService backups, TimeProvider clock, ILogger<BackupBackgroundService> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!backups.Options.Enabled) return;
        await Task.Yield();
        try
        {
            using var timer = new PeriodicTimer(Interval, clock);
            do
            {
                try
                {
                    await backups.RunScheduledAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database itself may be down: the next tick tries again.
                    BackupLog.Failed(log, e.GetType().FullName);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The application is stopping.
        }
    }
}
