using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Setup;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Browser.Tests;

/// <summary>A commune with its political centre, a cell of three members and a mentored candidate who has not taken the class.</summary>
public sealed class ClassBrowserApp : BrowserApp
{
    public int CandidateId { get; private set; }

    protected override async Task SeedAsync()
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var commune = await CommuneSetup.CreateAsync(db, "Đảng bộ xã Nhơn Mỹ", 2025, 2030, isDemo: false);
        var cell = new Organisation { CommuneId = commune.Id, Name = "Chi bộ Ấp Nhơn Hòa", Kind = OrganisationKind.Cell, CellKind = CellKind.Hamlet, ParentId = commune.Id };
        db.Organisations.Add(cell);
        db.PoliticalCenters.Add(new PoliticalCenter { CommuneId = commune.Id, Name = "Trung tâm Chính trị xã Nhơn Mỹ", DirectorName = "Võ Văn Giám" });
        await db.SaveChangesAsync();
        Person P(string name, string cccd, int year, Gender g) => new() { CommuneId = commune.Id, FullName = name, Gender = g, DateOfBirth = new DateOnly(year, 6, 1), CitizenId = cccd };
        var members = new[] { P("Huỳnh Văn Sáu", "089070000201", 1970, Gender.Male), P("Nguyễn Thị Bảy", "089175000202", 1975, Gender.Female), P("Trần Văn Tám", "089068000203", 1968, Gender.Male) }
            .Select(p => new Member { CommuneId = commune.Id, Person = p, CellId = cell.Id, Status = MemberStatus.Official, CeremonyDate = new DateOnly(2005, 5, 19), OfficialDate = new DateOnly(2006, 5, 19) }).ToList();
        db.Members.AddRange(members);
        var candidate = new Candidate { CommuneId = commune.Id, CellId = cell.Id, Person = P("Phan Thị Mỹ Duyên", "089301000205", 2001, Gender.Female), AddedOn = new DateOnly(2026, 6, 1) };
        db.Candidates.Add(candidate);
        await db.SaveChangesAsync();
        CandidateId = candidate.Id;
        var accounts = scope.ServiceProvider.GetRequiredService<CreateAccount>();
        await accounts.CreateAsync("bithu", "Sen-hong-2025", "Huỳnh Văn Sáu", Roles.CellSecretary, commune.Id, organisationId: cell.Id);
        await accounts.CreateAsync("vanphong", "Sen-hong-2025", "Văn phòng Đảng ủy", Roles.CommuneOffice, commune.Id);
        var record = scope.ServiceProvider.GetRequiredService<RecordStep>();
        foreach (var (kind, data) in new (AdmissionStepKind, StepData)[]
        {
            (AdmissionStepKind.SourcePool, new() { Date = candidate.AddedOn }),
            (AdmissionStepKind.MentorAssigned, new() { Date = new DateOnly(2026, 6, 15), MentorMemberId = members[1].Id }),
        })
        {
            var outcome = await record.HandleAsync(CandidateId, kind, data, null, CancellationToken.None);
            if (!outcome.IsDone) throw new InvalidOperationException($"{kind}: {outcome.Message}");
        }
    }
}

