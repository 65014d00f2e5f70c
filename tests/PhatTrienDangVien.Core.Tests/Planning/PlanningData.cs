using System.Globalization;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Planning;

namespace PhatTrienDangVien.Core.Tests.Planning;

/// <summary>Builds cases from step kinds and dates without the guards (planning reads recorded history only).</summary>
internal sealed class CaseBuilder(int candidateId, int cellId)
{
    /// <summary>The steps that move a case out of each forecast stage, in order (index = <see cref="Forecast.Stages"/>).</summary>
    public static readonly AdmissionStepKind[] Path =
    [
        AdmissionStepKind.MentorAssigned,
        AdmissionStepKind.AwarenessClass,
        AdmissionStepKind.Application,
        AdmissionStepKind.PersonalHistory,
        AdmissionStepKind.Introduction,
        AdmissionStepKind.Opinions,
        AdmissionStepKind.CellVote,
        AdmissionStepKind.Decision,
        AdmissionStepKind.Ceremony,
    ];

    private readonly List<StepRecord> _steps = [];

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public CaseBuilder Step(AdmissionStepKind kind, string date, VoteOutcome? outcome = null) => Step(kind, D(date), outcome);

    public CaseBuilder Step(AdmissionStepKind kind, DateOnly date, VoteOutcome? outcome = null)
    {
        outcome ??= kind is AdmissionStepKind.CellVote or AdmissionStepKind.SubCommitteeVote or AdmissionStepKind.RecognitionVote
            ? VoteOutcome.Approved
            : null;
        _steps.Add(new StepRecord { CandidateId = candidateId, Kind = kind, Date = date, Outcome = outcome });
        return this;
    }

    /// <summary>Source pool on the first date, then one step of <see cref="Path"/> per following date.</summary>
    public CaseBuilder Through(params string[] dates) => Through(dates.Select(D).ToArray());

    public CaseBuilder Through(params DateOnly[] dates)
    {
        Step(AdmissionStepKind.SourcePool, dates[0]);
        for (var i = 1; i < dates.Length; i++)
        {
            Step(Path[i - 1], dates[i]);
        }

        return this;
    }

    public CaseHistory Build() => new(candidateId, cellId, _steps);

    public IReadOnlyList<StepRecord> Steps => _steps;
}
