using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Evaluations;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Evaluations;

/// <summary>A year's rating of a cell or a member as the form and the API write it.</summary>
public sealed class RatingInput
{
    [Display(Name = "Mẫu bản kiểm điểm")]
    public SelfAssessmentForm? Form { get; set; }
    [Display(Name = "Tự xếp loại")]
    public RatingLevel? SelfLevel { get; set; }
    [Display(Name = "Tự đánh giá (ưu điểm, hạn chế, khuyết điểm)"), StringLength(4000, ErrorMessage = "Tự đánh giá tối đa 4000 ký tự.")]
    public string? SelfAssessment { get; set; }
    [Display(Name = "Điểm (thang 100)")]
    public decimal? Score { get; set; }
    [Display(Name = "Đạt các điều kiện của mức hoàn thành xuất sắc")]
    public bool ExcellentConditionsMet { get; set; }
    /// <summary>The level decided when it differs from the score's; null keeps the score's.</summary>
    [Display(Name = "Cấp ủy xếp loại")]
    public RatingLevel? Level { get; set; }
    [Display(Name = "Lý do xếp loại khác mức theo điểm"), StringLength(1000, ErrorMessage = "Lý do tối đa 1000 ký tự.")]
    public string? OverrideReason { get; set; }
    [Display(Name = "Cấp quyết định"), StringLength(200, ErrorMessage = "Cấp quyết định tối đa 200 ký tự.")]
    public string? DecidingBody { get; set; }
    [Display(Name = "Ngày quyết định")]
    public DateOnly? DecidedOn { get; set; }
    [Display(Name = "Ghi chú"), StringLength(1000, ErrorMessage = "Ghi chú tối đa 1000 ký tự.")]
    public string? Notes { get; set; }

    public static RatingInput From(QualityRatingRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new()
        {
            Form = r.Form, SelfLevel = r.SelfLevel, SelfAssessment = r.SelfAssessment, Score = r.Score, ExcellentConditionsMet = r.ExcellentConditionsMet,
            Level = r.Level is { } l && l != r.LevelFromScore ? l : null, OverrideReason = r.OverrideReason, DecidingBody = r.DecidingBody, DecidedOn = r.DecidedOn, Notes = r.Notes,
        };
    }
}

/// <summary>A cell's development results stored beside its score: the facts of the year and each criterion's points.</summary>
public sealed record StoredDevelopment(DateOnly On, DevelopmentFacts Facts, int LateSteps, IReadOnlyList<CriterionScore> Criteria, decimal Points);

/// <summary>
/// Writes a year's rating of a cell or a member (plan point P12). The cell (secretary, committee member in charge)
/// writes the self-assessment; the office records the score, the level it gives and any other level the committee
/// decided, with its reason. A cell's development results of the year are computed and stored beside its score. The
/// cap on "excellent" is a warning, not a refusal: the committee may keep its decision, the summary shows the breach.
/// One command for the page and the API.
/// </summary>
public sealed class SaveRating(AppDbContext db, Access access, ConflictDiff diff, CellDevelopment development, TimeProvider clock)
{
    private const string P = "Input.";
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>A self-assessment keeps its paragraphs: each line normalised, runs of empty lines made one.</summary>
    private static string? Paragraphs(string? text) =>
        VietnameseText.Normalize(text) is null ? null
            : string.Join("\n", text!.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(VietnameseText.Normalize).Where(l => l is not null));

    /// <summary>Who writes a rating: the office that rates, and a cell its self-assessment. Anyone else reads (the pages ask here).</summary>
    public static bool Writes(Access access) => access?.Has(Permission.RateQuality) == true || access?.Has(Permission.SelfAssess) == true;

    /// <summary>Whether this rating is open to the user: the cell's part closes once the committee has decided the level.</summary>
    public static bool MayWrite(Access access, QualityRatingRecord? stored) =>
        Writes(access) && (access.Has(Permission.RateQuality) || stored?.Level is null);

