using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Notifications;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Admin.AdminTestKit;

namespace PhatTrienDangVien.Web.Tests.Admin;

/// <summary>
/// The admin area's writes through their commands: no lost update on an account, a source category or the mail
/// settings (two administrators, one form opened before the other's save), account edits in the audit trail, and the
/// installation rule that keeps one commune's administrator off the shared rule book and calendar.
/// </summary>
public abstract class AdminWriteTests<TApp>(TApp app) where TApp : AppFactory
{
    private static readonly HtmlParser s_parser = new();

    private TestData D => app.Data;

    /// <summary>A second administrator of the same commune, the other editor of every race here.</summary>
    private async Task<Browser> OtherAdminAsync()
    {
        if (await FindUserAsync(app, "quantri.hai") is null) await CreateUserAsync(app, "quantri.hai", Roles.Administrator);
        return await Browser.LoginAsync(app, "quantri.hai");
    }

    /// <summary>Submits the form of <paramref name="page"/> as the browser shows it, with some fields changed.</summary>
    private static Task<HttpResponseMessage> SubmitAsync(Browser b, string url, IHtmlDocument page, Dictionary<string, string> changes)
    {
        var fields = Browser.FormValues(page).Where(f => !changes.ContainsKey(f.Key)).Concat(changes).ToList();
        return b.Client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private static async Task<IHtmlDocument> DocumentAsync(HttpResponseMessage r) =>
        await s_parser.ParseDocumentAsync(await r.Content.ReadAsStringAsync());

    /// <summary>The conflict table's rows: label, what the user typed, what the other saved.</summary>
    private static List<(string Field, string Yours, string Theirs)> ConflictRows(IHtmlDocument doc)
    {
        var table = doc.QuerySelector(".conflict").ShouldNotBeNull("the page shows both versions");
        return table.QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList())
            .Select(c => (c[0], c[1], c[2])).ToList();
    }

    private static void NoRawIds(List<(string Field, string Yours, string Theirs)> rows, params int[] ids)
    {
        foreach (var (field, yours, theirs) in rows)
            foreach (var id in ids)
            {
                yours.ShouldNotBe(S(id), $"{field} shows an id");
                theirs.ShouldNotBe(S(id), $"{field} shows an id");
            }
    }

