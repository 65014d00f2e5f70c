using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.People;

/// <summary>The person fields shared by the member and candidate forms (and the API), with their checks.</summary>
public sealed class PersonInput
{
    [Display(Name = "Họ và tên"), Required(ErrorMessage = "Hãy nhập họ và tên."), StringLength(100, ErrorMessage = "Họ và tên tối đa 100 ký tự.")]
    public string FullName { get; set; } = "";

    [Display(Name = "Giới tính")]
    public Gender Gender { get; set; }

    [Display(Name = "Ngày sinh"), Required(ErrorMessage = "Hãy nhập ngày sinh.")]
    public DateOnly? DateOfBirth { get; set; }

    [Display(Name = "Dân tộc"), ShowsName(NameOf.Ethnicity)]
    public string EthnicityCode { get; set; } = Ethnicities.KinhCode;

    [Display(Name = "Tôn giáo"), ShowsName(NameOf.Religion)]
    public string ReligionCode { get; set; } = Religions.NoneCode;

    [Display(Name = "Giáo dục phổ thông (lớp …/12)"), Range(1, 12, ErrorMessage = "Lớp phải từ 1 đến 12.")]
    public int? GeneralEducationGrade { get; set; }

    [Display(Name = "Chuyên môn, nghiệp vụ"), ShowsName(NameOf.ProfessionalEducation)]
    public string? ProfessionalEducationCode { get; set; }

    [Display(Name = "Lý luận chính trị"), ShowsName(NameOf.PoliticalTheory)]
    public string? PoliticalTheoryCode { get; set; }

    [Display(Name = "Nghề nghiệp"), StringLength(200)]
    public string? Occupation { get; set; }

    [Display(Name = "Nơi làm việc, học tập"), StringLength(200)]
    public string? Workplace { get; set; }

    [Display(Name = "Ấp nơi cư trú"), ShowsName(NameOf.Hamlet)]
    public int? HamletId { get; set; }

    [Display(Name = "Địa chỉ"), StringLength(300)]
    public string? Address { get; set; }

    [Display(Name = "Số CCCD")]
    public string? CitizenId { get; set; }

    [Display(Name = "Số điện thoại")]
    public string? Phone { get; set; }

    [Display(Name = "Đoàn viên Đoàn TNCS Hồ Chí Minh")]
    public bool IsYouthUnionMember { get; set; }

    [Display(Name = "Đoàn viên Công đoàn")]
    public bool IsTradeUnionMember { get; set; }

    /// <summary>The citizen ID sent is the mask of the stored one: the stored number stays (<see cref="PersonalData.KeepStored"/>).
    /// Internal: never bound from a form or a JSON body.</summary>
    internal bool KeepsStoredCitizenId { get; set; }

    /// <summary>The phone number sent is the mask of the stored one: the stored number stays.</summary>
    internal bool KeepsStoredPhone { get; set; }

    /// <summary>A copy with other identifiers (the masked copy a reader gets).</summary>
    internal PersonInput WithIdentifiers(string? citizenId, string? phone)
    {
        var copy = (PersonInput)MemberwiseClone();
        copy.CitizenId = citizenId;
        copy.Phone = phone;
        return copy;
    }

    /// <summary>The stored values in full: for the checks of a command; a reader gets <see cref="PersonalData.ForReader"/>.</summary>
    public static PersonInput From(Person p) => new()
    {
        FullName = p.FullName, Gender = p.Gender, DateOfBirth = p.DateOfBirth, EthnicityCode = p.EthnicityCode,
        ReligionCode = p.ReligionCode, GeneralEducationGrade = p.GeneralEducationGrade,
        ProfessionalEducationCode = p.ProfessionalEducationCode, PoliticalTheoryCode = p.PoliticalTheoryCode,
        Occupation = p.Occupation, Workplace = p.Workplace, HamletId = p.HamletId, Address = p.Address,
        CitizenId = p.CitizenId, Phone = p.Phone, IsYouthUnionMember = p.IsYouthUnionMember, IsTradeUnionMember = p.IsTradeUnionMember,
    };

