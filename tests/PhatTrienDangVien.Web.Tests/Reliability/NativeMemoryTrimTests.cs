using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PhatTrienDangVien.Web.Setup;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Reliability;

/// <summary>
/// The C allocator's free pages are handed back to the system (decision 0043): memory freed in holes of the heap, which
/// the allocator keeps resident on its own, leaves the process once trimmed; the application trims on a schedule.
/// </summary>
[Collection(nameof(NativeMemoryTrimTests))]
public sealed class NativeMemoryTrimTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static long ResidentBytes() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
            System.Globalization.CultureInfo.InvariantCulture) * 1024;

    [Fact]
    public void Freed_native_memory_in_holes_of_the_heap_leaves_the_process_when_trimmed()
    {
        OperatingSystem.IsLinux().ShouldBeTrue("the servers and this suite run on Linux with glibc");
        // 4,000 blocks of 64 KB (under glibc's mmap threshold: from its heaps), written so that they are resident; every
        // other one freed: 125 MB free in holes that the top of a heap cannot give back.
        const int size = 64 * 1024;
        var ones = Enumerable.Repeat((byte)1, size).ToArray();
        var blocks = new nint[4000];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(size);
            Marshal.Copy(ones, 0, blocks[i], size);
        }
        try
        {
            for (var i = 0; i < blocks.Length; i += 2) Marshal.FreeHGlobal(blocks[i]);
            var before = ResidentBytes();
            NativeMemoryTrim.Trim().ShouldBeTrue("there was memory to give back");
            var given = before - ResidentBytes();
            // The collection runs alone, but the GC and the fixtures' own threads may move a few MB: half is the bar.
            given.ShouldBeGreaterThan(60L * 1024 * 1024, $"{given / 1024 / 1024} MB given back");
        }
        finally
        {
            for (var i = 1; i < blocks.Length; i += 2) Marshal.FreeHGlobal(blocks[i]);
        }
    }

    [Fact]
    public void The_application_trims_on_a_schedule()
    {
        app.Services.GetServices<IHostedService>().OfType<NativeMemoryTrim>().ShouldHaveSingleItem();
        NativeMemoryTrim.Interval.ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
    }
}

/// <summary>Alone: the test reads the process's resident memory, which the other tests' allocations would move.</summary>
[CollectionDefinition(nameof(NativeMemoryTrimTests), DisableParallelization = true)]
public sealed class NativeMemoryTrimAlone;
