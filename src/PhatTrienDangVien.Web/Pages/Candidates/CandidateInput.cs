using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Candidates;

public sealed class CandidateInput
{
    [Display(Name = "Chi bộ"), Required(ErrorMessage = "Hãy chọn chi bộ.")]
    public int? CellId { get; set; }

    [Display(Name = "Ngày đưa vào danh sách nguồn"), Required(ErrorMessage = "Hãy nhập ngày đưa vào danh sách nguồn.")]
    public DateOnly? AddedOn { get; set; }

    [Display(Name = "Nguồn")]
    public List<int> SourceCategoryIds { get; set; } = [];

    [Display(Name = "Đảng viên giúp đỡ")]
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

    public async Task ValidateAsync(ModelStateDictionary state, string prefix, AppDbContext db, DateOnly today)
    {
        Strengths = VietnameseText.Normalize(Strengths);
        Notes = VietnameseText.Normalize(Notes);
        SourceCategoryIds = SourceCategoryIds.Distinct().Order().ToList();
        if (AddedOn > today) state.AddModelError(prefix + nameof(AddedOn), "Ngày đưa vào danh sách nguồn không được ở tương lai.");
        if (SourceCategoryIds.Count == 0) state.AddModelError(prefix + nameof(SourceCategoryIds), "Hãy chọn ít nhất một nguồn.");
        else if (await db.SourceCategories.CountAsync(s => SourceCategoryIds.Contains(s.Id)) != SourceCategoryIds.Count)
            state.AddModelError(prefix + nameof(SourceCategoryIds), "Nguồn không có trong danh mục.");
        if (MentorMemberId is { } mentor)
        {
            // The mentor must be an official member of the candidate's own cell (plan point P6).
            var ok = await db.Members.IgnoreQueryFilters().AnyAsync(m => m.Id == mentor && m.CommuneId == db.Scope.CommuneId
                && m.CellId == CellId && m.Status == MemberStatus.Official);
            if (!ok && !db.Scope.Unrestricted) state.AddModelError(prefix + nameof(MentorMemberId), "Đảng viên giúp đỡ phải là đảng viên chính thức của cùng chi bộ.");
        }
    }

    public void ApplyTo(Candidate c)
    {
        c.CellId = CellId!.Value;
        c.AddedOn = AddedOn!.Value;
        c.MentorMemberId = MentorMemberId;
        c.Strengths = Strengths;
        c.Notes = Notes;
        c.Sources.RemoveAll(s => !SourceCategoryIds.Contains(s.SourceCategoryId));
        foreach (var id in SourceCategoryIds.Where(id => c.Sources.All(s => s.SourceCategoryId != id)))
            c.Sources.Add(new CandidateSource { SourceCategoryId = id });
    }

    public static IEnumerable<FieldConflict> Diff(CandidateInput yours, CandidateInput theirs)
    {
        foreach (var prop in typeof(CandidateInput).GetProperties())
        {
            var a = ConflictValues.Show(prop.GetValue(yours));
            var b = ConflictValues.Show(prop.GetValue(theirs));
            if (a != b)
                yield return new FieldConflict(prop.GetCustomAttributes(typeof(DisplayAttribute), false).OfType<DisplayAttribute>().First().Name!, a, b);
        }
    }
}
