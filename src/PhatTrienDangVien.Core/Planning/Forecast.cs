using System.Globalization;
using System.Text;
using PhatTrienDangVien.Core.Admission;

namespace PhatTrienDangVien.Core.Planning;

/// <summary>
/// Monte Carlo forecast of admissions to the end of the term, per year and per cell, from the cases in the pipeline
/// and (by default) new entrants to the pool, with each stage's monthly chances of moving on and of leaving
/// estimated by <see cref="Hazards"/> — people still waiting are time at risk, not "converted".
/// </summary>
/// <remarks>
/// <para><b>Stages.</b> The nine stages before the ceremony (<see cref="Stages"/>); the cell-approved and
/// sub-committee-approved stages are one stage here ("from the cell's resolution to the decision"), so cells with and
/// without a sub-committee share one set of rates. Leaving <see cref="AdmissionStage.Decided"/> forward is the
/// ceremony, i.e. the admission (see <see cref="CaseHistory"/>).</para>
/// <para><b>One run.</b> Each stage/band's rates are drawn from their gamma posterior
/// (<see cref="ForecastOptions.ParameterUncertainty"/>). Each open case continues from the days it has already waited
/// in its stage: within a band the time to the next event is exponential with the band's total rate (the exact
/// simulation of monthly chances that are constant within the band); at the band's end it carries on with the next
/// band's rates; an event is a move on with probability advance ÷ (advance + leave), else it leaves. A move on starts
/// the next stage at 0 days. A ceremony on or before the term end counts for its calendar year and its cell. New
/// entrants arrive in each cell's pool at random at the cell's rate of the last months.</para>
/// <para><b>Results.</b> Mean and 10th/50th/90th percentiles (nearest rank) over the runs; the share of runs reaching
/// the target; and the pool's need, from probes entering the pool on each monthly date to the term end (same runs,
/// same rates): the share admitted by the term end, the last date on which it is at least 3/4 of today's, and
/// ceil(gap ÷ share on that date). One seeded <see cref="Random"/> drives everything in a fixed order (open cases by
/// candidate id), so the result is deterministic.</para>
/// <para><b>Limits.</b> The past pace is assumed to go on; rates are commune-wide, not per cell; a case's cell is its
/// cell now; rates depend on the time in the stage, not on the calendar (a class held twice a year is smoothed out).</para>
/// </remarks>
public static class Forecast
{
    /// <summary>The forecast's stages, in order; index = position in the simulation.</summary>
    public static IReadOnlyList<AdmissionStage> Stages { get; } =
    [
        AdmissionStage.SourcePool,
        AdmissionStage.Mentored,
        AdmissionStage.ClassPassed,
        AdmissionStage.Applied,
        AdmissionStage.HistoryVerified,
        AdmissionStage.Introduced,
        AdmissionStage.OpinionsCollected,
        AdmissionStage.CellApproved,
        AdmissionStage.Decided,
    ];

    /// <summary>
    /// Default mean calendar days in each stage (to the step that ends it, moving on or leaving), the prior while
    /// history is short: pool → mentor 180 (the pool is a wide list, many wait); mentor → awareness class 120
    /// (classes are held a few times a year); class → application 60; application → personal history verified 60;
    /// → introduction 30; → opinions 15; → cell vote 30 (monthly meetings); cell resolution → decision 85 (the limit
    /// of 60 working days, about 85 calendar days); decision → ceremony 30. About 610 days, 20 months, pool to ceremony.
    /// </summary>
    public static IReadOnlyDictionary<AdmissionStage, int> DefaultStageDays { get; } = new Dictionary<AdmissionStage, int>
    {
        [AdmissionStage.SourcePool] = 180,
        [AdmissionStage.Mentored] = 120,
        [AdmissionStage.ClassPassed] = 60,
        [AdmissionStage.Applied] = 60,
        [AdmissionStage.HistoryVerified] = 30,
        [AdmissionStage.Introduced] = 15,
        [AdmissionStage.OpinionsCollected] = 30,
        [AdmissionStage.CellApproved] = 85,
        [AdmissionStage.Decided] = 30,
    };

