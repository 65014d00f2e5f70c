using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Classes;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Organisations;

namespace PhatTrienDangVien.Web.Classes;

/// <summary>A commune's seats in a class as the form writes them.</summary>
public sealed class QuotaInput
{
    public int CommuneId { get; set; }
    [Display(Name = "Chỉ tiêu (số chỗ)"), Range(0, 500, ErrorMessage = "Chỉ tiêu của một xã phải từ 0 đến 500 chỗ.")]
    public int Seats { get; set; }
}

/// <summary>A class as the form writes it.</summary>
public sealed class PartyClassInput
{
    [Display(Name = "Trung tâm chính trị"), Required(ErrorMessage = "Hãy chọn trung tâm chính trị.")]
    public int? CenterId { get; set; }
    [Display(Name = "Loại lớp"), Required(ErrorMessage = "Hãy chọn loại lớp.")]
    public ClassKind? Kind { get; set; }
    [Display(Name = "Số hoặc tên lớp"), Required(ErrorMessage = "Hãy nhập số hoặc tên lớp."), StringLength(200, ErrorMessage = "Tên lớp tối đa 200 ký tự.")]
    public string Name { get; set; } = "";
    [Display(Name = "Ngày khai giảng"), Required(ErrorMessage = "Hãy nhập ngày khai giảng.")]
    public DateOnly? OpensOn { get; set; }
    [Display(Name = "Ngày bế giảng"), Required(ErrorMessage = "Hãy nhập ngày bế giảng.")]
    public DateOnly? ClosesOn { get; set; }
    [Display(Name = "Địa điểm"), StringLength(300, ErrorMessage = "Địa điểm tối đa 300 ký tự.")]
    public string? Place { get; set; }
    [Display(Name = "Sĩ số tối đa"), Range(1, 500, ErrorMessage = "Sĩ số tối đa phải từ 1 đến 500.")]
    public int Capacity { get; set; } = 50;
    [Display(Name = "Chuyên đề"), StringLength(2000, ErrorMessage = "Chuyên đề tối đa 2000 ký tự.")]
    public string? Topics { get; set; }
    [Display(Name = "Giảng viên"), StringLength(1000, ErrorMessage = "Giảng viên tối đa 1000 ký tự.")]
    public string? Lecturers { get; set; }
    [Display(Name = "Thang xếp loại khi đạt (cách nhau bằng dấu ;)"), StringLength(200, ErrorMessage = "Thang xếp loại tối đa 200 ký tự.")]
    public string ResultScale { get; set; } = ClassRules.DefaultScale;
    [Display(Name = "Ghi chú"), StringLength(1000, ErrorMessage = "Ghi chú tối đa 1000 ký tự.")]
    public string? Notes { get; set; }
    public List<QuotaInput> Quotas { get; set; } = [];

    public static PartyClassInput From(PartyClass c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new()
        {
            CenterId = c.CenterId, Kind = c.Kind, Name = c.Name, OpensOn = c.OpensOn, ClosesOn = c.ClosesOn, Place = c.Place, Capacity = c.Capacity,
            Topics = c.Topics, Lecturers = c.Lecturers, ResultScale = c.ResultScale, Notes = c.Notes,
            Quotas = [.. c.Quotas.OrderBy(q => q.Id).Select(q => new QuotaInput { CommuneId = q.CommuneId, Seats = q.Seats })],
        };
    }
}

/// <summary>
/// Adds or edits a class of a centre the user's commune hosts, with each served commune's seats. A class already
/// attended keeps its kind and dates; a commune's seats never drop below the people already approved from it.
/// </summary>
public sealed class SaveClass(AppDbContext db, Access access, ConflictDiff diff)
{
    private const string P = "Input.";
    /// <summary>Attendance keeps one mark per day: a class longer than this is a typing error.</summary>
    public const int MaxDays = 60;

