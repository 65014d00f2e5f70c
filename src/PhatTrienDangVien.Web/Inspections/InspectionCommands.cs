using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Inspections;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Inspections;

/// <summary>
/// Writes a line of the year's inspection and supervision plan (the commune office). The cell of a line that has a
/// session stays: the session's figures are that cell's. One command for the page and the API.
/// </summary>
public sealed class SavePlanItem(AppDbContext db, Access access, ConflictDiff diff, TimeProvider clock)
{
    /// <summary>The first end whose three months reach the session's day (31/05 needs 01/03: 28/02 + 3 months is 28/05).</summary>
    private static DateOnly EarliestEndFor(DateOnly session)
    {
        var end = session.AddMonths(-3);
        while (end.AddMonths(3) < session) end = end.AddDays(1);
        return end;
    }

    private const string P = "Input.";

    public async Task<Outcome<InspectionPlanItem>> HandleAsync(int? id, PlanItemInput input, int version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.PlanInspections)) return Outcome<InspectionPlanItem>.Forbidden();
        InspectionPlanItem? p = null;
        if (id is not null && (p = await db.InspectionPlanItems.FirstOrDefaultAsync(x => x.Id == id, ct)) is null) return Outcome<InspectionPlanItem>.NotFound();
        input.Topic = VietnameseText.Normalize(input.Topic) ?? "";
        input.Team = VietnameseText.Normalize(input.Team) ?? "";
        input.Notes = VietnameseText.Normalize(input.Notes);
        var errors = new Errors();
        errors.Annotations(input, P);
        if (errors.Any) return Outcome<InspectionPlanItem>.Invalid(errors.List);
        errors.Require(Enum.IsDefined(input.Kind!.Value), P + nameof(input.Kind), "Hình thức không hợp lệ.");
        // A plan is made for this year or the next (a year's plan is adopted late in the year before).
        var thisYear = Core.Common.VietnamTime.Today(clock).Year;
        if (input.Year > thisYear + 1) errors.Add(P + nameof(input.Year), $"Kế hoạch lập cho năm nay hoặc năm sau, chậm nhất năm {thisYear + 1}.");
        if (input.To < input.From) errors.Add(P + nameof(input.To), "Ngày kết thúc không thể trước ngày bắt đầu.");
        if (input.From!.Value.Year != input.Year || input.To!.Value.Year != input.Year)
            errors.Add(P + nameof(input.From), $"Thời gian kiểm tra, giám sát phải nằm trong năm {input.Year} của kế hoạch.");
        var cell = input.CellId!.Value;
        if (!await db.Organisations.AnyAsync(o => o.Id == cell && o.Kind == OrganisationKind.Cell, ct) || !access.Scope.CoversCell(cell))
            errors.Add(P + nameof(input.CellId), "Chi bộ không có trong phạm vi được giao.");
        // The line's sessions, read once: once one is held, the cell, year and kind stay, and the period keeps it inside.
        var held = p is null ? [] : await db.InspectionSessions.Where(s => s.PlanItemId == p.Id).Select(s => s.Date).ToListAsync(ct);
        if (held.Count > 0)
        {
            if (p!.CellId != cell)
                errors.Add(P + nameof(input.CellId), "Đã có buổi kiểm tra theo kế hoạch này: không đổi được chi bộ (hãy lập kế hoạch mới cho chi bộ khác).");
            if (p.Year != input.Year) errors.Add(P + nameof(input.Year), "Đã có buổi kiểm tra theo kế hoạch này: không đổi được năm.");
            if (p.Kind != input.Kind) errors.Add(P + nameof(input.Kind), "Đã có buổi kiểm tra, giám sát theo kế hoạch này: không đổi được hình thức.");
            if (held.Min() is var first && first < input.From)
                errors.Add(P + nameof(input.From), $"Đã có buổi làm việc ngày {first:dd/MM/yyyy}: thời gian của kế hoạch phải bắt đầu từ ngày đó trở về trước.");
            // A session may be held up to three months after the plan's end (as a session's own check says): the end may
            // not move so early that a session already held falls outside, which would leave it unsavable.
            if (held.Max() is var last && input.To is { } to && last > to.AddMonths(3))
                errors.Add(P + nameof(input.To), $"Đã có buổi làm việc ngày {last:dd/MM/yyyy}: ngày kết thúc của kế hoạch phải từ {EarliestEndFor(last):dd/MM/yyyy} trở về sau.");
        }
        if (errors.Any) return Outcome<InspectionPlanItem>.Invalid(errors.List);

        var record = p ?? new InspectionPlanItem { CommuneId = access.Scope.CommuneId, Topic = input.Topic, Team = input.Team };
        record.Year = input.Year!.Value;
        record.Kind = input.Kind.Value;
        record.CellId = cell;
        record.Topic = input.Topic;
        record.From = input.From.Value;
        record.To = input.To!.Value;
        record.Team = input.Team;
        record.Notes = input.Notes;
        if (p is null) db.InspectionPlanItems.Add(record);
        else db.ExpectVersion(record, version);
        var key = record.Id;
        return await db.SaveAsync(record, async token =>
        {
            var current = await db.InspectionPlanItems.AsNoTracking().FirstOrDefaultAsync(x => x.Id == key, token);
            return current is null ? (null, []) : (current, await diff.CompareAsync(input, PlanItemInput.Of(current), token));
        }, ct);
    }
}

