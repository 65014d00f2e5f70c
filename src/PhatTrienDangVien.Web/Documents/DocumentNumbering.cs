using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Documents;

/// <summary>What the software will write as a paper's number, and why (shown beside the "Lập …" button, applied by <see cref="IssueForm"/>).</summary>
public enum NumberSource
{
    /// <summary>The paper was issued before: the same number again.</summary>
    Kept,
    /// <summary>The step records the paper's own number.</summary>
    Step,
    /// <summary>The series' next number.</summary>
    Next,
    /// <summary>Dated before the series' latest numbered paper: "Số ……" unless typed.</summary>
    DottedBeforeLatest,
    /// <summary>Dated before the software numbered the series: "Số ……" unless typed.</summary>
    DottedBeforeStart,
    /// <summary>The step's own number is held by another paper of the series (old data): the paper's number is typed.</summary>
    StepHeldElsewhere,
    /// <summary>The series has reached <see cref="DocumentNumbering.MaxNumber"/>: only a typed number.</summary>
    Full,
}

/// <param name="Number">The number as printed ("38-NQ/ĐU"), or null for a dotted one.</param>
/// <param name="MayType">Whether a number from the body's register may be typed instead.</param>
/// <param name="Since">The date the dotted rule compares with (the series' latest paper or its start).</param>
public sealed record NumberProposal(NumberSource Source, string? Number, bool MayType, DateOnly? Since = null)
{
    /// <summary>One Vietnamese sentence saying what the paper will carry.</summary>
    public string Sentence(DateOnly paperDate) => Source switch
    {
        NumberSource.Kept => $"Lập lại giữ số đã cấp: {Number}.",
        NumberSource.Step => $"Dùng số đã ghi ở bước: {Number}.",
        NumberSource.Next => $"Số sẽ cấp: {Number} (hoặc gõ số theo sổ văn bản).",
        NumberSource.DottedBeforeLatest => $"Văn bản ngày {FormValues.Date(paperDate)} sớm hơn văn bản đã đánh số gần nhất của sổ (ngày {FormValues.Date(Since!.Value)}), nên nếu không gõ số theo sổ thì văn bản để “Số ……” để văn phòng ghi tay.",
        NumberSource.StepHeldElsewhere => $"Số {Number} ghi ở bước đã dùng cho một văn bản khác cùng sổ trong nhiệm kỳ: hãy gõ số đúng của giấy này theo sổ văn bản.",
        NumberSource.Full => $"Sổ đã dùng đến số {DocumentNumbering.MaxNumber.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"))}, số lớn nhất phần mềm ghi: hãy gõ số theo sổ văn bản.",
        _ => $"Văn bản ngày {FormValues.Date(paperDate)} có trước ngày sổ bắt đầu đánh số trên phần mềm ({FormValues.Date(Since!.Value)}), nên nếu không gõ số theo sổ thì văn bản để “Số ……” để văn phòng ghi tay.",
    };
}

/// <summary>
/// The series of document numbers (decision 0021): one per issuing body, type and term, set by the office where the
/// software starts numbering mid-term, and the rules that keep the software from giving a number the body's register
/// does not have (a paper dated before the latest numbered one, or before the series started).
/// </summary>
public sealed partial class DocumentNumbering(AppDbContext db, Access access, TimeProvider clock)
{
    public const int MaxNumber = 99_999;

    /// <summary>How far above the series' next number a typed number is taken without the user's confirmation.</summary>
    public const int JumpAllowance = 10;

    /// <summary>The field of the refusal that asks to confirm a typed number far above the next (the page shows the box).</summary>
    public const string JumpField = "NumberJump";

    /// <summary>Which body numbers a form's paper for a candidate: the cell, its sub-committee, or the commune committee.</summary>
    public static int IssuingBody(FormIssuer issuer, int communeId, int cellId, int? cellParentId) => issuer switch
    {
        FormIssuer.Cell => cellId,
        FormIssuer.SubCommittee => cellParentId ?? communeId,
        _ => communeId,
    };

