using System.Text.RegularExpressions;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Architecture;

/// <summary>
/// The scope is two query filters (commune, cells). Every read that goes past them is listed here after review: a new
/// one fails this test until someone has looked at it, written why above it, and added it to the list.
/// </summary>
public partial class QueryFilterBypassTests
{
    /// <summary>Reads past both filters, by file. Each carries a "// Bypass reviewed:" comment just above it.</summary>
    private static readonly Dictionary<string, int> s_fullBypasses = new()
    {
        // The scope is being built from the signed-in user: no filter can apply yet; the commune is named in the query.
        ["src/PhatTrienDangVien.Web/Authorization/ScopeMiddleware.cs"] = 3,
        // How many communes the installation serves: a count, not anyone's record.
        ["src/PhatTrienDangVien.Web/Authorization/InstallationRules.cs"] = 1,
        // The list of communes itself (names, states), for the province board of no commune and the sign-in check.
        ["src/PhatTrienDangVien.Web/Province/Communes.cs"] = 1,
        ["src/PhatTrienDangVien.Web/Auditing/AccessTrail.cs"] = 1,
        // A citizen ID is unique across the installation; nothing of the other record is shown.
        ["src/PhatTrienDangVien.Web/People/PersonInput.cs"] = 1,
        // The import's bulk check of the same uniqueness: which of the file's numbers another commune holds, nothing more.
        ["src/PhatTrienDangVien.Web/Import/ImportPlan.cs"] = 1,
        // The commune a case's step belongs to, when the system writes it: one column, to label its audit row.
        ["src/PhatTrienDangVien.Web/Auditing/AuditWriter.cs"] = 1,
        // The installation's commune names, to choose which a political centre serves.
        ["src/PhatTrienDangVien.Web/Classes/SaveCenter.cs"] = 1,
        // A class's places of every commune, counted, for its size and for what its dates and seats may still change to.
        ["src/PhatTrienDangVien.Web/Classes/Nominations.cs"] = 1,
        ["src/PhatTrienDangVien.Web/Classes/SaveClass.cs"] = 1,
        // The centre's certificate numbers already given, to refuse one given twice; names only of people the user sees.
        ["src/PhatTrienDangVien.Web/Classes/RecordClassResults.cs"] = 1,
        // The class touched to take SQLite's write lock; nothing read.
        ["src/PhatTrienDangVien.Web/Data/AppDbContext.Locks.cs"] = 1,
        // The communes of steps and scans the system writes (no commune in its scope), to raise their data versions.
        ["src/PhatTrienDangVien.Web/Data/AppDbContext.cs"] = 2,
    };