    /// <summary>
    /// Default share of those leaving a stage who move on, the prior while history is short: most drop-outs happen
    /// early (the pool is a wide list, the class and the personal history filter), very few after the cell has voted.
    /// Product ≈ 0.55: about 1 in 2 people put in the pool are admitted. Assumptions to be replaced by the data.
    /// </summary>
    public static IReadOnlyDictionary<AdmissionStage, double> DefaultStageConversion { get; } = new Dictionary<AdmissionStage, double>
    {
        [AdmissionStage.SourcePool] = 0.75,
        [AdmissionStage.Mentored] = 0.90,
        [AdmissionStage.ClassPassed] = 0.90,
        [AdmissionStage.Applied] = 0.95,
        [AdmissionStage.HistoryVerified] = 0.95,
        [AdmissionStage.Introduced] = 0.98,
        [AdmissionStage.OpinionsCollected] = 0.98,
        [AdmissionStage.CellApproved] = 0.99,
        [AdmissionStage.Decided] = 0.99,
    };

    private const int MaxProbeRuns = 1000;
    private static readonly CultureInfo s_vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The forecast stage index of <paramref name="stage"/>; 9 for admitted (probation and after); −1 otherwise.</summary>
    internal static int RowOf(AdmissionStage stage) => stage switch
    {
        >= AdmissionStage.SourcePool and <= AdmissionStage.CellApproved => (int)stage - 1,
        AdmissionStage.SubCommitteeApproved => 7,
        AdmissionStage.Decided => 8,
        >= AdmissionStage.Probation and <= AdmissionStage.Removed => 9,
        _ => -1,
    };

    /// <summary>
    /// A share of runs as the page shows it, in whole percent: "100%" only when every run, "0%" only when no run
    /// reaches it; otherwise clamped to "&gt; 99%" and "&lt; 1%" (2,000 runs cannot tell 99.6% from certainty).
    /// </summary>
    public static string ShowProbability(int reached, int runs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(reached);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reached, runs);
        if (reached == runs)
        {
            return "100%";
        }

        if (reached == 0)
        {
            return "0%";
        }

