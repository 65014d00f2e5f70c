using System.Text.RegularExpressions;
using PhatTrienDangVien.Core.Text;

namespace PhatTrienDangVien.Web.Import;

/// <summary>
/// The commune's cells as a register names them. Offices write the same cell as "Chi bộ Ấp Mỹ An", "CB ấp Mỹ An",
/// "C/b Ấp Mỹ An", "chi bo ap My An" or "Ấp Mỹ An": names are compared folded (case, marks, NFC, spaces and
/// punctuation), without the "Chi bộ"/"CB"/"C/b" prefix, then without "Ấp" as well when that still names one cell only.
/// A name that matches two cells is never mapped to either; one that matches none is compared with every cell for the
/// nearest, which the preview offers ("Có phải …?") before creating a new cell.
/// </summary>
public sealed partial class CellNames
{
    private readonly Dictionary<string, List<(int Id, string Name)>> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int Id, string Name)>> _byBare = new(StringComparer.Ordinal);
    private readonly List<(string Bare, string Name)> _all = [];

    /// <param name="cells">
    /// The commune's cells; a name an inactive cell shares with an active one means the active one (a dissolved cell's
    /// successor often keeps its name).
    /// </param>
    public CellNames(IEnumerable<(int Id, string Name, bool Active)> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        foreach (var group in cells.GroupBy(c => Key(c.Name)))
        {
            var chosen = group.Any(c => c.Active) ? group.Where(c => c.Active) : group;
            foreach (var c in chosen)
            {
                Add(_byKey, group.Key, (c.Id, c.Name));
                Add(_byBare, Bare(group.Key), (c.Id, c.Name));
                _all.Add((Bare(group.Key), c.Name));
            }
        }
    }

    private static void Add(Dictionary<string, List<(int, string)>> index, string key, (int, string) cell)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(cell);
    }

    [GeneratedRegex(@"^(chi bo|chibo|cb|c b)( |$)")]
    private static partial Regex FoldedPrefix();

    // The same prefixes on the text as written, to keep the rest of the name as the office spelled it.
    [GeneratedRegex(@"^\s*(chi\s*b[ộôo]|cb|c\s*/\s*b)(?=[\s.:\-]|$)[\s.:\-]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WrittenPrefix();

    /// <summary>The name folded, without the "Chi bộ" prefix in any of its spellings: "ap my an".</summary>
    public static string Key(string name)
    {
        var folded = ImportFields.FoldName(name);
        return FoldedPrefix().Match(folded) is { Success: true } m ? folded[m.Length..] : folded;
    }

    /// <summary>The key without "ấp" in front: "my an".</summary>
    private static string Bare(string key) => key.StartsWith("ap ", StringComparison.Ordinal) ? key[3..] : key;

    /// <summary>The name a new cell gets: "Chi bộ " and the name as written without its own prefix ("CB ấp Mỹ An" → "Chi bộ ấp Mỹ An").</summary>
    public static string Label(string written)
    {
        var text = VietnameseText.Normalize(written) ?? "";
        var rest = WrittenPrefix().Match(text) is { Success: true } m ? text[m.Length..].Trim() : text.Trim();
        return rest.Length == 0 ? text : "Chi bộ " + rest;
    }

    /// <summary>The one cell the name means; or none, with the cells it could mean when there are several.</summary>
    public ((int Id, string Name)? Cell, IReadOnlyList<string> Ambiguous) Find(string written)
    {
        var key = Key(written);
        if (key.Length == 0) return (null, []);
        var hits = _byKey.TryGetValue(key, out var exact) ? exact : _byBare.TryGetValue(Bare(key), out var bare) ? bare : [];
        return hits.Count switch
        {
            0 => (null, []),
            1 => (hits[0], []),
            _ => (null, [.. hits.Select(c => c.Name)]),
        };
    }

    /// <summary>Up to two existing cells whose names are a slip of the pen away (a letter or two per four).</summary>
    public IReadOnlyList<string> Nearest(string written)
    {
        var bare = Bare(Key(written));
        if (bare.Length == 0) return [];
        var limit = Math.Max(1, bare.Length / 4);
        return [.. _all.Select(c => (c.Name, Distance: Distance(bare, c.Bare)))
            .Where(c => c.Distance <= limit).OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name).Distinct().Take(2)];
    }

    /// <summary>Levenshtein distance: letters added, dropped or changed.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