    /// <summary>Reads of the whole commune past the cell filter only (<c>WholeCommune()</c>), by file.</summary>
    private static readonly Dictionary<string, int> s_cellBypasses = new()
    {
        ["src/PhatTrienDangVien.Web/Accounts/AccountRules.cs"] = 2,                // the cell and member named on an account
        ["src/PhatTrienDangVien.Web/Exits/OpenReadmission.cs"] = 1,                // one open case per person, whichever cell holds it
        ["src/PhatTrienDangVien.Web/Pages/Exits/Edit.cshtml.cs"] = 1,              // a probationary member's case, for the link to it
        ["src/PhatTrienDangVien.Web/Exits/ExitReads.cs"] = 1,                      // the case of a removal recorded by the procedure (link)
        ["src/PhatTrienDangVien.Web/Exits/SaveExit.cs"] = 2,                       // one proposal awaiting a decision per member; an open re-admission case before undoing an exit
        ["src/PhatTrienDangVien.Web/Admission/AdmissionCases.cs"] = 12,            // voters (their cell history, their recognition), mentors, introducers of a cell; the applicant's past exits (re-admission)
        ["src/PhatTrienDangVien.Web/Admission/RecordStep.cs"] = 1,
        ["src/PhatTrienDangVien.Web/Admission/OpenRecognition.cs"] = 1,            // whether the person already has a case anywhere in the commune
        ["src/PhatTrienDangVien.Web/Import/ImportCommands.cs"] = 1,               // the commune committee, parent of a cell the import creates
        ["src/PhatTrienDangVien.Web/Import/ImportPlan.cs"] = 2,                   // the commune's cells by name, whether a person is already a member
        ["src/PhatTrienDangVien.Web/Import/UndoImport.cs"] = 18,                  // the batch's records and everything that may depend on them
        ["src/PhatTrienDangVien.Web/Pages/Import/Preview.cshtml.cs"] = 1,         // the commune's cells to choose from                 // the register row of an admitted person
        ["src/PhatTrienDangVien.Web/Admission/WorkList.cs"] = 3,                   // who must act on a visible case; whether a register member has a case
        ["src/PhatTrienDangVien.Web/Api/OrganisationApi.cs"] = 1,                  // residents per hamlet (a count)
        ["src/PhatTrienDangVien.Web/Pages/Classes/Details.cshtml.cs"] = 1,         // the commune's places in a class (counts: the seats are the commune's)
        ["src/PhatTrienDangVien.Web/Application/ConflictDiff.cs"] = 2,             // names on the user's own form
        ["src/PhatTrienDangVien.Web/Auditing/AuditView.cs"] = 3,                   // names on the commune's own change history
        ["src/PhatTrienDangVien.Web/Auditing/ActorNames.cs"] = 1,                  // the name of the member an account is linked to, on the trail
        ["src/PhatTrienDangVien.Web/Documents/FormValues.cs"] = 3,
        ["src/PhatTrienDangVien.Web/Evaluations/RatingPapers.cs"] = 2,            // the cell's parent and secretary named on its rating papers
        ["src/PhatTrienDangVien.Web/Evaluations/SaveRating.cs"] = 1,
        ["src/PhatTrienDangVien.Web/Evaluations/RatingReads.cs"] = 1,             // a visible member's rating saved in their former cell              // the year's levels of every cell or member, for the cap on "excellent"                 // the commune, the cell's parent, the signers named on a visible case's papers
        ["src/PhatTrienDangVien.Web/Data/AppDbContext.cs"] = 3,                    // the definition itself; a moved or re-dated member's history
        ["src/PhatTrienDangVien.Web/Organisations/DeleteOrganisation.cs"] = 6,     // anything attached, whoever's it is
        ["src/PhatTrienDangVien.Web/Organisations/SaveOrganisation.cs"] = 2,       // the secretary is of that cell; a cell with allocations keeps its kind (yes/no)
        ["src/PhatTrienDangVien.Web/Pages/Candidates/Details.cshtml.cs"] = 1,      // the mentor's name on a visible case
        ["src/PhatTrienDangVien.Web/Pages/Candidates/Edit.cshtml.cs"] = 1,         // the mentor's name on a visible case
        ["src/PhatTrienDangVien.Web/Pages/Candidates/Index.cshtml.cs"] = 1,        // the mentors' names on the list
        ["src/PhatTrienDangVien.Web/Pages/Candidates/Step.cshtml.cs"] = 1,         // the commune's deciding body
        ["src/PhatTrienDangVien.Web/Pages/Candidates/StepText.cs"] = 1,            // names on a visible case
        ["src/PhatTrienDangVien.Web/Pages/Hamlets/Index.cshtml.cs"] = 2,           // residents per hamlet (counts)
        ["src/PhatTrienDangVien.Web/Pages/Members/Details.cshtml.cs"] = 2,         // the case that admitted a visible member; whether an open case blocks a re-admission
        ["src/PhatTrienDangVien.Web/Pages/Organisations/Edit.cshtml.cs"] = 1,      // the cell's members as secretary choices
        ["src/PhatTrienDangVien.Web/Pages/Organisations/Index.cshtml.cs"] = 1,     // secretaries' names on the tree
        ["src/PhatTrienDangVien.Web/Pages/Reports/Progress.cshtml.cs"] = 1,        // the commune's name on the report
        ["src/PhatTrienDangVien.Web/Pages/Account/Index.cshtml.cs"] = 1,          // the commune's name on the user's own account page
        ["src/PhatTrienDangVien.Web/Pages/Responsibilities/Index.cshtml.cs"] = 1,  // committee members' names on the map
        ["src/PhatTrienDangVien.Web/Pages/Responsibilities/Member.cshtml.cs"] = 1, // the committee member's own name
        ["src/PhatTrienDangVien.Web/Responsibilities/AssignInput.cs"] = 1,         // who sits on the commune committee
        ["src/PhatTrienDangVien.Web/Targets/SaveCellTargets.cs"] = 1,              // the year's total across every cell
        ["src/PhatTrienDangVien.Web/Pages/Schools/Index.cshtml.cs"] = 3,           // schools' cells and their counts
        ["src/PhatTrienDangVien.Web/Pages/Shared/LayoutInfo.cs"] = 1,              // the commune's name in the header
        ["src/PhatTrienDangVien.Web/People/MemberInput.cs"] = 2,                   // whether a member came through a case; whether their exit was decided
        ["src/PhatTrienDangVien.Web/People/SavePerson.cs"] = 1,                    // when the member joined the cell they leave
        ["src/PhatTrienDangVien.Web/People/PersonDataExport.cs"] = 1,              // the mentor's name in a person's own data
        ["src/PhatTrienDangVien.Web/Planning/Gaps.cs"] = 1,                        // residents per hamlet (counts)
        ["src/PhatTrienDangVien.Web/Planning/PlanData.cs"] = 3,                    // the case behind an admission, and whether its ceremony was recorded
        ["src/PhatTrienDangVien.Web/Planning/Reconciliation.cs"] = 2,              // whether an admission has a case, anywhere in the commune
        ["src/PhatTrienDangVien.Web/Export/Exporter.cs"] = 1,                      // the commune's name in a file's title rows
        ["src/PhatTrienDangVien.Web/Reports/HamletsReport.cs"] = 2,                // candidates per hamlet (counts), the hamlets' cells
    };

