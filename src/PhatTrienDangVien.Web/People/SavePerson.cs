using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Organisations;

namespace PhatTrienDangVien.Web.People;

/// <summary>A member as the form and the API write it: the person, the register fields, and the versions read.</summary>
public sealed record MemberWrite(PersonInput Person, MemberInput Member, int Version = 0, int PersonVersion = 0);

/// <summary>A candidate as the form and the API write it.</summary>
public sealed record CandidateWrite(PersonInput Person, CandidateInput Candidate, int Version = 0, int PersonVersion = 0);

internal static class PersonWrites
{
    public const string DuplicateCitizenId = "Số CCCD này đã có trong hệ thống (trùng với một người khác).";

    public static Outcome<T>? Missing<T>(PersonInput? person, object? record) =>
        person is null || record is null
            ? Outcome<T>.Invalid("", "Nội dung gửi lên phải có đủ phần thông tin cá nhân (Person) và hồ sơ (Member/Candidate).")
            : null;

    public static async Task CellAsync(AppDbContext db, int? cellId, Errors errors, string field, CancellationToken ct)
    {
        if (cellId is { } cell && !await CellScope.IsCellInScopeAsync(db, cell, ct)) errors.Add(field, CellScope.OutOfScopeMessage);
    }
}

/// <summary>Adds or edits a member: the one path for the member form and the members API.</summary>
public sealed class SaveMember(AppDbContext db, Access access, ConflictDiff diff, CitizenIdGuard citizenIds, TimeProvider clock)
{
    public async Task<Outcome<Member>> HandleAsync(int? id, MemberWrite write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!access.Has(Permission.EditPerson)) return Outcome<Member>.Forbidden();
        Member? m = null;
        if (id is not null && (m = await db.Members.Include(x => x.Person).FirstOrDefaultAsync(x => x.Id == id, ct)) is null)
            return Outcome<Member>.NotFound();
        if (PersonWrites.Missing<Member>(write.Person, write.Member) is { } missing) return missing;

        var today = Core.Common.VietnamTime.Today(clock);
        var errors = new Errors();
        errors.Annotations(write.Person, "Person.");
        errors.Annotations(write.Member, "Member.");
        await PersonWrites.CellAsync(db, write.Member.CellId, errors, "Member.CellId", ct);
        PersonalData.KeepStored(write.Person, m?.Person, errors, "Person.");
        var warnings = await write.Person.ValidateAsync(errors, "Person.", db, m?.PersonId, today, ct);
        write.Member.Validate(errors, "Member.", today, write.Person.DateOfBirth);
        await write.Member.ProtectAsync(m, db, access, errors, "Member.", ct);
        // A transfer dated before the member joined the cell they leave would rewrite history it cannot know.
        if (m is not null && write.Member.CellId != m.CellId && write.Member.TransferDate is { } moved)
        {
            var since = await db.CellMemberships.WholeCommune().Where(p => p.MemberId == m.Id && p.To == null)
                .Select(p => (DateOnly?)p.From).MaxAsync(ct);
            if (since is { } s && moved <= s)
                errors.Add("Member.TransferDate", $"Ngày chuyển phải sau ngày đảng viên bắt đầu sinh hoạt ở chi bộ hiện nay ({s:dd'/'MM'/'yyyy}).");
        }
        await citizenIds.CheckAsync(write.Person, m?.Person, errors, "Person.", ct);
        if (errors.Any) return Outcome<Member>.Invalid(errors.List);

        if (m is null)
        {
            m = new Member { CommuneId = db.Scope.CommuneId, Person = new Person { FullName = "", CommuneId = db.Scope.CommuneId } };
            db.Members.Add(m);
        }
        else
        {
            db.ExpectVersion(m, write.Version);
            db.ExpectVersion(m.Person, write.PersonVersion);
        }
        write.Person.ApplyTo(m.Person);
        write.Member.ApplyTo(m);
        var memberId = id;
        var outcome = await db.SaveAsync(m, async token =>
        {
            var current = await db.Members.AsNoTracking().Include(x => x.Person).FirstOrDefaultAsync(x => x.Id == memberId, token);
            if (current is null) return (null, []);
            // Both sides masked: the conflict table is a page and an API answer like any other.
            var rows = await diff.CompareAsync(PersonalData.Masked(write.Person), PersonalData.ForReader(current.Person, revealed: false), token);
            rows.AddRange(await diff.CompareAsync(write.Member, MemberInput.From(current), token));
            return (current, rows);
        }, ct, duplicate: write.Person.CitizenId is null ? null : new FieldError("Person.CitizenId", PersonWrites.DuplicateCitizenId), warnings);
        if (outcome.IsDone) await db.Entry(m).Reference(x => x.Cell).LoadAsync(ct);
        return outcome;
    }
}

/// <summary>
/// Adds or edits a candidate: the one path for the candidate form and the candidates API. A new candidate's case
/// starts with its source-pool step (and the mentor step when a mentor is named), recorded through
/// <see cref="RecordStep"/> in the same transaction; afterwards the mentor changes only through a recorded step.
/// </summary>
public sealed class SaveCandidate(AppDbContext db, Access access, ConflictDiff diff, RecordStep steps, VoterRegister register, CitizenIdGuard citizenIds, TimeProvider clock)
{
    public const string MentorThroughTimeline =
        "Người giúp đỡ được phân công bằng một bước của quá trình kết nạp: hãy đổi ở trang Quá trình kết nạp (bước “Phân công đảng viên giúp đỡ”).";

