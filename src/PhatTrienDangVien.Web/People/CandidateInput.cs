using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Application;

namespace PhatTrienDangVien.Web.People;

public sealed class CandidateInput
{
    [Display(Name = "Chi bộ"), ShowsName(NameOf.Organisation), Required(ErrorMessage = "Hãy chọn chi bộ.")]
    public int? CellId { get; set; }

    [Display(Name = "Ngày đưa vào danh sách nguồn"), Required(ErrorMessage = "Hãy nhập ngày đưa vào danh sách nguồn.")]
    public DateOnly? AddedOn { get; set; }

    [Display(Name = "Nguồn"), ShowsName(NameOf.SourceCategory)]
    public List<int> SourceCategoryIds { get; set; } = [];

    [Display(Name = "Đảng viên giúp đỡ"), ShowsName(NameOf.Member)]
    public int? MentorMemberId { get; set; }

    [Display(Name = "Ưu điểm nổi bật"), StringLength(2000)]
    public string? Strengths { get; set; }

    [Display(Name = "Ghi chú"), StringLength(2000)]
    public string? Notes { get; set; }

    public static CandidateInput From(Candidate c) => new()
    {
        CellId = c.CellId, AddedOn = c.AddedOn, SourceCategoryIds = c.Sources.Select(s => s.SourceCategoryId).Order().ToList(),
        MentorMemberId = c.MentorMemberId, Strengths = c.Strengths, Notes = c.Notes,
    };

    public async Task ValidateAsync(Errors errors, string prefix, AppDbContext db, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(db);
        Strengths = VietnameseText.Normalize(Strengths);
        Notes = VietnameseText.Normalize(Notes);
        // JSON may send null for the list; the form never does.
        SourceCategoryIds = (SourceCategoryIds ?? []).Distinct().Order().ToList();
        if (AddedOn > today) errors.Add(prefix + nameof(AddedOn), "Ngày đưa vào danh sách nguồn không được ở tương lai.");
        if (AddedOn is { Year: < 1900 }) errors.Add(prefix + nameof(AddedOn), "Ngày đưa vào danh sách nguồn không hợp lệ.");
        if (SourceCategoryIds.Count == 0) errors.Add(prefix + nameof(SourceCategoryIds), "Hãy chọn ít nhất một nguồn.");
        else if (await db.SourceCategories.CountAsync(s => SourceCategoryIds.Contains(s.Id), ct) != SourceCategoryIds.Count)
            errors.Add(prefix + nameof(SourceCategoryIds), "Nguồn không có trong danh mục.");
    }

    /// <summary>Everything but the mentor, which only a recorded step sets (<see cref="Admission.RecordStep"/>).</summary>
    public void ApplyTo(Candidate c)
    {
        ArgumentNullException.ThrowIfNull(c);
        c.CellId = CellId!.Value;
        c.AddedOn = AddedOn!.Value;
        c.Strengths = Strengths;
        c.Notes = Notes;
        c.Sources.RemoveAll(s => !SourceCategoryIds.Contains(s.SourceCategoryId));
        foreach (var id in SourceCategoryIds.Where(id => c.Sources.All(s => s.SourceCategoryId != id)))
            c.Sources.Add(new CandidateSource { SourceCategoryId = id });
    }
}
