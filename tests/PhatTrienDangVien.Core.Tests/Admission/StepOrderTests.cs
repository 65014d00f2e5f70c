using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.People;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Admission.CaseDriver;

namespace PhatTrienDangVien.Core.Tests.Admission;

public class StepOrderTests
{
    private static readonly DateOnly s_birth = D("1998-01-10");
    private static readonly DateOnly s_today = D("2026-12-31");

    [Fact]
    public void A_cell_vote_before_the_introduction_is_refused_and_leaves_the_case_unchanged()
    {
        var driver = new CaseDriver(s_birth, s_today).ToClassPassed(D("2026-03-02"));
        driver.Case.RecordApplication(new SimpleStepInput { Date = D("2026-03-03") }, driver.Ctx);
        driver.Case.RecordPersonalHistory(History(D("2026-03-04")), driver.Ctx);

        var error = Should.Throw<DomainException>(() => driver.CellVote(D("2026-03-10")));

        error.Rule.ShouldBe(nameof(ProcedureRules.StepOrder));
        error.Message.ShouldContain("Nghị quyết chi bộ đề nghị kết nạp");
        driver.Case.Steps.Count.ShouldBe(5);
        driver.Case.CurrentStage.ShouldBe(AdmissionStage.HistoryVerified);
    }

    [Fact]
    public void A_ceremony_before_the_decision_is_refused_and_leaves_the_case_unchanged()
    {
        var driver = new CaseDriver(s_birth, s_today).ToOpinions(D("2026-03-02"));
        driver.CellVote(D("2026-03-20"));

        Should.Throw<DomainException>(() => driver.Ceremony(D("2026-03-25"))).Rule.ShouldBe(nameof(ProcedureRules.StepOrder));

        driver.Case.Steps.Count.ShouldBe(8);
        driver.Case.CurrentStage.ShouldBe(AdmissionStage.CellApproved);
    }

    [Fact]
    public void The_application_cannot_come_before_the_awareness_class()
    {
        var driver = new CaseDriver(s_birth, s_today);
        driver.Case.RecordSourcePool(new SimpleStepInput { Date = D("2026-03-02") }, driver.Ctx);
        driver.Case.RecordMentorAssigned(new MentorInput { Date = D("2026-03-02"), MentorMemberId = 3 }, driver.Ctx);

        Should.Throw<DomainException>(() => driver.Case.RecordApplication(new SimpleStepInput { Date = D("2026-03-03") }, driver.Ctx));
        driver.Case.AllowedNext(driver.Rules, s_today).ShouldBe(
            [AdmissionStepKind.MentorAssigned, AdmissionStepKind.MentorAssessment, AdmissionStepKind.AwarenessClass, AdmissionStepKind.Withdrawal]);
    }

    [Theory]
    [InlineData("2026-03-04", true)] // same day as the previous step
    [InlineData("2026-03-03", false)] // the day before it
    public void A_step_may_not_be_dated_before_the_previous_step(string date, bool allowed)
    {
        var driver = new CaseDriver(s_birth, s_today).ToClassPassed(D("2026-03-04"));
        Action record = () => driver.Case.RecordApplication(new SimpleStepInput { Date = D(date) }, driver.Ctx);

        if (allowed)
        {
            record();
            driver.Case.CurrentStage.ShouldBe(AdmissionStage.Applied);
        }
        else
        {
            Should.Throw<DomainException>(record).Rule.ShouldBe(nameof(ProcedureRules.StepDate));
            driver.Case.CurrentStage.ShouldBe(AdmissionStage.ClassPassed);
        }
    }

    [Theory]
    [InlineData("2026-12-31", true)] // today
    [InlineData("2027-01-01", false)] // tomorrow
    public void A_step_may_not_be_dated_in_the_future(string date, bool allowed)
    {
        var driver = new CaseDriver(s_birth, s_today);
        Action record = () => driver.Case.RecordSourcePool(new SimpleStepInput { Date = D(date) }, driver.Ctx);

        if (allowed)
        {
            record();
            driver.Case.Steps.Count.ShouldBe(1);
        }
        else
        {
            Should.Throw<DomainException>(record).Rule.ShouldBe(nameof(ProcedureRules.StepDate));
            driver.Case.Steps.ShouldBeEmpty();
        }
    }

