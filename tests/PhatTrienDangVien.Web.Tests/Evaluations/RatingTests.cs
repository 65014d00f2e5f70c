using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Evaluations;

/// <summary>
/// The annual quality rating (plan point P12) by API and page: the cell's self-assessment, the office's score and level
/// (bands, conditions, override with its reason), the development results stored beside a cell's score, the members'
/// rating, the commune's settings, the cap, and the summary by level equal to its lists.
/// </summary>
public abstract class RatingTests<TApp>(TApp app) where TApp : AppFactory
{
    private static async Task<(HttpStatusCode Status, string Body)> PutAsync(HttpClient client, string url, object body)
    {
        var r = await client.PutAsJsonAsync(url, body);
        return (r.StatusCode, await r.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> RowAsync(HttpClient client, string kind, Func<JsonElement, bool> which) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/ratings?year=2026&kind={kind}")).EnumerateArray().Single(which);

    [Fact]
    public async Task A_cell_assesses_itself_the_office_scores_and_the_level_follows_the_bands_with_any_override_and_its_reason()
    {
        var d = app.Data;
        await app.WithSystemScopeAsync(async db =>
        {
            db.CellTargets.Add(new Core.Targets.CellTarget { CommuneId = d.CommuneId, CellId = d.CellA, Year = 2026, Count = 3 });
            return await db.SaveChangesAsync();
        });
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var secretary = (await Browser.LoginAsync(app, "secretary")).Client;
        var inspector = (await Browser.LoginAsync(app, "inspector")).Client;
        string Cell(int id) => $"/api/ratings/2026/Cell/{id}";

        // The cell writes its self-assessment, for its own cell only, and nothing of the committee's part.
        var self = new { selfLevel = "Good", selfAssessment = "Chi bộ hoàn thành tốt nhiệm vụ; kết nạp 2/3 chỉ tiêu." };
        (await PutAsync(secretary, Cell(d.CellA), new { input = self, version = 0 })).Status.ShouldBe(HttpStatusCode.OK);
        // A second first save (the form was opened before the record existed) conflicts instead of replacing it.
        (await PutAsync(office, Cell(d.CellA), new { input = new { selfAssessment = "Bản khác" }, version = 0 })).Status.ShouldBe(HttpStatusCode.Conflict);
        (await PutAsync(secretary, Cell(d.CellB), new { input = self, version = 0 })).Status.ShouldBe(HttpStatusCode.NotFound);
        var (s, body) = await PutAsync(secretary, Cell(d.CellA), new { input = new { self.selfLevel, self.selfAssessment, score = 95 }, version = 2 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("điểm và mức xếp loại do văn phòng Đảng ủy ghi");
        (await PutAsync(inspector, Cell(d.CellA), new { input = self, version = 2 })).Status.ShouldBe(HttpStatusCode.Forbidden);

        // The office notes the deciding body before any score; the cell's next write, with or without it, keeps it.
        (s, body) = await PutAsync(office, Cell(d.CellA), new { input = new { self.selfLevel, self.selfAssessment, decidingBody = "Ban Thường vụ Đảng ủy xã" }, version = 1 });
        s.ShouldBe(HttpStatusCode.OK, body);
        (s, body) = await PutAsync(secretary, Cell(d.CellA), new { input = new { self.selfLevel, selfAssessment = self.selfAssessment + " Đã bổ sung." }, version = 2 });
        s.ShouldBe(HttpStatusCode.OK, body);
        (s, body) = await PutAsync(secretary, Cell(d.CellA), new { input = new { self.selfLevel, self.selfAssessment, decidingBody = "Ban Thường vụ Đảng ủy xã" }, version = 3 });
        s.ShouldBe(HttpStatusCode.OK, body);
        (await PutAsync(secretary, Cell(d.CellA), new { input = new { self.selfLevel, self.selfAssessment, decidingBody = "Chi bộ tự quyết" }, version = 4 })).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await RowAsync(office, "Cell", r => r.GetProperty("cellId").GetInt32() == d.CellA)).GetProperty("decidingBody").GetString().ShouldBe("Ban Thường vụ Đảng ủy xã");

        // The office scores: the bands give the level; "excellent" needs its conditions; another level needs a reason.
        object Scored(decimal score, bool conditions = false, string? level = null, string? reason = null) => new
        {
            self.selfLevel, self.selfAssessment, score, excellentConditionsMet = conditions, level, overrideReason = reason,
            decidingBody = "Ban Thường vụ Đảng ủy xã", decidedOn = "2026-11-15",
        };
        (s, body) = await PutAsync(office, Cell(d.CellA), new { input = Scored(85), version = 4 });
        s.ShouldBe(HttpStatusCode.OK, body);
        var row = await RowAsync(office, "Cell", r => r.GetProperty("cellId").GetInt32() == d.CellA);
        row.GetProperty("level").GetString().ShouldBe("Good");
        row.GetProperty("levelText").GetString().ShouldBe("Hoàn thành tốt nhiệm vụ");
        (s, _) = await PutAsync(office, Cell(d.CellA), new { input = Scored(92), version = 5 });
        s.ShouldBe(HttpStatusCode.OK);
        row = await RowAsync(office, "Cell", r => r.GetProperty("cellId").GetInt32() == d.CellA);
        row.GetProperty("level").GetString().ShouldBe("Good");
        row.GetProperty("explanation").GetString()!.ShouldContain("chưa đạt các điều kiện của mức xuất sắc");
        (s, body) = await PutAsync(office, Cell(d.CellA), new { input = Scored(92, true, "Complete"), version = 7 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("phải ghi rõ lý do");
        (s, body) = await PutAsync(office, Cell(d.CellA), new { input = Scored(101), version = 7 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("Điểm phải từ 0 đến 100");
        (s, _) = await PutAsync(office, Cell(d.CellA), new { input = Scored(92, true, "Complete", "Để xảy ra kết nạp người chưa đủ tiêu chuẩn (kết luận kiểm tra)."), version = 6 });
        s.ShouldBe(HttpStatusCode.OK);
        row = await RowAsync(office, "Cell", r => r.GetProperty("cellId").GetInt32() == d.CellA);
        row.GetProperty("levelFromScore").GetString().ShouldBe("Excellent");
        row.GetProperty("level").GetString().ShouldBe("Complete");
        row.GetProperty("overrideReason").GetString()!.ShouldContain("chưa đủ tiêu chuẩn");
        // The development results beside the score: the cell's target of the year.
        row.GetProperty("development").GetProperty("target").GetInt32().ShouldBe(3);
        var stored = await app.WithSystemScopeAsync(db => Task.FromResult(db.QualityRatings.Single(r => r.CellId == d.CellA && r.MemberId == null && r.Year == 2026).DevelopmentJson));
        stored.ShouldNotBeNull();
        JsonDocument.Parse(stored).RootElement.GetProperty("facts").GetProperty("target").GetInt32().ShouldBe(3);

        // Once the committee has rated, the cell's self-assessment stays as it was.
        (s, body) = await PutAsync(secretary, Cell(d.CellA), new { input = new { selfLevel = "Excellent", self.selfAssessment }, version = 7 });
        s.ShouldBe(HttpStatusCode.BadRequest);

        // A member: the form of the self-assessment and the score; the cap on "excellent" warns on the page.
        (s, body) = await PutAsync(office, $"/api/ratings/2026/Member/{d.MemberA}",
            new { input = new { form = "OutsideSystem", selfLevel = "Good", score = 75, decidingBody = "Chi bộ ấp A", decidedOn = "2026-11-10" }, version = 0 });
        s.ShouldBe(HttpStatusCode.OK, body);
        (await RowAsync(office, "Member", r => r.GetProperty("memberId").GetInt32() == d.MemberA)).GetProperty("level").GetString().ShouldBe("Good");
        (s, _) = await PutAsync(office, Cell(d.CellB), new { input = Scored(95, true), version = 0 });
        s.ShouldBe(HttpStatusCode.OK);

        var browser = new Browser(office);
        var (_, page) = await browser.GetAsync("/Ratings?Year=2026");
        page.QuerySelector("#cell-cap")!.TextContent.ShouldContain("vượt 20%");
        foreach (var figure in new[] { "cells-1", "cells-3", "cells-0", "members-2", "members-0" })
        {
            var link = page.QuerySelector($"[data-figure={figure}]")!;
            var (r, list) = await browser.GetAsync(link.GetAttribute("href")!);
            r.StatusCode.ShouldBe(HttpStatusCode.OK, figure);
            list.QuerySelector("#list-count")!.TextContent.Trim().ShouldBe(link.TextContent.Trim(), figure);
        }
        page.QuerySelector("[data-figure=cells-1]")!.TextContent.ShouldBe("1");
        page.QuerySelector("[data-figure=cells-3]")!.TextContent.ShouldBe("1");
        // The cell's secretary reads the decided rating: the list's link says so.
        var (_, theirs) = await new Browser(secretary).GetAsync("/Ratings?Year=2026");
        theirs.QuerySelector($"a[href='/Ratings/Edit?Year=2026&Kind=Cell&Id={d.CellA}']")!.TextContent.ShouldStartWith("Xem");
    }

    private static async Task<(HttpStatusCode Status, string Text)> PaperAsync(HttpClient client, string url)
    {
        var r = await client.GetAsync(url);
        if (r.StatusCode != HttpStatusCode.OK) return (r.StatusCode, await r.Content.ReadAsStringAsync());
        r.Content.Headers.ContentType!.MediaType.ShouldBe(Web.Documents.Paper.DocxType);
        return (r.StatusCode, Web.Documents.DocxTemplate.PlainText(await r.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task The_cell_report_the_members_self_reviews_and_the_summary_upward_come_as_Word_papers_with_what_was_recorded()
    {
        var d = app.Data;
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var secretary = (await Browser.LoginAsync(app, "secretary")).Client;
        var inspector = (await Browser.LoginAsync(app, "inspector")).Client;
        (await PutAsync(secretary, $"/api/ratings/2025/Cell/{d.CellA}",
            new { input = new { selfLevel = "Good", selfAssessment = "Chi bộ duy trì sinh hoạt đều; kết nạp đủ chỉ tiêu." }, version = 0 })).Status.ShouldBe(HttpStatusCode.OK);
        var cellName = (await CellRowsAsync(office)).Single(r => r.GetProperty("cellId").GetInt32() == d.CellA).GetProperty("cell").GetString()!;

        // Form 01: the cell's report with its self-assessment, its self-level and its development results of the year.
        var (s, text) = await PaperAsync(secretary, $"/api/ratings/2025/Cell/{d.CellA}/paper");
        s.ShouldBe(HttpStatusCode.OK, text);
        text.ShouldContain($"kiểm điểm tập thể {cellName} năm 2025");
        text.ShouldContain("Chi bộ duy trì sinh hoạt đều; kết nạp đủ chỉ tiêu.");
        text.ShouldContain("Chi bộ tự nhận mức xếp loại: Hoàn thành tốt nhiệm vụ.");
        text.ShouldContain("công tác phát triển đảng viên năm 2025: chỉ tiêu kết nạp");
        text.ShouldContain("quần chúng ưu tú trong nguồn");
        text.ShouldNotContain("{{");
        (await PaperAsync(secretary, $"/api/ratings/2025/Cell/{d.CellB}/paper")).Status.ShouldBe(HttpStatusCode.NotFound);
        // The inspection committee reads everything: the paper, and the rating's page without a form to save.
        (await PaperAsync(inspector, $"/api/ratings/2025/Cell/{d.CellA}/paper")).Status.ShouldBe(HttpStatusCode.OK);
        var inspectorPage = new Browser(inspector);
        var (read, readPage) = await inspectorPage.GetAsync($"/Ratings/Edit?Year=2025&Kind=Cell&Id={d.CellA}");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        readPage.QuerySelector("#locked")!.TextContent.ShouldContain("Chỉ xem");
        readPage.QuerySelector("#rating-form button[type=submit]").ShouldBeNull();
        var denied = await inspectorPage.PostFormAsync($"/Ratings/Edit?Year=2025&Kind=Cell&Id={d.CellA}", new() { ["Input.SelfAssessment"] = "x" });
        denied.Headers.Location!.ToString().ShouldContain("Denied");
        (await CellRowsAsync(office)).Single(r => r.GetProperty("cellId").GetInt32() == d.CellA).GetProperty("selfAssessment").GetString().ShouldBe("Chi bộ duy trì sinh hoạt đều; kết nạp đủ chỉ tiêu.");
        (await PaperAsync(office, $"/api/ratings/1999/Cell/{d.CellA}/paper")).Status.ShouldBe(HttpStatusCode.BadRequest);

        // A member's self-review: none chosen yet → the form must be named; each form has its own parts.
        var member = $"/api/ratings/2025/Member/{d.MemberA}/paper";
        (s, text) = await PaperAsync(office, member);
        s.ShouldBe(HttpStatusCode.BadRequest);
        text.ShouldContain("Chưa chọn mẫu bản kiểm điểm");
        (s, text) = await PaperAsync(office, member + "?form=Leader");
        s.ShouldBe(HttpStatusCode.OK, text);
        // Its file names the year and the member, in plain letters.
        var file = (await office.GetAsync(member + "?form=Leader")).Content.Headers.ContentDisposition!.FileNameStar ?? "";
        file.ShouldStartWith("ban-kiem-diem-2025-");
        file.ShouldMatch(@"^ban-kiem-diem-2025-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.docx$");
        text.ShouldContain("BẢN KIỂM ĐIỂM CÁ NHÂN");
        text.ShouldContain("LÀM RÕ TRÁCH NHIỆM CỦA CÁ NHÂN");
        (s, text) = await PaperAsync(office, member + "?form=OutsideSystem");
        text.ShouldContain("BẢN KIỂM ĐIỂM ĐẢNG VIÊN");
        text.ShouldNotContain("LÀM RÕ TRÁCH NHIỆM");
        (await PutAsync(office, $"/api/ratings/2025/Member/{d.MemberA}",
            new { input = new { form = "Staff", selfLevel = "Good", selfAssessment = "Hoàn thành công việc được giao.", score = 80, decidingBody = "Ban Thường vụ Đảng ủy xã", decidedOn = "2025-12-10" }, version = 0 }))
            .Status.ShouldBe(HttpStatusCode.OK);
        (s, text) = await PaperAsync(secretary, member);
        s.ShouldBe(HttpStatusCode.OK, text);
        text.ShouldContain("dùng cho cán bộ, công chức, viên chức, người lao động");
        text.ShouldContain("Tự đánh giá: Hoàn thành công việc được giao.");
        text.ShouldContain("Hoàn thành tốt nhiệm vụ (80 điểm)");
        text.ShouldContain("Ban Thường vụ Đảng ủy xã; ngày 10/12/2025");

        // The summary upward: each level's counts are the page's figures (each the count of its list).
        (await PaperAsync(secretary, "/api/ratings/2025/summary-paper")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (s, text) = await PaperAsync(office, "/api/ratings/2025/summary-paper");
        s.ShouldBe(HttpStatusCode.OK, text);
        var lines = text.Split('\n', StringSplitOptions.TrimEntries);
        var (_, page) = await new Browser(office).GetAsync("/Ratings?Year=2025");
        foreach (var (name, level) in new[] { ("Hoàn thành tốt nhiệm vụ", 2), ("Chưa xếp loại", 0) })
        {
            var at = Array.IndexOf(lines, name);
            at.ShouldBeGreaterThan(0, name);
            lines[at + 1].ShouldBe(page.QuerySelector($"[data-figure=cells-{level}]")!.TextContent.Trim(), name);
            lines[at + 3].ShouldBe(page.QuerySelector($"[data-figure=members-{level}]")!.TextContent.Trim(), name);
        }
        lines[Array.IndexOf(lines, "Hoàn thành tốt nhiệm vụ") + 3].ShouldBe("1");

        // The pages give the same files; a refusal goes back with its message.
        var browser = new Browser(office);
        var r = await office.GetAsync($"/Ratings/Papers?handler=Cell&Year=2025&Id={d.CellA}");
        r.Content.Headers.ContentType!.MediaType.ShouldBe(Web.Documents.Paper.DocxType);
        var (_, edit) = await browser.GetAsync($"/Ratings/Edit?Year=2025&Kind=Member&Id={d.MemberB}");
        var links = edit.QuerySelectorAll("#papers a[data-paper]").Select(a => a.GetAttribute("href")!).ToList();
        links.Count.ShouldBe(3);
        (await office.GetAsync(links[2])).Content.Headers.ContentType!.MediaType.ShouldBe(Web.Documents.Paper.DocxType);

        // 2025 has ended: its figures are those of its last day, not today's.
        var (_, cellPage) = await browser.GetAsync($"/Ratings/Edit?Year=2025&Kind=Cell&Id={d.CellA}");
        cellPage.QuerySelector("#dev-h")!.TextContent.ShouldContain("số liệu đến hết ngày 31/12/2025");

        static async Task<List<JsonElement>> CellRowsAsync(HttpClient c) =>
            [.. (await c.GetFromJsonAsync<JsonElement>("/api/ratings?year=2025&kind=Cell")).EnumerateArray()];
    }

    [Fact]
    public async Task A_score_with_a_dot_is_read_as_decimals_a_saved_level_stays_when_only_a_note_changes_and_the_trail_names_the_fields()
    {
        var d = app.Data;
        var office = new Browser((await Browser.LoginAsync(app, "office")).Client);
        var secretary = new Browser((await Browser.LoginAsync(app, "secretary")).Client);
        const string Url = "/Ratings/Edit?Year=2024&Kind=Cell&Id={0}";
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, Url, d.CellA);
        var self = new Dictionary<string, string> { ["Input.SelfAssessment"] = "Ưu điểm: sinh hoạt đều.\r\n\r\nHạn chế: còn một hồ sơ trễ hạn." };
        (await secretary.PostFormAsync(url, self)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // "9.5" is nine and a half, not 95; "abc" is refused in Vietnamese and nothing changes.
        var r = await office.PostFormAsync(url, new() { ["Input.Score"] = "abc", ["Input.DecidedOn"] = "10/12/2024" });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("hãy nhập một số, ví dụ 85 hoặc 85,5");
        (await office.PostFormAsync(url, new() { ["Input.Score"] = "9.5", ["Input.DecidedOn"] = "10/12/2024", ["Input.DecidingBody"] = "Ban Thường vụ Đảng ủy xã" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var row = (await office.Client.GetFromJsonAsync<JsonElement>("/api/ratings?year=2024&kind=Cell")).EnumerateArray().Single(x => x.GetProperty("cellId").GetInt32() == d.CellA);
        row.GetProperty("score").GetDecimal().ShouldBe(9.5m);
        row.GetProperty("level").GetString().ShouldBe("NotComplete");
        // The paragraphs of the self-assessment are kept.
        row.GetProperty("selfAssessment").GetString().ShouldBe("Ưu điểm: sinh hoạt đều.\nHạn chế: còn một hồ sơ trễ hạn.");
        (await office.PostFormAsync(url, new() { ["Input.Score"] = "85,25" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (s, body) = await PutAsync(office.Client, $"/api/ratings/2024/Cell/{d.CellA}",
            new { input = new { score = 85.125m, decidingBody = "Ban Thường vụ Đảng ủy xã", decidedOn = "2024-12-10" }, version = row.GetProperty("version").GetInt32() + 1 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("tối đa hai chữ số thập phân");

        // The bands change for a later year: the 2024 level saved again with a note stays as decided.
        var before = await office.Client.GetFromJsonAsync<JsonElement>("/api/rating-settings");
        int? settingsVersion = before.GetProperty("version").ValueKind == JsonValueKind.Number ? before.GetProperty("version").GetInt32() : null;
        (await PutAsync(office.Client, "/api/rating-settings", new { input = new { excellentMin = 95, goodMin = 86, completeMin = 60, excellentCapPercent = 20,
            capAppliesToOrganisations = true, weightTargetReached = 5, weightCandidatesTrained = 2, weightNoOverdueSteps = 2, weightEveryoneMentored = 1 }, version = settingsVersion }))
            .Status.ShouldBe(HttpStatusCode.OK);
        try
        {
            (await office.PostFormAsync(url, new() { ["Input.Notes"] = "Bổ sung biên bản." })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            row = (await office.Client.GetFromJsonAsync<JsonElement>("/api/ratings?year=2024&kind=Cell")).EnumerateArray().Single(x => x.GetProperty("cellId").GetInt32() == d.CellA);
            row.GetProperty("level").GetString().ShouldBe("Good");
            row.GetProperty("explanation").GetString()!.ShouldContain("85,25");
        }
        finally
        {
            var current = await office.Client.GetFromJsonAsync<JsonElement>("/api/rating-settings");
            (await PutAsync(office.Client, "/api/rating-settings", new { input = new { excellentMin = 90, goodMin = 70, completeMin = 50, excellentCapPercent = 20,
                capAppliesToOrganisations = true, weightTargetReached = 5, weightCandidatesTrained = 2, weightNoOverdueSteps = 2, weightEveryoneMentored = 1 },
                version = current.GetProperty("version").GetInt32() })).Status.ShouldBe(HttpStatusCode.OK);
        }

        // The secretary's form says it is closed before anything is typed; the commune committee is not a cell.
        var (_, locked) = await secretary.GetAsync(url);
        locked.QuerySelector("#locked").ShouldNotBeNull();
        locked.QuerySelector("#rating-form button[type=submit]").ShouldBeNull();
        (await office.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Url, d.CommuneId))).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await office.Client.GetAsync($"/api/ratings/2024/Cell/{d.CommuneId}/paper")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await office.Client.GetAsync("/api/ratings?year=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The trail names the decided level and the score as the rating's, not a school's level or a class mark.
        var (_, trail) = await new Browser((await Browser.LoginAsync(app, "admin")).Client).GetAsync("/Admin/Audit?EntityType=QualityRatingRecord");
        trail.Body!.TextContent.ShouldContain("Xếp loại");
        trail.Body.TextContent.ShouldNotContain("Cấp học");
        trail.Body.TextContent.ShouldNotContain("Điểm bài thu hoạch");
    }

    [Fact]
    public async Task The_members_of_a_year_are_kept_until_a_rating_is_saved_and_the_saved_one_shows_at_once()
    {
        var d = app.Data;
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var figures = app.Services.GetRequiredService<Web.Data.FigureCache>();
        const string url = "/api/ratings?year=2022&kind=Member";
        async Task<(JsonElement Row, long Computed)> ReadAsync()
        {
            await figures.WhenIdleAsync();
            var before = figures.Computed;
            var row = (await office.GetFromJsonAsync<JsonElement>(url)).EnumerateArray().Single(r => r.GetProperty("memberId").GetInt32() == d.MemberA);
            return (row, figures.Computed - before);
        }
        await ReadAsync();
        var (kept, computed) = await ReadAsync();
        computed.ShouldBe(0, "nothing changed: the members are read as kept");
        kept.GetProperty("selfLevel").ValueKind.ShouldBe(JsonValueKind.Null);

        (await PutAsync(office, $"/api/ratings/2022/Member/{d.MemberA}", new { input = new { form = "OutsideSystem", selfLevel = "Good" }, version = 0 }))
            .Status.ShouldBe(HttpStatusCode.OK);
        var (saved, again) = await ReadAsync();
        saved.GetProperty("selfLevel").GetString().ShouldBe("Good");
        again.ShouldBeGreaterThan(0, "the save raised the version: the members are read again");
    }

    [Fact]
    public async Task A_member_who_moved_cells_keeps_the_years_rating_and_the_new_cell_continues_it()
    {
        var d = app.Data;
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var secretary = (await Browser.LoginAsync(app, "secretary")).Client;
        (await PutAsync(office, $"/api/ratings/2023/Member/{d.MemberB}", new { input = new { form = "OutsideSystem", selfLevel = "Good" }, version = 0 }))
            .Status.ShouldBe(HttpStatusCode.OK);
        (await PutAsync(secretary, $"/api/ratings/2023/Member/{d.MemberB}", new { input = new { selfLevel = "Good" }, version = 1 })).Status.ShouldBe(HttpStatusCode.NotFound);
        var cellB = await app.WithSystemScopeAsync(async db =>
        {
            var m = await db.Members.SingleAsync(x => x.Id == d.MemberB);
            var was = m.CellId;
            m.CellId = d.CellA;
            await db.SaveChangesAsync();
            return was;
        });
        try
        {
            // The new cell sees the member with the year's record and writes on it: no second record, no false conflict.
            var row = (await secretary.GetFromJsonAsync<JsonElement>("/api/ratings?year=2023&kind=Member")).EnumerateArray()
                .Single(r => r.GetProperty("memberId").GetInt32() == d.MemberB);
            row.GetProperty("selfLevel").GetString().ShouldBe("Good");
            var (s, body) = await PutAsync(secretary, $"/api/ratings/2023/Member/{d.MemberB}",
                new { input = new { form = "OutsideSystem", selfLevel = "Complete", selfAssessment = "Chuyển sinh hoạt về chi bộ mới giữa năm." }, version = row.GetProperty("version").GetInt32() });
            s.ShouldBe(HttpStatusCode.OK, body);
            (await app.WithSystemScopeAsync(db => db.QualityRatings.Where(r => r.Year == 2023 && r.MemberId == d.MemberB).Select(r => r.CellId).ToListAsync()))
                .ShouldBe([d.CellA]);
        }
        finally
        {
            await app.WithSystemScopeAsync(async db =>
            {
                (await db.Members.SingleAsync(x => x.Id == d.MemberB)).CellId = cellB;
                return await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task The_commune_sets_its_bands_and_weights_and_a_band_that_does_not_climb_is_refused()
    {
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var secretary = (await Browser.LoginAsync(app, "secretary")).Client;
        var input = new { excellentMin = 90, goodMin = 70, completeMin = 50, excellentCapPercent = 20, capAppliesToOrganisations = true, capAppliesToMembers = true,
            weightTargetReached = 6, weightCandidatesTrained = 2, weightNoOverdueSteps = 1, weightEveryoneMentored = 1, criteria = "Chi bộ: 30 điểm lãnh đạo…" };
        (await PutAsync(secretary, "/api/rating-settings", new { input, version = (int?)null })).Status.ShouldBe(HttpStatusCode.Forbidden);
        var (s, body) = await PutAsync(office, "/api/rating-settings", new { input = input with { goodMin = 95 }, version = (int?)null });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("phải tăng dần");
        (s, body) = await PutAsync(office, "/api/rating-settings", new { input = input with { weightTargetReached = -1 }, version = (int?)null });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("không thể âm");
        (s, body) = await PutAsync(office, "/api/rating-settings", new { input = new { excellentMin = 90.001m, goodMin = 70, completeMin = 50, excellentCapPercent = 20 }, version = (int?)null });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("Mốc điểm ghi tối đa hai chữ số thập phân");
        var current = await office.GetFromJsonAsync<JsonElement>("/api/rating-settings");
        int? version = current.GetProperty("version").ValueKind == JsonValueKind.Null ? null : current.GetProperty("version").GetInt32();
        (s, body) = await PutAsync(office, "/api/rating-settings", new { input, version });
        s.ShouldBe(HttpStatusCode.OK, body);
        // Once the settings exist, a save "before they existed" (no version) conflicts instead of replacing them.
        (s, body) = await PutAsync(office, "/api/rating-settings", new { input = input with { weightTargetReached = 3 }, version = (int?)null });
        s.ShouldBe(HttpStatusCode.Conflict, body);
        current = await office.GetFromJsonAsync<JsonElement>("/api/rating-settings");
        current.GetProperty("input").GetProperty("weightTargetReached").GetDecimal().ShouldBe(6);
        current.GetProperty("input").GetProperty("capAppliesToMembers").GetBoolean().ShouldBeTrue();

        // On the page a weight or band is read with a dot or a comma alike ("1.5" is not fifteen); thousands are refused.
        var page = new Browser(office);
        var r = await page.PostFormAsync("/Ratings/Settings", new() { ["Input.WeightTargetReached"] = "1.000,5" });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("hãy nhập một số, ví dụ 85 hoặc 85,5");
        (await page.PostFormAsync("/Ratings/Settings", new() { ["Input.WeightTargetReached"] = "1.5", ["Input.GoodMin"] = "70,5" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        current = await office.GetFromJsonAsync<JsonElement>("/api/rating-settings");
        current.GetProperty("input").GetProperty("weightTargetReached").GetDecimal().ShouldBe(1.5m);
        current.GetProperty("input").GetProperty("goodMin").GetDecimal().ShouldBe(70.5m);
        // Saved over by someone else meanwhile: the conflict names the field that differs.
        (s, body) = await PutAsync(office, "/api/rating-settings", new { input, version = current.GetProperty("version").GetInt32() - 1 });
        s.ShouldBe(HttpStatusCode.Conflict);
        body.ShouldContain("Đạt chỉ tiêu kết nạp (điểm)");
        (s, body) = await PutAsync(office, "/api/rating-settings", new { input, version = current.GetProperty("version").GetInt32() });
        s.ShouldBe(HttpStatusCode.OK, body);
    }
}

public sealed class RatingTests_Sqlite(SqliteApp app) : RatingTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class RatingTests_Postgres(PostgresApp app) : RatingTests<PostgresApp>(app), IClassFixture<PostgresApp>;