        var percent = Math.Round(100.0 * reached / runs, MidpointRounding.AwayFromZero);
        return percent >= 100 ? "> 99%" : percent <= 0 ? "< 1%" : percent.ToString("0", s_vi) + "%";
    }

    public static ForecastResult Run(ForecastInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Cases);
        ArgumentNullException.ThrowIfNull(input.Term);
        var options = input.Options ?? new ForecastOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Runs, 1);

        var asOf = input.AsOf;
        var term = input.Term;
        var pipeline = Pipeline.Read(input.Cases, asOf, options);
        var admittedSoFar = input.AdmittedSoFarInTerm
            ?? input.Cases.Count(c => c.AdmittedOn is { } d && d >= term.Start && d <= asOf);
        var hazards = Hazards.Estimate(input.Cases, asOf, options);
        var engine = new Engine(hazards, options);

        var cells = pipeline.Cells;
        var firstYear = asOf.Year;
        var yearCount = Math.Max(0, term.End.Year - firstYear + 1);
        var runs = options.Runs;
        var total = new int[runs];
        var byYear = NewMatrix(yearCount, runs);
        var byCell = NewMatrix(cells.Length, runs);
        var byCellYear = new int[cells.Length][][];
        for (var c = 0; c < cells.Length; c++)
        {
            byCellYear[c] = NewMatrix(yearCount, runs);
        }

        var asOfDay = asOf.DayNumber;
        var endDay = term.End.DayNumber;
        var probeDays = new List<int>();
        for (var k = 0; asOf.AddMonths(k).DayNumber <= endDay; k++)
        {
            probeDays.Add(asOf.AddMonths(k).DayNumber);
        }

        // Probes of the pool's need in the first 1,000 runs at most: the shares are then within about ±1.6 points,
        // and the forecast itself does not wait for 43 months × all runs of them.
        var probeRuns = Math.Min(runs, MaxProbeRuns);
        var probeAdmitted = new int[probeDays.Count];
        var probeTimes = new List<int>(runs);
        var rng = new Random(options.Seed);

        for (var run = 0; run < runs; run++)
        {
            engine.Draw(rng);
            foreach (var o in pipeline.Open)
            {
                Count(engine.Simulate(o.Stage, asOfDay + 1, asOfDay + 1 - o.EnteredDay, endDay, rng), o.Cell, run);
            }

            foreach (var (cell, day) in pipeline.Arrivals(asOfDay, endDay, rng))
            {
                Count(engine.Simulate(0, day, 0, endDay, rng), cell, run);
            }

            for (var k = 0; run < probeRuns && k < probeDays.Count; k++)
            {
                var day = engine.Simulate(0, probeDays[k], 0, endDay, rng);
                if (day >= 0)
                {
                    probeAdmitted[k]++;
                    if (k == 0)
                    {
                        probeTimes.Add(day - asOfDay);
                    }
                }
            }
        }

        // Summaries.
        var reached = total.Count(n => admittedSoFar + n >= term.Target);
        var additional = Distribution.Of(total);
        var termTotal = new Distribution(additional.Mean + admittedSoFar, additional.P10 + admittedSoFar,
            additional.P50 + admittedSoFar, additional.P90 + admittedSoFar);
        var years = Years(firstYear, yearCount, asOf, term.End, byYear);
        var cellForecasts = cells.Select((id, c) => new CellForecast(id, pipeline.Open.Count(o => o.Cell == c),
            Distribution.Of(byCell[c]), Years(firstYear, yearCount, asOf, term.End, byCellYear[c]))).ToList();
        var need = Need(term.Target - termTotal.P50, asOf, probeDays, probeAdmitted, probeTimes, probeRuns);

        var probability = Math.Round((double)reached / runs, 4);
        var perYear = pipeline.Rates.Sum() * Stats.DaysPerYear;
        var result = new ForecastResult(asOf, term, options, pipeline.Open.Count, admittedSoFar, additional, termTotal, probability,
            reached, years, cellForecasts, need, hazards, Math.Round(perYear, 1), "");
        return result with { MethodDescription = Describe(result) };

        void Count(int day, int cell, int run)
        {
            if (day < 0 || day > endDay)
            {
                return;
            }

            total[run]++;
            byCell[cell][run]++;
            var y = DateOnly.FromDayNumber(day).Year - firstYear;
            byYear[y][run]++;
            byCellYear[cell][y][run]++;
        }
    }

    private static CandidateNeed Need(int gap, DateOnly asOf, List<int> probeDays, int[] probeAdmitted, List<int> probeTimes, int runs)
    {
        gap = Math.Max(0, gap);
        probeTimes.Sort();
        var now = probeAdmitted.Length == 0 ? 0 : (double)probeAdmitted[0] / runs;
        var median = probeTimes.Count > 0 ? (int)Math.Round(Stats.Median(probeTimes)) : 0;
        if (now <= 0)
        {
            return new CandidateNeed(gap, 0, median, gap == 0 ? 0 : null, asOf, TooLate: true, gap == 0 ? 0 : null);
        }

        // The last monthly date on which an entrant still counts for at least three quarters of one entering today:
        // up to it the number needed grows by a third at most, after it quickly (half as likely, twice as many…).
        var last = 0;
        for (var k = 0; k < probeDays.Count; k++)
        {
            if (probeAdmitted[k] * 4 >= probeAdmitted[0] * 3)
            {
                last = k;
            }
        }

        var then = (double)probeAdmitted[last] / runs;
        return new CandidateNeed(gap, Math.Round(now, 4), median, (int)Math.Ceiling((gap / then) - 1e-9),
            DateOnly.FromDayNumber(probeDays[last]), TooLate: false, (int)Math.Ceiling((gap / now) - 1e-9));
    }

    private static int[][] NewMatrix(int rows, int columns)
    {
        var m = new int[rows][];
        for (var i = 0; i < rows; i++)
        {
            m[i] = new int[columns];
        }

        return m;
    }

    private static List<YearForecast> Years(int firstYear, int yearCount, DateOnly asOf, DateOnly end, int[][] counts)
    {
        var list = new List<YearForecast>(yearCount);
        for (var y = 0; y < yearCount; y++)
        {
            var year = firstYear + y;
            var from = y == 0 ? asOf : new DateOnly(year, 1, 1);
            var to = year == end.Year ? end : new DateOnly(year, 12, 31);
            list.Add(new YearForecast(year, from, to, Distribution.Of(counts[y])));
        }

        return list;
    }

    /// <summary>Percent of a monthly chance, one decimal below 10% (the page's tables).</summary>
    public static string ShowMonthlyPercent(double p) =>
        (p * 100 < 9.95 ? (p * 100).ToString("0.0", s_vi) : (p * 100).ToString("0", s_vi)) + "%";

    private static string Describe(ForecastResult r)
    {
        string D(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        string N(double n) => n.ToString("N0", s_vi);
        var o = r.Options;
        var t = r.Term;
        var pool = r.Hazards[0].Bands;
        var sb = new StringBuilder();
        sb.AppendLine($"Đảng viên mới được tính vào ngày tổ chức lễ kết nạp. Nhiệm kỳ tính từ {D(t.Start)} đến {D(t.End)}, chỉ tiêu {N(t.Target)} đảng viên; đến {D(r.AsOf)} đã kết nạp {N(r.AdmittedSoFar)}.");
        sb.AppendLine($"Dự báo xuất phát từ {N(r.OpenCases)} hồ sơ đang trong quy trình"
            + (o.IncludeNewCandidates ? $" và những người sẽ được đưa vào nguồn theo nhịp độ {o.InflowWindowMonths} tháng qua (khoảng {N(Math.Round(r.NewCandidatesPerYear))} người một năm)." : "; chưa tính người sẽ được đưa thêm vào nguồn."));
        sb.AppendLine("Với từng bước, phần mềm đếm từ các hồ sơ đã ghi nhận: mỗi tháng chờ ở bước đó có bao nhiêu người đi tiếp, bao nhiêu người dừng (xin rút, bị đưa ra khỏi danh sách). Người còn đang chờ cũng được tính là những tháng chờ mà chưa đi tiếp — không bị coi như đã đi tiếp. Tỷ lệ được tính riêng theo thời gian đã chờ (dưới 3 tháng, 3–6, 6–12, 12–24, trên 24 tháng), vì người đã chờ lâu thường ít khả năng đi tiếp hơn.");
        sb.AppendLine($"Ví dụ ở bước đầu (trong nguồn, chờ phân công người giúp đỡ): người mới vào nguồn mỗi tháng có khoảng {ShowMonthlyPercent(pool[0].AdvanceWithinMonth)} khả năng được phân công, người đã chờ trên 24 tháng còn khoảng {ShowMonthlyPercent(pool[^1].AdvanceWithinMonth)}.");
        sb.AppendLine($"Khi số liệu còn ít, tỷ lệ được kéo về giá trị mặc định (như thêm {N(o.PriorStays)} trường hợp giả định với thời gian mặc định ở bảng dưới); càng nhiều số liệu thật thì mặc định càng ít ảnh hưởng.");
        sb.AppendLine($"Mô phỏng {N(o.Runs)} lần; mỗi lần, từng hồ sơ được cho đi qua từng tháng đến hết nhiệm kỳ theo các tỷ lệ đó (mỗi lần tỷ lệ cũng được lấy ngẫu nhiên trong mức sai số của nó). \"Khoảng\" là từ mức 10% đến mức 90% của các lần mô phỏng: khoảng 8 trong 10 khả năng kết quả thật nằm trong đó nếu mọi việc diễn ra như thời gian qua. Cả nhiệm kỳ: {N(r.TermTotal.P10)}–{N(r.TermTotal.P90)}, giữa khoảng {N(r.TermTotal.P50)}; khả năng đạt chỉ tiêu {r.ProbabilityText}.");
        var need = r.Need;
        if (need.Gap == 0)
        {
            sb.AppendLine("Theo mức giữa của dự báo, nguồn hiện có và nhịp đưa người vào nguồn như hiện nay đủ để đạt chỉ tiêu.");
        }
        else if (need.ExtraCandidates is { } extra)
        {
            sb.AppendLine($"Theo mức giữa của dự báo còn thiếu {N(need.Gap)} đảng viên. Người được đưa thêm vào nguồn ngay bây giờ có khoảng {N(Math.Round(need.ConversionFromPool * 100))}% khả năng được kết nạp trước khi hết nhiệm kỳ; người vào sau ngày {D(need.NeededBy)} chỉ còn dưới ba phần tư khả năng đó. Vì vậy cần đưa thêm khoảng {N(extra)} người vào nguồn (ngoài nhịp thường lệ), chậm nhất trước ngày {D(need.NeededBy)}"
                + (need.ExtraIfNow is { } nowCount && nowCount < extra ? $" — hoặc khoảng {N(nowCount)} người nếu đưa vào ngay." : "."));
        }
        else
        {
            sb.AppendLine($"Theo mức giữa của dự báo còn thiếu {N(need.Gap)} đảng viên, nhưng theo số liệu hiện có người vào nguồn từ nay không kịp được kết nạp trước khi hết nhiệm kỳ: cần đẩy nhanh các hồ sơ đang có.");
        }

        sb.Append("Lưu ý: dự báo giả định nhịp độ thời gian qua tiếp diễn; tỷ lệ tính từ các hồ sơ của tổ chức đang xem (cả xã, đảng bộ bộ phận hoặc chi bộ); không tính thay đổi về quy định, nhân sự hay lịch mở lớp. Phần \"Kiểm tra với thực tế\" cho biết dự báo lập 12 tháng trước có đúng không.");
        return sb.ToString();
    }
}

