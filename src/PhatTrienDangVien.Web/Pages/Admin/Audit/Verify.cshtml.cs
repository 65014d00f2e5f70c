using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Admin.Audit;

/// <summary>The integrity of the commune's audit chain, as verify-audit reports it (the scope keeps it to the commune).</summary>
[RequirePermission(Permission.ReadAudit)]
public class VerifyModel(AuditVerifier verifier) : AdminPageModel
{
    public List<ChainReport> Reports { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Reports = await verifier.VerifyAsync(ct);
}
