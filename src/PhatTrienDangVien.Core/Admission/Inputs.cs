using PhatTrienDangVien.Core.Calendar;
using PhatTrienDangVien.Core.People;

namespace PhatTrienDangVien.Core.Admission;

/// <summary>What every recording needs besides the form: rules, calendar, today's date, the clock and the user.</summary>
/// <param name="Today">Today in Vietnam (UTC+7): no step may be dated after it.</param>
public sealed record StepContext(RuleBook Rules, WorkingDayCalendar Calendar, DateOnly Today, DateTime NowUtc, string Actor)
{
    /// <summary>Today (in Vietnam) and now from <paramref name="time"/>.</summary>
    public static StepContext From(RuleBook rules, WorkingDayCalendar calendar, TimeProvider time, string actor)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        return new(rules, calendar, Common.VietnamTime.DateOf(now), now.UtcDateTime, actor);
    }
}

/// <summary>The fields every step form has.</summary>
public record StepInput
{
    public DateOnly Date { get; init; }
    public string? DocumentNumber { get; init; }
    public string? Note { get; init; }
}

/// <summary>Simple steps without details: source pool, application, opinions.</summary>
public sealed record SimpleStepInput : StepInput;

public sealed record MentorInput : StepInput
{
    public int MentorMemberId { get; init; }
}

public sealed record ClassInput : StepInput
{
    public string CertificateNumber { get; init; } = "";
    public DateOnly CertificateDate { get; init; }
    public string? ClassName { get; init; }
    public string? Grade { get; init; }
}

public sealed record PersonalHistoryInput : StepInput
{
    public IReadOnlyList<RelativeVerification> People { get; init; } = [];
}

/// <summary>An introducer as the member register knows them; months together are computed, not typed.</summary>
public sealed record IntroducerInput
{
    public int MemberId { get; init; }
    public MemberStatus Status { get; init; }
    /// <summary>Date the member became official, if known: must not be after the introduction.</summary>
    public DateOnly? OfficialSince { get; init; }
    /// <summary>Since when they have worked, studied or lived with the applicant in the same unit.</summary>
    public DateOnly TogetherSince { get; init; }
}

public sealed record IntroductionInput : StepInput
{
    public IntroductionPath Path { get; init; }
    public IReadOnlyList<IntroducerInput> Introducers { get; init; } = [];
    public bool ApplicantIsYouthUnionMember { get; init; }
    /// <summary>No Youth Union organisation where the applicant works or lives: the Trade Union path is open.</summary>
    public bool NoYouthUnionOrganisation { get; init; }
    public string? OrganisationResolutionNumber { get; init; }
}

public record VoteInput : StepInput
{
    public int For { get; init; }
    public int Against { get; init; }
    /// <summary>Voters present (counted members only).</summary>
    public int Present { get; init; }
}

public sealed record CellVoteInput : VoteInput
{
    /// <summary>Provincial standing board's written consent, for an applicant over 60.</summary>
    public string? Over60ConsentDocument { get; init; }
    /// <summary>Provincial standing board's written consent, for a person who had left the party (re-admission).</summary>
    public string? ReadmissionConsentDocument { get; init; }
}

/// <summary>
/// The cell's voters on the vote date, computed by the web layer from the member register: official members,
/// and those among them on temporary transfer or exempted who are absent (out of the denominator).
/// Probationary members do not vote and are not counted.
/// </summary>
public sealed record CellRoster(int OfficialMembers, int ExcludedAbsent, bool HasSubCommittee)
{
    public int Denominator => OfficialMembers - ExcludedAbsent;
}

/// <summary>The sub-committee's committee members on the vote date.</summary>
public sealed record SubCommitteeRoster(int CommitteeMembers);

public sealed record DecisionInput : StepInput
{
    public DateOnly? ReceivedByCellOn { get; init; }
    public string? DecidingBody { get; init; }
}

public sealed record CeremonyInput : StepInput
{
    public string? LateConsentDocument { get; init; }
}

/// <summary>
/// What the member register says about a member admitted before the software: the admission decision (when the
/// register has it) and the ceremony. <see cref="AdmissionCase.OpenFromRegister"/> turns it into the case's first steps.
/// </summary>
public sealed record RegisterAdmissionInput
{
    public DateOnly? DecisionDate { get; init; }
    public string? DecisionNumber { get; init; }
    public DateOnly CeremonyDate { get; init; }
    /// <summary>Shown on the timeline beside both steps: where they came from.</summary>
    public string? Note { get; init; }
}

public sealed record ReasonInput : StepInput
{
    public string Reason { get; init; } = "";
}
