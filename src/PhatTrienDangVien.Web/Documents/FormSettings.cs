using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Documents;

/// <summary>
/// What the commune committee's papers need and the register does not hold: the superior body named in the header,
/// who signs for the committee, and the place name before the date. One row per commune; what is not set stays a
/// dotted line on the paper (decision 0021).
/// </summary>
public class FormSetting : CommuneEntity
{
    /// <summary>"Đảng bộ tỉnh An Giang": since the 2025 reform the province's committee (or a named higher committee).</summary>
    public string? SuperiorBody { get; set; }
    public string? SignerName { get; set; }
    /// <summary>A deputy secretary signs in the secretary's stead ("K/T BÍ THƯ / PHÓ BÍ THƯ").</summary>
    public bool SignerIsDeputy { get; set; }
    /// <summary>The place before "ngày … tháng … năm …" when it is not the commune's name.</summary>
    public string? PlaceName { get; set; }
}

internal sealed class FormSettingConfiguration : IEntityTypeConfiguration<FormSetting>
{
    public void Configure(EntityTypeBuilder<FormSetting> b)
    {
        b.ToTable("FormSettings");
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.SuperiorBody).HasMaxLength(200);
        b.Property(e => e.SignerName).HasMaxLength(200);
        b.Property(e => e.PlaceName).HasMaxLength(100);
        b.HasIndex(e => e.CommuneId).IsUnique();
    }
}

/// <summary>Reads and saves a commune's <see cref="FormSetting"/> (one command for the page and any other caller).</summary>
public sealed class FormSettings(AppDbContext db, Access access)
{
    public const int MaxName = 200;

    public sealed record Input(string? SuperiorBody, string? SignerName, bool SignerIsDeputy, string? PlaceName, int Version);

    /// <summary>The commune's settings, or an unsaved empty row (everything dotted) when none were saved.</summary>
    public async Task<FormSetting> OfAsync(int communeId, CancellationToken ct) =>
        await db.FormSettings.AsNoTracking().FirstOrDefaultAsync(s => s.CommuneId == communeId, ct) ?? new FormSetting { CommuneId = communeId };

    public async Task<Outcome<FormSetting>> SaveAsync(Input input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.Has(Permission.ManageFormTemplates)) return Outcome<FormSetting>.Forbidden();
        var superior = Clean(input.SuperiorBody);
        var signer = Clean(input.SignerName);
        var place = Clean(input.PlaceName);
        var errors = new List<FieldError>();
        foreach (var (field, label, raw) in new[] { ("SuperiorBody", "Tên cấp ủy cấp trên", input.SuperiorBody), ("SignerName", "Họ tên người ký", input.SignerName), ("PlaceName", "Địa danh", input.PlaceName) })
            if (raw is not null && TypedText.HasForbidden(raw))
                errors.Add(new(field, $"{label} {TypedText.ForbiddenMessage}"));
        if (superior?.Length > MaxName) errors.Add(new("SuperiorBody", $"Tên cấp ủy cấp trên dài quá {MaxName} ký tự."));
        if (signer?.Length > MaxName) errors.Add(new("SignerName", $"Họ tên người ký dài quá {MaxName} ký tự."));
        if (place?.Length > 100) errors.Add(new("PlaceName", "Địa danh dài quá 100 ký tự."));
        if (errors.Count > 0) return Outcome<FormSetting>.Invalid(errors);

        var communeId = access.Scope.CommuneId;
        var row = await db.FormSettings.FirstOrDefaultAsync(s => s.CommuneId == communeId, ct);
        if (row is null)
        {
            row = new FormSetting { CommuneId = communeId };
            db.FormSettings.Add(row);
        }
        else if (row.Version != input.Version)
            return Outcome<FormSetting>.Conflict(null, [], "Thông tin ký, cấp trên vừa được người khác sửa; hãy tải lại trang để xem và sửa lại.");
        row.SuperiorBody = superior;
        row.SignerName = signer;
        row.SignerIsDeputy = input.SignerIsDeputy;
        row.PlaceName = place;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Outcome<FormSetting>.Conflict(null, [], "Thông tin ký, cấp trên vừa được người khác sửa; hãy tải lại trang để xem và sửa lại.");
        }
        return Outcome<FormSetting>.Done(row);
    }

    // One line each on the paper: a typed line break or run of spaces would break the header's layout.
    private static string? Clean(string? s) => Core.Text.VietnameseText.Normalize(s);
}
