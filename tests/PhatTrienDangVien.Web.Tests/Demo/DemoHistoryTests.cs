using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Calendar;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Demo;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using S = PhatTrienDangVien.Core.Admission.AdmissionStage;
using T = PhatTrienDangVien.Core.Admission.AdmissionStepKind;

namespace PhatTrienDangVien.Web.Tests.Demo;

/// <summary>
/// The demo commune carries full admission histories, recorded through the admission service on a fixed day
/// (<see cref="DemoAppFactory.Today"/>): candidates at every stage, overdue cases, probation, recognition, removal.
/// </summary>
public abstract class DemoHistoryTests<TApp>(TApp app) where TApp : DemoAppFactory
{
    private static readonly DateOnly s_today = DemoAppFactory.Today;

    private sealed record Demo(
        List<Candidate> Candidates, Dictionary<int, List<StepRecord>> Steps, List<Member> Members, HashSet<int> CellsUnderSubCommittee,
        RuleBook Book, WorkingDayCalendar Calendar)
    {
        public AdmissionCase Case(Candidate c) => new(c.Id, c.Person.DateOfBirth, Steps.GetValueOrDefault(c.Id) ?? []);
    }

    private Task<Demo> LoadAsync() => app.WithSystemScopeAsync(async (db, sp) =>
    {
        var commune = await db.Organisations.SingleAsync(o => o.IsDemo && o.Kind == OrganisationKind.CommuneCommittee);
        var candidates = await db.Candidates.Include(c => c.Person).Where(c => c.CommuneId == commune.Id).OrderBy(c => c.Id).ToListAsync();
        var ids = candidates.Select(c => c.Id).ToList();
        var steps = (await db.AdmissionSteps.Where(s => ids.Contains(s.CandidateId)).ToListAsync())
            .GroupBy(s => s.CandidateId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Date).ThenBy(s => s.Id).ToList());
        var members = await db.Members.Where(m => m.CommuneId == commune.Id).ToListAsync();
        var underSub = (await db.Organisations.Where(o => o.CommuneId == commune.Id && o.Kind == OrganisationKind.Cell && o.Parent!.Kind == OrganisationKind.SubCommittee)
            .Select(o => o.Id).ToListAsync()).ToHashSet();
        var book = await sp.GetRequiredService<RuleBookProvider>().GetAsync(CancellationToken.None);
        return new Demo(candidates, steps, members, underSub, book, await sp.GetRequiredService<CalendarService>().GetAsync(CancellationToken.None));
    });

    [Fact]
    public async Task Candidates_are_spread_over_every_stage_each_from_its_source_pool_step()
    {
        var demo = await LoadAsync();
        foreach (var c in demo.Candidates)
        {
            var first = demo.Steps[c.Id][0];
            first.Kind.ShouldBe(T.SourcePool, $"candidate {c.Id}");
            first.Date.ShouldBe(c.AddedOn);
            demo.Steps[c.Id].ShouldAllBe(s => s.Date <= s_today && s.RecordedBy == DemoHistories.Actor);
        }

        var stages = demo.Candidates.GroupBy(c => demo.Case(c).CurrentStage).ToDictionary(g => g.Key, g => g.Count());
        TestContext.Current.TestOutputHelper?.WriteLine(
            "Stages: " + string.Join(", ", stages.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}")));
        foreach (var stage in new[] { S.SourcePool, S.Mentored, S.ClassPassed, S.Applied, S.HistoryVerified, S.Introduced, S.OpinionsCollected,
                     S.CellApproved, S.SubCommitteeApproved, S.Decided })
            stages.GetValueOrDefault(stage).ShouldBeGreaterThanOrEqualTo(1, $"no candidate at {stage}");
        // The later stages have the numbers the seeder plans; the early ones share the rest.
        stages[S.SubCommitteeApproved].ShouldBe(1);
        stages[S.CellApproved].ShouldBe(4);
        stages[S.Decided].ShouldBe(3);
        stages[S.OpinionsCollected].ShouldBe(3);
        // About ten a year since the software was used (01/10/2025): 415 days to 20/11/2026, 10 × 415 / 365 = 11.4.
        stages[S.Withdrawn].ShouldBe(11);
        stages[S.Removed].ShouldBe(1);
        // Cases began on 01/10/2025: by 20/11/2026 the first ceremonies have finished probation and some are recognised.
        stages.GetValueOrDefault(S.Official).ShouldBeGreaterThanOrEqualTo(1);
        (stages.GetValueOrDefault(S.Official) + stages.GetValueOrDefault(S.RecognitionApproved)).ShouldBeGreaterThanOrEqualTo(2);
        demo.Candidates.Count(c => c.Status == CandidateStatus.Active).ShouldBeInRange(130, 170);
        demo.Members.Count.ShouldBeInRange(1250, 1350);

        // Mentored candidates have one to three assessments; the sub-committee stage is reached only under a sub-committee.
        foreach (var c in demo.Candidates.Where(c => demo.Case(c).CurrentStage == S.Mentored))
            demo.Steps[c.Id].Count(s => s.Kind == T.MentorAssessment).ShouldBeInRange(1, 3);
        foreach (var c in demo.Candidates.Where(c => demo.Case(c).CurrentStage == S.SubCommitteeApproved))
            demo.CellsUnderSubCommittee.ShouldContain(c.CellId);
        // Withdrawals give their reason.
        foreach (var c in demo.Candidates.Where(c => c.Status == CandidateStatus.Withdrawn))
            demo.Steps[c.Id][^1].ReadDetails<ReasonDetails>()!.Reason.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Votes_introductions_and_verifications_follow_the_rules()
    {
        var demo = await LoadAsync();
        var all = demo.Steps.Values.SelectMany(s => s).ToList();
        var cellVotes = all.Where(s => s.Kind == T.CellVote).ToList();
        // One per admission recorded through a case, and one for each of the 8 candidates planned past the cell vote
        // (1 approved by the sub-committee, 4 by the cell, 3 decided).
        var admittedThroughCases = all.Count(s => s.Kind == T.Ceremony);
        admittedThroughCases.ShouldBeGreaterThan(20);
        cellVotes.Count.ShouldBe(admittedThroughCases + 8);
        foreach (var v in cellVotes)
        {
            var d = v.ReadDetails<CellVoteDetails>()!;
            v.Outcome.ShouldBe(VoteOutcome.Approved);
            d.Members.ShouldBeGreaterThanOrEqualTo(3);
            d.VotesNeeded.ShouldBe(demo.Book.At(v.Date).VotesNeeded(d.Denominator));
            d.For.ShouldBeGreaterThanOrEqualTo(d.VotesNeeded);
            d.ApplicantAgeMonths.ShouldBeGreaterThanOrEqualTo(216);
        }

        var introductions = all.Where(s => s.Kind == T.Introduction).Select(s => s.ReadDetails<IntroductionDetails>()!).ToList();
        introductions.ShouldContain(i => i.Path == IntroductionPath.YouthUnion);
        introductions.ShouldContain(i => i.Path == IntroductionPath.TwoMembers);
        foreach (var i in introductions)
        {
            i.Introducers.Count.ShouldBe(i.Path == IntroductionPath.TwoMembers ? 2 : 1);
            i.Introducers.ShouldAllBe(x => x.MonthsTogether >= 12);
        }

        var people = all.Where(s => s.Kind == T.PersonalHistory).SelectMany(s => s.ReadDetails<VerificationDetails>()!.People).ToList();
        people.ShouldContain(p => p.Result == VerificationResult.ExemptPartyMember);
        people.ShouldContain(p => p.Relationship == "Bản thân" && p.Result == VerificationResult.Verified);
    }

    [Fact]
    public async Task Every_change_the_demo_wrote_is_on_the_communes_audit_page()
    {
        // The steps and the candidates' sources carry no commune of their own; written by the system, their audit rows
        // had none and the commune's audit page, which reads its commune's rows, never showed them.
        // On the installation's trail on purpose: the province board's own account (it belongs to no commune) and the
        // creation of the commune itself (written before the commune has its id: the province's act).
        var orphans = await app.WithSystemScopeAsync(async (db, _) =>
        {
            var board = await db.Users.Where(u => u.Role == Web.Authorization.Roles.ProvinceBoard).Select(u => u.Id).ToListAsync();
            var communes = (await db.Organisations.Where(o => o.Kind == Core.Organisations.OrganisationKind.CommuneCommittee).Select(o => o.Id).ToListAsync())
                .Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            return await db.AuditEntries.Where(a => a.CommuneId == null && !(a.EntityType == "AppUser" && board.Contains(a.EntityId))
                    && !(a.EntityType == "Organisation" && a.Action == "Tạo mới" && communes.Contains(a.EntityId)))
                .GroupBy(a => a.EntityType).Select(g => g.Key + " " + g.Count()).ToListAsync();
        });
        orphans.ShouldBeEmpty();
        var b = await Browser.LoginAsync(app, "kiemtra", DemoSeeder.DemoPassword);
        var (_, page) = await b.GetAsync("/Admin/Audit?EntityType=StepRecord");
        page.QuerySelectorAll("tr[data-row]").Length.ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task Some_cases_are_overdue()
    {
        var demo = await LoadAsync();
        var overdue = demo.Candidates.Select(c => Deadlines.NextAction(demo.Case(c), demo.Book, demo.Calendar, s_today))
            .Where(a => a is { WorkingDaysLeft: < 0 }).ToList();
        // A cell vote 80 working days ago with no decision (due after 60); a decision received 40 working days ago, no ceremony (due after 30).
        overdue.ShouldContain(a => a!.Kind == T.Decision && a.WorkingDaysLeft == -20);
        overdue.ShouldContain(a => a!.Kind == T.Ceremony && a.WorkingDaysLeft == -10);
    }

    [Fact]
    public async Task Probationary_members_come_from_histories_and_some_are_near_recognition()
    {
        var demo = await LoadAsync();
        var byPerson = demo.Candidates.ToDictionary(c => c.PersonId);
        var probationary = demo.Members.Where(m => m.Status == MemberStatus.Probationary).ToList();
        // About 26 ceremonies in the last 12 months, less the removal, plus some whose recognition is still to come.
        probationary.Count.ShouldBeInRange(20, 40);
        // All admitted since the software was used (01/10/2025): each came through a case.
        probationary = [.. probationary.Where(m => m.CeremonyDate >= new DateOnly(2025, 10, 1))];
        foreach (var m in probationary)
        {
            var steps = demo.Steps[byPerson[m.PersonId].Id];
            var ceremony = steps.Single(s => s.Kind == T.Ceremony);
            var decision = steps.Single(s => s.Kind == T.Decision);
            m.CeremonyDate.ShouldBe(ceremony.Date);
            m.AdmissionDecisionDate.ShouldBe(decision.Date);
        }

        var nearRecognition = probationary.Where(m => m.CeremonyDate!.Value.AddMonths(12) is var end && end > s_today && end <= s_today.AddDays(30)).ToList();
        nearRecognition.Count.ShouldBeGreaterThanOrEqualTo(3);
        foreach (var m in nearRecognition)
            demo.Steps[byPerson[m.PersonId].Id].ShouldContain(s => s.Kind == T.NewMemberClass);

        // Recognised members are official from the day their probation ended.
        var recognised = demo.Candidates.Where(c => demo.Case(c).CurrentStage == S.Official).ToList();
        foreach (var c in recognised)
        {
            var member = demo.Members.Single(m => m.PersonId == c.PersonId);
            member.Status.ShouldBe(MemberStatus.Official);
            member.OfficialDate.ShouldBe(demo.Case(c).ProbationEnd);
        }
    }

    [Fact]
    public async Task A_probationary_member_was_removed_with_a_reason()
    {
        var demo = await LoadAsync();
        // Through the procedure (the others are xóa tên of official members, on the exits page).
        var removed = demo.Members.Where(m => m.Status == MemberStatus.Removed && demo.Candidates.Any(c => c.PersonId == m.PersonId)).ToList();
        removed.Count.ShouldBe(1);
        var candidate = demo.Candidates.Single(c => c.PersonId == removed[0].PersonId);
        var removal = demo.Steps[candidate.Id].Single(s => s.Kind == T.Removal);
        removal.ReadDetails<ReasonDetails>()!.Reason.ShouldContain("sinh hoạt chi bộ");
        removed[0].StatusDate.ShouldBe(removal.Date);
    }

}

public sealed class DemoHistoryTests_Sqlite(DemoSqliteApp app) : DemoHistoryTests<DemoSqliteApp>(app), IClassFixture<DemoSqliteApp>;

public sealed class DemoHistoryTests_Postgres(DemoPostgresApp app) : DemoHistoryTests<DemoPostgresApp>(app), IClassFixture<DemoPostgresApp>;
