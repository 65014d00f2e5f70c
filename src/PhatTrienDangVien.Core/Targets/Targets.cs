using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Organisations;

namespace PhatTrienDangVien.Core.Targets;

/// <summary>
/// A development target (chỉ tiêu) and the resolution that adopted it (số, ngày, cơ quan ban hành).
/// The resolution fields are optional because a target is often typed in before the resolution is signed.
/// </summary>
public abstract class AdoptedTarget : CommuneEntity
{
    /// <summary>Number of new members to admit.</summary>
    public int Count { get; set; }
    public string? ResolutionNumber { get; set; }
    public DateOnly? ResolutionDate { get; set; }
    public string? ResolutionIssuer { get; set; }
}

/// <summary>The term target, e.g. 130 new members for 2025–2030; one per <see cref="Term"/>.</summary>
public class TermTarget : AdoptedTarget
{
    public int TermId { get; set; }
    public Term Term { get; set; } = null!;
}

/// <summary>The target of one calendar year of a term (one per commune and year), with its sub-targets.</summary>
public class YearTarget : AdoptedTarget
{
    public int TermId { get; set; }
    public Term Term { get; set; } = null!;
    public int Year { get; set; }
    public List<YearSubTarget> SubTargets { get; set; } = [];
}

/// <summary>Kinds of "at least N" sub-targets a yearly resolution sets.</summary>
public enum SubTargetKind
{
    /// <summary>Đảng viên trẻ: aged 18–30 at admission.</summary>
    YoungMembers = 1,
    Women = 2,
    /// <summary>Admitted from school cells (teachers, staff).</summary>
    FromSchools = 3,
}

/// <summary>
/// "At least N of kind K" within a year's target. Edited together with its
/// <see cref="YearTarget"/>, whose version guards both.
/// </summary>
public class YearSubTarget : CommuneEntity
{
    public int YearTargetId { get; set; }
    public SubTargetKind Kind { get; set; }
    public int Count { get; set; }
}

/// <summary>A cell's share of one year's target (one per cell and year), adopted by the cell's own resolution.</summary>
public class CellTarget : AdoptedTarget
{
    public int Year { get; set; }
    public int CellId { get; set; }
    public Organisation Cell { get; set; } = null!;
}