    public async Task<Outcome<QualityRatingRecord>> HandleAsync(int year, RatedKind kind, int subjectId, RatingInput input, int version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        bool rates = access.Has(Permission.RateQuality);
        if (!Writes(access)) return Outcome<QualityRatingRecord>.Forbidden();
        var today = VietnamTime.Today(clock);
        if (year < 2000 || year > today.Year) return Outcome<QualityRatingRecord>.Invalid("", $"Năm đánh giá phải từ 2000 đến {today.Year}.");
        if (!Enum.IsDefined(kind)) return Outcome<QualityRatingRecord>.Invalid("", "Đối tượng đánh giá không hợp lệ.");

        int cellId;
        int? memberId = null;
        if (kind == RatedKind.Cell)
        {
            if (!await db.Organisations.AnyAsync(o => o.Id == subjectId && o.Kind == OrganisationKind.Cell, ct)) return Outcome<QualityRatingRecord>.NotFound();
            cellId = subjectId;
        }
        else
        {
            var m = await db.Members.AsNoTracking().Where(x => x.Id == subjectId).Select(x => new { x.CellId, x.Status, x.StatusDate, x.CeremonyDate }).FirstOrDefaultAsync(ct);
            if (m is null) return Outcome<QualityRatingRecord>.NotFound();
            if (m.CeremonyDate is { } c && c.Year > year)
                return Outcome<QualityRatingRecord>.Invalid("", $"Đồng chí được kết nạp năm {c.Year}: chưa đánh giá năm {year}.");
            if (MemberStatuses.HasLeft(m.Status) && m.StatusDate is { } left && left.Year < year)
                return Outcome<QualityRatingRecord>.Invalid("", $"Đồng chí đã ra khỏi danh sách năm {left.Year}: không đánh giá năm {year}.");
            cellId = m.CellId;
            memberId = subjectId;
        }
        if (!access.Scope.CoversCell(cellId)) return Outcome<QualityRatingRecord>.NotFound();

        var record = memberId is { } member
            ? await RatingReads.OfMembers(db).FirstOrDefaultAsync(r => r.Year == year && r.MemberId == member, ct)
            : await db.QualityRatings.FirstOrDefaultAsync(r => r.Year == year && r.MemberId == null && r.CellId == cellId, ct);
        input.SelfAssessment = Paragraphs(input.SelfAssessment);
        input.OverrideReason = VietnameseText.Normalize(input.OverrideReason);
        input.DecidingBody = VietnameseText.Normalize(input.DecidingBody);
        input.Notes = VietnameseText.Normalize(input.Notes);
        var errors = new Errors();
        errors.Annotations(input, P);
        errors.Require(input.Form is null || (kind == RatedKind.Member && Enum.IsDefined(input.Form.Value)), P + nameof(input.Form),
            kind == RatedKind.Cell ? "Mẫu bản kiểm điểm 2A, 2B, 2C là của đảng viên; chi bộ dùng báo cáo kiểm điểm tập thể (mẫu 01)." : "Mẫu bản kiểm điểm không hợp lệ.");
        errors.Require(input.SelfLevel is null || Enum.IsDefined(input.SelfLevel.Value), P + nameof(input.SelfLevel), "Mức tự xếp loại không hợp lệ.");
        errors.Require(input.Level is null || Enum.IsDefined(input.Level.Value), P + nameof(input.Level), "Mức xếp loại không hợp lệ.");
        if (errors.Any) return Outcome<QualityRatingRecord>.Invalid(errors.List);

        // The cell writes its self-assessment and nothing of the committee's part, whoever calls: a committee field left
        // out (the cell's form has none) is taken as stored; one sent as stored (an API client's read-then-write) is
        // accepted; one sent different is refused rather than dropped without a word.
        if (!rates)
        {
            var stored = record is null ? new RatingInput() : RatingInput.From(record);
            static bool Differs<T>(T? sent, T? kept) => sent is not null && !EqualityComparer<T?>.Default.Equals(sent, kept);
            if (Differs(input.Score, stored.Score) || Differs(input.Level, stored.Level) || (input.ExcellentConditionsMet && !stored.ExcellentConditionsMet)
                || Differs(input.OverrideReason, stored.OverrideReason) || Differs(input.DecidingBody, stored.DecidingBody) || Differs(input.DecidedOn, stored.DecidedOn))
                return Outcome<QualityRatingRecord>.Invalid("", "Chi bộ ghi phần tự đánh giá; điểm và mức xếp loại do văn phòng Đảng ủy ghi theo quyết định của cấp ủy.");
            (input.Score, input.Level, input.ExcellentConditionsMet, input.OverrideReason, input.DecidingBody, input.DecidedOn) =
                (stored.Score, stored.Level, stored.ExcellentConditionsMet, stored.OverrideReason, stored.DecidingBody, stored.DecidedOn);
            if (record?.Level is not null)
                return Outcome<QualityRatingRecord>.Invalid("", "Cấp ủy đã xếp loại năm này: phần tự đánh giá không sửa được nữa (hãy liên hệ văn phòng Đảng ủy).");
        }

        var settings = await db.RatingSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new RatingSettings();
        var scale = settings.Scale;
        RatingOutcome? outcome = null;
        // A decided level saved again with the same score, conditions and override (a note added, the date corrected)
        // stays as decided, with the results it was decided on: bands changed since for a later year do not re-grade it.
        var kept = rates && record is { Level: { } keptLevel, LevelFromScore: { } keptFromScore } && RatingInput.From(record) is var was
            && was.Score == input.Score && was.ExcellentConditionsMet == input.ExcellentConditionsMet && was.Level == input.Level && was.OverrideReason == input.OverrideReason
            ? new RatingOutcome(keptFromScore, keptLevel, record.Explanation ?? "", keptLevel != keptFromScore) : null;
        if (input.Score is { } score)
        {
            if (decimal.Round(score, 2) != score)
                return Outcome<QualityRatingRecord>.Invalid(P + nameof(input.Score), "Điểm ghi tối đa hai chữ số thập phân, ví dụ 85,5.");
            try
            {
                outcome = kept ?? QualityRatings.Decide(score, input.ExcellentConditionsMet, scale, input.Level, input.OverrideReason);
            }
            catch (DomainException x)
            {
                return Outcome<QualityRatingRecord>.Invalid(P + (x.Rule == "RatingOverride" ? nameof(input.OverrideReason) : x.Rule == "RatingLevel" ? nameof(input.Level) : nameof(input.Score)), x.Message);
            }
            if (input.DecidedOn is not { } on) errors.Add(P + nameof(input.DecidedOn), "Hãy nhập ngày cấp ủy quyết định xếp loại.");
            else if (on > today) errors.Add(P + nameof(input.DecidedOn), $"Ngày quyết định không thể sau hôm nay ({today:dd/MM/yyyy}).");
            else if (on.Year < year || on.Year > year + 1) errors.Add(P + nameof(input.DecidedOn), $"Xếp loại năm {year} được quyết định trong năm {year} hoặc đầu năm {year + 1}.");
            if (input.DecidingBody is null) errors.Add(P + nameof(input.DecidingBody), "Hãy ghi cấp quyết định (ví dụ: Ban Thường vụ Đảng ủy xã).");
        }
        else if (input.Level is not null || input.DecidedOn is not null)
            errors.Add(P + nameof(input.Score), "Hãy nhập điểm: mức xếp loại được tính từ điểm (và ghi lý do nếu cấp ủy xếp khác).");
        if (input.OverrideReason is not null && outcome is not { Overridden: true })
            errors.Add(P + nameof(input.OverrideReason), "Chỉ ghi lý do khi cấp ủy xếp loại khác mức theo điểm.");
        if (errors.Any) return Outcome<QualityRatingRecord>.Invalid(errors.List);

        // A new record starts at version 1, so that "nothing was there when I opened the form" (version 0) is told apart
        // from the record someone else created meanwhile: two first saves of one rating conflict instead of the second
        // silently replacing the first. (Records stored at version 0 before this still take 0 for their next save.)
        record ??= new QualityRatingRecord { CommuneId = access.Scope.CommuneId, Year = year, Kind = kind, CellId = cellId, MemberId = memberId, Version = 1 };
        if (record.Id == 0) db.QualityRatings.Add(record);
        else db.ExpectVersion(record, version);
        record.CellId = cellId;
        record.Form = input.Form;
        record.SelfLevel = input.SelfLevel;
        record.SelfAssessment = input.SelfAssessment;
        record.Notes = input.Notes;
        if (rates)
        {
            record.Score = input.Score;
            record.ExcellentConditionsMet = input.ExcellentConditionsMet;
            record.LevelFromScore = outcome?.FromScore;
            record.Level = outcome?.Level;
            record.OverrideReason = outcome is { Overridden: true } ? input.OverrideReason : null;
            record.Explanation = outcome?.Explanation;
            record.DecidingBody = input.DecidingBody;
            record.DecidedOn = input.DecidedOn;
            if (kind == RatedKind.Cell && outcome is not null && kept is null)
            {
                var day = RatingReads.FiguresDay(year, today);
                var rows = await development.ForYearAsync([cellId], year, day, ct);
                if (rows.Count > 0)
                {
                    var row = rows[0];
                    var criteria = DevelopmentScore.Compute(row.Facts, settings.Weights);
                    record.DevelopmentJson = JsonSerializer.Serialize(new StoredDevelopment(day, row.Facts, row.LateSteps, criteria, DevelopmentScore.Total(criteria)), s_json);
                }
            }
        }
        var key = record.Id;
        var saved = await db.SaveAsync(record, async token =>
        {
            var current = await (memberId is null ? db.QualityRatings.AsQueryable() : RatingReads.OfMembers(db)).AsNoTracking().FirstOrDefaultAsync(x => x.Id == key, token);
            return current is null ? (null, []) : (current, await diff.CompareAsync(input, RatingInput.From(current), token));
        }, ct, duplicate: new FieldError("", "Người khác vừa ghi đánh giá năm này cho đối tượng này: hãy mở lại trang."));
        if (!saved.IsDone || record.Level is null) return saved;
        // Bypass reviewed: the cap on "excellent" counts the commune's cells (or members) of the year, levels only.
        var levels = await db.QualityRatings.WholeCommune().Where(r => r.Year == year && r.Kind == kind && r.Level != null).Select(r => r.Level!.Value).ToListAsync(ct);
        return QualityRatings.CapBreach(levels, scale, kind == RatedKind.Member) is { } breach
            ? Outcome<QualityRatingRecord>.Done(record, [$"Lưu ý: {breach}"])
            : saved;
    }

