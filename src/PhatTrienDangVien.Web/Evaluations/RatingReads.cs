using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Evaluations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Evaluations;

/// <summary>
/// What the rating pages, the API and the summary read: each cell of the year with its development results (now, and
/// as stored when rated) and its rating; each member on the roll that year with theirs. One reader for the page, the
/// API and the summary by level, so a count and its list agree.
/// </summary>
public sealed class RatingReads(AppDbContext db, CellDevelopment development, FigureCache figures)
{
    /// <summary>How many at each level, and how many not yet rated.</summary>
    public readonly record struct Summarised(IReadOnlyList<(RatingLevel Level, int Count)> ByLevel, int NotRated)
    {
        public int Of(RatingLevel level) => ByLevel.FirstOrDefault(x => x.Level == level).Count;
    }

    public sealed record CellRow(int CellId, string Cell, CellDevelopment.Row? Development, IReadOnlyList<CriterionScore> Criteria, decimal Points, QualityRatingRecord? Rating);

    public sealed record MemberRow(int MemberId, string FullName, string NameSortKey, int CellId, string Cell, MemberStatus Status, QualityRatingRecord? Rating);

    /// <summary>
    /// Members' ratings, whichever cell each was saved in: a member who moved keeps the year's record, and the new cell
    /// (which now sees the member) sees and continues it. Every caller first reads the member through the filters.
    /// </summary>
    public static IQueryable<QualityRatingRecord> OfMembers(AppDbContext db) =>
        // Bypass reviewed: a visible member's own rating of the year, saved when they sat in another cell.
        db.QualityRatings.WholeCommune().Where(r => r.MemberId != null);

    public async Task<RatingSettings> SettingsAsync(CancellationToken ct) =>
        await db.RatingSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new RatingSettings();

    /// <summary>
    /// The day a year's development figures are taken for its rating: today while the year runs, its last day once it
    /// has ended (a 2025 rating opened in 2026 shows 2025's figures, not today's).
    /// </summary>
    public static DateOnly FiguresDay(int year, DateOnly today) => today.Year > year ? new DateOnly(year, 12, 31) : today;

    public async Task<List<CellRow>> CellsAsync(IReadOnlyCollection<int> cellIds, int year, DateOnly today, CancellationToken ct) =>
        await CellsAsync(cellIds, year, today, await SettingsAsync(ct), ct);

    /// <summary>The same, with the commune's settings the caller has already read (the ratings page shows them too).</summary>
    public async Task<List<CellRow>> CellsAsync(IReadOnlyCollection<int> cellIds, int year, DateOnly today, RatingSettings settings, CancellationToken ct) =>
        Scored(await ReadCellsAsync(cellIds, year, today, ct), settings);

    /// <summary>
    /// The same, the cells' development figures and ratings kept with the figures under the data version, for a caller
    /// whose cells were read through the filters (the ratings page), of this year or the last (the years being rated):
    /// a cell id or a year from the address would be an entry each, so other years are read each time. The scores are
    /// worked out at each view from the settings given.
    /// </summary>
    public async Task<List<CellRow>> KeptCellsAsync(IReadOnlyCollection<int> cellIds, int year, DateOnly today, RatingSettings settings, CancellationToken ct) =>
        Scored(FigureCache.KeepsYear(year, today)
            ? await figures.GetAsync(db, "rating-cells", FigureCache.YearAndCells(year, cellIds), () => ReadCellsAsync(cellIds, year, today, ct), ct)
            : await ReadCellsAsync(cellIds, year, today, ct), settings);

