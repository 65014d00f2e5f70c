using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Documents;

/// <summary>
/// Fills one form of a recorded step from the data and keeps the file with the step, numbered (decision 0021).
/// Issuing the same paper again keeps the earlier file and gives the new one the same number: it is the same paper,
/// corrected before signing, and a number is never spent twice on one paper.
/// </summary>
public sealed class IssueForm(AppDbContext db, AdmissionCases cases, Access access, AuditContext who, TimeProvider clock,
    FormTemplates templates, FormValues values, DocumentNumbering numbering)
{
    /// <summary>Who may issue a form of a step: who may record the step, and for a committee's paper only a user whose scope reaches that committee.</summary>
    public static bool MayIssue(Access access, AdmissionStepKind kind, FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(form);
        return access.Has(Permission.IssueForms) && access.MayRecord(kind) && DocumentNumbering.ReachesIssuer(access.Scope, form.Issuer);
    }

    /// <param name="typedNumber">A number from the issuing body's register ("38" or "38-NQ/ĐU"), instead of the proposed one.</param>
    /// <param name="confirmJump">The user confirmed a typed number far above the series' next one.</param>
    public async Task<Outcome<IssuedDocument>> HandleAsync(int candidateId, int stepId, string formKey, int variant, string? typedNumber, CancellationToken ct,
        bool confirmJump = false)
    {
        var loaded = await cases.LoadAsync(candidateId, ct);
        var step = loaded?.Case.Steps.FirstOrDefault(s => s.Id == stepId);
        if (loaded is null || step is null) return Outcome<IssuedDocument>.NotFound();
        // Who may record the step may issue its papers.
        if (!access.Has(Permission.IssueForms) || !access.MayRecord(step.Kind)) return Outcome<IssuedDocument>.Forbidden();
        var form = FormCatalog.For(step).Where(x => x.Form.Key == formKey && x.Variant == variant).Select(x => x.Form).FirstOrDefault();
        if (form is null) return Outcome<IssuedDocument>.Invalid("Form", $"Bước “{StepNames.Of(step.Kind)}” không có biểu mẫu này.");
        // A committee's paper spends the committee's numbers: not issued by a user who works for cells only.
        if (!DocumentNumbering.ReachesIssuer(access.Scope, form.Issuer))
            return Outcome<IssuedDocument>.Forbidden("Biểu mẫu này do văn phòng Đảng ủy lập và đánh số theo sổ của Đảng ủy; tài khoản của chi bộ không lập được.");
        var typed = string.IsNullOrWhiteSpace(typedNumber) ? null : typedNumber.Trim();
        if (typed is not null && form.NumberType is null)
            return Outcome<IssuedDocument>.Invalid("Number", $"{form.Code} không mang số văn bản do phần mềm ghi; hãy để trống ô số.");

        var previous = await db.IssuedDocuments.AsNoTracking().Where(d => d.StepId == step.Id && d.FormCode == form.Key && d.Variant == variant)
            .OrderByDescending(d => d.Id).Select(d => new { d.Number }).FirstOrDefaultAsync(ct);
        string? number = null;
        if (form.NumberType is { } type)
        {
            var stepOwn = DocumentNumbering.StepsOwnNumber(form, step);
            if (previous?.Number is { } earlier)
            {
                // The same paper again: its number does not change (a different one would be a second paper).
                if (typed is not null && !DocumentNumbering.SameNumber(typed, earlier, type))
                    return Outcome<IssuedDocument>.Invalid("Number", $"Giấy này đã lập với số {earlier}: lập lại giữ nguyên số đó; hãy để trống ô số.");
                number = earlier;
            }
            else
            {
                var taken = await numbering.TakeAsync(loaded, step, form, variant, type, stepOwn, typed, confirmJump, ct);
                if (!taken.IsDone) return taken.As<IssuedDocument>();
                number = taken.Value;
                if (stepOwn is null && form.StepsOwnPaper && number is not null) await RecordOnStepAsync(loaded, step, number, ct);
            }
        }

        var template = await templates.CurrentAsync(loaded.Candidate.CommuneId, form, ct);
        // A template stored before packages were checked may still hold what is now refused: it is not issued.
        if (DocxPackage.Problem(template.Content) is { } unsafeTemplate)
            return Outcome<IssuedDocument>.Invalid("Template", unsafeTemplate + " (mẫu đang dùng; quản trị hãy thay hoặc về mẫu mặc định.)");
        var filled = DocxTemplate.Fill(template.Content, await values.ComputeAsync(loaded, step, form, variant, number, ct));
        var name = VietnameseText.Fold(loaded.Candidate.Person.FullName).Replace(' ', '_');
        var doc = new IssuedDocument
        {
            CommuneId = loaded.Candidate.CommuneId, CandidateId = candidateId, StepId = step.Id, FormCode = form.Key, Variant = variant,
            Number = number, FileName = $"{form.Key}{(variant > 0 ? "-" + variant : "")}_{name}.docx", Content = filled, Length = filled.Length,
            Sha256 = DocxTemplate.Sha256(filled), TemplateSha256 = template.Sha256,
            IssuedBy = who.UserName, IssuedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.IssuedDocuments.Add(doc);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone else issued at the same moment (the counter's version, or a unique key): nothing was kept. What
            // is stored now says which of the races it was.
            db.ChangeTracker.Clear();
            var now = await db.NumberedPapers.AsNoTracking().Where(p => p.StepId == step.Id && p.FormCode == form.Key && p.Variant == variant)
                .Select(p => new { p.Serial }).FirstOrDefaultAsync(ct);
            var typedHeld = false;
            if (typed is not null && form.NumberType is { } t && DocumentNumbering.ParseTyped(typed, t) is (var n, null))
                typedHeld = await db.NumberedPapers.AsNoTracking().AnyAsync(p => p.Serial == n && p.Counter!.DocumentType == t
                    && p.CommuneId == loaded.Candidate.CommuneId && !(p.StepId == step.Id && p.FormCode == form.Key && p.Variant == variant), ct);
            var stepOwn = DocumentNumbering.StepsOwnNumber(form, step);
            return Outcome<IssuedDocument>.Conflict(null, [], RaceMessage(now is null || form.NumberType is null ? null : DocumentNumbering.Format(now.Serial, form.NumberType), typed, typedHeld, stepOwn));
        }
        return Outcome<IssuedDocument>.Done(doc);
    }

    /// <summary>
    /// What a lost race on issuing was, in the user's words: the same paper issued by someone else (it keeps that
    /// number), the typed number taken by another paper, or only the series moving under a paper that would take the
    /// next number (or keeps the step's own).
    /// </summary>
    /// <param name="paperNow">The number this very paper holds now, when someone else has just issued it.</param>
    public static string RaceMessage(string? paperNow, string? typed, bool typedHeld, string? stepOwn)
    {
        if (paperNow is not null)
            return $"Giấy này vừa được người khác lập cùng lúc với số {paperNow}; hãy tải lại quá trình: lập lại sẽ giữ số đó.";
        if (typed is not null && typedHeld)
            return $"Số “{typed}” vừa được dùng cho văn bản khác cùng lúc; hãy gõ số khác theo sổ văn bản.";
        if (stepOwn is not null)
            return $"Sổ văn bản vừa có người cấp số cho văn bản khác cùng lúc; giấy này vẫn mang số {stepOwn} ghi ở bước, hãy bấm lập lại.";
        return typed is not null
            ? $"Sổ văn bản vừa có người cấp số cho văn bản khác cùng lúc; số “{typed}” vẫn chưa ai dùng, hãy bấm lập lại."
            : "Có người vừa cấp số văn bản cùng loại cùng lúc; hãy bấm lại để lấy số tiếp theo.";
    }

    /// <summary>
    /// The number the software gave to the paper the step records is the step's number: written on the step (audited
    /// with it) so the timeline shows it, and for the admission decision on the member's record when it has none
    /// (the ceremony copies it from the step when it comes later).
    /// </summary>
    private async Task RecordOnStepAsync(LoadedCase loaded, StepRecord step, string number, CancellationToken ct)
    {
        step.DocumentNumber = number;
        // The committee's decision is issued by a user whose scope is the whole commune: the scoped register reaches the member.
        if (step.Kind == AdmissionStepKind.Decision && loaded.Case.Steps.LastOrDefault(s => s.Kind == AdmissionStepKind.Decision)?.Id == step.Id
            && await db.Members.FirstOrDefaultAsync(m => m.PersonId == loaded.Candidate.PersonId, ct) is { } member
            && string.IsNullOrWhiteSpace(member.AdmissionDecisionNumber))
            member.AdmissionDecisionNumber = number;
    }

}
