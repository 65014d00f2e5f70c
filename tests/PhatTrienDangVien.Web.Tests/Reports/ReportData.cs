using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;

namespace PhatTrienDangVien.Web.Tests.Reports;

/// <summary>
/// The people the report tests count by hand, on top of <see cref="TestData"/> (today 20/11/2026): three admissions
/// typed in the register and candidate A (Võ Minh Đức) admitted through the procedure (ceremony 10/09/2026); a second
/// hamlet with nobody; cell allocations for 2025 (cell A) and 2026;
/// the commune's term target 130 and 2026 target 10. The tests count from <see cref="Seeded"/>, not from the application.
/// </summary>
public static class ReportData
{
    /// <summary>A new member as the test knows them: the facts the reports break down, written out.</summary>
    public sealed record Admitted(string Name, bool CellA, DateOnly Ceremony, DateOnly Born, bool Woman, bool YouthUnion, string Ethnicity,
        string Religion, int? Grade, string? Professional, bool InHamletA, string? Occupation, bool ThroughProcedure)
    {
        /// <summary>Full years on the ceremony day, counted by hand.</summary>
        public int Age => Ceremony.Year - Born.Year - (Ceremony.Month < Born.Month || (Ceremony.Month == Born.Month && Ceremony.Day < Born.Day) ? 1 : 0);
        public bool Young => Age is >= 18 and <= 30;
        public bool Minority => Ethnicity != "01";
        public bool Religious => Religion != "00";
        /// <summary>12 months after the ceremony.</summary>
        public DateOnly ProbationEnd => Ceremony.AddYears(1);
    }

    public static readonly IReadOnlyList<Admitted> Seeded =
    [
        new("Cao Thị Hoa", true, new(2025, 8, 15), new(2000, 3, 15), true, false, "01", "00", null, null, false, null, false),
        new("Tạ Thị Lan", false, new(2026, 2, 10), new(1990, 3, 15), true, false, "05", "05", 9, null, false, "Giáo viên", false),
        new("Lý Văn Nam", true, new(2026, 3, 1), new(1995, 3, 15), false, true, "01", "00", 12, "DAI_HOC", true, "Nông dân", false),
        // Candidate A of TestData: born 15/03/2000, male, no hamlet, source "Đoàn viên", admitted through the steps.
        new("Võ Minh Đức", true, new(2026, 9, 10), new(2000, 3, 15), false, false, "01", "00", null, null, false, null, true),
    ];

    public const string HamletB = "Ấp Mỹ Hòa";
    public const int TargetA2026 = 5, TargetB2026 = 3, TargetA2025 = 2;
    /// <summary>The commune's term target (Nghị quyết 01-NQ/ĐH) and its 2026 target: neither is the cells' sum.</summary>
    public const int TermTarget = 130, YearTarget2026 = 10;
    public const string TermResolution = "01-NQ/ĐH";

    public static async Task SeedAsync(AppFactory app)
    {
        if (await app.WithSystemScopeAsync(db => Task.FromResult(db.Hamlets.Any(h => h.Name == HamletB)))) return;
        var d = app.Data;
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Hamlets.Add(new Hamlet { CommuneId = d.CommuneId, Name = HamletB, Population = 1500, Households = 400 });
            var n = 0;
            foreach (var p in Seeded.Where(p => !p.ThroughProcedure))
            {
                var century = (p.Born.Year >= 2000 ? 2 : 0) + (p.Woman ? 1 : 0);
                var person = TestData.NewPerson(d.CommuneId, p.Name, $"089{century}{p.Born.Year % 100:00}00{++n:0000}", p.InHamletA ? d.HamletA : null, p.Born.Year,
                    p.Woman ? Gender.Female : Gender.Male);
                person.EthnicityCode = p.Ethnicity;
                person.ReligionCode = p.Religion;
                person.IsYouthUnionMember = p.YouthUnion;
                person.GeneralEducationGrade = p.Grade;
                person.ProfessionalEducationCode = p.Professional;
                person.Occupation = p.Occupation;
                db.Members.Add(new Member
                {
                    CommuneId = d.CommuneId, CellId = p.CellA ? d.CellA : d.CellB, Status = MemberStatus.Probationary, CeremonyDate = p.Ceremony, Person = person,
                });
            }
            db.CellTargets.Add(new Core.Targets.CellTarget { CommuneId = d.CommuneId, CellId = d.CellA, Year = 2026, Count = TargetA2026 });
            db.CellTargets.Add(new Core.Targets.CellTarget { CommuneId = d.CommuneId, CellId = d.CellB, Year = 2026, Count = TargetB2026 });
            // The commune's own targets, which the cells' allocations do not add up to: 2025 and 2026 allocated, 2027–2029 not yet.
            db.CellTargets.Add(new Core.Targets.CellTarget { CommuneId = d.CommuneId, CellId = d.CellA, Year = 2025, Count = TargetA2025 });
            var term = db.Terms.Single();
            db.TermTargets.Add(new Core.Targets.TermTarget { CommuneId = d.CommuneId, TermId = term.Id, Count = TermTarget, ResolutionNumber = TermResolution });
            db.YearTargets.Add(new Core.Targets.YearTarget { CommuneId = d.CommuneId, TermId = term.Id, Year = 2026, Count = YearTarget2026 });
            await db.SaveChangesAsync();
        }
        await Steps.CandidateAApprovedByCellAsync(app.Services, d);
        await Steps.RecordAsync(app.Services, d.CandidateA, AdmissionStepKind.Decision,
            new StepData { Date = Steps.D("2026-08-10"), DocumentNumber = "112-QĐ/ĐU", ReceivedByCellOn = Steps.D("2026-08-12") });
        await Steps.RecordAsync(app.Services, d.CandidateA, AdmissionStepKind.Ceremony, new StepData { Date = Steps.D("2026-09-10") });
    }

    public static async Task<XlsxFile> DownloadAsync(Browser b, string url)
    {
        var response = await b.Client.GetAsync(url);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, url);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Export.Xlsx.ContentType);
        return XlsxFile.Read(await response.Content.ReadAsByteArrayAsync());
    }
}
