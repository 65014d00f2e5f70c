using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.People;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.People;

/// <summary>
/// Citizen ID and phone numbers (issue 9, personal data): every role gets them masked on lists, person pages, edit
/// forms, CSV exports and the API; a role with <see cref="Permission.ViewPersonalIdentifiers"/> gets them in full only
/// by asking ("Hiện số", <c>?showIdentifiers=true</c>), and each asking is on the access trail; a masked value sent back
/// by a form or the API keeps the stored number.
/// </summary>
public abstract class MaskingTests<TApp>(TApp app) where TApp : AppFactory
{
    private static int s_n;

    public static readonly TheoryData<string> AllRoles = [.. Roles.All];

    private sealed record Someone(int MemberId, int CandidateId, string MemberCitizenId, string MemberPhone, string CandidateCitizenId, string CandidatePhone);

    /// <summary>A member and a candidate (followed by the cell-A mentor) of their own, with both numbers.</summary>
    private async Task<Someone> CreateAsync()
    {
        var n = Interlocked.Increment(ref s_n) + (app.Engine == Engine.Postgres ? 500 : 0);
        var k = n.ToString("000000", CultureInfo.InvariantCulture);
        var (memberId, memberPhone, candidateId, candidatePhone) = ($"089085{k}", $"0912{k}", $"089301{k}", $"0987{k}");
        var office = (await Browser.LoginAsync(app, "office")).Client;
        var m = await office.PostAsJsonAsync("/api/members", new
        {
            person = new { fullName = "Đặng Văn Che " + Words(n), dateOfBirth = "1985-04-30", gender = "Male", citizenId = memberId, phone = memberPhone },
            member = new { cellId = app.Data.CellA, status = "Official" },
        });
        m.StatusCode.ShouldBe(HttpStatusCode.Created, await m.Content.ReadAsStringAsync());
        var c = await office.PostAsJsonAsync("/api/candidates", new
        {
            person = new { fullName = "Lý Thị Che " + Words(n), dateOfBirth = "2001-02-03", gender = "Female", citizenId = candidateId, phone = candidatePhone },
            candidate = new { cellId = app.Data.CellA, addedOn = "2026-09-01", sourceCategoryIds = new[] { app.Data.SourceCategoryId }, mentorMemberId = app.Data.MentorMemberA },
        });
        c.StatusCode.ShouldBe(HttpStatusCode.Created, await c.Content.ReadAsStringAsync());
        var created = (await m.Content.ReadFromJsonAsync<JsonObject>())!;
        // The answer to the write is masked too.
        created["person"]!["citizenId"]!.GetValue<string>().ShouldBe(PersonalData.Mask(memberId));
        return new((int)created["id"]!, (int)(await c.Content.ReadFromJsonAsync<JsonObject>())!["id"]!, memberId, memberPhone, candidateId, candidatePhone);
    }

    // Names have no digits: the people forms refuse them.
    private static string Words(int n) => string.Join(' ', n.ToString(CultureInfo.InvariantCulture).Select(d => d switch
    {
        '0' => "Không", '1' => "Một", '2' => "Hai", '3' => "Ba", '4' => "Bốn", '5' => "Năm", '6' => "Sáu", '7' => "Bảy", '8' => "Tám", _ => "Chín",
    }));

    [Fact]
    public void The_mask_keeps_the_first_four_and_the_last_two_characters()
    {
        PersonalData.Mask("089012345616").ShouldBe("0890******16");
        PersonalData.Mask("0912345678").ShouldBe("0912****78");
        PersonalData.Mask(PersonalData.Mask("089012345616")).ShouldBe("0890******16");
        PersonalData.Mask(null).ShouldBeNull();
        PersonalData.Mask("12345").ShouldBe("*****");
    }

    [Fact]
    public void Only_the_office_and_the_administrator_may_see_the_full_numbers()
    {
        Roles.All.Where(r => PermissionTable.Allows(r, Permission.ViewPersonalIdentifiers)).Order()
            .ShouldBe(new[] { Roles.Administrator, Roles.CommuneOffice }.Order());
    }