/// <summary>Deletes a plan line entered by mistake; one with a session keeps its record (delete the session first).</summary>
public sealed class DeletePlanItem(AppDbContext db, Access access)
{
    public async Task<Outcome<InspectionPlanItem>> HandleAsync(int id, CancellationToken ct)
    {
        if (!access.Has(Permission.PlanInspections)) return Outcome<InspectionPlanItem>.Forbidden();
        var p = await db.InspectionPlanItems.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Outcome<InspectionPlanItem>.NotFound();
        if (await db.InspectionSessions.AnyAsync(s => s.PlanItemId == id, ct))
            return Outcome<InspectionPlanItem>.Invalid("", "Kế hoạch này đã có buổi kiểm tra, giám sát được ghi: không xóa được.");
        db.InspectionPlanItems.Remove(p);
        await db.SaveChangesAsync(ct);
        return Outcome<InspectionPlanItem>.Done(p);
    }
}

/// <summary>
/// Records a session under a plan line (the inspection committee). A new session takes the cell's figures and runs the
/// checklist at once; <see cref="RunChecklist"/> runs them again on a later day (the record says which day).
/// </summary>
public sealed class SaveSession(AppDbContext db, Access access, ConflictDiff diff, InspectionChecklist checklist, TimeProvider clock)
{
    private const string P = "Input.";