    [Fact]
    public void A_recorded_step_carries_who_when_the_document_and_normalised_text()
    {
        var driver = new CaseDriver(s_birth, s_today);
        StepRecord step = driver.Case.RecordSourcePool(
            new SimpleStepInput { Date = D("2026-03-02"), DocumentNumber = " 05-NQ/CB ", Note = "Nguo\u0302\u0300n: đoàn viên" }, driver.Ctx);

        step.CandidateId.ShouldBe(42);
        step.Kind.ShouldBe(AdmissionStepKind.SourcePool);
        step.DocumentNumber.ShouldBe("05-NQ/CB");
        step.Note.ShouldBe("Nguồn: đoàn viên");
        step.RecordedBy.ShouldBe("bi.thu.chi.bo");
        step.RecordedAtUtc.ShouldBe(new DateTime(2026, 12, 31, 2, 30, 0, DateTimeKind.Utc));
        RuleSet.ReadSnapshot(step.RulesSnapshot)[RuleParameterKeys.MinAgeMonths].ShouldBe(216m);
    }

    [Fact]
    public void Steps_loaded_out_of_order_are_replayed_by_date()
    {
        var driver = new CaseDriver(s_birth, s_today).ToClassPassed(D("2026-03-02"));
        StepRecord[] stored = [.. driver.Case.Steps.Select((s, i) => { s.Id = i + 1; return s; }).Reverse()];

        var reloaded = new AdmissionCase(42, s_birth, stored);

        reloaded.CurrentStage.ShouldBe(AdmissionStage.ClassPassed);
        reloaded.Steps.Select(s => s.Kind).ShouldBe([AdmissionStepKind.SourcePool, AdmissionStepKind.MentorAssigned, AdmissionStepKind.AwarenessClass]);
    }

    [Fact]
    public void Mentor_assessments_repeat_without_moving_the_case()
    {
        var driver = new CaseDriver(s_birth, s_today).ToClassPassed(D("2026-03-02"));

        driver.Case.RecordMentorAssessment(new MentorInput { Date = D("2026-04-01"), MentorMemberId = 7, Note = "Tích cực" }, driver.Ctx);
        driver.Case.RecordMentorAssessment(new MentorInput { Date = D("2026-05-01"), MentorMemberId = 7, Note = "Tiến bộ" }, driver.Ctx);

        driver.Case.CurrentStage.ShouldBe(AdmissionStage.ClassPassed);
        driver.Case.Steps.Count(s => s.Kind == AdmissionStepKind.MentorAssessment).ShouldBe(2);
    }

    [Fact]
    public void A_cell_under_a_sub_committee_needs_its_vote_before_the_decision()
    {
        var driver = new CaseDriver(s_birth, s_today).ToOpinions(D("2026-03-02"));
        driver.CellVote(D("2026-03-20"), subCommittee: true);

        Should.Throw<DomainException>(() => driver.Decision(D("2026-04-01"))).Rule.ShouldBe(nameof(ProcedureRules.SubCommitteeVote));
        driver.Case.AllowedNext(driver.Rules, s_today).ShouldContain(AdmissionStepKind.SubCommitteeVote);

        Should.Throw<DomainException>(() => driver.Case.RecordSubCommitteeVote(new VoteInput { Date = D("2026-03-25"), For = 4, Present = 7 }, new SubCommitteeRoster(7), driver.Ctx))
            .Rule.ShouldBe(RuleParameterKeys.VoteNumerator);
        driver.Case.CurrentStage.ShouldBe(AdmissionStage.CellApproved);

        driver.Case.RecordSubCommitteeVote(new VoteInput { Date = D("2026-03-26"), For = 5, Present = 7 }, new SubCommitteeRoster(7), driver.Ctx)
            .Outcome.ShouldBe(VoteOutcome.Approved);
        driver.Case.CurrentStage.ShouldBe(AdmissionStage.SubCommitteeApproved);
        driver.Decision(D("2026-04-01"));
        driver.Case.CurrentStage.ShouldBe(AdmissionStage.Decided);
    }