    public async Task<Outcome<Candidate>> HandleAsync(int? id, CandidateWrite write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!access.Has(Permission.EditPerson)) return Outcome<Candidate>.Forbidden();
        Candidate? c = null;
        if (id is not null && (c = await db.Candidates.Include(x => x.Person).Include(x => x.Sources).FirstOrDefaultAsync(x => x.Id == id, ct)) is null)
            return Outcome<Candidate>.NotFound();
        if (PersonWrites.Missing<Candidate>(write.Person, write.Candidate) is { } missing) return missing;

        var today = Core.Common.VietnamTime.Today(clock);
        var errors = new Errors();
        errors.Annotations(write.Person, "Person.");
        errors.Annotations(write.Candidate, "Candidate.");
        await PersonWrites.CellAsync(db, write.Candidate.CellId, errors, "Candidate.CellId", ct);
        PersonalData.KeepStored(write.Person, c?.Person, errors, "Person.");
        var warnings = await write.Person.ValidateAsync(errors, "Person.", db, c?.PersonId, today, ct);
        await write.Candidate.ValidateAsync(errors, "Candidate.", db, today, ct);
        var mentor = write.Candidate.MentorMemberId;
        // An existing candidate's mentor is not written here: the same one (or none sent, by the API) leaves it as it is.
        if (c is not null && mentor is not null && mentor != c.MentorMemberId)
            errors.Add("Candidate.MentorMemberId", MentorThroughTimeline);
        else if (c is null && mentor is { } m && write.Candidate.CellId is { } cell
            && !await register.IsEligibleMentorAsync(cell, 0, m, ct))
            errors.Add("Candidate.MentorMemberId", VoterRegister.MentorNotEligible);
        if (write.Candidate.AddedOn is { } added && write.Person.DateOfBirth is { } born && added < born)
            errors.Add("Candidate.AddedOn", "Ngày đưa vào danh sách nguồn không thể trước ngày sinh.");
        await citizenIds.CheckAsync(write.Person, c?.Person, errors, "Person.", ct);
        if (errors.Any) return Outcome<Candidate>.Invalid(errors.List);

        if (c is not null) return await EditAsync(c, write, warnings, ct);

        var person = new Person { FullName = "", CommuneId = db.Scope.CommuneId };
        write.Person.ApplyTo(person);
        c = new Candidate { CommuneId = db.Scope.CommuneId, Person = person };
        write.Candidate.ApplyTo(c);
        db.Candidates.Add(c);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var saved = await db.SaveAsync(c, _ => Task.FromResult<(Candidate?, List<FieldConflict>)>((null, [])), ct,
            duplicate: write.Person.CitizenId is null ? null : new FieldError("Person.CitizenId", PersonWrites.DuplicateCitizenId), warnings);
        if (!saved.IsDone) return saved;
        // The case starts the day the candidate entered the pool; a mentor named on the form is that day's mentor step.
        var first = await steps.HandleAsync(c.Id, AdmissionStepKind.SourcePool, new StepData { Date = c.AddedOn }, null, ct);
        if (first.IsDone && mentor is not null)
            first = await steps.HandleAsync(c.Id, AdmissionStepKind.MentorAssigned, new StepData { Date = c.AddedOn, MentorMemberId = mentor }, null, ct);
        if (!first.IsDone)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return first.Status == OutcomeStatus.Refused
                ? Outcome<Candidate>.Invalid("Candidate.MentorMemberId", first.Message ?? "")
                : first.As<Candidate>();
        }
        await tx.CommitAsync(ct);
        await db.Entry(c).Reference(x => x.Cell).LoadAsync(ct);
        return saved;
    }

    private async Task<Outcome<Candidate>> EditAsync(Candidate c, CandidateWrite write, IReadOnlyList<string> warnings, CancellationToken ct)
    {
        db.ExpectVersion(c, write.Version);
        db.ExpectVersion(c.Person, write.PersonVersion);
        // Moving to another cell: a mentor who is not an official member there cannot follow the candidate any more
        // (plan point P6). The move is saved and the user told to assign one of the new cell, so nothing is silent.
        if (write.Candidate.CellId is { } cell && cell != c.CellId && c.MentorMemberId is { } mentor
            && !await register.IsEligibleMentorAsync(cell, c.PersonId, mentor, ct))
        {
            c.MentorMemberId = null;
            warnings = [.. warnings, "Người giúp đỡ cũ không sinh hoạt ở chi bộ mới nên không còn được phân công; hãy phân công người giúp đỡ của chi bộ mới ở trang Quá trình kết nạp."];
        }
        write.Person.ApplyTo(c.Person);
        write.Candidate.ApplyTo(c);
        // A change of sources alone still counts as a change of the candidate, for the version check.
        db.Entry(c).Property(x => x.Version).IsModified = true;
        var candidateId = c.Id;
        var outcome = await db.SaveAsync(c, async token =>
        {
            var current = await db.Candidates.AsNoTracking().Include(x => x.Person).Include(x => x.Sources).FirstOrDefaultAsync(x => x.Id == candidateId, token);
            if (current is null) return (null, []);
            // Both sides masked: the conflict table is a page and an API answer like any other.
            var rows = await diff.CompareAsync(PersonalData.Masked(write.Person), PersonalData.ForReader(current.Person, revealed: false), token);
            rows.AddRange(await diff.CompareAsync(write.Candidate, CandidateInput.From(current), token));
            return (current, rows);
        }, ct, duplicate: write.Person.CitizenId is null ? null : new FieldError("Person.CitizenId", PersonWrites.DuplicateCitizenId), warnings);
        if (outcome.IsDone) await db.Entry(c).Reference(x => x.Cell).LoadAsync(ct);
        return outcome;
    }
}