/// <summary>The forecast as it would have been made some months ago, against what happened since.</summary>
public static class ForecastBacktest
{
    /// <summary>
    /// Fits the same model on the cases as they stood on <c>asOf − months</c> (only steps dated on or before it; each
    /// case's cell is its cell now) and simulates the months to <paramref name="asOf"/>; the actual count is the
    /// ceremonies recorded in (cut-off, asOf] — of every case when the model simulates new entrants, else only of
    /// the cases open on the cut-off. Admissions typed in the register without a case are not in the cases and not
    /// counted on either side.
    /// </summary>
    public static BacktestResult Run(IReadOnlyList<CaseHistory> cases, DateOnly asOf, int months = 12, ForecastOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        options ??= new ForecastOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Runs, 1);
        var from = asOf.AddMonths(-months);
        var pipeline = Pipeline.Read(cases, from, options);
        var engine = new Engine(Hazards.Estimate(cases, from, options), options);
        var fromDay = from.DayNumber;
        var toDay = asOf.DayNumber;
        var counts = new int[options.Runs];
        var rng = new Random(options.Seed);
        for (var run = 0; run < options.Runs; run++)
        {
            engine.Draw(rng);
            var n = 0;
            foreach (var o in pipeline.Open)
            {
                n += engine.Simulate(o.Stage, fromDay + 1, fromDay + 1 - o.EnteredDay, toDay, rng) >= 0 ? 1 : 0;
            }

            foreach (var (_, day) in pipeline.Arrivals(fromDay, toDay, rng))
            {
                n += engine.Simulate(0, day, 0, toDay, rng) >= 0 ? 1 : 0;
            }

            counts[run] = n;
        }

