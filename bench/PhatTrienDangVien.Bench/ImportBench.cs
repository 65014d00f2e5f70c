using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Import;

/// <summary>
/// The Excel import at scale: a register of <c>rows</c> members (mixed date formats, every fifth without a citizen ID)
/// brought into the demo commune through the same commands as the page — upload, preview, commit — each in its own
/// scope as a request would be, and the commit timed as the office waits for it.
/// </summary>
internal static class ImportBench
{
    public static async Task RunAsync(IServiceProvider services, int rows)
    {
        int commune;
        List<string> cells;
        List<int> cellIds;
        using (var s = services.CreateScope())
        {
            s.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
            var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
            commune = await db.Organisations.Where(o => o.Kind == OrganisationKind.CommuneCommittee).Select(o => o.CommuneId).FirstAsync();
            var list = await db.Organisations.Where(o => o.CommuneId == commune && o.Kind == OrganisationKind.Cell && o.IsActive).OrderBy(o => o.Id).ToListAsync();
            cells = [.. list.Select(o => o.Name)];
            cellIds = [.. list.Select(o => o.Id)];
        }
        var file = Build(rows, cells);
        Console.WriteLine($"import: file of {rows:N0} rows, {file.Length / 1024:N0} KiB");
        // The reading alone, twice (the first warms the code up): the cut of the workbook, then the whole read of it.
        for (var i = 0; i < 2; i++)
        {
            var read = Stopwatch.StartNew();
            SheetBounds.Clamp(file, RegisterSheet.MaxRows + 1_030, 80);
            var clamp = read.Elapsed;
            read.Restart();
            RegisterSheet.Read(file, ImportKind.Members, null);
            if (i == 1) Console.WriteLine($"  (reading the workbook alone: the cut {clamp.TotalSeconds:0.00} s, the whole read {read.Elapsed.TotalSeconds:0.00} s)");
        }

        IServiceScope Request()
        {
            var s = services.CreateScope();
            s.ServiceProvider.GetRequiredService<CurrentScope>().Set(new DataScope(false, commune, true, cellIds, cellIds, null, Roles.CommuneOffice));
            var who = s.ServiceProvider.GetRequiredService<AuditContext>();
            who.UserId = "bench";
            who.UserName = "bench";
            return s;
        }

        var process = Process.GetCurrentProcess();
        TimeSpan Cpu()
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
        var total = Stopwatch.StartNew();
        var cpuTotal = Cpu();
        var watch = Stopwatch.StartNew();
        string token;
        using (var s = Request())
        {
            var staged = await s.ServiceProvider.GetRequiredService<StageImport>().HandleAsync(ImportKind.Members, "bench.xlsx", file, CancellationToken.None);
            token = staged.Value?.Token ?? throw new InvalidOperationException(string.Join("; ", staged.Errors.Select(e => e.Message)));
        }
        Console.WriteLine($"import upload (read, check, store): {watch.Elapsed.TotalSeconds:0.00} s");
        watch.Restart();
        using (var s = Request())
        {
            var preview = await s.ServiceProvider.GetRequiredService<PreviewImport>().HandleAsync(token, CancellationToken.None);
            Console.WriteLine($"import preview: {watch.Elapsed.TotalSeconds:0.00} s ({preview.Value!.Ready.Count:N0} ready, {preview.Value.Duplicates.Count:N0} already there, {preview.Value.Errors.Count:N0} errors"
                + (preview.Value.Errors.Count > 0 ? ": " + preview.Value.Errors[0] : "") + ")");
        }
        // The commit runs the preview's checks again first; timed apart (outside the total) to tell them from the writing.
        var beforeChecks = Cpu();
        var checks = Stopwatch.StartNew();
        using (var s = Request())
            await s.ServiceProvider.GetRequiredService<PreviewImport>().HandleAsync(token, CancellationToken.None);
        checks.Stop();
        var checksCpu = Cpu() - beforeChecks;
        Console.WriteLine($"  (the commit's checks alone, as the preview: {checks.Elapsed.TotalSeconds:0.00} s wall, {checksCpu.TotalSeconds:0.00} s CPU)");
        total.Stop();
        cpuTotal += checksCpu;
        total.Start();
        watch.Restart();
        var cpu = Cpu();
        var batchId = 0;
        using (var s = Request())
        {
            var done = await s.ServiceProvider.GetRequiredService<CommitImport>().HandleAsync(token, CancellationToken.None);
            batchId = done.Value?.Batch.Id ?? 0;
            Console.WriteLine($"import commit (checks again, one transaction, audited): {watch.Elapsed.TotalSeconds:0.00} s — "
                + (done.IsDone ? $"{done.Value!.Batch.CreatedCount:N0} members created" : string.Join("; ", done.Errors.Take(3).Select(e => e.Message)))
                + $"; {(Cpu() - cpu).TotalSeconds:0.00} s CPU");
        }
        Console.WriteLine($"import total (upload + preview + commit): {total.Elapsed.TotalSeconds:0.00} s wall, {(Cpu() - cpuTotal).TotalSeconds:0.00} s CPU");
        watch.Restart();
        using (var s = Request())
        {
            var again = await s.ServiceProvider.GetRequiredService<StageImport>().HandleAsync(ImportKind.Members, "bench.xlsx", file, CancellationToken.None);
            var preview = await s.ServiceProvider.GetRequiredService<PreviewImport>().HandleAsync(again.Value!.Token, CancellationToken.None);
            Console.WriteLine($"import of the same file again (upload + preview): {watch.Elapsed.TotalSeconds:0.00} s, {preview.Value!.Duplicates.Count:N0} duplicates, {preview.Value.Ready.Count} new");
        }
        watch.Restart();
        cpu = Cpu();
        using (var s = Request())
        {
            var undone = await s.ServiceProvider.GetRequiredService<UndoImport>().HandleAsync(batchId, CancellationToken.None);
            Console.WriteLine($"import undo: {watch.Elapsed.TotalSeconds:0.00} s wall, {(Cpu() - cpu).TotalSeconds:0.00} s CPU — "
                + (undone.IsDone ? "undone" : string.Join("; ", undone.Errors.Select(e => e.Message))));
        }
        using (var s = services.CreateScope())
        {
            s.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
            var report = await s.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
            Console.WriteLine($"audit chains after the import and its undo: {report.Count} chains, {report.Sum(r => r.Rows):N0} rows, "
                + (report.All(r => r.Ok) ? "all intact" : string.Join("; ", report.Where(r => !r.Ok).SelectMany(r => r.Problems).Take(3).Select(p => p.Message))));
        }
    }