    public static StoredDevelopment? DevelopmentOf(QualityRatingRecord r) =>
        string.IsNullOrEmpty(r?.DevelopmentJson) ? null : JsonSerializer.Deserialize<StoredDevelopment>(r.DevelopmentJson, s_json);
}

/// <summary>The commune's settings of the rating: bands, cap, development weights, criteria in words (the office).</summary>
public sealed class SaveRatingSettings(AppDbContext db, Access access, ConflictDiff diff)
{
    public sealed class SettingsInput
    {
        [Display(Name = "Hoàn thành xuất sắc từ (điểm)")] public decimal ExcellentMin { get; set; } = RatingScale.Default.ExcellentMin;
        [Display(Name = "Hoàn thành tốt từ (điểm)")] public decimal GoodMin { get; set; } = RatingScale.Default.GoodMin;
        [Display(Name = "Hoàn thành từ (điểm)")] public decimal CompleteMin { get; set; } = RatingScale.Default.CompleteMin;
        [Display(Name = "Xuất sắc tối đa (% số hoàn thành tốt)")] public int ExcellentCapPercent { get; set; } = RatingScale.Default.ExcellentCapPercent;
        [Display(Name = "Áp dụng tỷ lệ tối đa cho tổ chức đảng")] public bool CapAppliesToOrganisations { get; set; } = true;
        [Display(Name = "Áp dụng tỷ lệ tối đa cho đảng viên")] public bool CapAppliesToMembers { get; set; }
        [Display(Name = "Đạt chỉ tiêu kết nạp (điểm)")] public decimal WeightTargetReached { get; set; } = 5;
        [Display(Name = "Quần chúng đã học lớp nhận thức (điểm)")] public decimal WeightCandidatesTrained { get; set; } = 2;
        [Display(Name = "Không có bước quá hạn (điểm)")] public decimal WeightNoOverdueSteps { get; set; } = 2;
        [Display(Name = "Quần chúng có người giúp đỡ (điểm)")] public decimal WeightEveryoneMentored { get; set; } = 1;
        [Display(Name = "Tiêu chí của Đảng bộ (chấm điểm chi bộ, đảng viên)"), StringLength(4000, ErrorMessage = "Tiêu chí tối đa 4000 ký tự.")]
        public string? Criteria { get; set; }

