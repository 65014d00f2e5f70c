using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Classes;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Classes;

/// <summary>Reads a class the user's commune has seats in (or hosts), with its seats.</summary>
public static class ClassReads
{
    public static Task<PartyClass?> VisibleAsync(this AppDbContext db, int classId, CancellationToken ct) =>
        db.PartyClasses.Include(c => c.Center).Include(c => c.Quotas).FirstOrDefaultAsync(c => c.Id == classId, ct);

    /// <summary>How many of the class's places are approved, every commune together.</summary>
    public static Task<int> ApprovedInClassAsync(this AppDbContext db, int classId, CancellationToken ct) =>
        // Bypass reviewed: a count of the class's approved places of every commune, for its size; nothing of them is read.
        db.ClassEnrolments.IgnoreQueryFilters().CountAsync(e => e.ClassId == classId && e.Status == EnrolmentStatus.Approved, ct);
}

/// <summary>
/// A cell proposes people for a class ("đề cử"): all of the list or none, each refusal naming the person and the
/// reason. Before the class opens, within the commune's seats, only people the class rules admit (<see cref="ClassPool"/>).
/// </summary>
public sealed class NominateForClass(AppDbContext db, Access access, ClassPool pool, AuditContext who, TimeProvider clock)
{
    public const int MaxAtOnce = 200;

    public async Task<Outcome<int>> HandleAsync(int classId, IReadOnlyList<int>? candidateIds, CancellationToken ct)
    {
        if (!access.Has(Permission.NominateForClass)) return Outcome<int>.Forbidden();
        var cls = await db.VisibleAsync(classId, ct);
        if (cls is null) return Outcome<int>.NotFound();
        var ids = (candidateIds ?? []).Distinct().ToList();
        var today = Core.Common.VietnamTime.Today(clock);
        if (ids.Count == 0) return Outcome<int>.Invalid("CandidateIds", "Hãy chọn ít nhất một người để đề cử.");
        if (ids.Count > MaxAtOnce) return Outcome<int>.Invalid("CandidateIds", $"Mỗi lần đề cử tối đa {MaxAtOnce} người.");
        // Once the class has opened the cells' proposals are closed; the office may still add people (a late place, or a
        // class held before the software, recorded afterwards).
        if (today >= cls.OpensOn && !access.Has(Permission.ManageClasses))
            return Outcome<int>.Invalid("CandidateIds", $"Lớp đã khai giảng ngày {cls.OpensOn:dd/MM/yyyy}: chi bộ không đề cử thêm; văn phòng đảng ủy ghi bổ sung nếu cần.");
        if (cls.Quotas.All(q => q.CommuneId != access.Scope.CommuneId))
            return Outcome<int>.Invalid("CandidateIds", "Lớp này chưa có chỉ tiêu cho xã: văn phòng đảng ủy hãy nhập chỉ tiêu trước.");

        // The checks and the writes under the commune's class lock: the same person cannot be proposed twice at once.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockClassPlacesAsync(cls.Id, ct);
        var entries = (await pool.ForAsync(cls, null, ids, ct)).ToDictionary(e => e.CandidateId);
        var errors = new Errors();
        for (var i = 0; i < ids.Count; i++)
        {
            if (!entries.TryGetValue(ids[i], out var e)) errors.Add($"CandidateIds[{i}]", $"Người thứ {i + 1} không có trong danh sách quần chúng, đảng viên dự bị của chi bộ được giao.");
            else if (e.Refusal is { } why) errors.Add($"CandidateIds[{i}]", $"{e.FullName} ({e.Cell}): {why}.");
        }
        if (errors.Any) return Outcome<int>.Invalid(errors.List);

        var now = clock.GetUtcNow().UtcDateTime;
        var earlier = await db.ClassEnrolments.Where(x => x.ClassId == cls.Id && ids.Contains(x.CandidateId)).ToDictionaryAsync(x => x.CandidateId, ct);
        foreach (var id in ids)
        {
            var e = entries[id];
            if (earlier.TryGetValue(id, out var again))
            {
                // Refused or taken back before: proposed again, on the same row (a class lists each person once).
                again.Status = EnrolmentStatus.Proposed;
                again.CellId = e.CellId;
                again.ProposedBy = who.UserName;
                again.ProposedAtUtc = now;
                again.DecidedBy = null;
                again.DecidedAtUtc = null;
                again.StatusReason = null;
            }
            else db.ClassEnrolments.Add(new ClassEnrolment
            {
                CommuneId = access.Scope.CommuneId, ClassId = cls.Id, CandidateId = id, CellId = e.CellId,
                Status = EnrolmentStatus.Proposed, ProposedBy = who.UserName, ProposedAtUtc = now,
            });
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Outcome<int>.Conflict(0, [], "Danh sách của lớp vừa được người khác thay đổi; chưa đề cử ai. Hãy tải lại trang rồi đề cử lại.");
        }
        return Outcome<int>.Done(ids.Count);
    }
}

