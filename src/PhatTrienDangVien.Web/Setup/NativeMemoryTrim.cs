using System.Runtime.InteropServices;

namespace PhatTrienDangVien.Web.Setup;

/// <summary>
/// glibc's allocator keeps the memory freed inside its heaps: what the runtime's compiler, SQLite and the runtime itself
/// allocated and gave back stays resident until the allocator happens to reuse it. After the load benchmark's mix
/// 12 MB of the process were such free pages (<c>malloc_trim</c> called from outside: 266 → 254 MB resident,
/// docs/benchmarks.md). So the process hands them back to the system every <see cref="Interval"/> (decision 0043): a
/// walk of the allocator's free lists, a few milliseconds, nothing moved. On Linux with glibc only; elsewhere (Windows,
/// musl) it does nothing. On the machine's own clock, not the application's <see cref="TimeProvider"/>: the process's
/// memory lives in real time, and a clock moved by a day (the tests' does) would fire the timer once for every 30 s
/// of it.
/// </summary>
public sealed partial class NativeMemoryTrim : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private static bool s_unavailable = !OperatingSystem.IsLinux();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (s_unavailable) return;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken) && !s_unavailable) Trim();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Gives the allocator's free pages back to the system; whether there were any. False where there is no glibc.</summary>
    public static bool Trim()
    {
        if (s_unavailable) return false;
        try
        {
            return MallocTrim(0) == 1;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // Another C library (musl): nothing to trim, and nothing to try again.
            s_unavailable = true;
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
