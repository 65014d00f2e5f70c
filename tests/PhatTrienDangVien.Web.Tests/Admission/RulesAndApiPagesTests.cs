using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Admission.AdmissionHttp;

namespace PhatTrienDangVien.Web.Tests.Admission;

/// <summary>The rule parameters page (read by all, versions added by the administrator) and the API listing page.</summary>
public abstract class RulesAndApiPagesTests<TApp>(TApp app) where TApp : AppFactory
{
    private Task<int> StoredVersionsAsync() => app.WithSystemScopeAsync(db => db.RuleParameters.CountAsync());

    private static Dictionary<string, string> Version(string key, string value, string from, string citation = "Hướng dẫn thử nghiệm 01-HD (kiểm thử)") => new()
    {
        ["Input.Key"] = key, ["Input.Value"] = value, ["Input.EffectiveFrom"] = from, ["Input.Citation"] = citation, ["Input.IsConfirmed"] = "true",
    };

    [Fact]
    public async Task Everyone_logged_in_reads_the_rules_with_their_sources_and_only_the_admin_sees_the_form()
    {
        var mentor = await Browser.LoginAsync(app, "mentor");
        var (r, doc) = await mentor.GetAsync("/Rules");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        doc.QuerySelectorAll("#in-force tbody tr").Length.ShouldBe(18);
        var probation = doc.QuerySelector("#in-force tr[data-key=ProbationMonths]")!.TextContent;
        probation.ShouldContain("Thời kỳ dự bị 12 tháng");
        probation.ShouldContain("Điều lệ Đảng, Điều 5");
        probation.ShouldContain("đã xác nhận");
        var decision = doc.QuerySelector("#in-force tr[data-key=DecisionDeadlineWorkingDays]")!.TextContent;
        decision.ShouldContain("60 ngày làm việc");
        decision.ShouldContain("suy luận, cần đối chiếu");
        decision.ShouldContain("01/07/2025");
        doc.QuerySelector("input[name='Input.Value']").ShouldBeNull();

        var (_, adminPage) = await (await Browser.LoginAsync(app, "admin")).GetAsync("/Rules");
        adminPage.QuerySelector("input[name='Input.Value']").ShouldNotBeNull();

        var anonymous = await Browser.Anonymous(app).Client.GetAsync("/Rules");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    [Fact]
    public async Task The_admin_adds_a_version_which_the_page_and_the_rule_book_show_at_once()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        // Read once, so that the rule book is cached before the change.
        (await admin.Client.GetFromJsonAsync<JsonElement>("/api/rules")).GetProperty("versions").EnumerateArray()
            .ShouldNotContain(v => v.Str("key") == "DecisionDeadlineWorkingDays" && v.GetProperty("value").GetDecimal() == 45m);
        var before = await StoredVersionsAsync();

        var r = await admin.PostFormAsync("/Rules", Version("DecisionDeadlineWorkingDays", "45", "2026-12-01"));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        r.Headers.Location!.ToString().ShouldBe("/Rules");
        (await StoredVersionsAsync()).ShouldBe(before + 1);

        var (_, doc) = await admin.GetAsync("/Rules");
        doc.QuerySelector(".alert-success")!.TextContent.ShouldContain("áp dụng từ 01/12/2026");
        doc.QuerySelector(".alert-success")!.TextContent.ShouldNotContain("Lưu ý");
        var history = doc.QuerySelector("#history-DecisionDeadlineWorkingDays")!.TextContent;
        history.ShouldContain("01/12/2026");
        history.ShouldContain("45 ngày làm việc");
        history.ShouldContain("sắp áp dụng");
        history.ShouldContain("Hướng dẫn thử nghiệm 01-HD");
        // Today is 20/11/2026: the 60 days still apply.
        doc.QuerySelector("#in-force tr[data-key=DecisionDeadlineWorkingDays]")!.TextContent.ShouldContain("60 ngày làm việc");

        var rules = await admin.Client.GetFromJsonAsync<JsonElement>("/api/rules");
        var added = rules.GetProperty("versions").EnumerateArray()
            .Single(v => v.Str("key") == "DecisionDeadlineWorkingDays" && v.Date("effectiveFrom") == D("2026-12-01"));
        added.GetProperty("value").GetDecimal().ShouldBe(45m);
        added.GetProperty("isConfirmed").GetBoolean().ShouldBeTrue();
        added.GetProperty("isDefault").GetBoolean().ShouldBeFalse();
        added.Str("unit").ShouldBe("ngày làm việc");

        var audit = await app.WithSystemScopeAsync(db => db.AuditEntries.Where(a => a.EntityType == "RuleParameter").ToListAsync());
        audit.ShouldContain(a => a.UserName == "admin" && a.Action == "Tạo mới");

        // A date already past is accepted, with the warning that earlier steps keep their values; it applies today.
        r = await admin.PostFormAsync("/Rules", Version("CeremonyDeadlineWorkingDays", "20", "2026-01-01"));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (_, doc) = await admin.GetAsync("/Rules");
        doc.QuerySelector(".alert-success")!.TextContent.ShouldContain("Lưu ý: ngày áp dụng đã qua");
        doc.QuerySelector("#in-force tr[data-key=CeremonyDeadlineWorkingDays]")!.TextContent.ShouldContain("20 ngày làm việc");
        (await admin.Client.GetFromJsonAsync<JsonElement>("/api/rules")).GetProperty("inForce").EnumerateArray()
            .Single(p => p.Str("key") == "CeremonyDeadlineWorkingDays").GetProperty("value").GetDecimal().ShouldBe(20m);
    }

