using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Import;

/// <summary>
/// Keeps an uploaded file for its preview: checks that it is an .xlsx with a header row (a Vietnamese message
/// otherwise, nothing kept), stores it under a random token and gives the token back. Files left by earlier uploads
/// of the commune that are more than a day old are removed on the way.
/// </summary>
public sealed class StageImport(AppDbContext db, Access access, ImportPlanner planner, SheetCache sheets, AuditContext who, TimeProvider clock)
{
    public async Task<Outcome<ImportUpload>> HandleAsync(ImportKind kind, string? fileName, byte[]? content, CancellationToken ct)
    {
        if (!access.Has(Permission.ImportRegister) || access.Scope.Unrestricted && access.Scope.CommuneId == 0) return Outcome<ImportUpload>.Forbidden();
        if (!Enum.IsDefined(kind)) return Outcome<ImportUpload>.Invalid("Kind", "Hãy chọn loại danh sách: đảng viên hoặc quần chúng ưu tú.");
        if (content is null || content.Length == 0) return Outcome<ImportUpload>.Invalid("File", "Hãy chọn tệp Excel (.xlsx) để nhập.");
        var remembered = await planner.RememberedAsync(kind, ct);
        // Kept read for the preview and the commit that follow.
        var (sheet, error) = sheets.Read(content, kind, remembered);
        if (error is not null) return Outcome<ImportUpload>.Invalid("File", error);
        if (sheet!.Rows.Count == 0) return Outcome<ImportUpload>.Invalid("File", $"Dưới dòng tiêu đề (dòng {sheet.HeaderRow}) không có dòng dữ liệu nào.");

        var now = clock.GetUtcNow().UtcDateTime;
        var stale = await db.ImportUploads.Where(u => u.UploadedAtUtc < now.AddDays(-1)).ToListAsync(ct);
        db.ImportUploads.RemoveRange(stale);
        var name = TypedText.FileName(fileName, "tep.xlsx");
        var upload = new ImportUpload
        {
            CommuneId = db.Scope.CommuneId, Kind = kind, Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            FileName = name.Length > 200 ? name[..200] : name, FileSha256 = ContentHash.Sha256(content),
            Content = content, UserId = who.UserId, UploadedAtUtc = now,
        };
        db.ImportUploads.Add(upload);
        await db.SaveChangesAsync(ct);
        return Outcome<ImportUpload>.Done(upload);
    }
}

/// <summary>The preview of an uploaded file, and the choices made on it (mapping, default cell and source, cells to create).</summary>
public sealed class PreviewImport(AppDbContext db, Access access, ImportPlanner planner, SheetCache sheets, AuditContext who)
{
    public const string Gone = "Không tìm thấy tệp đã tải lên (đã nhập xong, đã quá một ngày, hoặc của người khác); hãy tải tệp lên lại.";

    internal static async Task<ImportUpload?> FindAsync(AppDbContext db, AuditContext who, string? token, CancellationToken ct) =>
        string.IsNullOrEmpty(token) ? null : await db.ImportUploads.FirstOrDefaultAsync(u => u.Token == token && u.UserId == who.UserId, ct);

    public async Task<Outcome<ImportPreview>> HandleAsync(string? token, CancellationToken ct)
    {
        if (!access.Has(Permission.ImportRegister)) return Outcome<ImportPreview>.Forbidden();
        var upload = await FindAsync(db, who, token, ct);
        if (upload is null) return Outcome<ImportPreview>.Invalid("", Gone);
        var (preview, error) = await planner.PlanAsync(upload, ct);
        return preview is null ? Outcome<ImportPreview>.Invalid("File", error!) : Outcome<ImportPreview>.Done(preview);
    }

