using System.Text.Json;
using K = PhatTrienDangVien.Core.Admission.RuleParameterKeys;

namespace PhatTrienDangVien.Core.Admission;

/// <summary>The rule parameters in force on one date (<see cref="RuleBook.At"/>), with typed accessors.</summary>
public sealed class RuleSet
{
    private readonly IReadOnlyDictionary<string, RuleParameter> _parameters;

    internal RuleSet(DateOnly date, IReadOnlyDictionary<string, RuleParameter> parameters)
    {
        Date = date;
        _parameters = parameters;
    }

    /// <summary>The date this set was taken for.</summary>
    public DateOnly Date { get; }

    public RuleParameter this[string key] => _parameters[key];

    public int MinAgeMonths => Int(K.MinAgeMonths);
    public int MaxAgeMonths => Int(K.MaxAgeMonths);
    public int CertificateValidityMonths => Int(K.CertificateValidityMonths);
    public int IntroducerMinMonthsTogether => Int(K.IntroducerMinMonthsTogether);
    public int YouthMaxAge => Int(K.YouthMaxAge);
    public int VoteNumerator => Int(K.VoteNumerator);
    public int VoteDenominator => Int(K.VoteDenominator);
    public int MinOfficialMembersToVote => Int(K.MinOfficialMembersToVote);
    public DecidingBody DecidingBody => (DecidingBody)Int(K.DecidingBody);
    public int DecisionDeadlineWorkingDays => Int(K.DecisionDeadlineWorkingDays);
    public int DecisionExtensionWorkingDays => Int(K.DecisionExtensionWorkingDays);
    public int CeremonyDeadlineWorkingDays => Int(K.CeremonyDeadlineWorkingDays);
    public int ProbationMonths => Int(K.ProbationMonths);
    public int RecognitionReviewDeadlineWorkingDays => Int(K.RecognitionReviewDeadlineWorkingDays);
    public int RecognitionDecisionDeadlineWorkingDays => Int(K.RecognitionDecisionDeadlineWorkingDays);
    public int RecognitionDecisionExtensionWorkingDays => Int(K.RecognitionDecisionExtensionWorkingDays);
    public int MaxRecognitionVotes => Int(K.MaxRecognitionVotes);
    public int ReadmissionWaitMonths => Int(K.ReadmissionWaitMonths);

    /// <summary>
    /// Votes needed out of <paramref name="denominator"/>: the smallest whole number ≥ numerator/denominator of it
    /// (2/3 of 7 = 4.67 → 5). Integer arithmetic, so 2/3 of 15 is exactly 10.
    /// </summary>
    public int VotesNeeded(int denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(denominator);
        return ((VoteNumerator * denominator) + VoteDenominator - 1) / VoteDenominator;
    }

    /// <summary>Key → value of every parameter, for a step to store the values it ran under.</summary>
    public IReadOnlyDictionary<string, decimal> Snapshot() =>
        new SortedDictionary<string, decimal>(_parameters.ToDictionary(kv => kv.Key, kv => kv.Value.Value), StringComparer.Ordinal);

    /// <summary><see cref="Snapshot"/> as the JSON stored in <see cref="StepRecord.RulesSnapshot"/>.</summary>
    public string SnapshotJson() => JsonSerializer.Serialize(Snapshot());

    /// <summary>Reads a JSON snapshot back.</summary>
    public static IReadOnlyDictionary<string, decimal> ReadSnapshot(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, decimal>>(json) ?? [];

    private int Int(string key) => decimal.ToInt32(_parameters[key].Value);
}
