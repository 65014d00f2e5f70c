using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Candidates;

/// <summary>Every step of one case, what comes next and by when, and the rules that apply.</summary>
public class TimelineModel(AdmissionService admission, CalendarService calendar, AppDbContext db) : PageModel
{
    public AdmissionService.LoadedCase Loaded { get; private set; } = null!;
    public PendingAction? Next { get; private set; }
    public IReadOnlyList<Deadline> Deadlines { get; private set; } = [];
    public IReadOnlyList<AdmissionStepKind> Allowed { get; private set; } = [];
    public RuleSet RulesToday { get; private set; } = null!;
    public DateOnly Today => Loaded.Context.Today;
    public Dictionary<int, string> MemberNames { get; private set; } = [];

    public bool CanRecord => db.Scope.CanEditRecords || db.Scope.Role == Roles.Mentor;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var loaded = await admission.LoadAsync(id);
        if (loaded is null) return NotFound();
        Loaded = loaded;
        Next = Core.Admission.Deadlines.NextAction(loaded.Case, loaded.Rules, calendar.Calendar, Today);
        Deadlines = Core.Admission.Deadlines.For(loaded.Case, loaded.Rules, calendar.Calendar);
        Allowed = loaded.Case.AllowedNext(loaded.Rules, Today)
            .Where(k => db.Scope.CanEditRecords || k == AdmissionStepKind.MentorAssessment).ToList();
        RulesToday = loaded.Rules.At(Today);
        MemberNames = await StepText.MemberNamesAsync(db, loaded.Case.Steps);
        return Page();
    }
}