    public async Task<Outcome<PartyClass>> HandleAsync(int? id, PartyClassInput input, int version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.ManageClasses)) return Outcome<PartyClass>.Forbidden();
        var commune = access.Scope.CommuneId;
        PartyClass? c = null;
        if (id is not null && (c = await db.PartyClasses.Include(x => x.Quotas).FirstOrDefaultAsync(x => x.Id == id && x.CommuneId == commune, ct)) is null)
            return Outcome<PartyClass>.NotFound();

        input.Name = VietnameseText.Normalize(input.Name) ?? "";
        input.Place = VietnameseText.Normalize(input.Place);
        input.Topics = VietnameseText.Normalize(input.Topics);
        input.Lecturers = VietnameseText.Normalize(input.Lecturers);
        input.Notes = VietnameseText.Normalize(input.Notes);
        input.Quotas ??= [];
        var grades = ClassRules.Grades(VietnameseText.Normalize(input.ResultScale));
        input.ResultScale = string.Join("; ", grades);
        var errors = new Errors();
        errors.Annotations(input, P);
        errors.Require(input.Kind is null || Enum.IsDefined(input.Kind.Value), P + nameof(input.Kind), "Loại lớp không hợp lệ.");
        errors.Require(grades.Count is > 0 and <= 8, P + nameof(input.ResultScale), "Thang xếp loại cần từ 1 đến 8 mức, cách nhau bằng dấu chấm phẩy (ví dụ: Giỏi; Khá; Trung bình).");
        errors.Require(grades.All(g => g.Length <= 30), P + nameof(input.ResultScale), "Mỗi mức xếp loại tối đa 30 ký tự.");
        errors.Require(grades.Distinct(StringComparer.OrdinalIgnoreCase).Count() == grades.Count, P + nameof(input.ResultScale), "Thang xếp loại có mức trùng nhau.");
        if (input.OpensOn is { } opens && input.ClosesOn is { } closes)
        {
            errors.Require(closes >= opens, P + nameof(input.ClosesOn), "Ngày bế giảng không thể trước ngày khai giảng.");
            errors.Require(closes < opens || closes.DayNumber - opens.DayNumber < MaxDays, P + nameof(input.ClosesOn), $"Một lớp kéo dài tối đa {MaxDays} ngày.");
            errors.Require(opens.Year is >= 2000 and <= 2199, P + nameof(input.OpensOn), "Ngày khai giảng phải trong khoảng 2000–2199.");
        }

        var center = input.CenterId is { } centerId ? await db.PoliticalCenters.AsNoTracking().FirstOrDefaultAsync(x => x.Id == centerId && x.CommuneId == commune, ct) : null;
        if (input.CenterId is not null && center is null) errors.Add(P + nameof(input.CenterId), "Trung tâm chính trị không có trong danh sách của xã.");
        else if (center is { IsActive: false } && c?.CenterId != center.Id) errors.Add(P + nameof(input.CenterId), "Trung tâm này đã ngừng hoạt động.");

        // Seats: only the host and the communes the centre serves; each at most once; together within the class's size.
        var served = center is null ? new HashSet<int>() : [.. await db.CenterCommunes.AsNoTracking().Where(x => x.CenterId == center.Id).Select(x => x.CommuneId).ToListAsync(ct), commune];
        input.Quotas = [.. input.Quotas.Where(q => q is not null)];
        for (var i = 0; i < input.Quotas.Count; i++)
        {
            var q = input.Quotas[i];
            errors.Annotations(q, $"{P}Quotas[{i}].");
            if (center is not null && !served.Contains(q.CommuneId)) errors.Add($"{P}Quotas[{i}].Seats", "Trung tâm không phục vụ xã này: hãy thêm xã vào trung tâm trước.");
        }
        errors.Require(input.Quotas.Select(q => q.CommuneId).Distinct().Count() == input.Quotas.Count, P + nameof(input.Quotas), "Mỗi xã chỉ có một chỉ tiêu.");
        errors.Require(input.Capacity < 1 || input.Quotas.Sum(q => (long)q.Seats) <= input.Capacity, P + nameof(input.Quotas),
            $"Tổng chỉ tiêu các xã ({input.Quotas.Sum(q => (long)q.Seats)}) vượt sĩ số tối đa của lớp ({input.Capacity}).");

        if (c is not null)
        {
            // Bypass reviewed: a class's enrolments of every commune and cell, counted only, to keep what they depend on.
            var enrolments = await db.ClassEnrolments.IgnoreQueryFilters().AsNoTracking().Where(e => e.ClassId == c.Id)
                .Select(e => new { e.CommuneId, e.Status, e.Attendance, e.Result }).ToListAsync(ct);
            if (enrolments.Count > 0 && input.Kind != c.Kind)
                errors.Add(P + nameof(input.Kind), "Lớp đã có người được đề cử: không đổi được loại lớp.");
            if (enrolments.Any(e => e.Attendance.Length > 0 || e.Result != ClassResult.None) && (input.OpensOn != c.OpensOn || input.ClosesOn != c.ClosesOn))
                errors.Add(P + nameof(input.OpensOn), "Lớp đã điểm danh hoặc có kết quả: không đổi được ngày khai giảng, bế giảng.");
            for (var i = 0; i < input.Quotas.Count; i++)
            {
                var approved = enrolments.Count(e => e.CommuneId == input.Quotas[i].CommuneId && e.Status == EnrolmentStatus.Approved);
                if (input.Quotas[i].Seats < approved)
                    errors.Add($"{P}Quotas[{i}].Seats", $"Đã duyệt {approved} người của xã này: chỉ tiêu không thể ít hơn.");
            }
            var approvedTotal = enrolments.Count(e => e.Status == EnrolmentStatus.Approved);
            errors.Require(input.Capacity >= approvedTotal, P + nameof(input.Capacity), $"Đã duyệt {approvedTotal} người vào lớp: sĩ số không thể ít hơn.");
            foreach (var gone in c.Quotas.Where(q => input.Quotas.All(x => x.CommuneId != q.CommuneId)))
                if (enrolments.Any(e => e.CommuneId == gone.CommuneId && e.Status is EnrolmentStatus.Proposed or EnrolmentStatus.Approved))
                    errors.Add(P + nameof(input.Quotas), "Một xã bị bỏ khỏi lớp đang có người được đề cử, duyệt: hãy giữ chỉ tiêu của xã đó.");
        }
        if (errors.Any) return Outcome<PartyClass>.Invalid(errors.List);

        var record = c ?? new PartyClass { Name = input.Name, CommuneId = commune };
        record.CenterId = input.CenterId!.Value;
        record.Kind = input.Kind!.Value;
        record.Name = input.Name;
        record.OpensOn = input.OpensOn!.Value;
        record.ClosesOn = input.ClosesOn!.Value;
        record.Place = input.Place;
        record.Capacity = input.Capacity;
        record.Topics = input.Topics;
        record.Lecturers = input.Lecturers;
        record.ResultScale = input.ResultScale;
        record.Notes = input.Notes;
        foreach (var q in input.Quotas)
        {
            if (record.Quotas.FirstOrDefault(x => x.CommuneId == q.CommuneId) is { } existing) existing.Seats = q.Seats;
            else record.Quotas.Add(new ClassQuota { CommuneId = q.CommuneId, Seats = q.Seats });
        }
        foreach (var gone in record.Quotas.Where(x => input.Quotas.All(q => q.CommuneId != x.CommuneId)).ToList())
        {
            record.Quotas.Remove(gone);
            db.ClassQuotas.Remove(gone);
        }
        return await db.AddOrEditAsync(diff, record, c is null, version, input, PartyClassInput.From, ct);
    }
}