    [Fact]
    public void A_cell_not_under_a_sub_committee_cannot_record_a_sub_committee_vote()
    {
        var driver = new CaseDriver(s_birth, s_today).ToOpinions(D("2026-03-02"));
        driver.CellVote(D("2026-03-20"), subCommittee: false);

        Should.Throw<DomainException>(() => driver.Case.RecordSubCommitteeVote(
                new VoteInput { Date = D("2026-03-25"), For = 5, Present = 7 }, new SubCommitteeRoster(7), driver.Ctx))
            .Rule.ShouldBe(nameof(ProcedureRules.SubCommitteeVote));
        driver.Case.AllowedNext(driver.Rules, s_today).ShouldContain(AdmissionStepKind.Decision);
        driver.Case.AllowedNext(driver.Rules, s_today).ShouldNotContain(AdmissionStepKind.SubCommitteeVote);
    }

    [Fact]
    public void Withdrawal_needs_a_reason_and_is_allowed_only_before_the_ceremony()
    {
        var before = new CaseDriver(s_birth, s_today).ToOpinions(D("2026-03-02"));
        before.CellVote(D("2026-03-20"));
        before.Decision(D("2026-04-01"));
        Should.Throw<DomainException>(() => before.Case.RecordWithdrawal(new ReasonInput { Date = D("2026-04-02"), Reason = "  " }, before.Ctx))
            .Rule.ShouldBe(nameof(ProcedureRules.ReasonRequired));

        before.Case.RecordWithdrawal(new ReasonInput { Date = D("2026-04-02"), Reason = "Chuyển đi nơi khác" }, before.Ctx)
            .ReadDetails<ReasonDetails>()!.Reason.ShouldBe("Chuyển đi nơi khác");
        before.Case.CurrentStage.ShouldBe(AdmissionStage.Withdrawn);
        before.Case.AllowedNext(before.Rules, s_today).ShouldBeEmpty();
        Deadlines.NextAction(before.Case, before.Rules, WorkingDays, s_today).ShouldBeNull();

        // A case opened but not begun (a re-admission opened by mistake) is closed the same way.
        var empty = new CaseDriver(s_birth, s_today);
        empty.Case.AllowedNext(empty.Rules, s_today).ShouldContain(AdmissionStepKind.Withdrawal);
        empty.Case.RecordWithdrawal(new ReasonInput { Date = D("2026-04-02"), Reason = "Mở nhầm hồ sơ" }, empty.Ctx);
        empty.Case.CurrentStage.ShouldBe(AdmissionStage.Withdrawn);

        var after = new CaseDriver(s_birth, s_today).ToProbation(D("2026-03-02"));
        Should.Throw<DomainException>(() => after.Case.RecordWithdrawal(new ReasonInput { Date = D("2026-04-02"), Reason = "Lý do" }, after.Ctx))
            .Rule.ShouldBe(nameof(ProcedureRules.WithdrawalOnlyBeforeCeremony));
    }

    [Fact]
    public void Removal_is_only_for_a_probationary_member_and_needs_a_reason()
    {
        var candidate = new CaseDriver(s_birth, s_today).ToOpinions(D("2026-03-02"));
        Should.Throw<DomainException>(() => candidate.Case.RecordRemoval(new ReasonInput { Date = D("2026-03-20"), Reason = "Vi phạm" }, candidate.Ctx))
            .Rule.ShouldBe(nameof(ProcedureRules.RemovalOnlyInProbation));

        var probationary = new CaseDriver(s_birth, s_today).ToProbation(D("2026-03-02"));
        Should.Throw<DomainException>(() => probationary.Case.RecordRemoval(new ReasonInput { Date = D("2026-05-20") }, probationary.Ctx))
            .Rule.ShouldBe(nameof(ProcedureRules.ReasonRequired));
        probationary.Case.RecordRemoval(new ReasonInput { Date = D("2026-05-20"), Reason = "Không đủ tư cách đảng viên" }, probationary.Ctx);
        probationary.Case.CurrentStage.ShouldBe(AdmissionStage.Removed);
    }