    /// <summary>
    /// Normalises the text (NFC, single spaces) and checks everything the database cannot: adds errors under
    /// <paramref name="prefix"/> and returns warnings that do not block saving.
    /// </summary>
    public async Task<IReadOnlyList<string>> ValidateAsync(Errors errors, string prefix, AppDbContext db,
        int? personId, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(db);
        FullName = VietnameseText.Normalize(FullName) ?? "";
        Occupation = VietnameseText.Normalize(Occupation);
        Workplace = VietnameseText.Normalize(Workplace);
        Address = VietnameseText.Normalize(Address);
        if (!KeepsStoredCitizenId) CitizenId = VietnameseText.Normalize(CitizenId)?.Replace(" ", "", StringComparison.Ordinal);
        var warnings = new List<string>();

        if (FullName.Length > 0 && (FullName.Split(' ').Length < 2 || FullName.Any(char.IsDigit)))
            errors.Add(prefix + nameof(FullName), "Họ và tên phải có ít nhất họ và tên, không chứa chữ số.");
        // Letters, and the apostrophe, hyphen and dot some ethnic minority names carry (Ksor H'Bi): a name that opens
        // with "=", "+", "@" or "-" is a spreadsheet formula waiting for a tool that reads an export without quoting it.
        else if (FullName.Length > 0 && (!char.IsLetter(FullName[0])
            || !FullName.All(ch => char.IsLetter(ch) || ch is ' ' or '\'' or '’' or '-' or '.' || char.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.NonSpacingMark)))
            errors.Add(prefix + nameof(FullName), "Họ và tên chỉ gồm chữ cái (có thể có dấu ' hoặc -), bắt đầu bằng một chữ cái.");
        if (DateOfBirth is { } dob)
        {
            if (dob > today) errors.Add(prefix + nameof(DateOfBirth), "Ngày sinh không được ở tương lai.");
            else if (dob < today.AddYears(-120)) errors.Add(prefix + nameof(DateOfBirth), "Ngày sinh không hợp lệ (quá 120 tuổi).");
        }
        if (!Enum.IsDefined(Gender)) errors.Add(prefix + nameof(Gender), "Giới tính không hợp lệ.");
        if (Ethnicities.Find(EthnicityCode) is null) errors.Add(prefix + nameof(EthnicityCode), "Hãy chọn dân tộc trong danh mục 54 dân tộc.");
        if (Religions.Find(ReligionCode) is null) errors.Add(prefix + nameof(ReligionCode), "Hãy chọn tôn giáo trong danh mục.");
        if (ProfessionalEducationCode is not null && ProfessionalEducationLevels.Find(ProfessionalEducationCode) is null)
            errors.Add(prefix + nameof(ProfessionalEducationCode), "Trình độ chuyên môn không có trong danh mục.");
        if (PoliticalTheoryCode is not null && PoliticalTheoryLevels.Find(PoliticalTheoryCode) is null)
            errors.Add(prefix + nameof(PoliticalTheoryCode), "Trình độ lý luận chính trị không có trong danh mục.");
        if (HamletId is { } h && !await db.Hamlets.AnyAsync(x => x.Id == h, ct))
            errors.Add(prefix + nameof(HamletId), "Ấp không tồn tại.");

        if (Phone is not null && !KeepsStoredPhone)
        {
            if (PhoneNumber.IsValid(Phone)) Phone = PhoneNumber.Normalize(Phone);
            else errors.Add(prefix + nameof(Phone), "Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0.");
        }
        if (CitizenId is not null && !KeepsStoredCitizenId)
        {
            var check = Core.Text.CitizenId.Check(CitizenId, DateOfBirth?.Year, Gender);
            if (!check.IsValid) errors.Add(prefix + nameof(CitizenId), check.Error ?? "Số CCCD không hợp lệ.");
            else warnings.AddRange(check.Warnings);
        }
        return warnings;
    }

    /// <summary>A citizen ID typed for this person that is not the one stored (so it is checked against the others).</summary>
    internal bool SetsCitizenId(Person? stored) => CitizenId is not null && !KeepsStoredCitizenId && CitizenId != stored?.CitizenId;

    /// <summary>Unique across the installation, whatever the user's scope: the same citizen is one person.</summary>
    internal async Task<bool> CitizenIdTakenAsync(Errors errors, string prefix, AppDbContext db, int? personId, CancellationToken ct)
    {
        // Bypass reviewed: uniqueness is a fact of the installation, and nothing of the other record is shown.
        var holder = await db.People.IgnoreQueryFilters().Where(p => p.CitizenId == CitizenId && p.Id != personId)
            .Select(p => (int?)p.CommuneId).FirstOrDefaultAsync(ct);
        // Another commune's record is not named: whether a citizen is on another roll is not this user's to know.
        if (holder == db.Scope.CommuneId) errors.Add(prefix + nameof(CitizenId), "Số CCCD này đã có trong hệ thống (trùng với một người khác).");
        else if (holder is not null) errors.Add(prefix + nameof(CitizenId), "Không dùng được số CCCD này; hãy liên hệ Văn phòng Đảng ủy để kiểm tra.");
        return holder is not null;
    }

    public void ApplyTo(Person p)
    {
        ArgumentNullException.ThrowIfNull(p);
        p.FullName = FullName;
        p.Gender = Gender;
        // A date typed on the form is a whole date: an imported "1980" becomes exact once someone corrects it.
        if (p.DateOfBirth != DateOfBirth!.Value) p.DateOfBirthPrecision = Core.People.DatePrecision.Day;
        p.DateOfBirth = DateOfBirth.Value;
        p.EthnicityCode = EthnicityCode;
        p.ReligionCode = ReligionCode;
        p.GeneralEducationGrade = GeneralEducationGrade;
        p.ProfessionalEducationCode = ProfessionalEducationCode;
        p.PoliticalTheoryCode = PoliticalTheoryCode;
        p.Occupation = Occupation;
        p.Workplace = Workplace;
        p.HamletId = HamletId;
        p.Address = Address;
        // A masked value sent back keeps the stored number: the stars are never written.
        if (!KeepsStoredCitizenId) p.CitizenId = CitizenId;
        if (!KeepsStoredPhone) p.Phone = Phone;
        p.IsYouthUnionMember = IsYouthUnionMember;
        p.IsTradeUnionMember = IsTradeUnionMember;
    }
}