    /// <summary>
    /// Whether the user's scope reaches the body that issues the form: a committee's or sub-committee's paper spends
    /// that body's numbers, so a user who works for cells only does not issue it (they record the step; the office
    /// issues the paper).
    /// </summary>
    public static bool ReachesIssuer(DataScope scope, FormIssuer issuer)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return issuer is not (FormIssuer.Committee or FormIssuer.SubCommittee) || scope.Unrestricted || scope.WholeCommune;
    }

    /// <summary>The rules in one place, for the page's proposal and the command's decision.</summary>
    /// <param name="stepOwnHeldElsewhere">The step's own number is held by another paper of its series.</param>
    public static NumberProposal Propose(string type, string? kept, string? stepOwn, DocumentCounter? counter, DateOnly paperDate, bool stepOwnHeldElsewhere = false)
    {
        if (kept is not null) return new(NumberSource.Kept, kept, false);
        if (stepOwn is not null) return stepOwnHeldElsewhere ? new(NumberSource.StepHeldElsewhere, stepOwn, true) : new(NumberSource.Step, stepOwn, false);
        // The later of the two bars decides, and names itself (a series started by its first paper has both on one day).
        if (counter?.LatestPaperDate is { } latest && paperDate < latest && (counter.StartsOn is not { } s || latest >= s))
            return new(NumberSource.DottedBeforeLatest, null, true, latest);
        if (counter?.StartsOn is { } start && paperDate < start) return new(NumberSource.DottedBeforeStart, null, true, start);
        if (counter?.LastNumber >= MaxNumber) return new(NumberSource.Full, null, true);
        return new(NumberSource.Next, Format((counter?.LastNumber ?? 0) + 1, type), true);
    }

    public static string Format(int serial, string type) => serial.ToString(CultureInfo.InvariantCulture) + "-" + type;

    [GeneratedRegex(@"^\s*(?:Số\s*)?(\d{1,9})\s*(?:-\s*(\S.*?))?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TypedPattern();

    /// <summary>Reads "38" or "38-NQ/ĐU" typed from the body's register; a message when it is not a number of this type.</summary>
    public static (int Serial, string? Error) ParseTyped(string typed, string type)
    {
        ArgumentNullException.ThrowIfNull(typed);
        // Never echoed back when it holds a direction override: the message itself would read reversed.
        if (TypedText.HasForbidden(typed)) return (0, "Số văn bản " + TypedText.ForbiddenMessage);
        var m = TypedPattern().Match(typed.Normalize(System.Text.NormalizationForm.FormC));
        if (!m.Success || !int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return (0, $"Số văn bản “{Short(typed)}” không đọc được: hãy gõ số thứ tự (ví dụ 38) hoặc cả số và loại (ví dụ 38-{type}).");
        if (n is < 1 or > MaxNumber) return (0, $"Số văn bản phải từ 1 đến {MaxNumber.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"))}.");
        if (m.Groups[2].Success && !SameType(m.Groups[2].Value, type))
            return (0, $"Biểu mẫu này mang số loại {type}, không phải “{Short(m.Groups[2].Value)}”: hãy gõ số thứ tự (ví dụ {n}) hoặc {Format(n, type)}.");
        return (n, null);
    }

    /// <summary>A step's own number read as this series' number, when it is one ("12-NQ/CB" for NQ/CB).</summary>
    public static int? SerialOf(string number, string type) => ParseTyped(number, type) is (var n, null) && number.Contains('-', StringComparison.Ordinal) ? n : null;

    private static bool SameType(string a, string b) =>
        string.Equals(Squash(a), Squash(b), StringComparison.OrdinalIgnoreCase);

    private static string Squash(string s) => string.Concat(s.Normalize(System.Text.NormalizationForm.FormC).Where(c => !char.IsWhiteSpace(c)));

    private static string Short(string s) => s.Length > 30 ? s[..30] + "…" : s;

    /// <summary>The term containing a date, or null.</summary>
    public async Task<Term?> TermOfAsync(int communeId, DateOnly date, CancellationToken ct)
    {
        var terms = await db.Terms.AsNoTracking().Where(t => t.CommuneId == communeId).ToListAsync(ct);
        return terms.FirstOrDefault(t => t.Start <= date && date <= t.End);
    }

    /// <summary>
    /// What each numbered paper of a case would carry if issued now (null: no term contains the step's date, so the
    /// command refuses), for the timeline to show beside its "Lập …" buttons.
    /// </summary>
    public async Task<Dictionary<(int StepId, string Form, int Variant), NumberProposal?>> ProposalsAsync(LoadedCase loaded, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var result = new Dictionary<(int, string, int), NumberProposal?>();
        var papers = loaded.Case.Steps.SelectMany(s => FormCatalog.For(s).Where(f => f.Form.NumberType is not null).Select(f => (Step: s, f.Form, f.Variant))).ToList();
        if (papers.Count == 0) return result;
        var communeId = loaded.Candidate.CommuneId;
        var terms = await db.Terms.AsNoTracking().Where(t => t.CommuneId == communeId).ToListAsync(ct);
        var counters = await db.DocumentCounters.AsNoTracking().Where(c => c.CommuneId == communeId).ToListAsync(ct);
        var stepIds = papers.Select(p => p.Step.Id).Distinct().ToList();
        var issued = await db.IssuedDocuments.AsNoTracking().Where(d => stepIds.Contains(d.StepId) && d.Number != null)
            .Select(d => new { d.StepId, d.FormCode, d.Variant, d.Number }).ToListAsync(ct);
        var counterIds = counters.Select(c => c.Id).ToList();
        var ownSerials = papers.Select(p => StepsOwnNumber(p.Form, p.Step) is { } own ? SerialOf(own, p.Form.NumberType!) : null)
            .OfType<int>().Distinct().ToList();
        var holders = ownSerials.Count == 0 ? [] : await db.NumberedPapers.AsNoTracking()
            .Where(p => counterIds.Contains(p.CounterId) && ownSerials.Contains(p.Serial))
            .Select(p => new { p.CounterId, p.Serial, p.StepId, p.FormCode, p.Variant }).ToListAsync(ct);
        foreach (var (step, form, variant) in papers)
        {
            var term = terms.FirstOrDefault(t => t.Start <= step.Date && step.Date <= t.End);
            var kept = issued.FirstOrDefault(d => d.StepId == step.Id && d.FormCode == form.Key && d.Variant == variant)?.Number;
            var own = StepsOwnNumber(form, step);
            if (term is null && kept is null && own is null)
            {
                result[(step.Id, form.Key, variant)] = null;
                continue;
            }
            var issuer = IssuingBody(form.Issuer, communeId, loaded.Candidate.CellId, loaded.Candidate.Cell.ParentId);
            var counter = term is null ? null : counters.FirstOrDefault(c => c.TermId == term.Id && c.OrganisationId == issuer && c.DocumentType == form.NumberType);
            var heldElsewhere = own is not null && counter is not null && SerialOf(own, form.NumberType!) is { } ownSerial
                && holders.Any(h => h.CounterId == counter.Id && h.Serial == ownSerial && !(h.StepId == step.Id && h.FormCode == form.Key && h.Variant == variant));
            result[(step.Id, form.Key, variant)] = Propose(form.NumberType!, kept, own, counter, step.Date, heldElsewhere);
        }
        return result;
    }

    /// <summary>One series of the current term, as the numbers page lists it.</summary>
    public sealed record Series(int OrganisationId, string Body, OrganisationKind Kind, string Type, int LastNumber, int Next,
        int HighestUsed, DateOnly? StartsOn, DateOnly? LatestPaperDate, int? Version);

    public sealed record SeriesList(Term? Term, IReadOnlyList<Series> Rows);

    /// <summary>
    /// Every body and type the forms number, in the term containing today (a series not yet used starts at 1). A series
    /// with no row yet has no version (null): a new row starts at version 0 like every record, so 0 cannot also mean
    /// "none yet", or a form loaded before the first save would overwrite it.
    /// </summary>
    public async Task<SeriesList> CurrentAsync(CancellationToken ct)
    {
        var communeId = access.Scope.CommuneId;
        var term = await TermOfAsync(communeId, Core.Common.VietnamTime.Today(clock), ct);
        if (term is null) return new(null, []);
        var bodies = await db.Organisations.AsNoTracking().Where(o => o.CommuneId == communeId && (o.IsActive || o.Kind == OrganisationKind.CommuneCommittee))
            .Select(o => new { o.Id, o.Name, o.Kind }).ToListAsync(ct);
        var counters = await db.DocumentCounters.AsNoTracking().Where(c => c.CommuneId == communeId && c.TermId == term.Id).ToListAsync(ct);
        var counterIds = counters.Select(c => c.Id).ToList();
        var highest = await db.NumberedPapers.AsNoTracking().Where(p => counterIds.Contains(p.CounterId))
            .GroupBy(p => p.CounterId).Select(g => new { g.Key, Max = g.Max(p => p.Serial) }).ToDictionaryAsync(x => x.Key, x => x.Max, ct);
        var rows = new List<Series>();
        foreach (var body in bodies.OrderBy(b => b.Kind).ThenBy(b => b.Name, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false)))
        {
            foreach (var type in TypesOf(body.Kind))
            {
                var c = counters.FirstOrDefault(x => x.OrganisationId == body.Id && x.DocumentType == type);
                rows.Add(new Series(body.Id, body.Name, body.Kind, type, c?.LastNumber ?? 0, (c?.LastNumber ?? 0) + 1,
                    c is not null && highest.TryGetValue(c.Id, out var h) ? h : 0, c?.StartsOn, c?.LatestPaperDate, c?.Version));
            }
        }
        return new(term, rows);
    }

    /// <summary>The types of numbered paper a kind of body issues, from the form catalogue.</summary>
    public static IEnumerable<string> TypesOf(OrganisationKind kind)
    {
        var issuer = kind switch
        {
            OrganisationKind.Cell => FormIssuer.Cell,
            OrganisationKind.SubCommittee => FormIssuer.SubCommittee,
            _ => FormIssuer.Committee,
        };
        return FormCatalog.All.Where(f => f.Issuer == issuer && f.NumberType is not null).Select(f => f.NumberType!).Distinct();
    }

    /// <summary>
    /// Sets the next number of one series of the current term (the office moving onto the software mid-term). Not below
    /// a number the software already gave in the term; the series counts as started on the day given (today when
    /// none), so a paper dated earlier is left for its number from the register.
    /// </summary>
    /// <param name="next">"38", or "38-NQ/ĐU" as the register writes it (read as a typed number on the timeline is).</param>
    /// <param name="startsOn">From which paper date the software numbers (empty: today); the register holds the numbers of papers dated before.</param>
    /// <param name="version">The series' version the form was loaded with; null when the form saw no row yet.</param>
    public async Task<Outcome<DocumentCounter>> SetNextAsync(int organisationId, string type, string? next, DateOnly? startsOn, int? version, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageFormTemplates)) return Outcome<DocumentCounter>.Forbidden();
        var communeId = access.Scope.CommuneId;
        var today = Core.Common.VietnamTime.Today(clock);
        var term = await TermOfAsync(communeId, today, ct);
        if (term is null) return Outcome<DocumentCounter>.Invalid("Next", "Chưa khai báo nhiệm kỳ hiện tại: số văn bản được đánh theo nhiệm kỳ. Hãy khai báo nhiệm kỳ trước.");
        var body = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId && o.CommuneId == communeId).Select(o => new { o.Id, o.Name, o.Kind }).FirstOrDefaultAsync(ct);
        if (body is null || !TypesOf(body.Kind).Contains(type)) return Outcome<DocumentCounter>.NotFound();
        var errors = new List<FieldError>();
        var (n, error) = string.IsNullOrWhiteSpace(next) ? (0, null) : ParseTyped(next, type);
        if (string.IsNullOrWhiteSpace(next))
            errors.Add(new("Next", $"Hãy nhập số tiếp theo của sổ {type} của {body.Name} (ví dụ 38 hoặc 38-{type})."));
        else if (error is not null)
            // The timeline's words for a typed number, said of the series here rather than of a form.
            errors.Add(new("Next", $"Số tiếp theo của sổ {type} của {body.Name}: {error.Replace("Biểu mẫu này", "sổ này", StringComparison.Ordinal)}"));

        var from = startsOn ?? today;
        if (from > today)
            errors.Add(new("StartsOn", $"Ngày bắt đầu đánh số trên phần mềm không sau hôm nay ({FormValues.Date(today)})."));
        // The term's own dates, not its name: "2025–2030" reads as including January 2025, yet the term opens at its congress.
        else if (from < term.Start)
            errors.Add(new("StartsOn", $"Ngày bắt đầu đánh số trên phần mềm phải trong nhiệm kỳ hiện tại, từ {FormValues.Date(term.Start)} đến {FormValues.Date(term.End)} (nhiệm kỳ {term.Name}); văn bản trước {FormValues.Date(term.Start)} thuộc sổ của nhiệm kỳ trước."));
        if (errors.Count > 0) return Outcome<DocumentCounter>.Invalid(errors);
        var stale = $"Sổ {type} của {body.Name} vừa có thay đổi (người khác lập văn bản hoặc đặt số) sau khi trang này được mở; chưa lưu gì. Hãy tải lại trang để xem số hiện tại rồi đặt lại.";
        var counter = await db.DocumentCounters.FirstOrDefaultAsync(c => c.CommuneId == communeId && c.TermId == term.Id && c.OrganisationId == body.Id && c.DocumentType == type, ct);
        if (counter?.Version != version) return Outcome<DocumentCounter>.Conflict(null, [], stale);
        if (counter is not null)
        {
            var used = await db.NumberedPapers.AsNoTracking().Where(p => p.CounterId == counter.Id).OrderByDescending(p => p.Serial)
                .Select(p => new { p.Serial, p.FormCode, p.PaperDate }).FirstOrDefaultAsync(ct);
            if (used is not null && n <= used.Serial)
                return Outcome<DocumentCounter>.Invalid("Next", $"Phần mềm đã cấp số {Format(used.Serial, type)} ({FormCatalog.Find(used.FormCode)?.Code ?? used.FormCode} ngày {FormValues.Date(used.PaperDate)}) trong nhiệm kỳ này: số tiếp theo phải từ {used.Serial + 1} trở lên, để không cấp trùng số.");
        }
        else
        {
            counter = new DocumentCounter { CommuneId = communeId, TermId = term.Id, OrganisationId = body.Id, DocumentType = type };
            db.DocumentCounters.Add(counter);
        }
        counter.LastNumber = n - 1;
        counter.StartsOn = from;
        try
        {
            // The version read above is the token of the UPDATE; a first save racing another meets the unique index.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Outcome<DocumentCounter>.Conflict(null, [], stale);
        }
        return Outcome<DocumentCounter>.Done(counter);
    }

    /// <summary>The paper a step of this kind records itself and the software numbers (9-KNĐ on the decision), or null.</summary>
    public static FormDefinition? OwnNumberedForm(Core.Admission.AdmissionStepKind kind) =>
        FormCatalog.All.FirstOrDefault(f => f.Step == kind && f.StepsOwnPaper && f.NumberType is not null);

    /// <summary>
    /// Reserves the number written on a step for the paper the step records (a decision's "420-QĐ/ĐU" for its 9-KNĐ),
    /// when it reads as a number of that paper's series and a term contains the step's date: the register then holds
    /// it like a number the software gave, so it is never given again, and a number another paper holds is refused
    /// here, before the step is kept. Returns the refusal, or null (tracked; saved with the step).
    /// </summary>
    internal async Task<string?> ReserveStepsOwnAsync(LoadedCase loaded, Core.Admission.StepRecord step, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(step);
        if (string.IsNullOrWhiteSpace(step.DocumentNumber) || OwnNumberedForm(step.Kind) is not { NumberType: { } type } form
            || SerialOf(step.DocumentNumber.Trim(), type) is not { } serial) return null;
        var communeId = loaded.Candidate.CommuneId;
        // Before any declared term there is no series: the number stays the step's own, as the paper prints it.
        if (await TermOfAsync(communeId, step.Date, ct) is not { } term) return null;
        // The demo records on candidates whose cell is not loaded.
        var parentId = loaded.Candidate.Cell?.ParentId ?? await db.Organisations.AsNoTracking().Where(o => o.Id == loaded.Candidate.CellId).Select(o => o.ParentId).FirstOrDefaultAsync(ct);
        var issuer = IssuingBody(form.Issuer, communeId, loaded.Candidate.CellId, parentId);
        var counter = await db.DocumentCounters.FirstOrDefaultAsync(c => c.CommuneId == communeId && c.TermId == term.Id && c.OrganisationId == issuer && c.DocumentType == type, ct);
        if (counter is not null && await HeldByAsync(counter.Id, serial, ct) is { } holder)
            return $"Số văn bản {Format(serial, type)} {holder} trong nhiệm kỳ {term.Name}: mỗi số chỉ cấp cho một văn bản. Hãy kiểm tra lại số theo sổ văn bản.";
        Hold(ref counter, communeId, term.Id, issuer, type, serial, loaded.Candidate.Id, step, form.Key, 0);
        return null;
    }

    /// <summary>Who holds a number of a series, as the user may read it ("đã dùng cho 9-KNĐ của …"), or null when it is free.</summary>
    private async Task<string?> HeldByAsync(int counterId, int serial, CancellationToken ct, (int StepId, string Form, int Variant)? except = null)
    {
        var holders = await db.NumberedPapers.AsNoTracking().Where(p => p.CounterId == counterId && p.Serial == serial)
            .Select(p => new { p.CandidateId, p.StepId, p.FormCode, p.Variant }).ToListAsync(ct);
        var holder = holders.FirstOrDefault(h => except is not { } x || !(h.StepId == x.StepId && h.FormCode == x.Form && h.Variant == x.Variant));
        if (holder is null) return null;
        // The name of the paper's candidate only when the scoped context reaches that candidate.
        var name = await db.Candidates.AsNoTracking().Where(c => c.Id == holder.CandidateId).Select(c => c.Person.FullName).FirstOrDefaultAsync(ct);
        return name is null ? "đã dùng cho một văn bản khác" : $"đã dùng cho {FormCatalog.Find(holder.FormCode)?.Code ?? holder.FormCode} của {name}";
    }

    /// <summary>Enters a number in the register and moves its series past it (tracked; saved with the paper or the step).</summary>
    private void Hold(ref DocumentCounter? counter, int communeId, int termId, int issuer, string type, int serial, int candidateId,
        Core.Admission.StepRecord step, string formKey, int variant)
    {
        if (counter is null)
        {
            counter = new DocumentCounter { CommuneId = communeId, TermId = termId, OrganisationId = issuer, DocumentType = type };
            db.DocumentCounters.Add(counter);
        }
        counter.LastNumber = Math.Max(counter.LastNumber, serial);
        counter.StartsOn ??= step.Date;
        if (counter.LatestPaperDate is not { } latest || latest < step.Date) counter.LatestPaperDate = step.Date;
        // Through the step itself: a step being recorded has no key yet.
        db.NumberedPapers.Add(new NumberedPaper
        {
            CommuneId = communeId, Counter = counter, Serial = serial, CandidateId = candidateId, Step = step,
            FormCode = formKey, Variant = variant, PaperDate = step.Date,
        });
    }

    /// <summary>Whether a typed number is this number of the series ("38" or "38-nq/đu" for "38-NQ/ĐU").</summary>
    internal static bool SameNumber(string typed, string number, string type) =>
        ParseTyped(typed, type) is (var n, null) && SerialOf(number, type) == n;

    /// <summary>The number written on the step when the form is the paper the step records (its 6-KNĐ, 9-KNĐ…), else null.</summary>
    public static string? StepsOwnNumber(FormDefinition form, Core.Admission.StepRecord step)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(step);
        return form.StepsOwnPaper && !string.IsNullOrWhiteSpace(step.DocumentNumber) ? step.DocumentNumber.Trim() : null;
    }

    private static string StepNumberStays(string stepOwn) =>
        $"Bước này đã ghi số văn bản {stepOwn}: giấy mang số đó; hãy để trống ô số.";

    /// <summary>
    /// Takes the paper's number in its series (tracked; saved with the paper): the step's own number when it has one
    /// (reserved when the step was recorded), else the typed one, else the proposal. A number another paper holds is
    /// refused, naming that paper when the user may see its candidate.
    /// </summary>
    /// <param name="confirmJump">The user confirmed a typed number far above the series' next one (see <see cref="JumpAllowance"/>).</param>
    internal async Task<Outcome<string?>> TakeAsync(LoadedCase loaded, Core.Admission.StepRecord step, FormDefinition form, int variant, string type,
        string? stepOwn, string? typed, bool confirmJump, CancellationToken ct)
    {
        var communeId = loaded.Candidate.CommuneId;
        var term = await TermOfAsync(communeId, step.Date, ct);
        var ownSerial = stepOwn is null ? null : SerialOf(stepOwn, type);
        if (stepOwn is not null && (term is null || ownSerial is null))
        {
            // Not a number of a series the software keeps (no term contains the step, or another kind of number): the
            // signed paper's number as the step writes it.
            if (typed is not null && !SameNumber(typed, stepOwn, type)) return Outcome<string?>.Invalid("Number", StepNumberStays(stepOwn));
            return Outcome<string?>.Done(stepOwn);
        }
        if (term is null)
            return Outcome<string?>.Invalid("Number", $"Chưa khai báo nhiệm kỳ chứa ngày {FormValues.Date(step.Date)}: số văn bản được đánh theo nhiệm kỳ. Hãy khai báo nhiệm kỳ trước.");
        var issuer = IssuingBody(form.Issuer, communeId, loaded.Candidate.CellId, loaded.Candidate.Cell.ParentId);
        var counter = await db.DocumentCounters.FirstOrDefaultAsync(c => c.CommuneId == communeId && c.TermId == term.Id && c.OrganisationId == issuer && c.DocumentType == type, ct);

        if (stepOwn is not null)
        {
            var mine = counter is not null && await db.NumberedPapers.AnyAsync(p => p.CounterId == counter.Id && p.Serial == ownSerial
                && p.StepId == step.Id && p.FormCode == form.Key && p.Variant == variant, ct);
            var other = counter is null || mine ? null : await HeldByAsync(counter.Id, ownSerial!.Value, ct);
            if (other is null)
            {
                if (typed is not null && !SameNumber(typed, stepOwn, type)) return Outcome<string?>.Invalid("Number", StepNumberStays(stepOwn));
                // Reserved when the step was recorded; a step recorded before reservations existed takes its place now.
                if (!mine) Hold(ref counter, communeId, term.Id, issuer, type, ownSerial!.Value, loaded.Candidate.Id, step, form.Key, variant);
                return Outcome<string?>.Done(stepOwn);
            }
            // Old data: another paper already held the step's number when the step was written. That paper keeps it;
            // this one is not given a number twice, and takes the one typed from the body's register.
            if (typed is null)
                return Outcome<string?>.Invalid("Number", $"Số {stepOwn} ghi ở bước này {other} trong nhiệm kỳ {term.Name}, nên giấy này không mang được số đó. Hãy gõ số đúng của giấy này theo sổ văn bản.");
        }

        int serial;
        if (typed is not null)
        {
            var (n, error) = ParseTyped(typed, type);
            if (error is not null) return Outcome<string?>.Invalid("Number", error);
            serial = n;
            if (counter is not null && await HeldByAsync(counter.Id, serial, ct) is { } who)
                return Outcome<string?>.Invalid("Number", $"Số {Format(serial, type)} {who} trong nhiệm kỳ này; hãy gõ số khác theo sổ văn bản.");
            // A number given cannot be taken back, and the series goes on after it: a slip of the keyboard ("650" for
            // "65") would move it for the rest of the term. Far above the next number, the user confirms it first.
            var next = (counter?.LastNumber ?? 0) + 1;
            if (serial > next + JumpAllowance && !confirmJump)
                return Outcome<string?>.Invalid(JumpField, $"Số {Format(serial, type)} cao hơn số tiếp theo của sổ ({Format(next, type)}) {(serial - next).ToString(CultureInfo.InvariantCulture)} số; số đã cấp không đổi lại được và sổ sẽ đánh tiếp từ {Format(serial + 1, type)}. Nếu đúng là số trong sổ văn bản, hãy đánh dấu “Đúng số trong sổ văn bản” rồi bấm lập lại; nếu gõ nhầm, hãy gõ lại.");
        }
        else
        {
            var proposal = Propose(type, null, null, counter, step.Date);
            if (proposal.Source == NumberSource.Full)
                return Outcome<string?>.Invalid("Number", $"Sổ {type} đã dùng đến số {Format(MaxNumber, type)}, số lớn nhất phần mềm ghi được: hãy gõ số theo sổ văn bản (một số chưa dùng).");
            if (proposal.Number is null) return Outcome<string?>.Done(null);
            serial = (counter?.LastNumber ?? 0) + 1;
        }
        Hold(ref counter, communeId, term.Id, issuer, type, serial, loaded.Candidate.Id, step, form.Key, variant);
        return Outcome<string?>.Done(Format(serial, type));
    }
}
