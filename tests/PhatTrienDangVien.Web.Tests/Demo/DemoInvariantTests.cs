using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Targets;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;
using T = PhatTrienDangVien.Core.Admission.AdmissionStepKind;

namespace PhatTrienDangVien.Web.Tests.Demo;

/// <summary>
/// What a commune office would check in the demo before trusting it, whatever day it was seeded on: every date in the
/// past and in order, statuses that follow from the dates, about 26 ceremonies a year without clumps, a pool that
/// waits and loses people, targets for every year so far, and votes counted on the cell as it stood that day.
/// The expected values are the rules themselves, worked out here from the stored rows, never by the application's queries.
/// </summary>
public abstract class DemoInvariantTests<TApp>(TApp app) where TApp : DemoAppFactory
{
    private static readonly DateOnly s_congress = new(2025, 7, 1);

    private DateOnly Today => app.SeededOn;

    private sealed record Demo(
        int CommuneId, List<Organisation> Cells, List<Candidate> Candidates, Dictionary<int, List<StepRecord>> Steps, List<Member> Members,
        List<CellMembership> Memberships, List<TermTarget> TermTargets, List<YearTarget> YearTargets, List<CellTarget> CellTargets)
    {
        public List<StepRecord> StepsOf(Candidate c) => Steps.GetValueOrDefault(c.Id) ?? [];
    }

