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
    FormTemplates templates, FormValues values)
{
    public async Task<Outcome<IssuedDocument>> HandleAsync(int candidateId, int stepId, string formKey, int variant, CancellationToken ct)
    {
        var loaded = await cases.LoadAsync(candidateId, ct);
        var step = loaded?.Case.Steps.FirstOrDefault(s => s.Id == stepId);
        if (loaded is null || step is null) return Outcome<IssuedDocument>.NotFound();
        // Who may record the step may issue its papers.
        if (!access.Has(Permission.IssueForms) || !access.MayRecord(step.Kind)) return Outcome<IssuedDocument>.Forbidden();
        var form = FormCatalog.For(step).Where(x => x.Form.Key == formKey && x.Variant == variant).Select(x => x.Form).FirstOrDefault();
        if (form is null) return Outcome<IssuedDocument>.Invalid("Form", $"Bước “{StepNames.Of(step.Kind)}” không có biểu mẫu này.");

        var previous = await db.IssuedDocuments.AsNoTracking().Where(d => d.StepId == step.Id && d.FormCode == form.Key && d.Variant == variant)
            .OrderByDescending(d => d.Id).Select(d => new { d.Number }).FirstOrDefaultAsync(ct);
        string? number = null;
        if (form.NumberType is { } type)
        {
            if (previous?.Number is { } earlier) number = earlier;
            else if (form.StepsOwnPaper && !string.IsNullOrWhiteSpace(step.DocumentNumber)) number = step.DocumentNumber.Trim();
            else
            {
                var taken = await TakeNumberAsync(loaded, form, type, step.Date, ct);
                if (!taken.IsDone) return taken.As<IssuedDocument>();
                number = taken.Value;
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
            // Another paper took the number at the same moment (the counter's version, or its unique key): nothing was kept.
            return Outcome<IssuedDocument>.Conflict(null, [], "Có người vừa cấp số văn bản cùng loại cùng lúc; hãy bấm lại để lấy số tiếp theo.");
        }
        return Outcome<IssuedDocument>.Done(doc);
    }

    /// <summary>The next number of this type for the issuing body in the term containing the paper's date (tracked, saved with the paper).</summary>
    private async Task<Outcome<string>> TakeNumberAsync(LoadedCase loaded, FormDefinition form, string type, DateOnly date, CancellationToken ct)
    {
        var communeId = loaded.Candidate.CommuneId;
        var terms = await db.Terms.AsNoTracking().Where(t => t.CommuneId == communeId).ToListAsync(ct);
        var term = terms.FirstOrDefault(t => t.Start <= date && date <= t.End);
        if (term is null)
            return Outcome<string>.Invalid("Form", $"Chưa khai báo nhiệm kỳ chứa ngày {FormValues.Date(date)}: số văn bản được đánh theo nhiệm kỳ. Hãy khai báo nhiệm kỳ trước.");
        var issuer = form.Issuer switch
        {
            FormIssuer.Cell => loaded.Candidate.CellId,
            FormIssuer.SubCommittee => loaded.Candidate.Cell.ParentId ?? communeId,
            _ => communeId,
        };
        var counter = await db.DocumentCounters.FirstOrDefaultAsync(c => c.CommuneId == communeId && c.TermId == term.Id && c.OrganisationId == issuer && c.DocumentType == type, ct);
        if (counter is null)
        {
            counter = new DocumentCounter { CommuneId = communeId, TermId = term.Id, OrganisationId = issuer, DocumentType = type };
            db.DocumentCounters.Add(counter);
        }
        counter.LastNumber++;
        return Outcome<string>.Done($"{counter.LastNumber}-{type}");
    }
}