    [Theory]
    [InlineData("office")]
    [InlineData("secretary")]
    [InlineData("inspector")]
    public async Task A_user_who_is_not_the_admin_cannot_add_a_version(string user)
    {
        var b = await Browser.LoginAsync(app, user);
        var before = await StoredVersionsAsync();
        var r = await b.PostRawAsync("/Rules", Version("ProbationMonths", "6", "2027-01-01"), tokenPage: "/Rules");
        (r.StatusCode == HttpStatusCode.Forbidden
            || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/Account/Denied", StringComparison.Ordinal)))
            .ShouldBeTrue($"{user}: {r.StatusCode} {r.Headers.Location}");
        (await StoredVersionsAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("MaxRecognitionVotes", "4.5", "số nguyên không âm")]
    [InlineData("MaxRecognitionVotes", "4,5", "số nguyên không âm")]
    [InlineData("IntroducerMinMonthsTogether", "-3", "số nguyên không âm")]
    [InlineData("IntroducerMinMonthsTogether", "mười hai", "không phải là một số")]
    [InlineData("VoteNumerator", "4", "Tỷ lệ biểu quyết 4/3 không hợp lệ")]
    [InlineData("ProbationMonths", "0", "phải lớn hơn 0")]
    [InlineData("MinAgeMonths", "800", "phải nhỏ hơn tuổi tối đa")]
    [InlineData("NoSuchRule", "1", "không có trong danh mục")]
    public async Task A_bad_value_is_refused_with_a_message_and_nothing_is_saved(string key, string value, string message)
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var before = await StoredVersionsAsync();
        var r = await admin.PostRawAsync("/Rules", Version(key, value, "2027-02-01"), tokenPage: "/Rules");
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await r.Content.ReadAsStringAsync();
        System.Net.WebUtility.HtmlDecode(html).ShouldContain(message);
        (await StoredVersionsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_api_page_lists_every_endpoint_of_the_openapi_document_by_tag()
    {
        var b = await Browser.LoginAsync(app, "office");
        var openApi = await b.Client.GetFromJsonAsync<JsonElement>("/api/openapi/v1.json");
        var operations = openApi.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _))
                .Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))
            .ToHashSet();
        operations.ShouldContain("GET /api/candidates/{id}/timeline");
        operations.ShouldContain("POST /api/candidates/{id}/steps");
        operations.ShouldContain("GET /api/rules");

        var (r, doc) = await b.GetAsync("/ApiDocs");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = doc.QuerySelectorAll("tbody tr")
            .Select(tr => $"{tr.QuerySelector("td:nth-child(1)")!.TextContent.Trim()} {tr.QuerySelector("td:nth-child(2)")!.TextContent.Trim()}")
            .ToHashSet();
        rows.SetEquals(operations).ShouldBeTrue($"page: {string.Join(", ", rows.Except(operations))}; document: {string.Join(", ", operations.Except(rows))}");
        var headings = doc.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()).ToList();
        headings.ShouldContain("Thủ tục kết nạp");
        headings.ShouldContain("Quy định kết nạp");
        headings.ShouldContain("Lịch");
        doc.Body!.TextContent.ShouldContain("Ghi nhận một bước của thủ tục kết nạp");
        doc.QuerySelector("#openapi-link")!.GetAttribute("href").ShouldBe("/api/openapi/v1.json");

        var anonymous = await Browser.Anonymous(app).Client.GetAsync("/ApiDocs");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}

public sealed class RulesAndApiPagesTests_Sqlite(SqliteApp app) : RulesAndApiPagesTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class RulesAndApiPagesTests_Postgres(PostgresApp app) : RulesAndApiPagesTests<PostgresApp>(app), IClassFixture<PostgresApp>;
