using System.Net;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Security;

/// <summary>An application whose database someone edited by hand (or an old import filled): values no form accepts.</summary>
public sealed class CorruptApp() : AppFactory(Engine.Sqlite);

/// <summary>
/// Values no form lets in can still be in a database (edited by hand, an old import, a bug since fixed). They must never
/// take a page down: every page each role reaches answers, and the value reads "không hợp lệ".
/// </summary>
public sealed class StoredBadDataTests(CorruptApp app) : IClassFixture<CorruptApp>
{
    private async Task CorruptAsync()
    {
        var d = app.Data;
        await Steps.CandidateAApprovedByCellAsync(app.Services, d);
        await app.WithSystemScopeAsync(async db =>
        {
            var member = await db.Members.Where(m => m.Id == d.MemberA).Select(m => m.PersonId).SingleAsync();
            await db.People.Where(p => p.Id == member).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.GeneralEducationGrade, 99).SetProperty(p => p.Gender, (Gender)7));
            await db.Members.Where(m => m.Id == d.MemberA).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, (MemberStatus)42));
            var candidate = await db.Candidates.Where(c => c.Id == d.CandidateA).Select(c => c.PersonId).SingleAsync();
            await db.People.Where(p => p.Id == candidate).ExecuteUpdateAsync(s => s.SetProperty(p => p.GeneralEducationGrade, -1));
            await db.Candidates.Where(c => c.Id == d.CandidateB).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, (CandidateStatus)42));
            // Details no release wrote: an undefined result, an unreadable vote, a step kind that does not exist.
            await db.AdmissionSteps.Where(s => s.CandidateId == d.CandidateA && s.Kind == AdmissionStepKind.PersonalHistory)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Details, """{"People":[{"Relationship":"Cha","FullName":"X","Result":9}]}"""));
            await db.AdmissionSteps.Where(s => s.CandidateId == d.CandidateA && s.Kind == AdmissionStepKind.CellVote)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Details, """{"For":"nhiều"}"""));
            await db.AdmissionSteps.Where(s => s.CandidateId == d.CandidateA && s.Kind == AdmissionStepKind.Opinions)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Kind, (AdmissionStepKind)99));
            return 0;
        });
    }

    [Fact]
    public async Task Every_page_still_answers_and_shows_the_value_as_not_valid()
    {
        await CorruptAsync();
        var found = await app.WithSystemScopeAsync(StoredValueScan.RunAsync);
        // The scan used after the fuzz run sees what was planted (so its empty result there means something).
        found.ShouldContain(f => f.Contains("grade 99", StringComparison.Ordinal));
        found.ShouldContain(f => f.Contains("undefined Gender 7", StringComparison.Ordinal));
        found.ShouldContain(f => f.Contains("undefined MemberStatus 42", StringComparison.Ordinal));
        found.ShouldContain(f => f.Contains("undefined VerificationResult 9", StringComparison.Ordinal));
        found.ShouldContain(f => f.Contains("unreadable", StringComparison.Ordinal));

        var errors = new List<string>();
        foreach (var user in new[] { "admin", "office", "secretary", "committee", "inspector" })
        {
            var b = await Browser.LoginAsync(app, user);
            var crawl = await Crawler.CrawlAsync(app, b, 80);
            errors.AddRange(crawl.Errors.Select(e => $"{user} {e}"));
            foreach (var url in new[]
            {
                "/api/members", $"/api/members/{app.Data.MemberA}", "/api/candidates", $"/api/candidates/{app.Data.CandidateA}",
                $"/api/candidates/{app.Data.CandidateA}/timeline", $"/api/candidates/{app.Data.CandidateB}",
            })
            {
                var r = await b.Client.GetAsync(url);
                if ((int)r.StatusCode >= 500) errors.Add($"{user} GET {url}: {(int)r.StatusCode}");
            }
        }
        errors.ShouldBeEmpty();

        var office = await Browser.LoginAsync(app, "office");
        var member = await (await office.Client.GetAsync($"/Members/Details/{app.Data.MemberA}")).Content.ReadAsStringAsync();
        member.ShouldContain("99 (không hợp lệ)");
        member.ShouldContain("không hợp lệ");
        var timeline = await office.Client.GetAsync($"/Candidates/Timeline/{app.Data.CandidateA}");
        timeline.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await timeline.Content.ReadAsStringAsync()).ShouldContain("không hợp lệ");
    }
}
