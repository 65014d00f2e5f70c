using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Admission;

/// <summary>Scans of the signed papers of a step: checked by their content, kept with the step.</summary>
public sealed class Scans(AppDbContext db, Access access, AuditContext who, TimeProvider clock)
{
    /// <summary>
    /// Reads uploads into attachments, or the error of the first that is too large or is not really a PDF, JPEG or
    /// PNG (nothing is kept then).
    /// </summary>
    public async Task<(List<StepAttachment> Files, string? Error)> ReadAsync(IReadOnlyList<ScanUpload>? uploads, CancellationToken ct)
    {
        var list = new List<StepAttachment>();
        foreach (var f in (uploads ?? []).Where(f => f.Length > 0))
        {
            if (list.Count == StepAttachment.MaxFilesPerUpload)
                return ([], $"Mỗi lần chỉ đính kèm tối đa {StepAttachment.MaxFilesPerUpload} tệp.");
            if (f.Length > StepAttachment.MaxBytes)
                return ([], $"Tệp “{TypedText.FileName(f.FileName, "tệp")}” lớn hơn {StepAttachment.MaxBytes / 1024 / 1024} MB; hãy quét với độ phân giải thấp hơn.");
            var bytes = await f.ReadAsync(ct);
            var type = StepAttachment.SniffContentType(bytes);
            if (type is null) return ([], $"Tệp “{TypedText.FileName(f.FileName, "tệp")}” không phải PDF, JPEG hay PNG; chỉ nhận bản quét hoặc ảnh chụp giấy tờ.");
            list.Add(new StepAttachment
            {
                FileName = TypedText.FileName(f.FileName, "tep-dinh-kem"),
                ContentType = type, Length = bytes.Length, Content = bytes,
                UploadedAtUtc = clock.GetUtcNow().UtcDateTime, UploadedBy = who.UserName,
            });
        }
        return (list, null);
    }

    /// <summary>Adds scans to a step already recorded (the signed paper often arrives after the meeting).</summary>
    public async Task<Outcome<StepRecord>> AttachAsync(int candidateId, int stepId, IReadOnlyList<ScanUpload> uploads, CancellationToken ct)
    {
        var step = await db.AdmissionSteps.FirstOrDefaultAsync(s => s.Id == stepId && s.CandidateId == candidateId, ct);
        if (step is null) return Outcome<StepRecord>.NotFound();
        if (!access.MayRecord(step.Kind)) return Outcome<StepRecord>.Forbidden();
        var (files, error) = await ReadAsync(uploads, ct);
        if (error is null && files.Count == 0) error = "Hãy chọn ít nhất một tệp.";
        if (error is not null) return Outcome<StepRecord>.Invalid("Files", error);
        foreach (var a in files)
        {
            a.StepId = step.Id;
            db.StepAttachments.Add(a);
        }
        await db.SaveChangesAsync(ct);
        return Outcome<StepRecord>.Done(step);
    }

    public static ScanUpload FromForm(IFormFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new ScanUpload(file.FileName, file.Length, async ct =>
        {
            using var stream = new MemoryStream();
            await file.CopyToAsync(stream, ct);
            return stream.ToArray();
        });
    }
}
