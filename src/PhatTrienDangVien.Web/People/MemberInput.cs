using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.People;

public sealed class MemberInput
{
    [Display(Name = "Chi bộ"), ShowsName(NameOf.Organisation), Required(ErrorMessage = "Hãy chọn chi bộ.")]
    public int? CellId { get; set; }

    /// <summary>When the cell changes: the day the member joined the new cell (the transfer's date); today when empty.</summary>
    [Display(Name = "Ngày chuyển đến chi bộ này")]
    public DateOnly? TransferDate { get; set; }

    [Display(Name = "Tình trạng")]
    public MemberStatus Status { get; set; } = MemberStatus.Official;

    [Display(Name = "Ngày của tình trạng")]
    public DateOnly? StatusDate { get; set; }

    [Display(Name = "Ngày quyết định kết nạp")]
    public DateOnly? AdmissionDecisionDate { get; set; }

    [Display(Name = "Số quyết định kết nạp"), StringLength(50)]
    public string? AdmissionDecisionNumber { get; set; }

    [Display(Name = "Ngày lễ kết nạp")]
    public DateOnly? CeremonyDate { get; set; }

    [Display(Name = "Ngày chính thức")]
    public DateOnly? OfficialDate { get; set; }

    [Display(Name = "Số thẻ đảng"), StringLength(20)]
    public string? PartyCardNumber { get; set; }

    [Display(Name = "Chức vụ")]
    public List<CommitteePositions> Positions { get; set; } = [];

    [Display(Name = "Đang sinh hoạt tạm thời nơi khác")]
    public bool OnTemporaryTransfer { get; set; }

    [Display(Name = "Được miễn sinh hoạt")]
    public bool IsExempt { get; set; }

    [Display(Name = "Ghi chú"), StringLength(2000)]
    public string? Notes { get; set; }

    public static MemberInput From(Member m) => new()
    {
        CellId = m.CellId, Status = m.Status, StatusDate = m.StatusDate, AdmissionDecisionDate = m.AdmissionDecisionDate,
        AdmissionDecisionNumber = m.AdmissionDecisionNumber, CeremonyDate = m.CeremonyDate, OfficialDate = m.OfficialDate,
        PartyCardNumber = m.PartyCardNumber, OnTemporaryTransfer = m.OnTemporaryTransfer, IsExempt = m.IsExempt, Notes = m.Notes,
        Positions = Enum.GetValues<CommitteePositions>().Where(p => p != CommitteePositions.None && m.Positions.HasFlag(p)).ToList(),
    };

    public void Validate(Errors errors, string prefix, DateOnly today, DateOnly? dateOfBirth)
    {
        ArgumentNullException.ThrowIfNull(errors);
        AdmissionDecisionNumber = VietnameseText.Normalize(AdmissionDecisionNumber);
        PartyCardNumber = VietnameseText.Normalize(PartyCardNumber);
        Notes = VietnameseText.Normalize(Notes);
        Positions ??= [];
        if (Positions.Any(p => p == CommitteePositions.None || !Enum.IsDefined(p)))
            errors.Add(prefix + nameof(Positions), "Chức vụ không có trong danh mục.");
        var inRange = true;
        void Future(DateOnly? d, string field, string label)
        {
            if (d is { Year: < 1900 or > 2199 })
            {
                errors.Add(prefix + field, $"{label} phải trong khoảng 1900–2199.");
                inRange = false;
            }
            else if (d > today) errors.Add(prefix + field, $"{label} không được ở tương lai.");
        }
        Future(StatusDate, nameof(StatusDate), "Ngày của tình trạng");
        Future(TransferDate, nameof(TransferDate), "Ngày chuyển đến chi bộ này");
        Future(AdmissionDecisionDate, nameof(AdmissionDecisionDate), "Ngày quyết định kết nạp");
        Future(CeremonyDate, nameof(CeremonyDate), "Ngày lễ kết nạp");
        Future(OfficialDate, nameof(OfficialDate), "Ngày chính thức");
        // The checks between dates below add years: only on dates that are dates an office could write.
        if (!inRange || dateOfBirth is { Year: < 1900 or > 2199 }) return;
        if (CeremonyDate < AdmissionDecisionDate)
            errors.Add(prefix + nameof(CeremonyDate), "Ngày lễ kết nạp không thể trước ngày quyết định kết nạp.");
        if (OfficialDate is { } o && CeremonyDate is { } c && o < c.AddYears(1))
            errors.Add(prefix + nameof(OfficialDate), "Ngày chính thức phải sau ít nhất 12 tháng dự bị kể từ ngày lễ kết nạp (Điều lệ Đảng, Điều 5).");
        if (Status == MemberStatus.Probationary && OfficialDate is not null)
            errors.Add(prefix + nameof(OfficialDate), "Đảng viên dự bị chưa có ngày chính thức.");
        if (dateOfBirth is { } dob && CeremonyDate is { } cd && cd < dob.AddYears(18))
            errors.Add(prefix + nameof(CeremonyDate), "Ngày kết nạp phải khi đã đủ 18 tuổi.");
    }

