using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Exits;

/// <summary>An exit as the form and the API write it.</summary>
public sealed class ExitInput
{
    [Display(Name = "Đảng viên"), Required(ErrorMessage = "Hãy chọn đảng viên.")]
    public int? MemberId { get; set; }
    [Display(Name = "Hình thức"), Required(ErrorMessage = "Hãy chọn hình thức ra khỏi danh sách.")]
    public ExitKind? Kind { get; set; }
    [Display(Name = "Căn cứ xóa tên")]
    public RemovalGround? Ground { get; set; }
    [Display(Name = "Lý do, sự việc cụ thể"), StringLength(1000, ErrorMessage = "Lý do tối đa 1000 ký tự.")]
    public string? Reason { get; set; }
    /// <summary>Needed for the ways that are proposed and decided; a transfer or a death is recorded as decided.</summary>
    [Display(Name = "Tình trạng")]
    public ExitStatus? Status { get; set; }
    [Display(Name = "Ngày chi bộ đề nghị")]
    public DateOnly? ProposedOn { get; set; }
    [Display(Name = "Số nghị quyết của chi bộ"), StringLength(50, ErrorMessage = "Số văn bản tối đa 50 ký tự.")]
    public string? ProposalNumber { get; set; }
    [Display(Name = "Ngày quyết định (ngày chuyển đi, ngày mất)")]
    public DateOnly? DecidedOn { get; set; }
    [Display(Name = "Số quyết định (giấy giới thiệu chuyển sinh hoạt)"), StringLength(50, ErrorMessage = "Số văn bản tối đa 50 ký tự.")]
    public string? DecisionNumber { get; set; }
    [Display(Name = "Cấp quyết định"), StringLength(200, ErrorMessage = "Cấp quyết định tối đa 200 ký tự.")]
    public string? DecidingBody { get; set; }
    [Display(Name = "Nơi chuyển đến"), StringLength(300, ErrorMessage = "Nơi chuyển đến tối đa 300 ký tự.")]
    public string? Destination { get; set; }
    [Display(Name = "Thuộc trường hợp không xem xét kết nạp lại (điểm 3.5.2 Quy định 294-QĐ/TW)")]
    public bool BarsReadmission { get; set; }

    public static ExitInput From(MemberExit e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new()
        {
            MemberId = e.MemberId, Kind = e.Kind, Ground = e.Ground, Reason = e.Reason, Status = e.Status, ProposedOn = e.ProposedOn,
            ProposalNumber = e.ProposalNumber, DecidedOn = e.DecidedOn, DecisionNumber = e.DecisionNumber, DecidingBody = e.DecidingBody,
            Destination = e.Destination, BarsReadmission = e.BarsReadmission,
        };
    }
}

/// <summary>
/// Records or edits an exit from the roll (plan point P10, screening): the cell proposes xóa tên or a request to
/// leave; the commune office records the competent body's decision (or that it did not agree), a khai trừ decided on
/// the inspection side, a transfer out or a death. A decided exit sets the member's status and its date, and undoing
/// the decision (back to a proposal) restores what they were. One command for the page and the API.
/// </summary>
public sealed class SaveExit(AppDbContext db, Access access, ConflictDiff diff, TimeProvider clock)
{
    private const string P = "Input.";

