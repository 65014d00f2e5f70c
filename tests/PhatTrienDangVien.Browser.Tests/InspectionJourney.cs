using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Setup;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Browser.Tests;

/// <summary>
/// A commune with a cell of three members and one case brought in from paper with two faults: the admission ceremony
/// held after its deadline, with no admission decision in the file.
/// </summary>
public sealed class InspectionBrowserApp : BrowserApp
{
    public int CandidateId { get; private set; }

    protected override async Task SeedAsync()
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var commune = await CommuneSetup.CreateAsync(db, "Đảng bộ xã Nhơn Mỹ", 2025, 2030, isDemo: false);
        var cell = new Organisation { CommuneId = commune.Id, Name = "Chi bộ Ấp Mỹ Lợi", Kind = OrganisationKind.Cell, CellKind = CellKind.Hamlet, ParentId = commune.Id };
        db.Organisations.Add(cell);
        await db.SaveChangesAsync();
        Person P(string name, string cccd, int year, Gender g) => new() { CommuneId = commune.Id, FullName = name, Gender = g, DateOfBirth = new DateOnly(year, 6, 1), CitizenId = cccd };
        db.Members.AddRange(new[] { P("Lê Văn Hùng", "089070000301", 1970, Gender.Male), P("Trần Thị Lan", "089175000302", 1975, Gender.Female), P("Võ Văn Phúc", "089068000303", 1968, Gender.Male) }
            .Select(p => new Member { CommuneId = commune.Id, Person = p, CellId = cell.Id, Status = MemberStatus.Official, CeremonyDate = new DateOnly(2005, 5, 19), OfficialDate = new DateOnly(2006, 5, 19) }));
        var candidate = new Candidate { CommuneId = commune.Id, CellId = cell.Id, Person = P("Nguyễn Thị Thu Trang", "089301000305", 2000, Gender.Female), AddedOn = new DateOnly(2026, 1, 5) };
        db.Candidates.Add(candidate);
        await db.SaveChangesAsync();
        CandidateId = candidate.Id;
        db.AdmissionSteps.Add(new StepRecord { CandidateId = candidate.Id, Kind = AdmissionStepKind.SourcePool, Date = new DateOnly(2026, 1, 5), RecordedBy = "nhập từ hồ sơ giấy" });
        db.AdmissionSteps.Add(new StepRecord
        {
            CandidateId = candidate.Id, Kind = AdmissionStepKind.Ceremony, Date = new DateOnly(2026, 5, 10), DueDate = new DateOnly(2026, 4, 30), IsLate = true,
            RecordedBy = "nhập từ hồ sơ giấy",
        });
        await db.SaveChangesAsync();
        var accounts = scope.ServiceProvider.GetRequiredService<CreateAccount>();
        await accounts.CreateAsync("vanphong", "Sen-hong-2025", "Văn phòng Đảng ủy", Roles.CommuneOffice, commune.Id);
        await accounts.CreateAsync("kiemtra", "Sen-hong-2025", "Ủy ban Kiểm tra Đảng ủy", Roles.Inspector, commune.Id);
    }
}

