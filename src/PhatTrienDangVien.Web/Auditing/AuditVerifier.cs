using System.Data;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Auditing;

public enum ChainProblemKind { Altered, Inserted, Missing, Unlinked, Tail }

public sealed record ChainProblem(ChainProblemKind Kind, long? Seq, long? RowId, string Message);

/// <summary>One chain checked: its rows, its last row, and what is wrong with it (nothing, when <see cref="Ok"/>).</summary>
public sealed record ChainReport(int Chain, string Name, long Rows, AuditEntry? Last, AuditTail? Tail, bool SealChecked, IReadOnlyList<ChainProblem> Problems, int ProblemCount)
{
    public bool Ok => ProblemCount == 0;
}

/// <summary>
/// Walks the audit chains the reader may see (every chain for the command line, the commune's own for its
/// administrator) and says in Vietnamese which rows were edited, inserted or removed, and whether the last rows are
/// still those the application wrote (the sealed tail).
/// </summary>
public sealed class AuditVerifier(AppDbContext db, AuditContext who)
{
    /// <summary>Beyond this the list stops growing (one renumbering breaks every later row); the count goes on.</summary>
    public const int MaxListed = 50;

    public async Task<List<ChainReport>> VerifyAsync(CancellationToken ct)
    {
        // One snapshot: a save committing during the walk must not look like a removed or an added row.
        await using var tx = await db.Database.BeginTransactionAsync(db.Database.IsNpgsql() ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable, ct);
        var scope = db.Scope;
        // The scope's commune filter already limits the rows; the tails carry no commune of their own, so they are limited here.
        var names = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.CommuneCommittee)
            .Select(o => new { o.CommuneId, o.Name }).ToListAsync(ct);
        // The chains that must exist come from the data, not from the audit tables: every commune has one (its creation is
        // audited), and chain 0 holds each commune's creation. Listing only the chains found would let a wiped chain, or
        // a wiped trail, pass as "nothing to check".
        var required = names.Select(n => n.CommuneId).ToList();
        if (required.Count > 0) required.Add(0);
        var chains = scope.Unrestricted
            ? (await db.AuditEntries.Select(a => a.Chain).Distinct().ToListAsync(ct)).Union(await db.AuditTails.Select(t => t.Chain).ToListAsync(ct)).Union(required).Order().ToList()
            : [scope.CommuneId];
        var reports = new List<ChainReport>();
        foreach (var chain in chains)
        {
            var name = chain == 0 ? "Cài đặt chung (ngoài các Đảng bộ xã)" : names.FirstOrDefault(n => n.CommuneId == chain)?.Name ?? $"Đảng bộ mã {chain}";
            reports.Add(await VerifyChainAsync(chain, name, required.Contains(chain), ct));
        }
        return reports;
    }

    private async Task<ChainReport> VerifyChainAsync(int chain, string name, bool required, CancellationToken ct)
    {
        var problems = new List<ChainProblem>();
        var count = 0;
        void Add(ChainProblemKind kind, long? seq, long? id, string message)
        {
            count++;
            if (problems.Count < MaxListed) problems.Add(new ChainProblem(kind, seq, id, message));
        }
        long expected = 1, rows = 0;
        var prev = AuditChain.Genesis;
        AuditEntry? last = null;
        await foreach (var r in db.AuditEntries.AsNoTracking().Where(a => a.Chain == chain).OrderBy(a => a.Seq).ThenBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            rows++;
            if (r.Seq <= 0)
            {
                Add(ChainProblemKind.Unlinked, null, r.Id, $"Một dòng ({Describe(r)}) chưa được nối vào chuỗi (ghi trước khi có chuỗi hoặc ghi ngoài ứng dụng).");
                continue;
            }
            if (r.Seq > expected)
                Add(ChainProblemKind.Missing, r.Seq, r.Id, expected == r.Seq - 1
                    ? $"Thiếu dòng số {expected} (trước dòng {Describe(r)}): đã bị xóa."
                    : $"Thiếu các dòng số {expected}–{r.Seq - 1} (trước dòng {Describe(r)}): đã bị xóa.");
            else if (r.Seq < expected)
                Add(ChainProblemKind.Inserted, r.Seq, r.Id, $"Một dòng ({Describe(r)}) trùng số thứ tự {r.Seq} với dòng trước: được chèn vào ngoài ứng dụng.");
            else if (r.PrevHash != prev)
                Add(ChainProblemKind.Inserted, r.Seq, r.Id, $"Dòng số {r.Seq} ({Describe(r)}) không nối với dòng ngay trước nó: có dòng bị chèn vào trước nó, hoặc dòng trước nó bị thay thế.");
            else if (r.Seq == 1 && chain != 0 && !IsGenesis(r))
                Add(ChainProblemKind.Missing, 1, r.Id, $"Nhật ký của {name} đã mất các dòng đầu: dòng số 1 ({Describe(r)}) không phải dòng lập Đảng bộ (tạo nhiệm kỳ đầu tiên) — chuỗi đã bị xóa rồi ghi lại từ đầu.");
            if (AuditChain.HashOf(r) != r.Hash)
                Add(ChainProblemKind.Altered, r.Seq, r.Id, $"Dòng số {r.Seq} ({Describe(r)}) đã bị sửa sau khi ghi: mã băm không khớp với nội dung.");
            prev = r.Hash;
            expected = r.Seq + 1;
            last = r;
        }

        if (rows == 0 && required)
            Add(ChainProblemKind.Missing, 1, null, chain == 0
                ? "Nhật ký cài đặt chung đã mất toàn bộ: không còn dòng nào dù đã có Đảng bộ được lập (việc lập Đảng bộ được ghi ở đây)."
                : $"Nhật ký của {name} đã mất toàn bộ: không còn dòng nào dù Đảng bộ đã được lập (mọi thay đổi đều được ghi).");

        var tail = await db.AuditTails.AsNoTracking().FirstOrDefaultAsync(t => t.Chain == chain, ct);
        var lastSeq = last?.Seq ?? 0;
        var sealChecked = false;
        if (tail is null)
        {
            if (rows > 0) Add(ChainProblemKind.Tail, null, null, "Không có bản ghi đuôi chuỗi dù chuỗi có dòng: bản ghi đuôi đã bị xóa.");
        }
        else
        {
            if (who.SealKey is { } key && tail.Seal.Length > 0)
            {
                sealChecked = AuditChain.SealOf(key, chain, tail.Seq, tail.Hash) == tail.Seal;
                if (!sealChecked)
                    Add(ChainProblemKind.Tail, tail.Seq, null, "Bản ghi đuôi chuỗi đã bị sửa: dấu niêm phong không khớp (có thể để che việc xóa các dòng cuối).");
            }
            else if (tail.Seal.Length == 0 && tail.Seq > 0)
            {
                Add(ChainProblemKind.Tail, tail.Seq, null, "Bản ghi đuôi chuỗi không có dấu niêm phong: không kiểm được các dòng cuối.");
            }
            if (lastSeq < tail.Seq)
                Add(ChainProblemKind.Missing, lastSeq + 1, null, tail.Seq - lastSeq == 1
                    ? $"Mất dòng cuối (số {tail.Seq}): ứng dụng đã ghi đến dòng số {tail.Seq}, nay chuỗi dừng ở {lastSeq}."
                    : $"Mất {tail.Seq - lastSeq} dòng cuối (số {lastSeq + 1}–{tail.Seq}): ứng dụng đã ghi đến dòng số {tail.Seq}, nay chuỗi dừng ở {lastSeq}.");
            else if (lastSeq > tail.Seq)
                Add(ChainProblemKind.Inserted, tail.Seq + 1, null, $"Có {lastSeq - tail.Seq} dòng sau dòng cuối mà ứng dụng đã ghi (số {tail.Seq}): được thêm vào ngoài ứng dụng.");
            else if (last is not null && last.Hash != tail.Hash)
                Add(ChainProblemKind.Altered, lastSeq, last.Id, $"Dòng cuối (số {lastSeq}) không phải dòng ứng dụng đã ghi: đã bị thay thế.");
        }
        return new ChainReport(chain, name, rows, last, tail, sealChecked, problems, count);
    }

    /// <summary>
    /// A commune's chain begins with CommuneSetup's second save, the one that gives the committee its own commune id:
    /// its first audit row is the creation of the commune's first term (the committee's own creation, saved before its
    /// id was known, sits on chain 0; giving it its commune id is not a change the trail records). Older rows linked
    /// by LinkOldRowsAsync keep the order they were written in, so they begin the same way.
    /// </summary>
    private static bool IsGenesis(AuditEntry r) => r.EntityType == nameof(Term) && r.Action == "Tạo mới";

    private static string Describe(AuditEntry r) =>
        $"{Core.Common.VietnamTime.Local(r.AtUtc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)}, {r.UserName}, {r.Action} {AuditView.TypeName(r.EntityType)}";

    /// <summary>The report as the command line prints it; the page shows the same sentences.</summary>
    public static void Write(IEnumerable<ChainReport> reports, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var r in reports)
        {
            output.WriteLine($"Chuỗi {r.Chain} — {r.Name}: {r.Rows} dòng. {(r.Ok ? "TOÀN VẸN." : $"CÓ {r.ProblemCount} VẤN ĐỀ.")}");
            output.WriteLine("  " + TailLine(r, technical: true));
            // The technician at the command line gets the row's key too, to find it in the database.
            foreach (var p in r.Problems) output.WriteLine("  - " + p.Message + (p.RowId is { } id ? $" (mã dòng {id})" : ""));
            if (r.ProblemCount > r.Problems.Count) output.WriteLine($"  … và {r.ProblemCount - r.Problems.Count} vấn đề khác.");
        }
    }

    /// <summary>The chain's last row; its database key and hash only for the command line (<paramref name="technical"/>).</summary>
    public static string TailLine(ChainReport r, bool technical = false) => r.Last is { } l
        ? $"Dòng cuối: số {l.Seq}{(technical ? $" (mã {l.Id})" : "")}, {Describe(l)}" +
          (technical ? $", mã băm {l.Hash[..Math.Min(16, l.Hash.Length)]}…" : "") +
          (r.SealChecked ? " Đuôi chuỗi có niêm phong hợp lệ." : "")
        : "Chuỗi chưa có dòng nào.";
}