    public async Task<Outcome<InspectionSession>> HandleAsync(int? id, int planItemId, SessionInput input, int version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.RecordInspection)) return Outcome<InspectionSession>.Forbidden();
        InspectionSession? s = null;
        if (id is not null && (s = await db.InspectionSessions.FirstOrDefaultAsync(x => x.Id == id, ct)) is null) return Outcome<InspectionSession>.NotFound();
        if (s is not null && planItemId != 0 && planItemId != s.PlanItemId) return Outcome<InspectionSession>.Invalid("", "Buổi kiểm tra này thuộc kế hoạch khác: không chuyển sang kế hoạch khác được.");
        var plan = await db.InspectionPlanItems.AsNoTracking().FirstOrDefaultAsync(x => x.Id == (s == null ? planItemId : s.PlanItemId), ct);
        if (plan is null) return Outcome<InspectionSession>.NotFound();
        input.Team = VietnameseText.Normalize(input.Team) ?? "";
        input.Conclusion = VietnameseText.Normalize(input.Conclusion);
        var errors = new Errors();
        errors.Annotations(input, P);
        if (errors.Any) return Outcome<InspectionSession>.Invalid(errors.List);
        var today = VietnamTime.Today(clock);
        if (input.Date > today) errors.Add(P + nameof(input.Date), $"Ngày kiểm tra không thể sau hôm nay ({today:dd/MM/yyyy}): ghi buổi làm việc khi đã diễn ra.");
        if (input.Date < plan.From || input.Date > plan.To.AddMonths(3))
            errors.Add(P + nameof(input.Date), $"Ngày làm việc phải từ ngày bắt đầu của kế hoạch ({plan.From:dd/MM/yyyy}) đến chậm nhất 3 tháng sau ngày kết thúc ({plan.To.AddMonths(3):dd/MM/yyyy}).");
        // Its findings' actions were dated from the session: the day cannot move past them.
        if (s is not null)
        {
            var actions = await db.CorrectiveActions.Where(a => db.InspectionFindings.Any(f => f.Id == a.FindingId && f.SessionId == s.Id))
                .Select(a => new { a.DueDate, a.DoneOn }).ToListAsync(ct);
            var earliest = actions.SelectMany(a => new[] { (DateOnly?)a.DueDate, a.DoneOn }).OfType<DateOnly>().DefaultIfEmpty(DateOnly.MaxValue).Min();
            if (input.Date > earliest)
                errors.Add(P + nameof(input.Date), $"Đã có việc khắc phục tính từ buổi này (hạn hoặc ngày hoàn thành {earliest:dd/MM/yyyy}): ngày làm việc không thể sau ngày đó.");
        }
        if (errors.Any) return Outcome<InspectionSession>.Invalid(errors.List);

        var record = s ?? new InspectionSession { CommuneId = plan.CommuneId, PlanItemId = plan.Id, CellId = plan.CellId, Team = input.Team };
        record.Date = input.Date!.Value;
        record.Team = input.Team;
        record.Conclusion = input.Conclusion;
        if (s is null)
        {
            await checklist.AttachAsync(record, plan.Year, today, ct);
            db.InspectionSessions.Add(record);
        }
        else db.ExpectVersion(record, version);
        var key = record.Id;
        return await db.SaveAsync(record, async token =>
        {
            var current = await db.InspectionSessions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == key, token);
            return current is null ? (null, []) : (current, await diff.CompareAsync(input, SessionInput.From(current), token));
        }, ct);
    }
}

/// <summary>Runs the cell's figures and the checklist again for a session (the inspector asks for it on a later day).</summary>
public sealed class RunChecklist(AppDbContext db, Access access, InspectionChecklist checklist, TimeProvider clock)
{
    public async Task<Outcome<InspectionSession>> HandleAsync(int id, CancellationToken ct)
    {
        if (!access.Has(Permission.RecordInspection)) return Outcome<InspectionSession>.Forbidden();
        var s = await db.InspectionSessions.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Outcome<InspectionSession>.NotFound();
        var year = await db.InspectionPlanItems.Where(p => p.Id == s.PlanItemId).Select(p => p.Year).FirstAsync(ct);
        await checklist.AttachAsync(s, year, VietnamTime.Today(clock), ct);
        await db.SaveChangesAsync(ct);
        return Outcome<InspectionSession>.Done(s);
    }
}

/// <summary>Deletes a session recorded by mistake; one with findings keeps them (delete those first).</summary>
public sealed class DeleteSession(AppDbContext db, Access access)
{
    public async Task<Outcome<InspectionSession>> HandleAsync(int id, CancellationToken ct)
    {
        if (!access.Has(Permission.RecordInspection)) return Outcome<InspectionSession>.Forbidden();
        var s = await db.InspectionSessions.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Outcome<InspectionSession>.NotFound();
        if (await db.InspectionFindings.AnyAsync(f => f.SessionId == id, ct))
            return Outcome<InspectionSession>.Invalid("", "Buổi kiểm tra này đã có phát hiện: hãy xóa các phát hiện trước.");
        db.InspectionSessions.Remove(s);
        await db.SaveChangesAsync(ct);
        return Outcome<InspectionSession>.Done(s);
    }
}

/// <summary>Writes a finding of a session (the inspection committee); the case it names must be the cell's.</summary>
public sealed class SaveFinding(AppDbContext db, Access access, ConflictDiff diff)
{
    private const string P = "Finding.";