    [Theory, MemberData(nameof(AllRoles))]
    public async Task Every_role_reads_the_numbers_masked_on_lists_pages_exports_and_the_api(string role)
    {
        var p = await CreateAsync();
        var b = await Browser.LoginAsync(app, TestData.UserOfRole[role]);
        var urls = new[]
        {
            "/Members", "/Members?handler=Export", $"/Members/Details/{p.MemberId}", $"/Members/Edit/{p.MemberId}",
            "/Candidates", "/Candidates?handler=Export", $"/Candidates/Details/{p.CandidateId}", $"/Candidates/Edit/{p.CandidateId}",
            $"/Candidates/Timeline/{p.CandidateId}", "/api/members?pageSize=500", $"/api/members/{p.MemberId}",
            "/api/candidates?pageSize=500", $"/api/candidates/{p.CandidateId}", "/Admin/Audit", "/Admin/Audit?handler=Export",
        };
        var opened = new List<string>();
        foreach (var url in urls)
        {
            var r = await b.Client.GetAsync(url);
            var body = await r.Content.ReadAsStringAsync();
            foreach (var full in new[] { p.MemberCitizenId, p.MemberPhone, p.CandidateCitizenId, p.CandidatePhone })
                body.ShouldNotContain(full, customMessage: $"{role} GET {url}");
            if (r.StatusCode == HttpStatusCode.OK) opened.Add(url);
        }
        // What each role opens shows the masks where the numbers belong.
        var may = (string url) => opened.Contains(url);
        if (may($"/Members/Details/{p.MemberId}"))
        {
            var (_, doc) = await b.GetAsync($"/Members/Details/{p.MemberId}");
            doc.QuerySelector("[data-identifier=citizen-id]")!.TextContent.Trim().ShouldBe(PersonalData.Mask(p.MemberCitizenId));
            doc.QuerySelector("[data-identifier=phone]")!.TextContent.ShouldContain(PersonalData.Mask(p.MemberPhone)!);
            // The "Hiện số" button only for a role that may use it.
            var reveal = doc.QuerySelector("form[action*='handler=Reveal']");
            (reveal?.QuerySelector("button") is not null).ShouldBe(PermissionTable.Allows(role, Permission.ViewPersonalIdentifiers));
            reveal?.GetAttribute("action")!.ShouldStartWith($"/Members/Details/{p.MemberId}");
        }
        opened.ShouldContain($"/Candidates/Details/{p.CandidateId}", "every role reads this candidate (the mentor follows them)");
        opened.ShouldContain($"/api/candidates/{p.CandidateId}");
        var api = (await b.Client.GetFromJsonAsync<JsonObject>($"/api/candidates/{p.CandidateId}"))!;
        api["person"]!["citizenId"]!.GetValue<string>().ShouldBe(PersonalData.Mask(p.CandidateCitizenId));
        api["person"]!["phone"]!.GetValue<string>().ShouldBe(PersonalData.Mask(p.CandidatePhone));
        if (PermissionTable.Allows(role, Permission.EditPerson))
        {
            var (_, form) = await b.GetAsync($"/Candidates/Edit/{p.CandidateId}");
            form.QuerySelector("input[name='Person.CitizenId']")!.GetAttribute("value").ShouldBe(PersonalData.Mask(p.CandidateCitizenId));
        }
        // Searching a list by a full citizen ID would tell whose it is.
        var (_, found) = await b.GetAsync("/Candidates?Search=" + p.CandidateCitizenId);
        found.Body!.TextContent.Contains("Lý Thị Che", StringComparison.Ordinal).ShouldBe(PermissionTable.Allows(role, Permission.ViewPersonalIdentifiers));
    }

    private Task<List<AuditEntry>> ShownRowsAsync() =>
        app.WithSystemScopeAsync(db => db.AuditEntries.Where(a => a.EntityType == AccessTrail.EntityType && a.Action == AccessTrail.ShownIdentifiers)
            .OrderBy(a => a.Id).ToListAsync());

    [Theory, MemberData(nameof(AllRoles))]
    public async Task Showing_the_full_numbers_is_for_the_register_keepers_only_and_each_showing_is_on_the_trail(string role)
    {
        var p = await CreateAsync();
        var may = PermissionTable.Allows(role, Permission.ViewPersonalIdentifiers);
        var b = await Browser.LoginAsync(app, TestData.UserOfRole[role]);
        var before = (await ShownRowsAsync()).Count;

        var page = await b.PostRawAsync($"/Candidates/Details/{p.CandidateId}?handler=Reveal", [], $"/Candidates/Details/{p.CandidateId}");
        var api = await b.Client.GetAsync($"/api/candidates/{p.CandidateId}?showIdentifiers=true");
        var list = await b.Client.GetAsync("/api/candidates?showIdentifiers=true&pageSize=500");
        if (!may)
        {
            (page.StatusCode == HttpStatusCode.Forbidden || page.Headers.Location?.ToString().Contains("/Account/Denied", StringComparison.Ordinal) == true)
                .ShouldBeTrue($"{role}: {(int)page.StatusCode}");
            api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            list.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await api.Content.ReadAsStringAsync()).ShouldNotContain(p.CandidateCitizenId);
            (await ShownRowsAsync()).Count.ShouldBe(before);
            return;
        }
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain(p.CandidateCitizenId);
        html.ShouldContain(p.CandidatePhone);
        (await api.Content.ReadFromJsonAsync<JsonObject>())!["person"]!["citizenId"]!.GetValue<string>().ShouldBe(p.CandidateCitizenId);
        (await list.Content.ReadAsStringAsync()).ShouldContain(p.CandidateCitizenId);

        var rows = (await ShownRowsAsync()).Skip(before).ToList();
        rows.Count.ShouldBe(3);
        rows.ShouldAllBe(r => r.UserName == TestData.UserOfRole[role]);
        rows[0].Changes.ShouldContain("Lý Thị Che");
        rows[0].Changes.ShouldContain(PersonalData.ViaPersonPage);
        rows[2].Changes.ShouldContain("\"Rows\"");
        rows.ShouldAllBe(r => !r.Changes.Contains(p.CandidateCitizenId));

