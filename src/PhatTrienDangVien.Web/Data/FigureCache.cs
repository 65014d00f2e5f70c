using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Data;

/// <summary>
/// Figures computed once per change (decision 0035): a result is kept in this server's memory under the commune's and
/// the installation's data versions, read from the database on every call (one indexed query). Every write raises its
/// commune's version in its own transaction, on whichever server, so a kept result is served only while the data it
/// was computed from is still the data; the next read after a write computes afresh.
/// </summary>
/// <remarks>
/// The key holds everything the result depends on besides the data: what is computed and for which organisation
/// (<c>args</c>), the user's whole scope (commune, role, cells, organisations, linked member: the query filters the
/// computation ran under), and the day (deadlines and "this year" move at midnight). Versions are read before the
/// computation, so a write during it can only make a result newer than its key, never older.
/// </remarks>
public sealed partial class FigureCache(IMemoryCache cache, TimeProvider clock, IServiceScopeFactory scopes, ILogger<FigureCache> log)
{
    /// <summary>How long an unread result stays (results of older versions are never read again and go with it).</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);

    private long _computed;

    /// <summary>How many results this server has computed (for the tests and the benchmarks).</summary>
    public long Computed => Interlocked.Read(ref _computed);

    public async Task<T> GetAsync<T>(AppDbContext db, string name, string args, Func<Task<T>> compute, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(compute);
        var s = db.Scope;
        // The system's scope sees every commune, and no one version covers them all: computed each time.
        if (s.Unrestricted || s.CommuneId <= 0) return await compute();
        var (commune, installation) = await DataVersions.ReadAsync(db, s.CommuneId, ct);
        var key = $"figures|{name}|{args}|{commune}:{installation}|{ScopeKey(s)}|{Core.Common.VietnamTime.Today(clock).DayNumber.ToString(CultureInfo.InvariantCulture)}";
        if (cache.TryGetValue(key, out Kept<T>? kept) && kept is not null) return kept.Value;
        var result = await compute();
        Interlocked.Increment(ref _computed);
        cache.Set(key, new Kept<T>(result), Keep);
        return result;
    }

    /// <summary>A result as kept: "nothing" (no forecast without a target) is a result too.</summary>
    private sealed record Kept<T>(T Value);

    /// <summary>A result and when it was computed; <paramref name="Current"/> is false while a newer one is being computed.</summary>
    public sealed record Latest<T>(T Value, DateTime ComputedAtUtc, bool Current);

    private sealed record Stamped<T>(T Value, DateTime ComputedAtUtc);

    private readonly ConcurrentDictionary<string, Task> _running = new();

    /// <summary>
    /// For a slow figure (the forecast): the result of the current data when it is kept; otherwise, when this scope has
    /// a result of earlier data today, that one with its time, while the current one is computed in the background
    /// (once per key, in a scope of its own with the same data scope); with none, computed now.
    /// </summary>
    public async Task<Latest<T>> GetLatestAsync<T>(AppDbContext db, string name, string args, Func<AppDbContext, CancellationToken, Task<T>> compute,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(compute);
        var s = db.Scope;
        if (s.Unrestricted || s.CommuneId <= 0) return new(await compute(db, ct), clock.GetUtcNow().UtcDateTime, true);
        var (commune, installation) = await DataVersions.ReadAsync(db, s.CommuneId, ct);
        var series = $"latest|{name}|{args}|{ScopeKey(s)}|{Core.Common.VietnamTime.Today(clock).DayNumber.ToString(CultureInfo.InvariantCulture)}";
        var key = $"{series}|{commune}:{installation}";
        if (cache.TryGetValue(key, out Stamped<T>? kept) && kept is not null) return new(kept.Value, kept.ComputedAtUtc, true);
        if (cache.TryGetValue(series, out Stamped<T>? last) && last is not null)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_running.TryAdd(key, done.Task))
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await ComputeInBackgroundAsync(s, key, series, compute);
                    }
                    finally
                    {
                        _running.TryRemove(key, out _);
                        done.SetResult();
                    }
                }, CancellationToken.None);
            }
            return new(last.Value, last.ComputedAtUtc, false);
        }
        var result = await compute(db, ct);
        return new(result, Store(key, series, result).ComputedAtUtc, true);
    }

    /// <summary>Finished when no background computation is running (for the tests).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values);

    private Stamped<T> Store<T>(string key, string series, T result)
    {
        Interlocked.Increment(ref _computed);
        var stamped = new Stamped<T>(result, clock.GetUtcNow().UtcDateTime);
        cache.Set(key, stamped, Keep);
        // The newest result of the day for this scope, whatever its version: shown while the next one is computed.
        cache.Set(series, stamped, Keep);
        return stamped;
    }

    private async Task ComputeInBackgroundAsync<T>(DataScope scope, string key, string series, Func<AppDbContext, CancellationToken, Task<T>> compute)
    {
        try
        {
            using var services = scopes.CreateScope();
            services.ServiceProvider.GetRequiredService<CurrentScope>().Set(scope);
            Store(key, series, await compute(services.ServiceProvider.GetRequiredService<AppDbContext>(), CancellationToken.None));
        }
        catch (Exception e)
        {
            // The page keeps showing the last result; the next request tries again.
            BackgroundFailed(log, e.GetType().FullName);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A figure computed in the background failed ({Error}); the last result is still shown.")]
    private static partial void BackgroundFailed(ILogger logger, string? error);

    /// <summary>The query filters' inputs: two users with the same key see exactly the same rows.</summary>
    public static string ScopeKey(DataScope s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return string.Create(CultureInfo.InvariantCulture,
            $"{s.CommuneId}:{s.Unrestricted}:{s.WholeCommune}:{s.Role}:{s.OwnMemberId}:{s.MentorMemberId}:{string.Join(',', s.CellIds.Order())}:{string.Join(',', s.VisibleOrganisationIds.Order())}");
    }
}
