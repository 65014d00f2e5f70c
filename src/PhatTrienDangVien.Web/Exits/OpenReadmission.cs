using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Exits;

/// <summary>
/// Opens a new case for a person who had left the party and asks to be re-admitted (Quy định 294-QĐ/TW point 3.5): the
/// same person record, so that the rules engine sees their past at the cell's vote (the wait, the province's consent,
/// the barred ways, only once). From the member's page and the API.
/// </summary>
public sealed class OpenReadmission(AppDbContext db, Access access, AdmissionCases cases, RuleBookProvider rules, TimeProvider clock)
{
    public async Task<Outcome<Candidate>> HandleAsync(int memberId, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return Outcome<Candidate>.NotFound();
        if (!access.Has(Permission.EditPerson)) return Outcome<Candidate>.Forbidden();
        if (!MemberStatuses.LeftTheParty(member.Status))
            return Outcome<Candidate>.Invalid("", "Chỉ mở hồ sơ kết nạp lại cho người đã ra khỏi Đảng (xóa tên, khai trừ, cho ra khỏi Đảng).");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Two opens at once would both pass the check: the commune's register lock serialises them.
        await db.LockCommuneImportsAsync(ct);
        if (await db.Candidates.WholeCommune().AnyAsync(c => c.PersonId == member.PersonId && c.Status == CandidateStatus.Active, ct))
            return Outcome<Candidate>.Invalid("", "Người này đã có hồ sơ đang xem xét kết nạp.");
        var today = Core.Common.VietnamTime.Today(clock);
        var prior = await cases.PriorExitAsync(member.PersonId, ct);
        var candidate = new Candidate
        {
            CommuneId = member.CommuneId, PersonId = member.PersonId, CellId = member.CellId, Status = CandidateStatus.Active, AddedOn = today,
            Notes = $"Xin kết nạp lại: đã ra khỏi Đảng{(prior?.LeftOn is { } left ? $" ngày {left:dd/MM/yyyy}" : "")} ({prior?.How}).",
        };
        db.Candidates.Add(candidate);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var wait = (await rules.GetAsync(ct)).At(today).ReadmissionWaitMonths;
        var warnings = new List<string>();
        if (prior is { Barred: true } || prior?.TimesLeft > 1)
            warnings.Add("Người này thuộc trường hợp không xem xét kết nạp lại (Quy định 294-QĐ/TW, điểm 3.5.2–3.5.3): chi bộ sẽ không ghi được nghị quyết đề nghị kết nạp.");
        else if (prior?.LeftOn is { } l && l.AddMonths(wait) > today)
            warnings.Add($"Chi bộ chỉ xét kết nạp lại từ ngày {l.AddMonths(wait):dd/MM/yyyy} ({wait} tháng kể từ khi ra khỏi Đảng), khi có văn bản đồng ý của Ban Thường vụ Tỉnh ủy.");
        return Outcome<Candidate>.Done(candidate, warnings);
    }
}