    public async Task<Outcome<InspectionFinding>> HandleAsync(int? id, int sessionId, FindingInput input, int version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.RecordInspection)) return Outcome<InspectionFinding>.Forbidden();
        InspectionFinding? f = null;
        if (id is not null && (f = await db.InspectionFindings.FirstOrDefaultAsync(x => x.Id == id, ct)) is null) return Outcome<InspectionFinding>.NotFound();
        if (f is not null && sessionId != 0 && sessionId != f.SessionId) return Outcome<InspectionFinding>.Invalid("", "Phát hiện này thuộc buổi kiểm tra khác: không chuyển sang buổi khác được.");
        var session = await db.InspectionSessions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == (f == null ? sessionId : f.SessionId), ct);
        if (session is null) return Outcome<InspectionFinding>.NotFound();
        input.Text = VietnameseText.Normalize(input.Text) ?? "";
        var errors = new Errors();
        errors.Annotations(input, P);
        errors.Require(input.Check is null || Enum.IsDefined(input.Check.Value), P + nameof(input.Check), "Mục bảng kiểm không hợp lệ.");
        if (input.CandidateId is { } c && !await db.Candidates.AnyAsync(x => x.Id == c && x.CellId == session.CellId, ct))
            errors.Add(P + nameof(input.CandidateId), "Hồ sơ này không thuộc chi bộ được kiểm tra.");
        // The same finding twice (a double click, a form sent again) would be corrected twice.
        var key = f?.Id ?? 0;
        if (!errors.Any && await db.InspectionFindings.AnyAsync(x => x.SessionId == session.Id && x.Id != key && x.Text == input.Text
                && x.CandidateId == input.CandidateId && x.Check == input.Check, ct))
            errors.Add(P + nameof(input.Text), "Phát hiện này đã được ghi ở buổi kiểm tra này.");
        if (errors.Any) return Outcome<InspectionFinding>.Invalid(errors.List);
        var record = f ?? new InspectionFinding { CommuneId = session.CommuneId, SessionId = session.Id, CellId = session.CellId, Text = input.Text };
        record.Text = input.Text;
        record.CandidateId = input.CandidateId;
        record.Check = input.Check;
        if (f is null) db.InspectionFindings.Add(record);
        else db.ExpectVersion(record, version);
        return await db.SaveAsync(record, async token =>
        {
            var current = await db.InspectionFindings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == key, token);
            return current is null ? (null, []) : (current, await diff.CompareAsync(input, FindingInput.From(current), token));
        }, ct);
    }
}

/// <summary>Deletes a finding written by mistake; one with corrective actions keeps them (the office cancels them with a reason).</summary>
public sealed class DeleteFinding(AppDbContext db, Access access)
{
    public async Task<Outcome<InspectionFinding>> HandleAsync(int id, CancellationToken ct)
    {
        if (!access.Has(Permission.RecordInspection)) return Outcome<InspectionFinding>.Forbidden();
        var f = await db.InspectionFindings.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (f is null) return Outcome<InspectionFinding>.NotFound();
        if (await db.CorrectiveActions.AnyAsync(a => a.FindingId == id, ct))
            return Outcome<InspectionFinding>.Invalid("", "Phát hiện này đã có việc khắc phục được giao: không xóa được (văn phòng Đảng ủy hủy việc khắc phục kèm lý do nếu không còn cần).");
        db.InspectionFindings.Remove(f);
        await db.SaveChangesAsync(ct);
        return Outcome<InspectionFinding>.Done(f);
    }
}

/// <summary>
/// Assigns a corrective action to a finding, or moves it along (the commune office): the rules of
/// <see cref="CorrectiveActions"/> — an owner and a due date, done only with evidence and its date, cancelled only
/// with a reason. A closed action is reopened by saving it open again (the evidence is kept in the audit trail).
/// </summary>
public sealed class SaveAction(AppDbContext db, Access access, ConflictDiff diff, TimeProvider clock)
{
    private const string P = "Input.";

