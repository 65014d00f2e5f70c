using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Admission;

/// <summary>
/// "Mở hồ sơ xét công nhận chính thức": gives a probationary member who came in from the register (admitted before the
/// software, so without a case) the admission case that probation and recognition are recorded on. It creates the
/// candidate record (admitted, same person and cell) and copies the register's admission decision and ceremony into the
/// case's first steps (<see cref="AdmissionCase.OpenFromRegister"/>); from there the timeline, its forms and
/// <see cref="RecordStep"/> work as for a member admitted through the software. One command for the member page and the
/// API; whoever may record the recognition steps of the member's cell may open it (docs/decisions/0025).
/// </summary>
public sealed class OpenRecognition(AppDbContext db, Access access, AdmissionCases cases, Documents.DocumentNumbering numbering)
{
    /// <summary>Shown on the timeline beside the copied steps: they were not recorded as they happened.</summary>
    public const string RegisterNote = "Ghi từ sổ đảng viên khi mở hồ sơ xét công nhận chính thức";

    public async Task<Outcome<Candidate>> HandleAsync(int memberId, CancellationToken ct)
    {
        // Through the scope filters: another cell's member is not found, whatever the role.
        var member = await db.Members.AsNoTracking().Include(m => m.Person).FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return Outcome<Candidate>.NotFound();
        if (!access.MayRecord(AdmissionStepKind.RecognitionVote)) return Outcome<Candidate>.Forbidden();
        if (await RefusalAsync(member, ct) is { } refusal) return Outcome<Candidate>.Invalid("", refusal);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // No unique index says "one case per person": two opens at once, or an open beside an undo of the import that
            // brought the member in, would both pass the check above. The commune's register lock serialises them, and
            // the check is made again under it.
            await db.LockCommuneImportsAsync(ct);
            if (await RefusalAsync(member, ct) is { } late) return Outcome<Candidate>.Invalid("", late);
            var candidate = new Candidate
            {
                CommuneId = member.CommuneId, PersonId = member.PersonId, CellId = member.CellId, Status = CandidateStatus.Admitted,
                // The day the pool took them in is not in the register: the earliest date it has, never the day of opening,
                // so that the period reports do not count an old admission as a newcomer to the pool.
                AddedOn = member.AdmissionDecisionDate is { } d && d < member.CeremonyDate!.Value ? d : member.CeremonyDate!.Value,
                Notes = "Đảng viên dự bị nhập từ sổ đảng viên; hồ sơ mở để theo dõi thời kỳ dự bị và xét công nhận chính thức.",
            };
            db.Candidates.Add(candidate);
            await db.SaveChangesAsync(ct);

            var loaded = (await cases.LoadAsync(candidate.Id, ct))!;
            var steps = loaded.Case.OpenFromRegister(new RegisterAdmissionInput
            {
                DecisionDate = member.AdmissionDecisionDate, DecisionNumber = member.AdmissionDecisionNumber,
                CeremonyDate = member.CeremonyDate!.Value, Note = RegisterNote,
            }, loaded.Context);
            db.AdmissionSteps.AddRange(steps);
            // The register's decision number holds its place in the series as a recorded step's does; one another paper
            // already holds is left to that paper (both were signed before the software), as the start-up backfill does.
            foreach (var step in steps) _ = await numbering.ReserveStepsOwnAsync(loaded, step, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Outcome<Candidate>.Done(candidate);
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            return Outcome<Candidate>.Refused(e);
        }
        catch (DbUpdateException)
        {
            // Two people opening the same member's case at once: the first wins, the second is rolled back.
            db.ChangeTracker.Clear();
            return Outcome<Candidate>.Conflict(null, [], "Hồ sơ xét công nhận của đảng viên này vừa được mở hoặc vừa có thay đổi; chưa ghi gì thêm. Hãy tải lại trang.");
        }
    }

    /// <summary>Why the case cannot be opened, in Vietnamese; null when it can. The member page hides the button then.</summary>
    public async Task<string?> RefusalAsync(Member member, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.Status != MemberStatus.Probationary)
            return "Chỉ mở hồ sơ xét công nhận chính thức cho đảng viên dự bị.";
        // Any case of the person, in any cell of the commune: a second one would count them twice.
        if (await db.Candidates.WholeCommune().AnyAsync(c => c.PersonId == member.PersonId, ct))
            return "Đảng viên này đã có hồ sơ kết nạp trong phần mềm: hãy ghi các bước xét công nhận trên trang quá trình kết nạp của hồ sơ đó.";
        if (member.CeremonyDate is null)
            return "Sổ đảng viên chưa có ngày lễ kết nạp của đảng viên này: hãy sửa hồ sơ đảng viên, nhập ngày lễ kết nạp (thời kỳ dự bị tính từ ngày đó) rồi mở lại.";
        if (member.CeremonyDatePrecision != DatePrecision.Day)
            return "Sổ đảng viên chỉ có tháng hoặc năm của lễ kết nạp: hãy sửa hồ sơ đảng viên, nhập đủ ngày (thời kỳ dự bị tính từ ngày đó) rồi mở lại.";
        return null;
    }
}
