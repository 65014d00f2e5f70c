namespace PhatTrienDangVien.Web.Authorization;

/// <summary>
/// What the current user may see. The DbContext's query filters read it, so every page and API query is scoped
/// in one place. The default is <see cref="Nothing"/>: a request nobody identified sees no record.
/// <paramref name="OwnMemberId"/> is the user's own member record, when the account has one.
/// </summary>
public sealed record DataScope(
    bool Unrestricted,
    int CommuneId,
    bool WholeCommune,
    IReadOnlyList<int> CellIds,
    IReadOnlyList<int> VisibleOrganisationIds,
    int? MentorMemberId,
    string Role,
    int? OwnMemberId = null)
{
    public static readonly DataScope Nothing = new(false, -1, false, [], [], null, "");

    /// <summary>For the command line, migrations, seeding and background work: no filter at all.</summary>
    public static readonly DataScope System = new(true, 0, true, [], [], null, Roles.Administrator);

    /// <summary>
    /// The province's reports across its communes (the board's table, the new-members report): reads every commune and
    /// the installation, writes nothing (<see cref="Data.AppDbContext"/> refuses a save under it). Who may see the
    /// result is the page's permission (ViewProvince); the cells each report gathers are what limits the read.
    /// </summary>
    public static readonly DataScope ProvinceReader = new(true, 0, true, [], [], null, Roles.ProvinceBoard);

    public bool IsReadOnly => ReferenceEquals(this, ProvinceReader);

    /// <summary>
    /// The communes this scope reads, as the range the query filters compare <c>CommuneId</c> with (decision 0039):
    /// one commune is a range of one; the system's is every id.
    /// </summary>
    public int CommuneLow => Unrestricted ? int.MinValue : CommuneId;

    public int CommuneHigh => Unrestricted ? int.MaxValue : CommuneId;

    public bool CoversCell(int cellId) => Unrestricted || WholeCommune || CellIds.Contains(cellId);

    /// <summary>The province board before it chose a commune to look into: its pages are the province's.</summary>
    public bool IsProvinceWithoutCommune => Role == Roles.ProvinceBoard && CommuneId <= 0;
}

/// <summary>Holds the scope for one request (or one command); set once by <see cref="ScopeMiddleware"/>.</summary>
public sealed class CurrentScope
{
    public DataScope Scope { get; private set; } = DataScope.Nothing;

    public void Set(DataScope scope) => Scope = scope;
}
