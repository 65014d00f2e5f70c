using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Shared;

/// <summary>Select lists for forms and filters; everything read through the scoped context.</summary>
public static class Lookups
{
    /// <summary>Vietnamese number and sort conventions (3.267; a ă â … đ …).</summary>
    public static readonly System.Globalization.CultureInfo Vietnamese = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Names in Vietnamese alphabetical order, case ignored.</summary>
    public static readonly StringComparer Collator = StringComparer.Create(Vietnamese, true);

    public static IEnumerable<SelectListItem> Ethnicities() =>
        Core.Reference.Ethnicities.All.Select(e => new SelectListItem(e.Name, e.Code));

    public static IEnumerable<SelectListItem> Religions() =>
        Core.Reference.Religions.All.Select(e => new SelectListItem(e.Name, e.Code));

    public static IEnumerable<SelectListItem> ProfessionalEducation() =>
        Core.Reference.ProfessionalEducationLevels.All.Select(e => new SelectListItem(e.Name, e.Code));

    public static IEnumerable<SelectListItem> PoliticalTheory() =>
        PoliticalTheoryLevels.All.Select(e => new SelectListItem(e.Name, e.Code));

    public static IEnumerable<SelectListItem> Genders() =>
        [new("Nam", nameof(Gender.Male)), new("Nữ", nameof(Gender.Female))];

    public static async Task<List<SelectListItem>> HamletsAsync(AppDbContext db, CancellationToken ct = default) =>
        (await db.Hamlets.OrderBy(h => h.Name).Select(h => new { h.Id, h.Name }).ToListAsync(ct))
        .Select(h => new SelectListItem(h.Name, h.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

    private sealed record CellName(int Id, string Name);

    /// <summary>Compiled: most lists show the cells in their filter.</summary>
    private static readonly CompiledPerModel<Func<AppDbContext, IAsyncEnumerable<CellName>>> s_activeCells =
        new(() => EF.CompileAsyncQuery((AppDbContext db) =>
            db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Cell && o.IsActive).Select(o => new CellName(o.Id, o.Name))));

    /// <summary>Cells the user may put records in: every cell of the commune for the office, their own cells otherwise.</summary>
    public static async Task<List<SelectListItem>> CellsAsync(AppDbContext db, CancellationToken ct = default)
    {
        var cells = await s_activeCells.For(db)(db).ToListAsync(ct);
        return cells.Where(c => db.Scope.CoversCell(c.Id))
            .OrderBy(c => c.Name, Collator)
            .Select(c => new SelectListItem(c.Name, c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>
    /// The cells the user reads, by name, for a list's cell filter and its figures: the active ones, and the closed or
    /// merged ones that <paramref name="keep"/> still names (their records stay readable and their figures count).
    /// </summary>
    public static async Task<List<(int Id, string Name)>> CellChoicesAsync(AppDbContext db, IQueryable<int>? keep, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cells = db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Cell);
        cells = keep is null ? cells.Where(o => o.IsActive) : cells.Where(o => o.IsActive || keep.Contains(o.Id));
        return [.. (await cells.Select(o => new { o.Id, o.Name, o.IsActive }).ToListAsync(ct))
            .OrderBy(o => o.Name, Collator).Select(o => (o.Id, o.IsActive ? o.Name : o.Name + " (đã giải thể, sáp nhập)"))];
    }

    /// <summary>What a stored value no form could have produced reads as: the page still opens and says so.</summary>
    public const string Invalid = "không hợp lệ";

    public static string GenderName(Gender g) => g switch
    {
        Gender.Female => "Nữ",
        Gender.Male => "Nam",
        _ => Invalid,
    };

    public static string StatusName(MemberStatus s) => s switch
    {
        MemberStatus.Probationary => "Dự bị",
        MemberStatus.Official => "Chính thức",
        MemberStatus.Removed => "Đã xóa tên",
        MemberStatus.TransferredOut => "Đã chuyển đi",
        MemberStatus.Deceased => "Từ trần",
        MemberStatus.Expelled => "Bị khai trừ",
        MemberStatus.LeftParty => "Đã ra khỏi Đảng",
        _ => Invalid,
    };

    public static string CandidateStatusName(CandidateStatus s) => s switch
    {
        CandidateStatus.Active => "Đang bồi dưỡng",
        CandidateStatus.Admitted => "Đã kết nạp",
        CandidateStatus.Withdrawn => "Đã rút khỏi danh sách",
        _ => Invalid,
    };

    public static string KindName(OrganisationKind k, CellKind? c) => k switch
    {
        OrganisationKind.CommuneCommittee => "Đảng bộ xã",
        OrganisationKind.SubCommittee => "Đảng bộ bộ phận",
        _ => "Chi bộ " + CellKindName(c),
    };

    public static string CellKindName(CellKind? c) => c switch
    {
        CellKind.Hamlet => "ấp",
        CellKind.School => "trường học",
        CellKind.Agency => "cơ quan",
        CellKind.Police => "công an",
        CellKind.Military => "quân sự",
        CellKind.Enterprise => "doanh nghiệp",
        _ => "khác",
    };

    public static string SchoolLevelName(SchoolLevel level) => level switch
    {
        SchoolLevel.Preschool => "Mầm non",
        SchoolLevel.Primary => "Tiểu học",
        SchoolLevel.LowerSecondary => "Trung học cơ sở",
        SchoolLevel.UpperSecondary => "Trung học phổ thông",
        SchoolLevel.Vocational => "Giáo dục nghề nghiệp",
        _ => "Khác",
    };

    public static string SubTargetName(Core.Targets.SubTargetKind k) => k switch
    {
        Core.Targets.SubTargetKind.YoungMembers => "Đảng viên trẻ (18–30 tuổi)",
        Core.Targets.SubTargetKind.Women => "Đảng viên nữ",
        Core.Targets.SubTargetKind.FromSchools => "Kết nạp trong trường học",
        _ => "Khác",
    };

    public static IEnumerable<SelectListItem> CellKinds() =>
        Enum.GetValues<CellKind>().Select(k => new SelectListItem(CellKindName(k), k.ToString()));

    public static string Date(DateOnly? d) => d?.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public static string PositionNames(CommitteePositions p)
    {
        var names = new List<string>();
        if (p.HasFlag(CommitteePositions.StandingBoardMember)) names.Add("Ủy viên Ban Thường vụ");
        if (p.HasFlag(CommitteePositions.CommuneCommitteeMember)) names.Add("Đảng ủy viên");
        if (p.HasFlag(CommitteePositions.SubCommitteeMember)) names.Add("Ủy viên đảng bộ bộ phận");
        if (p.HasFlag(CommitteePositions.CellSecretary)) names.Add("Bí thư chi bộ");
        if (p.HasFlag(CommitteePositions.CellDeputySecretary)) names.Add("Phó Bí thư chi bộ");
        if (p.HasFlag(CommitteePositions.CellCommitteeMember)) names.Add("Chi ủy viên");
        return string.Join(", ", names);
    }
}
