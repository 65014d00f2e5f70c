using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Import;

/// <summary>
/// Takes an import back as a whole: removes every record it created (people, member or candidate records, their cell
/// history and source-pool steps, and the cells it created that nothing else uses) and marks the batch undone, in one
/// save. Refused while anything depends on it: a record of the batch edited since, a step recorded on one of its
/// candidates, one of its members mentoring, introducing, in charge of a cell, secretary of a cell or holding an account.
/// </summary>
public sealed class UndoImport(AppDbContext db, Access access, AuditContext who, TimeProvider clock)
{
    public async Task<Outcome<ImportBatch>> HandleAsync(int batchId, CancellationToken ct)
    {
        if (!access.Has(Permission.ImportRegister)) return Outcome<ImportBatch>.Forbidden();
        var batch = await db.ImportBatches.FirstOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null) return Outcome<ImportBatch>.NotFound();
        if (batch.UndoneAtUtc is not null) return Outcome<ImportBatch>.Invalid("", "Lần nhập này đã được hoàn tác.");

        // The batch's records across the whole commune: undoing is the commune's act, whatever cells the user covers.
        var people = db.People.Where(p => p.ImportBatchId == batchId);
        var members = db.Members.WholeCommune().Where(m => m.ImportBatchId == batchId);
        var candidates = db.Candidates.WholeCommune().Where(c => c.ImportBatchId == batchId);
        var memberIds = await members.Select(m => m.Id).ToListAsync(ct);
        var candidateIds = await candidates.Select(c => c.Id).ToListAsync(ct);
        var reasons = new List<string>();
        async Task Name(IQueryable<string> names, string why)
        {
            // Ordered, so the same names each time; a fourth only to know whether to write "…".
            var found = await names.OrderBy(n => n).Take(4).ToListAsync(ct);
            if (found.Count > 0) reasons.Add($"{why}: {string.Join(", ", found.Take(3))}{(found.Count > 3 ? "…" : "")}");
        }
        await Name(people.Where(p => p.Version > 0).Select(p => p.FullName), "hồ sơ đã được sửa sau khi nhập");
        await Name(members.Where(m => m.Version > 0).Select(m => m.Person.FullName), "hồ sơ đảng viên đã được sửa sau khi nhập");
        await Name(candidates.Where(c => c.Version > 0 || c.MentorMemberId != null).Select(c => c.Person.FullName), "hồ sơ quần chúng đã được sửa hoặc đã có người giúp đỡ");
        await Name(candidates.Where(c => db.AdmissionSteps.WholeCommune().Count(s => s.CandidateId == c.Id) > 1
            || db.AdmissionSteps.WholeCommune().Any(s => s.CandidateId == c.Id && s.Kind != AdmissionStepKind.SourcePool)).Select(c => c.Person.FullName),
            "đã ghi thêm bước kết nạp");
        await Name(candidates.Where(c => db.StepAttachments.Any(a => a.Step!.CandidateId == c.Id)).Select(c => c.Person.FullName), "đã đính kèm tệp quét vào hồ sơ");
        await Name(candidates.Where(c => db.IssuedDocuments.Any(d => d.CandidateId == c.Id)).Select(c => c.Person.FullName), "đã lập biểu mẫu cho hồ sơ");
        await Name(members.Where(m => db.Candidates.WholeCommune().Any(c => c.MentorMemberId == m.Id)).Select(m => m.Person.FullName), "đang giúp đỡ quần chúng");
        await Name(members.Where(m => db.CellResponsibilities.WholeCommune().Any(r => r.MemberId == m.Id)).Select(m => m.Person.FullName), "được phân công phụ trách chi bộ");
        await Name(members.Where(m => db.Organisations.WholeCommune().Any(o => o.SecretaryMemberId == m.Id)).Select(m => m.Person.FullName), "là bí thư chi bộ");
        await Name(members.Where(m => db.Users.Any(u => u.MemberId == m.Id)).Select(m => m.Person.FullName), "có tài khoản gắn với hồ sơ");
        await Name(members.Where(m => db.MemberExits.WholeCommune().Any(e => e.MemberId == m.Id)).Select(m => m.Person.FullName), "đã có hồ sơ xóa tên, ra khỏi Đảng, chuyển đi");
        // A probationary member's recognition case opened from the register (OpenRecognition) is a candidate record
        // of the same person made after the import, not by it.
        await Name(people.Where(p => db.Candidates.WholeCommune().Any(c => c.PersonId == p.Id && c.ImportBatchId != batchId)).Select(p => p.FullName),
            "đã mở hồ sơ xét kết nạp hoặc xét công nhận chính thức");
        if (memberIds.Count > 0 && await StepsNamingAsync(batch, memberIds.ToHashSet(), ct) is { } step) reasons.Add(step);
        if (reasons.Count > 0)
            return Outcome<ImportBatch>.Invalid("", "Không hoàn tác được lần nhập này vì đã có việc dựa trên nó — " + string.Join("; ", reasons)
                + ". Hãy sửa hoặc xóa từng hồ sơ ở trang của nó.");

