namespace PhatTrienDangVien.Web.Pages.Shared;

/// <summary>One field that differs between what the user submitted and what another user saved meanwhile.</summary>
public sealed record FieldConflict(string Field, string? Yours, string? Theirs);
