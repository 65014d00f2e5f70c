using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Setup;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Browser.Tests;

/// <summary>A commune with one cell of four official members and a candidate whose file is ready for the cell's vote.</summary>
public sealed class ProcedureBrowserApp : BrowserApp
{
    public int CandidateId { get; private set; }
    public DateOnly Today { get; private set; }

    protected override async Task SeedAsync()
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var commune = await CommuneSetup.CreateAsync(db, "Đảng bộ xã Nhơn Mỹ", 2025, 2030, isDemo: false);
        var cell = new Organisation { CommuneId = commune.Id, Name = "Chi bộ Ấp Nhơn Hòa", Kind = OrganisationKind.Cell, CellKind = CellKind.Hamlet, ParentId = commune.Id };
        db.Organisations.Add(cell);
        await db.SaveChangesAsync();
        Person P(string name, string cccd, int year, Gender g) => new()
        {
            CommuneId = commune.Id, FullName = name,
            Gender = g, DateOfBirth = new DateOnly(year, 6, 1), CitizenId = cccd,
        };
        var members = new[]
        {
            P("Huỳnh Văn Sáu", "089070000101", 1970, Gender.Male), P("Nguyễn Thị Bảy", "089175000102", 1975, Gender.Female),
            P("Trần Văn Tám", "089068000103", 1968, Gender.Male), P("Lê Thị Chín", "089180000104", 1980, Gender.Female),
        }.Select(p => new Member { CommuneId = commune.Id, Person = p, CellId = cell.Id, Status = MemberStatus.Official, CeremonyDate = new DateOnly(2005, 5, 19), OfficialDate = new DateOnly(2006, 5, 19) }).ToList();
        members[0].Positions = CommitteePositions.CellSecretary;
        db.Members.AddRange(members);
        var candidate = new Candidate { CommuneId = commune.Id, CellId = cell.Id, Person = P("Phan Thị Mỹ Duyên", "089301000105", 2001, Gender.Female), AddedOn = new DateOnly(2025, 9, 1) };
        db.Candidates.Add(candidate);
        await db.SaveChangesAsync();
        CandidateId = candidate.Id;
        await scope.ServiceProvider.GetRequiredService<CreateAccount>().CreateAsync("bithu", "Sen-hong-2025", "Huỳnh Văn Sáu", Roles.CellSecretary, commune.Id, organisationId: cell.Id);

        // The file up to the consolidated opinions, recorded through the command the pages and the API call.
        var record = scope.ServiceProvider.GetRequiredService<RecordStep>();
        async Task Step(AdmissionStepKind kind, StepData data)
        {
            var outcome = await record.HandleAsync(CandidateId, kind, data, null, CancellationToken.None);
            if (!outcome.IsDone) throw new InvalidOperationException($"{kind}: {outcome.Message}");
        }
        await Step(AdmissionStepKind.SourcePool, new() { Date = candidate.AddedOn });
        await Step(AdmissionStepKind.MentorAssigned, new() { Date = new DateOnly(2025, 9, 15), MentorMemberId = members[1].Id });
        await Step(AdmissionStepKind.AwarenessClass, new() { Date = new DateOnly(2026, 3, 20), CertificateNumber = "45/CN", CertificateDate = new DateOnly(2026, 3, 20) });
        await Step(AdmissionStepKind.Application, new() { Date = new DateOnly(2026, 4, 10) });
        await Step(AdmissionStepKind.PersonalHistory, new() { Date = new DateOnly(2026, 6, 5), People = [new() { Relationship = "Cha", FullName = "Phan Văn Lợi", Result = VerificationResult.Verified }] });
        await Step(AdmissionStepKind.Introduction, new()
        {
            Date = new DateOnly(2026, 7, 1), Path = IntroductionPath.TwoMembers,
            Introducers = [new() { MemberId = members[1].Id, TogetherSince = new DateOnly(2024, 1, 1) }, new() { MemberId = members[2].Id, TogetherSince = new DateOnly(2024, 1, 1) }],
        });
        await Step(AdmissionStepKind.Opinions, new() { Date = new DateOnly(2026, 7, 20) });
        Today = Core.Common.VietnamTime.Today(scope.ServiceProvider.GetRequiredService<TimeProvider>());
    }
}

[Trait("Category", "Browser")]
public sealed class ProcedureJourney(ProcedureBrowserApp app) : IClassFixture<ProcedureBrowserApp>
{
    [Fact]
    public async Task Record_the_cell_vote_see_the_decision_deadline_record_the_ceremony_see_the_probation_end()
    {
        // The statutory calendar itself (no corrections are stored here), not the application's service.
        var calendar = new Core.Calendar.WorkingDayCalendar();
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "bithu", "Sen-hong-2025");
        await page.WaitForURLAsync(app.BaseUrl + "/");

        await page.GotoAsync($"{app.BaseUrl}/Candidates/Timeline/{app.CandidateId}");
        (await page.Locator("#stage").InnerTextAsync()).ShouldBe(StepNames.Of(AdmissionStage.OpinionsCollected));
        await page.Locator("#allowed-steps").GetByText(StepNames.Of(AdmissionStepKind.CellVote)).ClickAsync();
        (await page.Locator("#register").InnerTextAsync()).ShouldContain("4 đảng viên chính thức");
        await page.GetByLabel("Số có mặt").FillAsync("4");
        await page.GetByLabel("Số tán thành").FillAsync("4");
        await page.GetByLabel("Số không tán thành").FillAsync("0");
        await page.GetByLabel("Số văn bản").FillAsync("12-NQ/CB");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await page.WaitForURLAsync("**/Candidates/Timeline/*");

        var decisionDue = calendar.AddWorkingDays(app.Today, 60);
        (await page.Locator("#next-due").InnerTextAsync()).ShouldContain(decisionDue.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        (await page.Locator("#next-due").InnerTextAsync()).ShouldContain("còn 60 ngày làm việc");
        await BrowserApp.ScreenshotAsync(page, "10-timeline-after-cell-vote");

        await page.Locator("#allowed-steps").GetByText(StepNames.Of(AdmissionStepKind.Decision)).ClickAsync();
        await page.GetByLabel("Số văn bản").FillAsync("230-QĐ/ĐU");
        await page.GetByLabel("Ngày chi bộ nhận quyết định").FillAsync(app.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await page.WaitForURLAsync("**/Candidates/Timeline/*");

        await page.Locator("#allowed-steps").GetByText(StepNames.Of(AdmissionStepKind.Ceremony)).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await page.WaitForURLAsync("**/Candidates/Timeline/*");
        (await page.Locator("#stage").InnerTextAsync()).ShouldBe(StepNames.Of(AdmissionStage.Probation));
        (await page.Locator("#probation-end").InnerTextAsync()).ShouldContain(app.Today.AddMonths(12).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await BrowserApp.ScreenshotAsync(page, "11-timeline-after-ceremony");
    }
}
