using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.People;

/// <summary>One person's data as a file: what the office hands over when the person asks for it.</summary>
public sealed record PersonExportFile(byte[] Content, string FileName, string ContentType);

/// <summary>
/// Everything the application holds about one person (Personal Data Protection Law: the subject's right to their
/// data): the person record with the full numbers, their register entries and cell history, their admission case
/// with each step, the names of the scanned papers (not the scans), and the audit rows about them. A JSON file with
/// the forms' Vietnamese labels, readable as it is and by a program. Only a role with
/// <see cref="Permission.ViewPersonalIdentifiers"/>; each export is on the access trail.
/// </summary>
public sealed class ExportPersonData(AppDbContext db, Access access, AccessTrail trail, AuditContext who, TimeProvider clock)
{
    public const string Format = "JSON";

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The person of this member (<paramref name="memberId"/>) or of this candidate, as the user's scope finds them.</summary>
    public async Task<Outcome<PersonExportFile>> HandleAsync(int? memberId, int? candidateId, CancellationToken ct)
    {
        if (!access.Has(Permission.ViewPersonalIdentifiers)) return Outcome<PersonExportFile>.Forbidden(PersonalData.NotAllowed);
        // Through the scoped member or candidate: what the user cannot open, they cannot export.
        var personId = memberId is { } m ? await db.Members.Where(x => x.Id == m).Select(x => (int?)x.PersonId).FirstOrDefaultAsync(ct)
            : candidateId is { } c ? await db.Candidates.Where(x => x.Id == c).Select(x => (int?)x.PersonId).FirstOrDefaultAsync(ct)
            : null;
        if (personId is not { } id) return Outcome<PersonExportFile>.NotFound();
        var person = await db.People.AsNoTracking().Include(p => p.Hamlet).FirstAsync(p => p.Id == id, ct);

        var members = await db.Members.AsNoTracking().Include(x => x.Cell).Where(x => x.PersonId == id).OrderBy(x => x.Id).ToListAsync(ct);
        var memberIds = members.Select(x => x.Id).ToList();
        var cellHistory = await db.CellMemberships.AsNoTracking().Include(x => x.Cell).Where(x => memberIds.Contains(x.MemberId))
            .OrderBy(x => x.From).ToListAsync(ct);
        var candidates = await db.Candidates.AsNoTracking().Include(x => x.Cell).Include(x => x.Sources).ThenInclude(s => s.SourceCategory)
            .Where(x => x.PersonId == id).OrderBy(x => x.Id).ToListAsync(ct);
        var candidateIds = candidates.Select(x => x.Id).ToList();
        var mentorIds = candidates.Select(x => x.MentorMemberId).OfType<int>().ToList();
        // Bypass reviewed: the mentor of the person's own case, by name (as on the candidate page).
        var mentors = await db.Members.WholeCommune().Where(x => mentorIds.Contains(x.Id)).Select(x => new { x.Id, x.Person.FullName })
            .ToDictionaryAsync(x => x.Id, x => x.FullName, ct);
        var steps = await db.AdmissionSteps.AsNoTracking().Where(s => candidateIds.Contains(s.CandidateId))
            .OrderBy(s => s.Date).ThenBy(s => s.Id).ToListAsync(ct);
        var stepIds = steps.Select(s => s.Id).ToList();
        // The names of the papers, never their bytes.
        var attachments = await db.StepAttachments.AsNoTracking().Where(a => stepIds.Contains(a.StepId))
            .Select(a => new { a.Id, a.StepId, a.FileName, a.ContentType, a.Length, a.UploadedAtUtc, a.UploadedBy }).ToListAsync(ct);
        var audit = await AuditAsync(id, memberIds, candidateIds, stepIds, attachments.Select(a => a.Id).ToList(),
            cellHistory.Select(x => x.Id).ToList(), ct);

        var doc = new JsonObject
        {
            ["Tài liệu"] = "Dữ liệu cá nhân của một người trong phần mềm Phát triển đảng viên",
            ["Thời điểm xuất"] = Local(clock.GetUtcNow().UtcDateTime),
            ["Người xuất"] = who.UserName,
            ["Thông tin cá nhân"] = PersonNode(person),
            ["Hồ sơ đảng viên"] = new JsonArray([.. members.Select(x => (JsonNode)new JsonObject
            {
                ["Chi bộ"] = x.Cell.Name, ["Tình trạng"] = Lookups.StatusName(x.Status), ["Ngày của tình trạng"] = Date(x.StatusDate),
                ["Ngày quyết định kết nạp"] = Date(x.AdmissionDecisionDate), ["Số quyết định kết nạp"] = x.AdmissionDecisionNumber,
                ["Ngày lễ kết nạp"] = Date(x.CeremonyDate), ["Ngày chính thức"] = Date(x.OfficialDate), ["Số thẻ đảng"] = x.PartyCardNumber,
                ["Chức vụ"] = x.Positions == CommitteePositions.None ? null : Lookups.PositionNames(x.Positions),
                ["Sinh hoạt tạm thời nơi khác"] = x.OnTemporaryTransfer, ["Được miễn sinh hoạt"] = x.IsExempt, ["Ghi chú"] = x.Notes,
                ["Quá trình sinh hoạt tại chi bộ"] = new JsonArray([.. cellHistory.Where(h => h.MemberId == x.Id).Select(h => (JsonNode)new JsonObject
                {
                    ["Chi bộ"] = h.Cell.Name, ["Từ ngày"] = Date(h.From), ["Đến ngày"] = Date(h.To),
                })]),
            })]),
            ["Hồ sơ quần chúng ưu tú"] = new JsonArray([.. candidates.Select(x => (JsonNode)new JsonObject
            {
                ["Chi bộ"] = x.Cell.Name, ["Tình trạng"] = Lookups.CandidateStatusName(x.Status), ["Ngày đưa vào danh sách nguồn"] = Date(x.AddedOn),
                ["Nguồn"] = string.Join("; ", x.Sources.Select(s => s.SourceCategory.Name)),
                ["Đảng viên giúp đỡ"] = x.MentorMemberId is { } mm ? mentors.GetValueOrDefault(mm) : null,
                ["Ưu điểm nổi bật"] = x.Strengths, ["Ghi chú"] = x.Notes,
                ["Các bước kết nạp"] = new JsonArray([.. steps.Where(s => s.CandidateId == x.Id).Select(s => (JsonNode)new JsonObject
                {
                    ["Bước"] = StepNames.Of(s.Kind), ["Ngày"] = Date(s.Date), ["Số văn bản"] = s.DocumentNumber,
                    ["Kết quả biểu quyết"] = s.Outcome is null ? null : Pages.Candidates.StepText.Outcome(s.Outcome), ["Hạn"] = Date(s.DueDate),
                    ["Trễ hạn"] = s.IsLate, ["Ghi chú"] = s.Note, ["Người ghi"] = s.RecordedBy, ["Thời điểm ghi"] = Local(s.RecordedAtUtc),
                    ["Chi tiết"] = s.Details is null ? null : JsonNode.Parse(s.Details),
                    ["Bản quét giấy tờ"] = new JsonArray([.. attachments.Where(a => a.StepId == s.Id).Select(a => (JsonNode)new JsonObject
                    {
                        ["Tệp"] = a.FileName, ["Loại"] = a.ContentType, ["Dung lượng (byte)"] = a.Length,
                        ["Người đính kèm"] = a.UploadedBy, ["Thời điểm"] = Local(a.UploadedAtUtc),
                    })]),
                })]),
            })]),
            ["Nhật ký về người này"] = new JsonArray([.. audit.Select(r => (JsonNode)new JsonObject
            {
                ["Thời điểm"] = Local(r.Entry.AtUtc), ["Người thực hiện"] = r.Who, ["Thao tác"] = r.Entry.Action, ["Loại hồ sơ"] = r.Type,
                ["Thay đổi"] = new JsonArray([.. r.Changes.Select(ch => (JsonNode)new JsonObject { ["Trường"] = ch.Field, ["Cũ"] = ch.Old, ["Mới"] = ch.New })]),
            })]),
        };

        await trail.PersonalDataAsync(AccessTrail.ExportedPerson,
            new() { ["PersonId"] = id, ["Person"] = person.FullName, ["Format"] = Format }, ct);
        var name = "du-lieu-ca-nhan-" + id.ToString(CultureInfo.InvariantCulture) + ".json";
        return Outcome<PersonExportFile>.Done(new PersonExportFile(JsonSerializer.SerializeToUtf8Bytes(doc, s_json), name, "application/json; charset=utf-8"));
    }