        var openIds = pipeline.Open.Select(o => o.CandidateId).ToHashSet();
        var admitted = cases.Where(c => c.AdmittedOn is { } d && d > from && d <= asOf).ToList();
        var fromOpen = admitted.Count(c => openIds.Contains(c.CandidateId));
        return new BacktestResult(from, asOf, pipeline.Open.Count, Distribution.Of(counts),
            options.IncludeNewCandidates ? admitted.Count : fromOpen, fromOpen);
    }
}

/// <summary>The open cases on a date, the cells, and each cell's rate of new entrants to the pool.</summary>
internal sealed class Pipeline
{
    private Pipeline(List<(int CandidateId, int Stage, int EnteredDay, int Cell)> open, int[] cells, double[] rates)
    {
        Open = open;
        Cells = cells;
        Rates = rates;
    }

    /// <summary>Open cases by candidate id; Cell is an index into <see cref="Cells"/>.</summary>
    public List<(int CandidateId, int Stage, int EnteredDay, int Cell)> Open { get; }

    public int[] Cells { get; }

    /// <summary>New pool entrants per day, per cell (zeros when new entrants are not simulated).</summary>
    public double[] Rates { get; }

    public static Pipeline Read(IEnumerable<CaseHistory> cases, DateOnly asOf, ForecastOptions options)
    {
        var open = new List<(int CandidateId, int Stage, int EnteredDay, int CellId)>();
        var inflowFrom = asOf.AddMonths(-options.InflowWindowMonths).AddDays(1);
        var inflow = new Dictionary<int, int>();
        var cellIds = new SortedSet<int>();
        foreach (var c in cases)
        {
            cellIds.Add(c.CellId);
            foreach (var stay in Stays.Of(c, Forecast.RowOf, asOf))
            {
                if (stay.Row == 0 && stay.Entered >= inflowFrom)
                {
                    inflow[c.CellId] = inflow.GetValueOrDefault(c.CellId) + 1;
                }

                if (stay.Row < Forecast.Stages.Count && stay.End == StayEnd.Open)
                {
                    open.Add((c.CandidateId, stay.Row, stay.Entered.DayNumber, c.CellId));
                }
            }
        }

        open.Sort((a, b) => a.CandidateId != b.CandidateId ? a.CandidateId.CompareTo(b.CandidateId) : a.Stage.CompareTo(b.Stage));
        var cells = cellIds.ToArray();
        var index = new Dictionary<int, int>();
        for (var i = 0; i < cells.Length; i++)
        {
            index[cells[i]] = i;
        }

        var windowDays = (double)(asOf.DayNumber - inflowFrom.DayNumber + 1);
        var rates = cells.Select(id => options.IncludeNewCandidates ? inflow.GetValueOrDefault(id) / windowDays : 0).ToArray();
        return new Pipeline([.. open.Select(o => (o.CandidateId, o.Stage, o.EnteredDay, index[o.CellId]))], cells, rates);
    }

