namespace PhatTrienDangVien.Web.Pages.Shared;

/// <summary>One field that differs between what the user submitted and what another user saved meanwhile.</summary>
public sealed record FieldConflict(string Field, string? Yours, string? Theirs);

public static class ConflictValues
{
    /// <summary>A stored value as the user would read it on the form (Vietnamese labels and dates, not code names).</summary>
    public static string? Show(object? value) => value switch
    {
        null => null,
        bool b => b ? "có" : "không",
        DateOnly d => d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
        Core.Reference.Gender g => Lookups.GenderName(g),
        Core.People.MemberStatus st => Lookups.StatusName(st),
        Core.People.CommitteePositions p => Lookups.PositionNames(p),
        IEnumerable<Core.People.CommitteePositions> ps => string.Join(", ", ps.Order().Select(Lookups.PositionNames)),
        IEnumerable<int> ids => string.Join(", ", ids.Order()),
        _ => value.ToString(),
    };
}
