namespace PhatTrienDangVien.Core.Reference;

/// <summary>
/// One entry of a reference list: a stable code to store in the database and the Vietnamese name to show.
/// Codes are never reused or renumbered; names may be corrected.
/// </summary>
public sealed record ReferenceItem(string Code, string Name);
