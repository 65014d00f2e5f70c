namespace PhatTrienDangVien.Web.Pages.Shared;

/// <summary>Paging and sorting of a list page, bound from the query string.</summary>
public sealed class ListQuery
{
    public const int DefaultPageSize = 25;

    public int Page { get; set; } = 1;
    public int PageSize { get; set; } = DefaultPageSize;
    public string? Sort { get; set; }
    public bool Desc { get; set; }

    /// <summary>The print view (<c>q.Print=true</c>, what "In" opens): the whole filtered list on one page, up to
    /// <see cref="PrintLimit"/> rows, so that paper holds the list and not the 25 rows on screen.</summary>
    public bool Print { get; set; }

    /// <summary>The most rows one print view holds (some 60 A4 pages); a longer list says so and points to the .xlsx.</summary>
    public const int PrintLimit = 2000;

    /// <summary>Pages beyond 100,000 are a typed-in mistake; clamping keeps the offset from overflowing.</summary>
    public int Skip => Print ? 0 : (Math.Clamp(Page, 1, 100_000) - 1) * Size;
    public int Size => Print ? PrintLimit : Math.Clamp(PageSize, 5, 200);

    /// <summary>Whether the request is a list's print view (read by the shared pager, which gets no <see cref="ListQuery"/>).</summary>
    public static bool IsPrint(Microsoft.AspNetCore.Http.HttpRequest request) =>
        bool.TryParse(request?.Query["q.Print"].ToString(), out var print) && print;

    /// <summary>The address of the print view of the list at <paramref name="request"/>: its filters and sort, no page.</summary>
    public static string PrintLink(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var q = request.Query.Where(kv => kv.Key is not "q.Page" and not "q.Print" and not "handler")
            .Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value.ToString())}");
        return request.Path + "?" + string.Join("&", q.Append("q.Print=true"));
    }
}

public sealed record PageResult<T>(IReadOnlyList<T> Items, int Total, ListQuery Query)
{
    public int PageCount => Math.Max(1, (Total + Query.Size - 1) / Query.Size);
}
