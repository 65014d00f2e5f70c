using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Province;

/// <summary>
/// Keeps the province board's table ready in this server's memory: at start and every few minutes it reads the table
/// as the board would (<see cref="ProvinceFigures.RowsAsync"/>), so that the communes' lines are computed before the
/// board asks (a hundred communes take about half a minute on two cores the first time) and stay kept (a figure
/// unread for <see cref="FigureCache.Keep"/> is let go). When nothing changed a round is two queries; after a write in
/// a commune, that commune's line is computed again. Each server keeps its own memory, so each warms its own: no claim.
/// Only an installation the province board uses (a commune's own server has no such account). Off when
/// <c>Province:Warm</c> is false (the tests, which count the figures computed).
/// </summary>
public sealed partial class ProvinceWarmth(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<ProvinceWarmth> log)
    : BackgroundService
{
    /// <summary>Under <see cref="FigureCache.Keep"/>: a kept line is read again before it would be let go.</summary>
    public static readonly TimeSpan Interval = FigureCache.Keep / 2;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Province:Warm", true)) return;
        // Let the start-up finish before the first round.
        await Task.Yield();
        try
        {
            using var timer = new PeriodicTimer(Interval, clock);
            do
            {
                try
                {
                    await WarmAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OutOfMemoryException)
                {
                    // The board's view computes what is missing; the next round tries again.
                    Failed(log, e.GetType().FullName);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The application is stopping.
        }
    }

    /// <summary>
    /// One round; false when the installation has no active province board account (nothing to keep) or more communes
    /// than the figure cache can keep beside the communes' own figures.
    /// </summary>
    public async Task<bool> WarmAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.ProvinceReader);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await db.Users.AnyAsync(u => u.Role == Roles.ProvinceBoard && u.IsActive, ct)) return false;
        // Warming more lines than half the figure cache holds would push out the communes' own figures (and each
        // other) every round: past that, the table is computed when it is viewed, as without warming.
        var communes = await Communes.All(db).CountAsync(o => o.IsActive, ct);
        var capacity = scope.ServiceProvider.GetRequiredService<FigureCache>().Capacity;
        if (communes * ProvinceFigures.EntriesPerCommune > capacity / 2)
        {
            if (!_toldTooMany) TooMany(log, communes, capacity);
            _toldTooMany = true;
            return false;
        }
        // Said again if the communes outgrow the cache after fitting once more (an archive, then a new province's communes).
        _toldTooMany = false;
        await scope.ServiceProvider.GetRequiredService<ProvinceFigures>().RowsAsync(false, ct);
        return true;
    }

    private bool _toldTooMany;

    [LoggerMessage(Level = LogLevel.Information, Message = "The province table is not kept ready: {Communes} communes need more than half of the {Capacity} figures kept (Figures:MaxEntries).")]
    private static partial void TooMany(ILogger logger, int communes, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keeping the province table ready failed ({Error}); the board's view computes what is missing.")]
    private static partial void Failed(ILogger logger, string? error);
}
