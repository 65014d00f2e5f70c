using Microsoft.AspNetCore.Mvc.Rendering;
using PhatTrienDangVien.Web.Planning;

namespace PhatTrienDangVien.Web.Pages.Reports;

/// <summary>The head of a report as a party document lays it out: the committee top left, the Party's name top right,
/// the heading in capitals, the period and the date produced (the same lines as the .xlsx title rows).</summary>
public sealed record ReportTitle(string Committee, string Heading, IReadOnlyList<string> Lines, DateOnly Produced)
{
    /// <summary>What the date under the Party's name is: a report is drawn up ("Ngày lập"), a list's print view is a
    /// copy of the list as it stood the day it was printed ("Ngày in").</summary>
    public string DateLabel { get; init; } = "Ngày lập";
}

/// <summary>The filters of a report: the period picker (none for a report "as of today"; <paramref name="WithTerm"/>
/// offers the current term) and the organisation picker.</summary>
public sealed record PeriodForm(string? Period, int? Number, int Year, bool WithTerm = true)
{
    public IReadOnlyList<SelectListItem> Organisations { get; init; } = [];

    /// <summary>Other choices of the page (a filter, the sort) that choosing another period keeps.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Keep { get; init; } = [];

    /// <summary>The organisations a report may be made for, as the dashboard offers them; a user whose default is all the
    /// cells in their charge (<see cref="PlanData.Selection.Union"/>) gets that as the first choice, with no OrgId.</summary>
    public static List<SelectListItem> Choices(PlanData.Selection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var items = new List<SelectListItem>();
        if (selection.Union is not null) items.Add(new SelectListItem(AllInCharge, "", true));
        items.AddRange(selection.Organisations.OrderBy(o => o.Kind).ThenBy(o => o.Name, Shared.Lookups.Collator)
            .Select(o => new SelectListItem(o.Name, o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                selection.Union is null && o.Id == selection.Selected.Id)));
        return items;
    }

    public const string AllInCharge = "Tất cả các chi bộ được giao";
}
