namespace PhatTrienDangVien.Web.Notifications;

/// <summary>
/// Generates the alerts (and sweeps the register of numbers, see <see cref="AlertGenerator.RunAsync"/>) once at start-up
/// and then on the first tick of each new day (Vietnam time), and sends the
/// e-mail digests whose hour has come. Ticks hourly on the injected <see cref="TimeProvider"/>. Nothing it does may
/// stop the application: failures are logged by type only (exception messages may carry names or addresses).
/// Off when <c>Notifications:Background</c> is false.
/// </summary>
public sealed class AlertBackgroundService(AlertGenerator generator, DigestService digest, Data.JobClaims claims, TimeProvider clock,
    IConfiguration configuration, ILogger<AlertBackgroundService> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Notifications:Background", true)) return;
        // Let the start-up finish before the first run.
        await Task.Yield();
        DateOnly? generated = null;
        try
        {
            using var timer = new PeriodicTimer(Interval, clock);
            do
            {
                var now = clock.GetUtcNow();
                var today = DigestService.VietnamDate(now);
                if (generated != today)
                    await TryAsync("alert generation", async () => { if (await GenerateOnceAsync(today, stoppingToken)) generated = today; }, stoppingToken);
                await TryAsync("e-mail digest", () => digest.RunDueAsync(now, stoppingToken), stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The application is stopping.
        }
    }

    /// <summary>
    /// The day's alerts, by one server of those sharing the database: the others find the day claimed and leave it.
    /// True once the day's run is finished, by this server or another. A run that failed, or whose server died, stays
    /// unfinished: every server asks again on its next tick, and one takes it over once the claim is stale.
    /// </summary>
    private async Task<bool> GenerateOnceAsync(DateOnly today, CancellationToken ct)
    {
        var key = AlertsKey(today);
        if (!await claims.TryClaimAsync(key, Interval - TimeSpan.FromMinutes(5), ct)) return await claims.IsFinishedAsync(key, ct);
        await generator.RunAsync(today, ct);
        await claims.FinishAsync(key, ct);
        return true;
    }

    public static string AlertsKey(DateOnly day) => "alerts:" + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<bool> TryAsync(string what, Func<Task> work, CancellationToken stoppingToken)
    {
        try
        {
            await work();
            return true;
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            NotificationLog.BackgroundFailed(log, what, e.GetType().FullName);
            return false;
        }
    }
}
