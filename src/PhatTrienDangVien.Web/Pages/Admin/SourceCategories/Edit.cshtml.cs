using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Application;

namespace PhatTrienDangVien.Web.Pages.Admin.SourceCategories;

[RequirePermission(Permission.ManageReferenceLists)]
public class EditModel(AppDbContext db) : AdminPageModel
{
    [BindProperty] public SourceInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    public int? Id { get; private set; }
    public List<FieldConflict> Conflicts { get; } = [];

    public sealed class SourceInput
    {
        /// <summary>Fixed once created: reports and imports refer to a category by its code.</summary>
        [Display(Name = "Mã"), StringLength(30, ErrorMessage = "Mã dài tối đa 30 ký tự."),
         RegularExpression("^[A-Za-z0-9_]+$", ErrorMessage = "Mã chỉ gồm chữ không dấu, chữ số và dấu gạch dưới (ví dụ DAN_QUAN).")]
        public string? Code { get; set; }

        [Display(Name = "Tên nguồn"), Required(ErrorMessage = "Hãy nhập tên nguồn."), StringLength(200, ErrorMessage = "Tên nguồn dài tối đa 200 ký tự.")]
        public string Name { get; set; } = "";

        [Display(Name = "Thứ tự hiển thị"), Range(0, 999, ErrorMessage = "Thứ tự phải từ 0 đến 999.")]
        public int SortOrder { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        Id = id;
        if (id is null)
        {
            Input.SortOrder = (await db.SourceCategories.MaxAsync(s => (int?)s.SortOrder) ?? 0) + 1;
            return Page();
        }
        var s = await db.SourceCategories.FirstOrDefaultAsync(x => x.Id == id);
        if (s is null) return NotFound();
        Input = new SourceInput { Code = s.Code, Name = s.Name, SortOrder = s.SortOrder };
        Version = s.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        SourceCategory? s = null;
        if (id is not null && (s = await db.SourceCategories.FirstOrDefaultAsync(x => x.Id == id)) is null) return NotFound();
        Input.Name = VietnameseText.Normalize(Input.Name) ?? "";
        if (s is null)
        {
            Input.Code = Input.Code?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(Input.Code))
                ModelState.AddModelError("Input.Code", "Hãy nhập mã nguồn.");
            else if (await db.SourceCategories.AnyAsync(x => x.Code == Input.Code))
                ModelState.AddModelError("Input.Code", $"Mã “{Input.Code}” đã có trong danh mục nguồn của xã; hãy chọn mã khác.");
        }
        else
        {
            Input.Code = s.Code;
        }
        var folded = VietnameseText.Fold(Input.Name);
        if (folded.Length > 0 && (await db.SourceCategories.Where(x => x.Id != id).Select(x => x.Name).ToListAsync())
                .Any(n => VietnameseText.Fold(n) == folded))
            ModelState.AddModelError("Input.Name", "Đã có nguồn cùng tên.");
        if (!ModelState.IsValid) return Page();

        if (s is null)
        {
            s = new SourceCategory { CommuneId = db.Scope.CommuneId, Code = Input.Code!, Name = Input.Name };
            db.SourceCategories.Add(s);
        }
        else
        {
            db.Entry(s).Property(x => x.Version).OriginalValue = Version;
        }
        s.Name = Input.Name;
        s.SortOrder = Input.SortOrder;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.SourceCategories.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
            if (current is null) { ModelState.AddModelError("", "Nguồn này vừa bị người khác xóa; không có gì được lưu."); return Page(); }
            if (current.Name != Input.Name) Conflicts.Add(new("Tên nguồn", Input.Name, current.Name));
            if (current.SortOrder != Input.SortOrder) Conflicts.Add(new("Thứ tự hiển thị", Input.SortOrder.ToString(), current.SortOrder.ToString()));
            if (current.IsActive != s.IsActive || Conflicts.Count == 0)
                Conflicts.Add(new("Trạng thái", s.IsActive ? "Đang dùng" : "Ngừng dùng", current.IsActive ? "Đang dùng" : "Ngừng dùng"));
            ModelState.Remove(nameof(Version));
            Version = current.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        catch (DbUpdateException) when (id is null)
        {
            // Another admin added the same code a moment ago: the unique index (commune, code) refuses.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Input.Code", $"Mã “{Input.Code}” đã có trong danh mục nguồn của xã; hãy chọn mã khác.");
            return Page();
        }
        TempData["Success"] = id is null ? $"Đã thêm nguồn “{s.Name}”." : $"Đã lưu nguồn “{s.Name}”.";
        return RedirectToPage("Index");
    }
}
