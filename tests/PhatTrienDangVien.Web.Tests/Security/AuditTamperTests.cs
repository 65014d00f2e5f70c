using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Setup;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Security;

/// <summary>
/// Someone holding the database file (not the key-ring certificate) edits, inserts or removes audit rows with plain
/// SQL: verify-audit names each. Every test works on its own copy of the database (VACUUM INTO), so the application's
/// own chain stays whole.
/// </summary>
public sealed class AuditTamperTests(SqliteApp app) : IClassFixture<SqliteApp>, IDisposable
{
    private readonly List<string> _files = [];

    private int Chain => app.Data.CommuneId;

    private async Task<string> CopyAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), "ptdv_tamper_" + Guid.NewGuid().ToString("N")[..12] + ".db");
        _files.Add(file);
        await app.WithSystemScopeAsync(db => db.Database.ExecuteSqlAsync($"VACUUM INTO {file}"));
        return file;
    }

    private static string Cs(string file) => $"Data Source={file};Pooling=False";

    private async Task<List<AuditEntry>> RowsAsync() =>
        await app.WithSystemScopeAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Chain == Chain).OrderBy(a => a.Seq).ToListAsync());

    private async Task<ChainReport> VerifyAsync(string file)
    {
        var scope = new CurrentScope();
        scope.Set(DataScope.System);
        var who = new AuditContext { SealKey = app.Services.GetRequiredService<KeyRingCertificate>().AuditSealKey };
        await using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(Cs(file)).Options).Serving(scope, who);
        var reports = await new AuditVerifier(db, who).VerifyAsync(CancellationToken.None);
        return reports.Single(r => r.Chain == Chain);
    }

    private static async Task ExecAsync(string file, string sql, params (string Name, object? Value)[] values)
    {
        await using var c = new SqliteConnection(Cs(file));
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in values) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task An_untouched_copy_is_whole_and_its_tail_sealed()
    {
        (await RowsAsync()).Count.ShouldBeGreaterThan(5, "the test data writes a chain worth tampering with");
        var report = await VerifyAsync(await CopyAsync());
        report.Ok.ShouldBeTrue(string.Join("\n", report.Problems.Select(p => p.Message)));
        report.SealChecked.ShouldBeTrue();
        AuditVerifier.TailLine(report).ShouldContain($"số {report.Tail!.Seq}");
    }

    [Fact]
    public async Task An_edited_row_is_named()
    {
        var victim = (await RowsAsync())[3];
        var file = await CopyAsync();
        await ExecAsync(file, """UPDATE "AuditEntries" SET "Changes" = '{}' WHERE "Id" = @id""", ("@id", victim.Id));
        var report = await VerifyAsync(file);
        report.Ok.ShouldBeFalse();
        var p = report.Problems.ShouldHaveSingleItem();
        p.Kind.ShouldBe(ChainProblemKind.Altered);
        p.RowId.ShouldBe(victim.Id);
        p.Message.ShouldContain("đã bị sửa sau khi ghi");
    }

    [Fact]
    public async Task A_removed_row_in_the_middle_is_a_gap()
    {
        var victim = (await RowsAsync())[4];
        var file = await CopyAsync();
        await ExecAsync(file, """DELETE FROM "AuditEntries" WHERE "Id" = @id""", ("@id", victim.Id));
        var p = (await VerifyAsync(file)).Problems.ShouldHaveSingleItem();
        p.Kind.ShouldBe(ChainProblemKind.Missing);
        p.Message.ShouldContain($"Thiếu dòng số {victim.Seq}");
        p.Message.ShouldContain("đã bị xóa");
    }

    [Fact]
    public async Task A_row_inserted_in_the_middle_breaks_the_link_even_with_a_correct_hash()
    {
        var rows = await RowsAsync();
        var k = rows[2];
        var file = await CopyAsync();
        // The forger knows the algorithm: makes room after row k, writes a row with a correct hash linked to k.
        await ExecAsync(file, """UPDATE "AuditEntries" SET "Seq" = -("Seq" + 1) WHERE "Chain" = @c AND "Seq" > @k""", ("@c", Chain), ("@k", k.Seq));
        await ExecAsync(file, """UPDATE "AuditEntries" SET "Seq" = -"Seq" WHERE "Chain" = @c AND "Seq" < 0""", ("@c", Chain));
        var forged = AuditChainTests<SqliteApp>.Row(Chain, "kẻ gian");
        forged.Chain = Chain;
        forged.AtUtc = AuditChain.Stored(k.AtUtc);
        forged.Seq = k.Seq + 1;
        forged.PrevHash = k.Hash;
        forged.Hash = AuditChain.HashOf(forged);
        await InsertAsync(file, forged);

        var report = await VerifyAsync(file);
        report.Ok.ShouldBeFalse();
        var first = report.Problems[0];
        first.Kind.ShouldBe(ChainProblemKind.Inserted);
        first.Seq.ShouldBe(k.Seq + 2);
        first.RowId.ShouldBe(rows[3].Id);
        first.Message.ShouldContain("bị chèn vào trước nó");
    }

    [Fact]
    public async Task A_row_appended_outside_the_application_does_not_match_the_sealed_tail()
    {
        var last = (await RowsAsync())[^1];
        var file = await CopyAsync();
        var forged = AuditChainTests<SqliteApp>.Row(Chain, "kẻ gian");
        forged.Chain = Chain;
        forged.AtUtc = AuditChain.Stored(forged.AtUtc);
        forged.Seq = last.Seq + 1;
        forged.PrevHash = last.Hash;
        forged.Hash = AuditChain.HashOf(forged);
        await InsertAsync(file, forged);
        var p = (await VerifyAsync(file)).Problems.ShouldHaveSingleItem();
        p.Kind.ShouldBe(ChainProblemKind.Inserted);
        p.Message.ShouldContain("được thêm vào ngoài ứng dụng");
    }

    [Fact]
    public async Task Removing_the_last_rows_is_seen_by_the_sealed_tail_even_when_the_tail_is_rewritten()
    {
        var rows = await RowsAsync();
        var file = await CopyAsync();
        await ExecAsync(file, """DELETE FROM "AuditEntries" WHERE "Chain" = @c AND "Seq" > @s""", ("@c", Chain), ("@s", rows[^3].Seq));
        var p = (await VerifyAsync(file)).Problems.ShouldHaveSingleItem();
        p.Kind.ShouldBe(ChainProblemKind.Missing);
        p.Message.ShouldContain("Mất 2 dòng cuối");

        // The forger moves the tail back too, but cannot make its seal (the key is not in the database).
        var forgedSeal = AuditChain.SealOf(RandomNumberGenerator.GetBytes(32), Chain, rows[^3].Seq, rows[^3].Hash);
        await ExecAsync(file, """UPDATE "AuditTails" SET "Seq" = @s, "Hash" = @h, "Seal" = @m WHERE "Chain" = @c""",
            ("@s", rows[^3].Seq), ("@h", rows[^3].Hash), ("@m", forgedSeal), ("@c", Chain));
        var report = await VerifyAsync(file);
        var tail = report.Problems.ShouldHaveSingleItem();
        tail.Kind.ShouldBe(ChainProblemKind.Tail);
        tail.Message.ShouldContain("dấu niêm phong không khớp");
        report.SealChecked.ShouldBeFalse();

        // Removing the tail record altogether is said too.
        await ExecAsync(file, """DELETE FROM "AuditTails" WHERE "Chain" = @c""", ("@c", Chain));
        (await VerifyAsync(file)).Problems.ShouldHaveSingleItem().Message.ShouldContain("bản ghi đuôi đã bị xóa");
    }

    [Fact]
    public async Task The_command_exits_non_zero_on_a_tampered_database()
    {
        var victim = (await RowsAsync())[1];
        var file = await CopyAsync();
        await ExecAsync(file, """UPDATE "AuditEntries" SET "UserName" = 'kẻ gian' WHERE "Id" = @id""", ("@id", victim.Id));
        var cert = app.Services.GetRequiredService<KeyRingCertificate>().Path;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { typeof(Program).Assembly.Location, "verify-audit", $"--ConnectionStrings:Default={Cs(file)}", $"--DataProtection:CertificatePath={cert}" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(1, output + await process.StandardError.ReadToEndAsync());
        output.ShouldContain("Nhật ký KHÔNG toàn vẹn");
        // The problem names the row by its key for the technician ("mã dòng N"); the tail line's "(mã N)" named it
        // only while the tampered row happened to end its chain.
        output.ShouldContain($"(mã dòng {victim.Id})");
        output.ShouldContain("đã bị sửa sau khi ghi");
    }

    [Fact]
    public async Task Rows_written_before_the_chain_existed_are_linked_in_their_order_on_the_first_start()
    {
        var file = await CopyAsync();
        // The state the AuditChain migration leaves: every row numbered -Id, no hash, no tail.
        await ExecAsync(file, """UPDATE "AuditEntries" SET "Seq" = -"Id", "PrevHash" = '', "Hash" = ''""");
        await ExecAsync(file, """DELETE FROM "AuditTails" """);
        var scope = new CurrentScope();
        scope.Set(DataScope.System);
        var who = new AuditContext { SealKey = app.Services.GetRequiredService<KeyRingCertificate>().AuditSealKey };
        await using (var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(Cs(file)).Options).Serving(scope, who))
        {
            (await AuditChain.LinkOldRowsAsync(db, who.SealKey, CancellationToken.None)).ShouldBe(await db.AuditEntries.CountAsync());
            (await AuditChain.LinkOldRowsAsync(db, who.SealKey, CancellationToken.None)).ShouldBe(0, "once linked, a start changes nothing");
            var ids = await db.AuditEntries.Where(a => a.Chain == Chain).OrderBy(a => a.Seq).Select(a => a.Id).ToListAsync();
            ids.ShouldBe(ids.Order().ToList(), "the chain follows the order the rows were written in");
        }
        var report = await VerifyAsync(file);
        report.Ok.ShouldBeTrue(string.Join("\n", report.Problems.Select(p => p.Message)));
        report.SealChecked.ShouldBeTrue();
    }

    private async Task<(int Code, string Output)> VerifyCommandAsync(string file)
    {
        var cert = app.Services.GetRequiredService<KeyRingCertificate>().Path;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { typeof(Program).Assembly.Location, "verify-audit", $"--ConnectionStrings:Default={Cs(file)}", $"--DataProtection:CertificatePath={cert}" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + error);
    }

    [Fact]
    public async Task A_communes_whole_chain_deleted_with_its_tail_is_reported_by_the_command()
    {
        var file = await CopyAsync();
        await ExecAsync(file, """DELETE FROM "AuditEntries" WHERE "Chain" = @c""", ("@c", Chain));
        await ExecAsync(file, """DELETE FROM "AuditTails" WHERE "Chain" = @c""", ("@c", Chain));
        var report = await VerifyAsync(file);
        report.Ok.ShouldBeFalse();
        report.Problems.ShouldHaveSingleItem().Message.ShouldContain("đã mất toàn bộ");
        var (code, output) = await VerifyCommandAsync(file);
        code.ShouldBe(1, output);
        output.ShouldContain("Nhật ký KHÔNG toàn vẹn");
        output.ShouldContain("đã mất toàn bộ");
    }

    [Fact]
    public async Task Every_audit_row_and_tail_deleted_is_not_zero_chains_to_check()
    {
        var file = await CopyAsync();
        await ExecAsync(file, """DELETE FROM "AuditEntries" """);
        await ExecAsync(file, """DELETE FROM "AuditTails" """);
        var (code, output) = await VerifyCommandAsync(file);
        code.ShouldBe(1, output);
        output.ShouldContain("Nhật ký cài đặt chung đã mất toàn bộ");
        output.ShouldContain("đã mất toàn bộ: không còn dòng nào dù Đảng bộ đã được lập");
        output.ShouldNotContain("Nhật ký toàn vẹn");
    }

    [Fact]
    public async Task The_application_writing_after_a_wipe_does_not_make_the_chain_look_whole()
    {
        var file = await CopyAsync();
        await ExecAsync(file, """DELETE FROM "AuditEntries" WHERE "Chain" = @c""", ("@c", Chain));
        await ExecAsync(file, """DELETE FROM "AuditTails" WHERE "Chain" = @c""", ("@c", Chain));
        // The application carries on: its next save starts the chain again at row 1 with a freshly sealed tail.
        var scope = new CurrentScope();
        scope.Set(DataScope.System);
        var who = new AuditContext { SealKey = app.Services.GetRequiredService<KeyRingCertificate>().AuditSealKey, UserName = "cán bộ" };
        await using (var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(Cs(file)).Options).Serving(scope, who))
        {
            var term = await db.Terms.FirstAsync(t => t.CommuneId == Chain);
            term.EndYear++;
            await db.SaveChangesAsync();
            (await db.AuditEntries.Where(a => a.Chain == Chain).Select(a => a.Seq).SingleAsync()).ShouldBe(1);
        }
        var report = await VerifyAsync(file);
        report.Ok.ShouldBeFalse();
        report.SealChecked.ShouldBeTrue("the tail is the application's own; only the first row gives the wipe away");
        var p = report.Problems.ShouldHaveSingleItem();
        p.Kind.ShouldBe(ChainProblemKind.Missing);
        p.Message.ShouldContain("đã mất các dòng đầu");
    }

    private static Task InsertAsync(string file, AuditEntry e) => ExecAsync(file, """
        INSERT INTO "AuditEntries" ("CommuneId", "AtUtc", "UserId", "UserName", "EntityType", "EntityId", "Action", "Changes", "Chain", "Seq", "PrevHash", "Hash")
        VALUES (@commune, @at, NULL, @user, @type, @id, @action, @changes, @chain, @seq, @prev, @hash)
        """, ("@commune", e.CommuneId), ("@at", e.AtUtc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture)),
        ("@user", e.UserName), ("@type", e.EntityType), ("@id", e.EntityId), ("@action", e.Action), ("@changes", e.Changes),
        ("@chain", e.Chain), ("@seq", e.Seq), ("@prev", e.PrevHash), ("@hash", e.Hash));

    public void Dispose()
    {
        foreach (var f in _files.Where(File.Exists)) File.Delete(f);
    }
}