    public async Task<Outcome<MemberExit>> HandleAsync(int? id, ExitInput input, int version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.ProposeExit) && !access.Has(Permission.DecideExit)) return Outcome<MemberExit>.Forbidden();
        MemberExit? e = null;
        if (id is not null && (e = await db.MemberExits.Include(x => x.Member).FirstOrDefaultAsync(x => x.Id == id, ct)) is null)
            return Outcome<MemberExit>.NotFound();
        if (e?.StepId is not null)
            return Outcome<MemberExit>.Invalid("", ProcedureOwned);
        bool decides = access.Has(Permission.DecideExit);
        // A cell's proposal stays the cell's until the office takes it up; what the office recorded, only the office changes.
        if (e is not null && !decides && e.Status != ExitStatus.Proposed)
            return Outcome<MemberExit>.Invalid("", "Đề nghị này đã có quyết định: chỉ văn phòng Đảng ủy sửa.");

        input.Reason = VietnameseText.Normalize(input.Reason);
        input.ProposalNumber = VietnameseText.Normalize(input.ProposalNumber);
        input.DecisionNumber = VietnameseText.Normalize(input.DecisionNumber);
        input.DecidingBody = VietnameseText.Normalize(input.DecidingBody);
        input.Destination = VietnameseText.Normalize(input.Destination);
        var errors = new Errors();
        errors.Annotations(input, P);
        if (errors.Any) return Outcome<MemberExit>.Invalid(errors.List);
        var kind = input.Kind!.Value;
        // A transfer or a death is recorded when it happened: there is no proposal to wait on, and no cell resolution.
        if (!ExitRules.NeedsDecision(kind) && Enum.IsDefined(kind))
        {
            input.Status = ExitStatus.Decided;
            input.ProposedOn = null;
            input.ProposalNumber = null;
        }
        if (input.Status == ExitStatus.Proposed && (input.DecidedOn is not null || input.DecisionNumber is not null || input.DecidingBody is not null))
            errors.Add(P + nameof(input.Status), "Đã nhập quyết định: hãy chọn tình trạng “Đã quyết định” hoặc “Cấp trên không đồng ý” (hoặc xóa các ô của quyết định).");
        if (kind != ExitKind.TransferredOut && input.Destination is not null)
            errors.Add(P + nameof(input.Destination), "Nơi chuyển đến chỉ ghi khi chuyển sinh hoạt đi.");
        if (errors.Any) return Outcome<MemberExit>.Invalid(errors.List);
        // What belongs to another way of leaving (a ground chosen before the form switched to a death) is not kept.
        if (kind != ExitKind.RemovedFromRoll) input.Ground = null;
        if (input.Status is null) return Outcome<MemberExit>.Invalid(P + nameof(input.Status), "Hãy chọn tình trạng.");
        var status = input.Status.Value;
        errors.Require(Enum.IsDefined(kind), P + nameof(input.Kind), "Hình thức không hợp lệ.");
        errors.Require(Enum.IsDefined(status), P + nameof(input.Status), "Tình trạng không hợp lệ.");
        errors.Require(input.Ground is null || Enum.IsDefined(input.Ground.Value), P + nameof(input.Ground), "Căn cứ không hợp lệ.");
        if (errors.Any) return Outcome<MemberExit>.Invalid(errors.List);
        if (e is not null && e.MemberId != input.MemberId)
            return Outcome<MemberExit>.Invalid(P + nameof(input.MemberId), "Không đổi được đảng viên của một hồ sơ đã ghi: hãy xóa đề nghị này và ghi đề nghị mới.");

        if (!decides && (status != ExitStatus.Proposed || !ExitRules.ProposedByCell(kind)))
            return Outcome<MemberExit>.Invalid("", "Chi bộ đề nghị xóa tên hoặc cho ra khỏi Đảng; quyết định, khai trừ, chuyển sinh hoạt đi và từ trần do văn phòng Đảng ủy ghi.");

        var member = e?.Member ?? await db.Members.Include(m => m.Person).FirstOrDefaultAsync(m => m.Id == input.MemberId, ct);
        if (member is null) return Outcome<MemberExit>.Invalid(P + nameof(input.MemberId), "Đảng viên không có trong phạm vi được giao.");
        if (!access.Scope.CoversCell(member.CellId))
            return Outcome<MemberExit>.Invalid(P + nameof(input.MemberId), "Đảng viên không có trong phạm vi được giao.");

        var today = VietnamTime.Today(clock);
        // The member as they were before this exit: for an exit already decided, what the decision replaced.
        var before = e is { Status: ExitStatus.Decided, PreviousStatus: { } ps } ? ps : member.Status;
        // A decided exit is changed only while the member is as it left them: a later exit or the procedure may have
        // written the status since, and putting back what this one replaced would undo theirs.
        if (e is { Status: ExitStatus.Decided } && !StillAsDecided(e, member))
            return Outcome<MemberExit>.Invalid("", Stale(member));
        if (e is { Status: ExitStatus.Decided } && input.Status != ExitStatus.Decided && await ReadmissionOpenAsync(db, member.PersonId, ct))
            return Outcome<MemberExit>.Invalid("", ReadmissionOpen);
        // Answering a proposal "not approved" records nothing about the member: allowed whatever became of them since.
        if (e is { Status: ExitStatus.Proposed } && status == ExitStatus.NotApproved && MemberStatuses.HasLeft(before)) before = MemberStatus.Official;
        try
        {
            ExitRules.Check(kind, input.Ground, before, status == ExitStatus.Decided);
        }
        catch (DomainException x)
        {
            return Outcome<MemberExit>.Refused(x);
        }

        Dates(input, kind, status, member, today, errors);
        if (ExitRules.NeedsDecision(kind) && input.Reason is null)
            errors.Add(P + nameof(input.Reason), "Hãy ghi lý do, sự việc cụ thể.");
        if (kind == ExitKind.TransferredOut && input.Destination is null)
            errors.Add(P + nameof(input.Destination), "Hãy ghi nơi chuyển sinh hoạt đến.");
        if (await db.MemberExits.WholeCommune().AnyAsync(x => x.MemberId == member.Id && x.Status == ExitStatus.Proposed && x.Id != (id ?? 0), ct))
            errors.Add(P + nameof(input.Status), status == ExitStatus.Proposed ? PendingMessage
                : "Đảng viên này có một đề nghị đang chờ quyết định: hãy ghi quyết định (hoặc “không đồng ý”) cho đề nghị đó, hoặc xóa nó, trước.");
        if (errors.Any) return Outcome<MemberExit>.Invalid(errors.List);

        var record = e ?? new MemberExit { CommuneId = member.CommuneId, MemberId = member.Id, Member = member };
        var wasDecided = record.Status == ExitStatus.Decided && e is not null;
        record.Kind = kind;
        record.Ground = kind == ExitKind.RemovedFromRoll ? input.Ground : null;
        record.Reason = input.Reason;
        record.Status = status;
        record.ProposedOn = input.ProposedOn;
        record.ProposalNumber = input.ProposalNumber;
        bool hasDecision = status != ExitStatus.Proposed;
        record.DecidedOn = hasDecision ? input.DecidedOn : null;
        record.DecisionNumber = hasDecision ? input.DecisionNumber : null;
        record.DecidingBody = hasDecision ? input.DecidingBody : null;
        record.Destination = kind == ExitKind.TransferredOut ? input.Destination : null;
        record.BarsReadmission = ExitRules.NeedsDecision(kind) && input.BarsReadmission;
        record.EffectiveOn = status == ExitStatus.Decided ? input.DecidedOn : null;

        // The member's status follows the decision, both ways.
        if (status == ExitStatus.Decided)
        {
            if (!wasDecided)
            {
                record.PreviousStatus = member.Status;
                record.PreviousStatusDate = member.StatusDate;
            }
            member.Status = ExitRules.StatusFor(kind);
            member.StatusDate = input.DecidedOn;
        }
        else if (wasDecided)
        {
            member.Status = record.PreviousStatus ?? MemberStatus.Official;
            member.StatusDate = record.PreviousStatusDate;
            record.PreviousStatus = null;
            record.PreviousStatusDate = null;
        }

        if (e is null) db.MemberExits.Add(record);
        else db.ExpectVersion(record, version);
        var key = record.Id;
        return await db.SaveAsync(record, async token =>
        {
            var current = await db.MemberExits.AsNoTracking().FirstOrDefaultAsync(x => x.Id == key, token);
            return current is null ? (null, []) : (current, await diff.CompareAsync(input, ExitInput.From(current), token));
        }, ct, new FieldError(P + nameof(input.Status), PendingMessage));
    }

    private const string PendingMessage = "Đảng viên này đã có một đề nghị đang chờ quyết định.";
    internal const string ReadmissionOpen =
        "Người này đang có hồ sơ xin kết nạp lại (quần chúng): hãy ghi “Rút khỏi nguồn” trên quá trình kết nạp của hồ sơ đó trước khi hủy quyết định ra khỏi Đảng, để một người không vừa là đảng viên vừa là quần chúng.";

    /// <summary>Whether the person has an open case (a re-admission opened after the exit): undoing the exit would make them both.</summary>
    internal static Task<bool> ReadmissionOpenAsync(AppDbContext db, int personId, CancellationToken ct) =>
        // Bypass reviewed: whether the person has an open case anywhere in the commune, a yes or no only.
        db.Candidates.WholeCommune().AnyAsync(c => c.PersonId == personId && c.Status == CandidateStatus.Active, ct);

    internal const string ProcedureOwned = "Việc xóa tên này do bước “Xóa tên” của quá trình kết nạp ghi: không sửa, không xóa ở đây.";

    /// <summary>The member still has the status and date this decided exit gave them.</summary>
    internal static bool StillAsDecided(MemberExit e, Member m) => m.Status == ExitRules.StatusFor(e.Kind) && m.StatusDate == e.EffectiveOn;

    internal static string Stale(Member m) =>
        $"Tình trạng của đảng viên đã thay đổi sau quyết định này (hiện là “{Pages.Shared.Lookups.StatusName(m.Status)}”{(m.StatusDate is { } d ? $" từ {d:dd/MM/yyyy}" : "")}): không sửa, không hoàn tác được hồ sơ này.";

    private static void Dates(ExitInput input, ExitKind kind, ExitStatus status, Member member, DateOnly today, Errors errors)
    {
        var joined = member.CeremonyDate ?? member.AdmissionDecisionDate;
        void Check(DateOnly? date, string field, string label)
        {
            if (date is not { } d) return;
            if (d > today) errors.Add(P + field, $"{label} không thể sau hôm nay ({today:dd/MM/yyyy}).");
            else if (d.Year < 1930) errors.Add(P + field, $"{label} không hợp lệ.");
            else if (joined is { } j && d < j) errors.Add(P + field, $"{label} không thể trước ngày vào Đảng ({j:dd/MM/yyyy}).");
        }
        Check(input.ProposedOn, nameof(input.ProposedOn), "Ngày chi bộ đề nghị");
        Check(input.DecidedOn, nameof(input.DecidedOn), ExitWords.DateLabel(kind));
        if (ExitRules.ProposedByCell(kind) && input.ProposedOn is null)
            errors.Add(P + nameof(input.ProposedOn), "Hãy nhập ngày chi bộ đề nghị.");
        if (ExitRules.ProposedByCell(kind) && input.ProposalNumber is null)
            errors.Add(P + nameof(input.ProposalNumber), "Hãy nhập số nghị quyết đề nghị của chi bộ.");
        if (status != ExitStatus.Proposed)
        {
            if (input.DecidedOn is null) errors.Add(P + nameof(input.DecidedOn), $"Hãy nhập {ExitWords.DateLabel(kind).ToLowerInvariant()}.");
            if (ExitRules.NeedsDecision(kind) && input.DecisionNumber is null)
                errors.Add(P + nameof(input.DecisionNumber), "Hãy nhập số quyết định.");
            if (ExitRules.NeedsDecision(kind) && input.DecidingBody is null)
                errors.Add(P + nameof(input.DecidingBody), "Hãy ghi cấp quyết định (ví dụ: Ban Thường vụ Đảng ủy xã).");
            if (input.ProposedOn is { } p && input.DecidedOn is { } d && d < p)
                errors.Add(P + nameof(input.DecidedOn), $"Ngày quyết định không thể trước ngày chi bộ đề nghị ({p:dd/MM/yyyy}).");
        }
    }
}

