using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Data;

/// <summary>
/// Figures computed once per change (decision 0035): a result is kept in this server's memory under the commune's and
/// the installation's data versions, read from the database once per request (one indexed query). Every write raises
/// its commune's version in its own transaction, on whichever server, so a kept result is served only while the data
/// it was computed from is still the data; the next read after a write computes afresh.
/// </summary>
/// <remarks>
/// The key holds everything the result depends on besides the data: what is computed and for which organisation
/// (<c>args</c>), the user's data scope (commune, role, cells, organisations, mentor: the inputs of the query filters
/// the computation ran under), and the day (deadlines and "this year" move at midnight). Versions are read before the
/// computation, so a write during it can only make a result newer than its key, never older. The cache is its own,
/// bounded by <c>Figures:MaxEntries</c> (each result counts one), so no number of users or organisations can fill the
/// server's memory with figures.
/// </remarks>
public sealed partial class FigureCache : IDisposable
{
    /// <summary>How long a result stays unread (results of older versions are never read again and go with it).</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _cache;
    private readonly TimeProvider _clock;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<FigureCache> _log;
    // At most this many background computations at once, whatever the number of users: they share the server's cores
    // with the requests.
    private readonly SemaphoreSlim _background = new(Math.Max(1, Environment.ProcessorCount / 2));
    private readonly ConcurrentDictionary<string, Task> _running = new();
    private long _computed;

