using PhatTrienDangVien.Core.Admission;

namespace PhatTrienDangVien.Core.Planning;

/// <summary>Settings of <see cref="Forecast"/>. Everything that changes a result is here, so a result can be reproduced.</summary>
public sealed record ForecastOptions
{
    /// <summary>Simulated futures. 2,000 keeps the 10th/90th percentiles stable to about ±1 member.</summary>
    public int Runs { get; init; } = 2000;

    /// <summary>Seed of the random numbers: the same data and seed give the same forecast.</summary>
    public int Seed { get; init; } = 2025;

    /// <summary>
    /// A stage uses its observed durations and conversion only with at least this many observations
    /// (completed stays for durations, exits for conversion); below it, the defaults.
    /// </summary>
    public int MinObservations { get; init; } = 10;

    /// <summary>Default days in each stage (the forecast's stages, <see cref="Forecast.Stages"/>).</summary>
    public IReadOnlyDictionary<AdmissionStage, int> DefaultDays { get; init; } = Forecast.DefaultStageDays;

    /// <summary>Default share of the cases leaving each stage that move on (the rest withdraw).</summary>
    public IReadOnlyDictionary<AdmissionStage, double> DefaultConversion { get; init; } = Forecast.DefaultStageConversion;

    /// <summary>
    /// A default duration is drawn evenly between (1 − spread) and (1 + spread) times the default days; 0 makes it fixed.
    /// </summary>
    public double DefaultSpread { get; init; } = 0.5;

    /// <summary>
    /// Also simulate people entering the source pool from now on, per cell, at the rate of the last
    /// <see cref="InflowWindowMonths"/> months (random arrivals at that average rate). Off by default: the forecast
    /// then covers today's pipeline only, and <see cref="CandidateNeed"/> is what the pool must add.
    /// </summary>
    public bool IncludeNewCandidates { get; init; }

    public int InflowWindowMonths { get; init; } = 12;
}

/// <param name="Cases">All cases with their steps up to <paramref name="AsOf"/> (open, admitted, withdrawn: history
/// is read from all of them, the pipeline from the open ones).</param>
/// <param name="AdmittedSoFarInTerm">Admitted in the term up to <paramref name="AsOf"/>; null: counted from the cases'
/// ceremony dates (pass it when members admitted before the software have no steps).</param>
public sealed record ForecastInput(
    IReadOnlyList<CaseHistory> Cases,
    PlanTerm Term,
    DateOnly AsOf,
    int? AdmittedSoFarInTerm = null,
    ForecastOptions? Options = null);

/// <summary>Forecast admissions in a calendar year (clipped to the forecast period <c>AsOf … Term.End</c>).</summary>
public sealed record YearForecast(int Year, DateOnly From, DateOnly To, Distribution Admissions);

/// <summary>Forecast admissions of one cell to the end of the term, and per year.</summary>
/// <param name="OpenCases">Cases of the cell in the pipeline now.</param>
public sealed record CellForecast(int CellId, int OpenCases, Distribution Admissions, IReadOnlyList<YearForecast> Years);

/// <summary>What the forecast assumed for one stage, for the method panel.</summary>
/// <param name="Conversion">Share of those leaving the stage that move on.</param>
/// <param name="ConversionObservations">Observed exits (moved on or withdrew).</param>
/// <param name="DurationObservations">Observed completed stays (moved on).</param>
/// <param name="MedianDays">Median of the durations used.</param>
public sealed record StageAssumption(
    AdmissionStage Stage,
    string Name,
    double Conversion,
    int ConversionObservations,
    bool ConversionIsDefault,
    double MedianDays,
    int DurationObservations,
    bool DurationIsDefault);

/// <summary>How many more people the source pool needs, and by when, to reach the target.</summary>
/// <param name="Gap">Target − admitted so far − median forecast (P50 of the additional admissions), at least 0.</param>
/// <param name="ConversionFromPool">Share of people entering the pool today who are eventually admitted (simulated).</param>
/// <param name="MedianPipelineDays">Median days from entering the pool to the ceremony, among those admitted (simulated).</param>
/// <param name="ExtraCandidates">ceil(Gap / ConversionFromPool); 0 when Gap is 0; null when nobody gets through.</param>
/// <param name="NeededBy">Term end − MedianPipelineDays: people entering the pool later are more likely than not to be admitted after the term.</param>
/// <param name="TooLate"><paramref name="NeededBy"/> is before the forecast date: new entrants can no longer be expected to make it in time.</param>
public sealed record CandidateNeed(
    int Gap,
    double ConversionFromPool,
    int MedianPipelineDays,
    int? ExtraCandidates,
    DateOnly NeededBy,
    bool TooLate);

/// <summary>The forecast. "Additional" admissions are simulated ceremonies from <see cref="AsOf"/> to the term end.</summary>
/// <param name="TermTotal">AdmittedSoFar + additional.</param>
/// <param name="ProbabilityOfReachingTarget">Share of runs where TermTotal ≥ target.</param>
/// <param name="MethodDescription">The method and the assumptions, in plain Vietnamese, for the page.</param>
public sealed record ForecastResult(
    DateOnly AsOf,
    PlanTerm Term,
    ForecastOptions Options,
    int OpenCases,
    int AdmittedSoFar,
    Distribution Additional,
    Distribution TermTotal,
    double ProbabilityOfReachingTarget,
    IReadOnlyList<YearForecast> Years,
    IReadOnlyList<CellForecast> Cells,
    CandidateNeed Need,
    IReadOnlyList<StageAssumption> Assumptions,
    string MethodDescription);
