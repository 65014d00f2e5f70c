using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Application;

namespace PhatTrienDangVien.Web.Pages.Hamlets;

[RequirePermission(Permission.ManageCommune)]
public class EditModel(AppDbContext db) : PageModel
{
    [BindProperty] public HamletInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    public int? Id { get; private set; }
    public List<FieldConflict> Conflicts { get; } = [];

    public sealed class HamletInput
    {
        [Display(Name = "Tên ấp"), Required(ErrorMessage = "Hãy nhập tên ấp."), StringLength(200)]
        public string Name { get; set; } = "";
        [Display(Name = "Dân số"), Range(0, 1_000_000, ErrorMessage = "Dân số phải từ 0 đến 1.000.000.")]
        public int Population { get; set; }
        [Display(Name = "Số hộ"), Range(0, 500_000, ErrorMessage = "Số hộ phải từ 0 đến 500.000.")]
        public int Households { get; set; }
        [Display(Name = "Ghi chú"), StringLength(1000)]
        public string? Notes { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        Id = id;
        if (id is null) return Page();
        var h = await db.Hamlets.FirstOrDefaultAsync(x => x.Id == id);
        if (h is null) return NotFound();
        Input = new HamletInput { Name = h.Name, Population = h.Population, Households = h.Households, Notes = h.Notes };
        Version = h.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        Hamlet? h = null;
        if (id is not null && (h = await db.Hamlets.FirstOrDefaultAsync(x => x.Id == id)) is null) return NotFound();
        Input.Name = VietnameseText.Normalize(Input.Name) ?? "";
        Input.Notes = VietnameseText.Normalize(Input.Notes);
        var folded = VietnameseText.Fold(Input.Name);
        if (Input.Name.Length > 0 && await db.Hamlets.AnyAsync(x => x.NameFolded == folded && x.Id != id))
            ModelState.AddModelError("Input.Name", "Đã có ấp cùng tên.");
        if (Input.Households > Input.Population && Input.Population > 0)
            ModelState.AddModelError("Input.Households", "Số hộ không thể lớn hơn dân số.");
        if (!ModelState.IsValid) return Page();
        if (h is null)
        {
            h = new Hamlet { Name = Input.Name, CommuneId = db.Scope.CommuneId };
            db.Hamlets.Add(h);
        }
        else
        {
            db.Entry(h).Property(x => x.Version).OriginalValue = Version;
        }
        h.Name = Input.Name;
        h.NameFolded = folded;
        h.Population = Input.Population;
        h.Households = Input.Households;
        h.Notes = Input.Notes;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Hamlets.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
            if (current is null) { ModelState.AddModelError("", "Ấp này vừa bị người khác xóa; không có gì được lưu."); return Page(); }
            if (current.Name != Input.Name) Conflicts.Add(new("Tên ấp", Input.Name, current.Name));
            if (current.Population != Input.Population) Conflicts.Add(new("Dân số", Input.Population.ToString(), current.Population.ToString()));
            if (current.Households != Input.Households) Conflicts.Add(new("Số hộ", Input.Households.ToString(), current.Households.ToString()));
            if (current.Notes != Input.Notes) Conflicts.Add(new("Ghi chú", Input.Notes, current.Notes));
            ModelState.Remove(nameof(Version));
            Version = current.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData["Success"] = $"Đã lưu {h.Name}.";
        return Redirect("/Hamlets");
    }
}