        try
        {
            await RemoveAsync(batch, people, members, candidates, memberIds, candidateIds, ct);
        }
        catch (DbUpdateException)
        {
            // Another undo of the same batch won the race (the batch's version moved), or a record was tied to the
            // batch between the check and the removal: the transaction is rolled back, nothing was removed.
            return Outcome<ImportBatch>.Invalid("", "Lần nhập này vừa được hoàn tác hoặc vừa có thay đổi trong lúc hoàn tác; chưa hoàn tác gì thêm. Hãy tải lại trang để xem tình trạng hiện tại.");
        }
        return Outcome<ImportBatch>.Done(batch);
    }

    private async Task RemoveAsync(ImportBatch batch, IQueryable<Core.People.Person> people, IQueryable<Core.People.Member> members,
        IQueryable<Core.People.Candidate> candidates, List<int> memberIds, List<int> candidateIds, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Not while an import of the commune is checking the register against the same people.
        await db.LockCommuneImportsAsync(ct);
        // The batch first: a second undo of it racing this one fails on the batch's version before anything is removed.
        batch.UndoneAtUtc = clock.GetUtcNow().UtcDateTime;
        batch.UndoneBy = who.UserName;
        await db.SaveChangesAsync(ct);
        // Read without tracking and deleted in bulk, each with its audit row as a save writes it (decision 0023): through
        // the change tracker, 20,000 rows took longer than their import. Dependents first.
        var records = new List<object>();
        records.AddRange(await db.AdmissionSteps.WholeCommune().AsNoTracking().Where(s => candidateIds.Contains(s.CandidateId)).ToListAsync(ct));
        records.AddRange(await db.CandidateSources.AsNoTracking().Where(s => candidateIds.Contains(s.CandidateId)).ToListAsync(ct));
        records.AddRange(await candidates.AsNoTracking().ToListAsync(ct));
        records.AddRange(await db.CellMemberships.WholeCommune().AsNoTracking().Where(p => memberIds.Contains(p.MemberId)).ToListAsync(ct));
        records.AddRange(await members.AsNoTracking().ToListAsync(ct));
        records.AddRange(await people.AsNoTracking().ToListAsync(ct));
        await db.DeleteLoadedAsync(records, ct);
        // The cells the import created go with it, unless something was put in them since.
        var cellIds = batch.CreatedCellIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        foreach (var cell in await db.Organisations.WholeCommune().Where(o => cellIds.Contains(o.Id)).ToListAsync(ct))
        {
            var used = await db.Members.WholeCommune().AnyAsync(m => m.CellId == cell.Id, ct) || await db.Candidates.WholeCommune().AnyAsync(c => c.CellId == cell.Id, ct)
                || await db.CellMemberships.WholeCommune().AnyAsync(p => p.CellId == cell.Id, ct) || await db.Users.AnyAsync(u => u.OrganisationId == cell.Id, ct)
                || await db.CellTargets.WholeCommune().AnyAsync(t => t.CellId == cell.Id, ct) || await db.CellResponsibilities.WholeCommune().AnyAsync(r => r.CellId == cell.Id, ct);
            if (!used && cell.Version == 0) db.Organisations.Remove(cell);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Steps recorded since the import whose details name one of its members (an introducer, a mentor, a voter).</summary>
    private async Task<string?> StepsNamingAsync(ImportBatch batch, HashSet<int> memberIds, CancellationToken ct)
    {
        var details = await db.AdmissionSteps.WholeCommune().Where(s => s.RecordedAtUtc >= batch.ImportedAtUtc && s.Details != null)
            .Select(s => s.Details!).ToListAsync(ct);
        foreach (var json in details)
        {
            try
            {
                using var doc = JsonDocument.Parse(json);
                if (Names(doc.RootElement, memberIds)) return "một đảng viên của lần nhập đã được ghi trong một bước kết nạp (giới thiệu, giúp đỡ hoặc biểu quyết)";
            }
            catch (JsonException)
            {
                // An unreadable step names nobody the register can tell.
            }
        }
        return null;
    }

    private static bool Names(JsonElement e, HashSet<int> ids) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().Any(p =>
            p.Name.EndsWith("MemberId", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var id) && ids.Contains(id)
            || p.Name.EndsWith("MemberIds", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.Array
                && p.Value.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) && ids.Contains(i))
            || Names(p.Value, ids)),
        JsonValueKind.Array => e.EnumerateArray().Any(v => Names(v, ids)),
        _ => false,
    };
}
