using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Admission.AdmissionHttp;

namespace PhatTrienDangVien.Web.Tests.Admission;

/// <summary>The public calendar API, on which the admission deadlines rest: no login, concrete dates of 2026.</summary>
public abstract class CalendarApiTests<TApp>(TApp app) where TApp : AppFactory
{
    private HttpClient Anonymous => Browser.Anonymous(app).Client;

    [Fact]
    public async Task The_lunar_new_year_2026_is_the_first_day_of_the_first_month()
    {
        var r = await Anonymous.GetAsync("/api/calendar/lunar?date=2026-02-17");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var l = await r.Content.ReadFromJsonAsync<JsonElement>();
        l.GetProperty("lunarDay").GetInt32().ShouldBe(1);
        l.GetProperty("lunarMonth").GetInt32().ShouldBe(1);
        l.GetProperty("lunarYear").GetInt32().ShouldBe(2026);
        l.GetProperty("isLeapMonth").GetBoolean().ShouldBeFalse();
        l.Str("canChi").ShouldBe("Bính Ngọ");
        // The day before is the last of the old year (29 tháng Chạp, Ất Tỵ).
        var eve = await Anonymous.GetFromJsonAsync<JsonElement>("/api/calendar/lunar?date=2026-02-16");
        eve.GetProperty("lunarMonth").GetInt32().ShouldBe(12);
        eve.GetProperty("lunarYear").GetInt32().ShouldBe(2025);
    }

    [Fact]
    public async Task The_holidays_of_2026_contain_reunification_day_labour_day_and_tet()
    {
        var r = await Anonymous.GetAsync("/api/calendar/holidays?year=2026");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var days = (await r.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .Where(h => h.GetProperty("isDayOff").GetBoolean()).Select(h => h.Date("date")).ToList();
        days.ShouldContain(D("2026-04-30"));
        days.ShouldContain(D("2026-05-01"));
        days.ShouldContain(D("2026-01-01"));
        days.ShouldContain(D("2026-09-02"));
        // Tết Bính Ngọ: 29 tháng Chạp (16/2) and 1–4 tháng Giêng (17–20/2).
        foreach (var tet in new[] { "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20" })
            days.ShouldContain(D(tet));
        // Giỗ Tổ Hùng Vương, 10/3 âm lịch = 26/4/2026, a Sunday: the day off moves to Monday 27/4.
        days.ShouldContain(D("2026-04-27"));
    }

    [Fact]
    public async Task Five_working_days_from_10_February_2026_skip_tet()
    {
        var r = await Anonymous.GetAsync("/api/calendar/working-days?from=2026-02-10&days=5");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var wd = await r.Content.ReadFromJsonAsync<JsonElement>();
        // 11, 12, 13/2; Tết 16–20/2; weekend 21–22/2; then 23, 24/2.
        wd.Date("result").ShouldBe(D("2026-02-24"));
        wd.GetProperty("holidaysSkipped").EnumerateArray().Count().ShouldBe(5);
    }

    [Theory]
    [InlineData("/api/calendar/lunar?date=2026-13-01")]
    [InlineData("/api/calendar/lunar")]
    [InlineData("/api/calendar/holidays?year=1800")]
    [InlineData("/api/calendar/working-days?from=2026-02-10&days=-1")]
    [InlineData("/api/calendar/working-days?from=10/02/2026&days=5")]
    public async Task Bad_calendar_input_is_a_400_problem(string url)
    {
        var r = await Anonymous.GetAsync(url);
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await r.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe(400);
        problem.Str("detail").ShouldContain("phải");
    }
}

public sealed class CalendarApiTests_Sqlite(SqliteApp app) : CalendarApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class CalendarApiTests_Postgres(PostgresApp app) : CalendarApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
