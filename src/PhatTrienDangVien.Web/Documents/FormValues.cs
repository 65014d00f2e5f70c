using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Documents;

/// <summary>
/// What the record says for each placeholder of a step's forms. Every known placeholder gets a value; what the data
/// does not hold is a dotted line, to be written by hand on the printed paper.
/// </summary>
public sealed class FormValues(AppDbContext db, CalendarService calendars)
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Names of the commune used on every paper (also for the class certificate list).</summary>
    /// <param name="Superior">The committee's superior body for the header, in capitals ("ĐẢNG BỘ TỈNH AN GIANG"), dotted when not set.</param>
    /// <param name="SignerTitle">The committee signer's title lines under <paramref name="Signing"/> ("BÍ THƯ", or "K/T BÍ THƯ" and "PHÓ BÍ THƯ").</param>
    /// <param name="SignerName">Who signs for the committee, dotted when not set.</param>
    public sealed record Commune(string Name, string Place, string Committee, string DecidingBody, string Signing,
        string Superior = "ĐẢNG BỘ " + FormCatalog.Dots, string SignerTitle = "BÍ THƯ", string SignerName = FormCatalog.Dots);

    public async Task<Commune> CommuneAsync(int communeId, CancellationToken ct)
    {
        // Bypass reviewed: the commune's own name and deciding body head papers of any cell of the commune.
        var root = await db.Organisations.WholeCommune().Where(o => o.Id == communeId).Select(o => new { o.Name, o.AdmissionAuthority }).FirstAsync(ct);
        var settings = await db.FormSettings.AsNoTracking().FirstOrDefaultAsync(s => s.CommuneId == communeId, ct);
        return WithSettings(CommuneOf(root.Name, root.AdmissionAuthority), settings);
    }

    /// <summary>
    /// A committee's list paper not tied to one case (the class certificate list, the class's papers): every placeholder
    /// dotted, then the commune's header, place, date and signature.
    /// </summary>
    public static Dictionary<string, string> CommitteePaper(Commune commune, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(commune);
        var v = Placeholders.Meaning.Keys.ToDictionary(k => k, _ => FormCatalog.Dots);
        v["dia_danh"] = commune.Place;
        DateParts(v, today);
        v["cap_tren"] = commune.Superior;
        v["co_quan"] = Upper(commune.Committee);
        v["dang_uy"] = commune.Committee;
        v["ky_thay_mat"] = commune.Signing;
        v["ky_chuc_vu"] = commune.SignerTitle;
        v["ky_ho_ten_dang_uy"] = commune.SignerName;
        return v;
    }

    /// <summary>The commune's papers with what was set on /Documents; what is not set stays dotted.</summary>
    public static Commune WithSettings(Commune commune, FormSetting? settings)
    {
        ArgumentNullException.ThrowIfNull(commune);
        if (settings is null) return commune;
        return commune with
        {
            Place = settings.PlaceName ?? commune.Place,
            Superior = settings.SuperiorBody is { } superior ? Upper(superior) : commune.Superior,
            // A line break in a value becomes a line of the signature block (DocxTemplate.Fill).
            SignerTitle = settings.SignerIsDeputy ? "K/T BÍ THƯ\nPHÓ BÍ THƯ" : "BÍ THƯ",
            SignerName = settings.SignerName ?? commune.SignerName,
        };
    }

    private static string ExcludedClause(string count) => $" (không tính {count} đồng chí miễn sinh hoạt hoặc sinh hoạt tạm thời nơi khác vắng mặt)";

    public static Commune CommuneOf(string name, string? authority)
    {
        // "Đảng bộ xã Nhơn Mỹ" → place "Nhơn Mỹ", committee "Đảng ủy xã Nhơn Mỹ".
        var place = name;
        foreach (var prefix in new[] { "Đảng bộ xã ", "Đảng bộ phường ", "Đảng bộ thị trấn ", "Đảng bộ đặc khu ", "Đảng bộ " })
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) { place = name[prefix.Length..]; break; }
        var committee = CommitteeOf(name);
        // The stored authority names the body ("Ban Thường vụ Đảng ủy xã"); the paper names the commune too.
        var deciding = string.IsNullOrWhiteSpace(authority) ? "Ban Thường vụ " + committee
            : authority.Contains(place, StringComparison.OrdinalIgnoreCase) ? authority.Trim() : authority.Trim() + " " + place;
        var signing = deciding.Contains("Thường vụ", StringComparison.OrdinalIgnoreCase) ? "T/M BAN THƯỜNG VỤ" : "T/M ĐẢNG ỦY";
        return new Commune(name, place, committee, deciding, signing);
    }

    /// <summary>The committee of a party organisation: "Đảng bộ xã Nhơn Mỹ" → "Đảng ủy xã Nhơn Mỹ".</summary>
    public static string CommitteeOf(string name) =>
        name.StartsWith("Đảng bộ", StringComparison.OrdinalIgnoreCase) ? "Đảng ủy" + name["Đảng bộ".Length..] : "Đảng ủy " + name;

    public static string Upper(string s) => s.ToUpper(Vietnamese);

    public static string Date(DateOnly? d) => d is { } x ? Pages.Shared.Dates.Text(x) : FormCatalog.Dots;

    /// <summary>A date known only to its year or month (a register brought in from Excel) is written so: "1980", never 01/01/1980.</summary>
    public static string Date(DateOnly? d, DatePrecision precision) => d is null ? FormCatalog.Dots : Pages.Shared.Dates.Text(d, precision);

    /// <summary>Hướng dẫn 36: days below 10 and the months January and February are written with a leading zero.</summary>
    public static void DateParts(Dictionary<string, string> v, DateOnly d)
    {
        v["ngay"] = d.Day.ToString("00", CultureInfo.InvariantCulture);
        v["thang"] = d.Month <= 2 ? d.Month.ToString("00", CultureInfo.InvariantCulture) : d.Month.ToString(CultureInfo.InvariantCulture);
        v["nam"] = d.Year.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Every rate on every paper: two decimals always, as the 36-HD practice writes them ("94,38%", "100,00%"), so two
    /// papers of one vote never read differently (decision 0021). Rounded half away from zero, as by hand.
    /// </summary>
    public static string Percent(int part, int of) =>
        of <= 0 ? "……%" : Math.Round(100m * part / of, 2, MidpointRounding.AwayFromZero).ToString("0.00", Vietnamese) + "%";

    private static string Or(string? s) => string.IsNullOrWhiteSpace(s) ? FormCatalog.Dots : s.Trim();

    /// <summary>The values of one paper of <paramref name="form"/> for <paramref name="step"/> of the loaded case.</summary>
    public async Task<Dictionary<string, string>> ComputeAsync(LoadedCase loaded, StepRecord step, FormDefinition form, int variant, string? number, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(form);
        var v = Placeholders.Meaning.Keys.ToDictionary(k => k, _ => FormCatalog.Dots);
        var candidate = loaded.Candidate;
        var person = candidate.Person;
        var steps = loaded.Case.Steps;
        var commune = await CommuneAsync(candidate.CommuneId, ct);

        // Bypass reviewed: the cell's parent (a sub-committee) and the commune's names head the papers of a visible case.
        var orgs = await db.Organisations.WholeCommune().Where(o => o.Id == candidate.CellId || o.Id == candidate.Cell.ParentId)
            .Select(o => new { o.Id, o.Name, o.Kind, o.SecretaryMemberId }).ToListAsync(ct);
        var cell = orgs.First(o => o.Id == candidate.CellId);
        var parent = orgs.FirstOrDefault(o => o.Id == candidate.Cell.ParentId);
        var subCommittee = parent is { Kind: OrganisationKind.SubCommittee } ? parent : null;

        var mentorId = steps.LastOrDefault(s => s.Kind == AdmissionStepKind.ProbationMentorAssigned)?.ReadDetails<MentorDetails>()?.MentorMemberId
            ?? steps.LastOrDefault(s => s.Kind == AdmissionStepKind.MentorAssigned)?.ReadDetails<MentorDetails>()?.MentorMemberId
            ?? candidate.MentorMemberId;
        var intro = steps.LastOrDefault(s => s.Kind == AdmissionStepKind.Introduction)?.ReadDetails<IntroductionDetails>();
        var introducer = variant > 0 && intro is not null && variant <= intro.Introducers.Count ? intro.Introducers[variant - 1] : null;
        var memberIds = new[] { mentorId, cell.SecretaryMemberId, subCommittee?.SecretaryMemberId, introducer?.MemberId }.OfType<int>().ToList();
        // Bypass reviewed: the mentor, the secretaries (cell and sub-committee) and the introducer sign or are named on a visible case's papers.
        var members = await db.Members.WholeCommune().Where(m => memberIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Person.FullName, m.AdmissionDecisionDate, m.CeremonyDate, m.CeremonyDatePrecision, m.OfficialDate, m.OfficialDatePrecision })
            .ToDictionaryAsync(m => m.Id, ct);

        v["dia_danh"] = commune.Place;
        DateParts(v, step.Date);
        v["ngay_hop"] = Date(step.Date);
        v["so"] = number ?? (form.NumberType is { } t ? "……-" + t : FormCatalog.Dots);
        v["chi_bo"] = cell.Name;
        v["dang_uy"] = commune.Committee;
        // The commune's Youth Union heads 4-KNĐ: "Đảng ủy xã Nhơn Mỹ" → "xã Nhơn Mỹ" (a committee named otherwise stays dotted).
        var unit = commune.Committee.StartsWith("Đảng ủy ", StringComparison.Ordinal) ? commune.Committee["Đảng ủy ".Length..] : FormCatalog.Dots;
        v["xa"] = unit;
        v["xa_in_hoa"] = Upper(unit);
        // The sub-committee's papers are its committee's: "Đảng bộ bộ phận Khối Trường" signs as "Đảng ủy bộ phận Khối Trường".
        var subCommitteeName = subCommittee is null ? null : CommitteeOf(subCommittee.Name);
        v["dang_uy_bo_phan"] = subCommitteeName ?? FormCatalog.Dots;
        (v["cap_tren"], v["co_quan"]) = form.Issuer switch
        {
            FormIssuer.Committee => (commune.Superior, Upper(commune.Committee)),
            FormIssuer.SubCommittee => (Upper(commune.Name), Upper(subCommitteeName ?? "Đảng ủy bộ phận " + FormCatalog.Dots)),
            _ => (Upper(parent?.Name ?? commune.Name), Upper(cell.Name)),
        };
        v["ky_thay_mat"] = commune.Signing;
        v["ky_chuc_vu"] = commune.SignerTitle;
        v["ky_ho_ten_dang_uy"] = commune.SignerName;
        v["ky_ho_ten"] = cell.SecretaryMemberId is { } sec && members.TryGetValue(sec, out var secretary) ? secretary.FullName : FormCatalog.Dots;
        // The sub-committee's report (7-KNĐ) is signed by its secretary, as the organisation page names them.
        v["ky_ho_ten_dang_uy_bo_phan"] = subCommittee?.SecretaryMemberId is { } subSec && members.TryGetValue(subSec, out var subSecretary) ? subSecretary.FullName : FormCatalog.Dots;

        v["ho_ten"] = person.FullName;
        v["ngay_sinh"] = Date(person.DateOfBirth, person.DateOfBirthPrecision);
        v["gioi_tinh"] = person.Gender switch { Gender.Male => "Nam", Gender.Female => "Nữ", _ => FormCatalog.Dots };
        v["dan_toc"] = Ethnicities.Find(person.EthnicityCode)?.Name ?? FormCatalog.Dots;
        v["ton_giao"] = Religions.Find(person.ReligionCode)?.Name ?? FormCatalog.Dots;
        v["trinh_do_hoc_van"] = person.GeneralEducationGrade is { } g ? EducationLevels.FormatGeneral(g) : FormCatalog.Dots;
        var hamlet = person.HamletId is { } h ? await db.Hamlets.Where(x => x.Id == h).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var residence = string.Join(", ", new[] { person.Address, hamlet, commune.Place == commune.Name ? null : "xã " + commune.Place }.Where(s => !string.IsNullOrWhiteSpace(s)));
        v["noi_cu_tru"] = string.IsNullOrWhiteSpace(person.Address) && hamlet is null ? FormCatalog.Dots : residence;
        v["nghe_nghiep"] = Or(person.Occupation);
        v["noi_lam_viec"] = Or(person.Workplace);

        if (steps.LastOrDefault(s => s.Kind == AdmissionStepKind.AwarenessClass)?.ReadDetails<ClassDetails>() is { } cls)
        {
            v["so_giay_chung_nhan"] = Or(cls.CertificateNumber);
            v["ngay_giay_chung_nhan"] = Date(cls.CertificateDate);
        }

        if (introducer is not null && members.TryGetValue(introducer.MemberId, out var im))
        {
            v["nguoi_gioi_thieu"] = im.FullName;
            // "Ngày vào Đảng" is the ceremony's date everywhere (the register, the import, the dashboard; decision 0008): a
            // register that holds only the decision's date leaves it dotted, never prints the decision's date in its place.
            v["ngay_vao_dang_nguoi_gioi_thieu"] = Date(im.CeremonyDate, im.CeremonyDatePrecision);
            v["ngay_chinh_thuc_nguoi_gioi_thieu"] = Date(im.OfficialDate, im.OfficialDatePrecision);
            v["so_thang_cung_cong_tac"] = introducer.MonthsTogether.ToString(CultureInfo.InvariantCulture);
        }
        if (intro?.OrganisationResolutionNumber is { Length: > 0 } orgNumber) v["so_nghi_quyet_doan_the"] = orgNumber;
        else v["so_nghi_quyet_doan_the"] = "……-NQ/" + (intro?.Path == IntroductionPath.TradeUnion ? "CĐ" : "ĐTN");

        if (mentorId is { } mid && members.TryGetValue(mid, out var mentor)) v["nguoi_giup_do"] = mentor.FullName;

        // The vote behind the paper: the step's own, or the cell's resolution a committee's paper rests on.
        var recognition = step.Kind is AdmissionStepKind.RecognitionVote or AdmissionStepKind.RecognitionDecision;
        var cellVoteKind = recognition ? AdmissionStepKind.RecognitionVote : AdmissionStepKind.CellVote;
        var vote = step.Kind is AdmissionStepKind.CellVote or AdmissionStepKind.SubCommitteeVote or AdmissionStepKind.RecognitionVote
            ? step
            : steps.LastOrDefault(s => s.Kind == cellVoteKind && s.Outcome == VoteOutcome.Approved && s.Date <= step.Date);
        if (vote?.ReadDetails<VoteDetails>() is { } counts)
        {
            v["tong_so_dang_vien"] = counts.Members.ToString(CultureInfo.InvariantCulture);
            v["so_tinh_bieu_quyet"] = counts.Denominator.ToString(CultureInfo.InvariantCulture);
            v["vang_mat_khong_tinh"] = counts.ExcludedAbsent.ToString(CultureInfo.InvariantCulture);
            // "không tính 0 đồng chí miễn sinh hoạt" reads as a mistake: with none excluded the clause is left out.
            v["khong_tinh_mien_sinh_hoat"] = counts.ExcludedAbsent > 0 ? ExcludedClause(counts.ExcludedAbsent.ToString(CultureInfo.InvariantCulture)) : "";
            v["co_mat"] = counts.Present.ToString(CultureInfo.InvariantCulture);
            v["vang_mat"] = Math.Max(0, counts.Members - counts.Present).ToString(CultureInfo.InvariantCulture);
            v["tan_thanh"] = counts.For.ToString(CultureInfo.InvariantCulture);
            v["khong_tan_thanh"] = counts.Against.ToString(CultureInfo.InvariantCulture);
            v["ty_le_tan_thanh"] = Percent(counts.For, counts.Denominator);
        }
        v.TryAdd("khong_tinh_mien_sinh_hoat", ExcludedClause(FormCatalog.Dots));
        var cellResolution = steps.LastOrDefault(s => s.Kind == cellVoteKind && s.Outcome == VoteOutcome.Approved);
        if (cellResolution is not null)
        {
            v["so_nghi_quyet_chi_bo"] = await NumberOfAsync(cellResolution, recognition ? "13-KND" : "6-KND", ct);
            v["ngay_nghi_quyet_chi_bo"] = Date(cellResolution.Date);
        }

        var decision = steps.LastOrDefault(s => s.Kind == AdmissionStepKind.Decision);
        v["co_quan_quyet_dinh"] = decision?.ReadDetails<DecisionDetails>()?.DecidingBody is { Length: > 0 } body && step.Kind != AdmissionStepKind.RecognitionDecision
            ? (body.Contains(commune.Place, StringComparison.OrdinalIgnoreCase) ? body : body + " " + commune.Place)
            : commune.DecidingBody;
        v["co_quan_quyet_dinh_in_hoa"] = Upper(v["co_quan_quyet_dinh"]);
        if (decision is not null)
        {
            v["ngay_ket_nap"] = Date(decision.Date);
            v["so_quyet_dinh_ket_nap"] = await NumberOfAsync(decision, "9-KND", ct);
            var deadlines = Deadlines.For(loaded.Case, loaded.Rules, await calendars.GetAsync(ct));
            if (deadlines.FirstOrDefault(d => d.Kind == AdmissionStepKind.Ceremony) is { } due) v["han_to_chuc_le"] = Date(due.DueDate);
        }
        if (loaded.Case.CeremonyDate is { } ceremony) v["ngay_le_ket_nap"] = Date(ceremony);
        // "Kết nạp vào Đảng ngày …" means what the register's "Ngày vào Đảng" means: the ceremony (the date on the party
        // card). A case recorded before the software was used may hold it only in the register; with neither it stays
        // dotted: the decision's date in its place would be a wrong date on a signed paper.
        v["ngay_vao_dang"] = loaded.Case.CeremonyDate is { } held ? Date(held)
            : await db.Members.Where(m => m.PersonId == person.Id).Select(m => new { m.CeremonyDate, m.CeremonyDatePrecision }).FirstOrDefaultAsync(ct) is { CeremonyDate: { } registered } r
                ? Date(registered, r.CeremonyDatePrecision)
                : FormCatalog.Dots;
        if (loaded.Case.ProbationEnd is { } end) v["ngay_het_du_bi"] = Date(end);
        if (loaded.Case.OfficialDate is { } official) v["ngay_chinh_thuc"] = Date(official);
        return v;
    }

    /// <summary>A step's paper number: the one typed on the step, else the one the software gave when the form was issued.</summary>
    private async Task<string> NumberOfAsync(StepRecord s, string formKey, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(s.DocumentNumber)) return s.DocumentNumber.Trim();
        var issued = await db.IssuedDocuments.Where(d => d.StepId == s.Id && d.FormCode == formKey && d.Number != null)
            .OrderByDescending(d => d.Id).Select(d => d.Number).FirstOrDefaultAsync(ct);
        return issued ?? FormCatalog.Dots;
    }
}
