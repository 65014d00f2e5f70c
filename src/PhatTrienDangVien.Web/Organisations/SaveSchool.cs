using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Organisations;

/// <summary>A school as the form writes it.</summary>
public sealed class SchoolInput
{
    [Display(Name = "Tên trường"), Required(ErrorMessage = "Hãy nhập tên trường."), StringLength(200, ErrorMessage = "Tên trường tối đa 200 ký tự.")]
    public string Name { get; set; } = "";
    [Display(Name = "Cấp học")]
    public SchoolLevel Level { get; set; } = SchoolLevel.Primary;
    [Display(Name = "Ấp"), ShowsName(NameOf.Hamlet)]
    public int? HamletId { get; set; }
    [Display(Name = "Chi bộ của trường"), ShowsName(NameOf.Organisation)]
    public int? CellId { get; set; }
    [Display(Name = "Số giáo viên"), Range(0, 10_000, ErrorMessage = "Số giáo viên phải từ 0 đến 10.000.")]
    public int Teachers { get; set; }
    [Display(Name = "Ghi chú"), StringLength(1000, ErrorMessage = "Ghi chú tối đa 1000 ký tự.")]
    public string? Notes { get; set; }

    public static SchoolInput From(School s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new() { Name = s.Name, Level = s.Level, HamletId = s.HamletId, CellId = s.CellId, Teachers = s.Teachers, Notes = s.Notes };
    }

    public void ApplyTo(School s)
    {
        ArgumentNullException.ThrowIfNull(s);
        s.Name = Name;
        s.Level = Level;
        s.HamletId = HamletId;
        s.CellId = CellId;
        s.Teachers = Teachers;
        s.Notes = Notes;
    }
}

/// <summary>Adds or edits a school of the commune, with or without its own party cell.</summary>
public sealed class SaveSchool(AppDbContext db, Access access, ConflictDiff diff)
{
    private const string P = "Input.";

    public async Task<Outcome<School>> HandleAsync(int? id, SchoolInput input, int version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.ManageCommune)) return Outcome<School>.Forbidden();
        School? s = null;
        if (id is not null && (s = await db.Schools.FirstOrDefaultAsync(x => x.Id == id, ct)) is null)
            return Outcome<School>.NotFound();

        input.Name = VietnameseText.Normalize(input.Name) ?? "";
        input.Notes = VietnameseText.Normalize(input.Notes);
        var errors = new Errors();
        errors.Annotations(input, P);
        if (!Enum.IsDefined(input.Level)) errors.Add(P + nameof(input.Level), "Cấp học không hợp lệ.");
        if (input.HamletId is { } h && !await db.Hamlets.AnyAsync(x => x.Id == h, ct))
            errors.Add(P + nameof(input.HamletId), "Ấp không tồn tại.");
        if (input.CellId is { } c && !await db.Organisations.AnyAsync(o => o.Id == c && o.Kind == OrganisationKind.Cell, ct))
            errors.Add(P + nameof(input.CellId), "Chi bộ không tồn tại.");
        if (input.Name.Length > 0 && await db.Schools.NameTakenAsync(input.Name, id, ct))
            errors.Add(P + nameof(input.Name), "Đã có trường cùng tên.");
        if (errors.Any) return Outcome<School>.Invalid(errors.List);

        var record = s ?? new School { Name = input.Name, CommuneId = db.Scope.CommuneId };
        input.ApplyTo(record);
        return await db.AddOrEditAsync(diff, record, s is null, version, input, SchoolInput.From, ct);
    }
}
