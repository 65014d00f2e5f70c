using System.Globalization;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using PhatTrienDangVien.Web.Application;

namespace PhatTrienDangVien.Web.Import;

/// <summary>
/// The sheets read from uploaded files, kept a short while in this process so that the upload, the preview, the choices
/// and the commit of the same file read the workbook once (reading 10,000 rows — unzipping, cutting, parsing — is the
/// larger part of each of those steps). Keyed by what decides the result: the SHA-256 of the bytes, the kind of list
/// and the commune's remembered mapping (it decides which row is the header). When the sheet is not here (expired,
/// pushed out, the application restarted, another server answered the upload) the file is read again from the bytes
/// kept with the upload, with the same result. Decision 0022.
/// </summary>
public sealed class SheetCache : IDisposable
{
    /// <summary>
    /// The cache's size is counted in cells (rows × columns): a 10,000-row register of a dozen columns is about 120,000,
    /// some 15 MB in memory; this holds a few such files at once, and a file larger than the whole limit is not kept.
    /// </summary>
    public const long MaxCells = 1_000_000;

    private static readonly TimeSpan s_idle = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_longest = TimeSpan.FromMinutes(30);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxCells });
    private int _hits;
    private int _reads;

    /// <summary>How many reads were answered from the cache, and how many read the file (for the tests).</summary>
    internal (int Hits, int Reads) Counts => (_hits, _reads);

    /// <summary><see cref="RegisterSheet.Read"/>, answered from the cache when the same bytes were read the same way.</summary>
    public (RegisterSheet? Sheet, string? Error) Read(byte[] content, ImportKind kind, IReadOnlyDictionary<string, ImportField>? remembered)
    {
        ArgumentNullException.ThrowIfNull(content);
        // Only a file that could be a register is hashed and kept; anything refused before opening is refused as before.
        if (content.Length == 0 || content.Length > RegisterSheet.MaxBytes) return RegisterSheet.Read(content, kind, remembered);
        var key = Key(content, kind, remembered);
        if (_cache.TryGetValue(key, out RegisterSheet? kept) && kept is not null)
        {
            Interlocked.Increment(ref _hits);
            return (kept, null);
        }
        Interlocked.Increment(ref _reads);
        var (sheet, error) = RegisterSheet.Read(content, kind, remembered);
        // Errors are not kept: a refused file is not previewed or committed, so nobody would read it again.
        if (sheet is not null)
            _cache.Set(key, sheet, new MemoryCacheEntryOptions
            {
                Size = Math.Max(1, (long)sheet.Rows.Count * Math.Max(1, sheet.Columns.Count)),
                SlidingExpiration = s_idle,
                AbsoluteExpirationRelativeToNow = s_longest,
            });
        return (sheet, error);
    }

    /// <summary>Drops every kept sheet: the next read of any file reads it (the tests' way to take the other path).</summary>
    internal void Clear() => _cache.Clear();

    private static string Key(byte[] content, ImportKind kind, IReadOnlyDictionary<string, ImportField>? remembered)
    {
        var key = new StringBuilder(ContentHash.Sha256(content)).Append('|').Append((int)kind);
        // In a fixed order, so that the same mapping read back from the database in another order finds the same entry.
        foreach (var (header, field) in (remembered ?? new Dictionary<string, ImportField>()).OrderBy(p => p.Key, StringComparer.Ordinal))
            key.Append('|').Append(header.Length).Append(':').Append(header).Append('=').Append(((int)field).ToString(CultureInfo.InvariantCulture));
        return key.ToString();
    }

    public void Dispose() => _cache.Dispose();
}