    [Fact]
    public async Task An_account_saved_by_another_admin_meanwhile_is_not_overwritten_and_the_first_admin_saves_after_seeing_both()
    {
        var target = await CreateUserAsync(app, "hai.ban.sua", Roles.CellSecretary);
        var url = $"/Admin/Users/Edit/{target.Id}";
        var admin = await Browser.LoginAsync(app, "admin");
        var (_, formA) = await admin.GetAsync(url);

        var other = await OtherAdminAsync();
        (await other.PostFormAsync(url, new() { ["Input.FullName"] = "Tên quản trị hai đặt", ["Input.Role"] = Roles.Inspector }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var conflict = await SubmitAsync(admin, url, formA, new() { ["Input.FullName"] = "Tên quản trị một đặt" });
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await DocumentAsync(conflict);
        var rows = ConflictRows(page);
        rows.ShouldContain(("Họ và tên", "Tên quản trị một đặt", "Tên quản trị hai đặt"));
        rows.ShouldContain(("Vai trò", "Bí thư chi bộ", "Ủy ban Kiểm tra"));
        rows.ShouldContain(("Chi bộ (với Bí thư chi bộ)", "Chi bộ Ấp Mỹ Lợi", ""));
        NoRawIds(rows, D.CellA);
        var stored = (await FindUserAsync(app, "hai.ban.sua"))!;
        stored.FullName.ShouldBe("Tên quản trị hai đặt");
        stored.Role.ShouldBe(Roles.Inspector);

        // The form now carries the stored version: saving again is a choice made knowingly.
        var again = await SubmitAsync(admin, url, page, []);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect, await again.Content.ReadAsStringAsync());
        var saved = (await FindUserAsync(app, "hai.ban.sua"))!;
        saved.FullName.ShouldBe("Tên quản trị một đặt");
        saved.Role.ShouldBe(Roles.CellSecretary);
        saved.OrganisationId.ShouldBe(D.CellA);
    }

    [Fact]
    public async Task Editing_an_account_writes_who_changed_what_to_the_audit_trail_without_its_secrets()
    {
        var target = await CreateUserAsync(app, "duoc.ghi.vet", Roles.CommuneOffice);
        var admin = await Browser.LoginAsync(app, "admin");
        var r = await admin.PostFormAsync($"/Admin/Users/Edit/{target.Id}", new() { ["Input.FullName"] = "Tên sau khi sửa", ["Input.Role"] = Roles.Inspector });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());

        var entries = await app.WithSystemScopeAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "AppUser" && a.EntityId == target.Id && a.Action == "Sửa").ToListAsync());
        var edit = entries.ShouldHaveSingleItem();
        edit.UserName.ShouldBe("admin");
        edit.CommuneId.ShouldBe(D.CommuneId);
        edit.Changes.ShouldContain("Người thử duoc.ghi.vet");
        edit.Changes.ShouldContain("Tên sau khi sửa");
        edit.Changes.ShouldContain(Roles.Inspector);
        var stored = (await FindUserAsync(app, "duoc.ghi.vet"))!;
        edit.Changes.ShouldNotContain(stored.SecurityStamp!);
        edit.Changes.ShouldNotContain(stored.ConcurrencyStamp!);

        // The account page shows it in its history.
        var (_, page) = await admin.GetAsync($"/Admin/Users/Edit/{target.Id}");
        Text(page).ShouldContain("Tên sau khi sửa");
    }

    [Fact]
    public async Task An_administrator_cannot_take_away_their_own_admin_role_but_another_administrator_can_be_changed()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var me = (await FindUserAsync(app, "admin"))!;
        var r = await admin.PostFormAsync($"/Admin/Users/Edit/{me.Id}", new() { ["Input.Role"] = Roles.CommuneOffice });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("Đồng chí không thể tự bỏ quyền quản trị của chính mình");
        (await FindUserAsync(app, "admin"))!.Role.ShouldBe(Roles.Administrator);

        var other = await CreateUserAsync(app, "quantri.ba", Roles.Administrator);
        (await admin.PostFormAsync($"/Admin/Users/Edit/{other.Id}", new() { ["Input.Role"] = Roles.CommuneOffice })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await FindUserAsync(app, "quantri.ba"))!.Role.ShouldBe(Roles.CommuneOffice);
    }

    [Fact]
    public async Task A_source_category_saved_by_another_admin_meanwhile_is_not_overwritten_and_the_first_admin_saves_after_seeing_both()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        (await admin.PostFormAsync("/Admin/SourceCategories/Edit", new() { ["Input.Code"] = "HAI_NGUOI", ["Input.Name"] = "Nguồn ban đầu", ["Input.SortOrder"] = "50" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await app.WithSystemScopeAsync(db => db.SourceCategories.Where(s => s.CommuneId == D.CommuneId && s.Code == "HAI_NGUOI").Select(s => s.Id).SingleAsync());
        var url = $"/Admin/SourceCategories/Edit/{S(id)}";
        var (_, formA) = await admin.GetAsync(url);

        var other = await OtherAdminAsync();
        (await other.PostFormAsync(url, new() { ["Input.Name"] = "Nguồn quản trị hai đặt", ["Input.SortOrder"] = "51" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var conflict = await SubmitAsync(admin, url, formA, new() { ["Input.Name"] = "Nguồn quản trị một đặt" });
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await DocumentAsync(conflict);
        var rows = ConflictRows(page);
        rows.ShouldContain(("Tên nguồn", "Nguồn quản trị một đặt", "Nguồn quản trị hai đặt"));
        rows.ShouldContain(("Thứ tự hiển thị", "50", "51"));
        rows.ShouldNotContain(r => r.Field == "Mã", "the code is fixed and both have it");
        Task<Core.People.SourceCategory> StoredAsync() => app.WithSystemScopeAsync(db => db.SourceCategories.AsNoTracking().SingleAsync(s => s.Id == id));
        (await StoredAsync()).Name.ShouldBe("Nguồn quản trị hai đặt");

        var again = await SubmitAsync(admin, url, page, []);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect, await again.Content.ReadAsStringAsync());
        var saved = await StoredAsync();
        saved.Name.ShouldBe("Nguồn quản trị một đặt");
        saved.SortOrder.ShouldBe(50);
    }

    [Fact]
    public async Task Mail_settings_saved_by_another_admin_meanwhile_are_not_overwritten_and_the_first_admin_saves_after_seeing_both()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        (await admin.PostFormAsync("/MailSettings", new() { ["Input.SmtpHost"] = "smtp.ban-dau.example", ["Input.SmtpSecurity"] = nameof(SmtpSecurity.StartTls) }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, formA) = await admin.GetAsync("/MailSettings");

        var other = await OtherAdminAsync();
        (await other.PostFormAsync("/MailSettings", new() { ["Input.SmtpHost"] = "smtp.hai.example", ["Input.SmtpSecurity"] = nameof(SmtpSecurity.None) }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var conflict = await SubmitAsync(admin, "/MailSettings", formA, new() { ["Input.SmtpHost"] = "smtp.mot.example" });
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await DocumentAsync(conflict);
        var rows = ConflictRows(page);
        rows.ShouldContain(("Máy chủ SMTP", "smtp.mot.example", "smtp.hai.example"));
        rows.ShouldContain(("Mã hóa", "STARTTLS (khuyến nghị)", "Không mã hóa (chỉ trong mạng nội bộ)"));
        Task<NotificationSettings> StoredAsync() => app.WithSystemScopeAsync(db => db.NotificationSettings.AsNoTracking().SingleAsync(s => s.CommuneId == D.CommuneId));
        (await StoredAsync()).SmtpHost.ShouldBe("smtp.hai.example");

        var again = await SubmitAsync(admin, "/MailSettings", page, []);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect, await again.Content.ReadAsStringAsync());
        var saved = await StoredAsync();
        saved.SmtpHost.ShouldBe("smtp.mot.example");
        saved.SmtpSecurity.ShouldBe(SmtpSecurity.StartTls);
    }

    [Fact]
    public async Task The_first_mail_settings_saved_by_another_admin_are_not_overwritten_by_a_form_that_read_none()
    {
        // The commune has no settings yet (tests of one class run one after another).
        await app.WithSystemScopeAsync(db => db.NotificationSettings.Where(s => s.CommuneId == D.CommuneId).ExecuteDeleteAsync());
        var admin = await Browser.LoginAsync(app, "admin");
        var (_, formA) = await admin.GetAsync("/MailSettings");
        var other = await OtherAdminAsync();
        (await other.PostFormAsync("/MailSettings", new() { ["Input.SmtpHost"] = "smtp.truoc.example", ["Input.SmtpSecurity"] = nameof(SmtpSecurity.None) }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var conflict = await SubmitAsync(admin, "/MailSettings", formA, new() { ["Input.SmtpHost"] = "smtp.sau.example" });
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        ConflictRows(await DocumentAsync(conflict)).ShouldContain(("Máy chủ SMTP", "smtp.sau.example", "smtp.truoc.example"));
        (await app.WithSystemScopeAsync(db => db.NotificationSettings.AsNoTracking().SingleAsync(s => s.CommuneId == D.CommuneId))).SmtpHost
            .ShouldBe("smtp.truoc.example");
    }

    [Fact]
    public async Task Calendar_corrections_and_rule_versions_are_refused_once_the_installation_serves_several_communes()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        // One commune: its administrator corrects the calendar, and a second correction of the same date is refused.
        var add = new Dictionary<string, string> { ["Input.Date"] = "2027-04-30", ["Input.Kind"] = "DayOff", ["Input.Name"] = "Nghỉ bù theo thông báo" };
        var added = await admin.PostFormAsync("/Calendar?Year=2027", add, handler: "Add");
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect, await added.Content.ReadAsStringAsync());
        added.Headers.Location!.ToString().ShouldBe("/Calendar?Year=2027");
        var twice = await admin.PostFormAsync("/Calendar?Year=2027", add, handler: "Add");
        twice.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await twice.Content.ReadAsStringAsync()).ShouldContain("Ngày này đã có điều chỉnh");
        var correction = await app.WithSystemScopeAsync(db => db.CalendarDayOverrides.AsNoTracking().SingleAsync(o => o.Date == new DateOnly(2027, 4, 30)));
        // The office reads the calendar but does not correct it.
        var office = await Browser.LoginAsync(app, "office");
        IsDenied(await office.PostRawAsync($"/Calendar?handler=Delete&id={S(correction.Id)}", [], "/Calendar")).ShouldBeTrue();

        // The demo seeded beside the commune, and a commune merged or archived, serve no one: still one commune.
        await app.WithSystemScopeAsync(async db =>
        {
            await Setup.CommuneSetup.CreateAsync(db, "Đảng bộ xã Dùng Thử", 2025, 2030, isDemo: true);
            var archived = await Setup.CommuneSetup.CreateAsync(db, "Đảng bộ xã Đã Lưu Trữ", 2025, 2030, isDemo: false);
            archived.IsActive = false;
            return await db.SaveChangesAsync();
        });
        (await admin.GetAsync("/Rules")).Document.QuerySelector("select[name='Input.Key']").ShouldNotBeNull();
        var stillOne = await admin.PostFormAsync("/Calendar?Year=2027", new() { ["Input.Date"] = "2027-05-03", ["Input.Kind"] = "DayOff", ["Input.Name"] = "Nghỉ bù" }, handler: "Add");
        stillOne.StatusCode.ShouldBe(HttpStatusCode.Redirect, await stillOne.Content.ReadAsStringAsync());

        await app.WithSystemScopeAsync(db => Setup.CommuneSetup.CreateAsync(db, "Đảng bộ xã Bên Kia", 2025, 2030, isDemo: false));
        var refused = await admin.PostRawAsync($"/Calendar?handler=Delete&id={S(correction.Id)}", [], "/Calendar");
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("quản trị viên của một xã không sửa được");
        (await app.WithSystemScopeAsync(db => db.CalendarDayOverrides.AnyAsync(o => o.Id == correction.Id))).ShouldBeTrue();

        var before = await app.WithSystemScopeAsync(db => db.RuleParameters.CountAsync());
        // The page offers no form now, only its note; a version posted all the same is refused.
        (await admin.GetAsync("/Rules")).Document.QuerySelector("select[name='Input.Key']").ShouldBeNull();
        var rule = await admin.PostRawAsync("/Rules",
            [new("Input.Key", "ProbationMonths"), new("Input.Value", "12"), new("Input.EffectiveFrom", "2027-03-01"), new("Input.Citation", "Thử nghiệm")], "/Rules");
        rule.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await rule.Content.ReadAsStringAsync()).ShouldContain("quy định kết nạp và lịch nghỉ dùng chung cho mọi xã");
        (await app.WithSystemScopeAsync(db => db.RuleParameters.CountAsync())).ShouldBe(before);
    }
}

public sealed class AdminWriteTests_Sqlite(SqliteApp app) : AdminWriteTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class AdminWriteTests_Postgres(PostgresApp app) : AdminWriteTests<PostgresApp>(app), IClassFixture<PostgresApp>;
