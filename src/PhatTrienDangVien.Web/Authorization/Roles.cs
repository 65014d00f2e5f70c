namespace PhatTrienDangVien.Web.Authorization;

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string CommuneOffice = "CommuneOffice";
    public const string CommitteeMember = "CommitteeMember";
    public const string CellSecretary = "CellSecretary";
    public const string Mentor = "Mentor";
    public const string Inspector = "Inspector";

    public static readonly IReadOnlyList<string> All =
        [Administrator, CommuneOffice, CommitteeMember, CellSecretary, Mentor, Inspector];

    public static string DisplayName(string role) => role switch
    {
        Administrator => "Quản trị hệ thống",
        CommuneOffice => "Văn phòng Đảng ủy xã",
        CommitteeMember => "Cấp ủy viên phụ trách",
        CellSecretary => "Bí thư chi bộ",
        Mentor => "Đảng viên giúp đỡ",
        Inspector => "Ủy ban Kiểm tra",
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
