namespace PhatTrienDangVien.Core.Admission;

/// <summary>
/// One version of one number of the admission procedure: its value, where it comes from and from when it applies.
/// A change is a new version with a later <see cref="EffectiveFrom"/>, never an edit of the old one, so a case keeps
/// the rule it ran under. Init-only properties: EF Core materialises them, and the shared defaults cannot be mutated.
/// </summary>
public sealed record RuleParameter
{
    public int Id { get; init; }

    /// <summary>One of <see cref="RuleParameterKeys"/>.</summary>
    public required string Key { get; init; }

    public required decimal Value { get; init; }

    /// <summary>Vietnamese unit shown next to the value: "tháng", "ngày làm việc", "tuổi", "lần"…</summary>
    public required string Unit { get; init; }

    /// <summary>Vietnamese description, used in refusal messages.</summary>
    public required string Name { get; init; }

    /// <summary>Source shown next to the rule, e.g. "Điều lệ Đảng, Điều 4; Quy định 294-QĐ/TW".</summary>
    public required string Citation { get; init; }

    /// <summary>False for values that domain.md marks as inferred (the 60/30-day limits, who decides).</summary>
    public bool IsConfirmed { get; init; } = true;

    public required DateOnly EffectiveFrom { get; init; }
}

/// <summary>The keys of every admission rule parameter.</summary>
public static class RuleParameterKeys
{
    public const string MinAgeMonths = nameof(MinAgeMonths);
    public const string MaxAgeMonths = nameof(MaxAgeMonths);
    public const string CertificateValidityMonths = nameof(CertificateValidityMonths);
    public const string IntroducerMinMonthsTogether = nameof(IntroducerMinMonthsTogether);
    public const string YouthMaxAge = nameof(YouthMaxAge);
    public const string VoteNumerator = nameof(VoteNumerator);
    public const string VoteDenominator = nameof(VoteDenominator);
    public const string MinOfficialMembersToVote = nameof(MinOfficialMembersToVote);
    public const string DecidingBody = nameof(DecidingBody);
    public const string DecisionDeadlineWorkingDays = nameof(DecisionDeadlineWorkingDays);
    public const string DecisionExtensionWorkingDays = nameof(DecisionExtensionWorkingDays);
    public const string CeremonyDeadlineWorkingDays = nameof(CeremonyDeadlineWorkingDays);
    public const string ProbationMonths = nameof(ProbationMonths);
    public const string RecognitionReviewDeadlineWorkingDays = nameof(RecognitionReviewDeadlineWorkingDays);
    public const string RecognitionDecisionDeadlineWorkingDays = nameof(RecognitionDecisionDeadlineWorkingDays);
    public const string RecognitionDecisionExtensionWorkingDays = nameof(RecognitionDecisionExtensionWorkingDays);
    public const string MaxRecognitionVotes = nameof(MaxRecognitionVotes);
    public const string ReadmissionWaitMonths = nameof(ReadmissionWaitMonths);

    /// <summary>
    /// The largest value a key may take: beyond it a value is a typing error, and the engine's date arithmetic would
    /// overflow (12,000 months of probation is not a rule, it is a 500 on every ceremony).
    /// </summary>
    public static int MaxValue(string key) => key switch
    {
        MinAgeMonths or MaxAgeMonths or CertificateValidityMonths or IntroducerMinMonthsTogether or ProbationMonths or ReadmissionWaitMonths => 1200,
        YouthMaxAge => 100,
        VoteNumerator or VoteDenominator => 100,
        MinOfficialMembersToVote => 1000,
        DecidingBody => 2,
        MaxRecognitionVotes => 20,
        _ => 500, // working days
    };

    /// <summary>Every key; a <see cref="RuleBook"/> must have at least one version of each.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        MinAgeMonths, MaxAgeMonths, CertificateValidityMonths, IntroducerMinMonthsTogether, YouthMaxAge,
        VoteNumerator, VoteDenominator, MinOfficialMembersToVote, DecidingBody,
        DecisionDeadlineWorkingDays, DecisionExtensionWorkingDays, CeremonyDeadlineWorkingDays, ProbationMonths,
        RecognitionReviewDeadlineWorkingDays, RecognitionDecisionDeadlineWorkingDays,
        RecognitionDecisionExtensionWorkingDays, MaxRecognitionVotes, ReadmissionWaitMonths,
    ];
}

/// <summary>
/// Which body issues the admission decision, as the numeric value of <see cref="RuleParameterKeys.DecidingBody"/>.
/// Since 7/2025 inferred to be the commune standing board; an organisation may override it
/// (<c>Organisation.AdmissionAuthority</c>).
/// </summary>
public enum DecidingBody
{
    CommuneStandingBoard = 1,
    CommuneExecutiveCommittee = 2,
}
