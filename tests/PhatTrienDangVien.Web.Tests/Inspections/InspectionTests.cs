using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Notifications;
using PhatTrienDangVien.Web.Notifications;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Inspections;

/// <summary>
/// Inspection and supervision (plan point P11) by API and page: the office plans, the inspector holds the session (the
/// cell's figures and the checklist attached), finds, the office assigns and closes a corrective action with evidence;
/// an overdue action alerts and sits on the work list; who may write what, and the cell's scope.
/// </summary>
public abstract class InspectionTests<TApp>(TApp app) where TApp : AppFactory
{
    private static async Task<(HttpStatusCode Status, string Body, int Id)> SendAsync(HttpClient client, HttpMethod method, string url, object body)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        var r = await client.SendAsync(request);
        var text = await r.Content.ReadAsStringAsync();
        var id = r.StatusCode == HttpStatusCode.Created ? JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt32() : 0;
        return (r.StatusCode, text, id);
    }

    [Fact]
    public async Task An_inspection_runs_from_the_plan_to_a_corrected_finding_and_its_overdue_action_alerts_until_closed()
    {
        var d = app.Data;
        var ct = TestContext.Current.CancellationToken;
        // A file brought in from paper with faults the guards would refuse today: a ceremony with no decision before it,
        // recorded late (due 30/4, held 10/5/2026).
        await app.WithSystemScopeAsync(async db =>
        {
            db.AdmissionSteps.Add(new StepRecord { CandidateId = d.CandidateA, Kind = AdmissionStepKind.SourcePool, Date = new(2026, 1, 5), RecordedBy = "test" });
            db.AdmissionSteps.Add(new StepRecord
            {
                CandidateId = d.CandidateA, Kind = AdmissionStepKind.Ceremony, Date = new(2026, 5, 10), DueDate = new(2026, 4, 30), IsLate = true, RecordedBy = "test",
            });
            return await db.SaveChangesAsync(ct);
        });
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var inspector = (await Browser.LoginAsync(app, "inspector")).Client;
        var secretary = (await Browser.LoginAsync(app, "secretary")).Client;
        var plan = new { year = 2026, kind = "Inspection", cellId = d.CellA, topic = "Việc thực hiện quy trình kết nạp đảng viên", from = "2026-11-01", to = "2026-11-30",
            team = "Đ/c Chủ nhiệm UBKT Đảng ủy (trưởng đoàn), 02 ủy viên UBKT" };

        // The office plans; neither the inspector nor the cell writes the plan.
        (await SendAsync(inspector, HttpMethod.Post, "/api/inspections", new { input = plan, version = 0 })).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await SendAsync(secretary, HttpMethod.Post, "/api/inspections", new { input = plan, version = 0 })).Status.ShouldBe(HttpStatusCode.Forbidden);
        var (s, body, _) = await SendAsync(office, HttpMethod.Post, "/api/inspections", new { input = plan with { from = "2026-12-01" }, version = 0 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("Ngày kết thúc không thể trước ngày bắt đầu");
        (s, _, var planA) = await SendAsync(office, HttpMethod.Post, "/api/inspections", new { input = plan, version = 0 });
        s.ShouldBe(HttpStatusCode.Created);
        (s, _, var planB) = await SendAsync(office, HttpMethod.Post, "/api/inspections", new { input = plan with { cellId = d.CellB, kind = "Supervision" }, version = 0 });
        s.ShouldBe(HttpStatusCode.Created);

        // The inspector holds the session: the day must have come; the office does not write it.
        var session = new { date = "2026-11-18", team = "Đ/c Trần Văn Hải, đ/c Lê Thị Mai", conclusion = (string?)null };
        (await SendAsync(office, HttpMethod.Post, "/api/inspection-sessions", new { planItemId = planA, input = session, version = 0 })).Status.ShouldBe(HttpStatusCode.Forbidden);
        (s, body, _) = await SendAsync(inspector, HttpMethod.Post, "/api/inspection-sessions", new { planItemId = planA, input = session with { date = "2026-11-25" }, version = 0 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("không thể sau hôm nay");
        (s, _, var sessionA) = await SendAsync(inspector, HttpMethod.Post, "/api/inspection-sessions", new { planItemId = planA, input = session, version = 0 });
        s.ShouldBe(HttpStatusCode.Created);
        // The plan cannot then be moved so that the session held falls outside it; nor planned beyond next year.
        (s, body, _) = await SendAsync(office, HttpMethod.Put, $"/api/inspections/{planA}", new { input = plan with { from = "2026-01-01", to = "2026-01-31" }, version = 0 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("Đã có buổi làm việc ngày 18/11/2026: ngày kết thúc của kế hoạch phải từ");
        (s, body, _) = await SendAsync(office, HttpMethod.Put, $"/api/inspections/{planA}", new { input = plan with { from = "2026-11-20" }, version = 0 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("Đã có buổi làm việc ngày 18/11/2026: thời gian của kế hoạch phải bắt đầu từ ngày đó trở về trước");
        (s, body, _) = await SendAsync(office, HttpMethod.Put, $"/api/inspections/{planA}", new { input = plan with { cellId = d.CellB, kind = "Supervision" }, version = 0 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("không đổi được chi bộ");
        body.ShouldContain("không đổi được hình thức");
        (s, body, _) = await SendAsync(office, HttpMethod.Post, "/api/inspections", new { input = plan with { year = 2100, from = "2100-01-01", to = "2100-01-31" }, version = 0 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("chậm nhất năm 2027");

        // The cell's figures and the checklist were taken on the day: candidate A in the pool with a mentor, the two faults found.
        var read = await inspector.GetFromJsonAsync<JsonElement>($"/api/inspection-sessions/{sessionA}", ct);
        var snap = read.GetProperty("snapshot");
        snap.GetProperty("pool").GetInt32().ShouldBe(1);
        snap.GetProperty("takenOn").GetString().ShouldBe("2026-11-20");
        snap.GetProperty("casesChecked").GetInt32().ShouldBe(1);
        var breaches = read.GetProperty("breaches").EnumerateArray().ToList();
        breaches.ShouldContain(b => b.GetProperty("check").GetString() == "Deadline" && b.GetProperty("candidateId").GetInt32() == d.CandidateA);
        breaches.ShouldContain(b => b.GetProperty("check").GetString() == "StepOrder" && b.GetProperty("message").GetString()!.Contains("Quyết định kết nạp"));
        breaches.ShouldAllBe(b => b.GetProperty("candidateId").GetInt32() == d.CandidateA);

        // A finding names a case of the inspected cell only.
        (s, body, _) = await SendAsync(inspector, HttpMethod.Post, "/api/inspection-findings",
            new { sessionId = sessionA, input = new { text = "Hồ sơ của chi bộ khác", candidateId = d.CandidateB, check = "Deadline" }, version = 0 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("không thuộc chi bộ được kiểm tra");
        (s, _, var finding) = await SendAsync(inspector, HttpMethod.Post, "/api/inspection-findings",
            new { sessionId = sessionA, input = new { text = "Lễ kết nạp tổ chức trễ hạn, không có quyết định kết nạp trong hồ sơ.", candidateId = d.CandidateA, check = "Deadline" }, version = 0 });
        s.ShouldBe(HttpStatusCode.Created);
        (await SendAsync(secretary, HttpMethod.Post, "/api/inspection-findings",
            new { sessionId = sessionA, input = new { text = "X" }, version = 0 })).Status.ShouldBe(HttpStatusCode.Forbidden);

        // The office assigns the corrective action: an owner and a due date from the start, not before the session.
        var action = new { task = "Bổ sung quyết định kết nạp vào hồ sơ, kiểm điểm việc tổ chức lễ trễ hạn", owner = "Chi bộ ấp A", dueDate = "2026-11-19", status = "Open" };
        (await SendAsync(inspector, HttpMethod.Post, "/api/corrective-actions", new { findingId = finding, input = action, version = 0 })).Status.ShouldBe(HttpStatusCode.Forbidden);
        (s, body, _) = await SendAsync(office, HttpMethod.Post, "/api/corrective-actions", new { findingId = finding, input = action with { owner = " " }, version = 0 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("chịu trách nhiệm");
        (s, body, _) = await SendAsync(office, HttpMethod.Post, "/api/corrective-actions", new { findingId = finding, input = action with { dueDate = "2026-11-01" }, version = 0 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("không thể trước ngày kiểm tra");
        (s, _, var actionId) = await SendAsync(office, HttpMethod.Post, "/api/corrective-actions", new { findingId = finding, input = action, version = 0 });
        s.ShouldBe(HttpStatusCode.Created);

        // Past its due date (19/11; today 20/11): the office, the cell's secretary and the committee member in charge of the
        // cell are alerted once, however often the run.
        var generator = app.Services.GetRequiredService<AlertGenerator>();
        await generator.RunAsync(new DateOnly(2026, 11, 20), ct);
        await generator.RunAsync(new DateOnly(2026, 11, 20), ct);
        var alerts = await app.WithSystemScopeAsync(db => db.Notifications.Where(n => n.ActionId == actionId).Join(db.Users, n => n.UserId, u => u.Id, (n, u) => new { u.UserName, n.Kind, n.Link, n.DoneAtUtc }).ToListAsync(ct));
        alerts.Select(a => a.UserName).Order().ShouldBe(["committee", "office", "secretary"]);
        alerts.ShouldAllBe(a => a.Kind == NotificationKind.CorrectiveActionOverdue && a.Link == $"/Inspections/Session/{sessionA}#action-{actionId}" && a.DoneAtUtc == null);
        var (_, work) = await new Browser(secretary).GetAsync("/Work");
        work.QuerySelector("#corrections-count")!.TextContent.ShouldBe("1");
        work.QuerySelector("#corrections")!.TextContent.ShouldContain("quá hạn");
        // The home page and the API of "my tasks" show the same open action, overdue.
        var (_, home) = await new Browser(secretary).GetAsync("/");
        home.QuerySelector("#home-corrections")!.GetAttribute("data-count").ShouldBe("1");
        home.QuerySelector($"#home-corrections [data-correction='{actionId}']")!.TextContent.ShouldContain("quá hạn");
        var mine = (await secretary.GetFromJsonAsync<JsonElement>("/api/me/tasks", ct)).GetProperty("corrections").EnumerateArray().ToList();
        mine.Single().GetProperty("id").GetInt32().ShouldBe(actionId);
        mine.Single().GetProperty("isOverdue").GetBoolean().ShouldBeTrue();

        // The cell reads its own cell's inspections only; the office reads both.
        var theirs = (await secretary.GetFromJsonAsync<JsonElement>("/api/inspections?year=2026", ct)).EnumerateArray().ToList();
        theirs.ShouldContain(p => p.GetProperty("id").GetInt32() == planA);
        theirs.ShouldAllBe(p => p.GetProperty("cellId").GetInt32() == d.CellA);
        var all = (await office.GetFromJsonAsync<JsonElement>("/api/inspections?year=2026", ct)).EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToList();
        all.ShouldContain(planA);
        all.ShouldContain(planB);
        (await secretary.GetAsync($"/api/inspection-sessions/{sessionA}", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Done only with the evidence and its date; then the alerts are answered and nothing is overdue.
        var version = (await office.GetFromJsonAsync<JsonElement>($"/api/corrective-actions/{actionId}", ct)).GetProperty("version").GetInt32();
        (s, body, _) = await SendAsync(office, HttpMethod.Put, $"/api/corrective-actions/{actionId}", new { findingId = finding, input = action with { status = "Done" }, version });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("hãy ghi kết quả");
        (s, body, _) = await SendAsync(office, HttpMethod.Put, $"/api/corrective-actions/{actionId}",
            new { findingId = finding, input = new { action.task, action.owner, action.dueDate, status = "Done", doneOn = "2026-11-20", evidence = "Đã bổ sung Quyết định số 40-QĐ/ĐU; chi bộ kiểm điểm tại Nghị quyết 12-NQ/CB." }, version });
        s.ShouldBe(HttpStatusCode.OK, body);
        (await app.WithSystemScopeAsync(db => db.Notifications.CountAsync(n => n.ActionId == actionId && n.DoneAtUtc == null, ct))).ShouldBe(0);
        (await office.GetFromJsonAsync<JsonElement>("/api/corrective-actions?year=2026&show=Overdue", ct)).EnumerateArray().ShouldNotContain(a => a.GetProperty("id").GetInt32() == actionId);
        // Closed, its due date and task stay as they were closed; the evidence may still be corrected.
        const string Evidence = "Đã bổ sung Quyết định số 40-QĐ/ĐU; chi bộ kiểm điểm tại Nghị quyết 12-NQ/CB.";
        (s, body, _) = await SendAsync(office, HttpMethod.Put, $"/api/corrective-actions/{actionId}",
            new { findingId = finding, input = new { action.task, action.owner, dueDate = "2027-11-15", status = "Done", doneOn = "2026-11-20", evidence = Evidence }, version = version + 1 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("hãy mở lại");
        (s, body, _) = await SendAsync(office, HttpMethod.Put, $"/api/corrective-actions/{actionId}",
            new { findingId = finding, input = new { action.task, action.owner, action.dueDate, status = "Done", doneOn = "2026-11-20", evidence = Evidence }, version = version + 1 });
        s.ShouldBe(HttpStatusCode.OK, body);

        // A finding nobody has assigned an action to yet is counted apart.
        (s, body, _) = await SendAsync(inspector, HttpMethod.Post, "/api/inspection-findings",
            new { sessionId = sessionA, input = new { text = "Sổ theo dõi quần chúng ưu tú chưa cập nhật." }, version = 0 });
        s.ShouldBe(HttpStatusCode.Created, body);

        // The page's figures equal the lists they link to.
        var officeBrowser = new Browser(office);
        var (_, page) = await officeBrowser.GetAsync($"/Inspections?Year=2026&CellId={d.CellA}");
        page.QuerySelector("[data-figure=planned] .fs-4")!.TextContent.Trim().ShouldBe("1");
        page.QuerySelector("[data-figure=held] .fs-4")!.TextContent.Trim().ShouldBe("1");
        page.QuerySelector("[data-figure=done] .fs-4")!.TextContent.Trim().ShouldBe("1");
        page.QuerySelector("[data-figure=unassigned] .fs-4")!.TextContent.Trim().ShouldBe("1");
        foreach (var figure in new[] { "planned", "held", "not-held", "findings", "unassigned", "open", "overdue", "done" })
        {
            var link = page.QuerySelector($"[data-figure={figure}]")!;
            var (r, list) = await officeBrowser.GetAsync(link.GetAttribute("href")!);
            r.StatusCode.ShouldBe(HttpStatusCode.OK, figure);
            list.QuerySelector("#list-count")!.TextContent.Trim().ShouldBe(link.QuerySelector(".fs-4")!.TextContent.Trim(), figure);
        }
        var (_, sessionPage) = await officeBrowser.GetAsync($"/Inspections/Session/{sessionA}");
        sessionPage.QuerySelector("#snapshot [data-figure=pool]")!.TextContent.ShouldBe("1");
        sessionPage.QuerySelector($"#action-{actionId}")!.TextContent.ShouldContain("Đã bổ sung Quyết định số 40-QĐ/ĐU");
        // Plan lines with a session are kept; the one without goes.
        (await SendAsync(office, HttpMethod.Delete, $"/api/inspections/{planA}", new { })).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await SendAsync(office, HttpMethod.Delete, $"/api/inspections/{planB}", new { })).Status.ShouldBe(HttpStatusCode.NoContent);

        // The same finding twice is refused; a breach is written from the page once, by its place and its case only.
        (s, body, _) = await SendAsync(inspector, HttpMethod.Post, "/api/inspection-findings",
            new { sessionId = sessionA, input = new { text = "Lễ kết nạp tổ chức trễ hạn, không có quyết định kết nạp trong hồ sơ.", candidateId = d.CandidateA, check = "Deadline" }, version = 0 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("Phát hiện này đã được ghi ở buổi kiểm tra này");
        async Task<int> Findings() => await app.WithSystemScopeAsync(db => db.InspectionFindings.CountAsync(f => f.SessionId == sessionA));
        var before = await Findings();
        var inspectorPage = await Browser.LoginAsync(app, "inspector");
        var sessionUrl = $"/Inspections/Session/{sessionA}";
        var candidate = d.CandidateA.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var index in new[] { "abc", "", "99999999999", "-1" })
            (await inspectorPage.PostRawAsync(sessionUrl + "?handler=Breach", [new("index", index), new("candidateId", candidate) ], sessionUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound, index);
        var moved = await inspectorPage.PostRawAsync(sessionUrl + "?handler=Breach", [new("index", "0"), new("candidateId", "0") ], sessionUrl);
        moved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Findings()).ShouldBe(before);
        (await inspectorPage.PostRawAsync(sessionUrl + "?handler=Breach", [new("index", "1"), new("candidateId", candidate) ], sessionUrl)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Findings()).ShouldBe(before + 1);
        (await inspectorPage.PostRawAsync(sessionUrl + "?handler=Breach", [new("index", "1"), new("candidateId", candidate) ], sessionUrl)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Findings()).ShouldBe(before + 1);
        // Whoever may not record is refused before the form is read, even with a form full of mistakes.
        var officePage = await Browser.LoginAsync(app, "office");
        Denied(await officePage.PostRawAsync(sessionUrl, [new("Input.Date", "31/02/2026") ], sessionUrl));
        Denied(await officePage.PostRawAsync(sessionUrl + "?handler=Finding", [new("Finding.Text", "") ], sessionUrl));
    }

    /// <summary>A page refused for lack of permission sends the browser to the access-denied page.</summary>
    private static void Denied(HttpResponseMessage r)
    {
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        r.Headers.Location!.ToString().ShouldContain("/Account/Denied");
    }

    [Fact]
    public async Task Each_form_of_the_session_page_answers_for_its_own_fields_only()
    {
        var d = app.Data;
        var inspector = await Browser.LoginAsync(app, "inspector");
        var planId = await app.WithSystemScopeAsync(async db =>
        {
            var p = new Core.Inspections.InspectionPlanItem
            {
                CommuneId = d.CommuneId, Year = 2026, Kind = Core.Inspections.InspectionKind.Inspection, CellId = d.CellB, Topic = "Kiểm tra quy trình kết nạp",
                From = new(2026, 10, 1), To = new(2026, 12, 31), Team = "Đoàn kiểm tra",
            };
            db.InspectionPlanItems.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
        var newPage = $"/Inspections/Session?PlanItemId={planId}";
        // The record without its team: the record's error, none of the finding form's (whose text was not posted).
        var r = await inspector.PostRawAsync(newPage, [new("Input.Date", "2026-11-18"), new("Input.Team", "")], newPage);
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await r.Content.ReadAsStringAsync());
        doc.QuerySelector("[data-valmsg-for='Input.Team']")!.TextContent.ShouldBe("Hãy ghi thành phần đoàn dự buổi làm việc.");
        doc.QuerySelectorAll(".text-danger").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ShouldBe(["Hãy ghi thành phần đoàn dự buổi làm việc."]);
        doc.QuerySelector("#form-errors a")!.GetAttribute("href").ShouldBe("#session-form");
        r = await inspector.PostRawAsync(newPage, [new("Input.Date", "2026-11-18"), new("Input.Team", "Đoàn kiểm tra")], newPage);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sessionPage = r.Headers.Location!.ToString();
        // A finding without its text: the finding's error; the record's fields are not read, so the record is untouched.
        r = await inspector.PostRawAsync(sessionPage + "?handler=Finding", [new("Finding.Text", " "), new("Input.Team", "")], sessionPage);
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await r.Content.ReadAsStringAsync());
        doc.QuerySelector("[data-valmsg-for='Finding.Text']")!.TextContent.ShouldBe("Hãy ghi nội dung phát hiện.");
        doc.QuerySelector("#form-errors a")!.GetAttribute("href").ShouldBe("#finding-form");
        doc.QuerySelector("[data-valmsg-for='Input.Team']")!.TextContent.ShouldBeEmpty();
        (doc.QuerySelector("#Input_Team") as AngleSharp.Html.Dom.IHtmlInputElement)!.Value.ShouldBe("Đoàn kiểm tra");
        r = await inspector.PostRawAsync(sessionPage + "?handler=Finding", [new("Finding.Text", "Sổ theo dõi chưa cập nhật.")], sessionPage);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithSystemScopeAsync(db => db.InspectionFindings.CountAsync(f => db.InspectionSessions.Any(s => s.Id == f.SessionId && s.PlanItemId == planId)))).ShouldBe(1);
    }

    [Fact]
    public async Task The_pages_check_the_permission_of_each_part()
    {
        var d = app.Data;
        var secretary = await Browser.LoginAsync(app, "secretary");
        var office = await Browser.LoginAsync(app, "office");
        var inspector = await Browser.LoginAsync(app, "inspector");
        Denied((await secretary.GetAsync("/Inspections/Plan")).Response);
        Denied((await inspector.GetAsync("/Inspections/Plan")).Response);
        (await office.GetAsync("/Inspections/Plan")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var planId = await app.WithSystemScopeAsync(async db =>
        {
            var p = new Core.Inspections.InspectionPlanItem
            {
                CommuneId = d.CommuneId, Year = 2025, Kind = Core.Inspections.InspectionKind.Supervision, CellId = d.CellB, Topic = "Giám sát tạo nguồn",
                From = new(2025, 10, 1), To = new(2025, 10, 31), Team = "Tổ giám sát",
            };
            db.InspectionPlanItems.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
        var (toPlan, _) = await office.GetAsync($"/Inspections/Session?PlanItemId={planId}");
        toPlan.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        toPlan.Headers.Location!.ToString().ShouldBe("/Inspections?Year=2025");
        var (r, doc) = await inspector.GetAsync($"/Inspections/Session?PlanItemId={planId}");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        doc.QuerySelector("#session-form").ShouldNotBeNull();
        // The secretary of cell A does not see cell B's plan line at all.
        Denied((await secretary.GetAsync($"/Inspections/Plan/{planId}")).Response);
        var (_, list) = await secretary.GetAsync("/Inspections?Year=2025");
        list.QuerySelectorAll($"[data-plan='{planId}']").Length.ShouldBe(0);
    }

    [Fact]
    public async Task The_record_stays_whole_when_a_change_would_break_it_and_a_reopened_action_alerts_again()
    {
        var d = app.Data;
        var ct = TestContext.Current.CancellationToken;
        var office = await Browser.LoginAsync(app, "office");
        var inspector = (await Browser.LoginAsync(app, "inspector")).Client;
        // A year that is no year: the form opens on this year, no error page.
        (await office.GetAsync("/Inspections/Plan?year=0")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var (s, body, plan) = await SendAsync(office.Client, HttpMethod.Post, "/api/inspections", new { input = new { year = 2026, kind = "Supervision", cellId = d.CellB,
            topic = "Giám sát việc phân công đảng viên giúp đỡ", from = "2026-10-01", to = "2026-10-31", team = "Tổ giám sát" }, version = 0 });
        s.ShouldBe(HttpStatusCode.Created, body);
        (s, body, var session) = await SendAsync(inspector, HttpMethod.Post, "/api/inspection-sessions", new { planItemId = plan, input = new { date = "2026-10-20", team = "Tổ giám sát" }, version = 0 });
        s.ShouldBe(HttpStatusCode.Created, body);
        (s, _, var finding) = await SendAsync(inspector, HttpMethod.Post, "/api/inspection-findings", new { sessionId = session, input = new { text = "Hai quần chúng chưa có người giúp đỡ." }, version = 0 });
        s.ShouldBe(HttpStatusCode.Created);
        var action = new { task = "Phân công đảng viên giúp đỡ", owner = "Chi bộ ấp B", dueDate = "2026-11-05", status = "Open" };
        (s, _, var actionId) = await SendAsync(office.Client, HttpMethod.Post, "/api/corrective-actions", new { findingId = finding, input = action, version = 0 });
        s.ShouldBe(HttpStatusCode.Created);

        // The session's day cannot pass its action's due date; a finding does not move to another session.
        (s, body, _) = await SendAsync(inspector, HttpMethod.Put, $"/api/inspection-sessions/{session}", new { planItemId = plan, input = new { date = "2026-11-10", team = "Tổ giám sát" }, version = 0 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("ngày làm việc không thể sau ngày đó");
        (s, _, _) = await SendAsync(inspector, HttpMethod.Put, $"/api/inspection-findings/{finding}", new { sessionId = session + 1000, input = new { text = "X" }, version = 0 });
        s.ShouldBe(HttpStatusCode.BadRequest);

        // A refused delete shows the line as stored, not an empty form.
        var refused = await office.PostRawAsync($"/Inspections/Plan/{plan}?handler=Delete", [], $"/Inspections/Plan/{plan}");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var form = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync(ct));
        form.QuerySelector(".validation-summary-errors")!.TextContent.ShouldContain("đã có buổi kiểm tra, giám sát được ghi");
        form.QuerySelectorAll(".validation-summary-errors li").Length.ShouldBe(1);
        form.QuerySelector("#Input_Topic")!.GetAttribute("value").ShouldBe("Giám sát việc phân công đảng viên giúp đỡ");

        // Late: alerted; closed: answered; reopened: alerted again by the next run.
        var generator = app.Services.GetRequiredService<AlertGenerator>();
        await generator.RunAsync(new DateOnly(2026, 11, 20), ct);
        Task<int> OpenAlertsAsync() => app.WithSystemScopeAsync(db => db.Notifications.CountAsync(n => n.ActionId == actionId && n.DoneAtUtc == null, ct));
        (await OpenAlertsAsync()).ShouldBeGreaterThan(0);
        (s, body, _) = await SendAsync(office.Client, HttpMethod.Put, $"/api/corrective-actions/{actionId}", new { findingId = finding, input = action with { status = "Cancelled" } , version = 0 });
        s.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("phải ghi lý do");
        (s, body, _) = await SendAsync(office.Client, HttpMethod.Put, $"/api/corrective-actions/{actionId}",
            new { findingId = finding, input = new { action.task, action.owner, action.dueDate, status = "Cancelled", cancelReason = "Ghi nhầm" }, version = 0 });
        s.ShouldBe(HttpStatusCode.OK, body);
        (await OpenAlertsAsync()).ShouldBe(0);
        (s, body, _) = await SendAsync(office.Client, HttpMethod.Put, $"/api/corrective-actions/{actionId}", new { findingId = finding, input = action with { status = "InProgress" }, version = 1 });
        s.ShouldBe(HttpStatusCode.OK, body);
        await generator.RunAsync(new DateOnly(2026, 11, 20), ct);
        (await OpenAlertsAsync()).ShouldBeGreaterThan(0);
        var one = await office.Client.GetFromJsonAsync<JsonElement>($"/api/corrective-actions/{actionId}", ct);
        one.GetProperty("overdue").GetBoolean().ShouldBeTrue();
        (await office.Client.GetAsync("/api/corrective-actions?show=9", ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var full = await office.Client.GetFromJsonAsync<JsonElement>($"/api/inspection-sessions/{session}", ct);
        full.GetProperty("findings")[0].GetProperty("actions")[0].GetProperty("id").GetInt32().ShouldBe(actionId);

        // A cell closed since keeps its inspections on the list.
        await app.WithSystemScopeAsync(async db =>
        {
            (await db.Organisations.SingleAsync(o => o.Id == d.CellB, ct)).IsActive = false;
            return await db.SaveChangesAsync(ct);
        });
        try
        {
            (await office.Client.GetFromJsonAsync<JsonElement>("/api/inspections?year=2026", ct)).EnumerateArray().ShouldContain(p => p.GetProperty("id").GetInt32() == plan);
            var (_, list) = await office.GetAsync("/Inspections?Year=2026");
            list.QuerySelectorAll($"[data-plan='{plan}']").Length.ShouldBe(1);
        }
        finally
        {
            await app.WithSystemScopeAsync(async db =>
            {
                (await db.Organisations.SingleAsync(o => o.Id == d.CellB, ct)).IsActive = true;
                return await db.SaveChangesAsync(ct);
            });
        }
    }
}

public sealed class InspectionTests_Sqlite(SqliteApp app) : InspectionTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class InspectionTests_Postgres(PostgresApp app) : InspectionTests<PostgresApp>(app), IClassFixture<PostgresApp>;
