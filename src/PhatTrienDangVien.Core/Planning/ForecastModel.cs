using PhatTrienDangVien.Core.Admission;

namespace PhatTrienDangVien.Core.Planning;

/// <summary>Settings of <see cref="Forecast"/>. Everything that changes a result is here, so a result can be reproduced.</summary>
public sealed record ForecastOptions
{
    /// <summary>Simulated futures. 2,000 keeps the 10th/90th percentiles stable to about ±1 member.</summary>
    public int Runs { get; init; } = 2000;

    /// <summary>Seed of the random numbers: the same data and seed give the same forecast.</summary>
    public int Seed { get; init; } = 2025;

    /// <summary>Default mean days in each stage (the forecast's stages, <see cref="Forecast.Stages"/>): the prior of the hazards.</summary>
    public IReadOnlyDictionary<AdmissionStage, int> DefaultDays { get; init; } = Forecast.DefaultStageDays;

    /// <summary>Default share of the people leaving each stage who move on (the rest withdraw): the prior of the hazards.</summary>
    public IReadOnlyDictionary<AdmissionStage, double> DefaultConversion { get; init; } = Forecast.DefaultStageConversion;

    /// <summary>
    /// Weight of the defaults in a stage's overall rates, as imaginary stays of the default length (3: three stays of
    /// <see cref="DefaultDays"/>; data of a few dozen stays outweighs it). 0: no prior (a stage without data never ends).
    /// </summary>
    public double PriorStays { get; init; } = 3;

    /// <summary>Weight, in months of waiting, of the band before (or the stage's rate, for the first band) in each band's rates.</summary>
    public double BandPriorMonths { get; init; } = 6;

    /// <summary>Where the duration bands start, in months already spent in the stage (after the first band, from 0).</summary>
    public IReadOnlyList<int> DurationBandMonths { get; init; } = [3, 6, 12, 24];

    /// <summary>Draw each run's rates from their posterior (the range then includes the uncertainty of the estimate); false: the point estimates.</summary>
    public bool ParameterUncertainty { get; init; } = true;

    /// <summary>Multiplies every move-on rate (1: as estimated). For what-if questions and the calibration control.</summary>
    public double AdvanceRateFactor { get; init; } = 1;

    /// <summary>
    /// Also simulate people entering the source pool from now on, per cell, at the rate of the last
    /// <see cref="InflowWindowMonths"/> months (random arrivals at that average rate). On by default: the pool keeps
    /// being fed as it was; <see cref="CandidateNeed"/> is then what must be added beyond that.
    /// </summary>
    public bool IncludeNewCandidates { get; init; } = true;

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

/// <summary>How many more people the source pool needs, and by when, to reach the target.</summary>
/// <param name="Gap">Target − median term total (P50), at least 0.</param>
/// <param name="ConversionFromPool">Share of people entering the pool today (beyond the usual inflow) who are admitted by the term end (simulated).</param>
/// <param name="MedianPipelineDays">Median days from entering the pool today to the ceremony, among those admitted by the term end (simulated); 0 when none.</param>
/// <param name="ExtraCandidates">ceil(Gap ÷ share admitted by the term end of people entering on <paramref name="NeededBy"/>); 0 when Gap is 0; null when nobody entering now gets through in time.</param>
/// <param name="NeededBy">The last of the monthly dates (AsOf, AsOf + 1 month, …) on which an entrant's chance of being admitted by the term end is still at least three quarters of an entrant's today; later entrants count for less.</param>
/// <param name="TooLate">Nobody entering the pool today is admitted by the term end in the simulation.</param>
/// <param name="ExtraIfNow">ceil(Gap ÷ <paramref name="ConversionFromPool"/>): the number if they all enter now; null as <paramref name="ExtraCandidates"/>.</param>
public sealed record CandidateNeed(
    int Gap,
    double ConversionFromPool,
    int MedianPipelineDays,
    int? ExtraCandidates,
    DateOnly NeededBy,
    bool TooLate,
    int? ExtraIfNow = null);

/// <summary>The forecast. "Additional" admissions are simulated ceremonies after <see cref="AsOf"/> to the term end.</summary>
/// <param name="TermTotal">AdmittedSoFar + additional.</param>
/// <param name="ProbabilityOfReachingTarget">Share of runs where TermTotal ≥ target.</param>
/// <param name="RunsReachingTarget">Runs where TermTotal ≥ target (see <see cref="Forecast.ShowProbability"/>).</param>
/// <param name="Hazards">The estimated monthly chances by stage and duration band.</param>
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
    int RunsReachingTarget,
    IReadOnlyList<YearForecast> Years,
    IReadOnlyList<CellForecast> Cells,
    CandidateNeed Need,
    IReadOnlyList<StageHazards> Hazards,
    double NewCandidatesPerYear,
    string MethodDescription)
{
    /// <summary>The probability as the page shows it: never "100%" or "0%" unless every run or no run reaches the target.</summary>
    public string ProbabilityText => Forecast.ShowProbability(RunsReachingTarget, Options.Runs);
}

/// <summary>The forecast made as of <see cref="From"/> for the months to <see cref="To"/>, and what happened.</summary>
/// <param name="From">The date the forecast is made as of (steps after it unseen).</param>
/// <param name="To">The end of the checked period (today).</param>
/// <param name="OpenCases">Cases in the pipeline on <paramref name="From"/>.</param>
/// <param name="Forecast">Simulated ceremonies in (From, To].</param>
/// <param name="Actual">Ceremonies recorded in (From, To] (with new entrants if the model simulates them; else only of cases open on From).</param>
/// <param name="ActualFromOpenCases">Of <paramref name="Actual"/>, those of cases open on <paramref name="From"/>.</param>
public sealed record BacktestResult(DateOnly From, DateOnly To, int OpenCases, Distribution Forecast, int Actual, int ActualFromOpenCases)
{
    /// <summary>The actual count lies in the 10th–90th percentile range (both ends included).</summary>
    public bool Inside => Actual >= Forecast.P10 && Actual <= Forecast.P90;

    /// <summary>There was something to forecast on <see cref="From"/>: open cases, or new entrants at a pace seen then.</summary>
    public bool Checkable => OpenCases > 0 || Forecast.P90 > 0 || Actual > 0;
}