    private Task<Demo> LoadAsync() => app.WithSystemScopeAsync(async (db, _) =>
    {
        var commune = await db.Organisations.SingleAsync(o => o.IsDemo && o.Kind == OrganisationKind.CommuneCommittee);
        var c = commune.Id;
        var candidates = await db.Candidates.Include(x => x.Person).Where(x => x.CommuneId == c).OrderBy(x => x.Id).ToListAsync();
        var ids = candidates.Select(x => x.Id).ToList();
        // In the order they were recorded: each step was checked against the one before it at that moment.
        var steps = (await db.AdmissionSteps.Where(s => ids.Contains(s.CandidateId)).ToListAsync())
            .GroupBy(s => s.CandidateId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Id).ToList());
        return new Demo(c,
            await db.Organisations.Where(o => o.CommuneId == c && o.Kind == OrganisationKind.Cell).ToListAsync(),
            candidates, steps,
            await db.Members.Where(m => m.CommuneId == c).ToListAsync(),
            await db.CellMemberships.Where(m => m.CommuneId == c).ToListAsync(),
            await db.TermTargets.Where(t => t.CommuneId == c).ToListAsync(),
            await db.YearTargets.Where(t => t.CommuneId == c).ToListAsync(),
            await db.CellTargets.Where(t => t.CommuneId == c).ToListAsync());
    });

    /// <summary>The cell's pool on a day: taken in by then, neither their ceremony nor their withdrawal yet.</summary>
    private static List<Candidate> PoolOn(Demo demo, int cellId, DateOnly day) => [.. demo.Candidates.Where(c => c.CellId == cellId && c.AddedOn <= day
        && !demo.StepsOf(c).Any(x => x.Kind is T.Ceremony or T.Withdrawal && x.Date <= day))];

    [Fact]
    public async Task Every_step_follows_the_one_before_and_none_is_after_today()
    {
        var demo = await LoadAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Seeded on {Today:dd/MM/yyyy}: {demo.Members.Count} members, {demo.Candidates.Count} candidates, {demo.Steps.Values.Sum(s => s.Count)} steps.");
        foreach (var c in demo.Candidates)
        {
            var steps = demo.StepsOf(c);
            steps.ShouldNotBeEmpty();
            steps[0].Kind.ShouldBe(T.SourcePool);
            steps[0].Date.ShouldBe(c.AddedOn);
            for (var i = 1; i < steps.Count; i++)
                steps[i].Date.ShouldBeGreaterThanOrEqualTo(steps[i - 1].Date, $"candidate {c.Id}: {steps[i].Kind} before {steps[i - 1].Kind}");
            steps[^1].Date.ShouldBeLessThanOrEqualTo(Today, $"candidate {c.Id}");

            DateOnly? Last(T kind) => steps.LastOrDefault(s => s.Kind == kind)?.Date;
            if (Last(T.CellVote) is { } vote)
            {
                Last(T.Opinions).ShouldNotBeNull();
                Last(T.Opinions)!.Value.ShouldBeLessThanOrEqualTo(vote);
                // 18 full years on the day of the vote.
                c.Person.DateOfBirth.AddYears(18).ShouldBeLessThanOrEqualTo(vote, $"candidate {c.Id}");
            }
            if (steps.LastOrDefault(s => s.Kind == T.Decision) is { } decision)
            {
                decision.Date.ShouldBeGreaterThan(Last(T.CellVote)!.Value);
                if (Last(T.SubCommitteeVote) is { } sub) decision.Date.ShouldBeGreaterThan(sub);
                var received = decision.ReadDetails<DecisionDetails>()!.ReceivedByCellOn;
                if (Last(T.Ceremony) is { } ceremony)
                {
                    ceremony.ShouldBeGreaterThan(decision.Date, $"candidate {c.Id}: ceremony not after the decision");
                    if (received is { } r) ceremony.ShouldBeGreaterThanOrEqualTo(r);
                }
            }
            else
            {
                Last(T.Ceremony).ShouldBeNull($"candidate {c.Id}: ceremony without a decision");
            }
            if (Last(T.RecognitionVote) is { } recognition)
            {
                // The review comes after 12 months of probation and after the new-member class.
                recognition.ShouldBeGreaterThanOrEqualTo(Last(T.Ceremony)!.Value.AddMonths(12), $"candidate {c.Id}");
                Last(T.NewMemberClass).ShouldNotBeNull();
            }
            if (Last(T.RecognitionDecision) is { } recognised) recognised.ShouldBeGreaterThan(Last(T.RecognitionVote)!.Value);
        }
    }

    [Fact]
    public async Task Statuses_agree_with_their_dates()
    {
        var demo = await LoadAsync();
        foreach (var m in demo.Members)
        {
            var what = $"member {m.Id} ({m.Status})";
            foreach (var date in new[] { m.CeremonyDate, m.AdmissionDecisionDate, m.OfficialDate, m.StatusDate })
                if (date is { } d) d.ShouldBeLessThanOrEqualTo(Today, what);
            m.CeremonyDate.ShouldNotBeNull(what);
            m.AdmissionDecisionDate.ShouldNotBeNull(what);
            m.AdmissionDecisionDate!.Value.ShouldBeLessThan(m.CeremonyDate!.Value, what);
            var probationEnd = m.CeremonyDate!.Value.AddMonths(12);
            switch (m.Status)
            {
                case MemberStatus.Official:
                    // Official from the day the 12 months end, and only once that day has passed.
                    m.OfficialDate.ShouldBe(probationEnd, what);
                    break;
                case MemberStatus.Probationary:
                    m.OfficialDate.ShouldBeNull(what);
                    // Recognition may be late, but not by more than about four months.
                    probationEnd.ShouldBeGreaterThan(Today.AddDays(-120), what);
                    break;
                case MemberStatus.Deceased or MemberStatus.TransferredOut:
                    m.StatusDate.ShouldNotBeNull(what);
                    m.StatusDate!.Value.ShouldBeGreaterThanOrEqualTo(m.OfficialDate ?? m.CeremonyDate!.Value, what);
                    break;
            }
        }
        demo.Members.ShouldContain(m => m.Status == MemberStatus.Probationary && m.CeremonyDate!.Value.AddMonths(12) > Today);
        demo.Members.ShouldContain(m => m.Status == MemberStatus.Deceased);
        demo.Members.Count.ShouldBeInRange(1250, 1350);
        demo.Members.Count(m => m.Status is MemberStatus.Official or MemberStatus.Probationary).ShouldBeInRange(1150, 1300);

        // Admitted through a case: the register says what the steps say.
        var members = demo.Members.ToDictionary(m => m.PersonId);
        foreach (var c in demo.Candidates)
        {
            var steps = demo.StepsOf(c);
            var ceremony = steps.LastOrDefault(s => s.Kind == T.Ceremony);
            if (ceremony is null)
            {
                members.ShouldNotContainKey(c.PersonId, $"candidate {c.Id} is in the register without a ceremony");
                continue;
            }
            var m = members[c.PersonId];
            m.CeremonyDate.ShouldBe(ceremony.Date);
            var removal = steps.SingleOrDefault(s => s.Kind == T.Removal);
            var recognised = steps.Any(s => s.Kind == T.RecognitionDecision);
            var expected = removal is not null ? MemberStatus.Removed : recognised ? MemberStatus.Official : MemberStatus.Probationary;
            m.Status.ShouldBe(expected, $"candidate {c.Id}");
            if (removal is not null) m.StatusDate.ShouldBe(removal.Date);
        }
    }

    [Fact]
    public async Task About_26_ceremonies_a_year_and_no_clumps()
    {
        var demo = await LoadAsync();
        var ceremonies = demo.Members.Select(m => m.CeremonyDate!.Value).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine("Ceremonies by year: " + string.Join(", ",
            ceremonies.Where(d => d.Year >= 2010).GroupBy(d => d.Year).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
        var busiest = ceremonies.GroupBy(d => d).MaxBy(g => g.Count())!;
        busiest.Count().ShouldBeLessThanOrEqualTo(3, $"{busiest.Count()} ceremonies on {busiest.Key:dd/MM/yyyy}");

        // The first year of the term is half a year (from the congress); the others whole calendar years up to last year.
        var firstHalf = ceremonies.Count(d => d >= s_congress && d.Year == 2025);
        firstHalf.ShouldBeInRange(8, 20);
        for (var year = 2026; year < Today.Year; year++)
        {
            var inYear = ceremonies.Where(d => d.Year == year).ToList();
            inYear.Count.ShouldBeInRange(15, 35, $"ceremonies in {year}");
            // Spread over the year, not one season.
            inYear.Select(d => d.Month).Distinct().Count().ShouldBeGreaterThanOrEqualTo(8, $"months with a ceremony in {year}");
        }
        // This year so far: at most the year's pace for the months gone, with room for a busy season.
        var thisYear = ceremonies.Count(d => d.Year == Today.Year);
        thisYear.ShouldBeLessThanOrEqualTo(4 + (35 * Today.DayOfYear / 365));
        // The last twelve months: about 26.
        ceremonies.Count(d => d > Today.AddYears(-1)).ShouldBeInRange(15, 35);
    }

    [Fact]
    public async Task The_term_opens_with_admissions_typed_in_the_register_before_the_software()
    {
        var demo = await LoadAsync();
        var withCase = demo.Candidates.Where(c => demo.StepsOf(c).Any(s => s.Kind == T.Ceremony)).Select(c => c.PersonId).ToHashSet();
        var inTerm = demo.Members.Where(m => m.CeremonyDate >= s_congress).ToList();
        var registerOnly = inTerm.Where(m => !withCase.Contains(m.PersonId)).ToList();
        registerOnly.Count.ShouldBeGreaterThanOrEqualTo(3);
        // A realistic share: the term's first months, then everything through the software.
        (registerOnly.Count * 2).ShouldBeLessThan(inTerm.Count);
        var firstCase = inTerm.Where(m => withCase.Contains(m.PersonId)).Min(m => m.CeremonyDate!.Value);
        registerOnly.ShouldAllBe(m => m.CeremonyDate < firstCase);
        firstCase.ShouldBeLessThan(s_congress.AddMonths(6));
    }

    [Fact]
    public async Task The_pool_waits_stalls_and_loses_people()
    {
        var demo = await LoadAsync();
        var active = demo.Candidates.Where(c => c.Status == CandidateStatus.Active).ToList();
        active.Count.ShouldBeInRange(120, 200);
        // Many wait for more than a year, some for more than three.
        (active.Count(c => c.AddedOn < Today.AddMonths(-12)) * 2).ShouldBeGreaterThan(active.Count);
        active.Count(c => c.AddedOn < Today.AddYears(-3)).ShouldBeGreaterThanOrEqualTo(10);
        // Some have not moved for six months or more.
        (active.Count(c => demo.StepsOf(c)[^1].Date < Today.AddMonths(-6)) * 4).ShouldBeGreaterThan(active.Count);
        // People keep entering the pool: some in each of the last three years.
        for (var back = 0; back < 3; back++)
            active.Concat(demo.Candidates.Where(c => c.Status != CandidateStatus.Active))
                .Count(c => c.AddedOn > Today.AddYears(-back - 1) && c.AddedOn <= Today.AddYears(-back)).ShouldBeGreaterThanOrEqualTo(10, $"entered {back} years back");

        // About ten a year withdraw, each with a reason; fewer than are admitted.
        var withdrawn = demo.Candidates.Where(c => c.Status == CandidateStatus.Withdrawn).ToList();
        var years = (Today.DayNumber - new DateOnly(2025, 10, 1).DayNumber) / 365.0;
        withdrawn.Count.ShouldBeInRange((int)(years * 6), (int)(years * 14) + 2);
        foreach (var c in withdrawn)
            demo.StepsOf(c)[^1].ReadDetails<ReasonDetails>()!.Reason.ShouldNotBeNullOrWhiteSpace();
        demo.Members.Count(m => m.Status == MemberStatus.Removed).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Targets_cover_the_term_every_year_and_every_cell_for_each_year_so_far()
    {
        var demo = await LoadAsync();
        demo.TermTargets.Single().Count.ShouldBe(130);
        demo.YearTargets.OrderBy(y => y.Year).Select(y => (y.Year, y.Count)).ShouldBe([(2025, 26), (2026, 26), (2027, 26), (2028, 26), (2029, 26)]);
        var allocated = demo.CellTargets.GroupBy(t => t.Year).ToDictionary(g => g.Key, g => g.ToList());
        for (var year = 2025; year <= Math.Min(Today.Year, 2029); year++)
        {
            allocated.ShouldContainKey(year, $"no allocation to cells for {year}");
            allocated[year].Select(t => t.CellId).Order().ShouldBe(demo.Cells.Select(c => c.Id).Order());
            allocated[year].Sum(t => t.Count).ShouldBe(26, $"cells' shares of {year}");
        }
        // Nothing allocated beyond next year; every resolution already adopted.
        allocated.Keys.ShouldAllBe(y => y <= Today.Year + 1);
        demo.TermTargets.Cast<AdoptedTarget>().Concat(demo.YearTargets).Concat(demo.CellTargets)
            .ShouldAllBe(t => t.ResolutionDate != null && t.ResolutionDate <= Today);
    }

    [Fact]
    public async Task Every_recorded_vote_counts_the_cell_as_it_stood_that_day()
    {
        var demo = await LoadAsync();
        var members = demo.Members.ToDictionary(m => m.Id);
        // The cell history: periods one after the other from the ceremony, the open one in the member's cell; some moved.
        foreach (var g in demo.Memberships.GroupBy(p => p.MemberId))
        {
            var periods = g.OrderBy(p => p.From).ToList();
            periods[0].From.ShouldBe(members[g.Key].CeremonyDate!.Value);
            periods[^1].To.ShouldBeNull();
            periods[^1].CellId.ShouldBe(members[g.Key].CellId);
            for (var i = 1; i < periods.Count; i++)
            {
                periods[i].From.ShouldBe(periods[i - 1].To!.Value.AddDays(1));
                periods[i].CellId.ShouldNotBe(periods[i - 1].CellId);
                periods[i].From.ShouldBeLessThanOrEqualTo(Today);
            }
        }
        demo.Memberships.Select(p => p.MemberId).Distinct().Count().ShouldBe(demo.Members.Count);
        demo.Memberships.Count(p => p.To != null).ShouldBeGreaterThanOrEqualTo(5);

        var votes = demo.Candidates.SelectMany(c => demo.StepsOf(c).Where(s => s.Kind is T.CellVote or T.RecognitionVote).Select(s => (c, s))).ToList();
        votes.Count.ShouldBeGreaterThan(20);
        // Official from the end of probation once recognised: before the recognition decision, still probationary.
        var recognisedOn = demo.Candidates.SelectMany(c => demo.StepsOf(c).Where(s => s.Kind == T.RecognitionDecision).Select(s => (c.PersonId, s.Date)))
            .ToDictionary(x => x.PersonId, x => x.Date);
        foreach (var (c, s) in votes)
        {
            // Official members of the cell that day: in it then, official by then, not yet gone.
            var official = demo.Memberships.Where(p => p.CellId == c.CellId && p.From <= s.Date && (p.To == null || p.To >= s.Date))
                .Select(p => members[p.MemberId])
                .Count(m => m.OfficialDate <= s.Date && !(recognisedOn.TryGetValue(m.PersonId, out var r) && r > s.Date)
                    && !(m.Status is MemberStatus.Removed or MemberStatus.TransferredOut or MemberStatus.Deceased && m.StatusDate <= s.Date));
            var d = s.ReadDetails<VoteDetails>()!;
            d.Members.ShouldBe(official, $"{s.Kind} of candidate {c.Id} on {s.Date:dd/MM/yyyy}");
            d.Denominator.ShouldBe(official - d.ExcludedAbsent);
            // The register, asked now, counts the cell of that day the same way (the list shown beside the vote).
            (await app.WithSystemScopeAsync((_, sp) => sp.GetRequiredService<VoterRegister>().CellAsync(c.CellId, s.Date, CancellationToken.None)))
                .Official.ShouldBe(official, $"the register now, for {s.Kind} of candidate {c.Id} on {s.Date:dd/MM/yyyy}");
            official.ShouldBeGreaterThanOrEqualTo(3);
            (d.For * 3).ShouldBeGreaterThanOrEqualTo(d.Denominator * 2);
            d.Present.ShouldBeLessThanOrEqualTo(d.Denominator);
        }
    }

    [Fact]
    public async Task No_two_papers_of_one_series_share_a_number()
    {
        var demo = await LoadAsync();
        // A step's number names its series by its suffix ("12-NQ/CB"; "5-KNĐ" on the opinions names a form, not a
        // number); a cell's resolutions are the cell's, a sub-committee's its own, the committee's decisions the commune's.
        var numbered = demo.Candidates.SelectMany(c => demo.StepsOf(c).Where(s => !string.IsNullOrWhiteSpace(s.DocumentNumber) && s.DocumentNumber.Contains('/', StringComparison.Ordinal))
            .Select(s => (Body: s.DocumentNumber!.EndsWith("/CB", StringComparison.Ordinal) ? c.CellId
                    : s.DocumentNumber.EndsWith("/ĐUBP", StringComparison.Ordinal) ? demo.Cells.Single(x => x.Id == c.CellId).ParentId ?? 0 : 0,
                Number: s.DocumentNumber!, s.Kind, Candidate: c.Id))).ToList();
        numbered.ShouldNotBeEmpty();
        numbered.Count(n => n.Kind is T.Decision or T.RecognitionDecision).ShouldBeGreaterThan(10);
        foreach (var twice in numbered.GroupBy(n => (n.Body, n.Number)).Where(g => g.Count() > 1))
            twice.Count().ShouldBe(1, $"{twice.Key.Number} written on {string.Join(", ", twice.Select(t => $"{t.Kind} of candidate {t.Candidate}"))}");
        // The register holds each number once, and numbers the steps recorded in a term hold their place in it.
        var (papers, terms) = await app.WithSystemScopeAsync(async (db, _) => (
            await db.NumberedPapers.Where(p => p.CommuneId == demo.CommuneId).Select(p => new { p.CounterId, p.Serial, p.StepId }).ToListAsync(),
            await db.Terms.Where(t => t.CommuneId == demo.CommuneId).ToListAsync()));
        papers.GroupBy(p => (p.CounterId, p.Serial)).ShouldAllBe(g => g.Count() == 1);
        var decisions = demo.Candidates.SelectMany(demo.StepsOf)
            .Where(s => s.Kind == T.Decision && s.DocumentNumber != null && terms.Any(t => t.Start <= s.Date && s.Date <= t.End)).ToList();
        decisions.ShouldNotBeEmpty();
        decisions.ShouldAllBe(s => papers.Any(p => p.StepId == s.Id));
    }

    [Fact]
    public async Task Inspections_are_held_in_their_plan_year_and_their_actions_agree_with_their_dates()
    {
        var demo = await LoadAsync();
        var (plan, sessions, findings, actions) = await app.WithSystemScopeAsync(async (db, _) => (
            await db.InspectionPlanItems.Where(p => p.CommuneId == demo.CommuneId).ToListAsync(),
            await db.InspectionSessions.Where(p => p.CommuneId == demo.CommuneId).ToListAsync(),
            await db.InspectionFindings.Where(p => p.CommuneId == demo.CommuneId).ToListAsync(),
            await db.CorrectiveActions.Where(p => p.CommuneId == demo.CommuneId).ToListAsync()));
        // Four cells a year since the congress; each past quarter's line held, with its figures and checklist of the day.
        plan.GroupBy(p => p.Year).ShouldAllBe(g => g.Count() == 4);
        plan.Select(p => p.Year).Distinct().Order().ShouldBe(Enumerable.Range(2025, Today.Year - 2024));
        plan.ShouldAllBe(p => p.From.Year == p.Year && p.To >= p.From && demo.Cells.Any(c => c.Id == p.CellId));
        sessions.ShouldNotBeEmpty();
        foreach (var s in sessions)
        {
            var line = plan.Single(p => p.Id == s.PlanItemId);
            s.CellId.ShouldBe(line.CellId);
            s.Date.ShouldBeInRange(line.From, Today.AddDays(-1));
            s.CheckedOn.ShouldBe(s.Date);
            s.SnapshotJson.ShouldNotBeNullOrEmpty();
            // The figures of the day count the cell's admissions up to that day, none still to come.
            var taken = Web.Inspections.InspectionChecklist.SnapshotOf(s)!;
            var admittedByThen = demo.Members.Count(m => m.CellId == s.CellId && m.CeremonyDate is { } c && c >= taken.First && c <= s.Date);
            taken.Admitted.ShouldBeLessThanOrEqualTo(admittedByThen, $"session {s.Date:dd/MM/yyyy}");
            // The pool and those without a mentor are the ones of the day, from the steps recorded by then.
            var pool = PoolOn(demo, s.CellId, s.Date);
            taken.Pool.ShouldBe(pool.Count, $"session {s.Date:dd/MM/yyyy}");
            taken.WithoutMentor.ShouldBe(pool.Count(c => !demo.StepsOf(c).Any(x => x.Kind == T.MentorAssigned && x.Date <= s.Date)), $"session {s.Date:dd/MM/yyyy}");
        }
        findings.ShouldAllBe(f => sessions.Any(s => s.Id == f.SessionId && s.CellId == f.CellId));
        findings.Where(f => f.CandidateId != null).ShouldAllBe(f => demo.Candidates.Any(c => c.Id == f.CandidateId && c.CellId == f.CellId));
        // The checklist finds the demo's one late file: a finding names the case and its late decision.
        findings.ShouldContain(f => f.Check == Core.Inspections.CheckKind.Deadline && f.CandidateId != null && f.Text.Contains("quá hạn"));
        foreach (var a in actions)
        {
            var session = sessions.Single(s => s.Id == findings.Single(f => f.Id == a.FindingId).SessionId);
            a.DueDate.ShouldBeGreaterThanOrEqualTo(session.Date);
            if (a.Status == Core.Inspections.ActionStatus.Done)
            {
                a.DoneOn!.Value.ShouldBeInRange(session.Date, Today);
                a.Evidence.ShouldNotBeNullOrWhiteSpace();
                // "Without a mentor" is closed only once each of them had one, or had left the pool, by the day it was closed.
                if (findings.Single(f => f.Id == a.FindingId).CandidateId is null)
                    foreach (var c in PoolOn(demo, session.CellId, session.Date).Where(c => !demo.StepsOf(c).Any(x => x.Kind == T.MentorAssigned && x.Date <= session.Date)))
                        demo.StepsOf(c).Any(x => x.Kind is T.MentorAssigned or T.Ceremony or T.Withdrawal && x.Date <= a.DoneOn.Value)
                            .ShouldBeTrue($"{c.Person.FullName} still waits for a mentor on {a.DoneOn:dd/MM/yyyy}");
            }
            else a.DoneOn.ShouldBeNull();
        }
    }

    [Fact]
    public async Task The_closed_years_are_rated_by_the_bands_within_the_cap_and_an_override_has_its_reason()
    {
        var demo = await LoadAsync();
        var ratings = await app.WithSystemScopeAsync((db, _) => db.QualityRatings.Where(r => r.CommuneId == demo.CommuneId).ToListAsync());
        var years = Enumerable.Range(2025, Math.Max(0, Today.Year - 2025 + (Today >= new DateOnly(Today.Year, 12, 21) ? 1 : 0))).ToList();
        ratings.Select(r => r.Year).Distinct().Order().ShouldBe(years);
        foreach (var year in years)
        {
            var cells = ratings.Where(r => r.Year == year && r.MemberId == null).ToList();
            cells.Select(r => r.CellId).Order().ShouldBe(demo.Cells.Select(c => c.Id).Order());
            Core.Evaluations.QualityRatings.CapBreach(cells.Select(r => r.Level!.Value), Core.Evaluations.RatingScale.Default, members: false).ShouldBeNull();
            cells.ShouldAllBe(r => r.DevelopmentJson != null);
            ratings.Count(r => r.Year == year && r.MemberId != null).ShouldBeGreaterThan(demo.Members.Count / 2);
        }
        foreach (var r in ratings)
        {
            var fromScore = Core.Evaluations.QualityRatings.Decide(r.Score!.Value, r.ExcellentConditionsMet, Core.Evaluations.RatingScale.Default).Level;
            r.LevelFromScore.ShouldBe(fromScore);
            (r.Level == r.LevelFromScore).ShouldBe(r.OverrideReason is null);
            r.DecidedOn!.Value.Year.ShouldBe(r.Year);
        }
    }

    [Fact]
    public async Task Every_class_step_has_its_class_and_passed_place_and_the_coming_classes_hold_people_who_may_go()
    {
        var (demo, classes, enrolments, sessions) = await app.WithSystemScopeAsync(async (db, _) =>
        {
            var d = await LoadAsync();
            return (d,
                await db.PartyClasses.Include(x => x.Quotas).Where(x => x.CommuneId == d.CommuneId).ToListAsync(),
                await db.ClassEnrolments.Where(x => x.CommuneId == d.CommuneId).ToListAsync(),
                await db.PropagandaSessions.Include(x => x.Attendees).Where(x => x.CommuneId == d.CommuneId).ToListAsync());
        });
        var classOf = classes.ToDictionary(x => x.Id);
        // The centre never gives one certificate number twice (its results page refuses a number already given).
        enrolments.Where(e => e.CertificateNumber != null).GroupBy(e => e.CertificateNumber!.ToUpperInvariant()).ShouldAllBe(g => g.Count() == 1);
        var classSteps = demo.Steps.Values.SelectMany(x => x).Where(x => x.Kind is T.AwarenessClass or T.NewMemberClass).ToList();
        classSteps.Count.ShouldBeGreaterThan(20);
        foreach (var step in classSteps)
        {
            var place = enrolments.Where(e => e.StepId == step.Id).ToList().ShouldHaveSingleItem($"step {step.Id}");
            var cls = classOf[place.ClassId];
            var certificate = step.ReadDetails<ClassDetails>()!;
            place.CandidateId.ShouldBe(step.CandidateId);
            place.Result.ShouldBe(Core.Classes.ClassResult.Passed);
            place.CertificateNumber.ShouldBe(certificate.CertificateNumber);
            place.CertificateDate.ShouldBe(step.Date);
            certificate.ClassName.ShouldStartWith(cls.Name);
            certificate.Grade.ShouldBe(place.Grade);
            Core.Classes.ClassRules.Grades(cls.ResultScale).ShouldContain(place.Grade!);
            (cls.Kind == Core.Classes.ClassKind.Awareness).ShouldBe(step.Kind == T.AwarenessClass);
            cls.ClosesOn.ShouldBeLessThanOrEqualTo(step.Date, $"{cls.Name}: the certificate of {step.Date} comes after the class");
        }
        foreach (var e in enrolments)
        {
            var cls = classOf[e.ClassId];
            if (e.Result != Core.Classes.ClassResult.None)
            {
                cls.ClosesOn.ShouldBeLessThan(Today, cls.Name);
                e.Attendance.Length.ShouldBe(cls.Days);
                (e.Result == Core.Classes.ClassResult.Failed).ShouldBe(e.FailReason is not null);
                continue;
            }
            // Not taught yet: a coming class, and the person may still go to it by the class rules, as the cell proposed.
            cls.OpensOn.ShouldBeGreaterThan(Today, cls.Name);
            var person = demo.Candidates.Single(c => c.Id == e.CandidateId);
            var facts = new AdmissionCase(person.Id, person.Person.DateOfBirth, demo.StepsOf(person)).ClassFacts(null);
            Core.Classes.ClassRules.NominationRefusal(cls.Kind, facts, cls.ClosesOn, 60).ShouldBeNull($"{person.Person.FullName} in {cls.Name}");
        }
        enrolments.Count(e => e.Result == Core.Classes.ClassResult.Failed).ShouldBeGreaterThan(0);
        enrolments.Count(e => e.Result == Core.Classes.ClassResult.None).ShouldBeGreaterThan(5);
        foreach (var cls in classes)
            enrolments.Count(e => e.ClassId == cls.Id && e.Status == Core.Classes.EnrolmentStatus.Approved).ShouldBeLessThanOrEqualTo(cls.Quotas.Sum(q => q.Seats), cls.Name);

        // The propaganda log: in the past, those who came no more than the headcount, people of the commune's pool.
        sessions.Count.ShouldBeGreaterThan(20);
        var pool = demo.Candidates.Select(c => c.Id).ToHashSet();
        foreach (var session in sessions)
        {
            session.Date.ShouldBeLessThanOrEqualTo(Today);
            session.Attendees.Count.ShouldBeLessThanOrEqualTo(session.Headcount);
            session.Attendees.ShouldAllBe(a => pool.Contains(a.CandidateId));
        }
    }
}

public sealed class DemoInvariantTests_Sqlite(DemoSqliteApp app) : DemoInvariantTests<DemoSqliteApp>(app), IClassFixture<DemoSqliteApp>;

public sealed class DemoInvariantTests_Postgres(DemoPostgresApp app) : DemoInvariantTests<DemoPostgresApp>(app), IClassFixture<DemoPostgresApp>;

public sealed class DemoInvariantTests2029_Sqlite(DemoSqliteApp2029 app) : DemoInvariantTests<DemoSqliteApp2029>(app), IClassFixture<DemoSqliteApp2029>;

public sealed class DemoInvariantTests2029_Postgres(DemoPostgresApp2029 app) : DemoInvariantTests<DemoPostgresApp2029>(app), IClassFixture<DemoPostgresApp2029>;