/// <summary>
/// Issue 12's journey in Chromium: the office creates a class with the commune's seats, the cell secretary proposes her
/// candidate, the office approves; the class's days pass; the office records the result, and the candidate's timeline
/// shows the class step done with its certificate and how long it serves the cell's vote — without retyping a name.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ClassJourney(ClassBrowserApp app) : IClassFixture<ClassBrowserApp>
{
    private static string Vn(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Create_a_class_nominate_from_the_cell_approve_record_results_and_see_the_step_on_the_timeline()
    {
        var opens = BrowserApp.StartDay.AddDays(3);
        var closes = opens.AddDays(4);

        var office = await app.NewPageAsync();
        await app.SignInAsync(office, "vanphong", "Sen-hong-2025");
        await office.GotoAsync($"{app.BaseUrl}/Classes");
        await office.GetByRole(AriaRole.Link, new() { Name = "+ Thêm lớp" }).ClickAsync();
        await office.GetByLabel("Số hoặc tên lớp").FillAsync("Lớp bồi dưỡng nhận thức về Đảng khóa IV năm 2026");
        await office.GetByLabel("Ngày khai giảng").FillAsync(Vn(opens));
        await office.GetByLabel("Ngày bế giảng").FillAsync(Vn(closes));
        await office.GetByLabel("Địa điểm").FillAsync("Hội trường Đảng ủy xã");
        await office.GetByLabel("Đảng bộ xã Nhơn Mỹ").FillAsync("5");
        await office.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await office.WaitForURLAsync("**/Classes/Details/*");
        var details = office.Url;
        (await office.Locator("h1").InnerTextAsync()).ShouldBe("Lớp bồi dưỡng nhận thức về Đảng khóa IV năm 2026");

        // The cell secretary, on a phone, proposes her candidate: ticked, not typed.
        var cell = await app.NewPageAsync();
        await cell.SetViewportSizeAsync(390, 844);
        await app.SignInAsync(cell, "bithu", "Sen-hong-2025");
        await cell.GotoAsync(details);
        await cell.GetByRole(AriaRole.Link, new() { Name = "Đề cử người của chi bộ" }).ClickAsync();
        await cell.GetByLabel("Phan Thị Mỹ Duyên").CheckAsync();
        await BrowserApp.ScreenshotAsync(cell, "30-class-nominate-phone");
        await cell.GetByRole(AriaRole.Button, new() { Name = "Đề cử những người đã chọn" }).ClickAsync();
        await cell.WaitForURLAsync("**/Classes/Details/*");
        (await cell.Locator("table").InnerTextAsync()).ShouldContain("Chờ duyệt");

        // The office approves within the seats.
        await office.ReloadAsync();
        await office.GetByLabel("Quyết định cho Phan Thị Mỹ Duyên").SelectOptionAsync(new SelectOptionValue { Label = "Duyệt" });
        await office.GetByRole(AriaRole.Button, new() { Name = "Ghi quyết định" }).ClickAsync();
        await office.WaitForURLAsync("**/Classes/Details/*");
        (await office.Locator("table").InnerTextAsync()).ShouldContain("Đã duyệt");

        // The class is held; after its last day the office records the result.
        app.Advance(TimeSpan.FromDays(8));
        office = await app.NewPageAsync();
        await app.SignInAsync(office, "vanphong", "Sen-hong-2025");
        await office.GotoAsync(details);
        await office.GetByRole(AriaRole.Link, new() { Name = "Điểm danh, ghi kết quả" }).ClickAsync();
        await office.GetByLabel("Kết quả", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Đạt" });
        await office.GetByLabel("Xếp loại (khi đạt)").SelectOptionAsync(new SelectOptionValue { Label = "Khá" });
        await office.GetByLabel("Điểm (0–10)").FillAsync("8,5");
        await office.GetByLabel("Số giấy chứng nhận", new() { Exact = true }).FillAsync("77/CN-TTCT");
        (await office.GetByLabel("Ngày cấp", new() { Exact = true }).InputValueAsync()).ShouldBe(Vn(closes));
        await BrowserApp.ScreenshotAsync(office, "31-class-results");
        await office.GetByRole(AriaRole.Button, new() { Name = "Lưu điểm danh và kết quả" }).ClickAsync();
        await office.WaitForURLAsync("**/Classes/Details/*");
        (await office.Locator(".alert-success").InnerTextAsync()).ShouldContain("1 người đạt đã được ghi bước học lớp vào quá trình kết nạp");

        // The candidate's timeline: the class step done, with the certificate, the class, the grade and its validity.
        await office.GotoAsync($"{app.BaseUrl}/Candidates/Timeline/{app.CandidateId}");
        (await office.Locator("#stage").InnerTextAsync()).ShouldBe(StepNames.Of(AdmissionStage.ClassPassed));
        var text = await office.Locator("main").InnerTextAsync();
        text.ShouldContain($"Giấy chứng nhận số 77/CN-TTCT, ngày {Vn(closes)}, xếp loại Khá; Lớp bồi dưỡng nhận thức về Đảng khóa IV năm 2026 (Trung tâm Chính trị xã Nhơn Mỹ)");
        text.ShouldContain($"có giá trị để chi bộ xét đến ngày {Vn(closes.AddMonths(60))}");
        (await office.Locator("#class-history").InnerTextAsync()).ShouldContain("Đã duyệt; Đạt, loại Khá");
        await BrowserApp.ScreenshotAsync(office, "32-timeline-class-step");
        (await AxeCheck.ProblemsAsync(office, "class-timeline")).ShouldBeEmpty();
    }
}
