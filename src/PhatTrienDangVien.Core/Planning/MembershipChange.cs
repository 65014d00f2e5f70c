using PhatTrienDangVien.Core.People;

namespace PhatTrienDangVien.Core.Planning;

/// <summary>One period of the membership figures: who came in by admission, who left and how, and the net change.</summary>
public sealed record MembershipPeriod(string Label, DateOnly First, DateOnly Last, int Admitted, IReadOnlyDictionary<MemberStatus, int> LeftBy)
{
    public int Left => LeftBy.Values.Sum();
    /// <summary>Admissions less exits. Members who moved in from another commune are not admissions and are not counted.</summary>
    public int Net => Admitted - Left;
    public int LeftAs(MemberStatus how) => LeftBy.GetValueOrDefault(how);
}

/// <summary>
/// Admissions, exits and net change per year and for the term (plan point P10; domain.md §6 "removals and net
/// change"). An admission counts on its ceremony date (probation starts there, as the new-members figures count);
/// an exit on the day it took effect. Pure: the web layer reads the dates, this counts them.
/// </summary>
public static class MembershipChange
{
    /// <summary>The ways of leaving, in the order the tables show them.</summary>
    public static IReadOnlyList<MemberStatus> ExitStatuses { get; } =
        [MemberStatus.Removed, MemberStatus.Expelled, MemberStatus.LeftParty, MemberStatus.TransferredOut, MemberStatus.Deceased];

    public static IReadOnlyList<MembershipPeriod> PerYear(IEnumerable<TermYear> years, IReadOnlyCollection<DateOnly> admitted,
        IReadOnlyCollection<(DateOnly On, MemberStatus How)> left)
    {
        ArgumentNullException.ThrowIfNull(years);
        ArgumentNullException.ThrowIfNull(admitted);
        ArgumentNullException.ThrowIfNull(left);
        return [.. years.Select(y => Period(y.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), y.First, y.Last, admitted, left))];
    }

    public static MembershipPeriod Period(string label, DateOnly first, DateOnly last, IReadOnlyCollection<DateOnly> admitted,
        IReadOnlyCollection<(DateOnly On, MemberStatus How)> left)
    {
        ArgumentNullException.ThrowIfNull(admitted);
        ArgumentNullException.ThrowIfNull(left);
        var by = left.Where(l => l.On >= first && l.On <= last && MemberStatuses.HasLeft(l.How))
            .GroupBy(l => l.How).ToDictionary(g => g.Key, g => g.Count());
        return new MembershipPeriod(label, first, last, admitted.Count(a => a >= first && a <= last), by);
    }
}
