namespace PhatTrienDangVien.Web.Pages.Reports;

/// <summary>The head of a report as a party document lays it out: the committee top left, the Party's name top right,
/// the heading in capitals, the period and the date produced (the same lines as the .xlsx title rows).</summary>
public sealed record ReportTitle(string Committee, string Heading, IReadOnlyList<string> Lines, DateOnly Produced);

/// <summary>The period picker of a report; <paramref name="WithTerm"/> offers the current term as a period.</summary>
public sealed record PeriodForm(string Period, int? Number, int Year, bool WithTerm = true);
