using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Setup;

/// <summary>A new commune: its root organisation, its term and the seed plan's source categories.</summary>
public static class CommuneSetup
{
    public static async Task<Organisation> CreateAsync(AppDbContext db, string name, int termStart, int termEnd, bool isDemo,
        CancellationToken ct = default)
    {
        name = VietnameseText.Normalize(name) ?? throw new DomainException("Hãy nhập tên Đảng bộ.");
        if (termEnd <= termStart || termStart < 2000 || termEnd > 2100)
            throw new DomainException("Nhiệm kỳ không hợp lệ: năm kết thúc phải sau năm bắt đầu (ví dụ 2025–2030).");
        var commune = new Organisation
        {
            Kind = OrganisationKind.CommuneCommittee,
            Name = name,
            IsDemo = isDemo,
            AdmissionAuthority = "Ban Thường vụ Đảng ủy xã",
        };
        db.Organisations.Add(commune);
        await db.SaveChangesAsync(ct);
        // The root is its own commune: every other record of this commune points at it.
        commune.CommuneId = commune.Id;
        db.Terms.Add(new Term { CommuneId = commune.Id, StartYear = termStart, EndYear = termEnd });
        var order = 0;
        foreach (var source in DefaultSourceCategories.All)
            db.SourceCategories.Add(new SourceCategory { CommuneId = commune.Id, Code = source.Code, Name = source.Name, SortOrder = ++order });
        await db.SaveChangesAsync(ct);
        return commune;
    }
}
