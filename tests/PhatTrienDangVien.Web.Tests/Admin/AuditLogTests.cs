using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Setup;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Web.Tests.Admin.AdminTestKit;

namespace PhatTrienDangVien.Web.Tests.Admin;

public abstract class AuditLogTests<TApp>(TApp app) : IAsyncLifetime where TApp : AppFactory
{
    private TestData D => app.Data;
    private Browser _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _admin = await Browser.LoginAsync(app, "admin");
        // One change made through an ordinary page, once per fixture: the hamlet's population 2000 → 2345.
        var hamlet = await app.WithSystemScopeAsync(db => db.Hamlets.AsNoTracking().FirstAsync(h => h.Id == D.HamletA));
        if (hamlet.Population == 2000)
        {
            var r = await _admin.PostFormAsync($"/Hamlets/Edit/{S(D.HamletA)}", new() { ["Input.Population"] = "2345", ["Input.Households"] = "600" });
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        }
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private async Task<string> ChangesShownAsync(string query)
    {
        var (page, doc) = await _admin.GetAsync("/Admin/Audit" + query);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        return string.Join("\n", doc.QuerySelectorAll("table.audit tbody tr").Select(tr => tr.TextContent));
    }

    [Fact]
    public async Task A_change_made_through_a_page_is_listed_with_old_and_new_values()
    {
        var shown = await ChangesShownAsync("?EntityType=Hamlet");
        shown.ShouldContain("Dân số: 2.000 → 2.345");
        shown.ShouldContain("Số hộ: 500 → 600");
        shown.ShouldContain("Ấp Mỹ Lợi");
        shown.ShouldContain("Sửa");
    }

    [Fact]
    public async Task Times_are_shown_in_Vietnam_time()
    {
        var entry = await app.WithSystemScopeAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Hamlet" && a.EntityId == S(D.HamletA) && a.Action == "Sửa").OrderByDescending(a => a.Id).FirstAsync());
        var expected = entry.AtUtc.AddHours(7).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
        (await ChangesShownAsync($"?EntityType=Hamlet&EntityId={S(D.HamletA)}")).ShouldContain(expected);
    }

    [Fact]
    public async Task The_filters_narrow_the_list()
    {
        (await ChangesShownAsync("?EntityType=SourceCategory")).ShouldNotContain("Dân số");
        (await ChangesShownAsync("?EntityType=Hamlet&Action=Xóa")).ShouldNotContain("Dân số");
        (await ChangesShownAsync("?EntityType=Hamlet&Action=Sửa")).ShouldContain("Dân số: 2.000 → 2.345");
        (await ChangesShownAsync($"?EntityType=Hamlet&EntityId={S(D.HamletA + 1000)}")).ShouldNotContain("Dân số");
        (await ChangesShownAsync($"?EntityId={S(D.HamletA)}&EntityType=Hamlet")).ShouldContain("Dân số: 2.000 → 2.345");

        var entry = await app.WithSystemScopeAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Hamlet" && a.Action == "Sửa").OrderByDescending(a => a.Id).FirstAsync());
        var day = DateOnly.FromDateTime(entry.AtUtc.AddHours(7));
        string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (await ChangesShownAsync($"?EntityType=Hamlet&From={Iso(day)}&To={Iso(day)}")).ShouldContain("Dân số: 2.000 → 2.345");
        (await ChangesShownAsync($"?EntityType=Hamlet&From={Iso(day.AddDays(1))}")).ShouldNotContain("Dân số");
        (await ChangesShownAsync($"?EntityType=Hamlet&To={Iso(day.AddDays(-1))}")).ShouldNotContain("Dân số");
    }

    [Fact]
    public async Task Changes_made_on_the_admin_pages_are_attributed_to_the_admin_and_filterable_by_user()
    {
        var r = await _admin.PostFormAsync("/Admin/SourceCategories/Edit", new()
        {
            ["Input.Code"] = "NHAT_KY", ["Input.Name"] = "Nguồn để thử nhật ký", ["Input.SortOrder"] = "50",
        });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ChangesShownAsync("?EntityType=SourceCategory&UserName=admin")).ShouldContain("Nguồn để thử nhật ký");
        var nobody = await ChangesShownAsync("?UserName=khong.ai.ca");
        nobody.ShouldNotContain("Nguồn để thử nhật ký");
        nobody.ShouldContain("Không có thay đổi nào khớp điều kiện lọc.");
    }

    [Fact]
    public async Task Entries_of_another_commune_are_not_shown()
    {
        var otherId = await app.WithSystemScopeAsync(async db =>
        {
            var other = await CommuneSetup.CreateAsync(db, "Đảng bộ xã Láng Giềng", 2025, 2030, isDemo: false);
            db.Hamlets.Add(new Hamlet { CommuneId = other.Id, Name = "Ấp Xa Xôi", Population = 999 });
            await db.SaveChangesAsync();
            return other.Id;
        });
        // The entries exist, so the page hiding them proves the filter rather than a missing write.
        (await app.WithSystemScopeAsync(db => db.AuditEntries.AnyAsync(a => a.CommuneId == otherId && a.Changes.Contains("Ấp Xa Xôi")))).ShouldBeTrue();

        (await ChangesShownAsync("?EntityType=Hamlet&q.PageSize=200")).ShouldNotContain("Ấp Xa Xôi");
        var all = await ChangesShownAsync("?q.PageSize=200");
        all.ShouldNotContain("Ấp Xa Xôi");
        all.ShouldNotContain("Đảng bộ xã Láng Giềng");
        all.ShouldContain("Dân số: 2.000 → 2.345");
        var csv = await _admin.Client.GetStringAsync("/Admin/Audit?handler=Export");
        csv.ShouldNotContain("Ấp Xa Xôi");
    }

    [Fact]
    public async Task The_filtered_list_exports_as_csv()
    {
        var r = await _admin.Client.GetAsync("/Admin/Audit?handler=Export&EntityType=Hamlet");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var csv = await r.Content.ReadAsStringAsync();
        csv.ShouldStartWith("Thời điểm,Người thực hiện,Thao tác,Loại hồ sơ,Hồ sơ,Trường,Giá trị cũ,Giá trị mới");
        // In Vietnamese, as the page shows it: the record by its name, the field by its label, numbers the Vietnamese way.
        csv.ShouldContain("Sửa,Ấp,Ấp Mỹ Lợi,Dân số,2.000,2.345");
        csv.ShouldNotContain(",SourceCategory,");
        csv.ShouldNotContain("Danh mục nguồn");
    }

    [Fact]
    public async Task The_log_pages_newest_first_and_offers_no_way_to_change_it()
    {
        var (_, doc) = await _admin.GetAsync("/Admin/Audit?q.PageSize=5");
        var rows = doc.QuerySelectorAll("table.audit tbody tr");
        rows.Length.ShouldBe(5);
        var times = rows.Select(tr => DateTime.ParseExact(tr.Children[0].TextContent.Trim(), "dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)).ToList();
        times.ShouldBe(times.OrderByDescending(t => t).ToList());
        doc.Body!.TextContent.ShouldContain("Trang 1/");
        doc.QuerySelectorAll("main form[method=post]").Length.ShouldBe(0);
        var (_, second) = await _admin.GetAsync("/Admin/Audit?q.PageSize=5&q.Page=2");
        second.Body!.TextContent.ShouldContain("Trang 2/");
    }
}

public sealed class AuditLogTests_Sqlite(SqliteApp app) : AuditLogTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class AuditLogTests_Postgres(PostgresApp app) : AuditLogTests<PostgresApp>(app), IClassFixture<PostgresApp>;