/// <summary>One refusal of the office, with its reason.</summary>
public sealed class RefusalInput
{
    public int EnrolmentId { get; set; }
    [Display(Name = "Lý do không duyệt")]
    public string? Reason { get; set; }
}

/// <summary>What the office decides on a class's proposals in one go.</summary>
public sealed class NominationDecision
{
    public List<int> Approve { get; set; } = [];
    public List<RefusalInput> Refuse { get; set; } = [];
}

/// <summary>
/// The commune office approves its commune's list for a class within the commune's seats and the class's size, or
/// refuses a proposal with its reason; an approved place may also be taken back (with a reason) until results come.
/// All of the decision or none.
/// </summary>
public sealed class DecideNominations(AppDbContext db, Access access, ClassPool pool, AuditContext who, TimeProvider clock)
{
    public async Task<Outcome<int>> HandleAsync(int classId, NominationDecision? decision, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageClasses)) return Outcome<int>.Forbidden();
        var cls = await db.VisibleAsync(classId, ct);
        if (cls is null) return Outcome<int>.NotFound();
        decision ??= new();
        var approve = (decision.Approve ?? []).Distinct().ToList();
        var refuse = (decision.Refuse ?? []).Where(r => r is not null).ToList();
        if (approve.Count + refuse.Count == 0) return Outcome<int>.Invalid("Approve", "Hãy chọn người để duyệt hoặc không duyệt.");
        if (approve.Intersect(refuse.Select(r => r.EnrolmentId)).Any()) return Outcome<int>.Invalid("Approve", "Một người vừa được chọn duyệt vừa không duyệt.");
        var today = Core.Common.VietnamTime.Today(clock);

        var wanted = approve.Concat(refuse.Select(r => r.EnrolmentId)).ToList();
        // The seats are counted and taken under the commune's class lock: two approvals at once cannot both take the last one.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockClassPlacesAsync(cls.Id, ct);
        var rows = await db.ClassEnrolments.Include(e => e.Candidate).ThenInclude(c => c.Person)
            .Where(e => e.ClassId == cls.Id && wanted.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var errors = new Errors();
        foreach (var id in wanted.Where(id => !rows.ContainsKey(id)))
            errors.Add("Approve", "Có người được chọn không còn trong danh sách đề cử của lớp; hãy tải lại trang.");
        for (var i = 0; i < refuse.Count; i++)
        {
            // Control characters and direction overrides are refused here as in every other field.
            errors.Annotations(refuse[i], $"Refuse[{i}].");
            refuse[i].Reason = VietnameseText.Normalize(refuse[i].Reason);
            if (!rows.TryGetValue(refuse[i].EnrolmentId, out var r)) continue;
            var name = r.Candidate.Person.FullName;
            if (refuse[i].Reason is null)
                errors.Add($"Refuse[{i}].Reason", $"{name}: hãy ghi lý do {(r.Status == EnrolmentStatus.Approved ? "rút khỏi danh sách" : "không duyệt")}.");
            else if (refuse[i].Reason!.Length > 500) errors.Add($"Refuse[{i}].Reason", $"{name}: lý do tối đa 500 ký tự.");
            if (r.Status is not (EnrolmentStatus.Proposed or EnrolmentStatus.Approved) || r.Result != ClassResult.None)
                errors.Add($"Refuse[{i}].Reason", $"{name}: {(r.Result != ClassResult.None ? "đã có kết quả học" : "không còn chờ duyệt")}.");
        }
        var toApprove = approve.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
        foreach (var r in toApprove.Where(r => r.Status != EnrolmentStatus.Proposed))
            errors.Add("Approve", $"{r.Candidate.Person.FullName}: {(r.Status == EnrolmentStatus.Approved ? "đã được duyệt" : "không còn chờ duyệt")}.");
        // The case may have moved since the cell proposed them (withdrawn, a certificate recorded…): asked again now.
        var entries = (await pool.ForAsync(cls, null, [.. toApprove.Select(r => r.CandidateId)], ct)).ToDictionary(e => e.CandidateId);
        foreach (var r in toApprove)
            if (entries.TryGetValue(r.CandidateId, out var e) && e.Refusal is { } why && why != ClassPool.AlreadyHere)
                errors.Add("Approve", $"{e.FullName}: {why}.");
        if (toApprove.Count > 0)
        {
            var commune = access.Scope.CommuneId;
            var seats = cls.Quotas.FirstOrDefault(q => q.CommuneId == commune)?.Seats;
            var approvedHere = await db.ClassEnrolments.CountAsync(e => e.ClassId == cls.Id && e.Status == EnrolmentStatus.Approved, ct);
            var approvedAll = await db.ApprovedInClassAsync(cls.Id, ct);
            var freed = refuse.Count(r => rows.TryGetValue(r.EnrolmentId, out var x) && x.Status == EnrolmentStatus.Approved);
            if (ClassRules.QuotaRefusal(approvedHere - freed, approvedAll - freed, toApprove.Count, seats, cls.Capacity) is { } over)
                errors.Add("Approve", $"Không duyệt được {toApprove.Count} người: {over}.");
        }
        if (errors.Any) return Outcome<int>.Invalid(errors.List);

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var r in toApprove)
        {
            r.Status = EnrolmentStatus.Approved;
            r.DecidedBy = who.UserName;
            r.DecidedAtUtc = now;
            r.StatusReason = null;
        }
        foreach (var x in refuse)
        {
            var r = rows[x.EnrolmentId];
            r.Status = r.Status == EnrolmentStatus.Approved ? EnrolmentStatus.Withdrawn : EnrolmentStatus.Refused;
            r.DecidedBy = who.UserName;
            r.DecidedAtUtc = now;
            r.StatusReason = x.Reason;
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<int>.Conflict(0, [], "Danh sách của lớp vừa được người khác thay đổi; chưa duyệt gì. Hãy tải lại trang rồi duyệt lại.");
        }
        return Outcome<int>.Done(toApprove.Count + refuse.Count);
    }
}