    /// <summary>Random entrants (cell index, day) after <paramref name="fromDay"/> up to <paramref name="toDay"/>, cell by cell.</summary>
    public IEnumerable<(int Cell, int Day)> Arrivals(int fromDay, int toDay, Random rng)
    {
        for (var c = 0; c < Cells.Length; c++)
        {
            if (Rates[c] <= 0)
            {
                continue;
            }

            var t = (double)fromDay;
            while (true)
            {
                t += -Math.Log(1 - rng.NextDouble()) / Rates[c];
                if (t > toDay)
                {
                    break;
                }

                yield return (c, (int)t);
            }
        }
    }
}

/// <summary>Simulates stays with piecewise-constant competing hazards; one set of rates per run.</summary>
internal sealed class Engine
{
    // Flat arrays indexed stage × bands + band: the inner loop runs some millions of times a forecast.
    private readonly int[] _bandStart;
    private readonly int _bands;
    private readonly int _stages;
    private readonly double[] _advanceShape;
    private readonly double[] _leaveShape;
    private readonly double[] _months;
    private readonly double[] _advance;
    private readonly double[] _leave;
    private readonly double[] _total;
    private readonly ForecastOptions _options;

    public Engine(IReadOnlyList<StageHazards> hazards, ForecastOptions options)
    {
        _options = options;
        _bandStart = Hazards.BandStartDays(options);
        _stages = hazards.Count;
        _bands = _bandStart.Length;
        var n = _stages * _bands;
        _advanceShape = new double[n];
        _leaveShape = new double[n];
        _months = new double[n];
        _advance = new double[n];
        _leave = new double[n];
        _total = new double[n];
        for (var s = 0; s < _stages; s++)
        {
            for (var b = 0; b < _bands; b++)
            {
                var i = (s * _bands) + b;
                var h = hazards[s].Bands[b];
                var months = h.ExposureMonths + h.PriorMonths;
                _months[i] = months;
                _advanceShape[i] = h.AdvanceRate * months;
                _leaveShape[i] = h.LeaveRate * months;
                _advance[i] = h.AdvanceRate * options.AdvanceRateFactor / Hazards.DaysPerMonth;
                _leave[i] = h.LeaveRate / Hazards.DaysPerMonth;
                _total[i] = _advance[i] + _leave[i];
            }
        }
    }

