using PhatTrienDangVien.Core.Text;

namespace PhatTrienDangVien.Core.Reference;

/// <summary>Look-ups shared by the reference lists.</summary>
public static class ReferenceLists
{
    /// <summary>The item with this code (exact, ordinal, trimmed), or null.</summary>
    public static ReferenceItem? FindCode(this IReadOnlyList<ReferenceItem> items, string? code)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (code is null)
        {
            return null;
        }

        var trimmed = code.Trim();
        foreach (var item in items)
        {
            if (string.Equals(item.Code, trimmed, StringComparison.Ordinal))
            {
                return item;
            }
        }

        return null;
    }

    /// <summary>The item whose name matches ignoring case and diacritics (for imports), or null.</summary>
    public static ReferenceItem? FindName(this IReadOnlyList<ReferenceItem> items, string? name)
    {
        ArgumentNullException.ThrowIfNull(items);
        var folded = VietnameseText.Fold(name);
        if (folded.Length == 0)
        {
            return null;
        }

        foreach (var item in items)
        {
            if (string.Equals(VietnameseText.Fold(item.Name), folded, StringComparison.Ordinal))
            {
                return item;
            }
        }

        return null;
    }

    /// <summary>Position of the code in the list (lists of levels are in ascending order), or -1.</summary>
    public static int RankOf(this IReadOnlyList<ReferenceItem> items, string? code)
    {
        ArgumentNullException.ThrowIfNull(items);
        for (var i = 0; i < items.Count; i++)
        {
            if (string.Equals(items[i].Code, code, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
