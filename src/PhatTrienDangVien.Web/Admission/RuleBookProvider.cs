using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Admission;

/// <summary>The rule book in force: Core's defaults, overridden by the versions an administrator stored.</summary>
/// <remarks>
/// Kept in memory under the installation's data version, read from the database once per request: a version
/// added on one server is used by every server from their next request (no stale copy, no restart).
/// </remarks>
public sealed class RuleBookProvider(AppDbContext db, InstallationCache cache)
{
    private RuleBook? _book;

    public async Task<RuleBook> GetAsync(CancellationToken ct)
    {
        if (_book is { } book) return book;
        var version = await cache.VersionAsync(db, ct);
        if (cache.Rules is { } cached && cached.Version == version) return _book = cached.Book;
        var rows = await db.RuleParameters.AsNoTracking().ToListAsync(ct);
        _book = RuleBook.Defaults.With(rows);
        cache.Rules = (version, _book);
        return _book;
    }
}

/// <summary>What every commune of the installation shares and rarely changes (rules, calendar), with the version it was read at.</summary>
public sealed class InstallationCache
{
    public (long Version, RuleBook Book)? Rules { get; set; }
    public (long Version, Core.Calendar.WorkingDayCalendar Calendar)? Calendar { get; set; }

    /// <remarks>
    /// Under one commune's scope, read with the commune's version in one query and kept for the request
    /// (<c>VersionsRead</c>), as the figures read them: a page that reads the rules and a kept figure asks once, and the
    /// rules are those of the versions its figures are keyed by.
    /// </remarks>
    public async Task<long> VersionAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await DataVersions.OfRequestAsync(db, ct) is { } read) return read.Installation;
        return await db.DataVersions.AsNoTracking().Where(v => v.CommuneId == DataVersions.Installation).Select(v => v.Value).FirstOrDefaultAsync(ct);
    }
}