    /// <summary>Stores the user's choices with the file; the next preview and the commit read them from there.</summary>
    public async Task<Outcome<ImportUpload>> ChooseAsync(string? token, ImportChoices choices, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (!access.Has(Permission.ImportRegister)) return Outcome<ImportUpload>.Forbidden();
        var upload = await FindAsync(db, who, token, ct);
        if (upload is null) return Outcome<ImportUpload>.Invalid("", Gone);
        choices.Columns = choices.Columns.Where(c => c.Key.Length <= 3 && c.Key.All(char.IsAsciiLetterUpper) && Enum.IsDefined(c.Value))
            .ToDictionary(c => c.Key, c => c.Value);
        choices.CreateCells = [.. choices.CreateCells.Where(c => !string.IsNullOrWhiteSpace(c) && c.Length <= 2000).Distinct().Take(200)];
        upload.Mapping = choices.ToJson();
        // The columns chosen are the commune's guess from now on, not only after a commit: a clerk who fixes the file
        // and uploads it again finds the same headers mapped the same way.
        if (choices.Columns.Count > 0)
        {
            var remembered = await planner.RememberedAsync(upload.Kind, ct);
            var (sheet, _) = sheets.Read(upload.Content, upload.Kind, remembered);
            foreach (var c in sheet?.Columns ?? [])
                if (choices.Columns.TryGetValue(c.Letter, out var field) && ImportFields.FoldHeader(c.Header) is { Length: > 0 } header)
                    remembered[header] = field;
            var json = JsonSerializer.Serialize(remembered);
            if (await db.ImportMappings.FirstOrDefaultAsync(m => m.Kind == upload.Kind, ct) is { } mapping) mapping.Columns = json;
            else db.ImportMappings.Add(new ImportMapping { CommuneId = db.Scope.CommuneId, Kind = upload.Kind, Columns = json });
        }
        await db.SaveChangesAsync(ct);
        return Outcome<ImportUpload>.Done(upload);
    }
}

/// <summary>What an import brought in, for its report.</summary>
public sealed record ImportReport(ImportBatch Batch, IReadOnlyList<DuplicateRow> Duplicates, IReadOnlyList<ImportIssue> Warnings, IReadOnlyList<string> CreatedCells);