    [Fact]
    public void Removal_is_refused_once_the_member_is_recognised()
    {
        var driver = new CaseDriver(s_birth, D("2028-01-31")).ToProbation(D("2026-03-02"));
        driver.NewMemberClass(D("2026-06-01"));
        driver.RecognitionVote(D("2027-03-29"), 7, 0);
        driver.Case.RecordRecognitionDecision(new SimpleStepInput { Date = D("2027-04-05") }, driver.Ctx);

        Should.Throw<DomainException>(() => driver.Case.RecordRemoval(new ReasonInput { Date = D("2027-05-20"), Reason = "Vi phạm" }, driver.Ctx))
            .Rule.ShouldBe(nameof(ProcedureRules.RemovalOnlyInProbation));
        driver.Case.CurrentStage.ShouldBe(AdmissionStage.Official);
    }
}

public class IntroductionTests
{
    private static readonly DateOnly s_introduction = D("2026-04-15");

    private static CaseDriver ReadyToIntroduce(string birth = "1998-01-10")
    {
        var driver = new CaseDriver(D(birth), D("2026-12-31")).ToClassPassed(D("2026-03-02"));
        driver.Case.RecordApplication(new SimpleStepInput { Date = D("2026-03-03") }, driver.Ctx);
        driver.Case.RecordPersonalHistory(History(D("2026-03-04")), driver.Ctx);
        return driver;
    }

    private static StepRecord Introduce(CaseDriver driver, IntroductionInput input) =>
        driver.Case.RecordIntroduction(input with { Date = s_introduction }, driver.Ctx);

    [Theory]
    [InlineData("2025-04-16", false)] // 11 months together
    [InlineData("2025-04-15", true)] // 12 months together
    public void Introducers_need_twelve_months_together_with_the_applicant(string togetherSince, bool allowed)
    {
        CaseDriver driver = ReadyToIntroduce();
        var input = new IntroductionInput
        {
            Path = IntroductionPath.TwoMembers,
            Introducers = [Official(1, D("2020-01-01")), Official(2, D(togetherSince))],
        };

        if (allowed)
        {
            IntroductionDetails details = Introduce(driver, input).ReadDetails<IntroductionDetails>()!;
            details.Introducers.Select(i => i.MonthsTogether).ShouldBe([75, 12]);
            driver.Case.CurrentStage.ShouldBe(AdmissionStage.Introduced);
        }
        else
        {
            var error = Should.Throw<DomainException>(() => Introduce(driver, input));
            error.Rule.ShouldBe(RuleParameterKeys.IntroducerMinMonthsTogether);
            error.Message.ShouldContain("11 tháng");
            driver.Case.CurrentStage.ShouldBe(AdmissionStage.HistoryVerified);
        }
    }