    public FigureCache(TimeProvider clock, IServiceScopeFactory scopes, ILogger<FigureCache> log, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _clock = clock;
        _scopes = scopes;
        _log = log;
        Capacity = configuration.GetValue("Figures:MaxEntries", 4000);
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.25 });
    }

    /// <summary>How many results this server keeps at most (<c>Figures:MaxEntries</c>).</summary>
    public int Capacity { get; }

    /// <summary>How many results this server has computed (for the tests and the benchmarks).</summary>
    public long Computed => Interlocked.Read(ref _computed);

    public Task<T> GetAsync<T>(AppDbContext db, string name, string args, Func<Task<T>> compute, CancellationToken ct) =>
        GetAsync(db, name, args, compute, static _ => 0, ct);

    /// <summary>A list of rows kept: it counts one result per <see cref="RowsPerEntry"/> rows against the capacity, so that
    /// a server keeping a province's lists cannot hold more rows than figures.</summary>
    public Task<IReadOnlyList<TRow>> GetRowsAsync<TRow>(AppDbContext db, string name, string args, Func<Task<IReadOnlyList<TRow>>> compute, CancellationToken ct) =>
        GetAsync(db, name, args, compute, static rows => rows.Count / RowsPerEntry, ct);

    /// <summary>How many rows of a kept list count as one result (<see cref="GetRowsAsync"/>).</summary>
    public const int RowsPerEntry = 50;

    private async Task<T> GetAsync<T>(AppDbContext db, string name, string args, Func<Task<T>> compute, Func<T, int> extraSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(compute);
        if (await KeyAsync(db, "figures", name, args, ct) is not { } k) return await compute();
        var key = k.Key;
        if (_cache.TryGetValue(key, out Kept<T>? kept) && kept is not null) return kept.Value;
        var result = await compute();
        Interlocked.Increment(ref _computed);
        _cache.Set(key, new Kept<T>(result), Entry(1 + extraSize(result)));
        return result;
    }

    /// <summary>
    /// The keys of a figure for this request: the series (what, for whom, which day) and the series at the current data
    /// versions, with the versions' order. Null under the system's scope, which sees every commune so that no one
    /// version covers it: its figures are computed each time.
    /// </summary>
    private async Task<(string Series, string Key, long Order, DataScope Scope)?> KeyAsync(AppDbContext db, string kind, string name, string args,
        CancellationToken ct)
    {
        if (await DataVersions.OfRequestAsync(db, ct) is not { } read) return null;
        var (commune, installation) = read;
        var s = db.Scope;
        var version = string.Create(CultureInfo.InvariantCulture, $"{commune}:{installation}");
        var series = $"{kind}|{name}|{args}|{ScopeKey(s)}|{Day()}";
        return (series, $"{series}|{version}", commune + installation, s);
    }

    /// <summary>A result as kept: "nothing" (no forecast without a target) is a result too.</summary>
    private sealed record Kept<T>(T Value);

    /// <summary>A result and when it was computed; <paramref name="Current"/> is false while a newer one is being computed.</summary>
    public sealed record Latest<T>(T Value, DateTime ComputedAtUtc, bool Current);

    /// <param name="Order">The versions' sum: both only grow, so a larger sum is newer data.</param>
    private sealed record Stamped<T>(T Value, DateTime ComputedAtUtc, long Order);

    /// <summary>
    /// For a slow figure (the forecast): the result of the current data when it is kept; otherwise, when this scope has
    /// a result of earlier data today, that one with its time, while the current one is computed in the background
    /// (one at a time per scope and figure, a few at a time on the server, in a DI scope of its own with the same data
    /// scope); with none (or an empty one: no forecast before the target was set), computed now.
    /// </summary>
    public async Task<Latest<T>> GetLatestAsync<T>(AppDbContext db, string name, string args, Func<AppDbContext, CancellationToken, Task<T>> compute,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(compute);
        if (await KeyAsync(db, "latest", name, args, ct) is not { } k) return new(await compute(db, ct), _clock.GetUtcNow().UtcDateTime, true);
        var (series, key, order, s) = k;
        if (_cache.TryGetValue(key, out Stamped<T>? kept) && kept is not null)
        {
            // Read the series' last result too, so that it stays while the current one is read (a read renews an
            // entry's time): after a write following a quiet spell, it is shown while the new one is computed.
            _cache.TryGetValue(series, out _);
            return new(kept.Value, kept.ComputedAtUtc, true);
        }
        if (_cache.TryGetValue(series, out Stamped<T>? last) && last is { Value: not null })
        {
            StartInBackground(s, series, key, order, compute);
            return new(last.Value, last.ComputedAtUtc, false);
        }
        var result = await compute(db, ct);
        return new(result, Store(key, series, order, result).ComputedAtUtc, true);
    }

    /// <summary>Finished when no background computation is running (for the tests).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values);

    private void StartInBackground<T>(DataScope scope, string series, string key, long order, Func<AppDbContext, CancellationToken, Task<T>> compute)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // One per scope and figure: a computation already running for an older version is let finish, and the next
        // reader starts the newest.
        if (!_running.TryAdd(series, done.Task)) return;
        // The request's context (its HTTP context, its log scopes) does not follow the work.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await _background.WaitAsync();
                    try
                    {
                        using var services = _scopes.CreateScope();
                        services.ServiceProvider.GetRequiredService<CurrentScope>().Set(scope);
                        Store(key, series, order, await compute(services.ServiceProvider.GetRequiredService<AppDbContext>(), CancellationToken.None));
                    }
                    finally
                    {
                        _background.Release();
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The page keeps showing the last result; the next request tries again.
                    BackgroundFailed(_log, e.GetType().FullName);
                }
                finally
                {
                    _running.TryRemove(series, out _);
                    done.SetResult();
                }
            });
        }
    }

    private Stamped<T> Store<T>(string key, string series, long order, T result)
    {
        Interlocked.Increment(ref _computed);
        var stamped = new Stamped<T>(result, _clock.GetUtcNow().UtcDateTime, order);
        _cache.Set(key, stamped, Entry());
        // The newest result of the day for this scope, shown while the next one is computed: never replaced by a
        // result of older data that finished later.
        if (!_cache.TryGetValue(series, out Stamped<T>? last) || last is null || last.Order <= order) _cache.Set(series, stamped, Entry());
        return stamped;
    }

    private static MemoryCacheEntryOptions Entry(int size = 1) => new() { Size = size, SlidingExpiration = Keep };

    private string Day() => Core.Common.VietnamTime.Today(_clock).DayNumber.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether a figure of this year is kept: this year's and the last (the years being worked on). Any year typed in an
    /// address would be an entry each, so older ones are computed at each view.
    /// </summary>
    public static bool KeepsYear(int year, DateOnly today) => year >= today.Year - 1;

    /// <summary>The arguments of a year's figure over some cells, in one order whatever the order given.</summary>
    public static string YearAndCells(int year, IEnumerable<int> cellIds) =>
        string.Create(CultureInfo.InvariantCulture, $"{year}|{string.Join(',', cellIds.Distinct().Order())}");

    /// <summary>The query filters' inputs: two users with the same key see exactly the same rows.</summary>
    public static string ScopeKey(DataScope s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return string.Create(CultureInfo.InvariantCulture,
            $"{s.CommuneId}:{s.Unrestricted}:{s.WholeCommune}:{s.Role}:{s.MentorMemberId}:{string.Join(',', s.CellIds.Order())}:{string.Join(',', s.VisibleOrganisationIds.Order())}");
    }

    public void Dispose()
    {
        _cache.Dispose();
        _background.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A figure computed in the background failed ({Error}); the last result is still shown.")]
    private static partial void BackgroundFailed(ILogger logger, string? error);
}
