namespace PhatTrienDangVien.Web.Authorization;

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string CommuneOffice = "CommuneOffice";
    public const string CommitteeMember = "CommitteeMember";
    public const string CellSecretary = "CellSecretary";
    public const string Mentor = "Mentor";
    public const string Inspector = "Inspector";
    /// <summary>
    /// Ban Tổ chức Tỉnh ủy: reads the communes of the installation side by side, looks into one commune at a time
    /// (read only), keeps the list of communes and the national rules. Its accounts belong to no commune
    /// (<see cref="Data.AppUser.CommuneId"/> 0) and are created on the command line, never by a commune's administrator.
    /// </summary>
    public const string ProvinceBoard = "ProvinceBoard";

    /// <summary>The roles of a commune's accounts: the ones its administrator gives.</summary>
    public static readonly IReadOnlyList<string> All =
        [Administrator, CommuneOffice, CommitteeMember, CellSecretary, Mentor, Inspector];

    /// <summary>Every role, the province board's included (the permission table shows them all).</summary>
    public static readonly IReadOnlyList<string> WithProvince = [.. All, ProvinceBoard];

    public static string DisplayName(string role) => role switch
    {
        Administrator => "Quản trị hệ thống",
        CommuneOffice => "Văn phòng Đảng ủy xã",
        CommitteeMember => "Cấp ủy viên phụ trách",
        CellSecretary => "Bí thư chi bộ",
        Mentor => "Đảng viên giúp đỡ",
        Inspector => "Ủy ban Kiểm tra",
        ProvinceBoard => "Ban Tổ chức Tỉnh ủy",
        _ => role,
    };

    /// <summary>Roles that see every record of their commune.</summary>
    public static bool SeesWholeCommune(string role) => role is Administrator or CommuneOffice or Inspector;
}

public static class AppClaims
{
    public const string CommuneId = "ptdv:commune";
    public const string OrganisationId = "ptdv:org";
    public const string MemberId = "ptdv:member";
    public const string FullName = "ptdv:name";
    /// <summary>"1" when the user has a second factor; the cookie is re-issued whenever that changes (security stamp).</summary>
    public const string TwoFactor = "ptdv:2fa";
    /// <summary>"1" while the user must replace a password an administrator handed over (Accounts/PasswordChangeGate).</summary>
    public const string MustChangePassword = "ptdv:must-change-password";
}
