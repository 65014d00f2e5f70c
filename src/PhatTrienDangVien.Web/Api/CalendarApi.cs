using System.Globalization;
using PhatTrienDangVien.Core.Calendar;
using PhatTrienDangVien.Web.Calendar;

namespace PhatTrienDangVien.Web.Api;

/// <summary>The public calendar: lunar dates, holidays, working days. No login: it holds no one's data.</summary>
public static class CalendarApi
{
    public sealed record LunarDto(string Date, int LunarYear, int LunarMonth, int LunarDay, bool IsLeapMonth, string CanChi, string Text);
    public sealed record HolidayDto(string Date, string Name, string Kind, bool IsDayOff);
    public sealed record WorkingDaysDto(string From, int Days, string Result, IReadOnlyList<HolidayDto> HolidaysSkipped);

    public static WebApplication MapCalendarApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/calendar").AllowAnonymous().WithTags("Lịch");
        group.MapGet("/lunar", (string? date) =>
        {
            if (!TryDate(date, out var d)) return BadDate("date");
            var l = VietnameseLunarCalendar.FromSolar(d);
            return Results.Ok(new LunarDto(Iso(d), l.Year, l.Month, l.Day, l.IsLeapMonth, l.YearCanChi, VietnameseLunarCalendar.Describe(d)));
        });
        group.MapGet("/holidays", async (int? year, CalendarService calendars, CancellationToken ct) =>
        {
            if (year is not { } y || y < 1900 || y > 2199)
                return ApiSetup.Problem(StatusCodes.Status400BadRequest, "Năm không hợp lệ", "Tham số year phải là năm từ 1900 đến 2199.");
            return Results.Ok((await calendars.GetAsync(ct)).HolidaysOf(y).Select(ToDto));
        });
        group.MapGet("/working-days", async (string? from, int? days, CalendarService calendars, CancellationToken ct) =>
        {
            if (!TryDate(from, out var start)) return BadDate("from");
            if (days is not { } n || n < 0 || n > 2000)
                return ApiSetup.Problem(StatusCodes.Status400BadRequest, "Số ngày không hợp lệ", "Tham số days phải là số nguyên từ 0 đến 2000.");
            if (start.Year > 2199 || start.AddDays(n * 2 + 60).Year > 2199)
                return ApiSetup.Problem(StatusCodes.Status400BadRequest, "Ngoài phạm vi lịch", "Lịch ngày làm việc tính được đến hết năm 2199.");
            var calendar = await calendars.GetAsync(ct);
            var result = calendar.AddWorkingDays(start, n);
            var skipped = Enumerable.Range(start.Year, result.Year - start.Year + 1).SelectMany(calendar.HolidaysOf)
                .Where(h => h.Date > start && h.Date <= result && h.IsDayOff).Select(ToDto).ToList();
            return Results.Ok(new WorkingDaysDto(Iso(start), n, Iso(result), skipped));
        });
        return app;
    }

    private static HolidayDto ToDto(Holiday h) => new(Iso(h.Date), h.Name, h.Kind.ToString(), h.IsDayOff);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        && date >= VietnameseLunarCalendar.MinSupportedDate && date <= VietnameseLunarCalendar.MaxSupportedDate;

    private static IResult BadDate(string name) => ApiSetup.Problem(StatusCodes.Status400BadRequest, "Ngày không hợp lệ",
        $"Tham số {name} phải là một ngày dạng YYYY-MM-DD từ năm 1900 đến 2200.");
}
