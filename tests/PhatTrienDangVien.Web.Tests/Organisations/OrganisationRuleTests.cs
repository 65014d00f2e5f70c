using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Organisations;

/// <summary>The rules of the organisation tree, hamlets and schools, as the office meets them on the forms.</summary>
public abstract class OrganisationRuleTests<TApp>(TApp app) where TApp : AppFactory
{
    private TestData D => app.Data;

    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    private string Url(string form) => form switch
    {
        "new organisation" => "/Organisations/Edit",
        "cell A" => $"/Organisations/Edit/{S(D.CellA)}",
        "commune" => $"/Organisations/Edit/{S(D.CommuneId)}",
        "new hamlet" => "/Hamlets/Edit",
        _ => "/Schools/Edit",
    };

    [Theory]
    [InlineData("new organisation", "Input.Kind", "CommuneCommittee", "Chỉ có một Đảng bộ xã")]
    [InlineData("new organisation", "Input.EstablishedOn", "2027-01-01", "không được ở tương lai")]
    [InlineData("new organisation", "Input.SecretaryMemberId", "1", "đảng viên chính thức của chính chi bộ này")]
    [InlineData("cell A", "Input.Kind", "SubCommittee", "Không đổi được cấp")]
    [InlineData("cell A", "Input.ParentId", "cell B", "Hãy chọn Đảng bộ xã hoặc một đảng bộ bộ phận")]
    [InlineData("cell A", "Input.SecretaryMemberId", "member B", "đảng viên chính thức của chính chi bộ này")]
    [InlineData("commune", "Input.IsActive", "false", "Không thể cho Đảng ủy xã ngừng hoạt động tại đây")]
    [InlineData("new hamlet", "Input.Name", "AP MY LOI", "Đã có ấp cùng tên")]
    [InlineData("new hamlet", "Input.Households", "3000", "Số hộ không thể lớn hơn dân số")]
    [InlineData("new school", "Input.Teachers", "20000", "Số giáo viên phải từ 0 đến 10.000")]
    public async Task A_form_against_a_rule_is_refused_with_the_reason_beside_the_field_and_saves_nothing(string form, string field, string value, string message)
    {
        var office = await Browser.LoginAsync(app, "office");
        var values = new Dictionary<string, string>
        {
            ["Input.Name"] = form == "cell A" ? "Chi bộ Ấp Mỹ Lợi" : "Tên mới " + field,
            ["Input.Population"] = "1000",
            [field] = value switch { "cell B" => S(D.CellB), "member B" => S(D.MemberB), _ => value },
        };
        if (form == "new organisation") values.TryAdd("Input.ParentId", S(D.CommuneId));
        var version = await app.WithSystemScopeAsync(db => db.Organisations.Where(o => o.Id == D.CellA).Select(o => o.Version).SingleAsync());

        var r = await office.PostFormAsync(Url(form), values);
        var html = await r.Content.ReadAsStringAsync();
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest, html);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent.ShouldContain(message);
        (await app.WithSystemScopeAsync(db => db.Organisations.Where(o => o.Id == D.CellA).Select(o => o.Version).SingleAsync())).ShouldBe(version);
        (await app.WithSystemScopeAsync(db => db.Organisations.AnyAsync(o => o.Name.StartsWith("Tên mới")))).ShouldBeFalse();
        (await app.WithSystemScopeAsync(db => db.Hamlets.AnyAsync(o => o.Name.StartsWith("Tên mới")))).ShouldBeFalse();
        (await app.WithSystemScopeAsync(db => db.Organisations.Where(o => o.Id == D.CommuneId).Select(o => o.IsActive).SingleAsync())).ShouldBeTrue();
    }

    [Fact]
    public async Task A_cell_kept_only_by_a_target_is_not_deleted_and_once_free_it_is()
    {
        var office = await Browser.LoginAsync(app, "office");
        (await office.PostFormAsync("/Organisations/Edit", new() { ["Input.Name"] = "Chi bộ Ấp Tạm", ["Input.ParentId"] = S(D.CommuneId) }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await app.WithSystemScopeAsync(db => db.Organisations.Where(o => o.Name == "Chi bộ Ấp Tạm").Select(o => o.Id).SingleAsync());
        await app.WithSystemScopeAsync(db =>
        {
            db.CellTargets.Add(new CellTarget { CommuneId = D.CommuneId, CellId = id, Year = 2026, Count = 1 });
            return db.SaveChangesAsync();
        });
        var url = $"/Organisations/Edit/{S(id)}";

        var refused = await office.PostFormAsync(url, [], handler: "Delete");
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Không xóa được");
        (await app.WithSystemScopeAsync(db => db.Organisations.AnyAsync(o => o.Id == id))).ShouldBeTrue();

        await app.WithSystemScopeAsync(async db =>
        {
            db.CellTargets.Remove(await db.CellTargets.SingleAsync(t => t.CellId == id));
            return await db.SaveChangesAsync();
        });
        var deleted = await office.PostFormAsync(url, [], handler: "Delete");
        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithSystemScopeAsync(db => db.Organisations.AnyAsync(o => o.Id == id))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_cell_with_allocated_targets_keeps_its_kind_until_they_are_removed()
    {
        // Its allocations are read as a cell's by the targets' pages, the dashboard and the reports.
        var office = await Browser.LoginAsync(app, "office");
        (await office.PostFormAsync("/Organisations/Edit", new() { ["Input.Name"] = "Chi bộ Ấp Phân Bổ", ["Input.ParentId"] = S(D.CommuneId) }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await app.WithSystemScopeAsync(db => db.Organisations.Where(o => o.Name == "Chi bộ Ấp Phân Bổ").Select(o => o.Id).SingleAsync());
        await app.WithSystemScopeAsync(db =>
        {
            db.CellTargets.Add(new CellTarget { CommuneId = D.CommuneId, CellId = id, Year = 2026, Count = 2 });
            return db.SaveChangesAsync();
        });
        var url = $"/Organisations/Edit/{S(id)}";
        var kind = new Dictionary<string, string> { ["Input.Kind"] = "SubCommittee", ["Input.CellKind"] = "" };

        var refused = await office.PostFormAsync(url, kind);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        page.QuerySelector("[data-valmsg-for='Input.Kind']")!.TextContent.ShouldContain("đã được phân bổ chỉ tiêu");
        (await app.WithSystemScopeAsync(db => db.Organisations.Where(o => o.Id == id).Select(o => o.Kind).SingleAsync()))
            .ShouldBe(Core.Organisations.OrganisationKind.Cell);

        await app.WithSystemScopeAsync(async db =>
        {
            db.CellTargets.Remove(await db.CellTargets.SingleAsync(t => t.CellId == id));
            return await db.SaveChangesAsync();
        });
        var changed = await office.PostFormAsync(url, kind);
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await changed.Content.ReadAsStringAsync());
        (await app.WithSystemScopeAsync(db => db.Organisations.Where(o => o.Id == id).Select(o => o.Kind).SingleAsync()))
            .ShouldBe(Core.Organisations.OrganisationKind.SubCommittee);
    }

    [Fact]
    public async Task The_secretary_of_a_cell_is_one_of_its_official_members()
    {
        var office = await Browser.LoginAsync(app, "office");
        var r = await office.PostFormAsync($"/Organisations/Edit/{S(D.CellA)}", new() { ["Input.SecretaryMemberId"] = S(D.MemberA) });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        var (_, tree) = await office.GetAsync("/Organisations");
        tree.QuerySelectorAll(".tree li").First(li => li.QuerySelector("strong")!.TextContent == "Chi bộ Ấp Mỹ Lợi")
            .QuerySelector("div")!.TextContent.ShouldContain("Bí thư: Nguyễn Văn Ẩn");
    }

    [Fact]
    public async Task A_school_with_a_cell_outside_the_users_cells_still_shows_that_cell_by_name()
    {
        var office = await Browser.LoginAsync(app, "office");
        (await office.PostFormAsync("/Schools/Edit", new() { ["Input.Name"] = "Trường Mầm non Hoa Sen", ["Input.Level"] = "Preschool", ["Input.CellId"] = S(D.CellB) }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The secretary of cell A reads the school register: cell B is outside their cells, but it exists.
        var secretary = await Browser.LoginAsync(app, "secretary");
        var (_, page) = await secretary.GetAsync("/Schools");
        var row = page.QuerySelectorAll("#schools tbody tr").Single(tr => tr.TextContent.Contains("Trường Mầm non Hoa Sen", StringComparison.Ordinal));
        row.TextContent.ShouldContain("Chi bộ Trường Tiểu học");
        row.TextContent.ShouldNotContain("chưa có chi bộ");
    }
}

public sealed class OrganisationRuleTests_Sqlite(SqliteApp app) : OrganisationRuleTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class OrganisationRuleTests_Postgres(PostgresApp app) : OrganisationRuleTests<PostgresApp>(app), IClassFixture<PostgresApp>;
