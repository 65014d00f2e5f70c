using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Calendar;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Auditing;

/// <summary>One change of one field, as a user reads it.</summary>
public sealed record AuditChange(string Field, string? Old, string? New);

/// <summary>
/// One audit entry as a user reads it: what kind of record, which one (by name), each field by its label, and who
/// did it by their full name (the login only for an account without one, or a name typed at a refused sign-in).
/// </summary>
public sealed record AuditRow(AuditEntry Entry, string Type, string? Record, IReadOnlyList<AuditChange> Changes, string Who);

/// <summary>
/// The audit trail in Vietnamese: the record and its fields by their names on the forms, codes and ids by the names
/// they stand for, dates as offices write them. The stored trail keeps the raw values; this is only how they read.
/// A test checks that every stored column has a label here or is one of the technical ones left out.
/// </summary>
public sealed class AuditView(AppDbContext db)
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>An empty old or new value, in words a clerk reads (a maths sign "∅" meant nothing to them).</summary>
    public const string Empty = "(trống)";

    /// <summary>
    /// Columns that keep the login of whoever acted (a step's "Người ghi", a scan's "Người đính kèm"…): the record keeps
    /// the login, which never changes meaning; a reader sees the person's full name, as for "Người thực hiện".
    /// </summary>
    public static readonly IReadOnlySet<string> LoginFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "RecordedBy", "UploadedBy", "IssuedBy", "ImportedBy", "UndoneBy", "ProposedBy", "DecidedBy",
    };

    /// <summary>A year column ("Year", "StartYear"…) prints as the year is written, without a thousands separator.</summary>
    public static bool IsYear(string field) => field.EndsWith("Year", StringComparison.Ordinal);

    public static readonly IReadOnlyDictionary<string, string> TypeNames = new Dictionary<string, string>
    {
        [nameof(Organisation)] = "Tổ chức đảng",
        [nameof(Hamlet)] = "Ấp",
        [nameof(School)] = "Trường học",
        [nameof(PoliticalCenter)] = "Trung tâm Chính trị",
        [nameof(Core.Classes.CenterCommune)] = "Xã được trung tâm chính trị phục vụ",
        [nameof(Core.Classes.PartyClass)] = "Lớp bồi dưỡng",
        [nameof(Core.Classes.ClassQuota)] = "Chỉ tiêu của xã trong lớp",
        [nameof(Core.Classes.ClassEnrolment)] = "Đề cử, kết quả học lớp",
        [nameof(Core.Education.PropagandaSession)] = "Buổi tuyên truyền, giáo dục",
        [nameof(Core.Education.PropagandaAttendee)] = "Quần chúng dự buổi tuyên truyền",
        [nameof(MemberExit)] = "Xóa tên, ra khỏi Đảng, chuyển đi",
        [nameof(Core.Inspections.InspectionPlanItem)] = "Kế hoạch kiểm tra, giám sát",
        [nameof(Core.Inspections.InspectionSession)] = "Buổi kiểm tra, giám sát",
        [nameof(Core.Inspections.InspectionFinding)] = "Phát hiện qua kiểm tra, giám sát",
        [nameof(Core.Inspections.CorrectiveAction)] = "Việc khắc phục sau kiểm tra",
        [nameof(Core.Evaluations.QualityRatingRecord)] = "Đánh giá, xếp loại chất lượng",
        [nameof(Core.Evaluations.RatingSettings)] = "Tiêu chí, ngưỡng điểm đánh giá, xếp loại",
        [nameof(Term)] = "Nhiệm kỳ",
        [nameof(Person)] = "Nhân thân",
        [nameof(Member)] = "Đảng viên",
        [nameof(Candidate)] = "Quần chúng ưu tú",
        [nameof(SourceCategory)] = "Danh mục nguồn",
        [nameof(CandidateSource)] = "Nguồn của quần chúng",
        [nameof(CellResponsibility)] = "Phân công phụ trách chi bộ",
        [nameof(CellMembership)] = "Sinh hoạt tại chi bộ",
        [nameof(StepRecord)] = "Bước kết nạp",
        [nameof(StepAttachment)] = "Bản quét giấy tờ",
        [nameof(Documents.FormTemplate)] = "Mẫu biểu mẫu Word",
        [nameof(Documents.DocumentCounter)] = "Sổ đánh số văn bản",
        [nameof(Documents.IssuedDocument)] = "Biểu mẫu đã lập",
        [nameof(Documents.NumberedPaper)] = "Số văn bản đã dùng",
        [nameof(Documents.FormSetting)] = "Cấp trên, người ký trên biểu mẫu",
        [nameof(RuleParameter)] = "Quy định kết nạp",
        [nameof(CalendarDayOverride)] = "Điều chỉnh lịch nghỉ",
        [nameof(TermTarget)] = "Chỉ tiêu nhiệm kỳ",
        [nameof(YearTarget)] = "Chỉ tiêu năm",
        [nameof(YearSubTarget)] = "Chỉ tiêu con của năm",
        [nameof(CellTarget)] = "Chỉ tiêu chi bộ",
        [nameof(Core.Notifications.NotificationSettings)] = "Cấu hình cảnh báo, thư điện tử",
        [nameof(AppUser)] = "Tài khoản",
        [AccessTrail.EntityType] = "Truy cập, xuất dữ liệu",
        [nameof(Import.ImportBatch)] = "Lần nhập từ Excel",
        [nameof(Import.ImportUpload)] = "Tệp Excel chờ nhập",
        [nameof(Import.ImportMapping)] = "Cách gán cột khi nhập Excel",
    };

    /// <summary>Columns a user has no use for (keys, derived, technical or secret); never shown.</summary>
    public static readonly IReadOnlySet<string> Hidden = new HashSet<string>
    {
        "Id", "CommuneId", "IsDemo", "CenterId", "ClassId", "ProposedAtUtc", "DecidedAtUtc", "SessionId", "PersonId", "StepId", "YearTargetId", "TermId", "CounterId", "Version", "RulesSnapshot", "Details",
        "Content", "RecordedAtUtc", "UploadedAtUtc", "CreatedAtUtc", "ContentType", "Length", "SmtpPasswordProtected",
        "IssuedAtUtc", "LastSentAtUtc", "LastErrorAtUtc", "LastError", "LastDigestDate", "NameFolded", "FullNameFolded", "NameSortKey",
        "Token", "UserId", "UserName", "NormalizedUserName",
        // An inspection's links to its plan line and finding, and the figures and breaches stored whole (the page shows them).
        "PlanItemId", "FindingId", "SnapshotJson", "BreachesJson", "DevelopmentJson",
        // Fingerprints, row keys of the access trail and the import's own working notes: the file name and the time say which.
        "FileSha256", "Sha256", "TemplateSha256", "Attachment", "Document", "Report", "NormalizedEmail", "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp",
        "PhoneNumber", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount",
    };

    /// <summary>A column whose name another record uses for something else ("Level", "Score"): its own label here.</summary>
    private static readonly Dictionary<(string, string), string> s_recordLabels = new()
    {
        [(nameof(Core.Evaluations.QualityRatingRecord), "Level")] = "Xếp loại",
        [(nameof(Core.Evaluations.QualityRatingRecord), "Score")] = "Điểm",
    };

    /// <summary>The label of each column, as the forms name it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["FullName"] = "Họ và tên", ["Gender"] = "Giới tính", ["DateOfBirth"] = "Ngày sinh", ["EthnicityCode"] = "Dân tộc",
        ["ReligionCode"] = "Tôn giáo", ["GeneralEducationGrade"] = "Giáo dục phổ thông", ["ProfessionalEducationCode"] = "Chuyên môn, nghiệp vụ",
        ["PoliticalTheoryCode"] = "Lý luận chính trị", ["Occupation"] = "Nghề nghiệp", ["Workplace"] = "Nơi làm việc, học tập",
        ["HamletId"] = "Ấp", ["Address"] = "Địa chỉ", ["CitizenId"] = "Số CCCD", ["Phone"] = "Số điện thoại",
        ["IsYouthUnionMember"] = "Đoàn viên Đoàn TNCS Hồ Chí Minh", ["IsTradeUnionMember"] = "Đoàn viên Công đoàn",
        ["CellId"] = "Chi bộ", ["Status"] = "Tình trạng", ["StatusDate"] = "Ngày của tình trạng",
        ["AdmissionDecisionDate"] = "Ngày quyết định kết nạp", ["AdmissionDecisionNumber"] = "Số quyết định kết nạp",
        ["CeremonyDate"] = "Ngày lễ kết nạp", ["OfficialDate"] = "Ngày chính thức", ["PartyCardNumber"] = "Số thẻ đảng",
        ["Positions"] = "Chức vụ", ["OnTemporaryTransfer"] = "Sinh hoạt tạm thời nơi khác", ["IsExempt"] = "Được miễn sinh hoạt",
        ["Notes"] = "Ghi chú", ["AddedOn"] = "Ngày đưa vào danh sách nguồn", ["MentorMemberId"] = "Đảng viên giúp đỡ",
        ["Strengths"] = "Ưu điểm nổi bật", ["SourceCategoryId"] = "Nguồn", ["CandidateId"] = "Quần chúng",
        ["Name"] = "Tên", ["Kind"] = "Loại", ["CellKind"] = "Loại chi bộ", ["ParentId"] = "Trực thuộc", ["Code"] = "Mã",
        ["SecretaryMemberId"] = "Bí thư", ["IsActive"] = "Đang hoạt động", ["MergedIntoId"] = "Đã hợp nhất vào", ["EstablishedOn"] = "Ngày thành lập",
        ["AdmissionAuthority"] = "Cấp quyết định kết nạp", ["Population"] = "Dân số", ["Households"] = "Số hộ",
        ["Level"] = "Cấp học", ["Teachers"] = "Số giáo viên", ["StartYear"] = "Năm bắt đầu", ["EndYear"] = "Năm kết thúc",
        ["StartDate"] = "Ngày bắt đầu nhiệm kỳ (đại hội)", ["EndDate"] = "Ngày kết thúc nhiệm kỳ",
        ["SortOrder"] = "Thứ tự", ["MemberId"] = "Đảng viên", ["From"] = "Từ ngày", ["To"] = "Đến ngày",
        ["Count"] = "Chỉ tiêu", ["Year"] = "Năm", ["ResolutionNumber"] = "Số nghị quyết", ["ResolutionDate"] = "Ngày ban hành nghị quyết",
        ["ResolutionIssuer"] = "Cơ quan ban hành", ["Date"] = "Ngày", ["DocumentNumber"] = "Số văn bản", ["RecordedBy"] = "Người ghi",
        ["Note"] = "Ghi chú", ["Outcome"] = "Kết quả biểu quyết", ["DueDate"] = "Hạn", ["IsLate"] = "Trễ hạn",
        ["FileName"] = "Tệp", ["UploadedBy"] = "Người đính kèm", ["Key"] = "Tham số", ["Value"] = "Giá trị", ["Unit"] = "Đơn vị",
        ["Citation"] = "Căn cứ", ["IsConfirmed"] = "Đã xác nhận với văn bản", ["EffectiveFrom"] = "Áp dụng từ ngày",
        ["DueSoonWorkingDays"] = "Báo trước hạn (ngày làm việc)", ["NoMentorDays"] = "Báo chưa có người giúp đỡ sau (ngày)",
        ["CertificateHorizonDays"] = "Báo giấy chứng nhận hết hạn, dự bị chưa học lớp đảng viên mới trước (ngày)", ["ProbationHorizonDays"] = "Báo sắp hết dự bị trước (ngày)",
        ["MailEnabled"] = "Gửi thư điện tử", ["SmtpHost"] = "Máy chủ SMTP", ["SmtpPort"] = "Cổng SMTP", ["SmtpSecurity"] = "Mã hóa",
        ["SmtpUserName"] = "Tài khoản SMTP", ["SenderAddress"] = "Địa chỉ người gửi", ["SenderName"] = "Tên người gửi",
        ["SendHour"] = "Giờ gửi", ["SiteUrl"] = "Địa chỉ trang", ["Role"] = "Vai trò", ["OrganisationId"] = "Chi bộ",
        ["Email"] = "Thư điện tử", ["LockoutEnd"] = "Khóa đến", ["MustChangePassword"] = "Phải đổi mật khẩu khi đăng nhập",
        ["OldName"] = "Tên cũ", ["MergedFrom"] = "Đảng bộ xã hợp nhất", ["MergedInto"] = "Vào Đảng bộ xã", ["Moved"] = "Hồ sơ đã chuyển",
        ["IpAddress"] = "Địa chỉ máy (IP)", ["List"] = "Danh sách", ["Rows"] = "Số dòng", ["Record"] = "Hồ sơ", ["Attachment"] = "Mã tệp", ["Document"] = "Mã văn bản đã lập",
        ["Person"] = "Người", ["Via"] = "Nơi xem", ["Format"] = "Định dạng",
        ["FormCode"] = "Biểu mẫu", ["Variant"] = "Người giới thiệu thứ", ["Number"] = "Số văn bản đã cấp", ["Sha256"] = "Mã băm SHA-256 của tệp",
        ["TemplateSha256"] = "Mã băm SHA-256 của mẫu", ["IssuedBy"] = "Người lập", ["DocumentType"] = "Loại văn bản", ["LastNumber"] = "Số đã cấp gần nhất",
        ["ImportBatchId"] = "Nhập từ tệp Excel", ["DateOfBirthPrecision"] = "Mức ghi ngày sinh", ["CeremonyDatePrecision"] = "Mức ghi ngày lễ kết nạp",
        ["OfficialDatePrecision"] = "Mức ghi ngày chính thức", ["FileSha256"] = "Mã SHA-256 của tệp", ["ImportedBy"] = "Người nhập",
        ["ImportedAtUtc"] = "Thời điểm nhập", ["RowCount"] = "Số dòng trong tệp", ["CreatedCount"] = "Số hồ sơ tạo mới",
        ["DuplicateCount"] = "Số dòng đã có (bỏ qua)", ["CreatedCellIds"] = "Chi bộ tạo khi nhập", ["UndoneAtUtc"] = "Thời điểm hoàn tác",
        ["UndoneBy"] = "Người hoàn tác", ["Mapping"] = "Cách gán cột", ["Report"] = "Báo cáo nhập", ["Columns"] = "Cách gán cột",
        ["SuperiorBody"] = "Cấp ủy cấp trên", ["SignerName"] = "Người ký của đảng ủy", ["SignerIsDeputy"] = "Phó bí thư ký thay",
        ["PlaceName"] = "Địa danh ghi trước ngày tháng",
        ["StartsOn"] = "Đánh số trên phần mềm từ ngày", ["LatestPaperDate"] = "Ngày văn bản mới nhất đã đánh số",
        ["Serial"] = "Số thứ tự văn bản", ["PaperDate"] = "Ngày văn bản",
        ["DirectorName"] = "Giám đốc trung tâm", ["OpensOn"] = "Ngày khai giảng", ["ClosesOn"] = "Ngày bế giảng", ["Place"] = "Địa điểm",
        ["Capacity"] = "Sĩ số tối đa", ["Topics"] = "Chuyên đề", ["Lecturers"] = "Giảng viên", ["ResultScale"] = "Thang xếp loại",
        ["Seats"] = "Chỉ tiêu (số chỗ)", ["ProposedBy"] = "Người đề cử", ["DecidedBy"] = "Người duyệt", ["StatusReason"] = "Lý do",
        ["Attendance"] = "Điểm danh (1 có mặt, 0 vắng, theo từng ngày)", ["Score"] = "Điểm bài thu hoạch", ["Result"] = "Kết quả học",
        ["Grade"] = "Xếp loại", ["FailReason"] = "Lý do không đạt", ["CertificateNumber"] = "Số giấy chứng nhận",
        ["CertificateDate"] = "Ngày cấp giấy chứng nhận",
        ["Organiser"] = "Đơn vị tổ chức", ["OrganiserName"] = "Tên đơn vị tổ chức", ["Topic"] = "Chủ đề", ["AudienceCategoryId"] = "Đối tượng (nguồn)",
        ["Audience"] = "Đối tượng", ["Headcount"] = "Số người dự",
        ["Ground"] = "Căn cứ xóa tên", ["Reason"] = "Lý do, sự việc", ["ProposedOn"] = "Ngày chi bộ đề nghị", ["ProposalNumber"] = "Số nghị quyết của chi bộ",
        ["DecidedOn"] = "Ngày quyết định", ["DecisionNumber"] = "Số quyết định", ["DecidingBody"] = "Cấp quyết định",
        ["EffectiveOn"] = "Ngày ra khỏi danh sách", ["Destination"] = "Nơi chuyển đến", ["BarsReadmission"] = "Không xem xét kết nạp lại",
        ["PreviousStatus"] = "Tình trạng trước đó", ["PreviousStatusDate"] = "Ngày của tình trạng trước đó",
        ["Team"] = "Đoàn kiểm tra, giám sát", ["Conclusion"] = "Kết luận", ["CheckedOn"] = "Ngày chạy bảng kiểm", ["Text"] = "Nội dung phát hiện",
        ["Check"] = "Mục bảng kiểm", ["Task"] = "Việc khắc phục", ["Owner"] = "Người chịu trách nhiệm", ["DoneOn"] = "Ngày hoàn thành",
        ["Evidence"] = "Kết quả, văn bản chứng minh", ["CancelReason"] = "Lý do hủy",
        ["Form"] = "Mẫu bản kiểm điểm", ["SelfLevel"] = "Tự xếp loại", ["SelfAssessment"] = "Tự đánh giá", ["ExcellentConditionsMet"] = "Đạt điều kiện mức xuất sắc",
        ["LevelFromScore"] = "Mức theo điểm", ["OverrideReason"] = "Lý do xếp loại khác mức theo điểm", ["Explanation"] = "Cách xếp loại",
        ["ExcellentMin"] = "Xuất sắc từ (điểm)", ["GoodMin"] = "Hoàn thành tốt từ (điểm)", ["CompleteMin"] = "Hoàn thành từ (điểm)",
        ["ExcellentCapPercent"] = "Xuất sắc tối đa (% số hoàn thành tốt)", ["CapAppliesToOrganisations"] = "Tỷ lệ tối đa áp dụng cho tổ chức",
        ["CapAppliesToMembers"] = "Tỷ lệ tối đa áp dụng cho đảng viên", ["WeightTargetReached"] = "Điểm tiêu chí đạt chỉ tiêu kết nạp",
        ["WeightCandidatesTrained"] = "Điểm tiêu chí đã học lớp nhận thức", ["WeightNoOverdueSteps"] = "Điểm tiêu chí không có bước quá hạn",
        ["WeightEveryoneMentored"] = "Điểm tiêu chí có người giúp đỡ", ["Criteria"] = "Tiêu chí của Đảng bộ",
    };

    private enum Ref { Organisation, Member, Hamlet, SourceCategory, Candidate, ImportBatch, Person, InspectionPlan, InspectionSession, InspectionFinding, CorrectiveAction }

    private static Ref? RefOf(string field) => field switch
    {
        "CellId" or "ParentId" or "OrganisationId" or "MergedIntoId" => Ref.Organisation,
        "MentorMemberId" or "MemberId" or "SecretaryMemberId" => Ref.Member,
        "HamletId" => Ref.Hamlet,
        "SourceCategoryId" or "AudienceCategoryId" => Ref.SourceCategory,
        "CandidateId" => Ref.Candidate,
        "ImportBatchId" => Ref.ImportBatch,
        _ => null,
    };

    /// <summary>The record a number of the access trail stands for: the person or the case seen, by name.</summary>
    private static Ref? RefOf(AuditEntry entry, string field, Dictionary<string, JsonElement[]> fields) => (entry.EntityType, field) switch
    {
        (AccessTrail.EntityType, "Person") => Ref.Person,
        (AccessTrail.EntityType, "Record") => fields.TryGetValue("List", out var list) && list.ElementAtOrDefault(1) is { ValueKind: JsonValueKind.String } l
            && l.GetString() == TypeNames[nameof(Member)] ? Ref.Member : Ref.Candidate,
        _ => RefOf(field),
    };

    public static string TypeName(string type) => TypeNames.TryGetValue(type, out var name) ? name : "Hồ sơ khác";

    public async Task<List<AuditRow>> RowsAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var parsed = entries.Select(e => (Entry: e, Fields: Parse(e.Changes))).ToList();
        var wanted = new Dictionary<Ref, HashSet<int>>();
        void Want(Ref kind, int id) => (wanted.TryGetValue(kind, out var set) ? set : wanted[kind] = []).Add(id);
        foreach (var (entry, fields) in parsed)
        {
            foreach (var (field, values) in fields)
            {
                if (RefOf(entry, field, fields) is { } kind)
                    foreach (var v in values)
                        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var id)) Want(kind, id);
                // An import's new cells, kept as "12,13": each by its name.
                if (field == "CreatedCellIds")
                    foreach (var v in values.Where(v => v.ValueKind == JsonValueKind.String))
                        foreach (var part in v.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                            if (int.TryParse(part, NumberStyles.None, s_invariant, out var cell)) Want(Ref.Organisation, cell);
            }
            if (int.TryParse(entry.EntityId, NumberStyles.None, s_invariant, out var own) && OwnRef(entry.EntityType) is { } ownKind) Want(ownKind, own);
        }
        var counters = await CountersAsync(parsed.Where(p => p.Entry.EntityType == nameof(Documents.DocumentCounter)).Select(p => p.Entry.EntityId), ct);
        foreach (var c in counters.Values) Want(Ref.Organisation, c.OrganisationId);
        var names = await NamesAsync(wanted, ct);
        var people = await PeopleAsync(parsed.Where(p => p.Entry.EntityType == nameof(Person)).Select(p => p.Entry.EntityId), ct);
        var users = await UsersAsync(parsed.Where(p => p.Entry.EntityType == nameof(AppUser)).Select(p => p.Entry.EntityId), ct);
        // The logins kept in the changes themselves are looked up with the actors, in the same query.
        var logins = parsed.SelectMany(p => p.Fields.Where(f => LoginFields.Contains(f.Key)).SelectMany(f => f.Value))
            .Where(v => v.ValueKind == JsonValueKind.String).Select(v => ((string?)null, v.GetString()!));
        var actors = await ActorNames.OfAsync(db, parsed.Select(p => (p.Entry.UserId, p.Entry.UserName)).Concat(logins), ct);

        return [.. parsed.Select(p => new AuditRow(p.Entry, TypeName(p.Entry.EntityType),
            p.Entry.EntityType == nameof(Documents.DocumentCounter) ? CounterName(p.Entry.EntityId, counters, names) : RecordName(p.Entry, names, people, users),
            Changes(p.Entry, p.Fields, names, actors), ActorNames.Of(actors, p.Entry.UserId, p.Entry.UserName)))];
    }

    private static List<AuditChange> Changes(AuditEntry entry, Dictionary<string, JsonElement[]> fields, Dictionary<(Ref, int), string> names,
        Dictionary<string, string> actors)
    {
        var list = new List<AuditChange>();
        foreach (var (field, values) in fields)
        {
            if (Hidden.Contains(field) || IsFirstOfOne(field, values)) continue;
            // A date kept to the year or the month reads as written ("1975", "05/1975"); its precision alone only when nothing else changed.
            if (field.EndsWith("Precision", StringComparison.Ordinal) && fields.ContainsKey(field[..^"Precision".Length])) continue;
            var label = s_recordLabels.TryGetValue((entry.EntityType, field), out var own) ? own : Labels.TryGetValue(field, out var l) ? l : "Trường khác";
            list.Add(new AuditChange(label, Value(0), Value(1)));

            string? Value(int i)
            {
                var v = values.ElementAtOrDefault(i);
                if (fields.TryGetValue(field + "Precision", out var precision) && v.ValueKind == JsonValueKind.String
                    && DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", s_invariant, DateTimeStyles.None, out var date))
                {
                    var p = precision.ElementAtOrDefault(i) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var k) ? (DatePrecision)k : DatePrecision.Day;
                    return p switch
                    {
                        DatePrecision.Year => date.ToString("yyyy", s_invariant),
                        DatePrecision.Month => date.ToString("MM/yyyy", s_invariant),
                        _ => date.ToString("dd/MM/yyyy", s_invariant),
                    };
                }
                if (RefOf(entry, field, fields) is { } kind && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var id))
                    return names.TryGetValue((kind, id), out var name) ? name : "(đã xóa)";
                if (field == "CreatedCellIds" && v.ValueKind == JsonValueKind.String)
                {
                    var cells = v.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(c => int.TryParse(c, NumberStyles.None, s_invariant, out var cell) ? names.GetValueOrDefault((Ref.Organisation, cell), "(đã xóa)") : c).ToList();
                    return cells.Count == 0 ? null : string.Join(", ", cells);
                }
                if (field is "Mapping" or "Columns" && v.ValueKind == JsonValueKind.String) return MappingText(v.GetString()!);
                if (LoginFields.Contains(field) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } login)
                    return ActorNames.Of(actors, null, login);
                return Show(entry.EntityType, field, v, names);
            }
        }
        return list;
    }

    /// <summary>A saved column mapping (JSON) as its size: which column holds what is on the import page, not in the trail.</summary>
    private static string MappingText(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Columns", out var columns)) root = columns;
            var count = root.ValueKind switch
            {
                JsonValueKind.Object => root.EnumerateObject().Count(),
                JsonValueKind.Array => root.GetArrayLength(),
                _ => 0,
            };
            return count == 0 ? "chưa gán cột nào" : $"{Numbers.Show(count)} cột đã gán";
        }
        catch (JsonException)
        {
            return "đã lưu";
        }
    }

    // A paper's variant numbers the introducers of 3-KNĐ; every other form's paper is variant 0, which says nothing.
    private static bool IsFirstOfOne(string field, JsonElement[] values) =>
        field == "Variant" && values.All(v => v.ValueKind != JsonValueKind.Number || (v.TryGetInt32(out var n) && n == 0));

    private static Ref? OwnRef(string type) => type switch
    {
        nameof(Organisation) => Ref.Organisation,
        nameof(Member) => Ref.Member,
        nameof(Hamlet) => Ref.Hamlet,
        nameof(SourceCategory) => Ref.SourceCategory,
        nameof(Candidate) => Ref.Candidate,
        nameof(Import.ImportBatch) => Ref.ImportBatch,
        nameof(Core.Inspections.InspectionPlanItem) => Ref.InspectionPlan,
        nameof(Core.Inspections.InspectionSession) => Ref.InspectionSession,
        nameof(Core.Inspections.InspectionFinding) => Ref.InspectionFinding,
        nameof(Core.Inspections.CorrectiveAction) => Ref.CorrectiveAction,
        _ => null,
    };

    /// <summary>A text cut to a length a table cell holds.</summary>
    private static string Short(string text) => text.Length <= 60 ? text : text[..59] + "…";

    private static string? RecordName(AuditEntry e, Dictionary<(Ref, int), string> names, Dictionary<string, string> people, Dictionary<string, string> users)
    {
        if (e.EntityType == nameof(Person)) return people.GetValueOrDefault(e.EntityId);
        if (e.EntityType == nameof(AppUser)) return users.GetValueOrDefault(e.EntityId);
        return int.TryParse(e.EntityId, NumberStyles.None, s_invariant, out var id) && OwnRef(e.EntityType) is { } kind
            ? names.GetValueOrDefault((kind, id)) : null;
    }

    private sealed record CounterKey(int OrganisationId, string Type, int StartYear, int EndYear);

    /// <summary>A series reads as the register it stands for: "NQ/ĐU của Đảng ủy xã …, nhiệm kỳ 2025–2030".</summary>
    private static string? CounterName(string key, Dictionary<string, CounterKey> counters, Dictionary<(Ref, int), string> names) =>
        counters.TryGetValue(key, out var c)
            ? $"{c.Type} của {names.GetValueOrDefault((Ref.Organisation, c.OrganisationId), "(đã xóa)")}, nhiệm kỳ {c.StartYear}–{c.EndYear}"
            : null;

    private async Task<Dictionary<string, CounterKey>> CountersAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        var ids = keys.Select(k => int.TryParse(k, NumberStyles.None, s_invariant, out var id) ? id : 0).Where(id => id > 0).Distinct().ToList();
        if (ids.Count == 0) return [];
        var rows = await (from c in db.DocumentCounters
                          join t in db.Terms on c.TermId equals t.Id
                          where ids.Contains(c.Id)
                          select new { c.Id, c.OrganisationId, c.DocumentType, t.StartYear, t.EndYear }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id.ToString(s_invariant), r => new CounterKey(r.OrganisationId, r.DocumentType, r.StartYear, r.EndYear));
    }

    private static Dictionary<string, JsonElement[]> Parse(string changes) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement[]>>(changes) ?? [];

    private static string? Show(string type, string field, JsonElement v, Dictionary<(Ref, int), string> names)
    {
        if (v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean() ? "có" : "không";
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n))
            return EnumWord(type, field, n)
                // A year is a name of a year, not a quantity: "2026", never "2.026".
                ?? (IsYear(field) ? n.ToString(s_invariant) : n.ToString("N0", Lookups.Vietnamese));
        var text = v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();
        // The trail keeps the numbers; every reader sees them masked (a full number only through the person page).
        if (type == nameof(Person) && People.PersonalData.IsIdentifier(field)) return People.PersonalData.Mask(text);
        return field switch
        {
            "EthnicityCode" => Ethnicities.Find(text)?.Name ?? text,
            "ReligionCode" => Religions.Find(text)?.Name ?? text,
            "ProfessionalEducationCode" => ProfessionalEducationLevels.Find(text)?.Name ?? text,
            "PoliticalTheoryCode" => PoliticalTheoryLevels.Find(text)?.Name ?? text,
            "Role" => Authorization.Roles.DisplayName(text),
            // A rule's version names its parameter by the words of the rules page, not by its code name.
            "Key" when type == nameof(RuleParameter) => RuleBook.Defaults.Versions.FirstOrDefault(r => r.Key == text)?.Name ?? text,
            // Templates and issued papers store the form's ASCII key ("6-KND"); readers see the guidance's code.
            "FormCode" => Documents.FormCatalog.Find(text) is { } form ? $"{form.Code} {form.Title}" : text,
            _ when DateOnly.TryParseExact(text, "yyyy-MM-dd", s_invariant, DateTimeStyles.None, out var d) => d.ToString("dd/MM/yyyy", s_invariant),
            _ when DateTimeOffset.TryParse(text, s_invariant, DateTimeStyles.AssumeUniversal, out var t) && text.Contains('T', StringComparison.Ordinal) =>
                Core.Common.VietnamTime.Local(t.UtcDateTime).ToString("dd/MM/yyyy HH:mm", s_invariant),
            _ => text,
        };
    }


    /// <summary>The words a coded number of this field stands for (a step's kind, a member's status…); null for a plain number.</summary>
    private static string? EnumWord(string type, string field, int n) => (type, field) switch
    {
        (_, "Gender") => Lookups.GenderName((Gender)n),
        (nameof(Member), "Status") => Lookups.StatusName((MemberStatus)n),
        (nameof(Candidate), "Status") => Lookups.CandidateStatusName((CandidateStatus)n),
        (nameof(StepRecord), "Kind") => StepNames.Of((AdmissionStepKind)n),
        (nameof(StepRecord), "Outcome") => Pages.Candidates.StepText.Outcome((VoteOutcome)n),
        (nameof(Organisation), "Kind") => Lookups.KindName((OrganisationKind)n, null),
        (nameof(YearSubTarget), "Kind") => Lookups.SubTargetName((SubTargetKind)n),
        (nameof(Import.ImportBatch) or nameof(Import.ImportUpload) or nameof(Import.ImportMapping), "Kind") =>
            (Import.ImportKind)n == Import.ImportKind.Members ? "Đảng viên" : "Quần chúng ưu tú",
        (_, "DateOfBirthPrecision" or "CeremonyDatePrecision" or "OfficialDatePrecision") =>
            (DatePrecision)n switch { DatePrecision.Year => "chỉ năm", DatePrecision.Month => "tháng và năm", _ => "đủ ngày, tháng, năm" },
        (_, "GeneralEducationGrade") => $"{n}/12",
        (nameof(CalendarDayOverride), "Kind") => (AdjustmentKind)n == AdjustmentKind.DayOff ? "Ngày nghỉ" : "Ngày làm việc bù",
        (_, "CellKind") => Lookups.CellKindName((CellKind)n),
        (nameof(Core.Evaluations.QualityRatingRecord), "SelfLevel" or "Level" or "LevelFromScore") => Core.Evaluations.QualityRatings.Name((Core.Evaluations.RatingLevel)n),
        (_, "Level") => Lookups.SchoolLevelName((SchoolLevel)n),
        (_, "Positions") => n == 0 ? "không" : Lookups.PositionNames((CommitteePositions)n),
        (_, "SmtpSecurity") => Notifications.MailSettingsInput.SecurityName((Core.Notifications.SmtpSecurity)n),
        (nameof(Core.Classes.PartyClass), "Kind") => Classes.ClassWords.Kind((Core.Classes.ClassKind)n),
        (nameof(Core.Classes.ClassEnrolment), "Status") => Classes.ClassWords.Status((Core.Classes.EnrolmentStatus)n),
        (nameof(Core.Classes.ClassEnrolment), "Result") => Classes.ClassWords.Result((Core.Classes.ClassResult)n),
        (nameof(Core.Education.PropagandaSession), "Organiser") => Education.PropagandaWords.Organiser((Core.Education.Organiser)n),
        (nameof(MemberExit), "Kind") => Exits.ExitWords.Kind((ExitKind)n),
        (nameof(MemberExit), "Status") => Exits.ExitWords.Status((ExitStatus)n),
        (nameof(MemberExit), "Ground") => Exits.ExitWords.Ground((RemovalGround)n),
        (nameof(MemberExit), "PreviousStatus") => Lookups.StatusName((MemberStatus)n),
        (nameof(Core.Inspections.InspectionPlanItem), "Kind") => Core.Inspections.InspectionWords.Kind((Core.Inspections.InspectionKind)n),
        (nameof(Core.Inspections.InspectionFinding), "Check") => Core.Inspections.CaseChecklist.Name((Core.Inspections.CheckKind)n),
        (nameof(Core.Inspections.CorrectiveAction), "Status") => Core.Inspections.CorrectiveActions.Name((Core.Inspections.ActionStatus)n),
        (nameof(Core.Evaluations.QualityRatingRecord), "Kind") => Core.Evaluations.RatingWords.Kind((Core.Evaluations.RatedKind)n),
        (nameof(Core.Evaluations.QualityRatingRecord), "Form") => Core.Evaluations.RatingWords.Form((Core.Evaluations.SelfAssessmentForm)n),
        _ => null,
    };

    /// <summary>The coded columns <see cref="EnumWord"/> names, each with the records it belongs to (null: any) and its values.</summary>
    private static readonly (string[]? Types, string[] Fields, Type Enum)[] s_coded =
    [
        (null, ["Gender"], typeof(Gender)),
        ([nameof(Member)], ["Status"], typeof(MemberStatus)),
        ([nameof(Candidate)], ["Status"], typeof(CandidateStatus)),
        ([nameof(StepRecord)], ["Kind"], typeof(AdmissionStepKind)),
        ([nameof(StepRecord)], ["Outcome"], typeof(VoteOutcome)),
        ([nameof(Organisation)], ["Kind"], typeof(OrganisationKind)),
        ([nameof(YearSubTarget)], ["Kind"], typeof(SubTargetKind)),
        ([nameof(Import.ImportBatch), nameof(Import.ImportUpload), nameof(Import.ImportMapping)], ["Kind"], typeof(Import.ImportKind)),
        (null, ["DateOfBirthPrecision", "CeremonyDatePrecision", "OfficialDatePrecision"], typeof(DatePrecision)),
        ([nameof(CalendarDayOverride)], ["Kind"], typeof(AdjustmentKind)),
        (null, ["CellKind"], typeof(CellKind)),
        (null, ["Level"], typeof(SchoolLevel)),
        (null, ["SmtpSecurity"], typeof(Core.Notifications.SmtpSecurity)),
        ([nameof(Core.Classes.PartyClass)], ["Kind"], typeof(Core.Classes.ClassKind)),
        ([nameof(Core.Classes.ClassEnrolment)], ["Status"], typeof(Core.Classes.EnrolmentStatus)),
        ([nameof(Core.Classes.ClassEnrolment)], ["Result"], typeof(Core.Classes.ClassResult)),
        ([nameof(Core.Education.PropagandaSession)], ["Organiser"], typeof(Core.Education.Organiser)),
        ([nameof(MemberExit)], ["Kind"], typeof(ExitKind)),
        ([nameof(MemberExit)], ["Status"], typeof(ExitStatus)),
        ([nameof(MemberExit)], ["Ground"], typeof(RemovalGround)),
        ([nameof(MemberExit)], ["PreviousStatus"], typeof(MemberStatus)),
        ([nameof(Core.Inspections.InspectionPlanItem)], ["Kind"], typeof(Core.Inspections.InspectionKind)),
        ([nameof(Core.Inspections.InspectionFinding)], ["Check"], typeof(Core.Inspections.CheckKind)),
        ([nameof(Core.Inspections.CorrectiveAction)], ["Status"], typeof(Core.Inspections.ActionStatus)),
        ([nameof(Core.Evaluations.QualityRatingRecord)], ["Kind"], typeof(Core.Evaluations.RatedKind)),
        ([nameof(Core.Evaluations.QualityRatingRecord)], ["Form"], typeof(Core.Evaluations.SelfAssessmentForm)),
        ([nameof(Core.Evaluations.QualityRatingRecord)], ["SelfLevel", "Level", "LevelFromScore"], typeof(Core.Evaluations.RatingLevel)),
    ];

    // Past this many stored patterns a query (one or two letters) matches nearly every label anyway; the raw text still counts.
    private const int MaxPatterns = 400;

    /// <summary>
    /// The entries a reader finds by the words the page shows them, as a database condition: the stored JSON holds the
    /// column names and coded numbers ("CeremonyDate", "Kind":[null,12]), the page shows "Ngày lễ kết nạp" and the step's
    /// name. So the query (diacritics optional) is matched against the labels, the kinds of record and the words of the
    /// coded values here, and each match becomes the internal text to look for in the JSON. The raw text still matches
    /// (a name or a number as stored), and so do the records of <paramref name="recordKeys"/> ("Person#12").
    /// </summary>
    public static Expression<Func<AuditEntry, bool>> Finding(string text, IReadOnlyCollection<string> recordKeys)
    {
        ArgumentNullException.ThrowIfNull(text);
        Expression<Func<AuditEntry, bool>> stored = a => a.Changes.Contains(text) || recordKeys.Contains(a.EntityType + "#" + a.EntityId);
        var folded = Core.Text.VietnameseText.Fold(text.Trim());
        if (folded.Length == 0) return stored;
        bool Shows(string words) => Core.Text.VietnameseText.Fold(words).Contains(folded, StringComparison.Ordinal);

        var a = stored.Parameters[0];
        var changes = Expression.Property(a, nameof(AuditEntry.Changes));
        var entityType = Expression.Property(a, nameof(AuditEntry.EntityType));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        var leaves = 0;
        Expression Holds(string pattern)
        {
            leaves++;
            return Expression.Call(changes, contains, Expression.Constant(pattern));
        }
        Expression Is(string type) => Expression.Equal(entityType, Expression.Constant(type));
        var found = new List<Expression>();

        var types = TypeNames.Where(t => Shows(t.Value)).Select(t => t.Key).ToList();
        if (types.Count > 0) found.Add(Expression.Call(Expression.Constant(types), typeof(List<string>).GetMethod(nameof(List<string>.Contains))!, entityType));
        // A column shown under a label holding the words: its name as the JSON key ("CeremonyDate":[).
        found.AddRange(Labels.Where(l => !Hidden.Contains(l.Key) && Shows(l.Value)).Select(l => Holds($"\"{l.Key}\":[")));
        // A coded value whose words hold the query: its number as the old value ("Kind":[12,) or as the new one after
        // any old value the column can hold ("Kind":[null,12], "Kind":[3,12]): exact, never a number of another column.
        foreach (var (owners, fields, kind) in s_coded)
        {
            var values = Enum.GetValues(kind).Cast<object>().Select(v => Convert.ToInt32(v, s_invariant)).ToList();
            foreach (var field in fields)
            {
                var owner = owners?[0] ?? "";
                var matching = values.Where(n => EnumWord(owner, field, n) is { } word && Shows(word)).ToList();
                if (matching.Count == 0) continue;
                var olds = values.Select(n => n.ToString(s_invariant)).Prepend("null").ToList();
                var patterns = matching.SelectMany(n => olds.Select(o => $"\"{field}\":[{o},{n.ToString(s_invariant)}]")
                    .Prepend($"\"{field}\":[{n.ToString(s_invariant)},")).Select(Holds).ToList();
                var any = AnyOf(patterns);
                found.Add(owners is null ? any : Expression.AndAlso(AnyOf([.. owners.Select(Is)]), any));
            }
        }
        if (found.Count == 0 || leaves > MaxPatterns) return stored;
        return Expression.Lambda<Func<AuditEntry, bool>>(Expression.OrElse(stored.Body, AnyOf(found)), a);
    }

    // A balanced tree of ORs: a few hundred conditions stay far below the SQL engines' limits on nesting.
    private static Expression AnyOf(List<Expression> parts) => parts.Count == 1 ? parts[0]
        : Expression.OrElse(AnyOf([.. parts.Take(parts.Count / 2)]), AnyOf([.. parts.Skip(parts.Count / 2)]));

    // Names on the commune's own trail: whatever cells the reader covers, a name is part of the change they may read.
    private async Task<Dictionary<(Ref, int), string>> NamesAsync(Dictionary<Ref, HashSet<int>> wanted, CancellationToken ct)
    {
        var result = new Dictionary<(Ref, int), string>();
        foreach (var (kind, ids) in wanted)
        {
            var rows = kind switch
            {
                Ref.Organisation => await db.Organisations.WholeCommune().Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(ct),
                Ref.Member => await db.Members.WholeCommune().Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, Name = m.Person.FullName }).ToListAsync(ct),
                Ref.Candidate => await db.Candidates.WholeCommune().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, Name = c.Person.FullName }).ToListAsync(ct),
                Ref.Hamlet => await db.Hamlets.Where(h => ids.Contains(h.Id)).Select(h => new { h.Id, h.Name }).ToListAsync(ct),
                Ref.Person => await db.People.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, Name = p.FullName }).ToListAsync(ct),
                // A batch reads as the file and the time it was brought in: "dang-vien.xlsx, nhập lúc 20/11/2026 10:00".
                Ref.ImportBatch => (await db.ImportBatches.Where(b => ids.Contains(b.Id)).Select(b => new { b.Id, b.FileName, b.ImportedAtUtc }).ToListAsync(ct))
                    .Select(b => new { b.Id, Name = $"tệp {b.FileName}, nhập lúc {Pages.Shared.AuditTrail.Local(b.ImportedAtUtc)}" }).ToList(),
                // Inspection records read as their cell and day (readers of the trail see the whole commune; within the filters): "Chi bộ Ấp Mỹ Lợi, năm 2026: Kiểm tra …".
                Ref.InspectionPlan => (await db.InspectionPlanItems.Where(x => ids.Contains(x.Id))
                        .Join(db.Organisations, x => x.CellId, o => o.Id, (x, o) => new { x.Id, Cell = o.Name, x.Year, x.Topic }).ToListAsync(ct))
                    .Select(x => new { x.Id, Name = $"{x.Cell}, năm {x.Year}: {Short(x.Topic)}" }).ToList(),
                Ref.InspectionSession => (await db.InspectionSessions.Where(x => ids.Contains(x.Id))
                        .Join(db.Organisations, x => x.CellId, o => o.Id, (x, o) => new { x.Id, Cell = o.Name, x.Date }).ToListAsync(ct))
                    .Select(x => new { x.Id, Name = $"{x.Cell}, buổi kiểm tra ngày {x.Date.ToString("dd/MM/yyyy", s_invariant)}" }).ToList(),
                Ref.InspectionFinding => (await db.InspectionFindings.Where(x => ids.Contains(x.Id))
                        .Join(db.Organisations, x => x.CellId, o => o.Id, (x, o) => new { x.Id, Cell = o.Name, x.Text }).ToListAsync(ct))
                    .Select(x => new { x.Id, Name = $"{x.Cell}: {Short(x.Text)}" }).ToList(),
                Ref.CorrectiveAction => (await db.CorrectiveActions.Where(x => ids.Contains(x.Id))
                        .Join(db.Organisations, x => x.CellId, o => o.Id, (x, o) => new { x.Id, Cell = o.Name, x.Task }).ToListAsync(ct))
                    .Select(x => new { x.Id, Name = $"{x.Cell}: {Short(x.Task)}" }).ToList(),
                _ => await db.SourceCategories.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct),
            };
            foreach (var r in rows) result[(kind, r.Id)] = r.Name;
        }
        return result;
    }

    private async Task<Dictionary<string, string>> PeopleAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        var ids = keys.Select(k => int.TryParse(k, NumberStyles.None, s_invariant, out var id) ? id : 0).Where(id => id > 0).Distinct().ToList();
        return ids.Count == 0 ? [] : (await db.People.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.FullName }).ToListAsync(ct))
            .ToDictionary(p => p.Id.ToString(s_invariant), p => p.FullName);
    }

    private async Task<Dictionary<string, string>> UsersAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        var ids = keys.Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => $"{u.FullName} ({u.UserName})", ct);
    }
}
