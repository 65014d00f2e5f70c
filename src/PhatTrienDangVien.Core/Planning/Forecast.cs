using System.Globalization;
using System.Text;
using PhatTrienDangVien.Core.Admission;

namespace PhatTrienDangVien.Core.Planning;

/// <summary>
/// Monte Carlo forecast of admissions to the end of the term, per year and per cell, from the cases in the
/// pipeline, with the conversion and stage durations observed in the recorded history (defaults while it is short).
/// </summary>
/// <remarks>
/// <para><b>Stages.</b> The nine stages before the ceremony (<see cref="Stages"/>); the cell-approved and
/// sub-committee-approved stages are one stage here ("from the cell's resolution to the decision"), so cells with and
/// without a sub-committee share one duration. Leaving <see cref="AdmissionStage.Decided"/> forward is the ceremony,
/// i.e. the admission (see <see cref="CaseHistory"/>).</para>
/// <para><b>Observed parameters</b>, from every case's stays up to <see cref="ForecastInput.AsOf"/>: the conversion of a
/// stage is moved on / (moved on + withdrew) among the stays that ended (cases still waiting are not counted for or
/// against); its durations are the days of the stays that moved on. A stage with fewer than
/// <see cref="ForecastOptions.MinObservations"/> of either uses the default for that one.</para>
/// <para><b>One run</b>, for each open case: the remaining time in its current stage is drawn from the durations
/// longer than the days it has already waited (empirical resampling, conditional on the wait); a case that has
/// waited longer than every observed duration restarts the stage today. Then it moves on with the stage's
/// conversion probability or drops out; the following stages draw a full duration each. A ceremony on or before
/// the term end counts for its calendar year and its cell. Optionally new people enter each cell's pool as random
/// arrivals at the cell's rate of the last months.</para>
/// <para><b>Results.</b> Mean and 10th/50th/90th percentiles (nearest rank) over the runs; probability of reaching the
/// target; and the pool's need: Gap = target − admitted − median forecast, ExtraCandidates = ceil(Gap / p) with p the
/// simulated share of new pool entrants who are ever admitted, needed by term end − their median time to the
/// ceremony. One seeded <see cref="Random"/> drives everything, in a fixed order (open cases by candidate id), so
/// the result is deterministic. Cost: runs × open cases × stages draws (2,000 × 200 × 9 ≈ 4 million), tens of ms.</para>
/// <para><b>Limits.</b> Durations observed only from stays that ended are biased short while long stays are still
/// open; the past pace is assumed to go on; parameters are commune-wide, not per cell; a case's cell is its cell now.</para>
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
    /// Default calendar days waiting in each stage for the step that ends it, used while history is short:
    /// pool → mentor 30; mentor → awareness class 90 (classes are held a few times a year); class → application 30;
    /// application → personal history verified 60; → introduction 30; → opinions 15; → cell vote 30 (monthly
    /// meetings); cell resolution → decision 85 (the limit of 60 working days, about 85 calendar days); decision →
    /// ceremony 30. About 400 days, 13 months, from pool to ceremony.
    /// </summary>
    public static IReadOnlyDictionary<AdmissionStage, int> DefaultStageDays { get; } = new Dictionary<AdmissionStage, int>
    {
        [AdmissionStage.SourcePool] = 30,
        [AdmissionStage.Mentored] = 90,
        [AdmissionStage.ClassPassed] = 30,
        [AdmissionStage.Applied] = 60,
        [AdmissionStage.HistoryVerified] = 30,
        [AdmissionStage.Introduced] = 15,
        [AdmissionStage.OpinionsCollected] = 30,
        [AdmissionStage.CellApproved] = 85,
        [AdmissionStage.Decided] = 30,
    };

    /// <summary>
    /// Default share of those leaving a stage who move on, used while history is short: most drop-outs happen early
    /// (the pool is a wide list, the class and the personal history filter), very few after the cell has voted.
    /// Product ≈ 0.61: about 6 in 10 people put in the pool are admitted. Assumptions to be replaced by the data.
    /// </summary>
    public static IReadOnlyDictionary<AdmissionStage, double> DefaultStageConversion { get; } = new Dictionary<AdmissionStage, double>
    {
        [AdmissionStage.SourcePool] = 0.85,
        [AdmissionStage.Mentored] = 0.90,
        [AdmissionStage.ClassPassed] = 0.90,
        [AdmissionStage.Applied] = 0.95,
        [AdmissionStage.HistoryVerified] = 0.95,
        [AdmissionStage.Introduced] = 0.98,
        [AdmissionStage.OpinionsCollected] = 0.98,
        [AdmissionStage.CellApproved] = 0.99,
        [AdmissionStage.Decided] = 0.99,
    };

    private const int DefaultPoints = 21;
    private const int NewStay = -1;
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

    public static ForecastResult Run(ForecastInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Cases);
        ArgumentNullException.ThrowIfNull(input.Term);
        var options = input.Options ?? new ForecastOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Runs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.DefaultSpread);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.DefaultSpread, 1);

        var asOf = input.AsOf;
        var term = input.Term;
        var stageCount = Stages.Count;

        // 1. Read the history and the pipeline.
        var durations = new List<int>[stageCount];
        int[] advanced = new int[stageCount], dropped = new int[stageCount];
        for (var s = 0; s < stageCount; s++)
        {
            durations[s] = [];
        }

        var open = new List<(int CandidateId, int Stage, int EnteredDay, int CellId)>();
        var inflowFrom = asOf.AddMonths(-options.InflowWindowMonths).AddDays(1);
        var inflow = new Dictionary<int, int>();
        var cellIds = new SortedSet<int>();
        var admittedSoFar = 0;
        foreach (var c in input.Cases)
        {
            cellIds.Add(c.CellId);
            if (c.AdmittedOn is { } admitted && admitted >= term.Start && admitted <= asOf)
            {
                admittedSoFar++;
            }

            foreach (var stay in Stays.Of(c, RowOf, asOf))
            {
                if (stay.Row == 0 && stay.Entered >= inflowFrom)
                {
                    inflow[c.CellId] = inflow.GetValueOrDefault(c.CellId) + 1;
                }

                if (stay.Row >= stageCount)
                {
                    continue;
                }

                switch (stay.End)
                {
                    case StayEnd.Open:
                        open.Add((c.CandidateId, stay.Row, stay.Entered.DayNumber, c.CellId));
                        break;
                    case StayEnd.Advanced:
                        advanced[stay.Row]++;
                        durations[stay.Row].Add(stay.Days(asOf));
                        break;
                    default:
                        dropped[stay.Row]++;
                        break;
                }
            }
        }

        admittedSoFar = input.AdmittedSoFarInTerm ?? admittedSoFar;
        open.Sort((a, b) => a.CandidateId != b.CandidateId ? a.CandidateId.CompareTo(b.CandidateId) : a.Stage.CompareTo(b.Stage));

        // 2. The parameters of each stage.
        var model = new int[stageCount][];
        var conversion = new double[stageCount];
        var assumptions = new StageAssumption[stageCount];
        for (var s = 0; s < stageCount; s++)
        {
            var stage = Stages[s];
            var exits = advanced[s] + dropped[s];
            var conversionDefault = exits < options.MinObservations;
            conversion[s] = conversionDefault ? options.DefaultConversion[stage] : (double)advanced[s] / exits;

            durations[s].Sort();
            var durationDefault = durations[s].Count < options.MinObservations;
            model[s] = durationDefault ? DefaultDurations(options.DefaultDays[stage], options.DefaultSpread) : [.. durations[s]];

            assumptions[s] = new StageAssumption(stage, StepNames.Of(stage), Math.Round(conversion[s], 4), exits, conversionDefault,
                Stats.Median(model[s]), durations[s].Count, durationDefault);
        }

        // 3. Simulate.
        var cells = cellIds.ToArray();
        var cellIndex = new Dictionary<int, int>();
        for (var i = 0; i < cells.Length; i++)
        {
            cellIndex[cells[i]] = i;
        }

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

        var rates = cells.Select(id => inflow.GetValueOrDefault(id) / (double)(asOf.DayNumber - inflowFrom.DayNumber + 1)).ToArray();
        var asOfDay = asOf.DayNumber;
        var endDay = term.End.DayNumber;
        var rng = new Random(options.Seed);

        for (var run = 0; run < runs; run++)
        {
            foreach (var (_, stage, entered, cellId) in open)
            {
                Count(Simulate(model, conversion, stage, entered, asOfDay - entered, endDay, rng), cellIndex[cellId], run);
            }

            if (!options.IncludeNewCandidates)
            {
                continue;
            }

            for (var c = 0; c < cells.Length; c++)
            {
                if (rates[c] <= 0)
                {
                    continue;
                }

                var t = (double)asOfDay;
                while (true)
                {
                    t += -Math.Log(1 - rng.NextDouble()) / rates[c];
                    if (t > endDay)
                    {
                        break;
                    }

                    var day = (int)t;
                    Count(Simulate(model, conversion, 0, day, NewStay, endDay, rng), c, run);
                }
            }
        }

        // 4. People entering the pool today: share admitted and time to the ceremony.
        var probeTimes = new List<int>(runs);
        for (var i = 0; i < runs; i++)
        {
            var day = Simulate(model, conversion, 0, asOfDay, NewStay, int.MaxValue, rng);
            if (day >= 0)
            {
                probeTimes.Add(day - asOfDay);
            }
        }

        probeTimes.Sort();
        var poolConversion = (double)probeTimes.Count / runs;
        var pipelineDays = probeTimes.Count > 0 ? (int)Math.Round(Stats.Median(probeTimes)) : 0;

        // 5. Summaries.
        var reached = total.Count(n => admittedSoFar + n >= term.Target);
        var additional = Distribution.Of(total);
        var termTotal = new Distribution(additional.Mean + admittedSoFar, additional.P10 + admittedSoFar,
            additional.P50 + admittedSoFar, additional.P90 + admittedSoFar);
        var years = Years(firstYear, yearCount, asOf, term.End, byYear);
        var cellForecasts = cells.Select((id, c) => new CellForecast(id, open.Count(o => o.CellId == id),
            Distribution.Of(byCell[c]), Years(firstYear, yearCount, asOf, term.End, byCellYear[c]))).ToList();

        var gap = Math.Max(0, term.Target - termTotal.P50);
        int? extra = gap == 0 ? 0 : probeTimes.Count == 0 ? null : (int)Math.Ceiling((gap / poolConversion) - 1e-9);
        var neededBy = term.End.AddDays(-pipelineDays);
        var need = new CandidateNeed(gap, Math.Round(poolConversion, 4), pipelineDays, extra, neededBy, gap > 0 && neededBy < asOf);

        var probability = Math.Round((double)reached / runs, 4);
        var text = Describe(input, options, open.Count, admittedSoFar, termTotal, probability, need, assumptions);
        return new ForecastResult(asOf, term, options, open.Count, admittedSoFar, additional, termTotal, probability,
            years, cellForecasts, need, assumptions, text);

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

    /// <summary>
    /// One case from <paramref name="stage"/>, entered on <paramref name="enteredDay"/>, to its ceremony day, or −1
    /// when it drops out or the next step would come after <paramref name="endDay"/>. A case in the pipeline has
    /// waited <paramref name="waited"/> days and is still there at the end of the forecast date (its steps of that
    /// day are recorded), so its duration is drawn among those longer than the wait; a new stay passes
    /// <see cref="NewStay"/> and draws from all of them.
    /// </summary>
    private static int Simulate(int[][] model, double[] conversion, int stage, int enteredDay, int waited, int endDay, Random rng)
    {
        var day = enteredDay;
        for (var s = stage; s < model.Length; s++)
        {
            var values = model[s];
            int exit;
            if (s == stage)
            {
                var from = UpperBound(values, waited);
                exit = from < values.Length
                    ? enteredDay + values[from + rng.Next(values.Length - from)]
                    : enteredDay + waited + values[rng.Next(values.Length)];
            }
            else
            {
                exit = day + values[rng.Next(values.Length)];
            }

            if (exit > endDay || rng.NextDouble() >= conversion[s])
            {
                return -1;
            }

            day = exit;
        }

        return day;
    }

    // First index whose value is greater than value.
    private static int UpperBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    // Evenly spaced pseudo-observations from (1 − spread) to (1 + spread) times the default.
    private static int[] DefaultDurations(int days, double spread)
    {
        var values = new int[DefaultPoints];
        for (var i = 0; i < DefaultPoints; i++)
        {
            var factor = 1 - spread + (2 * spread * i / (DefaultPoints - 1));
            values[i] = (int)Math.Round(days * factor, MidpointRounding.AwayFromZero);
        }

        return values;
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

    private static string Describe(ForecastInput input, ForecastOptions o, int openCases, int admittedSoFar,
        Distribution termTotal, double probability, CandidateNeed need, StageAssumption[] assumptions)
    {
        string D(DateOnly d) => d.ToString("dd/MM/yyyy", s_vi);
        string P(double p) => (p * 100).ToString("0", s_vi) + "%";
        var t = input.Term;
        var sb = new StringBuilder();
        sb.AppendLine("Cách tính dự báo (mô phỏng nhiều khả năng có thể xảy ra)");
        sb.AppendLine($"1. Đảng viên mới được tính vào ngày tổ chức lễ kết nạp (ngày bắt đầu thời kỳ dự bị). Nhiệm kỳ tính từ {D(t.Start)} đến {D(t.End)}, chỉ tiêu {t.Target} đảng viên; đến {D(input.AsOf)} đã kết nạp {admittedSoFar}.");
        sb.AppendLine($"2. Dự báo xuất phát từ {openCases} hồ sơ đang trong quy trình: mỗi hồ sơ đang ở một bước và đã chờ ở bước đó một số ngày.");
        sb.AppendLine($"3. Từ các hồ sơ đã ghi nhận, phần mềm tính cho từng bước: tỷ lệ đi tiếp (số người đã chuyển sang bước sau chia cho số người đã rời bước đó, gồm cả người dừng xem xét) và thời gian ở bước đó của những người đã đi tiếp. Bước nào có dưới {o.MinObservations} trường hợp thì dùng giá trị mặc định ghi ở bảng dưới, vì số liệu còn ít.");
        sb.AppendLine("4. Mỗi lần mô phỏng, với từng hồ sơ: chọn ngẫu nhiên thời gian ở bước hiện tại trong số các thời gian đã thấy mà dài hơn số ngày hồ sơ đã chờ tính đến hôm nay (hồ sơ đã chờ lâu hơn mọi trường hợp trước thì coi như bắt đầu lại bước đó từ hôm nay); rồi bốc thăm theo tỷ lệ đi tiếp để xem hồ sơ đi tiếp hay dừng; cứ thế qua từng bước đến lễ kết nạp. Lễ kết nạp rơi vào trước khi hết nhiệm kỳ thì được tính cho năm đó và chi bộ đó.");
        sb.AppendLine(o.IncludeNewCandidates
            ? $"5. Có tính thêm quần chúng ưu tú mới được đưa vào danh sách từ nay, ở mỗi chi bộ theo nhịp độ {o.InflowWindowMonths} tháng qua."
            : "5. Chưa tính quần chúng ưu tú sẽ được đưa vào danh sách từ nay: con số dự báo chỉ gồm những người đang có trong danh sách và quy trình.");
        sb.AppendLine($"6. Lặp lại {o.Runs} lần rồi tổng hợp. \"Khoảng\" là từ mức 10% đến mức 90% của các lần mô phỏng: nếu mọi việc diễn ra như thời gian qua, khoảng 8 trong 10 khả năng kết quả thật nằm trong khoảng này. Cả nhiệm kỳ: khoảng {termTotal.P10}–{termTotal.P90}, giữa khoảng {termTotal.P50}; khả năng đạt chỉ tiêu {P(probability)} (số lần mô phỏng đạt chỉ tiêu trên tổng số lần). Cùng số liệu luôn cho cùng kết quả (mã ngẫu nhiên {o.Seed}).");
        if (need.Gap == 0)
        {
            sb.AppendLine("7. Theo mức giữa của dự báo, số người đang có trong quy trình đủ để đạt chỉ tiêu: chưa cần bổ sung thêm quần chúng ưu tú để đạt chỉ tiêu (vẫn nên duy trì nguồn cho nhiệm kỳ sau).");
        }
        else if (need.ExtraCandidates is { } extra)
        {
            sb.AppendLine($"7. Theo mức giữa của dự báo còn thiếu {need.Gap} đảng viên. Cứ 100 người mới vào danh sách quần chúng ưu tú thì khoảng {Math.Round(need.ConversionFromPool * 100)} người được kết nạp, và từ khi vào danh sách đến lễ kết nạp mất khoảng {need.MedianPipelineDays} ngày. Vì vậy cần đưa thêm khoảng {extra} người vào danh sách, chậm nhất trước ngày {D(need.NeededBy)}."
                + (need.TooLate ? " Mốc này đã qua: người vào danh sách từ nay nhiều khả năng chỉ được kết nạp sau khi hết nhiệm kỳ, cần đẩy nhanh các hồ sơ đang có." : ""));
        }
        else
        {
            sb.AppendLine($"7. Theo mức giữa của dự báo còn thiếu {need.Gap} đảng viên, nhưng theo số liệu hiện có không người mới nào đi hết quy trình: cần xem lại các bước đang tắc.");
        }

        sb.AppendLine("Giả định cho từng bước (tỷ lệ đi tiếp; thời gian ở bước, tính bằng ngày theo lịch, mức giữa):");
        foreach (var a in assumptions)
        {
            var days = o.DefaultDays[a.Stage];
            var stageName = a.Stage == AdmissionStage.CellApproved ? "Chi bộ đã đề nghị kết nạp, chờ quyết định" : a.Name;
            sb.AppendLine($"- {stageName}: đi tiếp {P(a.Conversion)} "
                + (a.ConversionIsDefault ? $"(mặc định, mới có {a.ConversionObservations} trường hợp)" : $"(từ {a.ConversionObservations} trường hợp)")
                + $"; {a.MedianDays.ToString("0", s_vi)} ngày "
                + (a.DurationIsDefault
                    ? $"(mặc định: {days} ngày, dao động {Math.Round(days * (1 - o.DefaultSpread))}–{Math.Round(days * (1 + o.DefaultSpread))})"
                    : $"(từ {a.DurationObservations} trường hợp)"));
        }

        sb.Append("Lưu ý: dự báo giả định nhịp độ thời gian qua tiếp diễn; thời gian chỉ lấy từ những hồ sơ đã xong bước nên có thể ngắn hơn thực tế khi còn nhiều hồ sơ chờ lâu; không tính thay đổi về quy định, nhân sự hay lịch mở lớp.");
        return sb.ToString();
    }
}