    private async Task<(IReadOnlyList<CellDevelopment.Row> Rows, IReadOnlyDictionary<int, QualityRatingRecord> Ratings)> ReadCellsAsync(
        IReadOnlyCollection<int> cellIds, int year, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cellIds);
        return (await development.ForYearAsync(cellIds, year, FiguresDay(year, today), ct),
            await db.QualityRatings.AsNoTracking().Where(r => r.Year == year && r.MemberId == null && cellIds.Contains(r.CellId)).ToDictionaryAsync(r => r.CellId, ct));
    }

    private static List<CellRow> Scored((IReadOnlyList<CellDevelopment.Row> Rows, IReadOnlyDictionary<int, QualityRatingRecord> Ratings) read, RatingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [.. read.Rows.Select(r =>
        {
            var criteria = DevelopmentScore.Compute(r.Facts, settings.Weights);
            return new CellRow(r.CellId, r.Cell, r, criteria, DevelopmentScore.Total(criteria), read.Ratings.GetValueOrDefault(r.CellId));
        })];
    }

    /// <summary>Members on the roll some day of the year (admitted by its end, not gone before it began), in the cells.</summary>
    /// <remarks>
    /// Kept with the figures under the data version (decision 0035): the dashboard's card and the ratings page summarise
    /// a commune's 1,300 members at every view, though a rating or a member changes a few times a year; every write of
    /// a member, a person or a rating raises the version. The rows and their ratings are shared: read-only.
    /// </remarks>
    public async Task<IReadOnlyList<MemberRow>> MembersAsync(IReadOnlyCollection<int> cellIds, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cellIds);
        return await figures.GetRowsAsync(db, "rating-members", FigureCache.YearAndCells(year, cellIds), () => ReadMembersAsync(cellIds, year, ct), ct);
    }

    private async Task<IReadOnlyList<MemberRow>> ReadMembersAsync(IReadOnlyCollection<int> cellIds, int year, CancellationToken ct)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var onRoll = db.Members.AsNoTracking().Where(m => cellIds.Contains(m.CellId)
                && (m.CeremonyDate == null || m.CeremonyDate <= last)
                && (m.Status < MemberStatus.Removed || m.StatusDate == null || m.StatusDate >= first));
        var members = await onRoll.Select(m => new { m.Id, m.Person.FullName, m.Person.NameSortKey, m.CellId, Cell = m.Cell.Name, m.Status }).ToListAsync(ct);
        // The same members as a subquery, not their ids as a list: a commune's 1,300 ids were 1,300 parameters, bound
        // and the SQL generated again at every view (docs/benchmarks.md, the load on one commune; a list is one
        // parameter now, decision 0040, but still 1,300 ids written and parsed). OfMembers lifts the
        // cell filter for the whole query, the subquery too: the Member cell filter is applied in it by name, so that no
        // rating of a member the user cannot see is read.
        var visible = onRoll.Where(db.MemberInScopeCells).Select(m => m.Id);
        var ratings = await OfMembers(db).AsNoTracking().Where(r => r.Year == year && visible.Contains(r.MemberId!.Value))
            .ToDictionaryAsync(r => r.MemberId!.Value, ct);
        return [.. members.Select(m => new MemberRow(m.Id, m.FullName, m.NameSortKey, m.CellId, m.Cell, m.Status, ratings.GetValueOrDefault(m.Id)))
            .OrderBy(m => m.Cell, Lookups.Collator).ThenBy(m => m.NameSortKey, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The year's summary of the cells and of their members (the dashboard's card): the same rows as
    /// <see cref="CellsAsync"/> and <see cref="MembersAsync"/> count, without the development results.
    /// </summary>
    public async Task<(Summarised Cells, Summarised Members)> SummariesAsync(IReadOnlyCollection<int> cellIds, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cellIds);
        var cells = await db.Organisations.AsNoTracking().Where(o => cellIds.Contains(o.Id) && o.Kind == Core.Organisations.OrganisationKind.Cell).Select(o => o.Id).ToListAsync(ct);
        var ratings = await db.QualityRatings.AsNoTracking().Where(r => r.Year == year && r.MemberId == null && cellIds.Contains(r.CellId)).ToDictionaryAsync(r => r.CellId, ct);
        return (Summary(cells.Select(ratings.GetValueOrDefault)), Summary((await MembersAsync(cellIds, year, ct)).Select(m => m.Rating)));
    }

    /// <summary>The year the dashboard shows: the latest up to <paramref name="today"/>'s with a level decided in these cells.</summary>
    public Task<int?> LatestYearAsync(IReadOnlyCollection<int> cellIds, DateOnly today, CancellationToken ct) =>
        db.QualityRatings.AsNoTracking().Where(r => r.Level != null && r.Year <= today.Year && cellIds.Contains(r.CellId)).MaxAsync(r => (int?)r.Year, ct);

    /// <summary>The summary upward: how many at each level, and how many not yet rated.</summary>
    public static Summarised Summary(IEnumerable<QualityRatingRecord?> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var list = ratings.ToList();
        return new Summarised(QualityRatings.Summary(list.Where(r => r?.Level is not null).Select(r => r!.Level!.Value)), list.Count(r => r?.Level is null));
    }
}