    [GeneratedRegex(@"\.IgnoreQueryFilters\(\)")]
    private static partial Regex FullBypass();

    [GeneratedRegex(@"\.WholeCommune\(\)|IgnoreQueryFilters\(\[Cells\]\)")]
    private static partial Regex CellBypass();

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PhatTrienDangVien.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (PhatTrienDangVien.slnx) was not found.");
    }

    private static IEnumerable<(string File, string[] Lines)> Sources()
    {
        var root = Root();
        return Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllLines(f)));
    }

    /// <summary>Only what differs, so that a failure names the file to look at.</summary>
    private static List<string> Differences(IReadOnlyDictionary<string, int> found, IReadOnlyDictionary<string, int> reviewed) =>
        [.. found.Keys.Union(reviewed.Keys).Order(StringComparer.Ordinal)
            .Where(f => found.GetValueOrDefault(f) != reviewed.GetValueOrDefault(f))
            .Select(f => $"{f}: {found.GetValueOrDefault(f)} in the code, {reviewed.GetValueOrDefault(f)} on the list")];

    [Fact]
    public void Every_full_bypass_of_the_scope_is_on_the_reviewed_list_with_its_reason_written_above_it()
    {
        var found = new Dictionary<string, int>();
        var unexplained = new List<string>();
        foreach (var (file, lines) in Sources())
        {
            for (var i = 0; i < lines.Length; i++)
            {
                if (!FullBypass().IsMatch(lines[i])) continue;
                found[file] = found.GetValueOrDefault(file) + 1;
                var above = lines.Skip(Math.Max(0, i - 3)).Take(Math.Min(3, i));
                if (!above.Any(l => l.TrimStart().StartsWith("// Bypass reviewed:", StringComparison.Ordinal)))
                    unexplained.Add($"{file}:{i + 1}");
            }
        }
        Differences(found, s_fullBypasses).ShouldBeEmpty("a read past every scope filter was added or removed: review it, say why above it, update this list");
        unexplained.ShouldBeEmpty("each full bypass needs a '// Bypass reviewed: why' comment just above it");
    }

    [Fact]
    public void Every_read_of_the_whole_commune_past_the_cell_filter_is_on_the_reviewed_list()
    {
        var found = Sources()
            .Select(s => (s.File, Count: s.Lines.Sum(l => CellBypass().Count(l))))
            .Where(x => x.Count > 0).ToDictionary(x => x.File, x => x.Count);
        Differences(found, s_cellBypasses).ShouldBeEmpty("a read past the cell filter was added or removed: review it and update this list");
    }
}