    public async Task<Outcome<CorrectiveAction>> HandleAsync(int? id, int findingId, ActionInput input, int version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.PlanInspections)) return Outcome<CorrectiveAction>.Forbidden();
        CorrectiveAction? a = null;
        if (id is not null && (a = await db.CorrectiveActions.FirstOrDefaultAsync(x => x.Id == id, ct)) is null) return Outcome<CorrectiveAction>.NotFound();
        if (a is not null && findingId != 0 && findingId != a.FindingId) return Outcome<CorrectiveAction>.Invalid("", "Việc khắc phục này thuộc phát hiện khác: không chuyển sang phát hiện khác được.");
        var finding = await db.InspectionFindings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == (a == null ? findingId : a.FindingId), ct);
        if (finding is null) return Outcome<CorrectiveAction>.NotFound();
        var sessionDate = await db.InspectionSessions.Where(s => s.Id == finding.SessionId).Select(s => s.Date).FirstAsync(ct);
        input.Task = VietnameseText.Normalize(input.Task) ?? "";
        input.Owner = VietnameseText.Normalize(input.Owner);
        input.Evidence = VietnameseText.Normalize(input.Evidence);
        input.CancelReason = VietnameseText.Normalize(input.CancelReason);
        var errors = new Errors();
        errors.Annotations(input, P);
        if (errors.Any) return Outcome<CorrectiveAction>.Invalid(errors.List);
        if (input.DueDate is { } dd && dd > sessionDate.AddYears(2))
            errors.Add(P + nameof(input.DueDate), $"Hạn khắc phục tối đa 2 năm sau ngày kiểm tra ({sessionDate.AddYears(2):dd/MM/yyyy}).");
        if (errors.Any) return Outcome<CorrectiveAction>.Invalid(errors.List);
        // What belongs to another status is not kept: evidence only when done, a reason only when cancelled.
        if (input.Status != ActionStatus.Done) { input.DoneOn = null; input.Evidence = null; }
        if (input.Status != ActionStatus.Cancelled) input.CancelReason = null;
        try
        {
            CorrectiveActions.Check(a?.Status, input.Status, input.Owner, input.DueDate, input.DoneOn, input.Evidence, input.CancelReason,
                VietnamTime.Today(clock), sessionDate);
        }
        catch (DomainException x)
        {
            return Outcome<CorrectiveAction>.Invalid(P + (x.Rule ?? nameof(ActionInput.Status)), x.Message);
        }
        var wasClosed = a is not null && CorrectiveActions.IsClosed(a.Status);
        // A closed action stays what was closed: its task, owner and due date change only after it is reopened (the
        // evidence, the day and the reason may still be corrected), so a deadline cannot be moved past the closing.
        if (wasClosed && CorrectiveActions.IsClosed(input.Status) && (input.Task != a!.Task || input.Owner != a.Owner || input.DueDate != a.DueDate))
            return Outcome<CorrectiveAction>.Invalid(P + nameof(input.Status),
                "Việc khắc phục đã đóng: muốn sửa nội dung, người chịu trách nhiệm hay hạn, hãy mở lại (chọn “Đang thực hiện”) rồi lưu.");
        var record = a ?? new CorrectiveAction { CommuneId = finding.CommuneId, FindingId = finding.Id, CellId = finding.CellId, Task = input.Task, Owner = input.Owner! };
        record.Task = input.Task;
        record.Owner = input.Owner!;
        record.DueDate = input.DueDate!.Value;
        record.Status = input.Status;
        record.DoneOn = input.DoneOn;
        record.Evidence = input.Evidence;
        record.CancelReason = input.CancelReason;
        if (a is null) db.CorrectiveActions.Add(record);
        else db.ExpectVersion(record, version);
        var key = record.Id;
        var outcome = await db.SaveAsync(record, async token =>
        {
            var current = await db.CorrectiveActions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == key, token);
            return current is null ? (null, []) : (current, await diff.CompareAsync(input, ActionInput.From(current), token));
        }, ct);
        if (outcome.IsDone && a is not null && wasClosed && !CorrectiveActions.IsClosed(record.Status))
            // Reopened: its answered alerts go (derived data), so that the daily run alerts again if it is late.
            await db.Notifications.Where(n => n.ActionId == key && n.DoneAtUtc != null).ExecuteDeleteAsync(ct);
        if (outcome.IsDone && a is not null)
        {
            // Its overdue alerts are answered once it is closed or given a new date (derived data: set outside the audited save).
            bool closed = CorrectiveActions.IsClosed(record.Status);
            var due = record.DueDate;
            var now = clock.GetUtcNow().UtcDateTime;
            await db.Notifications.Where(n => n.ActionId == key && n.DoneAtUtc == null && (closed || n.DueDate != due))
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.DoneAtUtc, now), ct);
        }
        return outcome;
    }
}