    /// <summary>This run's rates: drawn from the gamma posterior, or the point estimates.</summary>
    public void Draw(Random rng)
    {
        if (!_options.ParameterUncertainty)
        {
            return;
        }

        for (var i = 0; i < _months.Length; i++)
        {
            var months = _months[i];
            if (months > 0)
            {
                _advance[i] = Gamma(rng, _advanceShape[i]) / months * _options.AdvanceRateFactor / Hazards.DaysPerMonth;
                _leave[i] = Gamma(rng, _leaveShape[i]) / months / Hazards.DaysPerMonth;
                _total[i] = _advance[i] + _leave[i];
            }
        }
    }

    /// <summary>
    /// From stage <paramref name="stage"/>, having waited <paramref name="waited"/> days there at the start of day
    /// <paramref name="fromDay"/> (an open case: the day after the forecast date, whose steps are recorded), to the
    /// ceremony day; −1 when the case leaves or the ceremony would come after <paramref name="endDay"/>.
    /// </summary>
    public int Simulate(int stage, int fromDay, double waited, int endDay, Random rng)
    {
        var day = (double)fromDay;
        var limit = endDay + 1.0;
        var duration = waited;
        var s = stage;
        var b = Hazards.BandOf(_bandStart, duration);
        var lastBand = _bands - 1;
        while (true)
        {
            var i = (s * _bands) + b;
            var total = _total[i];
            var bandEnd = b < lastBand ? _bandStart[b + 1] : double.PositiveInfinity;
            var wait = total > 0 ? -Math.Log(1 - rng.NextDouble()) / total : double.PositiveInfinity;
            if (duration + wait < bandEnd)
            {
                day += wait;
                if (day >= limit || rng.NextDouble() * total >= _advance[i])
                {
                    return -1;
                }

                if (++s == _stages)
                {
                    return (int)Math.Floor(day);
                }

                duration = 0;
                b = 0;
                continue;
            }

            if (b == lastBand)
            {
                return -1;
            }

            day += bandEnd - duration;
            duration = bandEnd;
            b++;
            if (day >= limit)
            {
                return -1;
            }
        }
    }

    // Marsaglia and Tsang (2000); shape < 1 by the boost Gamma(a) = Gamma(a + 1)·U^(1/a). Rate 1.
    private static double Gamma(Random rng, double shape)
    {
        if (shape <= 0)
        {
            return 0;
        }

        if (shape < 1)
        {
            return Gamma(rng, shape + 1) * Math.Pow(1 - rng.NextDouble(), 1 / shape);
        }

        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                var u1 = 1 - rng.NextDouble();
                var u2 = rng.NextDouble();
                x = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                v = 1 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1 - rng.NextDouble();
            if (Math.Log(u) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v;
            }
        }
    }
}
