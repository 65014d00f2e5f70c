using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Classes;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Organisations;

namespace PhatTrienDangVien.Web.Classes;

/// <summary>A political centre as the form writes it.</summary>
public sealed class CenterInput
{
    [Display(Name = "Tên trung tâm"), Required(ErrorMessage = "Hãy nhập tên trung tâm chính trị."), StringLength(200, ErrorMessage = "Tên trung tâm tối đa 200 ký tự.")]
    public string Name { get; set; } = "";
    [Display(Name = "Địa chỉ"), StringLength(300, ErrorMessage = "Địa chỉ tối đa 300 ký tự.")]
    public string? Address { get; set; }
    [Display(Name = "Số điện thoại"), StringLength(20, ErrorMessage = "Số điện thoại tối đa 20 ký tự.")]
    public string? Phone { get; set; }
    [Display(Name = "Giám đốc trung tâm (ký giấy chứng nhận)"), StringLength(100, ErrorMessage = "Họ tên giám đốc tối đa 100 ký tự.")]
    public string? DirectorName { get; set; }
    [Display(Name = "Đang hoạt động")]
    public bool IsActive { get; set; } = true;
    /// <summary>The other communes of the installation the centre serves (its host always is).</summary>
    [Display(Name = "Các xã khác được trung tâm phục vụ")]
    public List<int> ServedCommuneIds { get; set; } = [];

    public static CenterInput From(PoliticalCenter c, IEnumerable<int> served)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new() { Name = c.Name, Address = c.Address, Phone = c.Phone, DirectorName = c.DirectorName, IsActive = c.IsActive, ServedCommuneIds = [.. served] };
    }
}

/// <summary>
/// Adds or edits a political centre of the user's commune (its host): the name unique in the commune, the communes it
/// serves chosen among the installation's. One command for the page and the API.
/// </summary>
public sealed class SaveCenter(AppDbContext db, Access access, ConflictDiff diff, CommuneDirectory communes)
{
    private const string P = "Input.";

    public async Task<Outcome<PoliticalCenter>> HandleAsync(int? id, CenterInput input, int version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.ManageClasses)) return Outcome<PoliticalCenter>.Forbidden();
        var commune = access.Scope.CommuneId;
        PoliticalCenter? c = null;
        // Only the host edits a centre; a commune it serves reads it.
        if (id is not null && (c = await db.PoliticalCenters.FirstOrDefaultAsync(x => x.Id == id && x.CommuneId == commune, ct)) is null)
            return Outcome<PoliticalCenter>.NotFound();

        input.Name = VietnameseText.Normalize(input.Name) ?? "";
        input.Address = VietnameseText.Normalize(input.Address);
        input.Phone = VietnameseText.Normalize(input.Phone);
        input.DirectorName = VietnameseText.Normalize(input.DirectorName);
        input.ServedCommuneIds = [.. (input.ServedCommuneIds ?? []).Where(x => x != commune).Distinct()];
        var errors = new Errors();
        errors.Annotations(input, P);
        var folded = VietnameseText.Fold(input.Name);
        if (input.Name.Length > 0 && (await db.PoliticalCenters.Where(x => x.CommuneId == commune && x.Id != id).Select(x => x.Name).ToListAsync(ct))
                .Any(n => VietnameseText.Fold(n) == folded))
            errors.Add(P + nameof(input.Name), "Đã có trung tâm chính trị cùng tên.");
        var known = (await communes.AllAsync(ct)).Select(x => x.Id).ToHashSet();
        if (input.ServedCommuneIds.Any(x => !known.Contains(x)))
            errors.Add(P + nameof(input.ServedCommuneIds), "Có xã được chọn không có trong phần mềm.");
        if (errors.Any) return Outcome<PoliticalCenter>.Invalid(errors.List);

        var record = c ?? new PoliticalCenter { Name = input.Name, CommuneId = commune };
        record.Name = input.Name;
        record.Address = input.Address;
        record.Phone = input.Phone;
        record.DirectorName = input.DirectorName;
        record.IsActive = input.IsActive;
        if (c is null) db.PoliticalCenters.Add(record);
        else db.ExpectVersion(record, version);
        // The centre first (a new one's key is known only then), then its communes: both or neither.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await db.SaveAsync(record, async token =>
        {
            var now = await db.PoliticalCenters.AsNoTracking().FirstOrDefaultAsync(x => x.Id == record.Id, token);
            if (now is null) return (null, []);
            var nowServed = await db.CenterCommunes.AsNoTracking().Where(x => x.CenterId == now.Id).Select(x => x.CommuneId).ToListAsync(token);
            return (now, await diff.CompareAsync(input, CenterInput.From(now, nowServed), token));
        }, ct);
        if (!outcome.IsDone) return outcome;
        var served = await db.CenterCommunes.Where(x => x.CenterId == record.Id).ToListAsync(ct);
        db.CenterCommunes.RemoveRange(served.Where(s => !input.ServedCommuneIds.Contains(s.CommuneId)));
        foreach (var add in input.ServedCommuneIds.Where(x => served.All(s => s.CommuneId != x)))
            db.CenterCommunes.Add(new CenterCommune { CommuneId = add, CenterId = record.Id });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return outcome;
    }
}

/// <summary>The communes of the installation, by their committee's name: what a centre may serve.</summary>
public sealed class CommuneDirectory(AppDbContext db)
{
    public sealed record Commune(int Id, string Name);

    public async Task<List<Commune>> AllAsync(CancellationToken ct) =>
        // Bypass reviewed: the names of the installation's communes, to choose which a centre serves; nothing else of theirs.
        await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => o.Kind == OrganisationKind.CommuneCommittee)
            .OrderBy(o => o.Name).Select(o => new Commune(o.CommuneId, o.Name)).ToListAsync(ct);
}