    [Theory]
    [InlineData(MemberStatus.Probationary, null)]
    [InlineData(MemberStatus.Removed, null)]
    [InlineData(MemberStatus.Official, "2026-04-16")] // official only from the day after the introduction
    public void Introducers_must_be_official_members_on_the_introduction_date(MemberStatus status, string? officialSince)
    {
        CaseDriver driver = ReadyToIntroduce();
        var input = new IntroductionInput
        {
            Path = IntroductionPath.TwoMembers,
            Introducers =
            [
                Official(1, D("2020-01-01")),
                new() { MemberId = 2, Status = status, OfficialSince = officialSince is null ? null : D(officialSince), TogetherSince = D("2020-01-01") },
            ],
        };

        Should.Throw<DomainException>(() => Introduce(driver, input)).Rule.ShouldBe(nameof(ProcedureRules.IntroducerIsOfficial));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void The_two_member_path_needs_exactly_two_introducers(int count)
    {
        CaseDriver driver = ReadyToIntroduce();
        var input = new IntroductionInput
        {
            Path = IntroductionPath.TwoMembers,
            Introducers = [.. Enumerable.Range(1, count).Select(i => Official(i, D("2020-01-01")))],
        };

        Should.Throw<DomainException>(() => Introduce(driver, input)).Rule.ShouldBe(nameof(ProcedureRules.IntroducerCount));
    }

    [Fact]
    public void The_same_member_cannot_introduce_twice()
    {
        CaseDriver driver = ReadyToIntroduce();
        var input = new IntroductionInput
        {
            Path = IntroductionPath.TwoMembers,
            Introducers = [Official(1, D("2020-01-01")), Official(1, D("2020-01-01"))],
        };

        Should.Throw<DomainException>(() => Introduce(driver, input)).Rule.ShouldBe(nameof(ProcedureRules.IntroducerCount));
    }

    [Theory]
    [InlineData("1995-04-16", true, 1, true, null)] // 30 years old (31 tomorrow)
    [InlineData("1995-04-15", true, 1, false, RuleParameterKeys.YouthMaxAge)] // 31 today
    [InlineData("2000-01-01", false, 1, false, nameof(ProcedureRules.YouthUnionMembership))]
    [InlineData("2000-01-01", true, 2, false, nameof(ProcedureRules.IntroducerCount))]
    public void The_Youth_Union_path_needs_a_youth_age_union_member_and_one_official_member(
        string birth, bool unionMember, int introducers, bool allowed, string? rule)
    {
        CaseDriver driver = ReadyToIntroduce(birth);
        var input = new IntroductionInput
        {
            Path = IntroductionPath.YouthUnion,
            ApplicantIsYouthUnionMember = unionMember,
            OrganisationResolutionNumber = "12-NQ/ĐTN",
            Introducers = [.. Enumerable.Range(1, introducers).Select(i => Official(i, D("2020-01-01")))],
        };

        if (allowed)
        {
            Introduce(driver, input).ReadDetails<IntroductionDetails>()!.Path.ShouldBe(IntroductionPath.YouthUnion);
        }
        else
        {
            Should.Throw<DomainException>(() => Introduce(driver, input)).Rule.ShouldBe(rule);
        }
    }

    [Fact]
    public void The_Youth_Union_path_needs_the_unions_resolution()
    {
        CaseDriver driver = ReadyToIntroduce("2000-01-01");
        var input = new IntroductionInput
        {
            Path = IntroductionPath.YouthUnion, ApplicantIsYouthUnionMember = true, Introducers = [Official(1, D("2020-01-01"))],
        };

        Should.Throw<DomainException>(() => Introduce(driver, input)).Rule.ShouldBe(nameof(ProcedureRules.RequiredField));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void The_Trade_Union_path_is_open_only_where_there_is_no_Youth_Union(bool noYouthUnion, bool allowed)
    {
        CaseDriver driver = ReadyToIntroduce("1990-01-01");
        var input = new IntroductionInput
        {
            Path = IntroductionPath.TradeUnion,
            NoYouthUnionOrganisation = noYouthUnion,
            OrganisationResolutionNumber = "03-NQ/CĐ",
            Introducers = [Official(1, D("2020-01-01"))],
        };

        if (allowed)
        {
            Introduce(driver, input).ReadDetails<IntroductionDetails>()!.OrganisationResolutionNumber.ShouldBe("03-NQ/CĐ");
        }
        else
        {
            Should.Throw<DomainException>(() => Introduce(driver, input)).Rule.ShouldBe(nameof(ProcedureRules.TradeUnionOnlyWithoutYouthUnion));
        }
    }
}