    /// <summary>
    /// Committee positions are the commune's to set (they decide who votes in a sub-committee and who may follow cells);
    /// a member admitted through the procedure gets status and dates from it, not from this form.
    /// </summary>
    public async Task ProtectAsync(Member? existing, AppDbContext db, Access access, Errors errors, string prefix, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(errors);
        if (!access.Has(Permission.ManageCommune))
        {
            var kept = existing?.Positions ?? CommitteePositions.None;
            Positions = Enum.GetValues<CommitteePositions>().Where(p => p != CommitteePositions.None && kept.HasFlag(p)).ToList();
        }
        if (!Enum.IsDefined(Status)) errors.Add(prefix + nameof(Status), "Tình trạng không hợp lệ.");
        if (existing is null)
        {
            // Someone already gone is not entered by hand: the figures would count an exit with no papers (the register
            // import brings the members of old, gone or not, with its own checks).
            if (MemberStatuses.HasLeft(Status)) errors.Add(prefix + nameof(Status), ExitsPageMessage);
            return;
        }
        // A member who left is counted in their last cell: that cell does not change afterwards.
        if (MemberStatuses.HasLeft(existing.Status) && CellId != existing.CellId)
            errors.Add(prefix + nameof(CellId), "Đảng viên đã ra khỏi danh sách: không chuyển chi bộ (số liệu biến động tính ở chi bộ cuối cùng).");
        // Leaving the roll has its grounds, proposal and decision (Exits/SaveExit), and the status follows them.
        if (Status != existing.Status && (MemberStatuses.HasLeft(existing.Status) || MemberStatuses.HasLeft(Status)))
        {
            errors.Add(prefix + nameof(Status), ExitsPageMessage);
            return;
        }
        if (StatusDate != existing.StatusDate && MemberStatuses.HasLeft(existing.Status)
            && await db.MemberExits.WholeCommune().AnyAsync(e => e.MemberId == existing.Id && e.Status == ExitStatus.Decided, ct))
            errors.Add(prefix + nameof(StatusDate), ExitsPageMessage);
        // A member admitted through the procedure: the case is the record of the decision, the ceremony, probation
        // and recognition; the register shows what it wrote and the form cannot tell another story.
        var admittedByCase = await db.Candidates.WholeCommune()
            .AnyAsync(c => c.PersonId == existing.PersonId && c.Status == CandidateStatus.Admitted, ct);
        if (!admittedByCase) return;
        if (AdmissionDecisionDate != existing.AdmissionDecisionDate || AdmissionDecisionNumber != existing.AdmissionDecisionNumber
            || CeremonyDate != existing.CeremonyDate || OfficialDate != existing.OfficialDate)
            errors.Add(prefix + nameof(CeremonyDate),
                "Quyết định kết nạp, lễ kết nạp và ngày chính thức của đảng viên này do quá trình kết nạp ghi: sửa ở trang Quá trình kết nạp, không sửa trực tiếp.");
        static bool Procedural(MemberStatus s) => s is MemberStatus.Probationary or MemberStatus.Removed;
        if (Status != existing.Status && (Procedural(existing.Status) || Procedural(Status)))
            errors.Add(prefix + nameof(Status),
                "Thời kỳ dự bị, công nhận chính thức và xóa tên của đảng viên này ghi ở quá trình kết nạp, không sửa trực tiếp.");
    }

    public const string ExitsPageMessage =
        "Xóa tên, khai trừ, cho ra khỏi Đảng, chuyển sinh hoạt đi, từ trần ghi ở trang “Biến động đảng viên” (nút “Ghi ra khỏi danh sách” trên hồ sơ đảng viên) cùng căn cứ và quyết định; không sửa trực tiếp tình trạng ở đây.";

    public void ApplyTo(Member m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (m.Id != 0 && m.CellId != CellId) m.MovedOn = TransferDate;
        m.CellId = CellId!.Value;
        m.Status = Status;
        m.StatusDate = StatusDate;
        m.AdmissionDecisionDate = AdmissionDecisionDate;
        m.AdmissionDecisionNumber = AdmissionDecisionNumber;
        // A date typed on the form is a whole date: an imported "1980" becomes exact once someone corrects it.
        if (m.CeremonyDate != CeremonyDate) m.CeremonyDatePrecision = DatePrecision.Day;
        if (m.OfficialDate != OfficialDate) m.OfficialDatePrecision = DatePrecision.Day;
        m.CeremonyDate = CeremonyDate;
        m.OfficialDate = OfficialDate;
        m.PartyCardNumber = PartyCardNumber;
        m.Positions = Positions.Aggregate(CommitteePositions.None, (a, p) => a | p);
        m.OnTemporaryTransfer = OnTemporaryTransfer;
        m.IsExempt = IsExempt;
        m.Notes = Notes;
    }
}
