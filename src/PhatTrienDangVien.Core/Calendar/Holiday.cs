namespace PhatTrienDangVien.Core.Calendar;

/// <summary>Why a date appears in a year's holiday list.</summary>
public enum HolidayKind
{
    /// <summary>A public holiday (ngày nghỉ lễ, tết) under the Labour Code.</summary>
    PublicHoliday,

    /// <summary>A compensatory day off (ngày nghỉ bù) for a holiday that fell on a weekend.</summary>
    CompensatoryDayOff,

    /// <summary>An extra day off announced for that year (e.g. a swapped working day before Tết).</summary>
    ExtraDayOff,

    /// <summary>A weekend or holiday date made a working day (ngày làm bù), e.g. a make-up Saturday.</summary>
    MakeUpWorkingDay,
}

/// <summary>One dated entry of a year's holiday calendar.</summary>
/// <param name="Date">The day.</param>
/// <param name="Name">Vietnamese, user-visible name, e.g. "Tết Nguyên đán" or "Nghỉ bù Quốc khánh".</param>
/// <param name="Kind">What the entry means; every kind except <see cref="HolidayKind.MakeUpWorkingDay"/> is a day off.</param>
public sealed record Holiday(DateOnly Date, string Name, HolidayKind Kind)
{
    /// <summary>True when the entry is a day off (everything except a make-up working day).</summary>
    public bool IsDayOff => Kind != HolidayKind.MakeUpWorkingDay;
}
