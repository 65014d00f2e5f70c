using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.People;

/// <summary>
/// The subject's right to their data (Personal Data Protection Law): from a member's or candidate's page the office
/// downloads everything held about the person — record, register entries, cell history, steps, the names of the
/// scanned papers, the audit rows about them — and the download is on the access trail. Other roles cannot.
/// </summary>
public abstract class PersonExportTests<TApp>(TApp app) where TApp : AppFactory
{
    private Task<List<AuditEntry>> ExportRowsAsync() =>
        app.WithSystemScopeAsync(db => db.AuditEntries.Where(a => a.EntityType == AccessTrail.EntityType && a.Action == AccessTrail.ExportedPerson)
            .OrderBy(a => a.Id).ToListAsync());

    private async Task<(int CandidateId, int PersonId)> CandidateWithAScanAsync(Browser office, string citizenId)
    {
        var (candidateId, personId) = await app.WithSystemScopeAsync(async db =>
        {
            var c = new Candidate
            {
                CommuneId = app.Data.CommuneId, CellId = app.Data.CellB, AddedOn = new DateOnly(2026, 1, 5),
                Person = TestData.NewPerson(app.Data.CommuneId, "Tô Thị Xuất", citizenId, null, 2002, Core.Reference.Gender.Female),
            };
            c.Person.Phone = "0977123456";
            db.Candidates.Add(c);
            await db.SaveChangesAsync();
            return (c.Id, c.PersonId);
        });
        var url = $"/Candidates/Step/{candidateId}?kind=SourcePool";
        var (_, doc) = await office.GetAsync(url);
        using var form = new MultipartFormDataContent();
        foreach (var (k, v) in Browser.FormValues(doc).Where(f => f.Key != "Form.Date")) form.Add(new StringContent(v), k);
        form.Add(new StringContent("2026-01-05"), "Form.Date");
        form.Add(new ByteArrayContent("%PDF-1.4\n% Biên bản bình xét\n"u8.ToArray()), "Files", "Biên bản bình xét.pdf");
        (await office.Client.PostAsync(url, form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (candidateId, personId);
    }

    [Fact]
    public async Task The_office_downloads_everything_held_about_a_candidate_and_the_download_is_on_the_trail()
    {
        var office = await Browser.LoginAsync(app, "office");
        var citizenId = app.Engine == Engine.Postgres ? "089302000811" : "089302000812";
        var (candidateId, personId) = await CandidateWithAScanAsync(office, citizenId);
        var before = (await ExportRowsAsync()).Count;

        var r = await office.PostRawAsync($"/Candidates/Details/{candidateId}?handler=ExportPerson", [], $"/Candidates/Details/{candidateId}");
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        r.Content.Headers.ContentDisposition!.FileName!.ShouldContain("du-lieu-ca-nhan");
        r.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var text = await r.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(text).RootElement;

        var person = json.GetProperty("Thông tin cá nhân");
        person.GetProperty("Họ và tên").GetString().ShouldBe("Tô Thị Xuất");
        // The person's own file: their numbers in full.
        person.GetProperty("Số CCCD").GetString().ShouldBe(citizenId);
        person.GetProperty("Số điện thoại").GetString().ShouldBe("0977123456");
        var candidate = json.GetProperty("Hồ sơ quần chúng ưu tú")[0];
        candidate.GetProperty("Chi bộ").GetString().ShouldBe("Chi bộ Trường Tiểu học");
        var step = candidate.GetProperty("Các bước kết nạp")[0];
        step.GetProperty("Bước").GetString()!.ShouldNotBeNullOrEmpty();
        step.GetProperty("Ngày").GetString().ShouldBe("05/01/2026");
        var scan = step.GetProperty("Bản quét giấy tờ")[0];
        scan.GetProperty("Tệp").GetString().ShouldBe("Biên bản bình xét.pdf");
        // Names of the papers, never their bytes.
        text.ShouldNotContain("%PDF");
        text.ShouldNotContain(Convert.ToBase64String("%PDF-1.4"u8.ToArray())[..8]);
        var audit = json.GetProperty("Nhật ký về người này").EnumerateArray().ToList();
        audit.ShouldContain(a => a.GetProperty("Loại hồ sơ").GetString() == "Nhân thân");
        audit.ShouldContain(a => a.GetProperty("Loại hồ sơ").GetString() == "Bước kết nạp");
        audit.ShouldContain(a => a.GetProperty("Loại hồ sơ").GetString() == "Bản quét giấy tờ");

        var rows = (await ExportRowsAsync()).Skip(before).ToList();
        rows.Count.ShouldBe(1);
        rows[0].UserName.ShouldBe("office");
        rows[0].Changes.ShouldContain($"\"PersonId\":[null,{personId}]");
        rows[0].Changes.ShouldContain("Tô Thị Xuất");

        // The next export lists the first one among the rows about the person.
        var again = await office.PostRawAsync($"/Candidates/Details/{candidateId}?handler=ExportPerson", [], $"/Candidates/Details/{candidateId}");
        JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("Nhật ký về người này").EnumerateArray()
            .ShouldContain(a => a.GetProperty("Thao tác").GetString() == AccessTrail.ExportedPerson);
    }

    [Fact]
    public async Task A_members_download_has_their_register_entry_and_cell_history()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var r = await admin.PostRawAsync($"/Members/Details/{app.Data.MemberA}?handler=ExportPerson", [], $"/Members/Details/{app.Data.MemberA}");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("Thông tin cá nhân").GetProperty("Số CCCD").GetString().ShouldBe("089080000001");
        var member = json.GetProperty("Hồ sơ đảng viên")[0];
        member.GetProperty("Chi bộ").GetString().ShouldBe("Chi bộ Ấp Mỹ Lợi");
        member.GetProperty("Ngày lễ kết nạp").GetString().ShouldBe("19/05/2010");
        member.GetProperty("Quá trình sinh hoạt tại chi bộ").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_candidates_download_names_their_mentor()
    {
        var office = await Browser.LoginAsync(app, "office");
        var r = await office.PostRawAsync($"/Candidates/Details/{app.Data.CandidateA}?handler=ExportPerson", [], "/");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("Hồ sơ quần chúng ưu tú")[0]
            .GetProperty("Đảng viên giúp đỡ").GetString().ShouldBe("Trần Thị Bình");
    }

    public static readonly TheoryData<string> OtherRoles =
        [.. Roles.All.Where(r => !PermissionTable.Allows(r, Permission.ViewPersonalIdentifiers))];

    [Theory, MemberData(nameof(OtherRoles))]
    public async Task Other_roles_cannot_download_a_persons_data_and_see_no_button(string role)
    {
        var b = await Browser.LoginAsync(app, TestData.UserOfRole[role]);
        var before = (await ExportRowsAsync()).Count;
        var (page, doc) = await b.GetAsync($"/Candidates/Details/{app.Data.CandidateA}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        doc.QuerySelector("form[action*='handler=ExportPerson']").ShouldBeNull();
        var r = await b.PostRawAsync($"/Candidates/Details/{app.Data.CandidateA}?handler=ExportPerson", [], $"/Candidates/Details/{app.Data.CandidateA}");
        (r.StatusCode == HttpStatusCode.Forbidden || r.Headers.Location?.ToString().Contains("/Account/Denied", StringComparison.Ordinal) == true)
            .ShouldBeTrue($"{role}: {(int)r.StatusCode}");
        (await r.Content.ReadAsStringAsync()).ShouldNotContain("089200000005");
        (await ExportRowsAsync()).Count.ShouldBe(before);
    }
}

public sealed class PersonExportTests_Sqlite(SqliteApp app) : PersonExportTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PersonExportTests_Postgres(PostgresApp app) : PersonExportTests<PostgresApp>(app), IClassFixture<PostgresApp>;