/// <summary>
/// Brings the rows of a previewed file in: all of them or none. Runs the preview's checks again (the register may
/// have changed since), refuses with every row's error when any row is wrong, and otherwise creates the cells the user
/// asked for, the people, their member or candidate records (a candidate's case starts with its source-pool step, as
/// the candidate form does) and the batch, in one transaction; the audit rows name the batch, which names the file.
/// </summary>
public sealed class CommitImport(AppDbContext db, Access access, ImportPlanner planner, AuditContext who, TimeProvider clock,
    RuleBookProvider rules, CalendarService calendar)
{
    public const int MaxErrorsShown = 200;

    public async Task<Outcome<ImportReport>> HandleAsync(string? token, CancellationToken ct)
    {
        if (!access.Has(Permission.ImportRegister)) return Outcome<ImportReport>.Forbidden();
        if (await PreviewImport.FindAsync(db, who, token, ct) is null) return Outcome<ImportReport>.Invalid("", PreviewImport.Gone);
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One import of a commune at a time, and its checks inside the lock: two files of the same people without
        // citizen IDs committed a second apart each found the other's people absent and both came in (2,600 members
        // from 1,300); the same token committed three times at once found its upload gone at the end (a 500).
        await db.LockCommuneImportsAsync(ct);
        var upload = await PreviewImport.FindAsync(db, who, token, ct);
        if (upload is null) return Outcome<ImportReport>.Invalid("", PreviewImport.Gone);
        var (preview, error) = await planner.PlanAsync(upload, ct);
        if (preview is null) return Outcome<ImportReport>.Invalid("File", error!);
        if (preview.Errors.Count > 0)
        {
            var shown = preview.Errors.Take(MaxErrorsShown).Select(e => new FieldError("", e.ToString())).ToList();
            if (preview.Errors.Count > MaxErrorsShown) shown.Add(new FieldError("", $"… và {preview.Errors.Count - MaxErrorsShown} lỗi khác."));
            shown.Insert(0, new FieldError("", $"Chưa nhập dòng nào: tệp có {preview.Errors.Count} lỗi. Hãy sửa trong tệp rồi tải lên lại (hoặc đổi cách gán cột)."));
            return Outcome<ImportReport>.Invalid(shown);
        }
        if (preview.Ready.Count == 0)
            return Outcome<ImportReport>.Invalid("", $"Không có dòng mới để nhập: cả {preview.Duplicates.Count} dòng đều đã có trong hệ thống. Không có gì thay đổi.");

        var now = clock.GetUtcNow().UtcDateTime;
        var commune = db.Scope.CommuneId;
        try
        {
            // Cells the user asked to create: under the commune committee, as the organisation form would put them.
            var created = new Dictionary<string, Organisation>(StringComparer.Ordinal);
            var root = await db.Organisations.WholeCommune().Where(o => o.Kind == OrganisationKind.CommuneCommittee).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
            foreach (var name in preview.Ready.Select(r => r.NewCell).OfType<string>().Distinct())
            {
                var cell = new Organisation { CommuneId = commune, Kind = OrganisationKind.Cell, CellKind = CellKind.Other, ParentId = root, Name = name };
                db.Organisations.Add(cell);
                created[name] = cell;
            }
            if (created.Count > 0) await db.SaveChangesAsync(ct);

            var batch = new ImportBatch
            {
                CommuneId = commune, Kind = upload.Kind, FileName = upload.FileName, FileSha256 = upload.FileSha256, UserId = who.UserId,
                ImportedBy = who.UserName, ImportedAtUtc = now, RowCount = preview.RowCount, CreatedCount = preview.Ready.Count,
                DuplicateCount = preview.Duplicates.Count,
                Report = string.Join("\n", preview.Duplicates.Select(d => d.ToString()).Concat(preview.Warnings.Select(w => w.ToString()))),
                CreatedCellIds = string.Join(",", created.Values.Select(c => c.Id)),
            };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(ct);

            // The rows in bulk (ten thousand members are sixty thousand rows with their histories and audit rows), through
            // the context's writer of new records: the same derived columns, histories and audit rows as a save makes.
            var context = StepContext.From(await rules.GetAsync(ct), await calendar.GetAsync(ct), clock, who.UserName);
            var records = new List<object>(preview.Ready.Count * 2);
            var candidates = new List<(Candidate Candidate, PlannedRow Row)>();
            foreach (var r in preview.Ready)
            {
                var person = new Person { FullName = "", CommuneId = commune, ImportBatchId = batch.Id };
                r.Person.ApplyTo(person);
                person.DateOfBirthPrecision = r.BirthPrecision;
                records.Add(person);
                var cellId = r.NewCell is { } n ? created[n].Id : (int?)null;
                if (r.Member is { } mi)
                {
                    if (cellId is not null) mi.CellId = cellId;
                    var m = new Member { CommuneId = commune, Person = person, ImportBatchId = batch.Id };
                    mi.ApplyTo(m);
                    m.CeremonyDatePrecision = r.CeremonyPrecision;
                    m.OfficialDatePrecision = r.OfficialPrecision;
                    records.Add(m);
                }
                else if (r.Candidate is { } ci)
                {
                    if (cellId is not null) ci.CellId = cellId;
                    var c = new Candidate { CommuneId = commune, Person = person, ImportBatchId = batch.Id };
                    ci.ApplyTo(c);
                    records.Add(c);
                    candidates.Add((c, r));
                }
            }
            await db.InsertNewAsync(records, ct);
            // A candidate's sources are rows of their own, which the bulk writer only writes when given: without them an
            // imported candidate would belong to no source and count in no source's figure.
            var sources = candidates.SelectMany(x => x.Candidate.Sources.Select(s => { s.CandidateId = x.Candidate.Id; return (object)s; })).ToList();
            if (sources.Count > 0) await db.InsertNewAsync(sources, ct);
            // The case of each candidate starts the day they entered the pool, through the engine as every step does.
            if (candidates.Count > 0)
                await db.InsertNewAsync([.. candidates.Select(x => new AdmissionCase(x.Candidate.Id, x.Candidate.Person.DateOfBirth).RecordSourcePool(
                    new SimpleStepInput { Date = x.Candidate.AddedOn, Note = $"Nhập từ tệp Excel “{upload.FileName}” (dòng {x.Row.Row})." }, context))], ct);

            // The mapping of this file is the commune's guess for the next one of its kind.
            var mapping = await db.ImportMappings.FirstOrDefaultAsync(m => m.Kind == upload.Kind, ct);
            var remembered = await planner.RememberedAsync(upload.Kind, ct);
            foreach (var c in preview.Columns) remembered[ImportFields.FoldHeader(c.Header)] = c.Field;
            var json = JsonSerializer.Serialize(remembered);
            if (mapping is null) db.ImportMappings.Add(new ImportMapping { CommuneId = commune, Kind = upload.Kind, Columns = json });
            else mapping.Columns = json;
            db.ImportUploads.Remove(upload);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Outcome<ImportReport>.Done(new ImportReport(batch, preview.Duplicates, preview.Warnings, [.. created.Keys]));
        }
        catch (DbUpdateException)
        {
            // Someone saved a person with one of these citizen IDs between the preview's check and this save.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Outcome<ImportReport>.Invalid("", "Trong lúc nhập, hệ thống vừa có thêm hồ sơ trùng với tệp này; chưa nhập dòng nào. Hãy xem lại bản xem trước rồi nhập lại.");
        }
        catch (DomainException e)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Outcome<ImportReport>.Invalid("", "Chưa nhập dòng nào: " + e.Message);
        }
    }
}