/// <summary>
/// Issue 13's inspection journey in Chromium: the office plans an inspection of the cell; the inspection committee
/// records the session, the checklist runs over the cell's cases and the late ceremony becomes a finding in one click;
/// the office assigns the corrective action and closes it with its evidence; then rates the cell for the year.
/// </summary>
[Trait("Category", "Browser")]
public sealed class InspectionJourney(InspectionBrowserApp app) : IClassFixture<InspectionBrowserApp>
{
    private static string Vn(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Plan_an_inspection_run_the_checklist_record_a_finding_assign_and_close_the_corrective_action()
    {
        var office = await app.NewPageAsync();
        await app.SignInAsync(office, "vanphong", "Sen-hong-2025");
        await office.GotoAsync($"{app.BaseUrl}/Inspections");
        await office.GetByRole(AriaRole.Link, new() { Name = "+ Thêm vào kế hoạch" }).ClickAsync();
        await office.GetByLabel("Chi bộ", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Chi bộ Ấp Mỹ Lợi" });
        await office.GetByLabel("Nội dung").FillAsync("Việc thực hiện quy trình kết nạp đảng viên năm 2026");
        await office.GetByLabel("Đoàn (tổ) kiểm tra, giám sát").FillAsync("Đ/c Chủ nhiệm UBKT Đảng ủy (trưởng đoàn), 02 ủy viên UBKT");
        await office.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await office.WaitForURLAsync("**/Inspections?Year=2026");
        (await office.Locator("#plan").InnerTextAsync()).ShouldContain("Chưa thực hiện");

        // The inspection committee holds the session: the cell's figures and the checklist come with it.
        var inspector = await app.NewPageAsync();
        await app.SignInAsync(inspector, "kiemtra", "Sen-hong-2025");
        await inspector.GotoAsync($"{app.BaseUrl}/Inspections");
        await inspector.GetByRole(AriaRole.Link, new() { Name = "Ghi buổi kiểm tra Chi bộ Ấp Mỹ Lợi" }).ClickAsync();
        (await inspector.GetByLabel("Ngày kiểm tra, giám sát").InputValueAsync()).ShouldBe(Vn(BrowserApp.StartDay));
        await inspector.GetByLabel("Kết luận").FillAsync("Chi bộ thực hiện cơ bản đúng quy trình; còn một hồ sơ tổ chức lễ kết nạp trễ hạn.");
        await inspector.GetByRole(AriaRole.Button, new() { Name = "Lưu và chạy bảng kiểm" }).ClickAsync();
        await inspector.WaitForURLAsync("**/Inspections/Session/*");
        var session = inspector.Url;
        (await inspector.Locator("#snapshot [data-figure=pool]").InnerTextAsync()).ShouldBe("1");
        (await inspector.Locator("#checklist-items [data-check=Deadline]").InnerTextAsync()).ShouldContain("1 vi phạm");
        (await inspector.Locator("#checklist-items [data-check=AgeAtVote]").InnerTextAsync()).ShouldContain("đạt");
        await BrowserApp.ScreenshotAsync(inspector, "40-inspection-checklist");
        await inspector.Locator("[data-breach=Deadline]").GetByRole(AriaRole.Button).ClickAsync();
        await inspector.WaitForURLAsync("**/Inspections/Session/*");
        (await inspector.Locator("#findings").InnerTextAsync()).ShouldContain("Nguyễn Thị Thu Trang: Lễ kết nạp");
        (await inspector.Locator("[data-breach=Deadline]").InnerTextAsync()).ShouldContain("Đã ghi phát hiện");

        // The office assigns the corrective action, on a phone.
        await office.SetViewportSizeAsync(390, 844);
        await office.GotoAsync(session);
        await office.GetByRole(AriaRole.Link, new() { Name = "Giao việc khắc phục" }).ClickAsync();
        await office.GetByLabel("Việc phải khắc phục").FillAsync("Chi bộ kiểm điểm việc tổ chức lễ kết nạp trễ hạn; bổ sung quyết định kết nạp vào hồ sơ");
        (await office.GetByLabel("Người (đơn vị) chịu trách nhiệm").InputValueAsync()).ShouldBe("Chi bộ Ấp Mỹ Lợi");
        await office.GetByLabel("Hạn khắc phục").FillAsync(Vn(BrowserApp.StartDay.AddDays(20)));
        await BrowserApp.ScreenshotAsync(office, "41-inspection-action-phone");
        await office.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await office.WaitForURLAsync("**/Inspections/Session/*");
        var action = office.Locator("[data-action]");
        (await action.InnerTextAsync()).ShouldContain("chưa thực hiện");

        // Closed with its evidence.
        await action.GetByRole(AriaRole.Link).ClickAsync();
        await office.GetByLabel("Tình trạng").SelectOptionAsync(new SelectOptionValue { Label = "Đã khắc phục" });
        await office.GetByLabel("Ngày hoàn thành").FillAsync(Vn(BrowserApp.StartDay));
        await office.GetByLabel("Kết quả, văn bản chứng minh").FillAsync("Chi bộ đã kiểm điểm (Nghị quyết 12-NQ/CB); hồ sơ đã bổ sung Quyết định 40-QĐ/ĐU.");
        await office.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await office.WaitForURLAsync("**/Inspections/Session/*");
        (await office.Locator("[data-action]").InnerTextAsync()).ShouldContain("Nghị quyết 12-NQ/CB");
        (await office.Locator("[data-action]").InnerTextAsync()).ShouldContain("đã khắc phục");
        await BrowserApp.ScreenshotAsync(office, "42-inspection-closed-phone");
        (await AxeCheck.ProblemsAsync(office, "inspection-session")).ShouldBeEmpty();

        // The year's page: planned 1, held 1, one finding, one action done.
        await office.GotoAsync($"{app.BaseUrl}/Inspections?Year=2026");
        (await office.Locator("[data-figure=held] .fs-4").InnerTextAsync()).ShouldBe("1");
        (await office.Locator("[data-figure=done] .fs-4").InnerTextAsync()).ShouldBe("1");
        (await AxeCheck.ProblemsAsync(office, "inspections")).ShouldBeEmpty();

        // Then the year's rating of the cell: its development results beside the score, the level from the bands.
        await office.SetViewportSizeAsync(1366, 900);
        await office.GotoAsync($"{app.BaseUrl}/Ratings?Year=2026");
        await office.GetByRole(AriaRole.Link, new() { Name = "Đánh giá Chi bộ Ấp Mỹ Lợi" }).ClickAsync();
        await office.WaitForURLAsync("**/Ratings/Edit?*");
        (await office.Locator("#criteria").InnerTextAsync()).ShouldContain("Cộng");
        await office.GetByLabel("Tự xếp loại").SelectOptionAsync(new SelectOptionValue { Label = "Hoàn thành tốt nhiệm vụ" });
        await office.GetByLabel("Điểm (thang 100)").FillAsync("82,5");
        await office.GetByLabel("Ngày quyết định").FillAsync(Vn(BrowserApp.StartDay));
        await BrowserApp.ScreenshotAsync(office, "43-rating-cell");
        (await AxeCheck.ProblemsAsync(office, "rating-edit")).ShouldBeEmpty();
        await office.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await office.WaitForURLAsync("**/Ratings?Year=2026&Show=Cells");
        (await office.Locator("[data-cell]").InnerTextAsync()).ShouldContain("Hoàn thành tốt nhiệm vụ");
        (await office.Locator("[data-figure=cells-2]").InnerTextAsync()).ShouldBe("1");
        (await AxeCheck.ProblemsAsync(office, "ratings")).ShouldBeEmpty();
    }
}