/// <summary>Deletes an exit recorded by mistake, after the page's confirmation; a decided one gives the member back the status it replaced.</summary>
public sealed class DeleteExit(AppDbContext db, Access access)
{
    public async Task<Outcome<MemberExit>> HandleAsync(int id, CancellationToken ct)
    {
        if (!access.Has(Permission.ProposeExit) && !access.Has(Permission.DecideExit)) return Outcome<MemberExit>.Forbidden();
        var e = await db.MemberExits.Include(x => x.Member).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return Outcome<MemberExit>.NotFound();
        if (e.StepId is not null) return Outcome<MemberExit>.Invalid("", SaveExit.ProcedureOwned);
        if (e.Status != ExitStatus.Proposed && !access.Has(Permission.DecideExit))
            return Outcome<MemberExit>.Invalid("", "Đề nghị này đã có quyết định: chỉ văn phòng Đảng ủy xóa.");
        if (e.Status == ExitStatus.Decided && !SaveExit.StillAsDecided(e, e.Member)) return Outcome<MemberExit>.Invalid("", SaveExit.Stale(e.Member));
        if (e.Status == ExitStatus.Decided && await SaveExit.ReadmissionOpenAsync(db, e.Member.PersonId, ct)) return Outcome<MemberExit>.Invalid("", SaveExit.ReadmissionOpen);
        if (e.Status == ExitStatus.Decided)
        {
            e.Member.Status = e.PreviousStatus ?? MemberStatus.Official;
            e.Member.StatusDate = e.PreviousStatusDate;
        }
        db.MemberExits.Remove(e);
        await db.SaveChangesAsync(ct);
        return Outcome<MemberExit>.Done(e);
    }
}