    private static JsonObject PersonNode(Person p) => new()
    {
        ["Họ và tên"] = p.FullName, ["Giới tính"] = Lookups.GenderName(p.Gender), ["Ngày sinh"] = Date(p.DateOfBirth),
        ["Dân tộc"] = Ethnicities.Find(p.EthnicityCode)?.Name, ["Tôn giáo"] = Religions.Find(p.ReligionCode)?.Name,
        ["Giáo dục phổ thông"] = p.GeneralEducationGrade is { } g ? EducationLevels.FormatGeneral(g) : null,
        ["Chuyên môn, nghiệp vụ"] = ProfessionalEducationLevels.Find(p.ProfessionalEducationCode)?.Name,
        ["Lý luận chính trị"] = PoliticalTheoryLevels.Find(p.PoliticalTheoryCode)?.Name,
        ["Nghề nghiệp"] = p.Occupation, ["Nơi làm việc, học tập"] = p.Workplace, ["Ấp nơi cư trú"] = p.Hamlet?.Name, ["Địa chỉ"] = p.Address,
        // The person's own file: the numbers in full.
        ["Số CCCD"] = p.CitizenId, ["Số điện thoại"] = p.Phone,
        ["Đoàn viên Đoàn TNCS Hồ Chí Minh"] = p.IsYouthUnionMember, ["Đoàn viên Công đoàn"] = p.IsTradeUnionMember,
    };

