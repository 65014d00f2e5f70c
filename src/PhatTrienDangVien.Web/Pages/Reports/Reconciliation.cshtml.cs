using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Planning;

namespace PhatTrienDangVien.Web.Pages.Reports;

/// <summary>Đối chiếu: the register's admissions of the term against the admission cases.</summary>
[RequirePermission(Permission.ViewPlan)]
public class ReconciliationModel(Reconciliation reconciliation) : PageModel
{
    public Reconciliation.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Result = await reconciliation.ForCurrentTermAsync(ct);
}