        // Read in Vietnamese on the audit page, by whoever reads the trail.
        var admin = await Browser.LoginAsync(app, "admin");
        var (_, audit) = await admin.GetAsync("/Admin/Audit?EntityType=Access&Action=" + Uri.EscapeDataString(AccessTrail.ShownIdentifiers));
        audit.Body!.TextContent.ShouldContain("Xem số định danh");
        audit.Body!.TextContent.ShouldContain("Người: (trống) → Lý Thị Che");
    }

    [Theory]
    [InlineData("office")]
    [InlineData("secretary")]
    public async Task A_masked_number_sent_back_by_the_form_keeps_the_stored_one_and_a_typed_one_replaces_it(string user)
    {
        var p = await CreateAsync();
        var b = await Browser.LoginAsync(app, user);
        var saved = await b.PostFormAsync($"/Members/Edit/{p.MemberId}", new() { ["Person.Occupation"] = "Thợ may" });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        (await StoredAsync(p.MemberId)).ShouldBe(("Thợ may", p.MemberCitizenId, p.MemberPhone));

        // Stars that are not the stored number's mask: refused, nothing written, the stars stay on the form.
        var wrong = await b.PostFormAsync($"/Members/Edit/{p.MemberId}", new() { ["Person.CitizenId"] = "0890******99", ["Person.Occupation"] = "Thợ hàn" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var text = await wrong.Content.ReadAsStringAsync();
        text.ShouldContain("dạng che");
        text.ShouldNotContain(p.MemberCitizenId);
        (await StoredAsync(p.MemberId)).ShouldBe(("Thợ may", p.MemberCitizenId, p.MemberPhone));

        // Another field wrong: the form comes back with the stars, not the stored number.
        var invalid = await b.PostFormAsync($"/Members/Edit/{p.MemberId}", new() { ["Person.FullName"] = "X" });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var again = await invalid.Content.ReadAsStringAsync();
        again.ShouldNotContain(p.MemberCitizenId);
        again.ShouldNotContain(p.MemberPhone);

        // A new number typed in full replaces the stored one (still masked when shown).
        var newPhone = "0933" + p.MemberPhone[4..];
        var typed = await b.PostFormAsync($"/Members/Edit/{p.MemberId}", new() { ["Person.Phone"] = newPhone });
        typed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await typed.Content.ReadAsStringAsync());
        (await StoredAsync(p.MemberId)).ShouldBe(("Thợ may", p.MemberCitizenId, newPhone));
        var (_, details) = await b.GetAsync($"/Members/Details/{p.MemberId}");
        details.Body!.TextContent.ShouldNotContain(newPhone);
        details.QuerySelector("details")!.TextContent.ShouldContain($"Số điện thoại: {PersonalData.Mask(p.MemberPhone)} → {PersonalData.Mask(newPhone)}");
    }

    [Theory]
    [InlineData("office")]
    [InlineData("committee")]
    public async Task A_masked_number_sent_back_by_the_api_keeps_the_stored_one(string user)
    {
        var p = await CreateAsync();
        var client = (await Browser.LoginAsync(app, user)).Client;
        var body = (await client.GetFromJsonAsync<JsonObject>($"/api/members/{p.MemberId}"))!;
        body["person"]!["occupation"] = "Thợ điện";
        var put = await client.PutAsJsonAsync($"/api/members/{p.MemberId}", body);
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        (await put.Content.ReadAsStringAsync()).ShouldNotContain(p.MemberCitizenId);
        (await StoredAsync(p.MemberId)).ShouldBe(("Thợ điện", p.MemberCitizenId, p.MemberPhone));

        var stale = JsonNode.Parse(body.ToJsonString())!.AsObject();
        body = (await client.GetFromJsonAsync<JsonObject>($"/api/members/{p.MemberId}"))!;
        body["person"]!["phone"] = "0912**0000";
        var wrong = await client.PutAsJsonAsync($"/api/members/{p.MemberId}", body);
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("dạng che");

        // A conflict shows both versions, masked.
        stale["person"]!["occupation"] = "Thợ mộc";
        var conflict = await client.PutAsJsonAsync($"/api/members/{p.MemberId}", stale);
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await conflict.Content.ReadAsStringAsync()).ShouldNotContain(p.MemberCitizenId);
        (await StoredAsync(p.MemberId)).ShouldBe(("Thợ điện", p.MemberCitizenId, p.MemberPhone));
    }

    private Task<(string?, string?, string?)> StoredAsync(int memberId) =>
        app.WithSystemScopeAsync(db => db.Members.Where(m => m.Id == memberId)
            .Select(m => new ValueTuple<string?, string?, string?>(m.Person.Occupation, m.Person.CitizenId, m.Person.Phone)).SingleAsync());
}

public sealed class MaskingTests_Sqlite(SqliteApp app) : MaskingTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class MaskingTests_Postgres(PostgresApp app) : MaskingTests<PostgresApp>(app), IClassFixture<PostgresApp>;