    /// <summary>The changes of their records and the access rows naming them (who saw their numbers, who exported them).</summary>
    private async Task<List<AuditRow>> AuditAsync(int personId, List<int> members, List<int> candidates, List<int> steps,
        List<int> attachments, List<int> cellHistory, CancellationToken ct)
    {
        static List<string> Keys(IEnumerable<int> ids) => [.. ids.Select(i => i.ToString(CultureInfo.InvariantCulture))];
        var wanted = new (string Type, List<string> Ids)[]
        {
            (nameof(Person), Keys([personId])), (nameof(Member), Keys(members)), (nameof(Candidate), Keys(candidates)),
            (nameof(StepRecord), Keys(steps)), (nameof(StepAttachment), Keys(attachments)), (nameof(CellMembership), Keys(cellHistory)),
        };
        var entries = new List<AuditEntry>();
        foreach (var (type, ids) in wanted.Where(w => w.Ids.Count > 0))
            entries.AddRange(await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == type && ids.Contains(a.EntityId)).ToListAsync(ct));
        var mark = "\"PersonId\":[null," + personId.ToString(CultureInfo.InvariantCulture) + "]";
        entries.AddRange(await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == AccessTrail.EntityType && a.Changes.Contains(mark)).ToListAsync(ct));
        return await new AuditView(db).RowsAsync([.. entries.OrderBy(e => e.AtUtc).ThenBy(e => e.Id)], ct);
    }

    private static string? Date(DateOnly? d) => d?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Local(DateTime utc) => Core.Common.VietnamTime.Local(utc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
}
