using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Application;

namespace PhatTrienDangVien.Web.Pages.Schools;

[RequirePermission(Permission.ManageCommune)]
public class EditModel(AppDbContext db) : PageModel
{
    [BindProperty] public SchoolInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    public int? Id { get; private set; }
    public List<SelectListItem> Hamlets { get; private set; } = [];
    public List<SelectListItem> Cells { get; private set; } = [];
    public List<FieldConflict> Conflicts { get; } = [];

    public sealed class SchoolInput
    {
        [Display(Name = "Tên trường"), Required(ErrorMessage = "Hãy nhập tên trường."), StringLength(200)]
        public string Name { get; set; } = "";
        [Display(Name = "Cấp học")]
        public SchoolLevel Level { get; set; } = SchoolLevel.Primary;
        [Display(Name = "Ấp")]
        public int? HamletId { get; set; }
        [Display(Name = "Chi bộ của trường")]
        public int? CellId { get; set; }
        [Display(Name = "Số giáo viên"), Range(0, 10_000, ErrorMessage = "Số giáo viên phải từ 0 đến 10.000.")]
        public int Teachers { get; set; }
        [Display(Name = "Ghi chú"), StringLength(1000)]
        public string? Notes { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        Id = id;
        if (id is not null)
        {
            var s = await db.Schools.FirstOrDefaultAsync(x => x.Id == id);
            if (s is null) return NotFound();
            Input = new SchoolInput { Name = s.Name, Level = s.Level, HamletId = s.HamletId, CellId = s.CellId, Teachers = s.Teachers, Notes = s.Notes };
            Version = s.Version;
        }
        await LoadListsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        School? s = null;
        if (id is not null && (s = await db.Schools.FirstOrDefaultAsync(x => x.Id == id)) is null) return NotFound();
        Input.Name = VietnameseText.Normalize(Input.Name) ?? "";
        Input.Notes = VietnameseText.Normalize(Input.Notes);
        if (!Enum.IsDefined(Input.Level)) ModelState.AddModelError("Input.Level", "Cấp học không hợp lệ.");
        if (Input.HamletId is { } h && !await db.Hamlets.AnyAsync(x => x.Id == h)) ModelState.AddModelError("Input.HamletId", "Ấp không tồn tại.");
        if (Input.CellId is { } c && !await db.Organisations.AnyAsync(o => o.Id == c && o.Kind == OrganisationKind.Cell))
            ModelState.AddModelError("Input.CellId", "Chi bộ không tồn tại.");
        var folded = VietnameseText.Fold(Input.Name);
        if (Input.Name.Length > 0 && await db.Schools.AnyAsync(x => x.NameFolded == folded && x.Id != id))
            ModelState.AddModelError("Input.Name", "Đã có trường cùng tên.");
        if (!ModelState.IsValid)
        {
            await LoadListsAsync();
            return Page();
        }
        if (s is null)
        {
            s = new School { Name = Input.Name, CommuneId = db.Scope.CommuneId };
            db.Schools.Add(s);
        }
        else
        {
            db.Entry(s).Property(x => x.Version).OriginalValue = Version;
        }
        s.Name = Input.Name;
        s.NameFolded = folded;
        s.Level = Input.Level;
        s.HamletId = Input.HamletId;
        s.CellId = Input.CellId;
        s.Teachers = Input.Teachers;
        s.Notes = Input.Notes;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Schools.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
            await LoadListsAsync();
            if (current is null) { ModelState.AddModelError("", "Trường này vừa bị người khác xóa; không có gì được lưu."); return Page(); }
            if (current.Name != Input.Name) Conflicts.Add(new("Tên trường", Input.Name, current.Name));
            if (current.CellId != Input.CellId) Conflicts.Add(new("Chi bộ", Input.CellId?.ToString(), current.CellId?.ToString()));
            if (current.Teachers != Input.Teachers) Conflicts.Add(new("Số giáo viên", Input.Teachers.ToString(), current.Teachers.ToString()));
            if (current.Notes != Input.Notes) Conflicts.Add(new("Ghi chú", Input.Notes, current.Notes));
            ModelState.Remove(nameof(Version));
            Version = current.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData["Success"] = $"Đã lưu {s.Name}.";
        return Redirect("/Schools");
    }

    private async Task LoadListsAsync()
    {
        Hamlets = await Lookups.HamletsAsync(db);
        Cells = await Lookups.CellsAsync(db);
    }
}
