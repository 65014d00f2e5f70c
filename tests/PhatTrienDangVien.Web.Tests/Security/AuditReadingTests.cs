using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Security;

/// <summary>
/// The testers' findings on reading the audit page and the change history: who recorded a step or attached a scan by
/// their full name, a year without a thousands separator, "(trống)" for an empty value, the filter "Có chữ" finding
/// entries by the Vietnamese words the page shows, and a mistyped date that shows its message and no entries (and
/// exports nothing) instead of the whole trail.
/// </summary>
public abstract class AuditReadingTests<TApp>(TApp app) where TApp : AppFactory
{
    private const string CaseName = "Đặng Thị Nhật Ký";
    private static readonly SemaphoreSlim s_once = new(1, 1);

    /// <summary>
    /// Once per database: a case of its own in cell B, its first step recorded by the office through the step page with
    /// a scan attached, and a cell target for 2027 set on the targets page; the office's account is named "Người dùng office".
    /// </summary>
    private async Task<(Browser Admin, int CandidateId)> SetUpAsync()
    {
        var admin = await Browser.LoginAsync(app, "admin");
        await s_once.WaitAsync();
        try
        {
            var existing = await app.WithSystemScopeAsync(db => db.Candidates.Where(c => c.Person.FullName == CaseName).Select(c => (int?)c.Id).SingleOrDefaultAsync());
            if (existing is { } id) return (admin, id);
            var candidateId = await app.WithSystemScopeAsync(async db =>
            {
                var c = new Candidate
                {
                    CommuneId = app.Data.CommuneId, CellId = app.Data.CellB, AddedOn = new DateOnly(2026, 1, 5),
                    Person = TestData.NewPerson(app.Data.CommuneId, CaseName, "089302000888", null, 2002, Core.Reference.Gender.Female),
                };
                db.Candidates.Add(c);
                await db.SaveChangesAsync();
                return c.Id;
            });
            var office = await Browser.LoginAsync(app, "office");
            var url = $"/Candidates/Step/{candidateId}?kind=SourcePool";
            var (_, doc) = await office.GetAsync(url);
            using var form = new MultipartFormDataContent();
            foreach (var (k, v) in Browser.FormValues(doc)) form.Add(new StringContent(v), k);
            form.Add(new StringContent("2026-01-05"), "Form.Date");
            form.Add(new ByteArrayContent("%PDF-1.4\n% Danh sách nguồn\n"u8.ToArray()), "Files", "danh-sach-nguon.pdf");
            var saved = await office.Client.PostAsync(url, form);
            saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());

            var (_, cells) = await office.GetAsync("/Targets/Cells/2027");
            var first = cells.QuerySelectorAll("input[name$='.CellId']").OfType<IHtmlInputElement>().First().Name![..^".CellId".Length];
            var target = await office.PostFormAsync("/Targets/Cells/2027", new() { [first + ".Count"] = "1" });
            target.StatusCode.ShouldBe(HttpStatusCode.Redirect, await target.Content.ReadAsStringAsync());
            return (admin, candidateId);
        }
        finally
        {
            s_once.Release();
        }
    }

    private static async Task<(List<string> Rows, string Page)> ShownAsync(Browser admin, string query)
    {
        var (response, doc) = await admin.GetAsync("/Admin/Audit" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, query);
        return (doc.QuerySelectorAll("table.audit tbody tr[data-row]").Select(tr => tr.TextContent).ToList(), doc.Body!.TextContent);
    }

    [Fact]
    public async Task Who_recorded_a_step_and_who_attached_its_scan_read_as_full_names_and_empty_values_as_trong()
    {
        var (admin, _) = await SetUpAsync();
        var (steps, _) = await ShownAsync(admin, "?EntityType=StepRecord&q.PageSize=200");
        var step = steps.Single(r => r.Contains("Đưa vào danh sách quần chúng ưu tú", StringComparison.Ordinal));
        step.ShouldContain("Người ghi: (trống) → Người dùng office");
        step.ShouldNotContain("→ office");
        step.ShouldNotContain("∅");

        var (scans, _) = await ShownAsync(admin, "?EntityType=StepAttachment&q.PageSize=200");
        var scan = scans.Single(r => r.Contains("danh-sach-nguon.pdf", StringComparison.Ordinal));
        scan.ShouldContain("Người đính kèm: (trống) → Người dùng office");
        scan.ShouldNotContain("→ office");
    }

    [Fact]
    public async Task The_change_history_on_a_profile_says_trong_for_an_empty_value()
    {
        var (admin, candidateId) = await SetUpAsync();
        var (response, doc) = await admin.GetAsync($"/Candidates/Details/{candidateId}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var history = doc.QuerySelector("[data-history]")!.TextContent;
        history.ShouldContain("Chi bộ: (trống) → Chi bộ Trường Tiểu học");
        history.ShouldNotContain("∅");
    }

    [Fact]
    public async Task A_year_reads_without_a_thousands_separator()
    {
        var (admin, _) = await SetUpAsync();
        var (rows, _) = await ShownAsync(admin, "?EntityType=CellTarget&q.PageSize=200");
        var text = string.Join("\n", rows);
        text.ShouldContain("Năm: (trống) → 2027");
        text.ShouldNotContain("2.027");
    }

    [Theory]
    [InlineData("Đưa vào danh sách quần chúng")]
    [InlineData("dua vao danh sach quan chung")]
    public async Task The_text_filter_finds_a_step_by_the_name_the_page_shows(string words)
    {
        var (admin, _) = await SetUpAsync();
        var (rows, _) = await ShownAsync(admin, $"?EntityType=StepRecord&Text={Uri.EscapeDataString(words)}&q.PageSize=200");
        rows.ShouldContain(r => r.Contains("Loại: (trống) → Đưa vào danh sách quần chúng ưu tú", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_text_filter_finds_a_member_by_the_label_le_ket_nap_and_no_longer_needs_the_column_name()
    {
        var (admin, _) = await SetUpAsync();
        // The members' entries store "CeremonyDate"; the page shows "Ngày lễ kết nạp", which is what a clerk types.
        var (rows, _) = await ShownAsync(admin, $"?EntityType=Member&Text={Uri.EscapeDataString("Lễ kết nạp")}&q.PageSize=200");
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(r => r.Contains("Ngày lễ kết nạp: (trống) → 19/05/2010", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_text_filter_finds_entries_by_a_field_label_and_by_a_kind_of_record()
    {
        var (admin, _) = await SetUpAsync();
        // "Người đính kèm" is the label of UploadedBy: the scans' entries, and not one entry without that field.
        var (byLabel, _) = await ShownAsync(admin, $"?Text={Uri.EscapeDataString("người đính kèm")}&q.PageSize=200");
        byLabel.ShouldNotBeEmpty();
        byLabel.ShouldAllBe(r => r.Contains("Người đính kèm:", StringComparison.Ordinal));
        // "Chỉ tiêu chi bộ" names the kind of record of a cell target.
        var (byType, _) = await ShownAsync(admin, $"?Text={Uri.EscapeDataString("Chỉ tiêu chi bộ")}&q.PageSize=200");
        byType.ShouldContain(r => r.Contains("Năm: (trống) → 2027", StringComparison.Ordinal));
        // The words of no label, no kind and no value find nothing.
        var (none, page) = await ShownAsync(admin, $"?Text={Uri.EscapeDataString("chữ không có ở đâu cả")}");
        none.ShouldBeEmpty();
        page.ShouldContain("Không có thay đổi nào khớp điều kiện lọc.");
    }

    [Theory]
    [InlineData("From", "31/02/2026", "Giá trị “31/02/2026” không hợp lệ cho Từ ngày")]
    [InlineData("From", "abc", "Giá trị “abc” không hợp lệ cho Từ ngày")]
    [InlineData("To", "31/02/2026", "Giá trị “31/02/2026” không hợp lệ cho Đến ngày")]
    [InlineData("From", "01/01/1800", "“Từ ngày” không hợp lệ: năm phải từ 1900 đến 2199.")]
    public async Task A_mistyped_date_says_so_in_vietnamese_and_lists_nothing(string field, string value, string message)
    {
        var (admin, _) = await SetUpAsync();
        var (rows, page) = await ShownAsync(admin, $"?{field}={Uri.EscapeDataString(value)}");
        page.ShouldContain(message);
        page.ShouldNotContain("cho To");
        page.ShouldNotContain("cho From");
        rows.ShouldBeEmpty();
        page.ShouldContain("Không có thay đổi nào khớp điều kiện lọc.");
        // The filter row keeps the typed text, to be corrected.
        var (_, doc) = await admin.GetAsync($"/Admin/Audit?{field}={Uri.EscapeDataString(value)}");
        ((IHtmlInputElement)doc.QuerySelector($"input[name={field}]")!).Value.ShouldBe(value);

        foreach (var handler in new[] { "Export", "Xlsx" })
        {
            var export = await admin.Client.GetAsync($"/Admin/Audit?handler={handler}&{field}={Uri.EscapeDataString(value)}");
            export.StatusCode.ShouldBe(HttpStatusCode.BadRequest, handler);
            var body = await export.Content.ReadAsStringAsync();
            body.ShouldStartWith("Không xuất nhật ký: ngày lọc không hợp lệ.");
            body.ShouldContain(message);
        }
    }

    [Fact]
    public async Task A_valid_period_still_lists_its_entries()
    {
        var (admin, _) = await SetUpAsync();
        var (rows, page) = await ShownAsync(admin, "?EntityType=StepRecord&From=01/01/2000&To=31/12/2199");
        rows.ShouldNotBeEmpty();
        page.ShouldNotContain("không hợp lệ");
    }
}

public sealed class AuditReadingTests_Sqlite(SqliteApp app) : AuditReadingTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class AuditReadingTests_Postgres(PostgresApp app) : AuditReadingTests<PostgresApp>(app), IClassFixture<PostgresApp>;