/// <summary>The cell takes back a proposal the office has not decided on yet.</summary>
public sealed class WithdrawNomination(AppDbContext db, Access access, AuditContext who, TimeProvider clock)
{
    public async Task<Outcome<ClassEnrolment>> HandleAsync(int enrolmentId, CancellationToken ct)
    {
        if (!access.Has(Permission.NominateForClass)) return Outcome<ClassEnrolment>.Forbidden();
        var e = await db.ClassEnrolments.FirstOrDefaultAsync(x => x.Id == enrolmentId, ct);
        if (e is null) return Outcome<ClassEnrolment>.NotFound();
        if (e.Status != EnrolmentStatus.Proposed)
            return Outcome<ClassEnrolment>.Invalid("", "Chỉ rút được đề cử đang chờ duyệt; người đã được duyệt do văn phòng đảng ủy rút.");
        e.Status = EnrolmentStatus.Withdrawn;
        e.DecidedBy = who.UserName;
        e.DecidedAtUtc = clock.GetUtcNow().UtcDateTime;
        e.StatusReason = "Chi bộ rút đề cử";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<ClassEnrolment>.Conflict(null, [], "Đề cử này vừa được văn phòng đảng ủy xét; chưa rút. Hãy tải lại trang.");
        }
        return Outcome<ClassEnrolment>.Done(e);
    }
}
