using System.Collections.Concurrent;

namespace PhatTrienDangVien.Core.Calendar;

/// <summary>
/// Working days of Vietnamese public bodies: Monday–Friday, minus statutory holidays and their compensatory
/// days off, corrected by the administrator's per-year <see cref="CalendarAdjustment"/>s.
/// </summary>
/// <remarks>
/// Each year is computed once and cached. When adjustments are edited, call <see cref="Invalidate"/> for
/// that year (or build a new instance). Thread-safe. Supported years: 1900–2199.
/// </remarks>
public sealed class WorkingDayCalendar
{
    private readonly Func<int, IReadOnlyCollection<CalendarAdjustment>>? _adjustmentsForYear;
    private readonly IReadOnlyList<HolidayRule> _rules;
    private readonly ConcurrentDictionary<int, YearCalendar> _years = new();

    /// <summary>Creates a calendar.</summary>
    /// <param name="adjustmentsForYear">
    /// Returns the administrator's corrections for a solar year; only adjustments dated in that year are used.
    /// If several adjustments share a date, the last one wins. Null means no corrections.
    /// </param>
    /// <param name="rules">Holiday rules; <see cref="VietnamesePublicHolidays.LabourCode2019"/> when null.</param>
    public WorkingDayCalendar(
        Func<int, IReadOnlyCollection<CalendarAdjustment>>? adjustmentsForYear = null,
        IEnumerable<HolidayRule>? rules = null)
    {
        _adjustmentsForYear = adjustmentsForYear;
        _rules = [.. rules ?? VietnamesePublicHolidays.LabourCode2019];
    }

    /// <summary>True if <paramref name="date"/> is a working day.</summary>
    public bool IsWorkingDay(DateOnly date) => GetYear(date.Year).IsWorkingDay(date);

    /// <summary>
    /// The date that is <paramref name="days"/> working days after <paramref name="start"/>; the start date
    /// itself is never counted, and 0 returns <paramref name="start"/> unchanged (even if it is a holiday).
    /// A deadline of N working days from event date D is <c>AddWorkingDays(D, N)</c>: the result is always a
    /// working day for N ≥ 1, and <c>WorkingDaysBetween(D, AddWorkingDays(D, N)) == N</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative.</exception>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        DateOnly date = start;
        for (int counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>
    /// Number of working days in the interval (<paramref name="from"/>, <paramref name="to"/>]: <paramref name="from"/>
    /// excluded, <paramref name="to"/> included; negative when <paramref name="to"/> is before <paramref name="from"/>.
    /// "Working days left until the due date" is <c>WorkingDaysBetween(today, due)</c>: 0 on the due date itself,
    /// negative once it has passed.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        int count = 0;
        for (DateOnly date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The year's effective holiday calendar, sorted by date: statutory holidays and compensatory days off that
    /// were not cancelled, extra days off (<see cref="HolidayKind.ExtraDayOff"/>) and the weekend or holiday dates
    /// turned into working days (<see cref="HolidayKind.MakeUpWorkingDay"/>).
    /// </summary>
    public IReadOnlyList<Holiday> HolidaysOf(int year) => GetYear(year).Holidays;

    /// <summary>Forgets the cached computation of <paramref name="year"/>, e.g. after its adjustments were edited.</summary>
    public void Invalidate(int year) => _years.TryRemove(year, out _);

    /// <summary>Forgets every cached year.</summary>
    public void InvalidateAll() => _years.Clear();

    private YearCalendar GetYear(int year) => _years.GetOrAdd(year, BuildYear);

    private YearCalendar BuildYear(int year)
    {
        IReadOnlyList<Holiday> defaults = VietnamesePublicHolidays.DefaultFor(year, _rules);

        var adjustments = new Dictionary<DateOnly, CalendarAdjustment>();
        foreach (CalendarAdjustment adjustment in _adjustmentsForYear?.Invoke(year) ?? [])
        {
            if (adjustment.Date.Year == year)
            {
                adjustments[adjustment.Date] = adjustment;
            }
        }

        var entries = new List<Holiday>(defaults.Count + adjustments.Count);
        var defaultDates = new HashSet<DateOnly>();
        foreach (Holiday holiday in defaults)
        {
            defaultDates.Add(holiday.Date);
            bool cancelled = adjustments.TryGetValue(holiday.Date, out CalendarAdjustment? adjustment) && adjustment.Kind == AdjustmentKind.WorkingDay;
            if (!cancelled)
            {
                entries.Add(holiday);
            }
        }

        var forcedWorking = new HashSet<DateOnly>();
        foreach (CalendarAdjustment adjustment in adjustments.Values)
        {
            bool offByDefault = defaultDates.Contains(adjustment.Date) || VietnamesePublicHolidays.IsWeekend(adjustment.Date);
            if (adjustment.Kind == AdjustmentKind.DayOff && !defaultDates.Contains(adjustment.Date))
            {
                entries.Add(new Holiday(adjustment.Date, adjustment.Name, HolidayKind.ExtraDayOff));
            }
            else if (adjustment.Kind == AdjustmentKind.WorkingDay)
            {
                forcedWorking.Add(adjustment.Date);
                if (offByDefault)
                {
                    entries.Add(new Holiday(adjustment.Date, adjustment.Name, HolidayKind.MakeUpWorkingDay));
                }
            }
        }

        Holiday[] sorted = [.. entries.OrderBy(h => h.Date)];
        var daysOff = sorted.Where(h => h.IsDayOff).Select(h => h.Date).ToHashSet();
        return new YearCalendar(sorted, daysOff, forcedWorking);
    }

    private sealed class YearCalendar(IReadOnlyList<Holiday> holidays, HashSet<DateOnly> daysOff, HashSet<DateOnly> forcedWorking)
    {
        public IReadOnlyList<Holiday> Holidays { get; } = holidays;

        public bool IsWorkingDay(DateOnly date) =>
            forcedWorking.Contains(date) || (!daysOff.Contains(date) && !VietnamesePublicHolidays.IsWeekend(date));
    }
}
