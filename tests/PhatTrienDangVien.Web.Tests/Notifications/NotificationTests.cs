using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Notifications;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Notifications;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using K = PhatTrienDangVien.Core.Admission.AdmissionStepKind;
using N = PhatTrienDangVien.Core.Notifications.NotificationKind;

namespace PhatTrienDangVien.Web.Tests.Notifications;

/// <summary>
/// Alerts on hand-made cases, the notification centre and the e-mail digest. Every test builds its own cases relative
/// to the clock's current day and only moves the clock forward, so the tests may run in any order on one database.
/// </summary>
public abstract class NotificationTests<TApp>(TApp app) where TApp : AppFactory
{
    private static int s_people;

    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(7));
    // The statutory calendar itself: these tests store no corrections.
    private static readonly Core.Calendar.WorkingDayCalendar s_calendar = new();
    private AlertGenerator Generator => app.Services.GetRequiredService<AlertGenerator>();
    private DigestService Digest => app.Services.GetRequiredService<DigestService>();

    private Task<AlertGenerator.Result> RunAsync() => Generator.RunAsync(Today, TestContext.Current.CancellationToken);

    /// <summary>A candidate of <paramref name="cellId"/> with the given steps recorded (dates as given, rules of the day).</summary>
    private Task<int> CaseAsync(int cellId, int? mentorId, DateOnly addedOn, params (K Kind, DateOnly Date)[] steps) => app.WithSystemScopeAsync(async db =>
    {
        var n = Interlocked.Increment(ref s_people);
        var person = TestData.NewPerson(app.Data.CommuneId, $"Đặng Văn Thử {n}", "089200" + (700000 + n).ToString(CultureInfo.InvariantCulture), null, 2000);
        var c = new Candidate { CommuneId = app.Data.CommuneId, CellId = cellId, AddedOn = addedOn, MentorMemberId = mentorId, Person = person };
        db.Candidates.Add(c);
        await db.SaveChangesAsync();
        foreach (var (kind, date) in steps)
        {
            db.AdmissionSteps.Add(new StepRecord
            {
                CandidateId = c.Id, Kind = kind, Date = date, RecordedBy = "test",
                Outcome = kind == K.CellVote ? VoteOutcome.Approved : null,
                Details = kind switch
                {
                    K.MentorAssigned => StepDetailsJson.Write(new MentorDetails { MentorMemberId = mentorId ?? app.Data.MemberA }),
                    K.AwarenessClass => StepDetailsJson.Write(new ClassDetails { CertificateNumber = "12/CN-TTCT", CertificateDate = date }),
                    K.PersonalHistory => StepDetailsJson.Write(new VerificationDetails { People = [new RelativeVerification { Relationship = "Cha", FullName = "Đặng Văn Cha", Result = VerificationResult.Verified }] }),
                    K.CellVote => StepDetailsJson.Write(new CellVoteDetails { For = 3, Present = 3, Members = 3, Denominator = 3, VotesNeeded = 2 }),
                    _ => null,
                },
            });
        }
        await db.SaveChangesAsync();
        return c.Id;
    });

    /// <summary>Source pool to the consolidated opinions, a week apart from <paramref name="start"/>; the class on <paramref name="certificate"/>.</summary>
    private static (K, DateOnly)[] ToOpinions(DateOnly start, DateOnly? certificate = null) =>
    [
        (K.SourcePool, start), (K.MentorAssigned, start.AddDays(7)), (K.AwarenessClass, certificate ?? start.AddDays(14)),
        (K.Application, start.AddDays(21)), (K.PersonalHistory, start.AddDays(28)), (K.Introduction, start.AddDays(35)), (K.Opinions, start.AddDays(42)),
    ];

    private Task<List<(string User, N Kind, DateOnly Due)>> NotificationsAsync(int candidateId) => app.WithSystemScopeAsync(async db =>
        (await db.Notifications.Where(n => n.CandidateId == candidateId)
            .Join(db.Users, n => n.UserId, u => u.Id, (n, u) => new { u.UserName, n.Kind, n.DueDate }).ToListAsync())
        .Select(x => (x.UserName!, x.Kind, x.DueDate)).ToList());

    private static List<string> Users(IEnumerable<(string User, N Kind, DateOnly Due)> list, N kind) =>
        list.Where(n => n.Kind == kind).Select(n => n.User).Order(StringComparer.Ordinal).ToList();

    /// <summary>An account of the test commune, created once (the tests of this class share the application).</summary>
    private Task<int> EnsureAccountAsync(string userName, string fullName, string role, int? cellId = null, int? memberId = null) => app.WithSystemScopeAsync(async db =>
    {
        if (await db.Users.AnyAsync(u => u.UserName == userName)) return 0;
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        await scope.ServiceProvider.GetRequiredService<CreateAccount>().CreateAsync(userName, TestData.Password, fullName,
            role, app.Data.CommuneId, organisationId: cellId, memberId: memberId);
        return 1;
    });

    /// <summary>A second cell secretary, of cell B: the one who must never hear of cell A's cases.</summary>
    private Task<int> EnsureSecretaryOfCellBAsync() => EnsureAccountAsync("secretaryb", "Bí thư chi bộ B", Roles.CellSecretary, cellId: app.Data.CellB);

    private Task<int> SetEmailAsync(string userName, string? email) => app.WithSystemScopeAsync(async db =>
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName);
        (await users.SetEmailAsync(user!, email)).Succeeded.ShouldBeTrue();
        return 0;
    });

    private static readonly string[] s_caseA = ["committee", "mentor", "secretary"];
    private static readonly string[] s_caseAWithOffice = ["committee", "mentor", "office", "secretary"];

    [Fact]
    public async Task A_decision_due_soon_and_then_overdue_reaches_the_people_of_the_case_and_the_office_only_when_overdue()
    {
        await EnsureSecretaryOfCellBAsync();
        var today = Today;
        // The cell voted so long ago that the decision (60 working days) is due in 3 working days.
        var vote = today.AddDays(-80);
        while (s_calendar.WorkingDaysBetween(today, s_calendar.AddWorkingDays(vote, 60)) != 3) vote = vote.AddDays(1);
        var due = s_calendar.AddWorkingDays(vote, 60);
        var id = await CaseAsync(app.Data.CellA, app.Data.MentorMemberA, vote.AddDays(-60), [.. ToOpinions(vote.AddDays(-60)), (K.CellVote, vote)]);

        await RunAsync();
        var soon = await NotificationsAsync(id);
        Users(soon, N.DeadlineSoon).ShouldBe(s_caseA);
        soon.ShouldAllBe(n => n.Due == due);
        soon.ShouldNotContain(n => n.User == "secretaryb" || n.User == "office" || n.User == "inspector" || n.User == "admin");

        app.Clock.Advance(TimeSpan.FromDays(due.DayNumber - today.DayNumber + 3));
        await RunAsync();
        var late = await NotificationsAsync(id);
        Users(late, N.Overdue).ShouldBe(s_caseAWithOffice);
        // The earlier alert stays as it was.
        Users(late, N.DeadlineSoon).ShouldBe(s_caseA);
        late.ShouldNotContain(n => n.User == "secretaryb");
        var text = await app.WithSystemScopeAsync(db => db.Notifications.Where(n => n.CandidateId == id && n.Kind == N.Overdue).Select(n => n.Text).FirstAsync());
        text.ShouldContain("Quá hạn");
        text.ShouldContain(StepNames.Of(K.Decision));
        text.ShouldContain(due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_old_awareness_certificate_is_flagged_before_the_cell_vote()
    {
        var today = Today;
        // Certificate 60 months old less 40 days: it runs out within the 90-day horizon.
        var certificate = today.AddMonths(-60).AddDays(40);
        var id = await CaseAsync(app.Data.CellA, app.Data.MentorMemberA, today.AddDays(-120), ToOpinions(today.AddDays(-120), certificate));
        var fresh = await CaseAsync(app.Data.CellA, app.Data.MentorMemberA, today.AddDays(-120), ToOpinions(today.AddDays(-120)));
        await RunAsync();
        var list = await NotificationsAsync(id);
        Users(list, N.CertificateExpiring).ShouldBe(s_caseA);
        list.Single(n => n.User == "secretary" && n.Kind == N.CertificateExpiring).Due.ShouldBe(certificate.AddMonths(60));
        (await NotificationsAsync(fresh)).ShouldNotContain(n => n.Kind == N.CertificateExpiring);
    }

    [Fact]
    public async Task A_candidate_without_a_mentor_for_31_days_is_flagged_to_the_cell_secretary_and_committee_member_not_to_another_cell()
    {
        await EnsureSecretaryOfCellBAsync();
        var today = Today;
        var inA = await CaseAsync(app.Data.CellA, null, today.AddDays(-31), (K.SourcePool, today.AddDays(-31)));
        var recent = await CaseAsync(app.Data.CellA, null, today.AddDays(-29), (K.SourcePool, today.AddDays(-29)));
        var inB = await CaseAsync(app.Data.CellB, null, today.AddDays(-31), (K.SourcePool, today.AddDays(-31)));
        await RunAsync();
        Users(await NotificationsAsync(inA), N.NoMentor).ShouldBe(["committee", "secretary"]);
        (await NotificationsAsync(recent)).ShouldBeEmpty();
        // Cell B has its own secretary and no committee member in charge.
        Users(await NotificationsAsync(inB), N.NoMentor).ShouldBe(["secretaryb"]);
    }

    [Fact]
    public async Task An_alert_reaches_only_accounts_that_can_open_the_case()
    {
        // A mentor's account for the member who is also in charge of cell A: its scope is the candidates it mentors.
        await EnsureAccountAsync("mentorcharge", "Giúp đỡ kiêm phụ trách", Roles.Mentor, memberId: app.Data.CommitteeMemberId);
        var today = Today;
        var id = await CaseAsync(app.Data.CellA, null, today.AddDays(-40), (K.SourcePool, today.AddDays(-40)));
        await RunAsync();
        var users = Users(await NotificationsAsync(id), N.NoMentor);
        users.ShouldContain("committee");
        users.ShouldNotContain("mentorcharge", "the account could not open the case it would be told of");
        var mentor = await Browser.LoginAsync(app, "mentorcharge");
        (await mentor.Client.GetAsync($"/Candidates/Timeline/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_probationary_member_20_days_before_the_end_is_flagged_to_mentor_secretary_and_committee_member()
    {
        var today = Today;
        var end = today.AddDays(20);
        var ceremony = end.AddMonths(-12);
        var start = ceremony.AddDays(-200);
        var id = await CaseAsync(app.Data.CellA, app.Data.MentorMemberA, start,
            [.. ToOpinions(start), (K.CellVote, start.AddDays(60)), (K.Decision, start.AddDays(90)), (K.Ceremony, ceremony)]);
        await RunAsync();
        var list = await NotificationsAsync(id);
        Users(list, N.ProbationEnding).ShouldBe(s_caseA);
        list.Where(n => n.Kind == N.ProbationEnding).ShouldAllBe(n => n.Due == end);
    }

    [Fact]
    public async Task An_assessment_the_mentor_owes_reaches_the_mentor_and_the_secretary_and_is_done_once_written()
    {
        var today = Today;
        // Through the opinions 8 days ago, no assessment since the application: the file for the cell vote lacks it.
        var start = today.AddDays(-50);
        var id = await CaseAsync(app.Data.CellA, app.Data.MentorMemberA, start, ToOpinions(start));
        await RunAsync();
        var list = await NotificationsAsync(id);
        Users(list, N.AssessmentOwed).ShouldBe(["mentor", "secretary"]);
        var (_, page) = await (await Browser.LoginAsync(app, "mentor")).GetAsync("/Notifications?Unread=true");
        page.QuerySelectorAll(".notification.unread").Select(e => e.TextContent).ShouldContain(t => t.Contains("Cần bản nhận xét của đảng viên giúp đỡ"));

        await Steps.RecordAsync(app.Services, id, K.MentorAssessment, new() { Date = today, MentorMemberId = app.Data.MentorMemberA, Note = "Tiến bộ rõ." });
        (await app.WithSystemScopeAsync(db => db.Notifications.Where(n => n.CandidateId == id && n.Kind == N.AssessmentOwed).Select(n => n.DoneAtUtc).ToListAsync()))
            .ShouldAllBe(d => d != null);
        await RunAsync();
        (await app.WithSystemScopeAsync(db => db.Notifications.Unread().CountAsync(n => n.CandidateId == id && n.Kind == N.AssessmentOwed))).ShouldBe(0);
    }

    [Fact]
    public async Task An_overdue_notification_is_done_once_the_step_is_recorded_and_leaves_the_unread_count_and_the_digest()
    {
        var today = Today;
        // The cell voted 130 days ago: the decision (60 working days) is overdue.
        var vote = today.AddDays(-130);
        var id = await CaseAsync(app.Data.CellA, app.Data.MentorMemberA, vote.AddDays(-60), [.. ToOpinions(vote.AddDays(-60)), (K.CellVote, vote)]);
        await RunAsync();
        async Task<List<(N Kind, bool Done, int Id)>> OfCaseAsync() => (await app.WithSystemScopeAsync(db => db.Notifications.Where(n => n.CandidateId == id)
            .Select(n => new { n.Kind, n.DoneAtUtc, n.Id }).ToListAsync())).Select(n => (n.Kind, n.DoneAtUtc != null, n.Id)).ToList();
        var before = await OfCaseAsync();
        before.ShouldContain(n => n.Kind == N.Overdue);
        before.ShouldAllBe(n => !n.Done);
        var secretary = await Browser.LoginAsync(app, "secretary");
        var mine = await app.WithSystemScopeAsync(db => db.Notifications.Where(n => n.CandidateId == id && n.Kind == N.Overdue)
            .Join(db.Users.Where(u => u.UserName == "secretary"), n => n.UserId, u => u.Id, (n, _) => n.Id).SingleAsync());
        var (_, unreadBefore) = await secretary.GetAsync("/Notifications?Unread=true");
        unreadBefore.QuerySelector($".notification.unread[data-id='{mine}']").ShouldNotBeNull();

        await Steps.RecordAsync(app.Services, id, K.Decision, new() { Date = today });

        // Done at once, by the command: no daily run needed.
        (await OfCaseAsync()).Where(n => n.Kind == N.Overdue).ShouldAllBe(n => n.Done);
        var (_, unreadAfter) = await secretary.GetAsync("/Notifications?Unread=true");
        unreadAfter.QuerySelector($"[data-id='{mine}']").ShouldBeNull("a done notification is not unread");
        var (_, all) = await secretary.GetAsync("/Notifications");
        var shown = all.QuerySelector($"[data-id='{mine}']")!;
        shown.ClassList.ShouldNotContain("unread");
        shown.QuerySelector("[data-done]")!.TextContent.ShouldBe("Đã xong");
        // The digest lists unread notifications only: this one is not among them.
        (await app.WithSystemScopeAsync(db => db.Notifications.Unread().CountAsync(n => n.CandidateId == id && n.Kind == N.Overdue))).ShouldBe(0);
        // The next daily run neither reopens it nor raises it again.
        await RunAsync();
        (await OfCaseAsync()).Where(n => n.Kind == N.Overdue).ShouldAllBe(n => n.Done);
    }

    [Fact]
    public async Task Running_the_generator_twice_creates_no_duplicates()
    {
        var today = Today;
        await CaseAsync(app.Data.CellA, null, today.AddDays(-40), (K.SourcePool, today.AddDays(-40)));
        await RunAsync();
        var before = await app.WithSystemScopeAsync(db => db.Notifications.CountAsync());
        before.ShouldBeGreaterThan(0);
        var second = await Generator.RunAsync(Today, TestContext.Current.CancellationToken);
        second.Created.ShouldBe(0);
        second.Alerts.ShouldBeGreaterThan(0);
        (await app.WithSystemScopeAsync(db => db.Notifications.CountAsync())).ShouldBe(before);
        var keys = await app.WithSystemScopeAsync(db => db.Notifications.Select(n => new { n.UserId, n.Kind, n.CandidateId, n.DueDate }).ToListAsync());
        keys.Distinct().Count().ShouldBe(keys.Count);
        // Generated notifications are derived data: they do not flood the audit trail.
        (await app.WithSystemScopeAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Notification)))).ShouldBe(0);
    }

    [Fact]
    public async Task The_centre_shows_only_the_users_own_notifications_and_reading_them_lowers_the_header_count()
    {
        var today = Today;
        await CaseAsync(app.Data.CellA, null, today.AddDays(-45), (K.SourcePool, today.AddDays(-45)));
        await CaseAsync(app.Data.CellA, null, today.AddDays(-50), (K.SourcePool, today.AddDays(-50)));
        var vote = today.AddDays(-200);
        await CaseAsync(app.Data.CellA, app.Data.MentorMemberA, vote.AddDays(-60), [.. ToOpinions(vote.AddDays(-60)), (K.CellVote, vote)]);
        await RunAsync();
        var secretaryId = await app.WithSystemScopeAsync(db => db.Users.Where(u => u.UserName == "secretary").Select(u => u.Id).SingleAsync());
        var own = await app.WithSystemScopeAsync(db => db.Notifications.Where(n => n.UserId == secretaryId).Select(n => n.Id).ToListAsync());
        var officeNote = await app.WithSystemScopeAsync(db => db.Notifications.Where(n => n.UserId != secretaryId).Join(db.Users.Where(u => u.UserName == "office"), n => n.UserId, u => u.Id, (n, _) => n.Id).FirstAsync());
        own.Count.ShouldBeGreaterThan(2);

        var b = await Browser.LoginAsync(app, "secretary");
        var (page, doc) = await b.GetAsync("/Notifications");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = doc.QuerySelectorAll(".notification").Select(e => int.Parse(e.GetAttribute("data-id")!, CultureInfo.InvariantCulture)).ToList();
        shown.ShouldNotBeEmpty();
        shown.ShouldAllBe(id => own.Contains(id));
        shown.ShouldNotContain(officeNote);
        Task<int> UnreadAsync() => app.WithSystemScopeAsync(db => db.Notifications.Unread().CountAsync(n => n.UserId == secretaryId));
        int Badge(AngleSharp.Html.Dom.IHtmlDocument d) => d.QuerySelector("#unread-count") is { } e ? int.Parse(e.TextContent, CultureInfo.InvariantCulture) : 0;
        var unread = await UnreadAsync();
        unread.ShouldBeGreaterThan(1);
        Badge(doc).ShouldBe(unread);
        doc.QuerySelectorAll(".notification.unread").Length.ShouldBe(Math.Min(unread, shown.Count));

        var first = doc.QuerySelector(".notification.unread")!.GetAttribute("data-id")!;
        (await b.PostRawAsync($"/Notifications?handler=Read&id={first}", [], "/Notifications")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await UnreadAsync()).ShouldBe(unread - 1);
        (_, doc) = await b.GetAsync("/Notifications?Unread=true");
        Badge(doc).ShouldBe(unread - 1);
        doc.QuerySelectorAll(".notification").ShouldAllBe(e => e.ClassList.Contains("unread"));

        // Someone else's notification: not found, and still unread.
        (await b.PostRawAsync($"/Notifications?handler=Read&id={officeNote}", [], "/Notifications")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.PostRawAsync($"/Notifications?handler=Open&id={officeNote}", [], "/Notifications")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithSystemScopeAsync(db => db.Notifications.Where(n => n.Id == officeNote).Select(n => n.ReadAtUtc).SingleAsync())).ShouldBeNull();
        // Without the antiforgery token nothing is marked.
        (await b.Client.PostAsync("/Notifications?handler=ReadAll", new FormUrlEncodedContent([]))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await UnreadAsync()).ShouldBe(unread - 1);

        (await b.PostRawAsync("/Notifications?handler=ReadAll", [], "/Notifications")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await UnreadAsync()).ShouldBe(0);
        (_, doc) = await b.GetAsync("/Notifications");
        doc.QuerySelector("#unread-count").ShouldBeNull();
        (await app.WithSystemScopeAsync(db => db.Notifications.Where(n => n.Id == officeNote).Select(n => n.ReadAtUtc).SingleAsync())).ShouldBeNull();
    }

    private async Task ConfigureMailAsync(int port, string password = "")
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var saved = await admin.PostFormAsync("/MailSettings", new()
        {
            ["Input.MailEnabled"] = "true", ["Input.SmtpHost"] = "127.0.0.1", ["Input.SmtpPort"] = port.ToString(CultureInfo.InvariantCulture),
            ["Input.SmtpSecurity"] = nameof(SmtpSecurity.None), ["Input.SenderAddress"] = "dangUy@nhonmy.example", ["Input.SenderName"] = "Văn phòng Đảng ủy xã",
            ["Input.SiteUrl"] = "http://ptdv.local:5080", ["Password"] = password,
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_digest_reaches_a_real_smtp_server_with_a_vietnamese_subject_and_the_users_alerts()
    {
        await using var smtp = await LoopbackSmtp.StartAsync();
        await ConfigureMailAsync(smtp.Port);
        // The user gives the address on their own account page; the notifications page says where the digest goes.
        var secretary = await Browser.LoginAsync(app, "secretary");
        (await secretary.PostFormAsync("/Account", new() { ["Email"] = "bithu.aplmyloi@example.vn" }, handler: "Email")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, notes) = await secretary.GetAsync("/Notifications");
        notes.QuerySelector("#digest-address")!.TextContent.ShouldContain("bithu.aplmyloi@example.vn");
        notes.QuerySelector("#digest-address a")!.GetAttribute("href").ShouldBe("/Account#email");

        var today = Today;
        var id = await CaseAsync(app.Data.CellA, null, today.AddDays(-33), (K.SourcePool, today.AddDays(-33)));
        await RunAsync();
        var texts = await app.WithSystemScopeAsync(db => db.Notifications
            .Unread().Join(db.Users.Where(u => u.UserName == "secretary"), n => n.UserId, u => u.Id, (n, _) => n.Text).ToListAsync());
        texts.ShouldNotBeEmpty();

        var result = await Digest.SendDigestsAsync(app.Data.CommuneId, TestContext.Current.CancellationToken);
        result.Error.ShouldBeNull();
        result.Sent.ShouldBeGreaterThanOrEqualTo(1);
        var (message, recipients) = await smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == "bithu.aplmyloi@example.vn"));
        recipients.ShouldBe(["bithu.aplmyloi@example.vn"]);
        message.Subject.ShouldBe($"Nhắc việc phát triển đảng viên: {texts.Count} thông báo chưa đọc");
        message.From.Mailboxes.Single().Address.ShouldBe("dangUy@nhonmy.example");
        message.From.Mailboxes.Single().Name.ShouldBe("Văn phòng Đảng ủy xã");
        var body = message.TextBody ?? "";
        body.ShouldContain("Kính gửi đồng chí Người dùng secretary");
        foreach (var t in texts.Take(DigestService.MaxListed)) body.ShouldContain(t);
        body.ShouldContain($"http://ptdv.local:5080/Candidates/Timeline/{id}");
        (message.HtmlBody ?? "").ShouldContain("Chưa có đảng viên giúp đỡ");

        // Sent once: nothing new, nothing sent again.
        var again = await Digest.SendDigestsAsync(app.Data.CommuneId, TestContext.Current.CancellationToken);
        again.Recipients.ShouldBe(0);
        var status = await app.WithSystemScopeAsync(db => db.NotificationSettings.SingleAsync());
        status.LastSentAtUtc.ShouldNotBeNull();
        status.LastError.ShouldBeNull();

        // The administrator's test button goes through the same server.
        var admin = await Browser.LoginAsync(app, "admin");
        (await admin.PostFormAsync("/MailSettings", new() { ["TestTo"] = "quantri@example.vn" }, handler: "Test")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (test, _) = await smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == "quantri@example.vn"));
        (test.Subject ?? "").ShouldContain("Thư thử nghiệm");
    }

    [Fact]
    public async Task An_unreachable_smtp_server_is_recorded_as_the_last_error_and_nothing_throws()
    {
        await ConfigureMailAsync(LoopbackSmtp.FreePort());
        await SetEmailAsync("mentor", "giupdo@example.vn");
        var today = Today;
        var vote = today.AddDays(-300);
        await CaseAsync(app.Data.CellA, app.Data.MentorMemberA, vote.AddDays(-60), [.. ToOpinions(vote.AddDays(-60)), (K.CellVote, vote)]);
        await RunAsync();

        var result = await Digest.SendDigestsAsync(app.Data.CommuneId, TestContext.Current.CancellationToken);
        result.Sent.ShouldBe(0);
        result.Error!.ShouldContain("Không gửi được thư");
        (await Digest.SendTestAsync(app.Data.CommuneId, "ai.do@example.vn", TestContext.Current.CancellationToken)).ShouldNotBeNull();
        // The daily run due now does not throw either.
        await Digest.RunDueAsync(app.Clock.GetUtcNow().AddHours(24), TestContext.Current.CancellationToken);

        var admin = await Browser.LoginAsync(app, "admin");
        var (_, doc) = await admin.GetAsync("/MailSettings");
        doc.QuerySelector("#last-error")!.TextContent.ShouldContain("không kết nối được tới máy chủ");
        // The notifications stay to be mailed once the server is back.
        (await app.WithSystemScopeAsync(db => db.Notifications.Join(db.Users.Where(u => u.UserName == "mentor"), n => n.UserId, u => u.Id, (n, _) => n)
            .CountAsync(n => n.EmailedAtUtc == null && n.ReadAtUtc == null))).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_mail_settings_page_is_for_the_administrator_and_never_shows_the_password_back()
    {
        foreach (var user in new[] { "secretary", "office", "committee", "mentor", "inspector" })
        {
            var other = await Browser.LoginAsync(app, user);
            var denied = await other.Client.GetAsync("/MailSettings");
            denied.StatusCode.ShouldBe(HttpStatusCode.Redirect, user);
            denied.Headers.Location!.ToString().ShouldContain("/Account/Denied", Case.Sensitive, user);
        }
        const string secret = "Mat-khau-SMTP-bi-mat-42";
        await ConfigureMailAsync(2525, secret);
        var admin = await Browser.LoginAsync(app, "admin");
        var (page, doc) = await admin.GetAsync("/MailSettings");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldNotContain(secret);
        doc.QuerySelector("#Password")!.GetAttribute("value").ShouldBe("");
        doc.QuerySelector("#ClearPassword").ShouldNotBeNull("a stored password can be cleared");
        var stored = await app.WithSystemScopeAsync(db => db.NotificationSettings.Select(s => s.SmtpPasswordProtected).SingleAsync());
        stored.ShouldNotBeNull();
        stored!.ShouldNotContain(secret);
        (await app.WithSystemScopeAsync(db => db.AuditEntries.CountAsync(a => a.Changes.Contains(secret) || a.Changes.Contains(stored)))).ShouldBe(0);

        // Saving again with the password left empty keeps it.
        await ConfigureMailAsync(2525);
        (await app.WithSystemScopeAsync(db => db.NotificationSettings.Select(s => s.SmtpPasswordProtected).SingleAsync())).ShouldBe(stored);
    }
}

public sealed class NotificationTests_Sqlite(NotificationSqliteApp app) : NotificationTests<NotificationSqliteApp>(app), IClassFixture<NotificationSqliteApp>;

public sealed class NotificationTests_Postgres(NotificationPostgresApp app) : NotificationTests<NotificationPostgresApp>(app), IClassFixture<NotificationPostgresApp>;
