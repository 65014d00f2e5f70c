using System.Net;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Admin.AdminTestKit;

namespace PhatTrienDangVien.Web.Tests.Admin;

public abstract class SourceCategoryAdminTests<TApp>(TApp app) where TApp : AppFactory
{
    private TestData D => app.Data;

    private Task<SourceCategory?> FindAsync(string code) =>
        app.WithSystemScopeAsync(db => db.SourceCategories.AsNoTracking().FirstOrDefaultAsync(s => s.CommuneId == D.CommuneId && s.Code == code));

    private async Task<SourceCategory> AddAsync(Browser admin, string code, string name, int order = 40)
    {
        var r = await admin.PostFormAsync("/Admin/SourceCategories/Edit", new()
        {
            ["Input.Code"] = code, ["Input.Name"] = name, ["Input.SortOrder"] = S(order),
        });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        return (await FindAsync(code.ToUpperInvariant())).ShouldNotBeNull();
    }

    [Fact]
    public async Task The_list_shows_each_category_with_the_number_of_candidates_using_it()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var (_, doc) = await admin.GetAsync("/Admin/SourceCategories");
        var row = doc.QuerySelector("tr[data-code='DOAN_VIEN']").ShouldNotBeNull();
        row.QuerySelector(".candidates")!.TextContent.Trim().ShouldBe("2");
        row.TextContent.ShouldContain("Đang dùng");
        row.QuerySelector("button[data-confirm]").ShouldNotBeNull();
    }

    [Fact]
    public async Task An_admin_adds_a_category_with_an_upper_case_code()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var added = await AddAsync(admin, "cuu_chien_binh", "Hội viên Hội Cựu chiến binh", 30);
        added.Name.ShouldBe("Hội viên Hội Cựu chiến binh");
        added.SortOrder.ShouldBe(30);
        added.IsActive.ShouldBeTrue();
        var (_, doc) = await admin.GetAsync("/Admin/SourceCategories");
        doc.QuerySelector("tr[data-code='CUU_CHIEN_BINH']")!.TextContent.ShouldContain("Hội viên Hội Cựu chiến binh");
    }

    [Fact]
    public async Task A_duplicate_code_is_refused_with_a_clear_message()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var before = await app.WithSystemScopeAsync(db => db.SourceCategories.CountAsync());
        var r = await admin.PostFormAsync("/Admin/SourceCategories/Edit", new()
        {
            ["Input.Code"] = "doan_vien", ["Input.Name"] = "Đoàn viên lần nữa", ["Input.SortOrder"] = "3",
        });
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("Mã “DOAN_VIEN” đã có trong danh mục nguồn của xã");
        (await app.WithSystemScopeAsync(db => db.SourceCategories.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Renaming_and_reordering_saves_and_bumps_the_version()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var s = await AddAsync(admin, "DOI_TEN", "Tên cũ", 41);
        var r = await admin.PostFormAsync($"/Admin/SourceCategories/Edit/{S(s.Id)}", new() { ["Input.Name"] = "Tên mới", ["Input.SortOrder"] = "7" });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = (await FindAsync("DOI_TEN"))!;
        after.Name.ShouldBe("Tên mới");
        after.SortOrder.ShouldBe(7);
        after.Version.ShouldBe(s.Version + 1);
    }

    [Fact]
    public async Task Renaming_with_a_stale_version_shows_the_conflict_and_changes_nothing()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var s = await AddAsync(admin, "XUNG_DOT", "Tên ban đầu", 42);
        var url = $"/Admin/SourceCategories/Edit/{S(s.Id)}";
        (await admin.PostFormAsync(url, new() { ["Input.Name"] = "Tên người kia lưu" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var r = await admin.PostFormAsync(url, new() { ["Input.Name"] = "Tên tôi muốn", ["Version"] = S(s.Version) });
        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = await r.Content.ReadAsStringAsync();
        html.ShouldContain("Hồ sơ này vừa được người khác sửa sau khi đồng chí mở trang.");
        html.ShouldContain("Tên người kia lưu");
        var current = (await FindAsync("XUNG_DOT"))!;
        current.Name.ShouldBe("Tên người kia lưu");
        current.Version.ShouldBe(s.Version + 1);
    }

    [Fact]
    public async Task A_category_in_use_cannot_be_deleted()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var s = (await FindAsync("DOAN_VIEN"))!;
        var r = await PostHandlerAsync(admin, $"/Admin/SourceCategories?handler=Delete&id={S(s.Id)}&version={S(s.Version)}");
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("vì đang có quần chúng gắn với nguồn này");
        (await FindAsync("DOAN_VIEN")).ShouldNotBeNull();
        (await app.WithSystemScopeAsync(db => db.CandidateSources.CountAsync(c => c.SourceCategoryId == s.Id))).ShouldBe(2);
    }

    [Fact]
    public async Task A_category_not_in_use_is_deleted()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var s = await AddAsync(admin, "SE_XOA", "Nguồn sẽ xóa", 43);
        var r = await PostHandlerAsync(admin, $"/Admin/SourceCategories?handler=Delete&id={S(s.Id)}&version={S(s.Version)}");
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await FindAsync("SE_XOA")).ShouldBeNull();
        (await app.WithSystemScopeAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "SourceCategory" && a.EntityId == S(s.Id) && a.Action == "Xóa")))
            .ShouldBeTrue();
    }

    [Fact]
    public async Task Deactivating_and_reactivating_keeps_the_candidates_and_a_stale_version_is_refused()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        var s = (await FindAsync("DAN_QUAN"))!;
        var code = s.Code;
        (await PostHandlerAsync(admin, $"/Admin/SourceCategories?handler=Deactivate&id={S(s.Id)}&version={S(s.Version)}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var off = (await FindAsync(code))!;
        off.IsActive.ShouldBeFalse();

        var stale = await PostHandlerAsync(admin, $"/Admin/SourceCategories?handler=Reactivate&id={S(s.Id)}&version={S(s.Version)}");
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.Content.ReadAsStringAsync()).ShouldContain("vừa được người khác sửa");
        (await FindAsync(code))!.IsActive.ShouldBeFalse();

        (await PostHandlerAsync(admin, $"/Admin/SourceCategories?handler=Reactivate&id={S(s.Id)}&version={S(off.Version)}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await FindAsync(code))!.IsActive.ShouldBeTrue();
    }

    [Fact]
    public async Task Categories_of_another_commune_cannot_be_edited()
    {
        var otherId = await app.WithSystemScopeAsync(async db =>
            (await Setup.CommuneSetup.CreateAsync(db, "Đảng bộ xã Cách Xa", 2025, 2030, isDemo: false)).Id);
        var foreign = await app.WithSystemScopeAsync(db => db.SourceCategories.AsNoTracking().FirstAsync(s => s.CommuneId == otherId));
        var admin = await Browser.LoginAsync(app, "admin");
        (await admin.Client.GetAsync($"/Admin/SourceCategories/Edit/{S(foreign.Id)}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostHandlerAsync(admin, $"/Admin/SourceCategories?handler=Delete&id={S(foreign.Id)}&version={S(foreign.Version)}"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithSystemScopeAsync(db => db.SourceCategories.AnyAsync(s => s.Id == foreign.Id))).ShouldBeTrue();
    }
}

public sealed class SourceCategoryAdminTests_Sqlite(SqliteApp app) : SourceCategoryAdminTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class SourceCategoryAdminTests_Postgres(PostgresApp app) : SourceCategoryAdminTests<PostgresApp>(app), IClassFixture<PostgresApp>;
