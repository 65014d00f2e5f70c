using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Documents;

/// <summary>The template in use for each form of a commune: the commune's replacement if it uploaded one, else the default.</summary>
public sealed class FormTemplates(AppDbContext db, Access access, AuditContext who, TimeProvider clock)
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public sealed record Current(byte[] Content, string Sha256, bool IsDefault, string FileName, string? UploadedBy, DateTime? UploadedAtUtc);

    public async Task<Current> CurrentAsync(int communeId, FormDefinition form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var own = await db.FormTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.CommuneId == communeId && t.FormCode == form.Key, ct);
        if (own is not null) return new Current(own.Content, own.Sha256, false, own.FileName, own.UploadedBy, own.UploadedAtUtc);
        var bytes = form.DefaultTemplate();
        return new Current(bytes, DocxTemplate.Sha256(bytes), true, form.DefaultFileName, null, null);
    }

    /// <summary>
    /// Replaces a form's template with an uploaded .docx, refused (nothing changes) when it is not a Word document,
    /// names a placeholder the software does not fill, lacks one its form must carry, uses placeholders past
    /// <see cref="DocxTemplate.MaxPlaceholderUses"/>, or its package holds more than a plain form may — outside links,
    /// macros, link and DDE fields, comments (see <see cref="DocxPackage"/>).
    /// </summary>
    public async Task<Outcome<FormTemplate>> UploadAsync(string formKey, string fileName, byte[] content, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageFormTemplates)) return Outcome<FormTemplate>.Forbidden();
        var form = FormCatalog.Find(formKey);
        if (form is null) return Outcome<FormTemplate>.NotFound();
        if (content.Length == 0) return Outcome<FormTemplate>.Invalid("File", "Hãy chọn tệp mẫu (.docx).");
        if (content.Length > MaxBytes) return Outcome<FormTemplate>.Invalid("File", $"Tệp mẫu lớn hơn {MaxBytes / 1024 / 1024} MB.");
        DocxTemplate.Reading reading;
        try
        {
            reading = DocxTemplate.Read(content);
        }
        catch (DocxTemplate.UnsafeTemplateException e)
        {
            return Outcome<FormTemplate>.Invalid("File", e.Message);
        }
        catch (DocxTemplate.NotADocxException)
        {
            return Outcome<FormTemplate>.Invalid("File", $"Tệp “{fileName}” không phải văn bản Word (.docx) hợp lệ. Hãy lưu mẫu trong Word dưới dạng “Word Document (*.docx)”.");
        }
        if (reading.Uses > DocxTemplate.MaxPlaceholderUses)
            return Outcome<FormTemplate>.Invalid("File", $"Mẫu có quá nhiều chỗ điền ({reading.Uses:N0} lần, tối đa {DocxTemplate.MaxPlaceholderUses:N0}); một biểu mẫu chỉ cần vài chục. Hãy bỏ bớt chỗ điền lặp lại rồi tải lên lại.");
        var unknown = Placeholders.Unknown(reading.Names);
        if (unknown.Count > 0)
            return Outcome<FormTemplate>.Invalid("File", $"Mẫu có chỗ điền phần mềm không biết: {string.Join(", ", unknown.Select(Shown))}. " +
                "Hãy sửa đúng tên chỗ điền theo danh sách bên dưới (hoặc xóa đi), rồi tải lên lại.");
        // A form without its person's name or its number would be issued blank there, and a number spent on it.
        var missing = Placeholders.Required(form).Where(r => !reading.Names.Contains(r)).ToList();
        if (missing.Count > 0)
            return Outcome<FormTemplate>.Invalid("File", $"Mẫu {form.Code} thiếu chỗ điền bắt buộc: {string.Join(", ", missing.Select(m => $"{{{{{m}}}}} ({Placeholders.Meaning[m]})"))}. " +
                "Hãy thêm vào đúng chỗ trong mẫu rồi tải lên lại.");
        var communeId = access.Scope.CommuneId;
        var row = await db.FormTemplates.FirstOrDefaultAsync(t => t.CommuneId == communeId && t.FormCode == form.Key, ct);
        if (row is null)
        {
            row = new FormTemplate { CommuneId = communeId, FormCode = form.Key, FileName = "", Sha256 = "" };
            db.FormTemplates.Add(row);
        }
        row.FileName = TypedText.FileName(fileName, "mau.docx");
        row.Content = content;
        row.Sha256 = DocxTemplate.Sha256(content);
        row.UploadedBy = who.UserName;
        row.UploadedAtUtc = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Outcome<FormTemplate>.Conflict(null, [], "Mẫu này vừa được người khác thay; hãy tải lại trang và thử lại.");
        }
        return Outcome<FormTemplate>.Done(row);
    }

    /// <summary>An unknown name as the user typed it: a "{{" left open is shown as it stands, said to lack its "}}" (not wrapped in a second pair of braces).</summary>
    internal static string Shown(string name) =>
        name.StartsWith("{{", StringComparison.Ordinal) ? $"“{name}” (thiếu “}}}}”)" : "{{" + name + "}}";

    /// <summary>Goes back to the default template (the replacement is deleted; the audit trail keeps its name and hash).</summary>
    public async Task<Outcome<FormDefinition>> ResetAsync(string formKey, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageFormTemplates)) return Outcome<FormDefinition>.Forbidden();
        var form = FormCatalog.Find(formKey);
        if (form is null) return Outcome<FormDefinition>.NotFound();
        var communeId = access.Scope.CommuneId;
        var row = await db.FormTemplates.FirstOrDefaultAsync(t => t.CommuneId == communeId && t.FormCode == form.Key, ct);
        if (row is not null)
        {
            db.FormTemplates.Remove(row);
            await db.SaveChangesAsync(ct);
        }
        return Outcome<FormDefinition>.Done(form);
    }
}
