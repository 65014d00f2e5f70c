using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Classes;

/// <summary>
/// The propaganda and education log (plan point P4): who may record which sessions, the checks, and the year's summary
/// beside the pool, against a hand count, for the office and for a cell secretary (whose scope sees only their cell).
/// </summary>
public abstract class PropagandaTests<TApp>(TApp app) where TApp : AppFactory
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, object input)
    {
        var r = await client.PostAsJsonAsync("/api/propaganda-sessions", new { input, version = 0 });
        var text = await r.Content.ReadAsStringAsync();
        return (r.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static async Task<JsonElement> SummaryAsync(HttpClient client)
    {
        var r = await client.GetAsync("/api/propaganda-summary?year=2026");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement Row(JsonElement summary, string list, string key, object value) =>
        summary.GetProperty(list).EnumerateArray().Single(r => r.GetProperty(key).ToString() == value.ToString());

    [Fact]
    public async Task Sessions_are_recorded_within_the_scope_and_the_year_is_set_beside_the_pool_it_fed()
    {
        var d = app.Data;
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var secretaryBrowser = await Browser.LoginAsync(app, "secretary");
        var secretary = secretaryBrowser.Client;

        // Refused, each with its reason, nothing kept.
        var (s, body) = await PostAsync(secretary, new { date = "2026-02-01", organiser = "Cell", cellId = d.CellB, topic = "Học tập Điều lệ Đảng", headcount = 20 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ToString().ShouldContain("Chi bộ không có trong phạm vi được giao.");
        (s, body) = await PostAsync(secretary, new { date = "2026-02-01", organiser = "YouthUnion", organiserName = "Đoàn xã", topic = "Lý tưởng", headcount = 20 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ToString().ShouldContain("buổi của đoàn thể cấp xã do văn phòng đảng ủy ghi");
        (s, body) = await PostAsync(secretary, new { date = "2026-02-01", organiser = "Cell", cellId = d.CellA, topic = "Lý tưởng", headcount = 5, candidateIds = new[] { d.CandidateA, d.CandidateB } });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ToString().ShouldContain("Có quần chúng được chọn không có trong phạm vi được giao.");
        (s, body) = await PostAsync(secretary, new { date = "2026-02-01", organiser = "Cell", cellId = d.CellA, topic = "Lý tưởng", headcount = 1, candidateIds = new[] { d.CandidateA, d.MentorMemberA } });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ToString().ShouldContain("nhiều hơn số người dự (1)");
        (s, body) = await PostAsync(secretary, new { date = "2027-02-01", organiser = "Cell", cellId = d.CellA, topic = "Lý tưởng", headcount = 5 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ToString().ShouldContain("Ngày phải từ năm 2000 đến hôm nay");
        (await (await office.GetAsync("/api/propaganda-sessions?year=2026")).Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength().ShouldBe(0);

        // 3/1 the cell (25, candidate A, before A entered the pool on 5/1); 10/3 the commune's Youth Union (40, A and B); 1/4 the cell again, no source.
        (s, body) = await PostAsync(secretary, new { date = "2026-01-03", organiser = "Cell", cellId = d.CellA, topic = "Truyền thống của Đảng", audienceCategoryId = d.SourceCategoryId, headcount = 25, candidateIds = new[] { d.CandidateA } });
        s.ShouldBe(HttpStatusCode.Created, body.ToString());
        (s, body) = await PostAsync(office, new { date = "2026-03-10", organiser = "YouthUnion", organiserName = "Đoàn xã", topic = "Thanh niên với Đảng", audienceCategoryId = d.SourceCategoryId, headcount = 40, candidateIds = new[] { d.CandidateA, d.CandidateB } });
        s.ShouldBe(HttpStatusCode.Created, body.ToString());
        (s, body) = await PostAsync(secretary, new { date = "2026-04-01", organiser = "Cell", cellId = d.CellA, topic = "Nghị quyết đại hội", headcount = 10 });
        s.ShouldBe(HttpStatusCode.Created, body.ToString());

        var all = await SummaryAsync(office);
        all.GetProperty("sessions").GetInt32().ShouldBe(3);
        all.GetProperty("headcount").GetInt32().ShouldBe(75);
        var category = Row(all, "categories", "categoryId", d.SourceCategoryId);
        category.GetProperty("sessions").GetInt32().ShouldBe(2);
        category.GetProperty("headcount").GetInt32().ShouldBe(65);
        category.GetProperty("candidatesCame").GetInt32().ShouldBe(2);
        category.GetProperty("enteredPool").GetInt32().ShouldBe(2);
        category.GetProperty("enteredAfterSession").GetInt32().ShouldBe(1);
        category.GetProperty("inPool").GetInt32().ShouldBe(2);
        Row(all, "categories", "categoryId", "").GetProperty("headcount").GetInt32().ShouldBe(10);
        var youth = Row(all, "organisers", "name", "Đoàn xã");
        youth.GetProperty("sessions").GetInt32().ShouldBe(1);
        youth.GetProperty("candidates").GetInt32().ShouldBe(2);

        // The cell secretary's year: only the cell's sessions and the cell's pool.
        var mine = await SummaryAsync(secretary);
        mine.GetProperty("sessions").GetInt32().ShouldBe(2);
        category = Row(mine, "categories", "categoryId", d.SourceCategoryId);
        category.GetProperty("sessions").GetInt32().ShouldBe(1);
        category.GetProperty("headcount").GetInt32().ShouldBe(25);
        category.GetProperty("enteredPool").GetInt32().ShouldBe(1);
        category.GetProperty("enteredAfterSession").GetInt32().ShouldBe(1);

        // The page shows the same and deletes after its confirmation, through the same scope.
        var (page, doc) = await secretaryBrowser.GetAsync("/Propaganda?Year=2026");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        doc.QuerySelectorAll("tr[data-row]").Length.ShouldBe(2);
        doc.Body!.TextContent.ShouldNotContain("Thanh niên với Đảng");
        var sessions = await (await secretary.GetAsync("/api/propaganda-sessions?year=2026")).Content.ReadFromJsonAsync<JsonElement>();
        var last = sessions.EnumerateArray().Single(x => x.GetProperty("input").GetProperty("topic").GetString() == "Nghị quyết đại hội").GetProperty("id").GetInt32();
        var deleted = await secretaryBrowser.PostRawAsync($"/Propaganda?handler=Delete&id={last}", [], "/Propaganda");
        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await SummaryAsync(office)).GetProperty("sessions").GetInt32().ShouldBe(2);
        // The mentor and the inspector read; they record nothing.
        var inspector = (await Browser.LoginAsync(app, "inspector")).Client;
        (await PostAsync(inspector, new { date = "2026-02-01", organiser = "Cell", cellId = d.CellA, topic = "X", headcount = 1 })).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await inspector.GetAsync("/Propaganda")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class PropagandaTests_Sqlite(SqliteApp app) : PropagandaTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PropagandaTests_Postgres(PostgresApp app) : PropagandaTests<PostgresApp>(app), IClassFixture<PostgresApp>;
