using System.Globalization;

namespace PhatTrienDangVien.Web.Pages.Shared;

/// <summary>
/// Links from a figure to the list behind it. Each list filters by the same organisation (its cells, as
/// <see cref="Planning.PlanData.SelectAsync"/> reads them) and the same window as the figure, and shows the filter
/// at its top, so the count a user clicks is the number of rows they get.
/// </summary>
public static class Lists
{
    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>People admitted (ceremony in the register) from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static string Admitted(int? orgId, DateOnly from, DateOnly to, string? facet = null) =>
        $"/Dashboard/Admitted?{Org(orgId)}From={Iso(from)}&To={Iso(to)}" + (facet is null ? "" : "&Facet=" + Uri.EscapeDataString(facet));

    /// <summary>The source pool (active candidates) of the organisation's cells.</summary>
    public static string Pool(int? orgId, bool noMentor = false) =>
        ($"/Candidates?{Org(orgId)}" + (noMentor ? "NoMentor=true" : "")).TrimEnd('&', '?');

    /// <summary>The work list of the organisation's cells: "overdue", "due" (within <paramref name="days"/> working days) or "all" of a stage.</summary>
    public static string Work(int? orgId, string show, int? days = null, Core.Admission.AdmissionStage? stage = null) =>
        $"/Work?{Org(orgId)}Show={show}" + (days is { } d ? $"&Days={Id(d)}" : "") + (stage is { } s ? $"&Stage={s}" : "");

    /// <summary>One of the dashboard's "where we are weak" lists.</summary>
    public static string Gaps(int orgId, string kind, double threshold) =>
        $"/Dashboard/Gaps?OrgId={Id(orgId)}&Kind={kind}&Threshold={threshold.ToString(CultureInfo.InvariantCulture)}";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>No organisation: the list holds the user's whole scope (a report over all the cells in their charge).</summary>
    private static string Org(int? orgId) => orgId is { } id ? $"OrgId={Id(id)}&" : "";
}
