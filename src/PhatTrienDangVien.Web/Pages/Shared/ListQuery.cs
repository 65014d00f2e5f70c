namespace PhatTrienDangVien.Web.Pages.Shared;

/// <summary>Paging and sorting of a list page, bound from the query string.</summary>
public sealed class ListQuery
{
    public const int DefaultPageSize = 25;

    public int Page { get; set; } = 1;
    public int PageSize { get; set; } = DefaultPageSize;
    public string? Sort { get; set; }
    public bool Desc { get; set; }

    /// <summary>Pages beyond 100,000 are a typed-in mistake; clamping keeps the offset from overflowing.</summary>
    public int Skip => (Math.Clamp(Page, 1, 100_000) - 1) * Size;
    public int Size => Math.Clamp(PageSize, 5, 200);
}

public sealed record PageResult<T>(IReadOnlyList<T> Items, int Total, ListQuery Query)
{
    public int PageCount => Math.Max(1, (Total + Query.Size - 1) / Query.Size);
}
