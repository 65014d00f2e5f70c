using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Organisations;

/// <summary>A hamlet as the form writes it.</summary>
public sealed class HamletInput
{
    [Display(Name = "Tên ấp"), Required(ErrorMessage = "Hãy nhập tên ấp."), StringLength(200, ErrorMessage = "Tên ấp tối đa 200 ký tự.")]
    public string Name { get; set; } = "";
    [Display(Name = "Dân số"), Range(0, 1_000_000, ErrorMessage = "Dân số phải từ 0 đến 1.000.000.")]
    public int Population { get; set; }
    [Display(Name = "Số hộ"), Range(0, 500_000, ErrorMessage = "Số hộ phải từ 0 đến 500.000.")]
    public int Households { get; set; }
    [Display(Name = "Ghi chú"), StringLength(1000, ErrorMessage = "Ghi chú tối đa 1000 ký tự.")]
    public string? Notes { get; set; }

    public static HamletInput From(Hamlet h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new() { Name = h.Name, Population = h.Population, Households = h.Households, Notes = h.Notes };
    }

    public void ApplyTo(Hamlet h)
    {
        ArgumentNullException.ThrowIfNull(h);
        h.Name = Name;
        h.Population = Population;
        h.Households = Households;
        h.Notes = Notes;
    }
}

/// <summary>Adds or edits a hamlet of the commune: its name is unique whatever the diacritics, its figures consistent.</summary>
public sealed class SaveHamlet(AppDbContext db, Access access, ConflictDiff diff)
{
    private const string P = "Input.";

    public async Task<Outcome<Hamlet>> HandleAsync(int? id, HamletInput input, int version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.ManageCommune)) return Outcome<Hamlet>.Forbidden();
        Hamlet? h = null;
        if (id is not null && (h = await db.Hamlets.FirstOrDefaultAsync(x => x.Id == id, ct)) is null)
            return Outcome<Hamlet>.NotFound();

        input.Name = VietnameseText.Normalize(input.Name) ?? "";
        input.Notes = VietnameseText.Normalize(input.Notes);
        var errors = new Errors();
        errors.Annotations(input, P);
        if (input.Name.Length > 0 && await db.Hamlets.NameTakenAsync(input.Name, id, ct))
            errors.Add(P + nameof(input.Name), "Đã có ấp cùng tên.");
        // A population of 0 means not yet known: the households may be counted before the inhabitants.
        if (input.Households > input.Population && input.Population > 0)
            errors.Add(P + nameof(input.Households), "Số hộ không thể lớn hơn dân số.");
        if (errors.Any) return Outcome<Hamlet>.Invalid(errors.List);

        var record = h ?? new Hamlet { Name = input.Name, CommuneId = db.Scope.CommuneId };
        input.ApplyTo(record);
        return await db.AddOrEditAsync(diff, record, h is null, version, input, HamletInput.From, ct);
    }
}