        public static SettingsInput From(RatingSettings s)
        {
            ArgumentNullException.ThrowIfNull(s);
            return new()
            {
                ExcellentMin = s.ExcellentMin, GoodMin = s.GoodMin, CompleteMin = s.CompleteMin, ExcellentCapPercent = s.ExcellentCapPercent,
                CapAppliesToOrganisations = s.CapAppliesToOrganisations, CapAppliesToMembers = s.CapAppliesToMembers, WeightTargetReached = s.WeightTargetReached,
                WeightCandidatesTrained = s.WeightCandidatesTrained, WeightNoOverdueSteps = s.WeightNoOverdueSteps, WeightEveryoneMentored = s.WeightEveryoneMentored,
                Criteria = s.Criteria,
            };
        }
    }

    public async Task<Outcome<RatingSettings>> HandleAsync(SettingsInput input, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.RateQuality)) return Outcome<RatingSettings>.Forbidden();
        input.Criteria = VietnameseText.Normalize(input.Criteria);
        var errors = new Errors();
        errors.Annotations(input, "Input.");
        var scale = new RatingScale { ExcellentMin = input.ExcellentMin, GoodMin = input.GoodMin, CompleteMin = input.CompleteMin, ExcellentCapPercent = input.ExcellentCapPercent };
        try
        {
            scale.Validate();
        }
        catch (DomainException x)
        {
            errors.Add(x.Rule == "RatingCap" ? "Input." + nameof(input.ExcellentCapPercent) : "Input." + nameof(input.ExcellentMin), x.Message);
        }
        var weights = new[] { input.WeightTargetReached, input.WeightCandidatesTrained, input.WeightNoOverdueSteps, input.WeightEveryoneMentored };
        // Scores are written with two decimals at most: a band with a third (90,001) would leave no score that reaches it.
        if (new[] { input.ExcellentMin, input.GoodMin, input.CompleteMin }.Any(b => decimal.Round(b, 2) != b))
            errors.Add("Input." + nameof(input.ExcellentMin), "Mốc điểm ghi tối đa hai chữ số thập phân, như điểm, ví dụ 89,5.");
        if (weights.Any(w => decimal.Round(w, 2) != w))
            errors.Add("Input." + nameof(input.WeightTargetReached), "Điểm của tiêu chí ghi tối đa hai chữ số thập phân, ví dụ 2,5.");
        if (weights.Any(w => w < 0)) errors.Add("Input." + nameof(input.WeightTargetReached), "Điểm của tiêu chí không thể âm.");
        else if (weights.Sum() > scale.MaxScore) errors.Add("Input." + nameof(input.WeightTargetReached), $"Các tiêu chí phát triển đảng viên cộng lại tối đa {scale.MaxScore:0} điểm.");
        if (errors.Any) return Outcome<RatingSettings>.Invalid(errors.List);
        var s = await db.RatingSettings.FirstOrDefaultAsync(ct);
        if (s is null)
        {
            s = new RatingSettings { CommuneId = access.Scope.CommuneId };
            db.RatingSettings.Add(s);
        }
        // Opened before the commune had its settings (no version) while someone saved them meanwhile: the second first
        // save conflicts instead of replacing the first.
        else if (version is null)
            return Outcome<RatingSettings>.Conflict(s, await diff.CompareAsync(input, SettingsInput.From(s), ct), VersionedEdit.ConflictMessage);
        else db.ExpectVersion(s, version);
        s.ExcellentMin = input.ExcellentMin;
        s.GoodMin = input.GoodMin;
        s.CompleteMin = input.CompleteMin;
        s.ExcellentCapPercent = input.ExcellentCapPercent;
        s.CapAppliesToOrganisations = input.CapAppliesToOrganisations;
        s.CapAppliesToMembers = input.CapAppliesToMembers;
        s.WeightTargetReached = input.WeightTargetReached;
        s.WeightCandidatesTrained = input.WeightCandidatesTrained;
        s.WeightNoOverdueSteps = input.WeightNoOverdueSteps;
        s.WeightEveryoneMentored = input.WeightEveryoneMentored;
        s.Criteria = input.Criteria;
        return await db.SaveAsync(s, async token =>
        {
            var current = await db.RatingSettings.AsNoTracking().FirstOrDefaultAsync(token);
            return current is null ? (null, []) : (current, await diff.CompareAsync(input, SettingsInput.From(current), token));
        }, ct);
    }
}