    private static readonly string[] s_family = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Đỗ", "Ngô", "Hồ", "Dương", "Đinh"];
    private static readonly string[] s_middle = ["Văn", "Thị", "Minh", "Hoàng", "Thanh", "Ngọc", "Quốc", "Hữu", "Kim", "Đức"];
    private static readonly string[] s_given = ["An", "Bình", "Cường", "Dũng", "Em", "Giang", "Hà", "Hải", "Hiếu", "Hòa", "Khánh", "Lan", "Long", "Mai", "Nam", "Nga",
        "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Uyên", "Vy", "Xuân", "Yến", "Lộc", "Phát", "Tài"];

    private static byte[] Build(int rows, List<string> cells)
    {
        var random = new Random(42);
        var data = new List<Dictionary<string, object?>>(rows);
        for (var i = 0; i < rows; i++)
        {
            // Names unique by a fourth word from the row number, so that no two rows are the same person.
            var name = $"{s_family[i % s_family.Length]} {s_middle[i / 15 % s_middle.Length]} {s_given[i / 150 % s_given.Length]} {s_given[i / 4500 % s_given.Length]}{(i >= 4500 * 30 ? i.ToString(CultureInfo.InvariantCulture) : "")}";
            var female = i % 2 == 1;
            var born = new DateOnly(1950, 1, 1).AddDays(random.Next(0, 365 * 50));
            var ceremony = born.AddYears(20 + random.Next(0, 15)).AddDays(random.Next(0, 300));
            if (ceremony > new DateOnly(2025, 6, 1)) ceremony = new DateOnly(2024, random.Next(1, 12), random.Next(1, 28));
            var official = ceremony.AddYears(1);
            object bornCell = (i % 4) switch
            {
                0 => born.ToDateTime(TimeOnly.MinValue),
                1 => born.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture),
                2 => born.ToString("dd'.'MM'.'yyyy", CultureInfo.InvariantCulture),
                _ => born.Year.ToString(CultureInfo.InvariantCulture),
            };
            var century = born.Year >= 2000 ? 2 : 0;
            data.Add(new Dictionary<string, object?>
            {
                ["STT"] = i + 1,
                ["Họ và tên"] = name,
                ["Ngày sinh"] = bornCell,
                ["Giới tính"] = female ? "Nữ" : "Nam",
                ["Ngày vào Đảng"] = ceremony.ToString("d'/'M'/'yyyy", CultureInfo.InvariantCulture),
                ["Ngày chính thức"] = official.ToDateTime(TimeOnly.MinValue),
                ["Số thẻ"] = (10_000_000 + i).ToString(CultureInfo.InvariantCulture),
                ["Chi bộ"] = cells[i % cells.Count],
                // Province 001 (Hà Nội): no demo person of this commune has one.
                ["Số CCCD"] = i % 5 == 4 ? null : string.Create(CultureInfo.InvariantCulture, $"001{century + (female ? 1 : 0)}{born.Year % 100:00}{i:000000}"),
                ["Dân tộc"] = "Kinh",
                ["Tôn giáo"] = "Không",
            });
        }
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, data, sheetName: "Danh sách");
        return stream.ToArray();
    }
}
